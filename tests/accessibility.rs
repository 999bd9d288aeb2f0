//! axe-core (npm, installed by `cargo xtask` into tools/) finds no colour
//! contrast violation on any page, in the light theme and in the dark one,
//! and no critical or serious violation of any rule on any page, signed out
//! and in, at desk and phone widths, dialogs open included. The token test
//! (tests/style.rs) checks the pairs the stylesheet means to use; this one
//! checks what the browser really paints, user-agent defaults, inherited
//! colours and opacity included. Also here: where keyboard focus goes after
//! a navigation, Tab inside every dialog, landmarks' names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};
use support::Env;

fn axe_source() -> String {
    let path = std::env::var_os("SCRM_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no axe-core at {} ({e}): `cargo xtask bootstrap` installs it",
            path.display()
        )
    })
}

/// Loads axe into the current page unless it is there already.
async fn load_axe(env: &Env, axe: &str) {
    let loaded = env
        .browser
        .execute("return typeof window.axe;", vec![])
        .await
        .expect("script runs");
    if loaded != json!("object") {
        env.browser
            .execute(&format!("{axe}\n;return true;"), vec![])
            .await
            .expect("axe loads");
    }
}

/// The contrast violations axe reports on the current page with `theme` set
/// on the root element, one line per element.
async fn contrast_violations(env: &Env, axe: &str, theme: &str) -> Vec<String> {
    load_axe(env, axe).await;
    let found = env
        .browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             document.documentElement.dataset.theme = arguments[0];
             axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } })
               .then(r => done(r.violations.flatMap(v => v.nodes.map(n =>
                   n.target.join(' ') + ' — ' + (n.any[0] ? n.any[0].message : v.help)))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![json!(theme)],
        )
        .await
        .expect("axe runs");
    lines(found)
}

