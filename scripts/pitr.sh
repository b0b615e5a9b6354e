#!/usr/bin/env bash
# Point-in-time recovery for the primary PostgreSQL cluster (docs/backup.md): WAL archiving, base
# backups, and a recovery to a given time into a NEW cluster beside the primary (never over it).
#
#   bash scripts/pitr.sh enable          wal_level=replica, archive_mode=on, archive_command copying
#                                        each WAL segment to $JIANXI_WAL_ARCHIVE; needs a restart of
#                                        PostgreSQL (done when JIANXI_PITR_RESTART=1, else printed)
#   bash scripts/pitr.sh basebackup      pg_basebackup (tar, gzip) into $JIANXI_BASE_BACKUPS/base-<date>;
#                                        keeps the last $JIANXI_PITR_KEEP_BASE (4) and the WAL they need
#   bash scripts/pitr.sh restore 'TIME' [PORT]
#                                        a new cluster in $JIANXI_PITR_TARGET from the last base backup
#                                        made before TIME, replaying the archived WAL up to TIME
#                                        (recovery_target_time), then promoted and started on PORT
#                                        (default 5434); pg_dump the database from there, or switch to it.
#
# Runs as root (it acts as the OS user postgres). The server is the one psql reaches (PGHOST/PGPORT),
# the primary by default. This script is not run by the test suite: see docs/backup.md for how it
# was tried.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load_backup_config
WAL_ARCHIVE=${JIANXI_WAL_ARCHIVE:-/var/lib/postgresql/jianxi_wal_archive}
BASE_BACKUPS=${JIANXI_BASE_BACKUPS:-/var/lib/postgresql/jianxi_base_backups}
KEEP_BASE=${JIANXI_PITR_KEEP_BASE:-4}
as_postgres() { as_root runuser -u postgres -- env PGUSER=postgres ${PGHOST:+PGHOST=$PGHOST} ${PGPORT:+PGPORT=$PGPORT} "$@"; }
psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
pg_show() { as_postgres psql -X -tA -d postgres -c "show $1"; }
PG_VERSION=$(pg_show server_version_num | cut -c1-2)
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin

enable() {
  as_root install -d -m 700 -o postgres -g postgres "$WAL_ARCHIVE"
  # Never overwrite an archived segment (PostgreSQL's documented rule); a failed copy is retried.
  psql_admin -c "ALTER SYSTEM SET wal_level = 'replica'" \
    -c "ALTER SYSTEM SET archive_mode = 'on'" \
    -c "ALTER SYSTEM SET archive_command = 'test ! -f $WAL_ARCHIVE/%f && cp %p $WAL_ARCHIVE/%f'" \
    -c "ALTER SYSTEM SET archive_timeout = '300'"  # a quiet server still ships its WAL every 5 minutes
  if [ "$(pg_show archive_mode)" = on ]; then
    psql_admin -c "SELECT pg_reload_conf()" >/dev/null
    log "archive_mode was already on: archive_command reloaded"
  elif [ "${JIANXI_PITR_RESTART:-}" = 1 ]; then
    local data_dir
    data_dir=$(pg_show data_directory)
    log "restarting PostgreSQL ($data_dir) so that archive_mode takes effect"
    if [ -d "/etc/postgresql/$PG_VERSION/main" ] && [ "$data_dir" = "/var/lib/postgresql/$PG_VERSION/main" ]; then
      as_root pg_ctlcluster "$PG_VERSION" main restart
    else
      as_postgres "$PG_BIN/pg_ctl" -D "$data_dir" -w restart -m fast >/dev/null
    fi
  else
    log "archive_mode takes effect at the next restart of PostgreSQL: pg_ctlcluster $PG_VERSION main restart (or JIANXI_PITR_RESTART=1)"
  fi
  log "WAL segments will be archived to $WAL_ARCHIVE; take a base backup now: bash scripts/pitr.sh basebackup"
}

