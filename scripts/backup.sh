#!/usr/bin/env bash
# `make backup`: one encrypted, dated archive per database, copied to a second place, old ones pruned.
# Each archive (DB-YYYYmmddTHHMMSSZ.tar.gpg) holds dump.pgc (pg_dump -Fc), filestore/ (the database's
# Odoo filestore, copied after the dump: Odoo only adds files there, so the copy holds every file the
# dump references) and manifest.json (Odoo and addon versions, date, sizes, sha256 of every file).
# pg_dump reads one snapshot, so it runs while Odoo serves. A failed backup tells the database's
# managers (见习管理员) in Odoo and exits non-zero. Settings (environment, or the file
# JIANXI_BACKUP_CONFIG, default /etc/jianxi/backup.env): see docs/backup.md.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load_backup_config
DBS=${JIANXI_BACKUP_DBS:-${JIANXI_DB:-jianxi}}
BACKUP_DIR=${JIANXI_BACKUP_DIR:-$JIANXI_CACHE/backups}
DATA_DIR=${JIANXI_DATA_DIR:-$JIANXI_CACHE/data}
COPY_TO=${JIANXI_BACKUP_COPY_TO:-}
KEEP_DAYS=${JIANXI_BACKUP_KEEP_DAYS:-14}
KEEP_WEEKS=${JIANXI_BACKUP_KEEP_WEEKS:-8}
TOOL="$REPO_DIR/scripts/backup_tool.py"
umask 077  # archives hold ID scans: readable by their owner only

ensure_postgres
ensure_odoo_source
ensure_venv
write_odoo_conf
mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR"

# gpg's arguments: to a public key (JIANXI_BACKUP_GPG_RECIPIENT, the private key kept off this host),
# or symmetric with the passphrase in JIANXI_BACKUP_PASSPHRASE_FILE. Never unencrypted.
ENCRYPT=()
set_encrypt_args() {
  if [ -n "${JIANXI_BACKUP_GPG_RECIPIENT:-}" ]; then
    ENCRYPT=(--encrypt --recipient "$JIANXI_BACKUP_GPG_RECIPIENT" --trust-model always)
  elif [ -n "${JIANXI_BACKUP_PASSPHRASE_FILE:-}" ]; then
    [ -s "$JIANXI_BACKUP_PASSPHRASE_FILE" ] && [ -r "$JIANXI_BACKUP_PASSPHRASE_FILE" ] \
      || { echo "the passphrase file $JIANXI_BACKUP_PASSPHRASE_FILE is missing, empty or unreadable" >&2; return 1; }
    ENCRYPT=(--symmetric --cipher-algo AES256 --pinentry-mode loopback --passphrase-file "$JIANXI_BACKUP_PASSPHRASE_FILE")
  else
    echo "set JIANXI_BACKUP_PASSPHRASE_FILE or JIANXI_BACKUP_GPG_RECIPIENT: archives are never written unencrypted" >&2
    return 1
  fi
}

is_local() { [[ "$1" != *:* ]]; }  # rsync's host:path and rsync:// targets are remote

if [ -z "$COPY_TO" ]; then
  cat >&2 <<'WARN'
[jianxi] ************************************************************************
[jianxi] WARNING: JIANXI_BACKUP_COPY_TO is not set: the archives stay on this disk.
[jianxi] A backup on the same disk as the database is not a backup. Set it to another
[jianxi] disk's folder or to host:/path (rsync over ssh).
[jianxi] ************************************************************************
WARN
elif is_local "$COPY_TO"; then
  mkdir -p "$COPY_TO"
  if [ "$(stat -c %d "$COPY_TO")" = "$(stat -c %d "$BACKUP_DIR")" ]; then
    log "WARNING: JIANXI_BACKUP_COPY_TO ($COPY_TO) is on the same file system as $BACKUP_DIR: not a second place"
  fi
fi

