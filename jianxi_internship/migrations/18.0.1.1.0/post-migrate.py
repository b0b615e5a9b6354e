"""18.0.1.1.0: the open review activities of units, positions and claims move to their own review
type (they shared one with the internships' eligibility review), and lose their stored summary,
written in the language of whoever scheduled them: the type's name shows, in the reader's language."""

from odoo import SUPERUSER_ID, api

TYPES = {
    "jianxi.unit": "mail_activity_type_review_certification",
    "jianxi.position": "mail_activity_type_review_position",
    "jianxi.subsidy.claim": "mail_activity_type_review_claim",
    "jianxi.internship": "mail_activity_type_review_eligibility",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    eligibility = env.ref("jianxi_internship.mail_activity_type_review_eligibility")
    activities = env["mail.activity"].search([("activity_type_id", "=", eligibility.id)])
    for model, xmlid in TYPES.items():
        mine = activities.filtered(lambda a, model=model: a.res_model == model)
        reminders = env["mail.activity"]
        if model == "jianxi.internship":
            # an internship on duty is past its eligibility review: its activity is the reminder
            # of a forgotten end (人员终止)
            on_duty = (
                env[model].browse(mine.mapped("res_id")).filtered(lambda i: i.state in ("on_duty", "end_requested"))
            )
            reminders = mine.filtered(lambda a, ids=set(on_duty.ids): a.res_id in ids)
            forgotten_end = env.ref("jianxi_internship.mail_activity_type_forgotten_end")
            reminders.write({"activity_type_id": forgotten_end.id, "summary": False})
        (mine - reminders).write({"activity_type_id": env.ref(f"jianxi_internship.{xmlid}").id, "summary": False})