basebackup() {
  [ "$(pg_show archive_mode)" = on ] || die "archive_mode is off: bash scripts/pitr.sh enable first"
  local target
  target="$BASE_BACKUPS/base-$(date -u +%Y%m%dT%H%M%SZ)"
  as_root install -d -m 700 -o postgres -g postgres "$BASE_BACKUPS"
  as_postgres "$PG_BIN/pg_basebackup" -D "$target" -Ft -z -X fetch -c fast --label="jianxi $(basename "$target")"
  log "base backup in $target"
  # The oldest base backup kept decides which archived WAL is still needed.
  local old oldest
  mapfile -t old < <(as_root find "$BASE_BACKUPS" -maxdepth 1 -name 'base-*' | sort | head -n -"$KEEP_BASE")
  for dir in "${old[@]}"; do as_root rm -rf "$dir"; log "pruned $dir"; done
  oldest=$(as_root find "$BASE_BACKUPS" -maxdepth 1 -name 'base-*' | sort | head -1)
  # The first WAL segment the oldest base backup needs, from its backup_label; older ones go.
  local start_wal
  start_wal=$(as_root tar -xzOf "$oldest/base.tar.gz" backup_label | sed -nE 's/^START WAL LOCATION: .*\(file ([0-9A-F]{24})\)$/\1/p')
  if [ -n "$start_wal" ]; then as_postgres "$PG_BIN/pg_archivecleanup" "$WAL_ARCHIVE" "$start_wal"; fi
}

restore_to() {
  local when=$1 port=${2:-5434}
  local target=${JIANXI_PITR_TARGET:-/var/lib/postgresql/$PG_VERSION/jianxi_pitr}
  [ -n "$when" ] || die "restore to when? bash scripts/pitr.sh restore '2026-12-04 10:15:00+08' [PORT]"
  local when_epoch base
  when_epoch=$(date -d "$when" +%s) || die "cannot read the time $when"
  # The last base backup that ended before the target time.
  for dir in $(as_root find "$BASE_BACKUPS" -maxdepth 1 -name 'base-*' | sort -r); do
    if [ "$(date -u -d "$(basename "$dir" | sed -E 's/base-(....)(..)(..)T(..)(..)(..)Z/\1-\2-\3 \4:\5:\6 UTC/')" +%s)" -lt "$when_epoch" ]; then
      base=$dir
      break
    fi
  done
  [ -n "${base:-}" ] || die "no base backup in $BASE_BACKUPS older than $when"
  as_root test ! -e "$target" || die "$target exists: remove it, or set JIANXI_PITR_TARGET to a new folder"
  log "new cluster in $target from $base, WAL replayed up to $when, port $port"
  as_root install -d -m 700 -o postgres -g postgres "$target"
  as_postgres tar -C "$target" -xzf "$base/base.tar.gz"
  # (-X fetch puts the WAL of the backup itself inside base.tar.gz; -X stream in pg_wal.tar.gz)
  if as_root test -f "$base/pg_wal.tar.gz"; then as_postgres tar -C "$target/pg_wal" -xzf "$base/pg_wal.tar.gz"; fi
  local hba ident
  hba=$(pg_show hba_file)
  ident=$(pg_show ident_file)
  # Debian keeps the primary's configuration in /etc: the new cluster gets a file of its own.
  as_postgres tee "$target/postgresql.conf" >/dev/null <<CONF
port = $port
listen_addresses = ''
unix_socket_directories = '/var/run/postgresql'
hba_file = '$hba'
ident_file = '$ident'
archive_mode = off
restore_command = 'cp $WAL_ARCHIVE/%f %p'
recovery_target_time = '$when'
recovery_target_action = 'promote'
CONF
  as_postgres rm -f "$target/postgresql.auto.conf"
  as_postgres touch "$target/recovery.signal"
  as_postgres "$PG_BIN/pg_ctl" -D "$target" -l "$target/recovery.log" -w -t 600 start
  # pg_ctl returns once the server accepts connections; the replay may still fail (a target time
  # past the last archived WAL): wait for the promotion, or show why it stopped.
  local state=""
  for _ in $(seq 1 600); do
    state=$(as_postgres psql -X -tA -p "$port" -d postgres -c "select pg_is_in_recovery()" 2>/dev/null || true)
    [ "$state" = f ] && break
    as_postgres "$PG_BIN/pg_ctl" -D "$target" status >/dev/null || break
    sleep 1
  done
  [ "$state" = f ] || { as_root tail -5 "$target/recovery.log" >&2; die "recovery to $when failed (log: $target/recovery.log); $target is left for inspection"; }
  log "recovered to $when: psql -p $port -d <db>. Copy a database out with pg_dump -p $port, or serve it with db_port = $port. Stop it: runuser -u postgres -- $PG_BIN/pg_ctl -D $target stop"
}

case "${1:-}" in
  enable) enable ;;
  basebackup) basebackup ;;
  restore) restore_to "${2:-}" "${3:-}" ;;
  *) die "usage: bash scripts/pitr.sh enable | basebackup | restore 'YYYY-MM-DD HH:MM:SS+TZ' [PORT]" ;;
esac
