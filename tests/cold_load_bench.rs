//! Benchmark, run by `cargo xtask bench` (ignored otherwise): a cold start of
//! the panel on a slow phone, in headless Chromium against the in-process
//! reference server. Signed in, the browser's cache emptied and disabled, the
//! CPU slowed 4x (`Emulation.setCPUThrottlingRate`) and the link shaped
//! (`Network.emulateNetworkConditions`: 150 ms latency, 9 Mbit/s or
//! 1.6 Mbit/s down; the slower is Lighthouse's mobile profile). Each run:
//!
//! - First rows: from the navigation's start (the page's time origin) to the
//!   first `#customer-table tbody tr` in the DOM (a MutationObserver
//!   installed before any of the page's scripts), so WebDriver round trips do
//!   not count. Below the row, when config.json and the list's request were
//!   asked for and answered: what the first rows waited for.
//! - Route change to a page not yet fetched: the chat link clicked in the
//!   same task that saw the first rows, before the idle prefetch has started
//!   (checked: the chat page's module must be requested after the click),
//!   to the chat page in the DOM.
//! - Route change after the idle prefetch: once the prefetch has fetched the
//!   manual-task list's module, its link clicked, to that page in the DOM.
//! - Second visit: the first rows again with the browser's cache kept (the
//!   code comes from it; index.html, config.json and the API do not).
//!
//! Prints Markdown rows for docs/performance.md; asserts nothing about time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::Env;

const RUNS: usize = 5;

/// A shaped link: name, download and upload in bits per second.
const LINKS: [(&str, f64, f64); 2] = [
    ("9 Mbit/s down, 1.5 Mbit/s up, 150 ms", 9e6, 1.5e6),
    ("1.6 Mbit/s down, 750 kbit/s up, 150 ms", 1.6e6, 0.75e6),
];

