"""The claim's papers in one download for the officer (issue 13, point 2): a ZIP with the claim form
and the roster as the system prints them, each intern's uploaded papers in a folder of their own,
and a list that names what is missing; only for an officer of the claim's county or a manager."""

import base64
import csv
import io
import zipfile
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import JianxiHttpCase


@tagged("post_install", "-at_install")
class TestClaimPapers(JianxiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.claim = cls._claim_with_one_intern(cls.unit, cls.applicant, claim_date=date.today())
        cls.internship = cls.claim.line_ids.internship_id
        # The insurance invoice never came.
        cls.internship.write({"invoice_file": False, "invoice_filename": False})
        cls.url = f"/jianxi/claims/{cls.claim.id}/papers"
        cls.officer_shiqian.lang = "en_US"  # the archive's names are in the reader's language

    def _zip(self, user):
        self._login(user)
        response = self._get(self.url)
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        self.assertIn(self.claim.name.replace("/", "-"), response.headers["Content-Disposition"])
        return zipfile.ZipFile(io.BytesIO(response.content))

    def test_the_officer_downloads_every_paper_of_the_claim(self):
        with self._force_pdf():
            archive = self._zip(self.officer_shiqian)
        names = archive.namelist()
        name = self.claim.name.replace("/", "-")
        self.assertIn(f"Claim Form {name}.pdf", names)
        self.assertIn(f"Roster of Interns Claimed {name}.pdf", names)
        for printed in (f"Claim Form {name}.pdf", f"Roster of Interns Claimed {name}.pdf"):
            self.assertTrue(archive.read(printed).startswith(b"%PDF"), printed)
        folder = "01 张三/"
        agreement = base64.b64decode(self.internship.agreement_file)
        self.assertEqual(
            archive.read(f"{folder}Internship Agreement - agreement.pdf"), agreement, "the paper as stored"
        )
        self.assertIn(f"{folder}Accident Policy - accident.pdf", names)
        self.assertIn(f"{folder}Medical Policy - medical.pdf", names)
        self.assertFalse([n for n in names if "Insurance Invoice" in n], "no file for the invoice that never came")

        listing = list(csv.reader(io.StringIO(archive.read("List of Papers.csv").decode("utf-8-sig"))))
        self.assertEqual(listing[0], ["No.", "Intern", "Paper", "File in the archive"])
        self.assertIn(["1", "张三", "Insurance Invoice", "Not uploaded"], listing)
        self.assertIn(["1", "张三", "Internship Agreement", f"{folder}Internship Agreement - agreement.pdf"], listing)
        months = len(self.claim.line_ids.monthly_papers)
        self.assertIn(
            ["1", "张三", f"{min(self.claim.line_ids.monthly_papers)} Attendance Record", "Not uploaded"], listing
        )
        self.assertEqual(
            len(listing), 5 + 2 * months, "a header, the four papers of the one intern, two monthly papers a month"
        )

    def test_the_names_are_in_the_officers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.officer_shiqian.lang = "zh_CN"
        names = self._zip(self.officer_shiqian).namelist()
        self.assertIn(f"见习补贴申领表 {self.claim.name.replace('/', '-')}.html", names, "(HTML in tests)")
        self.assertTrue(any(n.startswith("01 张三/就业见习协议") for n in names), names)

    def test_nobody_else_gets_the_papers(self):
        for user in (self.officer_sinan, self.unit_user, self.other_unit_user, self.applicant_user):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertEqual(self._get(self.url).status_code, 404)
        self._login(self.officer_shiqian)
        for url in ("/jianxi/claims/99999999/papers", "/jianxi/claims/99999999999999999999/papers"):
            self.assertEqual(self._get(url).status_code, 404, url)
        self._login(None)
        response = self._get(self.url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_the_button_is_for_the_claims_officers(self):
        action = self.claim.with_user(self.officer_shiqian).action_download_papers()
        self.assertEqual(action["url"], self.url)
        with self.assertRaises(AccessError):
            self.claim.with_user(self.officer_sinan).action_download_papers()
        self.assertEqual(self.claim.with_user(self.manager).action_download_papers()["url"], self.url)
