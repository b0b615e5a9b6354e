from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from .downloads import check_manager_or_404, xlsx_response


class JianxiPaymentBatch(http.Controller):
    @http.route("/jianxi/payment_batches/<int:batch_id>/xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def jianxi_payment_batch_xlsx(self, batch_id, **kwargs):
        """The batch's list for the finance office, with each unit's bank account: managers only
        (404 for anybody else)."""
        check_manager_or_404()
        batch = request.env["jianxi.payment.batch"].browse(batch_id).exists()
        if not batch:
            raise NotFound()
        content = batch._jianxi_xlsx()
        filename = request.env._("Payment List %(batch)s.xlsx", batch=batch.name.replace("/", "-"))
        return xlsx_response(content, filename)
