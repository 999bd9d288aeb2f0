//! Route-level code splitting in headless Chromium against the reference
//! server: the first screen needs no page chunk, a page's code is fetched
//! when it is first opened or by the idle prefetch (the call pop-up's
//! extras first, then the call page), a later navigation then fetches
//! nothing, and a page whose code cannot be fetched says so with a retry
//! that works, instead of a blank page or a panic. The call pop-up's card is
//! the first chunk the prefetch takes; a call that comes sooner looks its
//! number up while the card's code arrives, and says so, with a retry, when
//! that code cannot be fetched.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{dist, Env, WAIT};

const ROWS: &str = "#customer-table tbody tr";
/// A demo customer record (server/src/demo.rs) with a conversation.
const CUSTOMER: &str = "13800000001";

/// Signs in, waits for the first screen, then opens the call pop-up on the
/// demo customer as a softphone would (`/call?phone=`, whatever the switch
/// says).
async fn pop_after_sign_in(env: &Env) {
    env.login("demo", "demo123").await;
    env.wait_for(ROWS, "customer rows").await;
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    env.click("#call-show").await;
    env.wait_for("#call-pop[open]", "the call pop-up").await;
}

/// True once the page has asked getCustomerInfoByCall.
async fn lookup_asked(env: &Env) -> bool {
    let v = env
        .browser
        .execute(
            "return performance.getEntriesByType('resource')
               .some(e => e.name.includes('getCustomerInfoByCall'));",
            vec![],
        )
        .await
        .unwrap();
    v == Value::Bool(true)
}

/// Fails the test if the app panicked (blocked files are logged as errors).
async fn assert_no_panic(env: &Env) {
    let errors = env.console_errors().await;
    assert!(
        !errors
            .iter()
            .any(|e| e.contains("panicked") || e.contains("RuntimeError")),
        "the app panicked: {errors:?}"
    );
}

/// The stems (`split_<page>`, `chunk_<n>`) of the lazy pages' wasm files in
/// the dist: each page's own module and the chunks pages share.
fn lazy_files() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(dist())
        .expect("SCRM_DIST readable")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| (n.starts_with("split_") || n.starts_with("chunk_")) && n.ends_with(".wasm"))
        .filter_map(|n| n.rsplit_once('-').map(|(stem, _)| stem.to_owned()))
        .collect();
    stems.sort();
    stems
}

/// Signed in on the first screen, with room for every chunk and request in
/// the resource timeline (250 entries by default).
async fn signed_in_with_room_for_timings() -> Env {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.browser
        .execute("performance.setResourceTimingBufferSize(2000);", vec![])
        .await
        .unwrap();
    env.wait_for(ROWS, "customer rows").await;
    env
}

/// Fails the test unless the dist has a module of its own named `stem`.
fn assert_own_module(stem: &str) {
    let files = lazy_files();
    assert!(
        files.iter().any(|f| f == stem),
        "no module {stem} in the dist: {files:?}"
    );
}

