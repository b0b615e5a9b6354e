/** @odoo-module **/
/**
 * The staff's overview (issue 16): the tiles and charts of jianxi.figures.overview_data(), one RPC.
 * A tile opens the list of the records it counts (the figure's domain); the charts use Chart.js,
 * loaded as Odoo's graph view loads it.
 */
import {
    Component,
    onMounted,
    onWillStart,
    onWillUnmount,
    useRef,
    useState,
} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

export class JianxiOverviewChart extends Component {
    static template = "jianxi_internship.OverviewChart";
    static props = {chart: Object};

    setup() {
        this.canvas = useRef("canvas");
        onMounted(() => this.draw());
        onWillUnmount(() => this.chart && this.chart.destroy());
    }

    draw() {
        const chart = this.props.chart;
        this.chart = new window.Chart(this.canvas.el, {
            data: {
                labels: chart.labels,
                datasets: [
                    {
                        type: "bar",
                        label: chart.count_label,
                        data: chart.counts,
                        backgroundColor: "rgba(113, 75, 103, 0.7)",
                        yAxisID: "y",
                    },
                    {
                        type: "line",
                        label: chart.amount_label,
                        data: chart.amounts,
                        borderColor: "rgb(1, 126, 132)",
                        backgroundColor: "rgb(1, 126, 132)",
                        yAxisID: "y1",
                    },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: {beginAtZero: true, position: "left", ticks: {precision: 0}},
                    y1: {
                        beginAtZero: true,
                        position: "right",
                        grid: {drawOnChartArea: false},
                    },
                },
            },
        });
    }
}

export class JianxiOverview extends Component {
    static template = "jianxi_internship.Overview";
    static components = {JianxiOverviewChart};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({data: null});
        this.noOverdue = _t("none overdue");
        onWillStart(async () => {
            const [data] = await Promise.all([
                this.orm.call("jianxi.figures", "overview_data", []),
                loadBundle("web.chartjs_lib"),
            ]);
            this.state.data = data;
        });
    }

    open(tile) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: tile.action.name,
            res_model: tile.action.res_model,
            domain: tile.action.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }
}

registry.category("actions").add("jianxi_overview", JianxiOverview);
