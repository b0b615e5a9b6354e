#!/usr/bin/env bash
# `make serve`: Odoo as it is deployed. Worker processes (prefork) sized from the core count, a
# gevent process for /websocket, behind a reverse proxy (proxy_mode, listening on 127.0.0.1 only;
# docs/nginx.conf is an example), one database and no database manager, a random master password.
# The database is made once without demo data (with Chinese); later starts update the addon only
# when JIANXI_UPDATE=1. See README.md, "Production".
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB=${JIANXI_DB:-jianxi_prod}
PORT=${JIANXI_PORT:-8069}
GEVENT_PORT=${JIANXI_GEVENT_PORT:-8072}
# Odoo's rule of thumb: 2 workers a core plus one (docs: deployment, "Worker number calculation").
WORKERS=${JIANXI_WORKERS:-$(( $(nproc) * 2 + 1 ))}
setup_all

# The master password (database manager, neutralisation): random, made once, readable by its owner only.
ADMIN_PASSWD_FILE="$JIANXI_CACHE/admin_passwd"
if [ ! -s "$ADMIN_PASSWD_FILE" ]; then
  install -m 600 /dev/null "$ADMIN_PASSWD_FILE"
  python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > "$ADMIN_PASSWD_FILE"
  log "master password written to $ADMIN_PASSWD_FILE (mode 0600)"
fi
chmod 600 "$ADMIN_PASSWD_FILE"  # also when an earlier hand left it readable

# The production configuration: the checkout's configuration (paths) with the deployment's options in
# place of its own (Odoo refuses an option given twice), mode 0600 since it holds the master password.
SERVE_CONF="$JIANXI_CACHE/serve-$DB.conf"
install -m 600 /dev/null "$SERVE_CONF"
(
  grep -Ev '^(admin_passwd|list_db|without_demo) ' "$ODOO_CONF"
  cat <<CONF
admin_passwd = $(cat "$ADMIN_PASSWD_FILE")
db_name = $DB
dbfilter = ^$DB\$
list_db = False
proxy_mode = True
http_interface = 127.0.0.1
http_port = $PORT
gevent_port = $GEVENT_PORT
workers = $WORKERS
max_cron_threads = 1
limit_time_cpu = 120
limit_time_real = 240
limit_memory_soft = 2147483648
limit_memory_hard = 2684354560
without_demo = all
CONF
) > "$SERVE_CONF"
ODOO_CONF=$SERVE_CONF

db_exists=$(psql -d postgres -v db="$DB" -tA <<<"select 1 from pg_database where datname = :'db'")
if [ "$db_exists" != 1 ]; then
  log "creating database $DB with jianxi_internship and Chinese, without demo data (once)"
  odoo_bin -d "$DB" -i jianxi_internship --load-language=zh_CN --without-demo=all --stop-after-init --workers=0
  log "set the bureau's name and logo (Settings › Companies) before the first users come: see README.md, Production"
elif [ "${JIANXI_UPDATE:-}" = 1 ]; then
  log "updating jianxi_internship in $DB"
  odoo_bin -d "$DB" -u jianxi_internship --stop-after-init --workers=0
fi

cat <<MSG >&2

  jianxi_internship, production start: database $DB, $WORKERS workers,
  HTTP on 127.0.0.1:$PORT, /websocket on 127.0.0.1:$GEVENT_PORT (put nginx in front: docs/nginx.conf).
  Configuration: $SERVE_CONF   Master password: $ADMIN_PASSWD_FILE

MSG
exec_odoo() { PYTHONPATH="$ODOO_SRC" exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"; }
exec_odoo ${JIANXI_SERVE_ARGS:-}
