/** @odoo-module **/
/**
 * Tour 2 of issue 4, in two parts (the bureau's eligibility approval happens in the test code
 * between them, see tests/test_tour_unit.py):
 *
 * - jianxi_unit_confirm_tour: a unit user finds the application in the inbox, with the ID number
 *   masked, and confirms the person; the full number shows.
 * - jianxi_unit_onboarding_claim_tour: the unit enters the agreement and insurances with the four
 *   scans, confirms the intern on duty (确认上岗), ends the internship (人员终止), then creates a
 *   subsidy claim, sees the computed amount and submits it.
 */
import {registry} from "@web/core/registry";

// The scene of tests/test_tour_unit.py.
const APPLICANT = "冯见习";
const CLAIM_TOTAL = "6,730.00"; // 6 months × 1,800 × 60 % + insurance premiums 100 + 150

const application = `.o_jianxi_application:has(.o_jianxi_applicant_name:contains("${APPLICANT}"))`;

function isoDate(day) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** Six months that ended last month or the one before: the end is past and within the claim window. */
function agreedPeriod() {
    const today = new Date();
    const start = new Date(today.getFullYear(), today.getMonth() - 7, 1);
    const end = new Date(start.getFullYear(), start.getMonth() + 6, 0); // last day of the sixth month
    return {start: isoDate(start), end: isoDate(end)};
}

