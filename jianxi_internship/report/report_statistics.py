from odoo import api, models


class ReportStatistics(models.AbstractModel):
    """就业见习情况统计表 as PDF (landscape), in the reader's language; the region is checked on the
    server by jianxi.statistics."""

    _name = "report.jianxi_internship.report_statistics"
    _description = "Internship Statistics Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["jianxi.statistics"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": "jianxi.statistics",
            "docs": docs,
            "tables": {doc.id: doc._jianxi_table() for doc in docs},
            "columns": docs._jianxi_columns(),
            "currency": self.env.ref("base.CNY"),
            # web.report_layout's <title>, which the PDF keeps as its title (a PDF viewer shows it)
            "title": docs[:1]._jianxi_title() if docs else "",
        }
