from odoo import models


class JianxiNotificationMixin(models.AbstractModel):
    """The mails of the workflow: a record that reaches a state posts the mail templates its
    model declares for that state (``_jianxi_state_templates``, next to the model's ``action_*``
    methods) in its chatter, logged and sent to the template's recipient; the reminder crons post
    theirs with ``_jianxi_post_template``.

    The mixin is a ``mail.thread`` itself, so that its ``_track_template`` comes before
    mail.thread's in every model's MRO (mail.thread's does not call super): the models inherit
    this mixin instead of ``mail.thread``, and one override serves them all. A model that sends
    no mail in some case overrides ``_jianxi_track_templates``.
    """

    _name = "jianxi.notification.mixin"
    _inherit = ["mail.thread"]
    _description = "Internship Notifications"

    # The mails a record sends when it reaches a state: {state: (mail.template xml id, ...)}.
    _jianxi_state_templates = {}

    def _track_template(self, changes):
        res = super()._track_template(changes)
        res.update(self._jianxi_track_templates(changes))
        return res

    def _jianxi_track_templates(self, changes):
        """What ``_track_template`` returns for the state the record just reached (one record:
        mail.thread calls it per record). Data files (install, demo) send nothing."""
        if "state" not in changes or not self or self.env.context.get("install_module"):
            return {}
        record = self[0]
        result = {}
        for index, xmlid in enumerate(self._jianxi_state_templates.get(record.state, ())):
            template = self.env.ref(xmlid, raise_if_not_found=False)
            if template:
                result["state" if not index else f"state_{index}"] = (
                    template,
                    {
                        "auto_delete_keep_log": False,
                        "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                        "email_layout_xmlid": "mail.mail_notification_light",
                    },
                )
        return result

    def _jianxi_post_template(self, xmlid):
        """Post the template ``xmlid`` on each record, like a state change does (reminders)."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if template and self:
            self.sudo().message_post_with_source(
                template,
                subtype_xmlid="mail.mt_note",
                email_layout_xmlid="mail.mail_notification_light",
                message_type="auto_comment",
            )
        return bool(template)
