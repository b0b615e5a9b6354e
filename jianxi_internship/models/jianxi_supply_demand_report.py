from odoo import fields, models
from odoo.tools import SQL

from .jianxi_internship import PAST_APPROVAL_STATES


class JianxiSupplyDemandReport(models.Model):
    """Supply and demand per county (供需): the seats of the published positions against the
    applicants still looking, both by normalised major (``jianxi.major``, by its name or an
    alias) and education level, so the bureau sees which positions to recruit.

    A position naming several majors counts its seats once under each of them; majors the
    catalogue does not know are grouped under no major. Applicants still looking: active, with a
    household county, and no internship past the eligibility approval.

    A materialized view, refreshed every hour by a job (``_cron_refresh``): computed when read, a
    province's 400,000 applicants took 8 to 9 seconds a pivot (make bench-scale, docs/scale.md)."""

    _name = "jianxi.supply.demand.report"
    _inherit = "jianxi.materialized.report"
    _description = "Supply and Demand of Internships"
    _auto = False
    _order = "region_id, major_id, education_level_id"

    region_id = fields.Many2one("jianxi.region", string="County", readonly=True)
    major_id = fields.Many2one("jianxi.major", string="Major", readonly=True)
    education_level_id = fields.Many2one("jianxi.education.level", string="Education Level", readonly=True)
    seat_count = fields.Integer(string="Published Seats", readonly=True, aggregator="sum")
    position_count = fields.Integer(string="Published Positions", readonly=True, aggregator="sum")
    applicant_count = fields.Integer(string="Applicants Looking", readonly=True, aggregator="sum")

    def init(self):
        # the separators of rules.matching (aliases, and the majors of a position)
        self._jianxi_create_view(
            SQL(
                """
                WITH names AS (
                    SELECT m.id AS major_id, lower(regexp_replace(n.name, '\\s', '', 'g')) AS name
                      FROM jianxi_major m
                     CROSS JOIN LATERAL unnest(array_append(
                           regexp_split_to_array(coalesce(m.aliases, ''), '[、,，;；/／|\\n\\r\\t]+'), m.name
                     )) AS n(name)
                     WHERE m.active AND btrim(n.name) <> ''
                ), position_majors AS (
                    SELECT p.id AS position_id, pm.major_id
                      FROM jianxi_position p
                     CROSS JOIN LATERAL regexp_split_to_table(coalesce(p.majors, ''), '[、,，;；/／|\\s]+') AS t(term)
                      LEFT JOIN LATERAL (
                           SELECT n.major_id FROM names n WHERE n.name = lower(t.term) LIMIT 1
                      ) pm ON TRUE
                     WHERE p.state = 'published' AND p.active AND t.term <> ''
                ), rows AS (
                    SELECT p.region_id, pm.major_id, p.education_level_id,
                           p.headcount AS seats, 1 AS positions, 0 AS applicants
                      FROM jianxi_position p
                      LEFT JOIN (SELECT DISTINCT position_id, major_id FROM position_majors) pm
                             ON pm.position_id = p.id
                     WHERE p.state = 'published' AND p.active
                    UNION ALL
                    SELECT a.household_region_id, (
                               SELECT n.major_id FROM names n
                                WHERE n.name = lower(regexp_replace(a.major, '\\s', '', 'g')) LIMIT 1
                           ), a.education_level_id, 0, 0, 1
                      FROM jianxi_applicant a
                     WHERE a.active AND a.household_region_id IS NOT NULL
                       AND NOT EXISTS (
                           SELECT 1 FROM jianxi_internship i
                            WHERE i.applicant_id = a.id AND i.active AND i.state IN %s
                       )
                )
                SELECT row_number() OVER (ORDER BY region_id, major_id, education_level_id) AS id,
                       region_id, major_id, education_level_id,
                       sum(seats) AS seat_count, sum(positions) AS position_count,
                       sum(applicants) AS applicant_count
                  FROM rows
                 GROUP BY region_id, major_id, education_level_id
                """,
                PAST_APPROVAL_STATES,
            )
        )
