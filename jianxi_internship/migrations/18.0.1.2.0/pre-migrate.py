"""18.0.1.2.0: the applicant's three declarations are explicit answers (issue 11, point 6).

``is_student``, ``is_employed`` and ``has_business_licence`` were booleans that defaulted to no, so
"no" never meant that anybody answered. They become selections ('yes', 'no', empty = not answered):
a stored true becomes 'yes' (somebody ticked it), a false becomes not answered (nobody declared
anything): the eligibility checklist then reads "not recorded" until the person answers. Their
tracked changes are converted the same way, so the chatter still reads them. Nobody has declared
the data true and complete yet: ``declared_at`` is a new column, left empty.
"""

from odoo.tools import SQL

MODEL = "jianxi.applicant"
TABLE = "jianxi_applicant"
FIELDS = ("is_student", "is_employed", "has_business_licence")


def _column_type(cr, table, column):
    cr.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
        [table, column],
    )
    row = cr.fetchone()
    return row and row[0]


def migrate(cr, version):
    if not version:
        return
    for name in FIELDS:
        if _column_type(cr, TABLE, name) != "boolean":
            continue
        column = SQL.identifier(name)
        cr.execute(
            SQL(
                "ALTER TABLE %s ALTER COLUMN %s TYPE varchar USING CASE WHEN %s THEN 'yes' END",
                SQL.identifier(TABLE),
                column,
                column,
            )
        )
    # The chatter reads a tracked selection from its stored label ("Yes", shown in the reader's
    # language by mail_tracking_value.py), where a boolean was stored as 0 / 1.
    cr.execute(
        """
        UPDATE mail_tracking_value v
           SET old_value_char = CASE WHEN v.old_value_integer = 1 THEN 'Yes' END,
               new_value_char = CASE WHEN v.new_value_integer = 1 THEN 'Yes' END,
               old_value_integer = NULL,
               new_value_integer = NULL
          FROM ir_model_fields f
         WHERE v.field_id = f.id AND f.model = %s AND f.name IN %s AND f.ttype = 'boolean'
        """,
        [MODEL, FIELDS],
    )