fn lines(found: Value) -> Vec<String> {
    match found {
        Value::Array(lines) => lines
            .into_iter()
            .map(|l| l.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => vec![format!("unexpected axe answer {other}")],
    }
}

/// Every critical or serious violation axe reports on the current page, of
/// every rule it runs by default plus label-content-name-mismatch (visible
/// label = accessible name; experimental, so off unless asked for), one
/// line per element.
async fn serious_violations(env: &Env, axe: &str) -> Vec<String> {
    load_axe(env, axe).await;
    let found = env
        .browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {
                 resultTypes: ['violations'],
                 rules: { 'label-content-name-mismatch': { enabled: true } },
               })
               .then(r => done(r.violations
                 .filter(v => v.impact === 'critical' || v.impact === 'serious')
                 .flatMap(v => v.nodes.map(n =>
                   v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ' — '
                   + (n.failureSummary || v.help).replace(/\\s+/g, ' ')))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs");
    lines(found)
}

/// Critical and serious violations of what is on screen now, prefixed
/// with `what`.
async fn check_all_rules(env: &Env, axe: &str, what: &str, found: &mut Vec<String>) {
    // Let late answers (tags, counts) render before checking.
    tokio::time::sleep(Duration::from_millis(400)).await;
    for v in serious_violations(env, axe).await {
        found.push(format!("{what}: {v}"));
    }
}

/// Opens `path` and waits for `ready` (what shows once its data arrived).
async fn open(env: &Env, path: &str, ready: &str) {
    env.goto(path).await;
    env.wait_for(ready, path).await;
}

/// The first `href` of a link matching `css` on the current page.
async fn first_href(env: &Env, css: &str) -> String {
    env.wait_for(css, "link").await;
    let href = env
        .browser
        .execute(
            "const a = document.querySelector(arguments[0]); return a.getAttribute('href');",
            vec![json!(css)],
        )
        .await
        .expect("script runs");
    href.as_str().unwrap_or_default().to_owned()
}

/// Every page with the demo's real data (signed in), each with what shows
/// once its data arrived: a customer's edit page and conversation, the
/// chat picker with results (陈, a common surname in the demo), a
/// manual-entry account, the forms.
async fn pages_with_data(env: &Env) -> Vec<(String, &'static str)> {
    open(env, "/customers", "#customer-table tbody tr").await;
    let edit = first_href(env, "#customer-table a.row-edit").await;
    let chat = first_href(env, "#customer-table a.row-chat").await;
    open(env, "/manual-tasks", "#mt-people .mt-person-name").await;
    let person = first_href(env, "#mt-people a.mt-open").await;
    let h1 = "main section h1";
    vec![
        ("/customers".into(), "#customer-table tbody tr"),
        (edit, "main form input"),
        (chat, ".msg .bubble"),
        ("/chat?find=%E9%99%88".into(), ".chat-pick-name"),
        ("/customers/by-contact?contact=测试客户甲".into(), h1),
        ("/tags".into(), h1),
        ("/call?phone=13800000001".into(), "#call-show"),
        ("/manual-tasks".into(), "#mt-people .mt-person-name"),
        (person, h1),
        ("/manual-tasks/new".into(), "main form input"),
        ("/manual-tasks/import".into(), "main input[type='file']"),
        ("/clinic".into(), h1),
        ("/clinic/appointments".into(), h1),
        ("/settings".into(), h1),
        ("/no-such-page".into(), "main h1"),
    ]
}

/// Opens the call pop-up for the demo customer with 10,000 messages.
async fn open_call_pop(env: &Env) {
    open(env, "/call?phone=13800000001", "#call-show").await;
    env.click("#call-show").await;
    env.wait_for("#call-pop .call-records", "call pop-up").await;
}

/// Opens quick find with its shortcut.
async fn open_quick_find(env: &Env) {
    env.goto("/customers").await;
    env.js("document.getElementById('main').focus(); return true;")
        .await;
    env.press("\u{E009}k\u{E000}").await;
    env.wait_for("#quick-find-input", "quick find").await;
}

/// Opens a customer's delete confirmation (in the row's "more" menu).
async fn open_delete_confirmation(env: &Env) {
    open(env, "/customers", "#customer-table tbody tr .row-more").await;
    env.click("#customer-table tbody tr .row-more .menu-button")
        .await;
    env.click("#customer-table tbody tr .row-delete").await;
    env.wait_for("#confirm-message", "delete confirmation")
        .await;
}

/// Opens the saved views dialog (behind the folded filters at 360 px:
/// clicked as a script would).
async fn open_saved_views(env: &Env) {
    open(env, "/customers", "#f-views-manage").await;
    env.js("document.getElementById('f-views-manage').click(); return true;")
        .await;
    env.wait_for("#views-dialog[open]", "saved views").await;
}

/// Ticks the list's first row: the selection bar shows.
async fn open_selection_bar(env: &Env) {
    open(env, "/customers", "#customer-table tbody tr .pick").await;
    env.click("#customer-table tbody tr .pick").await;
    env.wait_for("#selection-bar", "selection bar").await;
}

/// Opens the bulk "add tag" dialog for the selection (fetched on first use).
async fn open_bulk_dialog(env: &Env) {
    env.click("#bulk-add-tag").await;
    env.wait_for("#bulk-dialog[open] #bulk-tag", "bulk dialog")
        .await;
}

/// Every page signed out and in (the shell's routes, then pages with real
/// data), and the states that show a dialog, at `width` px.
async fn every_page_and_dialog(width: u32) {
    let axe = axe_source();
    let env = Env::new().await;
    env.browser
        .set_window_size(width, 900)
        .await
        .expect("window size");
    let mut found = Vec::new();
    open(&env, "/login", "#login-username").await;
    check_all_rules(&env, &axe, "/login", &mut found).await;
    // A failed sign-in shows its error.
    env.fill("#login-username", "demo").await;
    env.fill("#login-password", "wrong").await;
    env.click("#login-submit").await;
    env.wait_for("#login-error:not(:empty)", "sign-in error")
        .await;
    check_all_rules(&env, &axe, "/login (refused)", &mut found).await;
    env.login("demo", "demo123").await;

    let routes = support::ROUTES.iter().map(|(p, m)| ((*p).to_owned(), *m));
    for (path, ready) in routes.chain(pages_with_data(&env).await) {
        open(&env, &path, ready).await;
        check_all_rules(&env, &axe, &path, &mut found).await;
    }
    open_call_pop(&env).await;
    check_all_rules(&env, &axe, "call pop-up", &mut found).await;
    open_delete_confirmation(&env).await;
    check_all_rules(&env, &axe, "delete confirmation", &mut found).await;
    open_saved_views(&env).await;
    check_all_rules(&env, &axe, "saved views dialog", &mut found).await;
    open_quick_find(&env).await;
    check_all_rules(&env, &axe, "quick find", &mut found).await;
    open_selection_bar(&env).await;
    check_all_rules(&env, &axe, "selection bar", &mut found).await;
    open_bulk_dialog(&env).await;
    check_all_rules(&env, &axe, "bulk dialog", &mut found).await;
    env.click("#bulk-close").await;
    env.wait_gone("dialog[open]").await;
    env.click("#bulk-delete").await;
    env.wait_for("#bulk-confirm-message", "bulk delete confirmation")
        .await;
    check_all_rules(&env, &axe, "bulk delete confirmation", &mut found).await;

    assert!(
        found.is_empty(),
        "axe critical/serious violations at {width} px:\n{}",
        found.join("\n")
    );
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_or_dialog_has_a_serious_violation_at_1280_px() {
    every_page_and_dialog(1280).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_or_dialog_has_a_serious_violation_at_360_px() {
    every_page_and_dialog(360).await;
}

/// Both themes' violations of what is on screen now, prefixed with `what`.
async fn check_shown(env: &Env, axe: &str, what: &str, found: &mut Vec<String>) {
    // Let late answers (tags, counts) render before measuring.
    tokio::time::sleep(Duration::from_millis(400)).await;
    for theme in ["light", "dark"] {
        for v in contrast_violations(env, axe, theme).await {
            found.push(format!("{what} ({theme}): {v}"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_has_a_colour_contrast_violation_in_light_or_dark() {
    let axe = axe_source();
    let env = Env::new().await;
    let mut found = Vec::new();
    open(&env, "/login", "#login-username").await;
    check_shown(&env, &axe, "/login", &mut found).await;
    env.login("demo", "demo123").await;
    for (path, ready) in pages_with_data(&env).await {
        open(&env, &path, ready).await;
        check_shown(&env, &axe, &path, &mut found).await;
    }
    open_call_pop(&env).await;
    check_shown(&env, &axe, "call pop-up", &mut found).await;

    assert!(
        found.is_empty(),
        "axe colour-contrast violations:\n{}",
        found.join("\n")
    );
    env.close().await;
}

/// Tab eight times, then Shift+Tab eight times, in the open dialog
/// `what`: focus never leaves it.
async fn tab_stays_in_dialog(env: &Env, what: &str) {
    for key in ["\u{E004}"; 8].into_iter().chain(["\u{E008}\u{E004}"; 8]) {
        let inside = env
            .js("return !!document.activeElement.closest('dialog[open]');")
            .await;
        assert_eq!(inside, json!(true), "focus left the {what}");
        env.press(key).await;
    }
}

/// Waits until keyboard focus is on the heading of the page of `route`.
async fn wait_heading_focused(env: &Env, route: &str) {
    env.wait_js(
        &format!(
            "const a = document.activeElement;
             return !!a && a.matches('#main h1') && !!a.closest(\"section[data-route='{route}']\");"
        ),
        &format!("focus on the heading of {route}"),
    )
    .await;
}

/// A page whose code is still on its way (a slow link, before the idle
/// prefetch) keeps the old page on screen for a while: focus waits for the
/// new page's heading instead of settling on the old one, which then goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn focus_waits_for_a_slow_pages_heading() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    env.wait_for("#customer-table tbody tr", "customers").await;
    // Every page's code (and the prefetch's) arrives 1.5 s late.
    env.wrap_fetch(
        "",
        "if (!/split_|chunk_/.test(url)) return real(input, init);
         return new Promise(r => setTimeout(() => r(real(input, init)), 1500));",
    )
    .await;
    env.click("#customer-table a.row-edit").await;
    wait_heading_focused(&env, "/customers/:id").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn focus_goes_to_the_new_pages_heading_and_stays_in_every_dialog() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    env.wait_for("#customer-table tbody tr", "customers").await;
    // A link in the sidebar: focus moves to the page it opened.
    env.click(".sidebar a[href='/tags']").await;
    wait_heading_focused(&env, "/tags").await;
    env.goto("/customers").await;
    env.wait_for("#customer-table tbody tr", "customers").await;
    // The page heading of a page opened from inside the page (a row's
    // edit link) takes focus too.
    env.click("#customer-table a.row-edit").await;
    wait_heading_focused(&env, "/customers/:id").await;

    // The dial box is a named search landmark, named as its label says.
    let dial = env
        .js("const f = document.querySelector('.dial-box');
             return [f.getAttribute('role'), f.getAttribute('aria-label'),
                     f.querySelector('label').textContent.trim()];")
        .await;
    assert_eq!(dial[0], json!("search"), "{dial}");
    assert!(!dial[1].as_str().unwrap_or_default().is_empty(), "{dial}");
    assert_eq!(dial[1], dial[2], "the landmark's name is its field's label");

    // Every dialog keeps Tab inside: a delete confirmation, the saved
    // views, quick find, the call pop-up, the bulk dialog.
    open_delete_confirmation(&env).await;
    tab_stays_in_dialog(&env, "delete confirmation").await;
    open_saved_views(&env).await;
    env.js("document.getElementById('view-name').focus(); return true;")
        .await;
    tab_stays_in_dialog(&env, "saved views dialog").await;
    open_quick_find(&env).await;
    tab_stays_in_dialog(&env, "quick find").await;
    open_call_pop(&env).await;
    tab_stays_in_dialog(&env, "call pop-up").await;
    open_selection_bar(&env).await;
    open_bulk_dialog(&env).await;
    tab_stays_in_dialog(&env, "bulk dialog").await;
    env.close().await;
}
