"""Separation of duties on money (issue 11, point 7).

An officer once submitted a claim on a unit's behalf, approved it and marked it paid, with no
amount, date or payment reference. Now whoever submitted a claim does not approve it; a payment
is recorded by one method (``_jianxi_record_payment``) with the amount, the date and the voucher or
batch number, and a reason when the amount is not the one approved; a policy setting keeps the
approver from recording the payment; a portal user reaches none of it through JSON-RPC.
"""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import JianxiHttpCase
from .test_subsidy_claim import CLAIM_DATE, SubsidyClaimCase

# The claim of the scene: one intern, six months at ¥900 and ¥200 of insurance.
APPROVED = 5600.0


class ClaimPaymentCase(SubsidyClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.intern = cls._intern()

    def _submitted(self, submitter=None):
        claim = self._claim(submitter or self.unit_user)
        claim.action_submit()
        return claim

    def _approved(self, approver=None):
        claim = self._submitted()
        claim.with_user(approver or self.officer_shiqian).action_approve()
        return self._skip_notice(claim)

    def _pay(self, claim, user, amount=APPROVED, day=CLAIM_DATE, reference="凭证号 2024-0315-007", reason=None):
        """The payment as ``user`` records it: the claim form's button, then the wizard's."""
        action = claim.with_user(user).action_open_payment()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"amount": amount, "payment_date": day, "reference": reference, "reason": reason})
        )
        return wizard.action_confirm()

    def assertUnpaid(self, claim):
        claim.invalidate_recordset()
        self.assertEqual(claim.state, "approved")
        self.assertFalse(claim.paid_amount or claim.paid_date or claim.payment_reference or claim.paid_by_id)


