import base64
import itertools
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user

ONBOARDING_PDF = base64.b64encode(b"%PDF-1.4 jianxi test document")


def onboarding_values(start, months=6, **overrides):
    """Complete onboarding data (agreement, both insurances, the four papers) for an agreement of
    ``months`` calendar months from ``start``."""
    end = start + relativedelta(months=months) - timedelta(days=1)
    values = {
        "agreement_date": start, "start_date": start, "planned_end_date": end,
        "accident_policy_number": "PEAC-001", "accident_date_from": start, "accident_date_to": end,
        "accident_premium": 120,
        "medical_policy_number": "PMED-001", "medical_date_from": start, "medical_date_to": end,
        "medical_premium": 230,
        "agreement_file": ONBOARDING_PDF, "agreement_filename": "agreement.pdf",
        "accident_policy_file": ONBOARDING_PDF, "accident_policy_filename": "accident.pdf",
        "medical_policy_file": ONBOARDING_PDF, "medical_policy_filename": "medical.pdf",
        "invoice_file": ONBOARDING_PDF, "invoice_filename": "invoice.pdf",
    }
    values.update(overrides)
    return values


# Distinct sequence numbers for generated ID numbers, clear of those the demo data uses (x23, x34 …).
_SEQUENCE = (n for n in itertools.chain(range(900, 1000), range(500, 900), range(100, 500))
             if f"{n:03d}" not in {"123", "234", "345", "456", "567", "678", "789", "891", "012", "134", "245",
                                   "356", "467", "578"})


class JianxiCase(TransactionCase):
    """Regions of the data file, and one real user per staff role.

    - ``officer_shiqian``: officer for 石阡县;
    - ``officer_sinan``: officer for 思南县;
    - ``officer_tongren``: officer for the whole of 铜仁市;
    - ``officer_none``: an officer with no region yet;
    - ``manager``: manager (every region).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are asserted in English, the source language, whatever the root user speaks.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        ref = cls.env.ref
        cls.Region = cls.env["jianxi.region"]
        cls.guizhou = ref("jianxi_internship.region_guizhou")
        cls.tongren = ref("jianxi_internship.region_tongren")
        cls.shiqian = ref("jianxi_internship.region_shiqian")
        cls.sinan = ref("jianxi_internship.region_sinan")
        cls.bijiang = ref("jianxi_internship.region_bijiang")
        cls.yanhe = ref("jianxi_internship.region_yanhe")
        officer = "jianxi_internship.jianxi_internship_group_officer"
        manager = "jianxi_internship.jianxi_internship_group_manager"
        cls.officer_shiqian = cls._officer("t_officer_shiqian", officer, cls.shiqian)
        cls.officer_sinan = cls._officer("t_officer_sinan", officer, cls.sinan)
        cls.officer_tongren = cls._officer("t_officer_tongren", officer, cls.tongren)
        cls.officer_none = cls._officer("t_officer_none", officer, cls.Region)
        cls.manager = new_test_user(cls.env, login="t_manager", groups=f"base.group_user,{manager}")

    @classmethod
    def _archive_settings_of(cls, regions):
        """Archive the policies and minimum wages set on ``regions`` (by the demo data, say), so a
        test's own settings are the only ones that apply there."""
        for model in ("jianxi.policy", "jianxi.minimum.wage"):
            cls.env[model].search([("region_id", "in", regions.ids)]).active = False

    @classmethod
    def _officer(cls, login, group, regions):
        user = new_test_user(cls.env, login=login, groups=f"base.group_user,{group}")
        user.jianxi_region_ids = [Command.set(regions.ids)]
        return user


