import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [("province", "Province"), ("city", "City / Prefecture"), ("county", "County / District")]


class JianxiRegion(models.Model):
    """An administrative region: province → city/prefecture → county (GB/T 2260 codes).

    Officers are scoped by region: they see the records of their regions and everything below,
    which is why the tree keeps a ``parent_path`` (``child_of`` is then one indexed LIKE).
    """

    _name = "jianxi.region"
    _description = "Administrative Region"
    _parent_store = True
    _rec_name = "complete_name"
    # A list imported with Odoo's generic import names a county by its name (石阡县), its full name
    # or its 6-digit code (520623).
    _rec_names_search = ["name", "complete_name", "code"]
    _order = "code"

    name = fields.Char(required=True)
    code = fields.Char(
        string="Administrative Code",
        size=6,
        required=True,
        index=True,
        help="The 6-digit administrative division code (GB/T 2260), e.g. 520623 for 石阡县.",
    )
    parent_id = fields.Many2one("jianxi.region", string="Parent Region", index=True, ondelete="restrict")
    child_ids = fields.One2many("jianxi.region", "parent_id", string="Sub-regions")
    parent_path = fields.Char(index=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    level = fields.Selection(LEVELS, compute="_compute_level", store=True)
    key_county = fields.Boolean(
        string="National Rural-Revitalisation Key County",
        help="国家乡村振兴重点帮扶县: secondary-vocational graduates also qualify for internships here.",
    )
    hardship_area = fields.Boolean(
        string="Hardship / Remote Area",
        help="艰苦边远地区: secondary-vocational graduates also qualify for internships here.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another region already has this administrative code."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for region in self:
            if region.parent_id:
                region.complete_name = f"{region.parent_id.complete_name} / {region.name}"
            else:
                region.complete_name = region.name

    @api.depends("code")
    def _compute_level(self):
        for region in self:
            code = region.code or ""
            if code.endswith("0000"):
                region.level = "province"
            elif code.endswith("00"):
                region.level = "city"
            else:
                region.level = "county"

    @api.constrains("code", "parent_id")
    def _check_code(self):
        for region in self:
            if not re.fullmatch(r"\d{6}", region.code or ""):
                raise ValidationError(
                    _("The administrative code of %(region)s must be exactly 6 digits.", region=region.name)
                )
            parent = region.parent_id
            if not parent:
                continue
            # A county's code starts with its city's 4 digits, a city's with its province's 2.
            prefix = parent.code[:2] if parent.level == "province" else parent.code[:4]
            if not region.code.startswith(prefix) or region.code == parent.code:
                raise ValidationError(
                    _(
                        "The code %(code)s of %(region)s does not belong under %(parent)s (%(parent_code)s).",
                        code=region.code,
                        region=region.name,
                        parent=parent.name,
                        parent_code=parent.code,
                    )
                )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_("A region cannot be its own ancestor."))

    def _ancestor_ids(self):
        """Ids of this region and all its ancestors, most specific first."""
        self.ensure_one()
        return [int(x) for x in reversed(self.parent_path.strip("/").split("/"))]