@tagged("post_install", "-at_install")
class TestClaimDuties(ClaimPaymentCase):
    """Who submits does not approve; the approver may be kept from paying."""

    def test_the_officer_who_submitted_for_the_unit_cannot_approve(self):
        claim = self._submitted(self.officer_shiqian)
        self.assertEqual(claim.submitted_by_id, self.officer_shiqian, "the acting user, set by the server")
        mine = claim.with_user(self.officer_shiqian)
        self.assertFalse(mine.can_approve)
        self.assertIn("You submitted", mine.duty_notice)
        with self.assertRaises(UserError) as cm:
            mine.action_approve()
        self.assertIn("on the unit's behalf", str(cm.exception))
        self.assertEqual(claim.state, "submitted")
        # another officer of the county (here the city's) approves it
        other = claim.with_user(self.officer_tongren)
        self.assertTrue(other.can_approve)
        self.assertFalse(other.duty_notice)
        other.action_approve()
        self.assertEqual((claim.state, claim.approved_by_id), ("approved", self.officer_tongren))

    def test_a_manager_who_submitted_cannot_approve_either(self):
        # Separation of duties binds everybody: a manager who submits has another officer or
        # manager approve.
        claim = self._submitted(self.manager)
        with self.assertRaises(UserError):
            claim.with_user(self.manager).action_approve()
        claim.with_user(self.officer_shiqian).action_approve()
        self.assertEqual(claim.approved_by_id, self.officer_shiqian)

    def test_a_claim_the_unit_submitted_is_approved_by_the_officer(self):
        claim = self._submitted(self.unit_user)
        self.assertEqual(claim.submitted_by_id, self.unit_user)
        self.assertTrue(claim.with_user(self.officer_shiqian).can_approve)
        claim.with_user(self.officer_shiqian).action_approve()
        self.assertEqual(claim.state, "approved")

    def test_whoever_submitted_once_does_not_approve(self):
        # The officer submits on the unit's behalf; the claim is returned and the unit submits it
        # again: the last submitter is the unit, yet the officer still does not approve it.
        claim = self._submitted(self.officer_shiqian)
        claim.with_user(self.officer_tongren).action_return("请补充考勤记录")
        claim.with_user(self.unit_user).action_submit()
        self.assertEqual(claim.submitted_by_id, self.unit_user)
        self.assertEqual(claim.submitter_ids, self.officer_shiqian | self.unit_user)
        with self.assertRaises(UserError):
            claim.with_user(self.officer_shiqian).action_approve()
        claim.with_user(self.officer_tongren).action_approve()
        self.assertEqual(claim.state, "approved")

    def test_the_submitter_cannot_be_typed(self):
        claim = self._claim(self.unit_user)
        with self.assertRaises(UserError):
            claim.write({"submitted_by_id": self.officer_tongren.id})
        with self.assertRaises(UserError):
            self.Claim.with_user(self.officer_sinan).create(
                {"unit_id": self.other_unit.id, "submitted_by_id": self.unit_user.id}
            )
        claim.action_submit()
        self.assertEqual(claim.submitted_by_id, self.unit_user)

    def test_without_the_setting_the_approver_records_the_payment(self):
        self.assertFalse(self.policy.payment_by_other_than_approver, "optional: off unless a manager sets it")
        claim = self._approved(self.officer_shiqian)
        self.assertTrue(claim.with_user(self.officer_shiqian).can_record_payment)
        self._pay(claim, self.officer_shiqian)
        self.assertEqual((claim.state, claim.paid_by_id), ("paid", self.officer_shiqian))

    def test_with_the_setting_the_approver_cannot_pay_another_officer_can(self):
        self.policy.payment_by_other_than_approver = True
        claim = self._approved(self.officer_shiqian)
        mine = claim.with_user(self.officer_shiqian)
        self.assertFalse(mine.can_record_payment)
        self.assertIn("You approved", mine.duty_notice)
        with self.assertRaises(UserError) as cm:
            mine.action_open_payment()
        self.assertIn("another officer of the county", str(cm.exception))
        # nor through a wizard opened otherwise, nor the method itself
        wizard = (
            self.env["jianxi.claim.payment.wizard"]
            .with_user(self.officer_shiqian)
            .create({"claim_id": claim.id, "amount": APPROVED, "reference": "PZ-1"})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        with self.assertRaises(UserError):
            mine._jianxi_record_payment(APPROVED, CLAIM_DATE, "PZ-1")
        self.assertUnpaid(claim)
        self.assertTrue(claim.with_user(self.officer_tongren).can_record_payment)
        self._pay(claim, self.officer_tongren)
        self.assertEqual(
            (claim.state, claim.paid_by_id, claim.approved_by_id), ("paid", self.officer_tongren, self.officer_shiqian)
        )

    def test_the_setting_binds_a_manager_who_approved(self):
        self.policy.payment_by_other_than_approver = True
        claim = self._approved(self.manager)
        with self.assertRaises(UserError):
            self._pay(claim, self.manager)
        self._pay(claim, self.officer_shiqian)
        self.assertEqual(claim.state, "paid")

    def test_the_setting_is_read_on_the_day_of_the_payment(self):
        # A later policy of the county asks for a second person: from its first day on.
        later = self.policy.copy({"name": "石阡县测试政策 2024-04", "date_from": "2024-04-01"})
        later.payment_by_other_than_approver = True
        claim = self._approved(self.officer_shiqian)
        self.assertTrue(claim.with_user(self.officer_shiqian).can_record_payment, "the policy of today says nothing")
        later.date_from = CLAIM_DATE
        claim.invalidate_recordset()
        self.assertFalse(claim.with_user(self.officer_shiqian).can_record_payment)


@tagged("post_install", "-at_install")
class TestClaimPayment(ClaimPaymentCase):
    """One method records a payment, and checks everything it is given."""

    def test_the_wizard_offers_the_approved_amount_and_today(self):
        claim = self._approved()
        action = claim.with_user(self.officer_shiqian).action_open_payment()
        self.assertEqual((action["res_model"], action["target"]), ("jianxi.claim.payment.wizard", "new"))
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer_shiqian)
            .with_context(**action["context"])
            .create({"reference": "PZ-1"})
        )
        self.assertEqual((wizard.claim_id, wizard.amount, wizard.payment_date), (claim, APPROVED, CLAIM_DATE))
        self.assertFalse(wizard.amount_differs)
        wizard.amount = APPROVED - 0.5
        self.assertTrue(wizard.amount_differs, "the form then asks why")

    def test_a_payment_records_amount_date_reference_and_who(self):
        claim = self._approved()
        self._pay(claim, self.officer_shiqian, reference="  ZF-2024-0315-007 ", reason="ignored: nothing differs")
        self.assertEqual(
            (claim.state, claim.paid_amount, claim.paid_date, claim.payment_reference, claim.paid_by_id),
            ("paid", APPROVED, CLAIM_DATE, "ZF-2024-0315-007", self.officer_shiqian),
        )
        self.assertFalse(claim.payment_difference_reason, "no difference, no reason kept")

    def test_marking_paid_without_the_facts_is_gone(self):
        self.assertFalse(hasattr(self.Claim, "action_mark_paid"))

    def test_only_an_approved_claim_is_paid(self):
        claim = self._submitted()
        with self.assertRaises(UserError):
            claim.with_user(self.officer_shiqian).action_open_payment()
        with self.assertRaises(UserError):
            claim.with_user(self.officer_tongren)._jianxi_record_payment(APPROVED, CLAIM_DATE, "PZ-1")
        self.assertEqual(claim.state, "submitted")
        claim.with_user(self.officer_shiqian).action_approve()
        self._skip_notice(claim)
        self._pay(claim, self.officer_shiqian)
        with self.assertRaises(UserError):
            claim.with_user(self.officer_shiqian)._jianxi_record_payment(APPROVED, CLAIM_DATE, "PZ-2")
        self.assertEqual(claim.payment_reference, "凭证号 2024-0315-007", "a paid claim is paid once")

    def test_the_amount_must_be_a_real_payment(self):
        claim = self._approved()
        method = claim.with_user(self.officer_shiqian)._jianxi_record_payment
        for amount in (0, 0.001, -100, APPROVED + 0.01, 1e308, float("inf"), float("nan"), None, "abc", True, [1]):
            with self.subTest(amount=amount), self.assertRaises(UserError) as cm:
                method(amount, CLAIM_DATE, "PZ-1", reason="财政部门按实际拨付")
            self.assertIn("at most the amount approved", str(cm.exception))
        self.assertUnpaid(claim)

    def test_another_amount_needs_a_reason(self):
        claim = self._approved()
        for reason in (None, "", "   "):
            with self.subTest(reason=reason), self.assertRaises(UserError) as cm:
                self._pay(claim, self.officer_shiqian, amount=5000, reason=reason)
            self.assertIn("please write why", str(cm.exception))
        for method in ("wizard", "method"):
            with self.subTest(method=method), self.assertRaises(UserError) as cm:
                if method == "wizard":
                    self._pay(claim, self.officer_shiqian, amount=5000, reason="缺\x00考勤")
                else:
                    claim.with_user(self.officer_shiqian)._jianxi_record_payment(5000, CLAIM_DATE, "PZ-1", "缺\x00考勤")
            self.assertIn("characters nobody types", str(cm.exception))
        self.assertUnpaid(claim)
        self._pay(
            claim,
            self.officer_shiqian,
            amount="5000.004",
            reason="  一名见习人员6月考勤缺失，扣减600元。\n另见财政复核。 ",
        )
        self.assertEqual(
            (claim.state, claim.paid_amount, claim.payment_difference_reason),
            ("paid", 5000.0, "一名见习人员6月考勤缺失，扣减600元。\n另见财政复核。"),
        )

    def test_the_date_lies_between_the_approval_and_today(self):
        claim = self._approved()
        claim.sudo()._jianxi_write_workflow({"approved_date": date(2024, 3, 1)})
        self._skip_notice(claim)
        method = claim.with_user(self.officer_shiqian)._jianxi_record_payment
        for day in (
            date(2024, 2, 29),
            CLAIM_DATE + timedelta(days=1),
            date(9999, 12, 31),
            None,
            "",
            "2024-13-01",
            20240310,
        ):
            with self.subTest(day=day), self.assertRaises(UserError) as cm:
                method(APPROVED, day, "PZ-1")
            self.assertIn("between the day the claim was approved", str(cm.exception))
        self.assertUnpaid(claim)
        method(APPROVED, "2024-03-01", "PZ-1")
        self.assertEqual(claim.paid_date, date(2024, 3, 1), "the day of the approval itself is fine")

    def test_the_reference_is_one_clean_line(self):
        claim = self._approved()
        method = claim.with_user(self.officer_shiqian)._jianxi_record_payment
        refused = {
            None: "Please enter the number",
            "": "Please enter the number",
            "   ": "Please enter the number",
            42: "Please enter the number",
            "PZ\x00-1": "characters nobody types",
            "PZ-1\nPZ-2": "characters nobody types",
            "PZ-\u202e1": "characters nobody types",
            "P" * 65: "64 characters at most",
        }
        for reference, message in refused.items():
            with self.subTest(reference=reference), self.assertRaises(UserError) as cm:
                method(APPROVED, CLAIM_DATE, reference)
            self.assertIn(message, str(cm.exception))
        self.assertUnpaid(claim)
        method(APPROVED, CLAIM_DATE, "P" * 64)
        self.assertEqual(claim.state, "paid")

    def test_the_payment_cannot_be_typed(self):
        claim = self._approved().with_user(self.officer_shiqian)
        for vals in (
            {"payment_reference": "PZ-1"},
            {"paid_amount": APPROVED},
            {"paid_date": CLAIM_DATE},
            {"paid_by_id": self.officer_shiqian.id},
            {"state": "paid"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError) as cm:
                claim.write(vals)
            self.assertIn("set by the system", str(cm.exception))
        self.assertUnpaid(claim)

    def test_only_officers_of_the_county_record_a_payment(self):
        claim = self._approved()
        for user in (self.officer_sinan, self.officer_none):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                claim.with_user(user).action_open_payment()
            wizard = (
                self.env["jianxi.claim.payment.wizard"]
                .with_user(user)
                .create({"claim_id": claim.id, "amount": APPROVED, "reference": "PZ-1"})
            )
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.action_confirm()
        for user in (self.unit_user, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                claim.with_user(user).action_open_payment()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["jianxi.claim.payment.wizard"].with_user(user).create(
                    {"claim_id": claim.id, "amount": APPROVED, "reference": "PZ-1"}
                )
        self.assertUnpaid(claim)
        self._pay(claim, self.officer_tongren)
        self.assertEqual(claim.state, "paid", "a city officer covers the county")


@tagged("post_install", "-at_install")
class TestClaimPaymentChatter(ClaimPaymentCase):
    """The chatter keeps the payment, value by value."""

    quiet_mail = False

    def flush_tracking(self):
        """Write the pending tracking values, as a commit would."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_the_payment_is_tracked(self):
        claim = self._claim(self.unit_user)
        self.flush_tracking()  # a record is tracked from the first commit after its creation
        claim.action_submit()
        claim.with_user(self.officer_shiqian).action_approve()
        self._skip_notice(claim)
        self.flush_tracking()
        self._pay(claim, self.officer_shiqian, amount=5000, reason="扣减600元")
        self.flush_tracking()
        values = self.env["mail.tracking.value"].search(
            [("mail_message_id.model", "=", claim._name), ("mail_message_id.res_id", "=", claim.id)]
        )
        tracked = {value.field_id.name: value for value in values}
        for name in (
            "state",
            "paid_amount",
            "paid_date",
            "payment_reference",
            "paid_by_id",
            "payment_difference_reason",
        ):
            self.assertIn(name, tracked)
        self.assertEqual(tracked["paid_amount"].new_value_float, 5000.0)
        self.assertEqual(tracked["payment_reference"].new_value_char, "凭证号 2024-0315-007")
        self.assertEqual(tracked["paid_by_id"].new_value_integer, self.officer_shiqian.id)
        self.assertEqual(tracked["paid_amount"].mail_message_id.author_id, self.officer_shiqian.partner_id)
        self.assertIn("submitted_by_id", tracked)
        self.assertEqual(tracked["submitted_by_id"].new_value_integer, self.unit_user.id)
        # the unit is told what it was paid, and why it is less
        paid = self.env.ref("jianxi_internship.mail_template_claim_paid")
        subject = paid._render_field("subject", claim.ids, compute_lang=True)[claim.id]
        mail = claim.message_ids.filtered(lambda message: message.subject == subject)
        self.assertEqual(len(mail), 1)
        self.assertIn("5,000.00", str(mail.body))
        self.assertIn("扣减600元", str(mail.body))


@tagged("post_install", "-at_install")
class TestClaimPaymentJsonRpc(ClaimPaymentCase, JianxiHttpCase):
    """A unit's contact, signed in to the portal, calls the payment through /web/dataset/call_kw:
    every way is refused, and the officer's same calls work."""

    freeze_time = None  # the HTTP server runs in its own thread, on the real clock

    def setUp(self):
        super().setUp()
        self.claim = self._claim().sudo()
        self.claim._jianxi_write_workflow({"state": "approved", "approved_date": date.today()})

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_a_portal_unit_cannot_pay_its_claim(self):
        self._login(self.unit_user)
        today = fields.Date.to_string(date.today())
        claim_id = self.claim.id
        payment = {"claim_id": claim_id, "amount": APPROVED, "payment_date": today, "reference": "FAKE-1"}
        # (the error's name is what the JSON-RPC answer carries)
        access, user = "odoo.exceptions.AccessError", "odoo.exceptions.UserError"
        attempts = [
            # private: not callable remotely
            ("jianxi.subsidy.claim", "_jianxi_record_payment", [[claim_id], APPROVED, today, "FAKE-1"], access),
            # not an officer of the county
            ("jianxi.subsidy.claim", "action_open_payment", [[claim_id]], access),
            # no access to the wizard, to make one or to use an officer's
            ("jianxi.claim.payment.wizard", "create", [payment], access),
            ("jianxi.claim.payment.wizard", "action_confirm", [[self._officer_wizard().id]], access),
            # the payment's fields are the workflow's
            (
                "jianxi.subsidy.claim",
                "write",
                [[claim_id], {"state": "paid", "paid_amount": APPROVED, "payment_reference": "FAKE-1"}],
                user,
            ),
        ]
        for model, method, args, error in attempts:
            with self.subTest(method=method), self.assertRaises(JsonRpcException) as cm:
                self._call(model, method, args)
            self.assertEqual(str(cm.exception), error)
        self.assertUnpaid(self.claim)

        # the same route, with an officer's session, records the payment
        self._login(self.officer_shiqian)
        wizard_id = self._call("jianxi.claim.payment.wizard", "create", [payment])
        self._call("jianxi.claim.payment.wizard", "action_confirm", [[wizard_id]])
        self.env.invalidate_all()
        self.assertEqual(
            (self.claim.state, self.claim.paid_amount, self.claim.payment_reference, self.claim.paid_by_id),
            ("paid", APPROVED, "FAKE-1", self.officer_shiqian),
        )

    def _officer_wizard(self):
        wizard = (
            self.env["jianxi.claim.payment.wizard"]
            .with_user(self.officer_shiqian)
            .create({"claim_id": self.claim.id, "amount": APPROVED, "reference": "PZ-1"})
        )
        self.env.flush_all()
        return wizard
