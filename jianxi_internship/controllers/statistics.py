from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from .downloads import xlsx_response


class JianxiStatisticsController(http.Controller):
    @http.route("/jianxi/statistics/<int:statistics_id>/xlsx", type="http", auth="user", methods=["GET"], readonly=True)
    def jianxi_statistics_xlsx(self, statistics_id, **kwargs):
        """就业见习情况统计表 as XLSX: the staff's own form only, its region checked on the server
        (404 for anybody else)."""
        statistics = request.env["jianxi.statistics"].browse(statistics_id)
        try:
            statistics = statistics.exists()
            if not statistics:
                raise NotFound()
            statistics.check_access("read")
            content = statistics._jianxi_xlsx()
        except AccessError as error:
            raise NotFound() from error
        filename = request.env._(
            "Internship Statistics %(region)s %(date_from)s %(date_to)s.xlsx",
            region=statistics.region_id.name,
            date_from=statistics.date_from,
            date_to=statistics.date_to,
        )
        return xlsx_response(content, filename)
