//! Benchmark, run by `cargo xtask bench` (ignored otherwise): the chat
//! viewer on the demo's 10,000-message conversation, in headless Chromium
//! against the in-process reference server.
//!
//! - First screen: from navigating to `/chat?…` to the newest page laid out
//!   at the bottom (the viewer's `scrm:chat-first-screen` mark).
//! - Older page: from scrolling to the top to the next page laid out above
//!   with the reader's position restored (`scrm:chat-older-shown`).
//!
//! Each figure is also given minus its request's time from Resource Timing
//! (`responseEnd - requestStart`: server and loopback), so what remains is
//! the panel's work. Prints Markdown rows; asserts nothing about time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{json, Value};
use support::Env;

const RUNS: usize = 100;
const WARM_UP: usize = 3;
/// Runs per script call: a call must end within WebDriver's script timeout.
const BATCH: usize = 20;

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by `cargo xtask bench`"]
async fn chat_first_screen_and_older_page() {
    let env = Env::demo().await;
    let row = env
        .browser
        .execute_async(
            "const cb = arguments[arguments.length - 1];
             fetch('/wechat_api/customer/customerPage?pageNo=1&limit=1', {credentials: 'include'})
               .then(r => r.json()).then(j => cb(j.data[0]), e => cb(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(row["customerName"], scrm_server::demo::BUSY_CHAT_CUSTOMER);
    let id = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let path = format!(
        "/chat?wechatUserIds={}&wechatContactIds={}",
        id(&row["wechatUserId"]),
        id(&row["wechatContactId"])
    );
    // Start inside the app, so each run is an in-app navigation.
    env.goto("/settings").await;
    env.text("[data-route=\"/settings\"]").await;
    let script = "const done = arguments[arguments.length - 1];
         const path = arguments[0];
         const count = arguments[1];
         const skip = arguments[2];
         (async () => {
           const tick = () => new Promise(ok => setTimeout(ok, 0));
           const until = async (test, what) => {
             const t0 = Date.now();
             while (!test()) {
               if (Date.now() - t0 > 20000) throw new Error('timeout: ' + what);
               await tick();
             }
           };
           const go = p => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); };
           const mark = n => performance.getEntriesByName(n)[0];
           const requests = () => performance.getEntriesByType('resource')
             .filter(e => e.name.includes('getRedisMessageRecord'));
           const server = e => e ? e.responseEnd - e.requestStart : 0;
           const out = [];
           for (let i = 0; i < count; i++) {
             go('/settings');
             await until(() => !document.querySelector('.chat-page'), 'chat page left');
             await new Promise(ok => setTimeout(ok, 30));
             performance.clearMarks(); performance.clearResourceTimings();
             performance.mark('bench:open');
             go(path);
             await until(() => mark('scrm:chat-first-screen'), 'first screen');
             const first = mark('scrm:chat-first-screen').startTime - mark('bench:open').startTime;
             const firstReq = server(requests()[0]);
             await new Promise(ok => setTimeout(ok, 30));
             performance.mark('bench:top');
             document.querySelector('.chat-scroll').scrollTop = 0;
             await until(() => mark('scrm:chat-older-shown'), 'older page');
             const older = mark('scrm:chat-older-shown').startTime - mark('bench:top').startTime;
             const olderReq = server(requests()[1]);
             const rows = document.querySelectorAll('.msg').length;
             if (i >= skip) out.push([first, firstReq, older, olderReq, rows]);
           }
           return out;
         })().then(done, e => done('error: ' + e));";
    let mut runs = Vec::new();
    let mut skip = WARM_UP;
    while runs.len() < RUNS {
        let count = BATCH.min(RUNS - runs.len()) + skip;
        let result = env
            .browser
            .execute_async(script, vec![json!(path), json!(count), json!(skip)])
            .await
            .unwrap();
        let Value::Array(batch) = result else {
            panic!("benchmark failed: {result}");
        };
        runs.extend(batch);
        skip = 0;
    }
    let (mut first, mut first_panel, mut older, mut older_panel) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut most_rows = 0;
    for r in &runs {
        let f = r[0].as_f64().unwrap_or(0.0);
        let fs = r[1].as_f64().unwrap_or(0.0);
        let o = r[2].as_f64().unwrap_or(0.0);
        let os = r[3].as_f64().unwrap_or(0.0);
        most_rows = most_rows.max(r[4].as_u64().unwrap_or(0));
        first.push(f);
        first_panel.push((f - fs).max(0.0));
        older.push(o);
        older_panel.push((o - os).max(0.0));
    }
    let n = runs.len();
    println!(
        "| chat, first screen of the 10,000-message conversation (200 messages), without the request ({n} runs) | p50 {:.1} ms, p95 {:.1} ms (with the request: p50 {:.1} ms, p95 {:.1} ms) |",
        pct(&mut first_panel, 0.5),
        pct(&mut first_panel, 0.95),
        pct(&mut first, 0.5),
        pct(&mut first, 0.95),
    );
    println!(
        "| chat, scroll to top → older page of 200 shown with position kept, without the request ({n} runs; at most {most_rows} message elements) | p50 {:.1} ms, p95 {:.1} ms (with the request: p50 {:.1} ms, p95 {:.1} ms) |",
        pct(&mut older_panel, 0.5),
        pct(&mut older_panel, 0.95),
        pct(&mut older, 0.5),
        pct(&mut older, 0.95),
    );
    env.close().await;
}
