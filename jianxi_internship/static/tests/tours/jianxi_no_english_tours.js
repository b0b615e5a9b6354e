/** @odoo-module **/
/**
 * Nothing a Chinese reader sees is English, on the pages where the browser adds text to what the
 * server sent (issue 10, point 3): the position's apply dialog, the portal's message history (Odoo's
 * portal chatter, drawn in a shadow root), and the web client's review form of an internship and
 * its list. Run by tests/test_no_english.py (TestNoEnglishInTheBrowser), which also reads every
 * server-rendered page, report and view; each tour fails with every English text it sees.
 */
import {registry} from "@web/core/registry";

// The Latin words a Chinese reader sees on purpose: ALLOWED_WORDS of tests/test_no_english.py.
const ALLOWED_WORDS = new Set([
    "PDF",
    "JPEG",
    "PNG",
    "MB",
    "Odoo",
    "Python",
    "IT",
    "UI",
    "URL",
]);
// What is not a word of a language: NOT_WORDS of tests/test_no_english.py (links, e-mail
// addresses, file names, national standards, codes and numbers with digits).
const NOT_WORDS = new RegExp(
    [
        String.raw`https?://\S+|www\.\S+|mailto:\S+`,
        String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
        String.raw`[\w./-]+\.(?:[pP][dD][fF]|[jJ][pP][eE]?[gG]|[pP][nN][gG]|py)\b`,
        String.raw`\bGB(?:/T)? ?\d[\d.-]*`,
        String.raw`\b[\w/.-]*\d[\w/.-]*`,
        String.raw`(?<![\w/])/[\w\-./?=&%#]+`,
    ].join("|"),
    "g"
);
// The attributes a person reads (data-tooltip: Odoo's tooltips).
const TEXT_ATTRIBUTES = ["placeholder", "title", "alt", "aria-label", "data-tooltip"];
const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME"]);

function englishWords(text) {
    return (text.replace(NOT_WORDS, " ").match(/[A-Za-z]+/g) || []).filter(
        (word) => !ALLOWED_WORDS.has(word)
    );
}

/**
 * Every visible text with English under ``root``, shadow roots included: text nodes, and the
 * attributes of TEXT_ATTRIBUTES. The language selector names each language in itself.
 */
function englishTexts(root, found = new Set()) {
    for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
            const text = node.textContent.replace(/\s+/g, " ").trim();
            if (
                text &&
                node.parentElement?.checkVisibility() &&
                englishWords(text).length
            ) {
                found.add(text);
            }
        } else if (
            node.nodeType === Node.ELEMENT_NODE &&
            !SKIPPED_TAGS.has(node.tagName) &&
            !node.classList.contains("js_language_selector")
        ) {
            if (node.checkVisibility()) {
                for (const attribute of TEXT_ATTRIBUTES) {
                    const value = node.getAttribute(attribute);
                    if (value && englishWords(value).length) {
                        found.add(
                            `${value} (${attribute} of <${node.tagName.toLowerCase()}>)`
                        );
                    }
                }
            }
            englishTexts(node.shadowRoot || node, found);
            if (node.shadowRoot) {
                englishTexts(node, found);
            }
        }
    }
    return found;
}

function noEnglish(where) {
    return {
        content: `Nothing in English: ${where}`,
        trigger: "body",
        run() {
            const english = [...englishTexts(document.body)];
            if (english.length) {
                throw new Error(`English on ${where}: ${english.join(" | ")}`);
            }
        },
    };
}

// A portal page, drawn in Chinese.
const inChinese = {content: "The page is in Chinese", trigger: "html[lang='zh-CN']"};

registry.category("web_tour.tours").add("jianxi_no_english_apply", {
    steps: () => [
        inChinese,
        {content: "Apply", trigger: ".o_jianxi_apply_button", run: "click"},
        {content: "The dialog is open", trigger: ".modal.show .o_jianxi_apply_confirm"},
        noEnglish("the position page and its apply dialog"),
    ],
});

registry.category("web_tour.tours").add("jianxi_no_english_message_history", {
    steps: () => [
        inChinese,
        {
            content: "The message history is drawn",
            trigger: ".o_jianxi_message_history #chatterRoot:shadow .o-mail-Message",
        },
        noEnglish("the page and its message history"),
    ],
});

registry.category("web_tour.tours").add("jianxi_no_english_review_form", {
    steps: () => [
        {content: "The form", trigger: ".o_form_view .o_statusbar_status"},
        {content: "Its messages", trigger: ".o-mail-Chatter .o-mail-Message"},
        {content: "The review activity", trigger: ".o-mail-Chatter .o-mail-Activity"},
        noEnglish("the internship's review form"),
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {content: "The list", trigger: ".o_list_view .o_data_row"},
        {
            content: "The search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Filters and groupings",
            trigger: ".o_search_bar_menu .o_filter_menu",
        },
        noEnglish("the internships' list and its search options"),
    ],
});
