/** @odoo-module **/
/**
 * Issue 13, point 5: a manager, in Chinese, selects the unit's two approved claims in the list of
 * subsidy claims, makes a payment batch of them (动作 › 生成拨付批次), enters the day the finance
 * office paid and the voucher number, and marks the batch paid.
 */
import {registry} from "@web/core/registry";

const UNIT = "石阡县某科技有限公司";
const approvedRow = `.o_data_row:contains(${UNIT}):contains(审核通过)`;

registry.category("web_tour.tours").add("jianxi_payment_batch_manager", {
    steps: () => [
        {
            content: "Show every county's claims",
            trigger: ".o_searchview_facet .o_facet_remove",
            run: "click",
        },
        {
            content: "Select the first approved claim",
            trigger: `${approvedRow} .o_list_record_selector input:not(:checked)`,
            run: "click",
        },
        {
            content: "Select the second approved claim",
            trigger: `${approvedRow} .o_list_record_selector input:not(:checked)`,
            run: "click",
        },
        {
            content: "Actions",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "生成拨付批次",
            trigger: ".o-dropdown--menu .dropdown-item:contains(生成拨付批次)",
            run: "click",
        },
        {
            content: "The batch lists both claims",
            trigger:
                ".o_field_widget[name=claim_ids] .o_data_row:eq(1):contains(审核通过)",
        },
        {
            content: "The total in capital numerals",
            trigger: ".o_field_widget[name=amount_in_words]:contains(壹万壹仟贰佰元整)",
        },
        {
            content: "The day the finance office paid",
            trigger: ".o_field_widget[name=payment_date] input",
            run: "edit 2024-03-15",
        },
        {
            content: "The voucher number",
            trigger: ".o_field_widget[name=payment_reference] input",
            run: "edit 石人社拨〔2024〕0315号",
        },
        {content: "Save", trigger: ".o_form_button_save", run: "click"},
        {
            content: "确认批次已拨付",
            trigger:
                ".o_form_statusbar button[name=action_mark_paid]:contains(确认批次已拨付)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-dialog .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The batch is paid",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value='paid']",
        },
    ],
});
