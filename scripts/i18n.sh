#!/usr/bin/env bash
# `make pot`: export the addon's terms with Odoo itself (--i18n-export) into i18n/jianxi_internship.pot,
# then merge them into i18n/zh_CN.po with gettext's msgmerge, keeping every translation already there
# (no fuzzy guesses; terms gone from the .pot are dropped). Untranslated terms are listed; the test
# suite fails while any msgstr is empty.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all
DB=jianxi_i18n_$$
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT
odoo_bin -d "$DB" -i jianxi_internship --without-demo=all --stop-after-init --log-level=warn
# A source file Babel cannot read is skipped with a traceback in the log, not an error: its terms
# would vanish from the .pot and their translations from zh_CN.po. Stop before merging instead.
export_log=$(mktemp)
odoo_bin -d "$DB" --i18n-export="$REPO_DIR/jianxi_internship/i18n/jianxi_internship.pot" \
  --modules=jianxi_internship --stop-after-init --log-level=warn 2>&1 | tee "$export_log" >&2
if grep -q "Traceback" "$export_log"; then
  git -C "$REPO_DIR" checkout -- jianxi_internship/i18n/jianxi_internship.pot 2>/dev/null || true
  die "the export above failed on a source file: nothing merged into zh_CN.po"
fi
rm -f "$export_log"
command -v msgmerge >/dev/null || die "msgmerge is missing: install Debian's gettext"
I18N="$REPO_DIR/jianxi_internship/i18n"
msgmerge --quiet --no-fuzzy-matching --backup=none --update "$I18N/zh_CN.po" "$I18N/jianxi_internship.pot"
msgattrib --no-obsolete --output-file="$I18N/zh_CN.po" "$I18N/zh_CN.po"
log "$I18N/zh_CN.po: $(msgfmt --statistics --output-file=/dev/null "$I18N/zh_CN.po" 2>&1)"
# The untranslated terms themselves (the header entry aside), to translate in zh_CN.po.
msgattrib --untranslated --no-obsolete --no-location --no-wrap "$I18N/zh_CN.po" \
  | awk 'NR > 1 && /^msgid ""$/ && !seen++ {next} {print}' | sed -n '/^msgid /,/^msgstr /p' | grep -v '^msgstr' >&2 || true
