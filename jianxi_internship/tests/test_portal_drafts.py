"""A refused portal form keeps its valid uploads as drafts of its record (issue 9, point 4).

The three forms with uploads, each as the real user through HTTP: the applicant's profile
(/my/profile/save, the ID card scan), the unit's profile (/my/unit, the business licence) and the
onboarding of an intern (/my/interns/<id>/onboarding, the agreement). For each form:

- a refused submission with a file that is not a PDF, JPEG or PNG keeps nothing, and the page
  names the file to choose again;
- a refused submission with a valid file keeps it as a draft ``ir.attachment`` of the record
  (res_model/res_id, no res_field, uploaded by the user), and the page shows it kept with the
  draft's hidden id; submitted again (and refused again) without a file, the draft stays kept;
- the next submission without a file saves the draft as the field's file and deletes the draft;
- a forged draft id (another user's draft of the same record and field, the user's own draft of
  another field or of another record, another record's stored file) is ignored: the field stays
  empty, the attachment is untouched, and neither its name nor its content reaches the page.

Then: without a record yet (an applicant's first save creates it), a refused form keeps nothing
and names the file again; a ticked "Remove" drops the draft; the autovacuum deletes drafts older
than a day.
"""

import base64
from datetime import timedelta

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import new_test_user, tagged

from ..models.ir_attachment import PORTAL_DRAFT_MARK
from .common import PDF, JianxiHttpCase, upload_forms

# A scan that must never reach another user's page or record.
SECRET = b"%PDF-1.4\n% the other person's scan\n%%EOF\n"
TEXT = ("notes.txt", b"plain text, not a scan", "text/plain")


