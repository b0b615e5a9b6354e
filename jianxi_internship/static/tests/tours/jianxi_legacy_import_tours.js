/** @odoo-module **/
/**
 * Issue 12: a manager imports the internships begun before the online zone from the screen, in
 * Chinese: Configuration › 导入历史见习, a new import, the file chosen from the disk (the test put
 * it there: an attachment of the manager's), 检查文件, the rows listed, 导入, confirmed.
 */
import {registry} from "@web/core/registry";

const FILE = "历史见习_tour.xlsx";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The file the manager has on their disk (tests/test_legacy_import.py made it). */
async function fileOnDisk() {
    const response = await fetch("/web/dataset/call_kw/ir.attachment/search_read", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({
            jsonrpc: "2.0",
            method: "call",
            params: {
                model: "ir.attachment",
                method: "search_read",
                args: [[["name", "=", FILE]], ["datas"]],
                kwargs: {},
            },
        }),
    });
    const {result} = await response.json();
    const bytes = Uint8Array.from(atob(result[0].datas), (c) => c.charCodeAt(0));
    return new File([bytes], FILE, {type: XLSX});
}

registry.category("web_tour.tours").add("jianxi_legacy_import_manager", {
    steps: () => [
        {
            content: "Configuration",
            trigger:
                ".o_main_navbar [data-menu-xmlid='jianxi_internship.jianxi_internship_menu_config']",
            run: "click",
        },
        {
            content: "导入历史见习",
            trigger:
                ".dropdown-item[data-menu-xmlid='jianxi_internship.jianxi_legacy_import_menu']:contains(导入历史见习)",
            run: "click",
        },
        {content: "New", trigger: ".o_list_button_add", run: "click"},
        {
            content: "The template can be downloaded",
            trigger:
                ".o_form_statusbar button[name=action_download_template]:contains(下载模板)",
        },
        {
            content: "Choose the file",
            trigger: ".o_field_widget[name=file]",
            async run() {
                const input = this.anchor.querySelector("input[type=file]");
                const dataTransfer = new DataTransfer();
                dataTransfer.items.add(await fileOnDisk());
                input.files = dataTransfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The file is chosen",
            trigger: `.o_field_widget[name=file_name]:contains(${FILE}), .o_field_widget[name=file]:contains(${FILE}), .o_field_widget[name=file] input:value(${FILE})`,
        },
        {
            content: "检查文件",
            trigger:
                ".o_form_statusbar button[name=action_validate]:contains(检查文件)",
            run: "click",
        },
        {
            content: "Every row passed",
            trigger: ".alert-success:contains(全部通过检查)",
        },
        {
            content: "The row is listed as new",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:contains(冯历史):contains(新建)",
        },
        {
            content: "导入",
            trigger: ".o_form_statusbar button[name=action_import]:contains(导入)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-dialog .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Imported",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});
