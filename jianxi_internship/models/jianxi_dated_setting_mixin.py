from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class JianxiDatedSettingMixin(models.AbstractModel):
    """A setting that applies to a region and its whole subtree, from a date on.

    Lookup rule, shared by policies and minimum wages: among the settings of the region and of
    its ancestors that start on or before the day, the most specific region wins, and within
    that region the latest start date wins. A setting is valid until the next one of the same
    region starts.
    """

    _name = "jianxi.dated.setting.mixin"
    _description = "Dated Regional Setting"
    _order = "region_id, date_from desc"

    region_id = fields.Many2one(
        "jianxi.region",
        string="Region",
        required=True,
        index=True,
        ondelete="restrict",
        help="The setting applies to this region and every region below it, unless a more specific one exists.",
    )
    date_from = fields.Date(string="Valid From", required=True, index=True, default=fields.Date.context_today)
    date_to = fields.Date(
        string="Valid Until",
        compute="_compute_date_to",
        help="The day before the next setting of the same region starts; empty while it is the latest.",
    )
    active = fields.Boolean(default=True)

    @api.depends("region_id", "date_from")
    def _compute_date_to(self):
        groups = self.sudo()._read_group(
            [("region_id", "in", self.region_id.ids), *self._jianxi_lookup_domain()],
            ["region_id"],
            ["date_from:array_agg"],
        )
        starts = {region.id: sorted(d for d in dates if d) for region, dates in groups}
        for setting in self:
            later = [d for d in starts.get(setting.region_id.id, []) if setting.date_from and d > setting.date_from]
            setting.date_to = fields.Date.subtract(later[0], days=1) if later else False

    @api.model
    def _jianxi_lookup_domain(self):
        """The settings the lookup considers (all; a model narrows it, e.g. policies leave out the
        legacy rule sets)."""
        return []

    @api.model
    def _lookup(self, region, day, raise_if_missing=True):
        """The setting in force for ``region`` on ``day`` (see the class docstring).

        Settings are reference data: the lookup reads them as superuser, so that a portal user's
        action can be checked against the policy without being allowed to browse the settings.
        """
        region.ensure_one()
        day = fields.Date.to_date(day)
        best = self._lookup_table(region)[region.id](day)
        if not best and raise_if_missing:
            raise UserError(
                _(
                    "No %(setting)s applies to %(region)s on %(day)s. "
                    "A manager must add one under Internships › Configuration.",
                    setting=self.env["ir.model"]._get(self._name).name,
                    region=region.display_name,
                    day=fields.Date.to_string(day),
                )
            )
        return best or self.browse()

    @api.model
    def _lookup_table(self, regions, fnames=()):
        """``{region id: setting_for(day)}`` for each of ``regions``, from ONE read of the settings
        of those regions and their ancestors (as superuser, like ``_lookup``): the rule of the
        class docstring, for many regions and days at once. ``setting_for`` returns the setting in
        force on the day, or an empty recordset.

        :param fnames: other fields to read in that same query (e.g. the amount of a wage)
        """
        chains = {region.id: region._ancestor_ids() for region in regions}
        region_ids = sorted({region_id for chain in chains.values() for region_id in chain})
        settings_of = defaultdict(list)  # region id -> its settings, latest start first
        for setting in self.sudo().search_fetch(
            [("region_id", "in", region_ids), *self._jianxi_lookup_domain()],
            ["region_id", "date_from", *fnames],
            order="date_from desc",
        ):
            settings_of[setting.region_id.id].append(setting)
        empty = self.sudo().browse()

        def table(chain):
            def setting_for(day):
                # the most specific region first, then its latest start on or before the day
                for region_id in chain:
                    for setting in settings_of[region_id]:
                        if setting.date_from <= day:
                            return setting
                return empty

            return setting_for

        return {region_id: table(chain) for region_id, chain in chains.items()}
