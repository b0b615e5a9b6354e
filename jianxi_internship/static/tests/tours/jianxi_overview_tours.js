/** @odoo-module **/
/**
 * The staff's overview (issue 16), in Chinese: the officer opens the app, lands on the overview,
 * sees what waits (待我处理) and the charts, and clicks the tile of the eligibility reviews: the
 * list of exactly those opens. Run by tests/test_overview.py.
 */
import {registry} from "@web/core/registry";

// The count of the tile clicked, checked against the rows of the list it opens.
let counted = null;

registry.category("web_tour.tours").add("jianxi_overview_officer", {
    steps: () => [
        {
            content: "The overview opens first, in Chinese",
            trigger: ".o_jianxi_overview h2:contains(工作概览)",
        },
        {
            content: "What waits for the officer",
            trigger: ".o_jianxi_overview_waiting h4:contains(待我处理)",
        },
        {
            content: "The monthly chart is drawn",
            trigger: ".o_jianxi_chart_monthly canvas",
        },
        {
            content: "The subsidies in the officer's language",
            trigger:
                ".o_jianxi_overview_subsidies .o_jianxi_tile_label:contains(公示中)",
        },
        {
            content:
                "Open the eligibility reviews, remembering how many the tile counts",
            trigger:
                ".o_jianxi_tile_eligibility_reviews .o_jianxi_tile_label:contains(资格审核)",
            run(helpers) {
                const tile = this.anchor.closest(".o_jianxi_tile");
                counted = Number(
                    tile.querySelector(".o_jianxi_tile_value").textContent.trim()
                );
                if (!(counted > 0)) {
                    throw new Error(
                        `the tile counts ${counted} reviews: the scene has some`
                    );
                }
                return helpers.click();
            },
        },
        {
            content: "The list named after the tile",
            trigger: ".o_breadcrumb .active:contains(资格审核)",
        },
        {
            content: "Exactly the records the tile counted",
            trigger: ".o_list_view .o_data_row",
            run() {
                const rows = document.querySelectorAll(
                    ".o_list_view .o_data_row"
                ).length;
                if (rows !== counted) {
                    throw new Error(
                        `the tile counts ${counted} reviews, the list shows ${rows}`
                    );
                }
            },
        },
    ],
});
