from odoo import Command
from odoo.tests import TransactionCase, new_test_user


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
    def _officer(cls, login, group, regions):
        user = new_test_user(cls.env, login=login, groups=f"base.group_user,{group}")
        user.jianxi_region_ids = [Command.set(regions.ids)]
        return user