/// Runs in every document before its own scripts: records in
/// `window.__cold` when the first customer rows appear, clicks the chat
/// link in that same task, records when the chat page appears, and the
/// same for the manual-task list once the prefetch has fetched its module.
const OBSERVER: &str = r#"
(() => {
  if (!location.protocol.startsWith('http')) return;
  performance.setResourceTimingBufferSize(2000);
  const r = window.__cold = {};
  const has = css => document.querySelector(css) !== null;
  const wasm = () => performance.getEntriesByType('resource')
    .filter(e => e.name.endsWith('.wasm'))
    .map(e => [new URL(e.name).pathname.split('/').pop(), e.startTime, e.responseEnd]);
  const bytes = (from, to) => performance.getEntriesByType('resource')
    .filter(e => e.startTime >= from && e.startTime <= to)
    .reduce((s, e) => s + e.transferSize, 0);
  const check = () => {
    const now = performance.now();
    if (r.rows === undefined && has('#customer-table tbody tr')) {
      r.rows = now;
      const nav = performance.getEntriesByType('navigation')[0];
      r.rowsBytes = bytes(0, now) + (nav ? nav.transferSize : 0);
      const main = performance.getEntriesByType('resource')
        .find(e => /\/scrm-panel-[^/]*_bg\.wasm$/.test(e.name));
      r.wasmEnd = main ? main.responseEnd : 0;
      r.wasmBytes = main ? main.transferSize : 0;
      // What the first rows waited for: when config.json and the list's
      // request were asked for and answered.
      const at = re => performance.getEntriesByType('resource')
        .find(e => re.test(new URL(e.name).pathname));
      const config = at(/\/config\.json$/), list = at(/\/customerPage$/);
      r.configAsked = config ? config.startTime : 0;
      r.configEnd = config ? config.responseEnd : 0;
      r.listAsked = list ? list.startTime : 0;
      r.listEnd = list ? list.responseEnd : 0;
      r.htmlEnd = nav ? nav.responseEnd : 0;
      r.click = performance.now();
      document.querySelector("nav.sidebar a[href$='/chat']").click();
    }
    if (r.click !== undefined && r.chat === undefined && has("section[data-route='/chat']")) {
      r.chat = now;
      r.chatBytes = bytes(r.click, now);
      r.chatWasm = wasm().filter(w => w[0].startsWith('split_chat_page-'));
      const waitPrefetch = () => {
        if (wasm().some(w => w[0].startsWith('split_manual_task_list-') && w[2] > 0)) {
          r.tasksClick = performance.now();
          document.querySelector("nav.sidebar a[href$='/manual-tasks']").click();
        } else {
          setTimeout(waitPrefetch, 50);
        }
      };
      waitPrefetch();
    }
    if (r.tasksClick !== undefined && r.tasks === undefined
        && has("section[data-route='/manual-tasks']")) {
      r.tasks = now;
      r.tasksBytes = bytes(r.tasksClick, now);
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();
"#;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// "median 1.23 s (min 1.10, max 1.40)" of timings in milliseconds.
fn summary(v: &mut [f64]) -> String {
    let m = median(v);
    format!(
        "median {:.2} s (min {:.2}, max {:.2})",
        m / 1000.0,
        v.first().copied().unwrap_or(0.0) / 1000.0,
        v.last().copied().unwrap_or(0.0) / 1000.0
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by `cargo xtask bench`"]
async fn cold_first_rows_and_route_change_cpu_4x_slow_links() {
    let env = Env::demo().await;
    env.cdp("Network.enable", json!({})).await;
    env.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await;
    env.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": OBSERVER }),
    )
    .await;
    for (link, down, up) in LINKS {
        let (mut rows, mut chat, mut tasks) = (Vec::new(), Vec::new(), Vec::new());
        let (mut rows_kb, mut chat_kb, mut wasm_kb) = (0.0, 0.0, 0.0);
        let mut wasm_end = Vec::new();
        let (mut config_asked, mut config_end) = (Vec::new(), Vec::new());
        let (mut list_asked, mut list_end) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            // Leaves the previous run's page (and its prefetch) unshaped,
            // then shapes the link and the CPU for this one.
            shape(&env, 1, None).await;
            env.browser.goto("about:blank").await.unwrap();
            shape(&env, 4, Some((down, up))).await;
            env.cdp("Network.clearBrowserCache", json!({})).await;
            env.goto("/customers").await;
            let r = wait_done(&env).await;
            let num = |k: &str| r[k].as_f64().unwrap_or(0.0);
            // The chat page's module must have been asked for after the
            // click, or this run measured a prefetched page.
            let chat_wasm = r["chatWasm"].as_array().cloned().unwrap_or_default();
            assert!(
                chat_wasm
                    .iter()
                    .any(|w| w[1].as_f64().unwrap_or(0.0) >= num("click")),
                "the chat page's module was not fetched after the click: {r}"
            );
            rows.push(num("rows"));
            chat.push(num("chat") - num("click"));
            tasks.push(num("tasks") - num("tasksClick"));
            wasm_end.push(num("wasmEnd"));
            config_asked.push(num("configAsked"));
            config_end.push(num("configEnd"));
            list_asked.push(num("listAsked"));
            list_end.push(num("listEnd"));
            wasm_kb = num("wasmBytes") / 1024.0;
            rows_kb = num("rowsBytes") / 1024.0;
            chat_kb = num("chatBytes") / 1024.0;
        }
        println!(
            "| cold load, CPU 4x, {link}: navigation start to the first customer rows on `/customers`, signed in, cache empty, {RUNS} runs | {} ({rows_kb:.0} KB transferred; the main wasm, {wasm_kb:.0} KB, downloaded at a median {:.2} s) |",
            summary(&mut rows),
            median(&mut wasm_end) / 1000.0
        );
        println!(
            "  medians: config.json asked {:.2} s, answered {:.2} s; customerPage asked {:.2} s, answered {:.2} s",
            median(&mut config_asked) / 1000.0,
            median(&mut config_end) / 1000.0,
            median(&mut list_asked) / 1000.0,
            median(&mut list_end) / 1000.0
        );
        println!(
            "| route change to a page not yet fetched, same link: chat link clicked as the first rows show, to the chat page shown, {RUNS} runs | {} ({chat_kb:.0} KB transferred) |",
            summary(&mut chat)
        );
        println!(
            "| route change after the idle prefetch, same link: manual-task list link to the page shown, {RUNS} runs | {} |",
            summary(&mut tasks)
        );
        second_visits(&env, link, down, up).await;
    }
    env.close().await;
}

/// The same first rows on a second visit: the browser's cache kept (one
/// unshaped visit fills it, the idle prefetch included), so only index.html,
/// config.json and the API's answers cross the shaped link. What a service
/// worker could still save is what crosses it before the wasm starts.
async fn second_visits(env: &Env, link: &str, down: f64, up: f64) {
    env.cdp(
        "Network.setCacheDisabled",
        json!({ "cacheDisabled": false }),
    )
    .await;
    shape(env, 1, None).await;
    env.browser.goto("about:blank").await.unwrap();
    env.goto("/customers").await;
    wait_done(env).await;
    let (mut rows, mut html_end, mut config_end, mut kb) =
        (Vec::new(), Vec::new(), Vec::new(), 0.0);
    for _ in 0..RUNS {
        shape(env, 1, None).await;
        env.browser.goto("about:blank").await.unwrap();
        shape(env, 4, Some((down, up))).await;
        env.goto("/customers").await;
        let r = wait_done(env).await;
        let num = |k: &str| r[k].as_f64().unwrap_or(0.0);
        rows.push(num("rows"));
        html_end.push(num("htmlEnd"));
        config_end.push(num("configEnd"));
        kb = num("rowsBytes") / 1024.0;
    }
    println!(
        "| second visit, browser cache kept, CPU 4x, {link}: navigation start to the first customer rows, {RUNS} runs | {} ({kb:.0} KB transferred; index.html answered at a median {:.2} s, config.json at {:.2} s) |",
        summary(&mut rows),
        median(&mut html_end) / 1000.0,
        median(&mut config_end) / 1000.0
    );
    env.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await;
}

/// CPU slowed `cpu` times; the link shaped to `(down, up)` bits per second
/// with 150 ms latency, or not shaped at all.
async fn shape(env: &Env, cpu: u32, link: Option<(f64, f64)>) {
    env.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu }))
        .await;
    let conditions = match link {
        Some((down, up)) => json!({ "offline": false, "latency": 150,
                                    "downloadThroughput": down / 8.0, "uploadThroughput": up / 8.0 }),
        None => json!({ "offline": false, "latency": 0,
                        "downloadThroughput": -1, "uploadThroughput": -1 }),
    };
    env.cdp("Network.emulateNetworkConditions", conditions)
        .await;
}

/// Waits until the run has shown the manual-task list; answers
/// `window.__cold`.
async fn wait_done(env: &Env) -> Value {
    let started = Instant::now();
    loop {
        let r = env
            .browser
            .execute("return window.__cold || null;", vec![])
            .await
            .unwrap();
        if r.get("tasks").is_some_and(|t| !t.is_null()) {
            return r;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the cold run never reached the manual-task list: {r}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
