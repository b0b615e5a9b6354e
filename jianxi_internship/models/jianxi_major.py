from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules import matching


class JianxiMajor(models.Model):
    """A normalised major (专业) that staff maintain: its name and the other ways people write it
    (计算机 and 计算机科学与技术 are one major). The matching of applicants and positions
    (``rules/matching.py``) reads them; majors it does not find here are compared by their text."""

    _name = "jianxi.major"
    _description = "Major"
    _order = "name, id"

    name = fields.Char(required=True)
    aliases = fields.Text(
        help="Other names of the same major, separated by 、 or commas or one a line, e.g. 计算机、计算机科学.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "Another major already has this name."),
    ]

    @api.constrains("name", "aliases", "active")
    def _check_names_are_one_major_each(self):
        """A name or an alias belongs to one major only: otherwise the catalogue could not tell
        which major a text means."""
        owner = {}
        for major in self.search([]):
            for name in (major.name, *matching.split_majors(major.aliases, matching.ALIAS_SEPARATORS)):
                key = matching.normalise(name)
                if key in owner and owner[key] != major:
                    raise ValidationError(
                        _(
                            "“%(name)s” is already a name or alias of the major %(major)s.",
                            name=name,
                            major=owner[key].name,
                        )
                    )
                owner[key] = major

    @api.model
    def _jianxi_catalogue(self):
        """The active majors as ``rules.matching.MajorCatalogue`` (one query; reference data, read
        as superuser like the policies)."""
        rows = self.sudo().search_fetch([], ["name", "aliases"])
        return matching.MajorCatalogue((major.name, major.aliases) for major in rows)
