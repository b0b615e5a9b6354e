from odoo.tests import tagged

from .common import JianxiWorkflowCase, load_migration


@tagged("post_install", "-at_install")
class TestApplicantCategoryMigration(JianxiWorkflowCase):
    """migrations/18.0.1.9.0: the applicant's category, stored on the internship from this version,
    is filled in one statement for a database from before it (in this test's transaction)."""

    def test_the_category_is_filled_from_the_applicant(self):
        internships = self.env["jianxi.internship"].search([("applicant_id.category", "!=", False)])
        self.assertTrue(internships)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("UPDATE jianxi_internship SET applicant_category = NULL")
        migration = load_migration("18.0.1.9.0", "pre-migrate")
        migration.migrate(cr, None)  # a fresh install: nothing to do
        cr.execute("SELECT count(*) FROM jianxi_internship WHERE applicant_category IS NOT NULL")
        self.assertEqual(cr.fetchone()[0], 0)
        migration.migrate(cr, "18.0.1.8.0")
        self.env.invalidate_all()
        for internship in internships:
            self.assertEqual(internship.applicant_category, internship.applicant_id.category)