# One database: dump, filestore, manifest, encrypted archive, copy, prune. Runs in a subshell with
# set -e; the step it reached is written to $STEP_FILE for the failure notice.
backup_one() {
  local db=$1 stamp archive work
  step() { printf '%s' "$1" > "$STEP_FILE"; log "$db: $1"; }
  step "checking the encryption settings"
  set_encrypt_args
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  work=$(mktemp -d "$BACKUP_DIR/.work-$db-XXXXXX")
  WORK_DIR=$work  # for the trap, which runs after the function's locals are gone
  trap 'rm -rf "$WORK_DIR"' EXIT
  step "dumping the database (pg_dump -Fc)"
  pg_dump -Fc -f "$work/dump.pgc" "$db"
  # The files the database references now (a later snapshot than the dump's, and Odoo writes a
  # file before it commits the row), to check that the copy below holds each of them.
  psql -d "$db" -tAX -c "select distinct store_fname from ir_attachment where store_fname is not null" > "$work/referenced"
  step "copying the filestore"
  mkdir "$work/filestore"
  if [ -d "$DATA_DIR/filestore/$db" ]; then
    # Hard links when the backup folder is on the same file system (Odoo never rewrites a file in
    # place: a changed attachment gets a new file), a copy otherwise.
    cp -al "$DATA_DIR/filestore/$db/." "$work/filestore/" 2>/dev/null \
      || { rm -rf "$work/filestore" && mkdir "$work/filestore" && cp -a "$DATA_DIR/filestore/$db/." "$work/filestore/"; }
  fi
  local missing
  missing=$(while read -r fname; do [ -f "$work/filestore/$fname" ] || echo "$fname"; done < "$work/referenced")
  [ -z "$missing" ] || { echo "files referenced by $db are missing from $DATA_DIR/filestore/$db: $missing" >&2; return 1; }
  rm "$work/referenced"
  step "writing the manifest"
  python3 "$TOOL" manifest "$work" "$db" "$ODOO_SRC" "$REPO_DIR/jianxi_internship" >&2
  step "encrypting the archive"
  archive="$BACKUP_DIR/$db-$stamp.tar.gpg"
  tar -C "$work" -cf - manifest.json dump.pgc filestore | gpg --batch --yes --quiet "${ENCRYPT[@]}" -o "$archive.part"
  chmod 600 "$archive.part"
  mv "$archive.part" "$archive"
  log "$db: wrote $archive ($(stat -c %s "$archive") bytes)"
  if [ -n "$COPY_TO" ]; then
    step "copying the archive to $COPY_TO"
    rsync -a --chmod=D700,F600 "$archive" "$COPY_TO/"
    log "$db: copied to $COPY_TO"
  fi
  step "pruning archives older than $KEEP_DAYS days (keeping one a week for $KEEP_WEEKS weeks)"
  python3 "$TOOL" prune "$BACKUP_DIR" "$db" "$KEEP_DAYS" "$KEEP_WEEKS" >&2
  # A remote copy is pruned by its own host (the same command there); a local one here.
  if [ -n "$COPY_TO" ] && is_local "$COPY_TO"; then
    python3 "$TOOL" prune "$COPY_TO" "$db" "$KEEP_DAYS" "$KEEP_WEEKS" >&2
  fi
}

# The managers of the database hear of the failure in Odoo (inbox or mail, as each one chose).
notify_managers() {
  local db=$1 reason=$2
  if JIANXI_BACKUP_FAILURE="$reason" odoo_cmd shell -d "$db" --no-http --log-level=warn >/dev/null <<'PY'
import os
env["jianxi.backup"]._notify_backup_failure(env.cr.dbname, os.environ["JIANXI_BACKUP_FAILURE"])
env.cr.commit()
PY
  then
    log "$db: the managers were told of the failure"
  else
    log "$db: could not tell the managers in Odoo either (is the database reachable?): see this log"
  fi
}

STEP_FILE=$(mktemp)
trap 'rm -f "$STEP_FILE"' EXIT
failed=()
for db in $DBS; do
  set +e
  (set -e; backup_one "$db")
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    failed+=("$db")
    reason="$(cat "$STEP_FILE") failed (exit $rc) on $(hostname)"
    printf '[jianxi] ERROR: backup of %s: %s\n' "$db" "$reason" >&2
    notify_managers "$db" "$reason"
  fi
done
[ ${#failed[@]} -eq 0 ] || die "backup failed for: ${failed[*]}"
log "backup done: $DBS"
