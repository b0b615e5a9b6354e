from urllib.parse import urlsplit

from odoo import http
from odoo.tests import tagged

from .common import QUIET_MAIL_CONTEXT, JianxiHttpCase

# Queries of one apply (投递): the POST of a signed-in applicant who has just opened the position's
# page (where the apply form is), on a warm server. Odoo's caches of a user's groups, companies and
# record rules are then warm for them; the applicant's first request on a worker costs 5 queries
# more (43). 94-101 when the apply posted the unit's mail itself; the unit is now told by a cron.
APPLY_QUERIES = 38


@tagged("post_install", "-at_install", "is_query_count")
class TestApplyQueries(JianxiHttpCase):
    """What one apply costs in SQL, as a real HTTP request by a real applicant user, and that the
    cost does not grow with the applications already made."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.position = cls._make_position(name="查询计数见习岗", headcount=5)
        cls.positions = [cls._make_position(name=f"查询计数见习岗{n}") for n in range(3)]
        cls.people = [cls._applicant_user(f"t_apply_queries_{n}", f"计数{n}号", (2001, 5, 1 + n)) for n in range(6)]

    @classmethod
    def _applicant_user(cls, login, name, birth):
        user = cls._portal_user(login)
        cls._make_applicant(user.partner_id, name, birth=birth)
        return user

    def _sign_in_on_page(self, user, position):
        """``user`` signs in and opens ``position``'s page; returns the apply form's data."""
        self.authenticate(user.login, user.login)
        self.assertIn("o_jianxi_apply_form", self.url_open(position.access_url).text)
        self.env.flush_all()
        return {"csrf_token": http.Request.csrf_token(self)}

    def _apply(self, user, position):
        """``user`` signs in, opens the position's page and applies; returns the queries of the POST alone."""
        data = self._sign_in_on_page(user, position)
        before = self.cr.sql_log_count
        response = self.url_open(f"{position.access_url}/apply", data=data, allow_redirects=False)
        queries = self.cr.sql_log_count - before
        self.assertEqual(response.status_code, 303, "applied")
        self.assertEqual(urlsplit(response.headers["Location"]).query, "applied=1")
        return queries

    def test_one_apply_within_budget(self):
        self._apply(self.other_applicant_user, self.position)  # warm-up: templates, routing, registry caches
        data = self._sign_in_on_page(self.applicant_user, self.position)
        with self.assertQueryCount(APPLY_QUERIES):
            response = self.url_open(f"{self.position.access_url}/apply", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        internship = self.env["jianxi.internship"].search(
            [("applicant_id.partner_id", "=", self.applicant_user.partner_id.id)]
        )
        self.assertEqual(internship.state, "applied")
        self.assertTrue(internship.unit_notice_pending, "the unit is told by the cron")
        self.assertIn(self.unit_user.partner_id, internship.sudo().message_partner_ids, "its contacts follow it")
        creation = internship.sudo().message_ids.filtered(lambda m: m.message_type == "notification")
        self.assertEqual(creation.author_id, self.applicant_user.partner_id, "the chatter says who applied")

    def test_applies_cost_the_same_whatever_was_applied_before(self):
        self._apply(self.other_applicant_user, self.position)  # warm-up
        counts = [self._apply(user, self.positions[n % 3]) for n, user in enumerate(self.people[:3])]
        # a hundred more applications, of other people, for the same unit and positions
        env = self.env(context=dict(self.env.context, **QUIET_MAIL_CONTEXT))
        partners = env["res.partner"].create([{"name": f"批量投递{n}"} for n in range(100)])
        applicants = env["jianxi.applicant"].create(
            [{"name": partner.name, "partner_id": partner.id} for partner in partners]
        )
        env["jianxi.internship"].create(
            [
                {"applicant_id": applicant.id, "position_id": self.positions[n % 3].id}
                for n, applicant in enumerate(applicants)
            ]
        )
        counts += [self._apply(user, self.positions[n % 3]) for n, user in enumerate(self.people[3:])]
        self.assertEqual(len(set(counts)), 1, f"every apply costs the same: {counts}")
        self.assertLessEqual(counts[0], APPLY_QUERIES)
