from odoo import api, models


class ReportPaymentBatch(models.AbstractModel):
    """拨付清单 of a payment batch: its claims with each unit's bank account, the total in figures and
    in capital Chinese numerals (大写), printed in the reader's language for the finance office."""

    _name = "report.jianxi_internship.report_payment_batch"
    _inherit = "jianxi.report.document"
    _description = "Payment List of a Payment Batch"
    _jianxi_report_model = "jianxi.payment.batch"

    @api.model
    def _jianxi_report_extra_values(self, docs):
        return {"batch_rows": {batch.id: batch._jianxi_rows() for batch in docs}}
