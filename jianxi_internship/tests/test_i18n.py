import re

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%[sd]|\{[a-z_]*\}")


@tagged("post_install", "-at_install")
class TestChineseTranslation(TransactionCase):
    """Every term of the addon, as Odoo itself exports it, has a zh_CN translation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(file_path("jianxi_internship/i18n/zh_CN.po"))
        cls.translations = {entry.msgid: entry.msgstr for entry in cls.po}

    def test_no_empty_msgstr(self):
        empty = [entry.msgid for entry in self.po if not entry.msgstr.strip()]
        self.assertFalse(empty, f"{len(empty)} empty msgstr in zh_CN.po, e.g. {empty[:10]}")

    def test_every_exported_term_is_translated(self):
        reader = TranslationModuleReader(self.env.cr, modules=["jianxi_internship"])
        sources = {
            source
            for module, _type, _name, _res_id, source, _value, _comments in reader
            if module == "jianxi_internship"
        }
        self.assertGreater(len(sources), 100)
        missing = sorted(s for s in sources if not self.translations.get(s))
        self.assertFalse(missing, f"{len(missing)} terms lack a zh_CN translation (run `make pot`): {missing[:10]}")

    def test_placeholders_survive_translation(self):
        broken = [
            entry.msgid
            for entry in self.po
            if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
        ]
        self.assertFalse(broken, f"placeholders differ in: {broken[:10]}")

    def test_interface_speaks_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "jianxi_internship")])._update_translations(["zh_CN"])
        zh = self.env(context={"lang": "zh_CN"})
        self.assertEqual(zh["ir.model"]._get("jianxi.unit").name, "见习单位")
        states = dict(zh["jianxi.internship"]._fields["state"]._description_selection(zh))
        self.assertEqual(states["on_duty"], "确认上岗")
        self.assertEqual(states["not_arrived"], "确认未到岗")
        self.assertEqual(states["ended"], "人员终止")
