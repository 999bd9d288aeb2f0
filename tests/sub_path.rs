//! The panel hosted under a sub-path (`https://host/panel/`), in headless
//! Chromium against the reference server started with `base_path /panel/`:
//! deep links load, the sidebar and in-app links stay under the prefix, and
//! a 401 goes to login and back under it.
//!
//! The dist: `SCRM_DIST_PANEL` when set (a real `trunk build --public-url
//! /panel/`), else derived from `SCRM_DIST` by doing to index.html what
//! trunk's `--public-url` does (the `<base href>` and the asset URLs get the
//! prefix; nothing else in a build depends on it, which
//! `derived_index_matches_a_trunk_build` checks when both are given). A
//! second trunk build would cost `cargo xtask test` another wasm-bindgen and
//! wasm-opt pass of the release bundle for a one-line difference.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::Env;

const BASE: &str = "/panel/";

fn root_dist() -> PathBuf {
    std::env::var_os("SCRM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// index.html of a root build as trunk would have written it for `base`.
fn rebase_index(index: &str, files: &[String], base: &str) -> String {
    let mut out = index.replace(r#"<base href="/">"#, &format!(r#"<base href="{base}">"#));
    for name in files {
        out = out.replace(&format!("/{name}"), &format!("{base}{name}"));
    }
    out
}

/// A dist for `/panel/`: the real one, or one derived into `dir` (the big
/// files are linked, not copied).
fn panel_dist(dir: &Path) -> PathBuf {
    if let Some(d) = std::env::var_os("SCRM_DIST_PANEL") {
        return PathBuf::from(d);
    }
    let src = root_dist();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&src).expect("SCRM_DIST readable") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "index.html" {
            std::os::unix::fs::symlink(entry.path(), dir.join(&name)).unwrap();
            files.push(name);
        }
    }
    let index = std::fs::read_to_string(src.join("index.html")).unwrap();
    assert!(
        index.contains(r#"<base href="/">"#),
        "SCRM_DIST is not a root build"
    );
    let rebased = rebase_index(&index, &files, BASE);
    std::fs::write(dir.join("index.html"), rebased).unwrap();
    dir.to_owned()
}

#[test]
fn derived_index_matches_a_trunk_build() {
    let (Some(panel), Some(root)) = (
        std::env::var_os("SCRM_DIST_PANEL"),
        std::env::var_os("SCRM_DIST"),
    ) else {
        return;
    };
    let (panel, root) = (PathBuf::from(panel), PathBuf::from(root));
    let files: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    let root_index = std::fs::read_to_string(root.join("index.html")).unwrap();
    let panel_index = std::fs::read_to_string(panel.join("index.html")).unwrap();
    assert_eq!(rebase_index(&root_index, &files, BASE), panel_index);
}

async fn hrefs(env: &Env, css: &str) -> Vec<String> {
    let v = env
        .browser
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(a => a.getAttribute('href'));",
            vec![json!(css)],
        )
        .await
        .unwrap();
    match v {
        Value::Array(a) => a
            .into_iter()
            .map(|h| h.as_str().unwrap_or_default().to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

async fn sign_in(env: &Env) {
    env.fill("#login-username", "demo").await;
    env.fill("#login-password", "demo123").await;
    env.click("#login-submit").await;
    env.text("#current-user").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_panel_works_under_a_sub_path() {
    let dir = tempfile::tempdir().unwrap();
    let dist = panel_dist(dir.path());
    let env = Env::with(|o| {
        o.dist = Some(dist);
        o.base_path = BASE.into();
    })
    .await;

    // A deep link before signing in: login under the prefix, and back.
    env.goto("/panel/customers?page=2").await;
    env.wait_path("/panel/login?next=/customers%3Fpage%3D2")
        .await;
    sign_in(&env).await;
    env.wait_path("/panel/customers?page=2").await;
    env.text("section[data-route='/customers']").await;

    // Reloading a deep link works (the server answers index.html there,
    // config.json is read from under the prefix).
    env.goto("/panel/customers").await;
    env.text("section[data-route='/customers']").await;
    env.browser.refresh().await.unwrap();
    env.text("section[data-route='/customers']").await;
    env.wait_path("/panel/customers").await;

    // Every sidebar link is under the prefix, and following one stays there.
    let links = hrefs(&env, "nav.sidebar a").await;
    assert!(links.len() >= 7, "{links:?}");
    assert!(links.iter().all(|h| h.starts_with(BASE)), "{links:?}");
    env.click("nav.sidebar a[href='/panel/tags']").await;
    env.text("section[data-route='/tags']").await;
    env.wait_path("/panel/tags").await;
    env.click("nav.sidebar a[href='/panel/settings']").await;
    env.text("section[data-route='/settings']").await;
    env.wait_path("/panel/settings").await;
    let current = hrefs(&env, "nav.sidebar a[aria-current='page']").await;
    assert_eq!(current, vec!["/panel/settings".to_owned()]);

    // Links inside pages too: the customer list's edit links.
    env.click("nav.sidebar a[href='/panel/customers']").await;
    env.text("section[data-route='/customers'] .row-edit").await;
    let edits = hrefs(&env, ".row-edit").await;
    assert!(
        edits.iter().all(|h| h.starts_with("/panel/customers/")),
        "{edits:?}"
    );
    env.click(".row-edit").await;
    env.text("section[data-route='/customers/:id']").await;
    assert!(env.path().await.starts_with("/panel/customers/"));

    // The skip link moves focus to the page, not to another address.
    let before = env.path().await;
    env.browser
        .execute("document.querySelector('.skip-link').click();", vec![])
        .await
        .unwrap();
    let focused = env.browser.active_element().await.unwrap();
    assert_eq!(focused.attr("id").await.unwrap().as_deref(), Some("main"));
    assert_eq!(env.path().await, before);

    // The softphone trigger, and the pop-up's links.
    env.goto("/panel/call?phone=13800000001").await;
    env.wait_text("#call-phone", "13800000001").await;
    env.click("#call-show").await;
    env.text("#call-pop .call-records[data-source='1']").await;
    let links = hrefs(
        &env,
        "#call-pop a.call-link-edit, #call-pop a.call-link-chat",
    )
    .await;
    assert!(!links.is_empty());
    assert!(links.iter().all(|h| h.starts_with(BASE)), "{links:?}");
    env.click("#call-pop .call-link-edit").await;
    env.text("section[data-route='/customers/:id']").await;
    assert!(env.path().await.starts_with("/panel/customers/"));

    // `/panel` and `/` lead to the panel's start page under the prefix.
    env.goto("/").await;
    env.wait_path("/panel/customers").await;

    // A 401 mid-session: login under the prefix, then back to the page.
    env.goto("/panel/manual-tasks").await;
    env.text("section[data-route='/manual-tasks']").await;
    env.browser.delete_all_cookies().await.unwrap();
    env.click("nav.sidebar a[href='/panel/customers']").await;
    env.wait_path("/panel/login?next=/customers").await;
    sign_in(&env).await;
    env.wait_path("/panel/customers").await;
    env.text("section[data-route='/customers']").await;
    // Nothing under the prefix failed to load and nothing panicked (the
    // API's 401s, and the clinic's 404 for a number it does not know, are
    // logged by the browser itself).
    let errors = env.console_errors().await;
    assert!(
        errors
            .iter()
            .all(|e| e.contains("/wechat_api/") || e.contains("/clinic_api/")),
        "console errors: {errors:?}"
    );
    env.close().await;
}
