from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content, filename):
    """A workbook made for the reader (never cached: it may hold ID or bank account numbers)."""
    return request.make_response(
        content,
        headers=[
            ("Content-Type", XLSX),
            ("Content-Length", str(len(content))),
            ("Content-Disposition", content_disposition(filename)),
            ("Cache-Control", "no-store"),
        ],
    )


def check_manager_or_404():
    """The manager-only downloads answer 404 to anybody else: they do not even say they exist."""
    try:
        request.env["jianxi.internship"]._jianxi_check_manager()
    except AccessError as error:
        raise NotFound() from error
