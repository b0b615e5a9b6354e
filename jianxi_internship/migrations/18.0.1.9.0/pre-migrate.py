"""18.0.1.9.0: the applicant's category is stored on the internship (issue 15, the overview).

``jianxi.internship.applicant_category`` was a related field read at each use; it is stored now so
that the figures count the interns started by category in one query. A new stored field makes the
ORM compute it record by record at the update: a province's million internships would take
minutes. The column is added and filled here in one statement instead; the ORM then finds it and
computes nothing.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE jianxi_internship ADD COLUMN IF NOT EXISTS applicant_category varchar")
    cr.execute(
        """
        UPDATE jianxi_internship i
           SET applicant_category = a.category
          FROM jianxi_applicant a
         WHERE a.id = i.applicant_id
           AND i.applicant_category IS DISTINCT FROM a.category
        """
    )
    _logger.info("Internships: the applicant's category stored on %s records", cr.rowcount)
