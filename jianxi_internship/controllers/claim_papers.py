import tempfile

from werkzeug.exceptions import NotFound
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request


class JianxiClaimPapers(http.Controller):
    @http.route("/jianxi/claims/<int:claim_id>/papers", type="http", auth="user", methods=["GET"])
    def jianxi_claim_papers(self, claim_id, **kwargs):
        """The claim's papers as one ZIP file, for an officer of its county or a manager (404 for
        anybody else). The archive is written into an anonymous temporary file, which is streamed
        and disappears when the response is closed: a large claim is never held in memory."""
        claim = request.env["jianxi.subsidy.claim"].browse(claim_id).exists()
        try:
            claim.check_access("read")
            claim._jianxi_check_officer()
        except AccessError as error:
            raise NotFound() from error
        if not claim:
            raise NotFound()
        fileobj = tempfile.TemporaryFile()  # pylint: disable=consider-using-with  (closed by the response)
        try:
            claim._jianxi_write_papers(fileobj)
            size = fileobj.tell()
            fileobj.seek(0)
        except BaseException:
            fileobj.close()
            raise
        response = request.make_response(
            wrap_file(request.httprequest.environ, fileobj),
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Length", str(size)),
                ("Content-Disposition", content_disposition(claim._jianxi_papers_filename())),
                ("Cache-Control", "no-store"),
            ],
        )
        response.direct_passthrough = True
        return response
