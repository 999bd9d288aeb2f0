//! axe-core (npm, installed by `cargo xtask` into tools/) finds no colour
//! contrast violation on any page, in the light theme and in the dark one.
//! The token test (tests/style.rs) checks the pairs the stylesheet means to
//! use; this one checks what the browser really paints, user-agent defaults,
//! inherited colours and opacity included.

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

/// The contrast violations axe reports on the current page with `theme` set
/// on the root element, one line per element.
async fn contrast_violations(env: &Env, axe: &str, theme: &str) -> Vec<String> {
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
    match found {
        Value::Array(lines) => lines
            .into_iter()
            .map(|l| l.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => vec![format!("unexpected axe answer {other}")],
    }
}

/// Opens `path`, waits for `ready` (what shows once its data arrived) and
/// collects both themes' violations, prefixed with the page.
async fn check_page(env: &Env, axe: &str, path: &str, ready: &str, found: &mut Vec<String>) {
    env.goto(path).await;
    env.wait_for(ready, path).await;
    check_shown(env, axe, path, found).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_has_a_colour_contrast_violation_in_light_or_dark() {
    let axe = axe_source();
    let env = Env::new().await;
    let mut found = Vec::new();
    check_page(&env, &axe, "/login", "#login-username", &mut found).await;
    env.login("demo", "demo123").await;

    check_page(
        &env,
        &axe,
        "/customers",
        "#customer-table tbody tr",
        &mut found,
    )
    .await;
    let edit = first_href(&env, "#customer-table a.row-edit").await;
    let chat = first_href(&env, "#customer-table a.row-chat").await;
    check_page(&env, &axe, &edit, "main form input", &mut found).await;
    check_page(&env, &axe, &chat, ".msg .bubble", &mut found).await;
    // The customer picker with results (陈, a common surname in the demo).
    check_page(
        &env,
        &axe,
        "/chat?find=%E9%99%88",
        ".chat-pick-name",
        &mut found,
    )
    .await;
    check_page(
        &env,
        &axe,
        "/customers/by-contact?contact=测试客户甲",
        "main section h1",
        &mut found,
    )
    .await;
    check_page(&env, &axe, "/tags", "main section h1", &mut found).await;
    check_page(
        &env,
        &axe,
        "/call?phone=13800000001",
        "#call-show",
        &mut found,
    )
    .await;
    env.click("#call-show").await;
    env.wait_for("#call-pop .call-records", "call pop-up").await;
    check_shown(&env, &axe, "call pop-up", &mut found).await;
    check_page(
        &env,
        &axe,
        "/manual-tasks",
        "#mt-people .mt-person-name",
        &mut found,
    )
    .await;
    let person = first_href(&env, "#mt-people a.mt-open").await;
    check_page(&env, &axe, &person, "main section h1", &mut found).await;
    check_page(
        &env,
        &axe,
        "/manual-tasks/new",
        "main form input",
        &mut found,
    )
    .await;
    check_page(
        &env,
        &axe,
        "/manual-tasks/import",
        "main input[type='file']",
        &mut found,
    )
    .await;
    check_page(&env, &axe, "/clinic", "main section h1", &mut found).await;
    check_page(
        &env,
        &axe,
        "/clinic/appointments",
        "main section h1",
        &mut found,
    )
    .await;
    check_page(&env, &axe, "/settings", "main section h1", &mut found).await;
    check_page(&env, &axe, "/no-such-page", "main h1", &mut found).await;

    assert!(
        found.is_empty(),
        "axe colour-contrast violations:\n{}",
        found.join("\n")
    );
    env.close().await;
}
