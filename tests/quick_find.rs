//! Quick find (Ctrl+K / ⌘K, and the top bar's button) in real headless
//! Chromium against the reference server: customers by phone in any format
//! and by name, pages by name, the keyboard, recent customers, Esc, embed
//! mode at 360 px.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{json, Value};
use support::Env;

const CUSTOMER: &str = "陈聊天多";
const CTRL_K: &str = "\u{E009}k\u{E000}";
const ESC: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";

async fn js(env: &Env, script: &str) -> Value {
    env.browser.execute(script, vec![]).await.unwrap()
}

async fn wait_focused(env: &Env, css: &str) {
    env.wait_js(
        &format!("const a = document.activeElement; return !!a && a.matches({css:?});"),
        &format!("focus on {css}"),
    )
    .await;
}

/// Focus in the dial box, then Ctrl+K: the dialog opens with focus in it.
async fn open_from_dial_box(env: &Env) {
    js(
        env,
        "document.querySelector('.dial-box input').focus(); return true;",
    )
    .await;
    env.press(CTRL_K).await;
    wait_focused(env, "#quick-find-input").await;
}

/// Replaces the box's text by typing, as a person does.
async fn type_in_box(env: &Env, text: &str) {
    let bx = env.wait_for("#quick-find-input", "quick find box").await;
    bx.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    bx.send_keys(text).await.unwrap();
}

/// The labels of the options of one kind (`customer`, `page`, `recent`).
async fn labels(env: &Env, kind: &str) -> Value {
    js(
        env,
        &format!(
            "return [...document.querySelectorAll('#quick-find-list .quick-find-{kind} .quick-find-label')]
                 .map(e => e.textContent);"
        ),
    )
    .await
}

