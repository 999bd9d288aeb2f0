//! Not a check: the pictures README shows, written by `cargo xtask
//! screenshots` into docs/screenshots (or `SCRM_SCREENSHOTS`) from the demo
//! data, at a desktop and a phone / side-panel width.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;
use support::Env;

/// What each picture shows: its name, the page, and what must be on screen
/// before it is taken.
const PAGES: &[(&str, &str, &str)] = &[
    ("customers", "/customers", "#customer-table tbody tr"),
    ("call", "/call?phone=13800000001", "#call-show"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn readme_screenshots() {
    let out = std::env::var_os("SCRM_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots"));
    std::fs::create_dir_all(&out).expect("screenshot folder");
    let env = Env::demo().await;
    env.goto("/customers").await;
    env.wait_for("#customer-table a.row-chat", "chat link")
        .await;
    let chat = env
        .browser
        .execute(
            "return document.querySelector(\"#customer-table a.row-chat\").getAttribute('href');",
            vec![],
        )
        .await
        .expect("chat link");
    let chat = chat.as_str().unwrap_or("/chat").to_owned();
    let mut pages: Vec<(&str, String, &str)> = PAGES
        .iter()
        .map(|&(n, p, r)| (n, p.to_owned(), r))
        .collect();
    pages.push(("chat", chat, ".msg .bubble"));
    for (w, h) in [(1280, 800), (360, 740)] {
        env.browser
            .set_window_size(w, h)
            .await
            .expect("window size");
        for (name, path, ready) in &pages {
            env.goto(path).await;
            env.wait_for(ready, name).await;
            if *name == "call" {
                env.click("#call-show").await;
                env.wait_for("#call-pop .call-records", "call pop-up").await;
            }
            // Pictures and late answers settle; no caret blinking in shot.
            env.browser
                .execute(
                    "document.activeElement && document.activeElement.blur(); return true;",
                    vec![json!(null)],
                )
                .await
                .expect("blur");
            tokio::time::sleep(Duration::from_millis(800)).await;
            let png = env.browser.screenshot().await.expect("screenshot");
            let file = out.join(format!("{name}-{w}.png"));
            std::fs::write(&file, &png).expect("screenshot saved");
            println!("{} {} KB", file.display(), png.len() / 1024);
        }
    }
    env.close().await;
}
