from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from .downloads import check_manager_or_404, xlsx_response


class JianxiLegacyImport(http.Controller):
    """The legacy import's two downloads, for managers (404 for anybody else)."""

    @http.route("/jianxi/legacy_import/template", type="http", auth="user", methods=["GET"], readonly=True)
    def jianxi_legacy_template(self, **kwargs):
        check_manager_or_404()
        content = request.env["jianxi.legacy.import"]._jianxi_template_xlsx()
        return xlsx_response(content, "历史见习导入模板.xlsx")

    @http.route(
        "/jianxi/legacy_import/<int:import_id>/errors", type="http", auth="user", methods=["GET"], readonly=True
    )
    def jianxi_legacy_errors(self, import_id, **kwargs):
        check_manager_or_404()
        batch = request.env["jianxi.legacy.import"].browse(import_id).exists()
        if not batch:
            raise NotFound()
        name = (batch.file_name or "legacy").rsplit(".", 1)[0]
        return xlsx_response(batch._jianxi_errors_xlsx(), request.env._("%(file)s - errors.xlsx", file=name))