async fn wait_customers(env: &Env, want: &[&str], what: &str) {
    let want = json!(want);
    let started = std::time::Instant::now();
    loop {
        if labels(env, "customer").await == want {
            return;
        }
        assert!(
            started.elapsed() < support::WAIT,
            "customers for {what}: {:?}",
            labels(env, "customer").await
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn is_open(env: &Env) -> bool {
    js(
        env,
        "const d = document.getElementById('quick-find'); return !!d && d.open;",
    )
    .await
        == json!(true)
}

/// No console errors but the browser's note of the clinic's 404: its SDK
/// answers a number the clinic does not know with one, and quick find asks
/// the clinic for every complete mobile number while the module is on.
async fn assert_no_errors_but_the_clinics_404(env: &Env) {
    let errors: Vec<String> = env
        .console_errors()
        .await
        .into_iter()
        .filter(|e| !(e.contains("/clinic_api/getCusInfoByCusTelnum") && e.contains("404")))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_k_finds_customers_by_phone_and_name_and_pages_by_name() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    env.text("section[data-route='/customers']").await;
    // Focus somewhere on the page, then Ctrl+K.
    open_from_dial_box(&env).await;
    assert!(is_open(&env).await);
    let bx = env.wait_for("#quick-find-input", "box").await;
    assert_eq!(bx.attr("role").await.unwrap().as_deref(), Some("combobox"));
    assert_eq!(
        bx.attr("aria-controls").await.unwrap().as_deref(),
        Some("quick-find-list")
    );
    assert_eq!(
        env.wait_for("#quick-find-list", "list")
            .await
            .attr("role")
            .await
            .unwrap()
            .as_deref(),
        Some("listbox")
    );
    // Nobody opened yet: nothing recent.
    assert_eq!(labels(&env, "recent").await, json!([]));

    // A phone in three formats, with a search that finds nobody between
    // them, so each answer is a fresh one.
    for phone in ["13800000001", "+86 138-0000-0001", "138 0000 0001"] {
        type_in_box(&env, "设置").await;
        env.wait_for("#quick-find-none", "no customer").await;
        assert_eq!(
            labels(&env, "page").await,
            json!(["设置"]),
            "the page matches"
        );
        type_in_box(&env, phone).await;
        wait_customers(&env, &[CUSTOMER], phone).await;
    }
    // By name; ↓ makes the customer active, Enter opens the edit page.
    type_in_box(&env, "设置").await;
    env.wait_for("#quick-find-none", "no customer").await;
    type_in_box(&env, CUSTOMER).await;
    wait_customers(&env, &[CUSTOMER], "the name").await;
    env.press(DOWN).await;
    let active = bx
        .attr("aria-activedescendant")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        active.starts_with("qf-customer-"),
        "active option {active:?}"
    );
    assert_eq!(
        js(
            &env,
            &format!("return document.getElementById({active:?}).getAttribute('aria-selected');")
        )
        .await,
        json!("true")
    );
    env.press(ENTER).await;
    env.text("section[data-route='/customers/:id']").await;
    assert!(
        env.path().await.contains("phone=13800000001"),
        "{}",
        env.path().await
    );
    assert!(!is_open(&env).await, "closed after choosing");

    // The customer opened is recent: shown before typing.
    env.wait_js(
        &format!(
            "return Object.keys(localStorage).some(k => k.startsWith('scrm.recent')
                 && localStorage.getItem(k).includes({CUSTOMER:?}));"
        ),
        "the customer remembered",
    )
    .await;
    env.press(CTRL_K).await;
    wait_focused(&env, "#quick-find-input").await;
    assert_eq!(labels(&env, "recent").await, json!([CUSTOMER]));

    // A page by name: Enter takes the first option.
    type_in_box(&env, "设置").await;
    env.press(ENTER).await;
    env.text("section[data-route='/settings']").await;
    env.wait_path("/settings").await;

    // Esc closes it and focus returns to what had it.
    open_from_dial_box(&env).await;
    env.press(ESC).await;
    wait_focused(&env, ".dial-box input").await;
    assert!(!is_open(&env).await);
    assert_no_errors_but_the_clinics_404(&env).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_at_360_px_the_top_bar_button_opens_it() {
    let env = Env::demo().await;
    env.browser.set_window_size(360, 740).await.unwrap();
    env.goto("/customers?embed=1").await;
    env.text("section[data-route='/customers']").await;
    assert!(!env.exists("nav.sidebar").await);
    env.click("#quick-find-button").await;
    wait_focused(&env, "#quick-find-input").await;
    // It fits: nothing scrolls sideways.
    assert_eq!(
        js(
            &env,
            "const r = document.getElementById('quick-find').getBoundingClientRect();
             return r.left >= 0 && r.right <= window.innerWidth
                 && document.documentElement.scrollWidth <= window.innerWidth;"
        )
        .await,
        json!(true),
        "the dialog fits at 360 px"
    );
    // Esc: focus back on the button.
    env.press(ESC).await;
    wait_focused(&env, "#quick-find-button").await;
    assert!(!is_open(&env).await);

    // A customer by phone, then an action by its name.
    env.click("#quick-find-button").await;
    wait_focused(&env, "#quick-find-input").await;
    type_in_box(&env, "+86 138-0000-0001").await;
    wait_customers(&env, &[CUSTOMER], "the phone").await;
    env.press(ENTER).await;
    env.text("section[data-route='/customers/:id']").await;
    assert!(!env.exists("nav.sidebar").await, "still embedded");
    env.click("#quick-find-button").await;
    type_in_box(&env, "新建手动录入").await;
    env.press(ENTER).await;
    env.text("section[data-route='/manual-tasks/new']").await;
    assert_no_errors_but_the_clinics_404(&env).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn its_code_comes_on_first_use_and_a_failed_fetch_is_said_and_retried() {
    let env = Env::new().await;
    // The dialog's own module unreachable from the start (the prefetch too).
    env.block_urls(&["*/split_quick_find*"]).await;
    env.login("demo", "demo123").await;
    env.text("section[data-route='/customers']").await;
    env.click("#quick-find-button").await;
    // Not in the main wasm: it cannot open, and says so.
    env.wait_text(".toast", "快速查找无法加载").await;
    assert!(!is_open(&env).await);
    wait_focused(&env, "#quick-find-button").await;
    // Once the file can be fetched, the next press opens it.
    env.block_urls(&[]).await;
    env.press(CTRL_K).await;
    wait_focused(&env, "#quick-find-input").await;
    assert!(is_open(&env).await);
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_finds_the_users_own_manual_entries_too() {
    let env = Env::new().await;
    // The demo's known manual entry is sales1's.
    env.login("sales1", "sales123").await;
    env.text("section[data-route='/customers']").await;
    env.press(CTRL_K).await;
    wait_focused(&env, "#quick-find-input").await;
    type_in_box(&env, "手动录入演示").await;
    let started = std::time::Instant::now();
    while labels(&env, "entry").await != json!(["手动录入演示"]) {
        assert!(started.elapsed() < support::WAIT, "no manual entry found");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // No customer has the name: Enter takes the entry, the user's list
    // filtered to it.
    env.wait_for("#quick-find-none", "no customer").await;
    env.press(ENTER).await;
    env.text("section[data-route='/manual-tasks/:adminUserId']")
        .await;
    let path = env.path().await;
    assert!(path.starts_with("/manual-tasks/"), "{path}");
    assert!(path.contains("contact="), "{path}");
    env.close().await;
}

/// Adds a clinic customer through the clinic API, as the clinic's own
/// system would; answers its id.
async fn add_clinic_customer(env: &Env, name: &str, phone: &str) -> i64 {
    let made = js(
        env,
        &format!(
            "return fetch('/clinic_api/addCustomer', {{method: 'POST',
               headers: {{'Content-Type': 'application/json'}},
               body: JSON.stringify({{name: {name:?}, telnum: {phone:?}}})}})
             .then(r => r.json())
             .then(() => fetch('/clinic_api/getCusInfoByCusTelnum?telnum={phone}'))
             .then(r => r.json()).then(j => j.customerInfo ? j.customerInfo.id : null);"
        ),
    )
    .await;
    made.as_i64().expect("clinic fixture added")
}

/// The clinic is looked up by phone only: its SDK has no look-up by name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_finds_the_clinic_customer_too_when_the_module_is_on() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    env.text("section[data-route='/customers']").await;
    let id = add_clinic_customer(&env, "诊所陈女士", "13800000001").await;
    open_from_dial_box(&env).await;
    type_in_box(&env, "+86 138-0000-0001").await;
    wait_customers(&env, &[CUSTOMER], "the phone").await;
    let started = std::time::Instant::now();
    while labels(&env, "clinic").await != json!(["诊所陈女士"]) {
        assert!(started.elapsed() < support::WAIT, "no clinic customer");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // A name asks the customer module only.
    type_in_box(&env, "诊所陈女士").await;
    env.wait_for("#quick-find-none", "no customer of that name")
        .await;
    assert_eq!(labels(&env, "clinic").await, json!([]));
    // A number only the clinic knows: its customer, and no "no customer" above it.
    add_clinic_customer(&env, "诊所王先生", "13800000009").await;
    type_in_box(&env, "13800000009").await;
    env.wait_for("#qf-clinic-0", "the clinic-only customer")
        .await;
    assert_eq!(labels(&env, "clinic").await, json!(["诊所王先生"]));
    assert!(
        !env.exists("#quick-find-none").await,
        "no 'no customer' line"
    );
    // ↓ past the customer to the clinic customer; Enter opens its profile.
    type_in_box(&env, "138 0000 0001").await;
    wait_customers(&env, &[CUSTOMER], "the phone again").await;
    env.wait_for("#qf-clinic-0", "the clinic customer").await;
    env.press(DOWN).await;
    env.press(DOWN).await;
    env.wait_js(
        "return document.getElementById('quick-find-input')
             .getAttribute('aria-activedescendant') === 'qf-clinic-0';",
        "the clinic customer active",
    )
    .await;
    env.press(ENTER).await;
    env.wait_path(&format!("/clinic?cusId={id}")).await;
    env.wait_text("#clinic-profile-name", "诊所陈女士").await;
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_clinic_module_off_no_clinic_customer_is_looked_up() {
    let env = Env::with(|o| {
        o.config_json = Some(r#"{"locale":"zh-CN","clinic":{"enabled":false}}"#.into())
    })
    .await;
    env.login("demo", "demo123").await;
    env.goto("/customers").await;
    env.text("section[data-route='/customers']").await;
    add_clinic_customer(&env, "诊所陈女士", "13800000001").await;
    js(&env, "performance.clearResourceTimings(); return true;").await;
    open_from_dial_box(&env).await;
    type_in_box(&env, "13800000001").await;
    wait_customers(&env, &[CUSTOMER], "the phone").await;
    assert_eq!(labels(&env, "clinic").await, json!([]));
    assert_eq!(
        js(
            &env,
            "return performance.getEntriesByType('resource')
                 .filter(e => e.name.includes('getCusInfoByCusTelnum')).length;"
        )
        .await,
        json!(0),
        "the clinic was asked"
    );
    env.close().await;
}
