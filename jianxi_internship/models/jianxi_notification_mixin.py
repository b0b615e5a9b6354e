from collections import defaultdict

from odoo import api, models


class JianxiNotificationMixin(models.AbstractModel):
    """The mails of the workflow: a record that reaches a state posts the mail templates its
    model declares for that state (``_jianxi_state_templates``, next to the model's ``action_*``
    methods) in its chatter, logged and sent to the template's recipient; the reminder crons post
    theirs with ``_jianxi_post_template``, and so does the cron that tells a unit of a new
    application (queued by ``jianxi.internship.create``, to keep the apply cheap).

    The mixin is a ``mail.thread`` itself, so that its ``_track_template`` comes before
    mail.thread's in every model's MRO (mail.thread's does not call super): the models inherit
    this mixin instead of ``mail.thread``, and one override serves them all. A model that sends
    no mail in some case overrides ``_jianxi_track_templates``.

    Who hears: the mails are posted as comments (``mail.mt_comment``), so that the portal
    chatter of the record shows them to the unit and the applicant (the state tracking stays an
    internal note). A mail reaches the partners its template names (``partner_to``: the applicant,
    or the unit's company, which may have no e-mail) and, when it is meant for the unit, the unit's
    contacts: the portal users of its company, who follow the unit's records from the moment the
    record or the contact is made (``_jianxi_subscribe_unit_contacts``). Other followers (officers,
    the applicant on a mail meant for the unit) are not mailed: what they must do reaches them as an
    activity, as before.
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
                        "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment"),
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
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
                message_type="auto_comment",
            )
        return bool(template)

    # ------------------------------------------------------------------ the unit's contacts
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._jianxi_subscribe_unit_contacts()
        return records

    def _jianxi_notice_unit(self):
        """The unit whose contacts hear about this record (one record)."""
        return self.unit_id

    def _jianxi_subscribe_unit_contacts(self, partners=None):
        """Make the unit's contacts (``partners``, by default all of them) followers of the records,
        with the default subtypes (the comments among them)."""
        # one search of contacts and one subscription per unit, however many records (an import
        # creates hundreds of one unit's internships at once)
        by_unit = defaultdict(lambda: self.sudo().browse())
        for record in self.sudo():
            by_unit[record._jianxi_notice_unit()] |= record
        for unit, records in by_unit.items():
            contacts = unit._jianxi_contact_partners()
            if partners is not None:
                contacts &= partners
            if contacts:
                records.message_subscribe(partner_ids=contacts.ids)

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """A mail of the workflow (an ``auto_comment``) reaches the partners it names and, when it
        names the unit's company, the unit's contacts who follow the record; no other follower."""
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        message_type = msg_vals.get("message_type") if msg_vals else message.message_type
        if message_type != "auto_comment" or len(self) != 1:
            return recipients
        named = set(msg_vals.get("partner_ids") or []) if msg_vals else set(message.sudo().partner_ids.ids)
        allowed = set(named)
        unit = self.sudo()._jianxi_notice_unit()
        if unit and unit.partner_id.id in named:
            allowed.update(unit._jianxi_contact_partners().ids)
        return [recipient for recipient in recipients if recipient["id"] in allowed]
