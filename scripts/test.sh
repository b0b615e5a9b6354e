#!/usr/bin/env bash
# `make test`: a throwaway database with the addon (and its demo data), then the whole suite
# through pytest-odoo with an HTTP server, so HttpCase tests and Chromium tours run.
# JIANXI_TESTS="jianxi_internship/tests/test_unit.py ..." runs only those files (while working).
# JIANXI_RUNNER=odoo runs the suite with Odoo's own runner instead (odoo-bin --test-enable), on a
# copy of the installed database: both runners must count the same tests.
# In CI (CI=true), pytest prints the 25 slowest durations.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all

# A tour that cannot start is skipped silently by Odoo: refuse to run without what it needs.
command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
  || die "Chromium is missing: browser tours would be skipped. Install Debian's chromium."
"$VENV/bin/python" -c "import websocket" 2>/dev/null \
  || die "websocket-client is missing from $VENV: browser tours would be skipped."

DB=${JIANXI_TEST_DB:-jianxi_test_$$}
TEMPLATE_DB=${DB}_template
drop_db() {
  dropdb --if-exists "$1" >/dev/null 2>&1 || true
  rm -rf "$JIANXI_CACHE/data/filestore/$1"
}
cleanup() {
  drop_db "$DB"
  drop_db "$DB"_odoo
  drop_db "$TEMPLATE_DB"
  rm -f "$JIANXI_CACHE/test-$DB.conf"
}
trap cleanup EXIT
cleanup

# A port of its own, so the suite runs beside `make run` (8069) and beside another suite.
TEST_PORT=${JIANXI_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
TEST_CONF="$JIANXI_CACHE/test-$DB.conf"
{ cat "$ODOO_CONF"; printf 'http_port = %s\n' "$TEST_PORT"; } > "$TEST_CONF"
ODOO_CONF=$TEST_CONF

log "installing jianxi_internship into the throwaway database $DB"
install_log="$JIANXI_CACHE/install-$DB.log"
rm -f "$install_log"  # Odoo appends to a log file: keep only this install
started=$(date +%s)
odoo_bin -d "$DB" -i jianxi_internship --load-language=zh_CN --stop-after-init --log-level=info \
  --logfile="$install_log" || { tail -50 "$install_log"; die "installation failed"; }
log "installed in $(( $(date +%s) - started ))s"

# The install log must be clean. Odoo's own notice about running as root is not ours.
if grep -E ' (WARNING|ERROR|CRITICAL) ' "$install_log" \
   | grep -v "Running as user 'root' is a security risk"; then
  die "the install log above has warnings or errors (full log: $install_log)"
fi

# The asset bundles the portal pages load, generated once and committed: otherwise each browser tour
# generates them again in its own transaction, which the test rolls back. (Odoo's own runner does
# the same before its HTTP tests, for every bundle: ir.qweb._pregenerate_assets_bundles.)
started=$(date +%s)
PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$DB" --no-http \
  --log-level=warn <<'PY' || die "could not generate the asset bundles"
qweb = env["ir.qweb"]
qweb._get_asset_bundle("web.assets_frontend", js=False).css()
for name in ("web.assets_frontend_minimal", "web.assets_frontend_lazy", "web.__assets_tests_call__", "web.assets_tests"):
    qweb._get_asset_bundle(name, css=False).js()
env.cr.commit()
PY
log "asset bundles generated in $(( $(date +%s) - started ))s"

# A copy of the installed database (and its filestore) that tests may copy in turn
# (CREATE DATABASE … TEMPLATE "$JIANXI_TEMPLATE_DB") instead of installing again.
createdb -T "$DB" "$TEMPLATE_DB"
cp -a "$JIANXI_CACHE/data/filestore/$DB" "$JIANXI_CACHE/data/filestore/$TEMPLATE_DB"
export JIANXI_TEMPLATE_DB=$TEMPLATE_DB

cd "$REPO_DIR"
set +e
if [ "${JIANXI_RUNNER:-pytest}" = odoo ]; then
  # Odoo runs the at_install tests only while it installs or updates the module: update it.
  createdb -T "$TEMPLATE_DB" "$DB"_odoo
  cp -a "$JIANXI_CACHE/data/filestore/$TEMPLATE_DB" "$JIANXI_CACHE/data/filestore/$DB"_odoo
  # Odoo's runner holds the registries' lock while the tests run, so its own server cannot answer
  # wkhtmltopdf's requests for the report's style sheets: a second server of the database does.
  REPORT_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DB"_odoo \
    --http-port="$REPORT_PORT" --max-cron-threads=0 --log-level=warn --logfile="$JIANXI_CACHE/report-server-$DB.log" &
  report_server=$!
  trap 'kill $report_server 2>/dev/null; wait $report_server 2>/dev/null; cleanup' EXIT
  psql -q -d "$DB"_odoo -c "INSERT INTO ir_config_parameter (key, value) VALUES ('report.url', 'http://127.0.0.1:$REPORT_PORT')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
  odoo_log="$JIANXI_CACHE/odoo-tests-$DB.log"
  odoo_bin -d "$DB"_odoo -u jianxi_internship --test-enable --test-tags /jianxi_internship \
    --stop-after-init --log-level=info "$@" 2>&1 | tee "$odoo_log"
  rc=${PIPESTATUS[0]}
  grep -E "FAIL:|ERROR:| tests when loading database" "$odoo_log" | grep -v "Importing test framework" >&2
  log "Odoo's runner: $(grep -Eo '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$odoo_log" | tail -1) (log: $odoo_log)"
else
  [ "${CI:-}" = true ] && set -- --durations=25 "$@"
  PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" -m pytest \
    --odoo-config="$ODOO_CONF" --odoo-database="$DB" --odoo-http --odoo-log-level=warn \
    -p no:cacheprovider "$@" ${JIANXI_TESTS:-jianxi_internship/tests}
  rc=$?
fi
set -e
exit $rc
