/** @odoo-module **/
/**
 * The re-check at 确认上岗 (issue 11, point 5), through the pages: the unit recorded an agreement
 * dated after the intern turned 25, so the unit's page says the bureau must review it and 确认上岗
 * is refused; the county's officer approves the re-check in writing in the web client; the unit
 * then confirms the intern on duty. Run by tests/test_recheck_http.py, in Chinese.
 */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("jianxi_recheck_unit_is_blocked", {
    steps: () => [
        {
            content: "The page says the bureau reviews the checklist again",
            trigger: ".o_jianxi_recheck_blocked:contains(人社局)",
        },
        {
            content: "确认上岗",
            trigger: "button.o_jianxi_on_duty",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Refused, with the rule that fails, in Chinese",
            trigger: ".o_jianxi_unit_error:contains(不再符合):contains(年龄)",
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_recheck_officer_approves", {
    steps: () => [
        {
            content: "The failing age line of the checklist",
            trigger: ".o_field_widget[name=check_ids] .o_data_row:contains(25周岁)",
        },
        {
            content: "复核通过",
            trigger: ".o_form_statusbar button[name=action_open_approve_recheck]",
            run: "click",
        },
        {
            content: "The reason",
            trigger: ".modal-dialog .o_field_widget[name=reason] textarea",
            run: "edit 签约推迟系单位原因，经核实同意见习。",
        },
        {
            content: "Confirm",
            trigger: ".modal-dialog .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The button is gone: nothing left to approve",
            trigger:
                ".o_form_statusbar:not(:has(button[name=action_open_approve_recheck]))",
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_recheck_unit_confirms_on_duty", {
    steps: () => [
        {
            content: "No warning any more",
            trigger: "body:not(:has(.o_jianxi_recheck_blocked))",
        },
        {
            content: "确认上岗",
            trigger: "button.o_jianxi_on_duty",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "On duty: the end form shows",
            trigger: ".o_jianxi_end_form",
        },
    ],
});
