#!/usr/bin/env bash
# `make restore BACKUP=archive.tar.gpg [NAME=db] [FORCE=1] [REAL=1] [CHECK=1]`: decrypt an archive of
# scripts/backup.sh, check every checksum of its manifest, refuse it when it was made by a newer
# Odoo or a newer jianxi_internship than this code, and restore it into a NEW database (default
# <database>_restore_<date>) with its filestore. An existing database (or filestore) of that name is
# refused unless FORCE=1, which replaces it. The copy is neutralised (odoo-bin neutralize: outgoing
# mail goes to a dummy server, crons are deactivated) unless REAL=1, the restore after a disaster.
# CHECK=1 stops after the checks: the archive decrypts and every file matches its checksum.
# The key: JIANXI_BACKUP_PASSPHRASE_FILE (symmetric), or the private key in gpg's keyring.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load_backup_config
ARCHIVE=${1:-${BACKUP:-}}
NAME=${JIANXI_RESTORE_DB:-${NAME:-}}
DATA_DIR=${JIANXI_DATA_DIR:-$JIANXI_CACHE/data}
TOOL="$REPO_DIR/scripts/backup_tool.py"
umask 077

[ -n "$ARCHIVE" ] || die "which archive? make restore BACKUP=path/to/DB-YYYYmmddTHHMMSSZ.tar.gpg [NAME=new_db]"
[ -f "$ARCHIVE" ] || die "no archive at $ARCHIVE"
ensure_postgres
ensure_odoo_source
ensure_venv
write_odoo_conf

mkdir -p "$DATA_DIR/filestore"
# Unpacked next to the filestores, so that moving the filestore into place is a rename.
work=$(mktemp -d "$DATA_DIR/.restore-XXXXXX")
trap 'rm -rf "$work"' EXIT

log "decrypting $ARCHIVE"
decrypt=(--batch --quiet --decrypt)
if [ -n "${JIANXI_BACKUP_PASSPHRASE_FILE:-}" ]; then
  decrypt+=(--pinentry-mode loopback --passphrase-file "$JIANXI_BACKUP_PASSPHRASE_FILE")
fi
gpg "${decrypt[@]}" "$ARCHIVE" | tar -C "$work" -xf - \
  || die "could not decrypt or unpack $ARCHIVE (wrong passphrase or key? damaged file?)"
python3 "$TOOL" verify "$work" >&2 || die "$ARCHIVE is damaged: nothing restored"
python3 "$TOOL" check-versions "$work" "$ODOO_SRC" "$REPO_DIR/jianxi_internship" >&2 \
  || die "refused: nothing restored"
if [ "${CHECK:-}" = 1 ]; then
  log "CHECK=1: the archive decrypts and matches its manifest; nothing restored"
  exit 0
fi

source_db=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["database"])' "$work/manifest.json")
NAME=${NAME:-${source_db}_restore_$(date +%Y%m%d_%H%M%S)}
[[ "$NAME" =~ ^[A-Za-z0-9_.-]+$ ]] || die "database name $NAME: use letters, digits, _ . - only"
db_exists=$(psql -d postgres -v db="$NAME" -tA <<<"select 1 from pg_database where datname = :'db'")
if [ "$db_exists" = 1 ] || [ -e "$DATA_DIR/filestore/$NAME" ]; then
  [ "${FORCE:-}" = 1 ] || die "database or filestore $NAME exists: choose another NAME=..., or FORCE=1 to replace it"
  log "FORCE=1: dropping the existing database $NAME and its filestore"
  dropdb --if-exists --force -- "$NAME"
  rm -rf "${DATA_DIR:?}/filestore/$NAME"
fi

log "restoring into the new database $NAME"
# As Odoo makes its databases: UTF-8, collation C, from template0 (the dump creates the extensions).
createdb -T template0 -E UTF8 --lc-collate=C -- "$NAME"
pg_restore --no-owner --no-privileges --exit-on-error -j 2 -d "$NAME" "$work/dump.pgc" \
  || { dropdb --if-exists -- "$NAME"; die "pg_restore failed: the database $NAME was dropped again"; }
mv "$work/filestore" "$DATA_DIR/filestore/$NAME"

if [ "${REAL:-}" = 1 ]; then
  log "REAL=1: not neutralised. Crons run and mail goes out as soon as Odoo serves $NAME"
else
  log "neutralising $NAME (outgoing mail to a dummy server, crons off, a banner on every page)"
  odoo_cmd neutralize -d "$NAME" --log-level=warn
  # A copy is another database: its own uuid (Odoo's duplicate does the same).
  psql -q -d "$NAME" -c "update ir_config_parameter set value = gen_random_uuid()::text where key = 'database.uuid'"
fi

cat <<MSG >&2

  Restored $ARCHIVE
  into the database $NAME (filestore $DATA_DIR/filestore/$NAME)$([ "${REAL:-}" = 1 ] || echo ", neutralised").
  Serve it alone, without the database manager or the database list:
    JIANXI_DB=$NAME make serve        (writes list_db = False and dbfilter = ^$NAME\$)
  or with your own configuration file:
    db_name = $NAME
    dbfilter = ^$NAME\$
    list_db = False

MSG
