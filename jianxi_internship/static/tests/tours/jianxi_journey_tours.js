/** @odoo-module **/
/**
 * The journeys of issue 9, from nothing: each tour is one person's sitting at the screen, run by
 * tests/test_journeys.py in that order, with the server's clock moved between the phases. A tour
 * starts signed out (or on the staff member's backend session) and does only what that person
 * does on the pages: no demo records, no posts, no ORM.
 *
 * Phase 1, 2027-03-01: the manager enters the county's minimum wage; a unit's representative
 * signs up and submits the unit; an officer certifies it; the unit posts two positions, unticking
 * the categories each does not take (招收对象: the first takes all but secondary-vocational
 * graduates, the second graduates only); the officer publishes them; a graduate signs up from the
 * first position on the board, an unemployed young person from the board's header; each fills the
 * profile, answers the three questions (student, employed, business licence: 否) and ticks the
 * declaration (承诺); the graduate applies, the unemployed young person follows a recommendation
 * (推荐岗位) of their home, sees how they fit and applies; the unit ranks its inbox by match
 * (按匹配度), sees the criteria, and confirms both; the officer verifies each real name (the
 * ID number against the ID card scan) and approves both; the unit records the onboarding papers
 * and confirms both on duty (确认上岗).
 * Phase 2, 2027-06-15: the unit uploads the monthly papers of March to May (the attendance record
 * and the allowance payment proof, each file covering both interns); the graduate asks to end
 * early (a job elsewhere); the unit records the end.
 * Phase 3, 2027-09-01: the unit uploads the papers of June (both interns) and of July and August
 * (the unemployed intern only), records the unemployed intern's completed internship (人员终止),
 * records the unit's bank account from the claim (a person's name as holder is refused first), then
 * files the subsidy claim; the officer approves it: it goes into public notice (公示) for five
 * working days, and nobody may pay it yet. A visitor finds it from the board's notice page and sends
 * an objection; the officer checks it and records what was found.
 * Phase 4, 2027-09-09, the notice over: the officer records the payment (the amount approved, the
 * day, the voucher number); the unit sees it paid, with the voucher number.
 */
import {registry} from "@web/core/registry";

// Who and what, shared with tests/test_journeys.py.
const UNIT = {
    name: "石阡县青禾农业科技有限公司",
    email: "qinghe.unit@example.com",
    password: "Qinghe-Pass-2027",
    creditCode: "91520623MA6DT77771",
    bank: "中国农业银行石阡县支行",
    accountTyped: "6228 4800 1234 5678 901",
    account: "6228480012345678901",
};
const POSITION = "农业数据助理见习岗";
const GRADUATES_ONLY_POSITION = "农产品电商运营见习岗";
const PAYMENT_REFERENCE = "石人社拨〔2027〕0909号";
const OBJECTION = "听说该单位有见习人员实际没有到岗，请核实。";
const GRADUATE = {
    name: "周见习",
    email: "zhou.graduate@example.com",
    password: "Zhou-Pass-2027",
    idNumber: "520623200309094689",
    phone: "13912345678",
};
const JOBLESS = {
    name: "吴待业",
    email: "wu.jobless@example.com",
    password: "Wu-Pass-2027",
    idNumber: "52062320050505123X",
    phone: "13812345678",
};

// A blank one-page PDF that PDF.js opens (the officer's review form previews the scans).
const PDF = [
    "%PDF-1.4",
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>\nendobj",
    "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n ",
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n",
].join("\n");

// ---------------------------------------------------------------------------------- step helpers

