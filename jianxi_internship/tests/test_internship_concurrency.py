import random
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .common import JianxiWorkflowCase

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def committed_unit(env, rnd, name, **values):
    """A certified unit of 石阡 and its company, for the fixtures the second cursor must see."""
    company = env["res.partner"].create({"name": name, "is_company": True})
    first17 = "91520623" + "".join(rnd.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
    unit = env["jianxi.unit"].create(
        {
            "name": name,
            "partner_id": company.id,
            "region_id": env.ref("jianxi_internship.region_shiqian").id,
            "credit_code": JianxiWorkflowCase.make_credit_code(first17),
            "unit_type": "enterprise",
            **values,
        }
    )
    return unit._jianxi_force_state("certified")


def published_positions(env, unit, names, headcount):
    """Published positions of ``unit``, one per name."""
    positions = env["jianxi.position"].create(
        [
            {
                "name": name,
                "unit_id": unit.id,
                "region_id": unit.region_id.id,
                "content": "参与业务系统的开发与测试，有导师指导。",
                "headcount": headcount,
                "duration_months": 6,
                "allowance": 1800,
                "planned_start_date": "2023-03-01",
                "deadline": "2099-12-31",
                "education_level_id": env.ref("jianxi_internship.education_level_junior_college").id,
            }
            for name in names
        ]
    )
    return positions._jianxi_force_state("published")


def free_id_number(env, rnd):
    """A valid resident ID number no applicant has."""
    Applicant = env["jianxi.applicant"].with_context(active_test=False)
    while True:
        number = JianxiWorkflowCase.make_id_number(
            (2001, rnd.randint(1, 12), rnd.randint(1, 28)), sequence=rnd.randrange(1, 999)
        )
        if not Applicant.search_count([("id_number", "=", number)]):
            return number


class CommittedFixtureCase(BaseCase):
    """Two real transactions: the fixtures are committed for the second cursor to see them
    (``_make_fixtures``), and removed again when the class ends (``_remove_fixtures``)."""

    fixture_context = {"lang": "en_US"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.fixture = {}
        cls.addClassCleanup(cls._remove_fixtures)
        with cls.registry.cursor() as cr:
            cls._make_fixtures(api.Environment(cr, SUPERUSER_ID, cls.fixture_context), random.Random())

    @classmethod
    def _make_fixtures(cls, env, rnd):
        raise NotImplementedError

    @classmethod
    def _remove_fixtures(cls):
        raise NotImplementedError

    def env_for(self, cr, user=None):
        if cr.transaction is None:
            # Odoo's own runner holds the registries' lock while the tests run: the second thread
            # would wait for it if the environment looked the registry up by the database's name.
            cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, user or self.fixture["user"], {"lang": "en_US"})

    def _second_waits_for_first(self, first, second):
        """Run ``first(cr_a)`` without committing, then ``second()`` in a thread, which must wait
        for a lock the first holds; commit the first and let the second end."""
        cr_a = self.registry.cursor()
        try:
            first(cr_a)
            pid_a = cr_a.connection.get_backend_pid()
            thread_b = threading.Thread(target=second, name="jianxi-second")
            thread_b.start()
            self.assertTrue(self._wait_until_blocked_by(pid_a), "the second transaction never waited for the first")
            cr_a.commit()
            thread_b.join(timeout=60)
            self.assertFalse(thread_b.is_alive())
        finally:
            cr_a.close()

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


@tagged("post_install", "-at_install")
class TestOneOpenApplicationConcurrency(CommittedFixtureCase):
    """At most one open application per applicant, with TWO real transactions applying at once.

    The ORM's own check (a search before the insert) cannot see what a concurrent transaction
    has not committed, or committed after this transaction's snapshot: only the partial unique
    index decides. The fixtures must be committed for the second cursor to see them; they are
    removed again when the class ends.
    """

    @classmethod
    def _make_fixtures(cls, env, rnd):
        shiqian = env.ref("jianxi_internship.region_shiqian")
        unit = committed_unit(env, rnd, "并发测试单位")
        cls.fixture["company"] = unit.partner_id.id
        cls.fixture["unit"] = unit.id
        positions = published_positions(env, unit, ("并发岗位一", "并发岗位二"), headcount=2)
        cls.fixture["positions"] = positions.ids
        user = new_test_user(env, login=f"t_concurrent_{rnd.randrange(10**9)}", groups="base.group_portal")
        cls.fixture["user"] = user.id
        cls.fixture["partner"] = user.partner_id.id
        Applicant = env["jianxi.applicant"].with_context(active_test=False)
        number = free_id_number(env, rnd)
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

        self._second_waits_for_first(
            lambda cr_a: self.env_for(cr_a)["jianxi.internship"].action_apply(applicant, first),  # not committed
            apply_in_b,
        )
        self.assertIn("already has an open application", outcome.get("b", ""))
        self.assertEqual(self.applications(), [(first, "applied")])

    def _withdraw_all(self):
        """Start each test with the applicant free to apply."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["jianxi.internship"].search([("applicant_id", "=", self.fixture["applicant"])])._jianxi_force_state(
                "withdrawn"
            )


@tagged("post_install", "-at_install")
class TestInternCapConcurrency(CommittedFixtureCase):
    """A unit's intern cap with TWO real transactions confirming its last seat at once (issue 16
    point 4): both count the interns of their own snapshot, so both would pass. Each touches the
    unit's row before counting (``jianxi.unit._jianxi_check_intern_cap``): the second waits for
    the first, then fails to serialize, and the server runs it again (``retrying``, as every
    request), when it counts the first's intern and is refused with the figures. Fixtures are
    committed for the second cursor, and removed when the class ends."""

    fixture_context = {"lang": "en_US", "tracking_disable": True}

    @classmethod
    def _make_fixtures(cls, env, rnd):
        # 30% of 1 insured employee, rounded down, at least one: a cap of 1 intern
        unit = committed_unit(env, rnd, "封顶并发单位", insured_staff_count=1)
        company = unit.partner_id
        cls.fixture["partners"] = company.ids
        cls.fixture["unit"] = unit.id
        # two positions: the applications share no row but the unit's (a position's row is
        # written when its seats change, which would make the two transactions collide anyway)
        positions = published_positions(env, unit, ("封顶并发岗位一", "封顶并发岗位二"), headcount=1)
        cls.fixture["positions"] = positions.ids
        users = env["res.users"]
        for label in ("a", "b"):
            user = new_test_user(env, login=f"t_cap_{label}_{rnd.randrange(10**9)}", groups="base.group_portal")
            user.partner_id.parent_id = company  # two contacts of the unit, each confirming one
            users |= user
        cls.fixture["users"] = users.ids
        cls.fixture["partners"] += users.partner_id.ids
        Applicant = env["jianxi.applicant"].with_context(active_test=False)
        internships = env["jianxi.internship"]
        for name, position in zip(("封顶甲", "封顶乙"), positions, strict=True):
            person = env["res.partner"].create({"name": name})
            cls.fixture["partners"].append(person.id)
            number = free_id_number(env, rnd)
            applicant = Applicant.create(
                {"name": name, "partner_id": person.id, "id_number": number, "category": "college"}
            )
            cls.fixture.setdefault("applicants", []).append(applicant.id)
            internships |= env["jianxi.internship"].create({"applicant_id": applicant.id, "position_id": position.id})
        cls.fixture["internships"] = internships.ids

    @classmethod
    def _remove_fixtures(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False, MODULE_UNINSTALL_FLAG: True})
            fixture = cls.fixture
            env["jianxi.internship"].search([("applicant_id", "in", fixture.get("applicants", []))]).unlink()
            env["jianxi.applicant"].browse(fixture.get("applicants", [])).exists().unlink()
            env["jianxi.position"].browse(fixture.get("positions", [])).exists().unlink()
            env["jianxi.unit"].browse(fixture.get("unit")).exists().unlink()
            env["res.users"].browse(fixture.get("users", [])).exists().unlink()
            env["res.partner"].browse(fixture.get("partners", [])).exists().unlink()

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:  # both applications waiting for the unit's answer
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env["jianxi.internship"].browse(self.fixture["internships"])._jianxi_force_state("applied")
            env["jianxi.position"].browse(self.fixture["positions"])._jianxi_force_state("published")

    def states(self):
        with self.registry.cursor() as cr:
            internships = api.Environment(cr, SUPERUSER_ID, {})["jianxi.internship"].browse(self.fixture["internships"])
            return sorted(internships.mapped("state"))

    def _confirm_in_b(self, outcome, before=None):
        """Confirm the second application as the unit's second contact, in a transaction of its
        own run as the server runs a request (``retrying``); ``before`` runs first in it."""
        user_b, internship_b = self.fixture["users"][1], self.fixture["internships"][1]

        def confirm():
            env_b = self.env_for(cr_b, user_b)
            env_b["jianxi.internship"].browse(internship_b).action_confirm()

        with self.registry.cursor() as cr_b:
            cr_b.execute("SET lock_timeout = '20s'")
            env = self.env_for(cr_b, user_b)
            if before:
                before(env)
            try:
                with mute_logger("odoo.service.model"):
                    retrying(confirm, env)
                outcome["b"] = "confirmed"
            except UserError as error:
                outcome["b"] = str(error)

    def test_the_second_confirmation_waits_then_counts_the_first_intern(self):
        user_a, internship_a = self.fixture["users"][0], self.fixture["internships"][0]
        outcome = {}
        self._second_waits_for_first(
            lambda cr_a: self.env_for(cr_a, user_a)["jianxi.internship"].browse(internship_a).action_confirm(),
            lambda: self._confirm_in_b(outcome),
        )
        self.assertIn("at most 1 intern(s) at a time", outcome.get("b", ""))
        self.assertIn("It has 1 intern(s) confirmed", outcome["b"])
        self.assertEqual(self.states(), ["applied", "confirmed"])

    def test_a_confirmation_whose_snapshot_predates_the_other_is_run_again(self):
        """B's snapshot is taken before A confirms: its count would miss A's intern."""
        user_a, internship_a = self.fixture["users"][0], self.fixture["internships"][0]
        outcome = {}
        taken, committed = threading.Event(), threading.Event()

        def snapshot_then_wait(env):
            env["jianxi.unit"].sudo().browse(self.fixture["unit"]).read(["name"])  # the snapshot
            taken.set()
            committed.wait(timeout=30)

        thread_b = threading.Thread(target=self._confirm_in_b, args=(outcome, snapshot_then_wait))
        thread_b.start()
        self.assertTrue(taken.wait(timeout=30))
        with self.registry.cursor() as cr_a:
            self.env_for(cr_a, user_a)["jianxi.internship"].browse(internship_a).action_confirm()
        committed.set()
        thread_b.join(timeout=60)
        self.assertFalse(thread_b.is_alive())
        self.assertIn("at most 1 intern(s) at a time", outcome.get("b", ""))
        self.assertEqual(self.states(), ["applied", "confirmed"])
