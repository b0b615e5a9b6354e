from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal's pages load the translations of the portal and mail modules too: the record
        pages draw their message history with Odoo's portal chatter, whose words (今天, 自动留言,
        复制链接…) are mail's and portal's. Without the website module, only web's are loaded, and
        the chatter speaks English on a Chinese page."""
        return [*super()._get_translation_frontend_modules_name(), "portal", "mail"]
