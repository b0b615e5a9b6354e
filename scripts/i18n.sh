#!/usr/bin/env bash
# `make pot`: export the addon's terms with Odoo itself (--i18n-export) into i18n/jianxi_internship.pot,
# then merge them into i18n/zh_CN.po, keeping every translation already there. Untranslated terms are
# listed; the test suite fails while any msgstr is empty.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all
DB=jianxi_i18n_$$
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT
odoo_bin -d "$DB" -i jianxi_internship --without-demo=all --stop-after-init --log-level=warn
odoo_bin -d "$DB" --i18n-export="$REPO_DIR/jianxi_internship/i18n/jianxi_internship.pot" \
  --modules=jianxi_internship --stop-after-init --log-level=warn
"$VENV/bin/python" "$REPO_DIR/scripts/merge_po.py" \
  "$REPO_DIR/jianxi_internship/i18n/jianxi_internship.pot" "$REPO_DIR/jianxi_internship/i18n/zh_CN.po"
