# The PDF reports the portal pages serve, by the name in their URL (``.../report/<kind>``); see
# JianxiPortal._jianxi_show_report. The report models refuse the records they do not print: an
# agreement before the bureau's approval, a certificate before the end.

# An internship's: for the unit (/my/interns/<id>/report/...) and the applicant (/my/internships/<id>/report/...).
INTERNSHIP_REPORTS = {
    "agreement": "jianxi_internship.action_report_internship_agreement",
    "certificate": "jianxi_internship.action_report_completion_certificate",
}
# A unit's (/my/unit/report/roster).
UNIT_REPORTS = {"roster": "jianxi_internship.action_report_unit_roster"}
# A subsidy claim's (/my/claims/<id>/report/...).
CLAIM_REPORTS = {
    "claim": "jianxi_internship.action_report_subsidy_claim",
    "roster": "jianxi_internship.action_report_subsidy_claim_roster",
}