/** Put a small PDF into a file input, as a person choosing a file would. */
function upload(selector, filename) {
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

function edit(selector, value, content = `Type ${value}`) {
    return {content, trigger: selector, run: `edit ${value}`};
}

function click(selector, content, unload = true) {
    return {content, trigger: selector, run: "click", expectUnloadPage: unload};
}

/** The page is in Chinese: the visitor's browser asks for it (Accept-Language: zh-CN). */
function inChinese() {
    return {content: "The page is in Chinese", trigger: "html[lang='zh-CN']"};
}

/** Sign in on Odoo's login page, which every portal tour starts from. */
function signIn(person) {
    return [
        inChinese(),
        edit(".oe_login_form input[name=login]", person.email, "Email"),
        edit(".oe_login_form input[name=password]", person.password, "Password"),
        click(".oe_login_form button.btn-primary[type=submit]", "登录"),
    ];
}

/** From the portal's home (/my), open the card leading to ``url``. */
function card(url, content) {
    return click(`.o_portal_docs a[href='${url}']`, content);
}

/** Sign up on /web/signup (reached from a link), then land signed in. */
function signUp(person, kindSelector) {
    return [
        inChinese(),
        edit(".oe_signup_form input[name=login]", person.email, "Email"),
        edit(".oe_signup_form input[name=name]", person.name, "Name"),
        edit(".oe_signup_form input[name=password]", person.password, "Password"),
        edit(
            ".oe_signup_form input[name=confirm_password]",
            person.password,
            "Password again"
        ),
        click(kindSelector, "Who I am", false),
    ];
}

/**
 * On the monthly papers page, upload one paper (``kind``: attendance or allowance) of ``month``
 * (YYYY-MM) and check that the interns ticked for that month are ``names``, and only them.
 */
function uploadPaper(month, kind, names, others = []) {
    const label = kind === "attendance" ? "考勤记录" : "补助发放凭证";
    return [
        {
            content: `The month: ${month}`,
            trigger: ".o_jianxi_paper_form select[name=month]",
            run: `select ${month}`,
        },
        {
            content: `The paper: ${label}`,
            trigger: ".o_jianxi_paper_form select[name=kind]",
            run: `select ${kind}`,
        },
        upload(
            ".o_jianxi_paper_form input[type=file][name=file]",
            `${month} ${label}.pdf`
        ),
        ...names.map((name) => ({
            content: `${name} was on duty in ${month}: ticked`,
            trigger: `.o_jianxi_paper_form .form-check:contains(${name}) input:checked`,
        })),
        ...others.map((name) => ({
            content: `${name} was not on duty in ${month}: not ticked`,
            trigger: `.o_jianxi_paper_form .form-check:contains(${name}) input:not(:checked)`,
        })),
        click(".o_jianxi_paper_submit", `Upload the ${label} of ${month}`),
        {
            content: "Uploaded",
            trigger: `.o_jianxi_unit_success:contains(已上传)`,
        },
    ];
}

function home() {
    return click(".breadcrumb a[href='/my/home']", "Back to my account");
}

// Backend helpers (Odoo's web client, desktop size).

function menu(xmlid, content) {
    return click(`.o_main_navbar [data-menu-xmlid='${xmlid}']`, content, false);
}

function openRow(text, content) {
    return click(`.o_data_row:contains(${text}) .o_data_cell`, content, false);
}

function confirmDialog(content) {
    return click(".modal-dialog .modal-footer .btn-primary", content, false);
}

function statusIs(value) {
    return {
        content: `The record is now ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value='${value}']`,
    };
}

// ------------------------------------------------------------------------------------- phase 1

registry.category("web_tour.tours").add("jianxi_journey_manager_minimum_wage", {
    steps: () => [
        menu("jianxi_internship.jianxi_internship_menu_config", "Configuration"),
        click(
            ".dropdown-item[data-menu-xmlid='jianxi_internship.jianxi_minimum_wage_menu']",
            "Minimum wages",
            false
        ),
        click(".o_list_button_add", "New line", false),
        {
            content: "The county",
            trigger: ".o_selected_row .o_field_widget[name=region_id] input",
            run: "edit 石阡",
        },
        click(".o-autocomplete--dropdown-item:contains(石阡县)", "石阡县", false),
        edit(".o_selected_row .o_field_widget[name=tier] input", "三类", "Wage tier"),
        edit(
            ".o_selected_row .o_field_widget[name=date_from] input",
            "2027-01-01",
            "From"
        ),
        edit(
            ".o_selected_row .o_field_widget[name=amount] input",
            "1800",
            "Monthly amount"
        ),
        click(".o_list_button_save", "Save", false),
        {
            content: "Saved",
            trigger:
                ".o_data_row:not(.o_selected_row):contains(石阡县):contains(1,800)",
        },
        // The year's holidays, which public notices count their working days with.
        menu("jianxi_internship.jianxi_internship_menu_config", "Configuration"),
        click(
            ".dropdown-item[data-menu-xmlid='jianxi_internship.jianxi_calendar_day_menu']",
            "Holidays and make-up workdays",
            false
        ),
        {
            // (the minimum wages' list has a New button too: wait for this list first)
            content: "The list of holidays and make-up workdays",
            trigger: ".o_list_renderer th[data-name=weekday]",
        },
        click(".o_list_button_add", "New line", false),
        edit(
            ".o_selected_row .o_field_widget[name=day] input",
            "2027-09-15",
            "The day"
        ),
        edit(
            ".o_selected_row .o_field_widget[name=name] input",
            "中秋节",
            "Which holiday"
        ),
        click(".o_list_button_save", "Save", false),
        {
            content: "Saved, a public holiday on a Wednesday",
            trigger:
                ".o_data_row:not(.o_selected_row):contains(中秋节):contains(星期三):contains(法定节假日)",
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_unit_signs_up", {
    steps: () => [
        inChinese(),
        click(".o_jianxi_header_signup a", "注册, in the header of the board"),
        ...signUp(UNIT, "#jianxi_signup_kind_unit"),
        edit(
            ".oe_signup_form input[name=jianxi_unit_name]",
            UNIT.name,
            "The unit's name"
        ),
        {
            content: "The unit's county",
            trigger: ".oe_signup_form select[name=jianxi_unit_region_id]",
            run: "selectByLabel 石阡县",
        },
        click(".oe_signup_form button[type=submit]", "Sign up"),
        {
            content: "Signed in, on the unit's profile",
            trigger: `.o_jianxi_unit_form input[name=name][value='${UNIT.name}']`,
        },
        edit(
            ".o_jianxi_unit_form input[name=credit_code]",
            UNIT.creditCode,
            "Credit code"
        ),
        edit(
            ".o_jianxi_unit_form input[name=address]",
            "石阡县汤山镇农业园区1号",
            "Address"
        ),
        edit(
            ".o_jianxi_unit_form input[name=legal_representative]",
            "孙法人",
            "Legal rep."
        ),
        edit(".o_jianxi_unit_form input[name=contact_phone]", "0856-7654321", "Phone"),
        edit(
            ".o_jianxi_unit_form input[name=insured_staff_count]",
            "25",
            "Insured staff"
        ),
        upload(".o_jianxi_unit_form input[name=business_licence]", "营业执照.pdf"),
        click(".o_jianxi_unit_form button.o_jianxi_unit_save", "Save the profile"),
        {
            content: "Saved: nothing is missing any more",
            trigger: ".o_jianxi_unit_submit_card:not(:has(.o_jianxi_unit_missing))",
        },
        click("button.o_jianxi_unit_submit", "Submit for certification"),
        {
            content: "Submitted: read-only while the bureau reviews it",
            trigger:
                ".o_jianxi_unit_profile:has(.o_jianxi_unit_view):not(:has(.o_jianxi_unit_form))",
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_officer_certifies", {
    steps: () => [
        menu("jianxi_internship.jianxi_unit_menu", "Units"),
        openRow(UNIT.name, "The unit waiting for certification"),
        {
            content: "The licence is there to check",
            trigger: ".o_field_widget[name=business_licence] input:value(营业执照.pdf)",
        },
        click(".o_form_statusbar button[name=action_certify]", "Certify", false),
        statusIs("certified"),
    ],
});

/**
 * On the portal's position form, post ``position`` and submit it for review. The categories it
 * takes (招收对象) are all ticked at first: the unit unticks those of ``refuses`` (their labels).
 */
function postPosition(position) {
    const form = ".o_jianxi_position_form";
    return [
        click(".o_jianxi_position_new", "New position"),
        edit(`${form} input[name=name]`, position.name, "Title"),
        {
            content: "Job content (岗位内容)",
            trigger: `${form} textarea[name=content]`,
            run: `edit ${position.content}`,
        },
        edit(`${form} input[name=majors]`, position.majors, "Majors"),
        ...position.refuses.flatMap((label) => [
            click(
                `${form} .o_jianxi_position_categories label:contains(${label})`,
                `招收对象: not ${label}`,
                false
            ),
            {
                content: `${label} unticked`,
                trigger: `${form} .o_jianxi_position_categories .form-check:contains(${label}) input:not(:checked)`,
            },
        ]),
        edit(`${form} input[name=headcount]`, position.headcount, "Headcount"),
        edit(`${form} input[name=duration_months]`, "6", "Months"),
        edit(`${form} input[name=allowance]`, position.allowance, "Allowance"),
        setDate(`${form} input[name=planned_start_date]`, "2027-03-01"),
        setDate(`${form} input[name=deadline]`, "2027-03-31"),
        click(".o_jianxi_position_save", "Save the position"),
        {content: "Created as a draft", trigger: ".o_jianxi_unit_success"},
        click(".o_jianxi_position_submit", "Submit it for review"),
        {
            content: "Submitted: the bureau screens it",
            trigger: ".o_jianxi_position_view",
        },
        ...position.refuses.map((label) => ({
            content: `The position as submitted does not take ${label}`,
            trigger: `.o_jianxi_position_categories_view:contains(高校毕业生):not(:contains(${label}))`,
        })),
    ];
}

registry.category("web_tour.tours").add("jianxi_journey_unit_posts_position", {
    steps: () => [
        ...signIn(UNIT),
        card("/my/positions", "Positions"),
        // Interns of every category except secondary-vocational graduates.
        ...postPosition({
            name: POSITION,
            content: "负责农业园区生产数据的录入与核对，由导师带教。",
            majors: "不限",
            refuses: ["中职毕业生"],
            headcount: "2",
            allowance: "2200",
        }),
        click(".breadcrumb a[href='/my/positions']", "Back to the positions"),
        // Graduates only: the unemployed young person is not recommended it.
        ...postPosition({
            name: GRADUATES_ONLY_POSITION,
            content: "协助运营农产品网店，处理订单与客户咨询。",
            majors: "电子商务",
            refuses: ["中职毕业生", "失业青年"],
            headcount: "1",
            allowance: "2000",
        }),
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_officer_publishes", {
    steps: () =>
        [POSITION, GRADUATES_ONLY_POSITION].flatMap((name) => [
            menu("jianxi_internship.jianxi_position_menu", "Positions"),
            openRow(name, `${name}, waiting for review`),
            click(".o_form_statusbar button[name=action_publish]", "Publish", false),
            statusIs("published"),
        ]),
});

/**
 * The three questions of the profile answered 否 (not a student, not employed, no business
 * licence), then the declaration (承诺) ticked, as the person does it: on the labels.
 */
function declare() {
    return [
        ...["is_student", "is_employed", "has_business_licence"].flatMap((name) => [
            click(
                `.o_jianxi_profile_form label[for=jianxi_${name}_no]`,
                `${name}: 否`,
                false
            ),
            {
                content: `${name}: answered 否`,
                trigger: `.o_jianxi_profile_form input[name=${name}][value=no]:checked`,
            },
        ]),
        click(
            ".o_jianxi_profile_form label[for=jianxi_declare]",
            "本人承诺以上信息真实、完整",
            false
        ),
        {
            content: "Declared",
            trigger: ".o_jianxi_profile_form input[name=declare]:checked",
        },
    ];
}

/** Apply on the position page (once the profile is complete), then be refused a second time. */
function apply() {
    return [
        {
            content: "On the position: apply",
            trigger: `.o_jianxi_position_page:contains(${POSITION}) button.o_jianxi_apply_button`,
            run: "click",
        },
        click(".modal.show button.o_jianxi_apply_confirm", "Confirm the application"),
        {content: "The application was sent", trigger: ".o_jianxi_apply_success"},
        click("button.o_jianxi_apply_button", "Apply a second time", false),
        click(".modal.show button.o_jianxi_apply_confirm", "Confirm again"),
        {
            content: "Refused: one open application per person",
            trigger: `.o_jianxi_apply_error:contains(${POSITION})`,
        },
    ];
}

/** The profile's fields, the three questions and the declaration, then save. */
function fillProfile(person, profileSteps) {
    return [
        edit(
            ".o_jianxi_profile_form input[name=id_number]",
            person.idNumber,
            "ID number"
        ),
        edit(".o_jianxi_profile_form input[name=phone]", person.phone, "Mobile phone"),
        {
            content: "Household registration (户籍)",
            trigger: ".o_jianxi_profile_form select[name=household_region_id]",
            run: "selectByLabel 石阡县",
        },
        ...profileSteps,
        ...declare(),
        click(
            ".o_jianxi_profile_form button.o_jianxi_profile_save",
            "Save and continue"
        ),
    ];
}

/** Sign up as a young person looking for an internship, and land (``landed``: a step) signed in. */
function signUpApplicant(person, landed) {
    return [
        ...signUp(person, "#jianxi_signup_kind_applicant"),
        click(".oe_signup_form button[type=submit]", "Sign up"),
        landed,
    ];
}

/** A young person finds the position on the board, signs up from it, fills the profile, applies. */
function applicantJourney(person, profileSteps) {
    return () => [
        inChinese(),
        edit("#jianxi_board_search", "农业数据", "Search the board"),
        click(".o_jianxi_board form[role=search] button[type=submit]", "Search"),
        click(`.o_jianxi_board_position:contains(${POSITION})`, "Open the position"),
        click("a.o_jianxi_apply_signup", "Sign up to apply"),
        ...signUpApplicant(person, {
            content: "Signed in, on the profile, with the way back to the position",
            trigger: ".o_jianxi_profile_status a[href*='/internships/positions/']",
        }),
        ...fillProfile(person, profileSteps),
        ...apply(),
    ];
}

/**
 * A young person signs up from the board's header, without a position in mind, fills the profile,
 * and follows a recommendation (推荐岗位) of their account's home: the position that takes their
 * category, not the one for graduates only. Its page says how they fit before they apply.
 */
function recommendedApplicantJourney(person, profileSteps) {
    return () => [
        inChinese(),
        click(".o_jianxi_header_signup a", "注册, in the header of the board"),
        ...signUpApplicant(person, {
            content: "Signed in, on the profile",
            trigger: ".o_jianxi_profile_form input[name=id_number]",
        }),
        ...fillProfile(person, profileSteps),
        {
            content: "Saved, with the declaration",
            trigger: ".o_jianxi_portal_message:contains(承诺)",
        },
        home(),
        {
            content:
                "推荐岗位: the position that takes an unemployed young person, with why",
            trigger: `.o_jianxi_recommendations:contains(推荐岗位) .o_jianxi_recommendation:contains(${POSITION}) .o_jianxi_recommendation_reason:contains(类别符合)`,
        },
        {
            content: "Not the position for graduates only",
            trigger: `.o_jianxi_recommendations:not(:contains(${GRADUATES_ONLY_POSITION}))`,
        },
        click(
            `.o_jianxi_recommendation:contains(${POSITION})`,
            "Follow the recommendation"
        ),
        {
            content:
                "Before applying: how the person fits (您与本岗位的匹配情况), criterion by criterion",
            trigger:
                ".o_jianxi_position_match:contains(您与本岗位的匹配情况) .o_jianxi_match_met[data-criterion=category]:contains(失业青年)",
        },
        ...apply(),
    ];
}

registry.category("web_tour.tours").add("jianxi_journey_graduate_applies", {
    steps: applicantJourney(GRADUATE, [
        {
            content: "Category: college graduate",
            trigger: ".o_jianxi_profile_form select[name=category]",
            run: "select college",
        },
        {
            content: "Education level: 本科",
            trigger: ".o_jianxi_profile_form select[name=education_level_id]",
            run: "selectByLabel 本科",
        },
        edit(".o_jianxi_profile_form input[name=school]", "铜仁学院", "School"),
        edit(".o_jianxi_profile_form input[name=major]", "农学", "Major"),
        setDate(".o_jianxi_profile_form input[name=diploma_date]", "2026-07-01"),
        setDate(
            ".o_jianxi_profile_form input[name=diploma_registration_date]",
            "2026-07-15"
        ),
        upload(".o_jianxi_profile_form input[name=id_card]", "身份证.pdf"),
        upload(".o_jianxi_profile_form input[name=diploma]", "毕业证.pdf"),
    ]),
});

registry.category("web_tour.tours").add("jianxi_journey_jobless_applies", {
    steps: recommendedApplicantJourney(JOBLESS, [
        {
            content: "Category: unemployed youth (失业青年)",
            trigger: ".o_jianxi_profile_form select[name=category]",
            run: "select unemployed",
        },
        setDate(
            ".o_jianxi_profile_form input[name=unemployment_registration_date]",
            "2026-12-10"
        ),
        edit(
            ".o_jianxi_profile_form input[name=unemployment_office]",
            "石阡县公共就业服务中心",
            "Registered at"
        ),
        upload(".o_jianxi_profile_form input[name=id_card]", "身份证.pdf"),
        upload(
            ".o_jianxi_profile_form input[name=unemployment_proof]",
            "失业登记证明.pdf"
        ),
    ]),
});

/** The unit's inbox row of ``person``. */
function application(person) {
    return `.o_jianxi_application:has(.o_jianxi_applicant_name:contains(${person.name}))`;
}

registry.category("web_tour.tours").add("jianxi_journey_unit_confirms", {
    steps: () => [
        ...signIn(UNIT),
        // First the unit ranks the inbox by how well each person fits (匹配度), criteria shown.
        card("/my/applications", "Applications waiting"),
        {
            content: "On a phone the sorting folds behind the menu button: open it",
            trigger: ".o_portal_navbar",
            run() {
                const toggler = this.anchor.querySelector(".navbar-toggler");
                if (toggler && toggler.offsetParent !== null) {
                    toggler.click();
                }
            },
        },
        click("#portal_searchbar_sortby", "排序", false),
        click(
            "#portal_searchbar_sortby + .dropdown-menu .dropdown-item:contains(按匹配度)",
            "按匹配度"
        ),
        {
            content: "Sorted by match",
            trigger:
                ".o_portal_navbar:has(#portal_searchbar_sortby:contains(按匹配度))",
        },
        ...[GRADUATE, JOBLESS].map((person) => ({
            content: `${person.name}: the criteria met and missed, each with its reason`,
            trigger: `${application(person)} .o_jianxi_match:contains(符合条件) .o_jianxi_match_met[data-criterion=county]:contains(户籍所在县)`,
        })),
        home(),
        ...[GRADUATE, JOBLESS].flatMap((person) => [
            card("/my/applications", "Applications waiting"),
            {
                content: `${person.name}: ID number masked, no phone before the unit confirms`,
                trigger: `${application(person)} .o_jianxi_id_number:contains(********)`,
                run() {
                    if (
                        this.anchor
                            .closest(".o_jianxi_application")
                            .textContent.includes(person.phone)
                    ) {
                        throw new Error(
                            "The phone shows before the unit confirmed the person"
                        );
                    }
                },
            },
            click(
                `${application(person)} .o_jianxi_application_confirm`,
                `Confirm ${person.name}`
            ),
            {content: "Confirmed", trigger: ".o_jianxi_unit_success"},
            {
                content: "Confirmed: the full ID number shows, awaiting the bureau",
                trigger: `${application(person)} .o_jianxi_id_number:contains(${person.idNumber})`,
            },
            home(),
        ]),
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_officer_approves", {
    steps: () =>
        [GRADUATE, JOBLESS].flatMap((person) => [
            menu("jianxi_internship.jianxi_internship_menu", "Internship records"),
            openRow(person.name, `The review of ${person.name}`),
            {
                content: "The facts beside the checklist: the masked ID number",
                trigger:
                    ".o_field_widget[name=applicant_id_number_masked]:contains(****)",
            },
            {
                content: "The ID card scan to check it against",
                trigger: ".o_field_widget[name=applicant_id_card]",
            },
            {
                content: "The real name is not verified yet (未认证)",
                trigger:
                    ".o_field_widget[name=applicant_verification_state]:contains(未认证)",
            },
            click(
                ".o_form_view button[name=action_verify_applicant]",
                "Verify the real name (实名认证)",
                false
            ),
            confirmDialog("确定"),
            {
                content: "Verified (已认证): the approval needs no override",
                trigger:
                    ".o_field_widget[name=applicant_verification_state]:contains(已认证)",
            },
            click(
                ".o_form_statusbar button[name=action_open_approve]",
                "Approve",
                false
            ),
            confirmDialog("确定"),
            statusIs("approved"),
        ]),
});

/** The agreement and both insurances of an intern, with the four papers; then 确认上岗. */
function onboard(person, start, end) {
    return [
        card("/my/interns", "Interns"),
        click(`a.o_jianxi_intern_link:contains(${person.name})`, `Open ${person.name}`),
        setDate(".o_jianxi_onboarding_form input[name=agreement_date]", start),
        setDate(".o_jianxi_onboarding_form input[name=start_date]", start),
        setDate(".o_jianxi_onboarding_form input[name=planned_end_date]", end),
        ...["accident", "medical"].flatMap((insurance) => [
            setDate(
                `.o_jianxi_onboarding_form input[name=${insurance}_date_from]`,
                start
            ),
            setDate(`.o_jianxi_onboarding_form input[name=${insurance}_date_to]`, end),
            edit(
                `.o_jianxi_onboarding_form input[name=${insurance}_policy_number]`,
                `P-${insurance}-${person.phone}`,
                `${insurance} policy number`
            ),
        ]),
        edit(
            ".o_jianxi_onboarding_form input[name=accident_premium]",
            "100",
            "Accident premium"
        ),
        edit(
            ".o_jianxi_onboarding_form input[name=medical_premium]",
            "150",
            "Medical premium"
        ),
        upload(".o_jianxi_onboarding_form input[name=agreement_file]", "见习协议.pdf"),
        upload(
            ".o_jianxi_onboarding_form input[name=accident_policy_file]",
            "意外险保单.pdf"
        ),
        upload(
            ".o_jianxi_onboarding_form input[name=medical_policy_file]",
            "医疗险保单.pdf"
        ),
        upload(".o_jianxi_onboarding_form input[name=invoice_file]", "保费发票.pdf"),
        click(".o_jianxi_onboarding_save", "Save the onboarding papers"),
        {content: "Saved", trigger: ".o_jianxi_unit_success"},
        click(".o_jianxi_on_duty", "确认上岗"),
        {
            content: "On duty: the end form (人员终止) is offered",
            trigger: ".o_jianxi_end_form select[name=end_reason]",
        },
        home(),
    ];
}

registry.category("web_tour.tours").add("jianxi_journey_unit_onboards", {
    steps: () => [
        ...signIn(UNIT),
        ...onboard(GRADUATE, "2027-03-01", "2027-08-31"),
        ...onboard(JOBLESS, "2027-03-01", "2027-08-31"),
    ],
});

// ------------------------------------------------------------------------------------- phase 2

registry.category("web_tour.tours").add("jianxi_journey_unit_uploads_spring_papers", {
    steps: () => [
        ...signIn(UNIT),
        card("/my/interns", "Interns"),
        click(".o_jianxi_papers_link", "月度材料"),
        ...["2027-03", "2027-04", "2027-05"].flatMap((month) => [
            ...uploadPaper(month, "attendance", [GRADUATE.name, JOBLESS.name]),
            ...uploadPaper(month, "allowance", [GRADUATE.name, JOBLESS.name]),
        ]),
        {
            content: "May has both papers, for each intern",
            trigger: `.o_jianxi_paper_grid:contains(${GRADUATE.name}) tr[data-month='2027-05']:not(:has(.o_jianxi_paper_missing))`,
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_graduate_asks_to_end", {
    steps: () => [
        ...signIn(GRADUATE),
        card("/my/internships", "My applications"),
        click(`.o_jianxi_internship_row:contains(${POSITION}) a`, "The internship"),
        edit(
            ".o_jianxi_request_end_form textarea[name=reason]",
            "已被县城一家企业录用，6月16日入职。",
            "Why"
        ),
        click(".o_jianxi_request_end_submit", "Send the request"),
        {
            content: "The request is sent: no more request form",
            trigger: ".o_jianxi_internship_page:not(:has(.o_jianxi_request_end_form))",
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_unit_accepts_end", {
    steps: () => [
        ...signIn(UNIT),
        card("/my/interns", "Interns"),
        click(
            `a.o_jianxi_intern_link:contains(${GRADUATE.name})`,
            `Open ${GRADUATE.name}`
        ),
        setDate(".o_jianxi_accept_end_form input[name=end_date]", "2027-06-15"),
        {
            content: "Leaves for a job elsewhere",
            trigger: ".o_jianxi_accept_end_form select[name=end_reason]",
            run: "select job_elsewhere",
        },
        click(".o_jianxi_accept_end", "Record the end (人员终止)"),
        {content: "Ended", trigger: ".o_jianxi_unit_success"},
    ],
});

// ------------------------------------------------------------------------------------- phase 3

registry.category("web_tour.tours").add("jianxi_journey_unit_ends_and_claims", {
    steps: () => [
        ...signIn(UNIT),
        card("/my/interns", "Interns"),
        click(".o_jianxi_papers_link", "月度材料"),
        ...uploadPaper("2027-06", "attendance", [GRADUATE.name, JOBLESS.name]),
        ...uploadPaper("2027-06", "allowance", [GRADUATE.name, JOBLESS.name]),
        ...["2027-07", "2027-08"].flatMap((month) => [
            ...uploadPaper(month, "attendance", [JOBLESS.name], [GRADUATE.name]),
            ...uploadPaper(month, "allowance", [JOBLESS.name], [GRADUATE.name]),
        ]),
        {
            content: "Every month of the unemployed intern has its papers",
            trigger: `.o_jianxi_paper_grid:contains(${JOBLESS.name}):not(:has(.o_jianxi_paper_missing))`,
        },
        click(".breadcrumb a[href='/my/interns']", "Back to the interns"),
        click(
            `a.o_jianxi_intern_link:contains(${JOBLESS.name})`,
            `Open ${JOBLESS.name}`
        ),
        {
            content: "Completed",
            trigger: ".o_jianxi_end_form select[name=end_reason]",
            run: "select completed",
        },
        setDate(".o_jianxi_end_form input[name=end_date]", "2027-08-31"),
        click(".o_jianxi_end_submit", "Record the end (人员终止)"),
        {content: "Ended", trigger: ".o_jianxi_unit_success"},
        click(".o_jianxi_claims_link", "Claim the subsidy"),
        click(".o_jianxi_claim_new", "Start a claim: the system takes the interns"),
        ...[GRADUATE, JOBLESS].map((person) => ({
            content: `${person.name} is on the claim`,
            trigger: `.o_jianxi_claim_line:contains(${person.name})`,
        })),
        {
            content: "The computed amount",
            trigger: ".o_jianxi_claim_total:contains(10,760.00)",
        },
        {
            content: "No bank account yet: the claim cannot be paid anywhere",
            trigger: ".o_jianxi_claim_bank_missing",
        },
        click(".o_jianxi_claim_bank_link", "Record the bank account"),
        edit(".o_jianxi_unit_bank_form input[name=bank_name]", UNIT.bank, "开户银行"),
        edit(
            ".o_jianxi_unit_bank_form input[name=acc_number]",
            UNIT.accountTyped,
            "账号, in groups as printed on the bank's papers"
        ),
        edit(
            ".o_jianxi_unit_bank_form input[name=acc_holder_name]",
            "孙法人",
            "户名: a person's name, by mistake"
        ),
        click(".o_jianxi_unit_bank_save", "Save the bank account"),
        {
            content: "Refused: subsidies are paid to the unit, never to a person",
            trigger: ".o_jianxi_unit_error:contains(户名)",
        },
        {
            content: "What was typed is still there",
            trigger: `.o_jianxi_unit_bank_form input[name=bank_name]:value(${UNIT.bank})`,
        },
        edit(
            ".o_jianxi_unit_bank_form input[name=acc_holder_name]",
            UNIT.name,
            "户名: the unit's registered name"
        ),
        click(".o_jianxi_unit_bank_save", "Save the bank account"),
        {content: "Saved", trigger: ".o_jianxi_unit_success"},
        home(),
        card("/my/claims", "Subsidy claims"),
        click(".o_jianxi_claim_row a.o_jianxi_claim_link", "Back to the claim"),
        {
            content: "The claim names the account it will be paid into",
            trigger: `.o_jianxi_claim_bank_number:contains(${UNIT.account})`,
        },
        click(".o_jianxi_claim_submit", "Submit the claim"),
        {
            content: "Submitted and read-only",
            trigger:
                ".o_jianxi_claim_page:has(.o_jianxi_unit_success):not(:has(.o_jianxi_claim_submit))",
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_officer_approves_claim", {
    steps: () => [
        menu("jianxi_internship.jianxi_subsidy_claim_menu", "Subsidy claims"),
        openRow(UNIT.name, "The submitted claim"),
        click(".o_form_statusbar button[name=action_approve]", "Approve", false),
        confirmDialog("确定"),
        statusIs("approved"),
        {
            content: "In public notice first: nobody may pay it yet",
            trigger: ".o_jianxi_duty_notice:contains(公示)",
        },
        {
            content: "No payment button",
            trigger: ".o_form_statusbar:not(:has(button[name=action_open_payment]))",
        },
        click(".o_notebook .nav-link:contains(公示)", "The notice tab", false),
        {
            content: "Five working days, from the next one",
            trigger: ".o_field_widget[name=notice_end_date]:contains(2027)",
        },
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_visitor_objects", {
    steps: () => [
        inChinese(),
        click(".o_jianxi_board_notices", "就业见习补贴公示, at the foot of the board"),
        {
            content: "The unit's claim is published, with its amount",
            trigger: `.o_jianxi_notice:contains(${UNIT.name}):contains(10,760.00)`,
        },
        click(
            `.o_jianxi_notice:contains(${UNIT.name}) .o_jianxi_notice_object`,
            "提出异议"
        ),
        edit(
            ".o_jianxi_objection_form textarea[name=content]",
            OBJECTION,
            "What is wrong"
        ),
        edit(
            ".o_jianxi_objection_form input[name=name]",
            "郑群众",
            "A name, to be called back"
        ),
        edit(
            ".o_jianxi_objection_form input[name=phone]",
            "13700001111",
            "A phone number"
        ),
        click(".o_jianxi_objection_submit", "提交"),
        {content: "Sent", trigger: ".o_jianxi_objection_sent"},
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_officer_handles_objection", {
    steps: () => [
        menu(
            "jianxi_internship.jianxi_notice_objection_menu",
            "Objections to public notices"
        ),
        openRow(OBJECTION, "The objection, on the officer's desk"),
        click(
            ".o_form_statusbar button[name=action_open_close]",
            "Record what was found",
            false
        ),
        edit(
            ".modal-dialog .o_field_widget[name=reason] textarea",
            "经电话核实考勤记录，两名见习人员均按期到岗，异议不成立。",
            "What the bureau checked and found"
        ),
        confirmDialog("确定"),
        statusIs("closed"),
    ],
});

// ------------------------------------------------------------------------------------- phase 4

registry.category("web_tour.tours").add("jianxi_journey_officer_pays", {
    steps: () => [
        menu("jianxi_internship.jianxi_subsidy_claim_menu", "Subsidy claims"),
        {
            // the list opens on the claims to review (待我处理); this one is approved, to pay
            content: "Show the claims past review too",
            trigger: ".o_searchview_facet:contains(待我处理) .o_facet_remove",
            run: "click",
        },
        openRow(UNIT.name, "The approved claim, its notice over"),
        click(
            ".o_form_statusbar button[name=action_open_payment]",
            "Record the payment",
            false
        ),
        {
            content: "The amount paid is the amount approved, unless changed",
            trigger: ".modal .o_field_widget[name=amount] input:value(10,760.00)",
        },
        edit(
            ".modal .o_field_widget[name=payment_date] input",
            "2027-09-09",
            "The day of the payment"
        ),
        edit(
            ".modal .o_field_widget[name=reference] input",
            PAYMENT_REFERENCE,
            "The voucher number (凭证号)"
        ),
        confirmDialog("登记发放"),
        statusIs("paid"),
    ],
});

registry.category("web_tour.tours").add("jianxi_journey_unit_sees_paid", {
    steps: () => [
        ...signIn(UNIT),
        card("/my/claims", "Subsidy claims"),
        {
            content: "The claim is paid",
            trigger: ".o_jianxi_claim_row:contains(10,760.00):contains(已发放)",
        },
        click(".o_jianxi_claim_row a.o_jianxi_claim_link", "Open the claim"),
        {
            content: "The amount paid, and the voucher number to ask the bank about",
            trigger: `.o_jianxi_claim_payment:contains(10,760.00):contains(${PAYMENT_REFERENCE})`,
        },
    ],
});
