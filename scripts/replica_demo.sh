#!/usr/bin/env bash
# `make replica-demo`: on this machine, a PostgreSQL hot standby of the cluster by streaming
# replication (a second cluster on JIANXI_REPLICA_PORT, 5433, made with pg_basebackup), Odoo started
# with db_replica_host/db_replica_port, the public board requested, and an applicant applying
# through the portal. It prints, from each server's own statistics, where the board's queries and
# the application's writes ran. It changes the primary's pg_hba.conf once (one line: replication
# over the local socket for the OS user postgres) and leaves the standby running for more tries;
# JIANXI_REPLICA_STOP=1 stops it at the end.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB=${JIANXI_DB:-jianxi_replica_demo}
REPLICA_PORT=${JIANXI_REPLICA_PORT:-5433}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${JIANXI_PORT:-$(free_port)}
setup_all

PG_VERSION=$(psql -d postgres -tAc "show server_version_num" | cut -c1-2)
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
STANDBY_DIR=/var/lib/postgresql/$PG_VERSION/jianxi_standby
HBA=$(psql -d postgres -tAc "show hba_file")
as_postgres() { as_root runuser -u postgres -- env PGUSER=postgres "$@"; }

if [ "$(psql -d postgres -v db="$DB" -tA <<<"select 1 from pg_database where datname = :'db'")" != 1 ]; then
  log "creating $DB with jianxi_internship and its demo data"
  odoo_bin -d "$DB" -i jianxi_internship --load-language=zh_CN --stop-after-init --log-level=warn
fi

if ! as_root grep -q '^local[[:space:]]\+replication[[:space:]]\+postgres' "$HBA"; then
  log "allowing replication over the local socket for the OS user postgres ($HBA)"
  echo "local replication postgres peer" | as_root tee -a "$HBA" >/dev/null
  psql -d postgres -tAc "select pg_reload_conf()" >/dev/null
fi

if ! as_postgres "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" status >/dev/null 2>&1; then
  log "making the standby in $STANDBY_DIR with pg_basebackup, port $REPLICA_PORT"
  as_root rm -rf "$STANDBY_DIR"
  as_root install -d -m 700 -o postgres -g postgres "$STANDBY_DIR"
  as_postgres "$PG_BIN/pg_basebackup" -D "$STANDBY_DIR" -R -X stream -c fast
  # Debian keeps the primary's configuration in /etc: the standby gets a file of its own, its own
  # port, the socket directory of the primary and the same authentication rules.
  as_postgres tee "$STANDBY_DIR/postgresql.conf" >/dev/null <<CONF
port = $REPLICA_PORT
listen_addresses = ''
unix_socket_directories = '/var/run/postgresql'
hot_standby = on
shared_buffers = 64MB
hba_file = '$HBA'
ident_file = '$(psql -d postgres -tAc "show ident_file")'
CONF
  as_postgres "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" -l "$STANDBY_DIR/standby.log" -w start
fi
in_recovery=$(psql -p "$REPLICA_PORT" -d "$DB" -tAc "select pg_is_in_recovery()")
[ "$in_recovery" = t ] || die "the server on port $REPLICA_PORT is not a standby"
log "standby on port $REPLICA_PORT is in recovery (a hot standby), streaming from the primary"

odoo_log="$JIANXI_CACHE/replica-demo-$DB.log"
PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --gevent-port="$(free_port)" --workers=2 --max-cron-threads=0 \
  --db_replica_host=/var/run/postgresql --db_replica_port="$REPLICA_PORT" --logfile="$odoo_log" &
odoo_pid=$!  # the server itself (not a subshell), so that the trap stops it
trap 'kill $odoo_pid 2>/dev/null; wait $odoo_pid 2>/dev/null || true
      [ "${JIANXI_REPLICA_STOP:-}" = 1 ] && as_postgres "$PG_BIN/pg_ctl" -D "$STANDBY_DIR" stop -m fast' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/web/login" && break; sleep 1; done

