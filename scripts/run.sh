#!/usr/bin/env bash
# `make run`: install what is missing, create the demo database once (update it later), serve.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB=${JIANXI_DB:-jianxi}
PORT=${JIANXI_PORT:-8069}
setup_all

# The database's name reaches SQL only as a bound psql variable, never pasted into the query.
db_exists=$(psql -d postgres -v db="$DB" -tA <<<"select 1 from pg_database where datname = :'db'")
state=""
if [ "$db_exists" = 1 ]; then
  state=$(psql -d "$DB" -tA <<<"select state from ir_module_module where name = 'jianxi_internship'" 2>/dev/null || true)
fi
if [ "$state" = "installed" ]; then
  log "database $DB exists: updating jianxi_internship"
  mode=(-u jianxi_internship)
else
  if [ "$db_exists" = 1 ]; then
    # Somebody else's database, or a failed install: never dropped without its owner saying so.
    if [ "${JIANXI_DROP_DB:-}" = "$DB" ]; then
      log "database $DB exists without the addon: dropping it, as JIANXI_DROP_DB=$DB asks"
    elif [ -t 0 ]; then
      read -r -p "[jianxi] database $DB exists without jianxi_internship. Type its name to drop it and start clean: " answer
      [ "$answer" = "$DB" ] || die "kept $DB. Choose another name with JIANXI_DB=..."
    else
      die "database $DB exists without jianxi_internship; it is not dropped unasked. Choose another name with JIANXI_DB=..., or drop it with JIANXI_DROP_DB=$DB make run"
    fi
    dropdb -- "$DB"
  fi
  log "creating database $DB with jianxi_internship and its demo data (once)"
  mode=(-i jianxi_internship --load-language=zh_CN)
fi

cat <<MSG >&2

  jianxi_internship serves http://localhost:$PORT  (database $DB)
  Demo logins (login / password):
    admin / admin                     administrator
    jx_manager / jx_manager           见习管理员 (bureau manager, all regions)
    jx_officer / jx_officer           见习经办人员 (officer for 石阡县)
  Stop with Ctrl-C.

MSG
exec_odoo() { PYTHONPATH="$ODOO_SRC" exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"; }
exec_odoo -d "$DB" --db-filter="^$DB\$" "${mode[@]}" --http-port="$PORT" ${JIANXI_RUN_ARGS:-}
