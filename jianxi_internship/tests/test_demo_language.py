"""The demo, installed with Chinese, reads Chinese without a recompute (issue 10, point 2).

Odoo loads an addon's translations after its data and demo files, so anything written as text
while the demo loads is written before the addon's Chinese exists: an activity's summary, a
record's creation message ("Internship 创建"), a tracked state's label, a note. The demo must store
none of these as English. This test reads what the demo stored, as it is in the database.
"""

import re

from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext

from .test_no_english import MODULE, english_words

# Stored texts of the addon's records that hold Latin letters on purpose: codes, not words.
CODE_FIELDS = {
    "rule": "the checklist rule's code",
    "reason_code": "a reason's code",
    "code": "a region's GB/T 2260 code, an education level's code",
    "login": "a user's login",
    "email": "an e-mail address",
    "website": "a web address",
    "access_token": "the portal's access token",
}


@tagged("post_install", "-at_install")
class TestDemoIsChinese(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        data = cls.env["ir.model.data"].search([("module", "=", MODULE), ("model", "!=", False)])
        cls.demo = {}
        for entry in data:
            if entry.model in cls.env and not entry.model.startswith("ir."):
                cls.demo.setdefault(entry.model, []).append(entry.res_id)
        cls.assertTrue(cls, cls.demo.get("jianxi.internship"))

    def records(self, model):
        return self.zh[model].browse(self.demo.get(model, [])).exists()

    def assertChinese(self, where, text):
        words = english_words(html2plaintext(text) if "<" in (text or "") else text)
        self.assertFalse(words, f"{where}: {text!r}")

    def test_activities_store_no_summary(self):
        activities = self.zh["mail.activity"].search([("res_model", "=like", "jianxi.%")])
        self.assertTrue(activities, "the demo has reviews waiting")
        for activity in activities:
            self.assertFalse(activity.summary, activity.res_name)
            self.assertChinese(f"activity on {activity.res_name}", activity.display_name)
            self.assertChinese(f"activity note on {activity.res_name}", activity.note)

    def test_messages_and_tracking(self):
        threads = [(model, ids) for model, ids in self.demo.items() if "message_ids" in self.env[model]._fields]
        domain = ["|"] * (len(threads) - 1)
        for model, ids in threads:
            domain += ["&", ("model", "=", model), ("res_id", "in", ids)]
        messages = self.zh["mail.message"].search(domain)
        for message in messages:
            where = f"message {message.id} on {message.model} {message.res_id}"
            self.assertChinese(where, message.body)
            self.assertChinese(f"{where} subject", message.subject)
            for value in message.sudo().tracking_value_ids:
                self.assertChinese(f"{where} tracking", value.old_value_char)
                self.assertChinese(f"{where} tracking", value.new_value_char)

    def test_stored_texts_of_the_demo_records(self):
        checked = 0
        for model in self.demo:
            if not model.startswith("jianxi."):
                continue
            fields = [
                name
                for name, field in self.env[model]._fields.items()
                if field.store
                and field.type in ("char", "text", "html")
                and name not in CODE_FIELDS
                and not re.search(r"number|filename|mimetype|token|url", name)
            ]
            for record in self.records(model):
                for name in fields:
                    self.assertChinese(f"{model} {record.display_name} {name}", record[name])
                    checked += 1
        self.assertGreater(checked, 100)
