/** @odoo-module **/
/**
 * Tour 3: a unit representative signs up, fills the unit's profile on /my/unit (with the business
 * licence), and submits it for certification. Run by tests/test_tour_applicant.py (desktop and
 * phone sizes), which checks the records afterwards.
 */
import {registry} from "@web/core/registry";

const PDF =
    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

registry.category("web_tour.tours").add("jianxi_unit_signup_tour", {
    url: "/web/signup",
    steps: () => [
        // Sign-up, as a unit's representative
        {
            content: "Email",
            trigger: ".oe_signup_form input[name=login]",
            run: "edit tour.unit@example.com",
        },
        {
            content: "Name",
            trigger: ".oe_signup_form input[name=name]",
            run: "edit 钱代表",
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
            content: "I represent an internship unit",
            trigger: "#jianxi_signup_kind_unit",
            run: "click",
        },
        {
            content: "The unit's name",
            trigger: ".oe_signup_form input[name=jianxi_unit_name]",
            run: "edit TourThree 石阡县某农业有限公司",
        },
        {
            content: "The unit's county",
            trigger: ".oe_signup_form select[name=jianxi_unit_region_id]",
            run: "selectByLabel 石阡县",
        },
        {
            content: "Sign up",
            trigger: ".oe_signup_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        // The unit's profile (draft)
        {
            content: "Signed in, on the unit's profile",
            trigger: ".o_jianxi_unit_form input[name=name][value*=TourThree]",
        },
        {
            content: "Unified social credit code",
            trigger: ".o_jianxi_unit_form input[name=credit_code]",
            run: "edit 91520623MA6DT77771",
        },
        {
            content: "Address",
            trigger: ".o_jianxi_unit_form input[name=address]",
            run: "edit 石阡县汤山镇农业园区1号",
        },
        {
            content: "Legal representative",
            trigger: ".o_jianxi_unit_form input[name=legal_representative]",
            run: "edit 孙法人",
        },
        {
            content: "Contact phone",
            trigger: ".o_jianxi_unit_form input[name=contact_phone]",
            run: "edit 0856-7654321",
        },
        {
            content: "Insured staff",
            trigger: ".o_jianxi_unit_form input[name=insured_staff_count]",
            run: "edit 25",
        },
        {
            content: "Business licence",
            trigger: ".o_jianxi_unit_form input[name=business_licence]",
            run() {
                const dataTransfer = new DataTransfer();
                dataTransfer.items.add(
                    new File([PDF], "business_licence.pdf", {type: "application/pdf"})
                );
                this.anchor.files = dataTransfer.files;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Save the profile",
            trigger: ".o_jianxi_unit_form button.o_jianxi_unit_save",
            run: "click",
            expectUnloadPage: true,
        },
        // Submit for certification
        {
            content: "Saved: nothing is missing any more",
            trigger: ".o_jianxi_unit_submit_card:not(:has(.o_jianxi_unit_missing))",
        },
        {
            content: "Submit for certification",
            trigger: "button.o_jianxi_unit_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Submitted: the profile is read-only while the bureau reviews it",
            trigger:
                ".o_jianxi_unit_profile:has(.o_jianxi_unit_view):not(:has(.o_jianxi_unit_form))",
        },
    ],
});