function setValue(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

function attachPdf(input, name) {
    const file = new File([`%PDF-1.4\n% ${name}\n%%EOF\n`], name, {
        type: "application/pdf",
    });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

registry.category("web_tour.tours").add("jianxi_unit_confirm_tour", {
    url: "/my/applications",
    steps: () => [
        {
            content: "The application waits in the inbox, the ID number masked",
            trigger: `${application} .o_jianxi_id_number:contains("********")`,
        },
        {
            content: "Confirm the applicant (见习人员确认)",
            trigger: `${application} .o_jianxi_application_confirm`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The confirmation is saved",
            trigger: ".o_jianxi_unit_success",
        },
        {
            content: "Once confirmed, the full ID number shows",
            trigger: `${application} .o_jianxi_id_number:not(:contains("*"))`,
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_unit_onboarding_claim_tour", {
    url: "/my/interns",
    steps: () => [
        {
            content: "Open the intern the bureau approved",
            trigger: `a.o_jianxi_intern_link:contains("${APPLICANT}")`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Enter the agreed period",
            trigger: ".o_jianxi_onboarding_form input[name=start_date]",
            run() {
                const {start, end} = agreedPeriod();
                const form = this.anchor.closest("form");
                setValue(form.querySelector("input[name=agreement_date]"), start);
                setValue(form.querySelector("input[name=start_date]"), start);
                setValue(form.querySelector("input[name=planned_end_date]"), end);
                for (const insurance of ["accident", "medical"]) {
                    setValue(
                        form.querySelector(`input[name=${insurance}_date_from]`),
                        start
                    );
                    setValue(
                        form.querySelector(`input[name=${insurance}_date_to]`),
                        end
                    );
                }
            },
        },
        {
            content: "Accident policy number",
            trigger: ".o_jianxi_onboarding_form input[name=accident_policy_number]",
            run: "edit PA-TOUR-1",
        },
        {
            content: "Accident premium",
            trigger: ".o_jianxi_onboarding_form input[name=accident_premium]",
            run: "edit 100",
        },
        {
            content: "Inpatient medical policy number",
            trigger: ".o_jianxi_onboarding_form input[name=medical_policy_number]",
            run: "edit PM-TOUR-1",
        },
        {
            content: "Medical premium",
            trigger: ".o_jianxi_onboarding_form input[name=medical_premium]",
            run: "edit 150",
        },
        {
            content: "Upload the agreement, both policies and the invoice",
            trigger: ".o_jianxi_onboarding_form input[name=invoice_file]",
            run() {
                const form = this.anchor.closest("form");
                for (const name of [
                    "agreement_file",
                    "accident_policy_file",
                    "medical_policy_file",
                    "invoice_file",
                ]) {
                    attachPdf(form.querySelector(`input[name=${name}]`), `${name}.pdf`);
                }
            },
        },
        {
            content: "Save the onboarding data",
            trigger: ".o_jianxi_onboarding_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved, with the papers",
            trigger: ".o_jianxi_unit_success",
        },
        {
            content: "Confirm the intern on duty (确认上岗)",
            trigger: ".o_jianxi_on_duty",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The intern is on duty: the end form (人员终止) is offered",
            trigger: ".o_jianxi_end_form select[name=end_reason]",
            run: "select completed",
        },
        {
            content: "The last day is the planned end",
            trigger: ".o_jianxi_end_form input[name=end_date]",
            run() {
                setValue(this.anchor, agreedPeriod().end);
            },
        },
        {
            content: "End the internship",
            trigger: ".o_jianxi_end_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The internship is ended; go and claim the subsidy",
            trigger: ".o_jianxi_claims_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Create a claim: the system takes the interns",
            trigger: ".o_jianxi_claim_new",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The claim shows the computed amount",
            trigger: `.o_jianxi_claim_total:contains("${CLAIM_TOTAL}")`,
        },
        {
            content: "The intern is on the claim",
            trigger: `.o_jianxi_claim_line:contains("${APPLICANT}")`,
        },
        {
            content: "Submit the claim to the bureau",
            trigger: ".o_jianxi_claim_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The claim is submitted and read-only",
            trigger:
                ".o_jianxi_claim_page:has(.o_jianxi_unit_success):not(:has(.o_jianxi_claim_submit))",
        },
    ],
});

/** The first day of the month ``months`` months from now. */
function firstOfMonth(months) {
    const today = new Date();
    return isoDate(new Date(today.getFullYear(), today.getMonth() + months, 1));
}

/**
 * jianxi_unit_position_tour (issue 9): a certified unit creates a position through
 * /my/positions/new, typing its content (岗位内容) into the text box, then submits it for review.
 * Run by tests/test_portal_forms_render.py, which checks the position afterwards.
 */
registry.category("web_tour.tours").add("jianxi_unit_position_tour", {
    url: "/my/positions",
    steps: () => [
        {
            content: "Start a new position",
            trigger: ".o_jianxi_position_new",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Title",
            trigger: ".o_jianxi_position_form input[name=name]",
            run: "edit TourPosition 数据录入见习岗",
        },
        {
            content: "Job content (岗位内容): the text box is there",
            trigger: ".o_jianxi_position_form textarea[name=content]",
            run: "edit 负责业务数据的录入与核对，由导师带教。",
        },
        {
            content: "Majors",
            trigger: ".o_jianxi_position_form input[name=majors]",
            run: "edit 不限",
        },
        {
            content: "Headcount",
            trigger: ".o_jianxi_position_form input[name=headcount]",
            run: "edit 2",
        },
        {
            content: "Monthly living allowance",
            trigger: ".o_jianxi_position_form input[name=allowance]",
            run: "edit 2200",
        },
        {
            content: "Planned start and application deadline",
            trigger: ".o_jianxi_position_form input[name=deadline]",
            run() {
                const form = this.anchor.closest("form");
                setValue(
                    form.querySelector("input[name=planned_start_date]"),
                    firstOfMonth(2)
                );
                setValue(this.anchor, firstOfMonth(1));
            },
        },
        {
            content: "Save the position",
            trigger: ".o_jianxi_position_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Created as a draft, with its content",
            trigger: ".o_jianxi_unit_success",
        },
        {
            content: "The content typed is there",
            trigger:
                ".o_jianxi_position_form textarea[name=content]:value(负责业务数据的录入与核对，由导师带教。)",
        },
        {
            content: "Submit it for review",
            trigger: ".o_jianxi_position_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Submitted: the bureau screens it",
            trigger: ".o_jianxi_position_view",
        },
    ],
});
