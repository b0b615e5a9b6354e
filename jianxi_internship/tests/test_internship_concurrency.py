import random
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .common import JianxiWorkflowCase

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@tagged("post_install", "-at_install")
class TestOneOpenApplicationConcurrency(BaseCase):
    """At most one open application per applicant, with TWO real transactions applying at once.

    The ORM's own check (a search before the insert) cannot see what a concurrent transaction
    has not committed, or committed after this transaction's snapshot: only the partial unique
    index decides. The fixtures must be committed for the second cursor to see them; they are
    removed again when the class ends.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.fixture = {}
        cls.addClassCleanup(cls._remove_fixtures)
        rnd = random.Random()
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
            shiqian = env.ref("jianxi_internship.region_shiqian")
            first17 = "91520623" + "".join(rnd.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
            company = env["res.partner"].create({"name": "并发测试单位", "is_company": True})
            cls.fixture["company"] = company.id
            unit = (
                env["jianxi.unit"]
                .create(
                    {
                        "name": "并发测试单位",
                        "partner_id": company.id,
                        "region_id": shiqian.id,
                        "credit_code": JianxiWorkflowCase.make_credit_code(first17),
                        "unit_type": "enterprise",
                    }
                )
                ._jianxi_force_state("certified")
            )
            cls.fixture["unit"] = unit.id
            positions = (
                env["jianxi.position"]
                .create(
                    [
                        {
                            "name": name,
                            "unit_id": unit.id,
                            "region_id": shiqian.id,
                            "content": "参与业务系统的开发与测试，有导师指导。",
                            "headcount": 2,
                            "duration_months": 6,
                            "allowance": 1800,
                            "planned_start_date": "2023-03-01",
                            "deadline": "2099-12-31",
                            "education_level_id": env.ref("jianxi_internship.education_level_junior_college").id,
                        }
                        for name in ("并发岗位一", "并发岗位二")
                    ]
                )
                ._jianxi_force_state("published")
            )
            cls.fixture["positions"] = positions.ids
            user = new_test_user(env, login=f"t_concurrent_{rnd.randrange(10**9)}", groups="base.group_portal")
            cls.fixture["user"] = user.id
            cls.fixture["partner"] = user.partner_id.id
            Applicant = env["jianxi.applicant"].with_context(active_test=False)
            while True:
                number = JianxiWorkflowCase.make_id_number(
                    (2001, rnd.randint(1, 12), rnd.randint(1, 28)), sequence=rnd.randrange(1, 999)
                )
                if not Applicant.search_count([("id_number", "=", number)]):
                    break
            applicant = Applicant.create(
                {
                    "name": "并发测试人",
                    "partner_id": user.partner_id.id,
                    "id_number": number,
                    "category": "college",
                    "household_region_id": shiqian.id,
                    # answered and declared (承诺), as the profile form records it: free to apply
                    "is_student": "no",
                    "is_employed": "no",
                    "has_business_licence": "no",
                    "declared_at": "2020-01-01 00:00:00",
                }
            )
            cls.fixture["applicant"] = applicant.id

    @classmethod
    def _remove_fixtures(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False, MODULE_UNINSTALL_FLAG: True})
            fixture = cls.fixture
            if "applicant" in fixture:
                env["jianxi.internship"].search([("applicant_id", "=", fixture["applicant"])]).unlink()
                env["jianxi.applicant"].browse(fixture["applicant"]).unlink()
            env["jianxi.position"].browse(fixture.get("positions", [])).unlink()
            env["jianxi.unit"].browse(fixture.get("unit")).exists().unlink()
            env["res.users"].browse(fixture.get("user")).exists().unlink()
            env["res.partner"].browse([fixture[k] for k in ("partner", "company") if k in fixture]).exists().unlink()

    def setUp(self):
        super().setUp()
        self._withdraw_all()

    def env_for(self, cr):
        if cr.transaction is None:
            # Odoo's own runner holds the registries' lock while the tests run: the second thread
            # would wait for it if the environment looked the registry up by the database's name.
            cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, self.fixture["user"], {"lang": "en_US"})

    def applications(self):
        with self.registry.cursor() as cr:
            return (
                api.Environment(cr, SUPERUSER_ID, {})["jianxi.internship"]
                .search(
                    [("applicant_id", "=", self.fixture["applicant"]), ("state", "=", "applied")],
                )
                .mapped(lambda i: (i.position_id.id, i.state))
            )

    @mute_logger("odoo.sql_db")
    def test_transaction_that_started_before_the_other_committed_gets_the_clear_message(self):
        first, second = self.fixture["positions"]
        applicant = self.fixture["applicant"]
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            env_a, env_b = self.env_for(cr_a), self.env_for(cr_b)
            # B's transaction starts (and takes its snapshot) while there is no application yet ...
            self.assertFalse(
                env_b["jianxi.internship"].search([("applicant_id", "=", applicant), ("state", "=", "applied")])
            )
            # ... A applies and commits ...
            env_a["jianxi.internship"].action_apply(applicant, first)
            cr_a.commit()
            # ... B's own check sees nothing in its snapshot, its insert hits the unique index.
            with self.assertRaises(UserError) as cm:
                env_b["jianxi.internship"].action_apply(applicant, second)
            self.assertIn("already has an open application", str(cm.exception))
            self.assertIn("only one application may be open at a time", str(cm.exception).lower())
            cr_b.rollback()
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(self.applications(), [(first, "applied")])

    @mute_logger("odoo.sql_db")
    def test_second_transaction_waits_for_the_first_then_fails(self):
        first, second = self.fixture["positions"]
        applicant = self.fixture["applicant"]
        outcome = {}

        def apply_in_b():
            with self.registry.cursor() as cr_b:
                cr_b.execute("SET LOCAL lock_timeout = '20s'")
                try:
                    self.env_for(cr_b)["jianxi.internship"].action_apply(applicant, second)
                    outcome["b"] = "applied"
                except UserError as error:
                    outcome["b"] = str(error)
                    cr_b.rollback()

        cr_a = self.registry.cursor()
        try:
            self.env_for(cr_a)["jianxi.internship"].action_apply(applicant, first)  # inserted, not committed
            pid_a = cr_a.connection.get_backend_pid()
            thread_b = threading.Thread(target=apply_in_b, name="jianxi-apply-b")
            thread_b.start()
            self.assertTrue(self._wait_until_blocked_by(pid_a), "the second transaction never waited for the first")
            cr_a.commit()
            thread_b.join(timeout=30)
            self.assertFalse(thread_b.is_alive())
        finally:
            cr_a.close()
        self.assertIn("already has an open application", outcome.get("b", ""))
        self.assertEqual(self.applications(), [(first, "applied")])

    def _wait_until_blocked_by(self, pid, timeout=15.0):
        """True once another backend waits for a lock held by ``pid``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", [pid])
                if cr.fetchone()[0]:
                    return True
            time.sleep(0.05)
        return False

    def _withdraw_all(self):
        """Start each test with the applicant free to apply."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["jianxi.internship"].search([("applicant_id", "=", self.fixture["applicant"])])._jianxi_force_state(
                "withdrawn"
            )
