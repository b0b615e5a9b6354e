#!/usr/bin/env bash
# `make test`: a throwaway database with the addon (and its demo data), then the whole suite
# through pytest-odoo with an HTTP server, so HttpCase tests and Chromium tours run.
# JIANXI_TESTS="jianxi_internship/tests/test_unit.py ..." runs only those files (while working).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all

# A tour that cannot start is skipped silently by Odoo: refuse to run without what it needs.
command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
  || die "Chromium is missing: browser tours would be skipped. Install Debian's chromium."
"$VENV/bin/python" -c "import websocket" 2>/dev/null \
  || die "websocket-client is missing from $VENV: browser tours would be skipped."

DB=${JIANXI_TEST_DB:-jianxi_test_$$}
cleanup() {
  dropdb --if-exists "$DB" >/dev/null 2>&1 || true
  rm -rf "$JIANXI_CACHE/data/filestore/$DB"
  rm -f "$JIANXI_CACHE/test-$DB.conf"
}
trap cleanup EXIT
dropdb --if-exists "$DB"

# A port of its own, so the suite runs beside `make run` (8069) and beside another suite.
TEST_PORT=${JIANXI_TEST_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
TEST_CONF="$JIANXI_CACHE/test-$DB.conf"
{ cat "$ODOO_CONF"; printf 'http_port = %s\n' "$TEST_PORT"; } > "$TEST_CONF"
ODOO_CONF=$TEST_CONF

log "installing jianxi_internship into the throwaway database $DB"
install_log="$JIANXI_CACHE/install-$DB.log"
started=$(date +%s)
odoo_bin -d "$DB" -i jianxi_internship --load-language=zh_CN --stop-after-init --log-level=info \
  --logfile="$install_log" || { tail -50 "$install_log"; die "installation failed"; }
log "installed in $(( $(date +%s) - started ))s"

# The install log must be clean. Odoo's own notice about running as root is not ours.
if grep -E ' (WARNING|ERROR|CRITICAL) ' "$install_log" \
   | grep -v "Running as user 'root' is a security risk"; then
  die "the install log above has warnings or errors (full log: $install_log)"
fi

cd "$REPO_DIR"
set +e
PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" -m pytest \
  --odoo-config="$ODOO_CONF" --odoo-database="$DB" --odoo-http --odoo-log-level=warn \
  -p no:cacheprovider "$@" ${JIANXI_TESTS:-jianxi_internship/tests}
rc=$?
set -e
exit $rc
