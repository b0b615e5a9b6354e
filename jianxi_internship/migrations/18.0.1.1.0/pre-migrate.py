"""18.0.1.1.0: reasons are codes read in the reader's language; one activity type per review.

- The checklist's and the claim lines' sentences stored before are kept as they were written, under
  the code ``stored_text``: a checklist or a claim line is a record of what was decided, so nothing
  is recomputed. The columns are made here, before the ORM sets ``reason_code`` NOT NULL.
- The single review activity type becomes the eligibility review (its open activities keep it);
  post-migrate moves the other models' open activities to their own review type.
"""

from odoo.tools import SQL

TABLES = ("jianxi_eligibility_check", "jianxi_subsidy_claim_line")


def _has_column(cr, table, column):
    cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", [table, column])
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    for table in TABLES:
        if not _has_column(cr, table, "reason") or _has_column(cr, table, "reason_code"):
            continue
        name = SQL.identifier(table)
        cr.execute(SQL("ALTER TABLE %s ADD COLUMN reason_code varchar, ADD COLUMN reason_params jsonb", name))
        cr.execute(
            SQL(
                "UPDATE %s SET reason_code = 'stored_text', reason_params = jsonb_build_object('text', reason) "
                "WHERE reason IS NOT NULL AND reason != ''",
                name,
            )
        )
        if table == "jianxi_eligibility_check":
            cr.execute(SQL("UPDATE %s SET reason_code = 'stored_text' WHERE reason_code IS NULL", name))
            cr.execute(SQL("ALTER TABLE %s DROP COLUMN name", name))
        cr.execute(SQL("ALTER TABLE %s DROP COLUMN reason", name))
    cr.execute(
        "UPDATE ir_model_data SET name = 'mail_activity_type_review_eligibility' "
        "WHERE module = 'jianxi_internship' AND name = 'mail_activity_type_review'"
    )
