from markupsafe import Markup

from odoo import api, models


class JianxiBackup(models.AbstractModel):
    """What scripts/backup.sh asks of Odoo: telling the managers that a backup failed."""

    _name = "jianxi.backup"
    _description = "Backups of the Internship Records"

    @api.model
    def _notify_backup_failure(self, dbname, reason):
        """Notify every active manager (见习管理员), in their language, by inbox or mail as each chose.
        Called by scripts/backup.sh through ``odoo-bin shell`` when a backup fails."""
        managers = self.env.ref("jianxi_internship.jianxi_internship_group_manager").users.filtered("active")
        messages = self.env["mail.message"]
        for lang, users in managers.grouped(lambda user: user.lang or "en_US").items():
            env = self.with_context(lang=lang).env
            messages |= env["mail.thread"].message_notify(
                partner_ids=users.partner_id.ids,
                subject=env._("Backup of %(db)s failed", db=dbname),
                body=Markup("<p>%s</p>")
                % env._(
                    "The backup of the database %(db)s failed: %(reason)s. The last archive is older than "
                    "planned: read the backup log, fix the cause and run the backup again (make backup).",
                    db=dbname,
                    reason=reason,
                ),
            )
        return messages
