from odoo import models
from odoo.http import request


class IrBinary(models.AbstractModel):
    """Every stream of a logged document (``/web/content``, ``/web/image``, the portal's own file
    routes: they all come here once access is checked) writes a line of the access log."""

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        download = bool(request) and str(request.params.get("download", "")).lower() in ("1", "true")
        self.env["jianxi.access.log"]._jianxi_log_document("download" if download else "preview", record, field_name)
        return stream
