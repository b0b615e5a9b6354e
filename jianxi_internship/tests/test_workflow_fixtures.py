from odoo.tests import tagged

from .common import JianxiWorkflowCase


@tagged("post_install", "-at_install")
class TestWorkflowFixtures(JianxiWorkflowCase):
    """The shared scene is what the workflow tests assume it is."""

    def test_unit_contacts_share_the_unit_partner(self):
        self.assertEqual(self.unit_user.commercial_partner_id, self.unit.partner_id)
        self.assertEqual(self.unit_user2.commercial_partner_id, self.unit.partner_id)
        self.assertTrue(self.unit_user.share and not self.unit_user.has_group("base.group_user"))
        self.assertEqual(self.unit.state, "certified")

    def test_applicant_identity_comes_from_the_id_number(self):
        self.assertEqual(str(self.applicant.birth_date), "2001-03-15")
        self.assertIn(self.applicant.gender, ("male", "female"))
        self.assertNotEqual(self.applicant.id_number, self.other_applicant.id_number)
