/** @odoo-module **/
/**
 * Tour 1: a visitor finds a position on the public board, signs up as an applicant, fills the
 * profile with uploads, and applies; a second apply is refused with the model's message.
 * Run by tests/test_tour_applicant.py (desktop and phone sizes), which creates the position
 * "TourOne 行政助理见习岗" and checks the records afterwards.
 */
import {registry} from "@web/core/registry";

const PDF =
    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/** Put a small PDF into a file input, as a person choosing a file would. */
function uploadPdf(selector, filename) {
    return {
        content: `Choose ${filename}`,
        trigger: selector,
        run() {
            const dataTransfer = new DataTransfer();
            dataTransfer.items.add(
                new File([PDF], filename, {type: "application/pdf"})
            );
            this.anchor.files = dataTransfer.files;
            this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
        },
    };
}

/** Set a native date input (its picker differs between desktop and phone browsers). */
function setDate(selector, isoDate) {
    return {
        content: `Set ${selector} to ${isoDate}`,
        trigger: selector,
        run() {
            this.anchor.value = isoDate;
            this.anchor.dispatchEvent(new Event("input", {bubbles: true}));
            this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
        },
    };
}

registry.category("web_tour.tours").add("jianxi_applicant_flow_tour", {
    url: "/internships",
    steps: () => [
        // The public board
        {
            content: "Search the board by keyword",
            trigger: "#jianxi_board_search",
            run: "edit TourOne",
        },
        {
            content: "Run the search",
            trigger: ".o_jianxi_board form[role=search] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the position",
            trigger: ".o_jianxi_board_position:contains(TourOne)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Not signed in: sign up to apply",
            trigger: "a.o_jianxi_apply_signup",
            run: "click",
            expectUnloadPage: true,
        },
        // Sign-up, as an applicant
        {
            content: "Email",
            trigger: ".oe_signup_form input[name=login]",
            run: "edit tour.applicant@example.com",
        },
        {
            content: "Name",
            trigger: ".oe_signup_form input[name=name]",
            run: "edit 周见习",
        },
        {
            content: "Password",
            trigger: ".oe_signup_form input[name=password]",
            run: "edit Tour-Pass-2024",
        },
        {
            content: "Password again",
            trigger: ".oe_signup_form input[name=confirm_password]",
            run: "edit Tour-Pass-2024",
        },
        {
            content: "I am looking for an internship",
            trigger: "#jianxi_signup_kind_applicant",
            run: "click",
        },
        {
            content: "Sign up",
            trigger: ".oe_signup_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        // The profile, with the way back to the position
        {
            content: "Signed in, on the profile, with the way back to the position",
            trigger: ".o_jianxi_profile_status a[href*='/internships/positions/']",
        },
        {
            content: "Resident ID number",
            trigger: ".o_jianxi_profile_form input[name=id_number]",
            run: "edit 520623200309094689",
        },
        {
            content: "Mobile phone",
            trigger: ".o_jianxi_profile_form input[name=phone]",
            run: "edit 13912345678",
        },
        {
            content: "Household registration",
            trigger: ".o_jianxi_profile_form select[name=household_region_id]",
            run: "selectByLabel 石阡县",
        },
        {
            content: "Category: college graduate",
            trigger: ".o_jianxi_profile_form select[name=category]",
            run: "select college",
        },
        {
            content: "Education level: bachelor (the third level)",
            trigger: ".o_jianxi_profile_form select[name=education_level_id]",
            run: "selectByIndex 3",
        },
        {
            content: "School",
            trigger: ".o_jianxi_profile_form input[name=school]",
            run: "edit 铜仁学院",
        },
        {
            content: "Major",
            trigger: ".o_jianxi_profile_form input[name=major]",
            run: "edit 计算机科学与技术",
        },
        setDate(".o_jianxi_profile_form input[name=diploma_date]", "2025-07-01"),
        setDate(
            ".o_jianxi_profile_form input[name=diploma_registration_date]",
            "2025-07-15"
        ),
        uploadPdf(".o_jianxi_profile_form input[name=id_card]", "id_card.pdf"),
        uploadPdf(".o_jianxi_profile_form input[name=diploma]", "diploma.pdf"),
        {
            content: "Save and go back to the position",
            trigger: ".o_jianxi_profile_form button.o_jianxi_profile_save",
            run: "click",
            expectUnloadPage: true,
        },
        // Apply, with a confirmation
        {
            content: "Back on the position: apply",
            trigger:
                ".o_jianxi_position_page:contains(TourOne) button.o_jianxi_apply_button",
            run: "click",
        },
        {
            content: "Confirm the application",
            trigger: ".modal.show button.o_jianxi_apply_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The application was sent",
            trigger: ".o_jianxi_apply_success",
        },
        // A second apply is refused, with the model's message
        {
            content: "Apply a second time",
            trigger: "button.o_jianxi_apply_button",
            run: "click",
        },
        {
            content: "Confirm again",
            trigger: ".modal.show button.o_jianxi_apply_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Refused: the message names the open application",
            trigger: ".o_jianxi_apply_error:contains(TourOne)",
        },
        {
            content: "No success message this time",
            trigger: "body:not(:has(.o_jianxi_apply_success))",
        },
    ],
});
