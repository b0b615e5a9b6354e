"""18.0.1.3.0: a payment records the amount paid (issue 11, point 7).

Claims marked paid before had no amount of their own: they were paid the amount approved, which
becomes their ``paid_amount``. Who recorded them is not known (``paid_by_id`` stays empty), and
neither is who submitted the claims already past their submission (``submitted_by_id``).
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE jianxi_subsidy_claim
           SET paid_amount = amount_total
         WHERE state = 'paid' AND paid_amount IS NULL
        """
    )