@tagged("post_install", "-at_install")
class TestPortalDrafts(JianxiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = cls.unit_user | cls.unit_user2 | cls.applicant_user | cls.other_applicant_user
        users.write({"lang": "en_US"})
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.position = cls._make_position(name="Drafts 见习岗", headcount=5)
        cls.internship = cls._approved_internship(cls.applicant)
        cls.other_internship = cls._approved_internship(cls.other_applicant)
        cls.unit._jianxi_force_state("draft")  # its contacts edit its profile

    @classmethod
    def _approved_internship(cls, applicant):
        return (
            cls.env["jianxi.internship"]
            .create({"applicant_id": applicant.id, "position_id": cls.position.id})
            ._jianxi_force_state("approved")
        )

    # ------------------------------------------------------------------ the three forms
    def _forms(self):
        """Per form (``upload_forms``: who posts it, where, its record, the upload, the page a
        saved form goes to), a refused and a fixed value (the refusal names the field)."""
        forms = upload_forms(self, self.internship)
        forms["applicant profile"].update(
            refused={"diploma_date": "2024-13-45"},
            names="Diploma Date is not a valid date",
            fixed={"diploma_date": "2024-07-01"},
        )
        forms["unit profile"].update(
            refused={"insured_staff_count": "many"},
            names="Insured Staff must be a whole number.",
            fixed={"insured_staff_count": "21"},
        )
        forms["onboarding"].update(
            refused={"medical_premium": "一百"},
            names="Medical Premium must be a number.",
            fixed={"medical_premium": "150"},
        )
        return forms

    def _drafts(self, record, name="%"):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("res_field", "=", False),
                ("description", "=like", PORTAL_DRAFT_MARK + name),
            ]
        )

    def _draft_of(self, user, record, name, filename, data=SECRET):
        """A draft as the form makes it, uploaded by ``user`` (create_uid)."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .sudo()
            .create(
                {
                    "name": filename,
                    "description": PORTAL_DRAFT_MARK + name,
                    "datas": base64.b64encode(data),
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )

    def assertFormRefused(self, response, form):
        self.assertEqual(response.status_code, 200, response.url)
        alert = lxml_html.fromstring(response.text).xpath("//*[contains(@class, 'alert-danger')][@role='alert']")
        self.assertTrue(alert, "the page shows the refusal")
        self.assertIn(form["names"], alert[0].text_content(), "the error names the field")

    # ------------------------------------------------------------------ keep, carry back, save
    def test_a_refused_form_keeps_its_valid_upload_until_saved(self):
        for case, form in self._forms().items():
            with self.subTest(form=case):
                record, name = form["record"], form["field"]
                self._login(form["user"])

                # A file the record's document check refuses is not kept: choose it again.
                response = self._post(form["url"], form["refused"], files={name: TEXT})
                self.assertFormRefused(response, form)
                self.assertReupload(response, {name: TEXT[0]})
                self.assertFalse(self._drafts(record))

                # A valid file is kept, bound to the record and the user, and shown kept.
                response = self._post(
                    form["url"], form["refused"], files={name: ("扫描件.pdf", PDF, "application/pdf")}
                )
                self.assertFormRefused(response, form)
                draft = self._drafts(record)
                self.assertEqual(len(draft), 1, "one draft")
                self.assertEqual(draft.description, PORTAL_DRAFT_MARK + name)
                self.assertEqual((draft.name, draft.create_uid, draft.raw), ("扫描件.pdf", form["user"], PDF))
                self.assertEqual(self.assertKept(response, {name: "扫描件.pdf"}), {name: draft.id})
                self.assertFalse(record[name], "nothing of a refused form is saved in the record")

                # Refused again without a file: the draft the form sends back stays kept.
                draft_input = {f"jianxi_draft_{name}": str(draft.id)}
                response = self._post(form["url"], {**form["refused"], **draft_input})
                self.assertFormRefused(response, form)
                self.assertEqual(self.assertKept(response, {name: "扫描件.pdf"}), {name: draft.id})
                self.assertEqual(self._drafts(record), draft)

                # Saved without a file: the draft is the field's file, then deleted.
                response = self._post(form["url"], {**form["fixed"], **draft_input})
                self.assertRedirectedTo(response, form["saved"])
                self.assertEqual(base64.b64decode(record[name]), PDF)
                self.assertEqual(record[form["filename"]], "扫描件.pdf")
                self.assertFalse(draft.exists(), "the draft is deleted once saved")

    def test_a_new_file_replaces_the_draft_and_remove_drops_it(self):
        form = self._forms()["onboarding"]
        record = form["record"]
        self._login(form["user"])
        response = self._post(
            form["url"], form["refused"], files={"agreement_file": ("v1.pdf", PDF, "application/pdf")}
        )
        first = self.assertKept(response, {"agreement_file": "v1.pdf"})["agreement_file"]

        # A new file replaces the draft: one draft per record, field and user.
        v2 = PDF.replace(b"Catalog", b"Catalog /V 2")
        response = self._post(
            form["url"],
            {**form["refused"], "jianxi_draft_agreement_file": str(first)},
            files={"agreement_file": ("v2.pdf", v2, "application/pdf")},
        )
        second = self.assertKept(response, {"agreement_file": "v2.pdf"})["agreement_file"]
        self.assertEqual(self._drafts(record).ids, [second])
        self.assertEqual(self._drafts(record).raw, v2)

        # Ticked "Remove": the form is saved without it, and the draft is gone.
        response = self._post(
            form["url"],
            {**form["fixed"], "jianxi_draft_agreement_file": str(second), "jianxi_draft_remove_agreement_file": "1"},
        )
        self.assertRedirectedTo(response, form["saved"])
        self.assertFalse(record.agreement_file)
        self.assertFalse(self._drafts(record))

    # ------------------------------------------------------------------ forged ids
    def _foreign_attachments(self, form):
        """``{what: make()}``: the attachments a forged id may name on this form, none of which
        it may use. ``make`` returns the attachment, and whether the form leaves it untouched (the
        user's own draft of another field of the record is theirs: the form may delete it)."""
        record, name, user = form["record"], form["field"], form["user"]
        other_record = {
            "jianxi.applicant": self.other_applicant,
            "jianxi.unit": self.other_unit,
            "jianxi.internship": self.other_internship,
        }[record._name]
        other_user = self.other_applicant_user if record._name == "jianxi.applicant" else self.unit_user2
        other_field = {"id_card": "diploma", "agreement_file": "invoice_file"}.get(name)
        makers = {
            "another user's draft of the record": lambda: (self._draft_of(other_user, record, name, "u2.pdf"), True),
            "the user's draft of another record": lambda: (self._draft_of(user, other_record, name, "rec.pdf"), True),
            "another person's draft": lambda: (self._draft_of(other_user, other_record, name, "person.pdf"), True),
            "another record's stored file": lambda: (
                self.env["ir.attachment"].create(
                    {
                        "name": "stored.pdf",
                        "datas": base64.b64encode(SECRET),
                        "res_model": other_record._name,
                        "res_id": other_record.id,
                        "res_field": name,
                    }
                ),
                True,
            ),
        }
        if other_field:
            makers["the user's draft of another field"] = lambda: (
                self._draft_of(user, record, other_field, "field.pdf"),
                False,
            )
        return makers

    def test_a_forged_draft_id_is_never_used(self):
        for case, form in self._forms().items():
            record, name = form["record"], form["field"]
            self._login(form["user"])
            for what, make in self._foreign_attachments(form).items():
                with self.subTest(form=case, attachment=what):
                    attachment, untouched = make()
                    filename = attachment.name
                    forged = {f"jianxi_draft_{name}": str(attachment.id)}
                    response = self._post(form["url"], {**form["refused"], **forged})
                    self.assertFormRefused(response, form)
                    self.assertNotIn("o_jianxi_kept", response.text, "nothing is shown kept")
                    self.assertNotIn(filename, self._text(response))

                    response = self._post(form["url"], {**form["fixed"], **forged})
                    self.assertRedirectedTo(response, form["saved"])
                    self.assertFalse(record[name], "the forged id is not the record's file")
                    self.assertNotIn(filename, self._text(response))
                    if untouched:
                        self.assertEqual(attachment.raw, SECRET, "the attachment is untouched")

    # ------------------------------------------------------------------ no record yet
    def test_without_a_record_the_file_is_named_again(self):
        user = new_test_user(self.env, login="t_drafts_newcomer", groups="base.group_portal", lang="en_US")
        self._login(user)
        response = self._post(
            "/my/profile/save",
            {"name": "新来者", "diploma_date": "2024-13-45"},
            files={"id_card": ("身份证.pdf", PDF, "application/pdf")},
        )
        self.assertFormRefused(response, self._forms()["applicant profile"])
        self.assertReupload(response, {"id_card": "身份证.pdf"})
        self.assertNotIn("o_jianxi_kept", response.text)
        self.assertFalse(self.env["jianxi.applicant"].search([("partner_id", "=", user.partner_id.id)]))
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("create_uid", "=", user.id), ("description", "=like", PORTAL_DRAFT_MARK + "%")]
            )
        )

    # ------------------------------------------------------------------ clean-up
    def test_autovacuum_deletes_drafts_older_than_a_day(self):
        old = self._draft_of(self.unit_user, self.unit, "business_licence", "old.pdf", PDF)
        new = self._draft_of(self.unit_user, self.internship, "agreement_file", "new.pdf", PDF)
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=1, minutes=1), old.id),
        )
        self.env.invalidate_all()
        self.env["ir.attachment"]._gc_jianxi_portal_drafts()
        self.assertFalse(old.exists())
        self.assertTrue(new.exists())