/// Names of the wasm files the page has fetched, in the order it asked.
async fn fetched_wasm(env: &Env) -> Vec<String> {
    let v = env
        .browser
        .execute(
            "return performance.getEntriesByType('resource')
               .sort((a, b) => a.startTime - b.startTime)
               .map(e => new URL(e.name).pathname.split('/').pop())
               .filter(n => n.endsWith('.wasm'));",
            vec![],
        )
        .await
        .unwrap();
    match v {
        Value::Array(a) => a
            .into_iter()
            .map(|n| n.as_str().unwrap_or_default().to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_code_cannot_be_fetched_offers_a_retry_that_works() {
    assert_own_module("split_settings_page");
    let env = Env::new().await;
    // Every page's code unreachable from the start (the idle prefetch too).
    env.block_urls(&["*/split_*", "*/chunk_*"]).await;
    env.login("demo", "demo123").await;
    // The first screen needs none of it.
    env.wait_for(ROWS, "customer rows").await;

    // The settings page's code is not in the main wasm: opening it fails,
    // and says so in words with a retry.
    env.click("nav.sidebar a[href='/settings']").await;
    env.wait_text("#page-load-failed", "无法加载这个页面").await;
    assert!(!env.exists("section[data-route='/settings']").await);

    // The app is still alive: the list opens again, and so does the failed
    // page's retry view.
    env.click("nav.sidebar a[href='/customers']").await;
    env.wait_for(ROWS, "customer rows").await;
    env.click("nav.sidebar a[href='/settings']").await;
    env.wait_for("#page-load-retry", "retry button").await;

    // A retry while the network still fails fails again, in words.
    env.click("#page-load-retry").await;
    env.wait_for("#page-load-retry", "retry button after a failed retry")
        .await;

    // Once the files can be fetched, retry shows the page.
    env.block_urls(&[]).await;
    env.click("#page-load-retry").await;
    env.text("section[data-route='/settings']").await;
    assert!(!env.exists("#page-load-failed").await);

    assert_no_panic(&env).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_is_prefetched_after_the_first_screen_call_extras_first() {
    let files = lazy_files();
    let pages = files.iter().filter(|f| f.starts_with("split_")).count();
    assert!(pages >= 10, "too few lazy pages: {files:?}");
    let env = signed_in_with_room_for_timings().await;

    // Without opening any page, every page's files arrive in idle time.
    let started = Instant::now();
    let fetched = loop {
        let fetched = fetched_wasm(&env).await;
        let missing: Vec<&String> = files
            .iter()
            .filter(|p| !fetched.iter().any(|f| f.starts_with(&format!("{p}-"))))
            .collect();
        if missing.is_empty() {
            break fetched;
        }
        assert!(
            started.elapsed() < WAIT,
            "not prefetched: {missing:?}; fetched: {fetched:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // The call pop-up's extras first (an incoming call's card waits for
    // them), then the call page.
    let mut modules = fetched.iter().filter(|f| f.starts_with("split_"));
    assert!(
        modules
            .next()
            .is_some_and(|f| f.starts_with("split_call_extras-")),
        "the call pop-up's extras were not prefetched first: {fetched:?}"
    );
    assert!(
        modules
            .next()
            .is_some_and(|f| f.starts_with("split_call_page-")),
        "the call page was not prefetched second: {fetched:?}"
    );

    // Opening pages now fetches no code at all.
    for (link, route) in [
        ("/chat", "/chat"),
        ("/call", "/call"),
        ("/manual-tasks", "/manual-tasks"),
        ("/settings", "/settings"),
    ] {
        env.click(&format!("nav.sidebar a[href='{link}']")).await;
        env.text(&format!("section[data-route='{route}']")).await;
    }
    assert_eq!(fetched_wasm(&env).await.len(), fetched.len());
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_before_the_card_code_arrives_is_looked_up_meanwhile_and_drawn_once_it_is_in() {
    assert_own_module("split_call_extras");
    let env = Env::new().await;
    // The card's code is held back from the very start (the idle prefetch
    // asks for it first) until the test lets it through.
    env.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "
            const real = window.fetch.bind(window);
            let open;
            const gate = new Promise(r => { open = r; });
            window.__releaseExtras = () => open();
            window.fetch = (input, init) => {
              const url = typeof input === 'string' ? input : (input.url || String(input));
              return url.includes('split_call_extras') ? gate.then(() => real(input, init)) : real(input, init);
            };" }),
    )
    .await;
    pop_after_sign_in(&env).await;
    // The dialog is open and says it is looking up; the number is asked
    // about already, without waiting for the card's code.
    env.wait_text("#call-pop #call-pop-loading", "正在查询")
        .await;
    let deadline = Instant::now() + WAIT;
    while !lookup_asked(&env).await {
        assert!(
            Instant::now() < deadline,
            "the lookup waited for the card's code"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        !fetched_wasm(&env)
            .await
            .iter()
            .any(|f| f.starts_with("split_call_extras-")),
        "the card's code arrived before it was let through"
    );
    assert!(!env.exists("#call-pop .call-record").await);
    assert!(!env.exists("#call-extras-failed").await);

    // Once it arrives, the card draws from the answer already in, and the
    // latest messages and the manual entries fill in.
    env.browser
        .execute("window.__releaseExtras();", vec![])
        .await
        .unwrap();
    env.wait_text("#call-pop .call-record", "陈聊天多").await;
    env.wait_text("#call-pop .call-remarks", "聊天记录一万条")
        .await;
    env.wait_for(
        "#call-pop .call-message-list .call-message",
        "the latest messages",
    )
    .await;
    env.wait_for("#call-pop .call-manual", "the manual entries")
        .await;
    env.wait_gone("#call-pop-loading").await;
    assert!(!env.exists("#call-extras-failed").await);
    // (The clinic answers 404 for a number it does not know: logged, not a failure.)
    assert_no_panic(&env).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_card_whose_code_cannot_be_fetched_offers_a_retry_that_works() {
    let env = Env::new().await;
    env.block_urls(&["*/split_call_extras*"]).await;
    // The pop-up says in words that the card could not be loaded.
    pop_after_sign_in(&env).await;
    env.wait_text("#call-extras-failed", "无法加载来电卡片")
        .await;
    assert!(!env.exists("#call-pop .call-record").await);
    assert!(!env.exists("#call-pop-loading").await);

    // A retry while the file is still unreachable fails again, in words.
    env.click("#call-extras-retry").await;
    env.wait_text("#call-extras-failed", "无法加载来电卡片")
        .await;

    // Once it can be fetched, retry draws the card and its extras, and the
    // note field works.
    env.block_urls(&[]).await;
    env.click("#call-extras-retry").await;
    env.wait_text("#call-pop .call-record", "陈聊天多").await;
    env.wait_for(
        "#call-pop .call-message-list .call-message",
        "the latest messages",
    )
    .await;
    env.wait_gone("#call-extras-failed").await;
    let note = "周五下午回电，要报价单";
    env.fill("#call-note-input", note).await;
    env.click("#call-note-save").await;
    env.wait_text("#call-note-said", "已保存到备注").await;
    env.wait_text("#call-pop .call-remarks", note).await;
    assert_no_panic(&env).await;
    env.close().await;
}

/// A second visit takes every script, stylesheet and wasm piece from the
/// browser's cache (hashed names, a one-year immutable cache): only
/// index.html, config.json and the API's answers travel again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_visit_downloads_no_code() {
    let files = lazy_files();
    let env = signed_in_with_room_for_timings().await;
    // The first visit ends once the idle prefetch has every page's code.
    let started = Instant::now();
    while fetched_wasm(&env).await.len() < files.len() {
        assert!(started.elapsed() < WAIT, "the prefetch never finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    env.browser.goto("about:blank").await.unwrap();
    env.goto("/customers").await;
    env.wait_for(ROWS, "customer rows on the second visit")
        .await;
    env.click("nav.sidebar a[href='/chat']").await;
    env.text("section[data-route='/chat']").await;
    // transferSize is 0 for an answer from the cache, and counts headers and
    // body for one that crossed the network (a 304 too).
    let seen = env
        .js("const all = performance.getEntriesByType('resource')
                 .map(e => [new URL(e.name).pathname.split('/').pop(), e.transferSize]);
             const code = all.filter(([n]) => /\\.(js|wasm|css)$/.test(n));
             return {
               code: code.length,
               downloaded: code.filter(([, size]) => size > 0),
               config: all.filter(([n]) => n === 'config.json').map(([, size]) => size),
             };")
        .await;
    assert!(
        seen["code"].as_u64().unwrap_or(0) >= 4,
        "the second visit loaded too few code files: {seen}"
    );
    assert_eq!(
        seen["downloaded"],
        json!([]),
        "code downloaded again: {seen}"
    );
    // What must never be cached did travel, so the check can tell.
    assert!(
        seen["config"]
            .as_array()
            .is_some_and(|c| c.len() == 1 && c[0].as_u64().unwrap_or(0) > 0),
        "config.json should be asked for again: {seen}"
    );
    env.close().await;
}
