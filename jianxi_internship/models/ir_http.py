from urllib.parse import urlsplit

from werkzeug.exceptions import RequestEntityTooLarge

from odoo import models
from odoo.http import Response, request

from odoo.addons.base.models.ir_http import SignedIntConverter

from ..rules import bounds


class DatabaseIntConverter(SignedIntConverter):
    """Odoo's ``<int:…>`` within PostgreSQL's integer: a URL whose id does not fit (/my/interns/
    9223372036854775807) matches no route, a 404, instead of a query that fails with an HTTP 500.
    Every route's ids and page numbers are bounded so, Odoo's included."""

    def __init__(self, url_map, *args, **kwargs):
        # werkzeug's arguments: fixed_digits, min, max, signed (a rule may give them: <int(max=9):x>)
        if len(args) < 2:
            kwargs.setdefault("min", -bounds.MAX_DATABASE_INTEGER - 1)
        if len(args) < 3:
            kwargs.setdefault("max", bounds.MAX_DATABASE_INTEGER)
        super().__init__(url_map, *args, **kwargs)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_converters(cls):
        return {**super()._get_converters(), "int": DatabaseIntConverter}

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal's pages load the translations of the portal and mail modules too: the record
        pages draw their message history with Odoo's portal chatter, whose words (今天, 自动留言,
        复制链接…) are mail's and portal's. Without the website module, only web's are loaded, and
        the chatter speaks English on a Chinese page."""
        return [*super()._get_translation_frontend_modules_name(), "portal", "mail"]

    @classmethod
    def _handle_error(cls, exception):
        """A form with uploads whose body is larger than its route accepts
        (controllers/portal_base.py, ``upload_body_limit``) is refused before it is read: instead
        of Odoo's bare error page (an HTTP 418 saying only "Odoo", as no 413 page exists), a page
        in the user's language says why, names the limit and leads back to the form. Other
        errors, and other routes' 413, go to Odoo."""
        limit_mb = getattr(request, "jianxi_upload_limit_mb", None)
        if not isinstance(exception, RequestEntityTooLarge) or not limit_mb:
            return super()._handle_error(exception)
        html = request.env["ir.ui.view"]._render_template(
            "jianxi_internship.jianxi_upload_too_large",
            {"limit_mb": limit_mb, "back_url": cls._jianxi_back_url()},
        )
        response = Response(html, status=exception.code, content_type="text/html;charset=utf-8")
        cls._post_dispatch(response)
        return response

    @classmethod
    def _jianxi_back_url(cls):
        """The page the refused form was posted from (its Referer, when it is a page of this
        site), else the portal's home."""
        referrer = urlsplit(request.httprequest.referrer or "")
        path = referrer.path
        if referrer.netloc == request.httprequest.host and path.startswith("/") and not path.startswith("//"):
            return path + (f"?{referrer.query}" if referrer.query else "")
        return "/my"