# The applicant who applies: a demo applicant whose profile is complete and who has no open
# application, given a portal login for the demo (made once).
PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$DB" --no-http \
  --log-level=warn >"$JIANXI_CACHE/replica-demo-user" <<'PY'
from odoo.addons.jianxi_internship.models.jianxi_internship import OPEN_STATES

Internship = env["jianxi.internship"]
user = env["res.users"].search([("login", "=", "replica_demo")])
if not user:
    for applicant in env["jianxi.applicant"].search([("partner_id.user_ids", "=", False)]):
        open_ones = Internship.search_count([("applicant_id", "=", applicant.id), ("state", "in", OPEN_STATES)])
        if not applicant._jianxi_apply_missing() and not open_ones:
            user = env["res.users"].with_context(no_reset_password=True).create({
                "login": "replica_demo",
                "partner_id": applicant.partner_id.id,
                "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
            })
            break
Internship.search([("applicant_id.partner_id", "=", user.partner_id.id), ("state", "in", OPEN_STATES)]).sudo().write(
    {"state": "withdrawn"}  # a second try of the demo applies again
)
user.password = "replica-demo"
position = env["jianxi.position"].search(env["jianxi.position"]._jianxi_open_domain(), limit=1)
env.cr.commit()
print(user.login, position.id if user else "")
PY
read -r login position_id <"$JIANXI_CACHE/replica-demo-user"
[ -n "${position_id:-}" ] || die "no demo applicant can apply in $DB"

stats() {  # scans of the positions table, and rows inserted into internships, as server $1 counts them
  psql -p "$1" -d "$DB" -tA -F' ' -c "select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) from pg_stat_user_tables where relname = 'jianxi_position'" \
    -c "select n_tup_ins from pg_stat_user_tables where relname = 'jianxi_internship'" | paste -sd' '
}
read -r standby_scans_0 standby_ins_0 <<<"$(stats "$REPLICA_PORT")"
read -r primary_scans_0 primary_ins_0 <<<"$(stats 5432)"

log "a visitor requests the board 10 times and one position page"
for _ in $(seq 1 10); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/internships"; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/internships/positions/$position_id"

log "$login signs in and applies for position $position_id through the portal"
"$VENV/bin/python" - "$PORT" "$login" "$position_id" <<'PY'
import re, sys
import requests
port, login, position_id = sys.argv[1:]
base = f"http://127.0.0.1:{port}"
s = requests.Session()
page = s.get(f"{base}/web/login").text
csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
s.post(f"{base}/web/login", data={"login": login, "password": "replica-demo", "csrf_token": csrf}).raise_for_status()
page = s.get(f"{base}/internships/positions/{position_id}").text
csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
r = s.post(f"{base}/internships/positions/{position_id}/apply", data={"csrf_token": csrf})
r.raise_for_status()
print("apply:", r.status_code, r.url)
PY
sleep 12  # a backend flushes its statistics when it has been idle 10 s (PostgreSQL 15)
read -r standby_scans_1 standby_ins_1 <<<"$(stats "$REPLICA_PORT")"
read -r primary_scans_1 primary_ins_1 <<<"$(stats 5432)"

cat <<REPORT

  where the work ran (each server's own pg_stat_user_tables, before → after)
  ---------------------------------------------------------------------------------------
  standby :$REPLICA_PORT  scans of jianxi_position   $standby_scans_0 → $standby_scans_1  (+$((standby_scans_1 - standby_scans_0)))
  primary :5432  scans of jianxi_position   $primary_scans_0 → $primary_scans_1  (+$((primary_scans_1 - primary_scans_0)))
  primary :5432  rows inserted, jianxi_internship   $primary_ins_0 → $primary_ins_1  (+$((primary_ins_1 - primary_ins_0)))
  standby :$REPLICA_PORT  rows inserted, jianxi_internship   $standby_ins_0 → $standby_ins_1  (a standby cannot write)
  read-write retries in Odoo's log: $(grep -c "retrying with a read/write cursor" "$odoo_log" || true)

REPORT