class JianxiWorkflowCase(JianxiCase):
    """Adds the portal roles and factories for workflow records.

    - ``unit_user`` / ``unit_user2``: two portal contacts of unit 石阡县某科技有限公司 (``unit``, 石阡县);
    - ``other_unit_user``: a portal contact of a unit in 思南县 (``other_unit``);
    - ``applicant_user`` / ``other_applicant_user``: portal users with applicant records.

    Factories write states directly (as superuser) to set a scene; the tests then act through
    the ``action_*`` methods with the real users.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls._make_unit("石阡县某科技有限公司", cls.shiqian, "91520623MA6DL1234X")
        cls.unit_user = cls._portal_user("t_unit_user", cls.unit.partner_id)
        cls.unit_user2 = cls._portal_user("t_unit_user2", cls.unit.partner_id)
        cls.other_unit = cls._make_unit("思南县某商贸有限公司", cls.sinan, "91520624MA6DL5678X")
        cls.other_unit_user = cls._portal_user("t_other_unit_user", cls.other_unit.partner_id)
        cls.applicant_user = cls._portal_user("t_applicant_user")
        cls.applicant = cls._make_applicant(cls.applicant_user.partner_id, "张三", birth=(2001, 3, 15))
        cls.other_applicant_user = cls._portal_user("t_other_applicant_user")
        cls.other_applicant = cls._make_applicant(cls.other_applicant_user.partner_id, "李四", birth=(2002, 8, 1))

    # ------------------------------------------------------------------ identity numbers
    @staticmethod
    def make_id_number(birth=(2001, 3, 15), area="520623", sequence=123):
        """A valid 18-character resident ID number (GB 11643) for the birth date."""
        from ..rules import identity

        first17 = f"{area}{birth[0]:04d}{birth[1]:02d}{birth[2]:02d}{sequence:03d}"
        return first17 + identity.resident_id_check_character(first17)

    @staticmethod
    def make_credit_code(first17):
        """A valid unified social credit code (GB 32100) from its first 17 characters."""
        from stdnum.cn import uscc

        return first17 + uscc.calc_check_digit(first17)

    # ------------------------------------------------------------------ factories
    @classmethod
    def _portal_user(cls, login, partner=None):
        user = new_test_user(cls.env, login=login, groups="base.group_portal")
        if partner:
            # A contact of the company: its commercial partner is the unit's partner.
            user.partner_id.parent_id = partner
        return user

    @classmethod
    def _make_unit(cls, name, region, credit_code17_or_code, state="certified"):
        code = credit_code17_or_code[:17]
        company = cls.env["res.partner"].create({"name": name, "is_company": True})
        return cls.env["jianxi.unit"].create({
            "name": name, "partner_id": company.id, "region_id": region.id,
            "credit_code": cls.make_credit_code(code), "unit_type": "enterprise",
            "legal_representative": "王法人", "contact_name": "赵联系", "contact_phone": "0856-1234567",
            "insured_staff_count": 20,
        })._jianxi_force_state(state)

    @classmethod
    def _make_position(cls, unit=None, state="published", **vals):
        unit = unit or cls.unit
        values = {
            "name": "软件开发见习岗", "unit_id": unit.id, "region_id": unit.region_id.id,
            "content": "参与业务系统的开发与测试，有导师指导。", "headcount": 2, "duration_months": 6,
            "allowance": 1800, "planned_start_date": "2023-03-01", "deadline": "2099-12-31",
            "education_level_id": cls.env.ref("jianxi_internship.education_level_junior_college").id,
        }
        values.update(vals)
        return cls.env["jianxi.position"].create(values)._jianxi_force_state(state)

    @classmethod
    def _make_applicant(cls, partner, name, birth=(2001, 3, 15), **vals):
        values = {
            "name": name, "partner_id": partner.id, "id_number": cls.make_id_number(birth, sequence=next(_SEQUENCE)),
            "category": "college",
            "education_level_id": cls.env.ref("jianxi_internship.education_level_bachelor").id,
            "school": "贵州大学", "major": "计算机科学与技术",
            "diploma_date": "2022-07-01", "diploma_registration_date": "2022-07-15",
            "household_region_id": cls.env.ref("jianxi_internship.region_shiqian").id,
        }
        values.update(vals)
        return cls.env["jianxi.applicant"].create(values)


class JianxiHttpCase(JianxiWorkflowCase, HttpCase):
    """HTTP tests read the pages in English, the source language, although the database may have
    only Chinese active: English is activated, made the default, and asked for by every request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")  # no /en/ prefix in the URLs

    def setUp(self):
        super().setUp()
        self.opener.cookies["frontend_lang"] = "en_US"

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        self.opener.cookies["frontend_lang"] = "en_US"
        return session
