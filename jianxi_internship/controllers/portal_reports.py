from odoo.exceptions import UserError
from odoo.http import request


def jianxi_show_report(portal, record, report_ref, download, on_refusal):
    """The PDF of ``report_ref`` for ``record``, through ``CustomerPortal._show_report``.

    ``record`` must have been read AS THE USER by the caller (its access helpers: 404 for anybody
    else). The report is then rendered as superuser, and the report model still masks ID numbers
    by the real user's rights. A report that does not apply to the record's state is refused by
    the report model (UserError): ``on_refusal(message)`` renders the record's page with it.
    """
    report = request.env["ir.actions.report"].sudo()._get_report(report_ref)
    filename = f"{report.name} - {record.sudo().display_name}"
    try:
        # Rendering writes nothing: a refusal leaves the transaction as it was.
        return portal._show_report(record.with_context(jianxi_report_filename=filename), "pdf", report_ref,
                                   download=bool(download))
    except UserError as error:
        return on_refusal(str(error.args[0]) if error.args else str(error))
