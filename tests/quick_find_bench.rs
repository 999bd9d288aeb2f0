//! Benchmarks of quick find, run by `cargo xtask bench` (ignored
//! otherwise), in headless Chromium against the reference server seeded
//! with 2,000 customers. Each prints a Markdown row for
//! docs/performance.md's table and asserts nothing about time.
//!
//! - Keystroke to options drawn, for what needs no request: the input's
//!   `input` event (the box's text replaced, as a key press does) to the
//!   list holding the pages whose names match, or, with the box emptied,
//!   the recently opened customers. Keystrokes come 60 ms apart, as in
//!   quick typing, so the pause that asks for customers never comes.
//! - Customers' answer to options drawn: after the pause, customerPage
//!   (and the clinic's by-phone look-up for a mobile number) answers; from
//!   the last answer's arrival (Resource Timing `responseEnd`) to the list
//!   holding the new customers. What the server and the network take is
//!   not in it; decoding the answer and drawing are.
//!
//! Both stop the clock in a MutationObserver once the list holds what the
//! text should show, after reading the list's size (so layout is in).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use serde_json::Value;
use support::{percentile, Env};

const CUSTOMERS: u32 = 2_000;
const RUNS: usize = 200;
const ANSWER_RUNS: usize = 100;
const WARM_UP: usize = 6;

/// The numbers of a script's answer: an array of numbers or of arrays.
fn runs(result: Value) -> Vec<Value> {
    match result {
        Value::Array(runs) => runs,
        other => panic!("benchmark failed: {other}"),
    }
}

/// The page's helpers: `waitFor(ok)` resolves with the time at which the
/// list first satisfies `ok` (checked on every mutation), `labels(kind)`
/// lists the option labels of one kind.
const HELPERS: &str = "
    const box = document.getElementById('quick-find-input');
    const list = document.getElementById('quick-find-list');
    const labels = kind => [...list.querySelectorAll('.quick-find-' + kind + ' .quick-find-label')]
        .map(e => e.textContent);
    const waitFor = ok => new Promise((resolve, reject) => {
        const timer = setTimeout(() => { obs.disconnect(); reject('timeout'); }, 20000);
        const obs = new MutationObserver(() => {
            if (!ok()) return;
            list.getBoundingClientRect();
            const t = performance.now();
            obs.disconnect(); clearTimeout(timer); resolve(t);
        });
        obs.observe(list, { childList: true, subtree: true, characterData: true });
    });
    const type = text => {
        box.value = text;
        const start = performance.now();
        box.dispatchEvent(new Event('input', { bubbles: true }));
        return start;
    };
    const sleep = ms => new Promise(ok => setTimeout(ok, ms));
";

async fn open_quick_find(env: &Env) {
    env.press("\u{E009}k\u{E000}").await;
    env.wait_js(
        "const a = document.activeElement; return !!a && a.id === 'quick-find-input';",
        "focus in quick find",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by `cargo xtask bench`"]
async fn keystroke_to_results_drawn() {
    let env = Env::with(|o| o.demo = Some(CUSTOMERS)).await;
    env.login("demo", "demo123").await;
    // Three customers opened: they are the recent ones.
    env.goto("/customers").await;
    env.wait_for("#customer-table tbody tr .row-edit", "customer rows")
        .await;
    let edits = env
        .js(
            "return [...document.querySelectorAll('#customer-table .row-edit')].slice(0, 3)
               .map(a => a.getAttribute('href'));",
        )
        .await;
    for href in edits.as_array().unwrap() {
        env.goto(href.as_str().unwrap()).await;
        env.text("#customer-edit-form").await;
    }
    env.goto("/customers").await;
    env.text("section[data-route='/customers']").await;
    open_quick_find(&env).await;
    env.browser
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(600)),
            None,
            None,
        ))
        .await
        .unwrap();

    // Pages by name and, with the box emptied, the recent customers.
    let script = format!(
        "const done = arguments[arguments.length - 1];
         {HELPERS}
         (async () => {{
           const words = ['设置', '聊天', '标签', '预约', '录入'];
           const out = [];
           for (let i = 0; i < {RUNS} + {WARM_UP}; i++) {{
             const text = i % 2 ? '' : words[(i / 2) % words.length];
             const ok = text
               ? () => labels('recent').length === 0 && labels('page').length > 0
                   && labels('page').every(l => l.includes(text))
               : () => labels('page').length === 0 && labels('recent').length === 3;
             const shown = waitFor(ok);
             const start = type(text);
             const end = await shown;
             if (i >= {WARM_UP}) out.push(end - start);
             await sleep(60);
           }}
           return out;
         }})().then(done, e => done('error: ' + e));"
    );
    let mut typed: Vec<f64> = runs(env.browser.execute_async(&script, vec![]).await.unwrap())
        .iter()
        .map(|v| v.as_f64().unwrap_or(0.0))
        .collect();
    println!(
        "| quick find, keystroke (`input`) to options drawn without a request (pages by name, and the 3 recent customers when emptied, alternating), keystrokes 60 ms apart, {} runs | p50 {:.1} ms, p95 {:.1} ms |",
        typed.len(),
        percentile(&mut typed, 0.5),
        percentile(&mut typed, 0.95),
    );

    // Customers: names and a mobile number (the clinic is asked too), each
    // answer a different set from the one shown before it.
    let script = format!(
        "const done = arguments[arguments.length - 1];
         {HELPERS}
         (async () => {{
           performance.setResourceTimingBufferSize(1000);
           const texts = ['王', '13800000001', '李', '张', '13800000001', '刘'];
           const api = /customerPage|getManualTaskDetail|getCusInfoByCusTelnum/;
           const out = [];
           await sleep(400);
           for (let i = 0; i < {ANSWER_RUNS} + {WARM_UP}; i++) {{
             const text = texts[i % texts.length];
             const before = labels('customer').join('|');
             const ok = () => {{
               const now = labels('customer');
               return now.length > 0 && now.join('|') !== before;
             }};
             performance.clearResourceTimings();
             const shown = waitFor(ok);
             const start = type(text);
             const end = await shown;
             const answered = Math.max(...performance.getEntriesByType('resource')
               .filter(e => api.test(e.name)).map(e => e.responseEnd));
             if (i >= {WARM_UP}) out.push([end - answered, end - start]);
             await sleep(100);
           }}
           return out;
         }})().then(done, e => done('error: ' + e));"
    );
    let mut drawn = Vec::new();
    let mut total = Vec::new();
    for r in runs(env.browser.execute_async(&script, vec![]).await.unwrap()) {
        drawn.push(r[0].as_f64().unwrap_or(0.0));
        total.push(r[1].as_f64().unwrap_or(0.0));
    }
    println!(
        "| quick find, customers' answer (last `responseEnd` of customerPage, the clinic's by-phone look-up) to options drawn, names and a mobile number alternating, {CUSTOMERS} customers, {} runs | p50 {:.1} ms, p95 {:.1} ms (keystroke to drawn, with the 200 ms pause and the requests: p50 {:.1} ms, p95 {:.1} ms) |",
        drawn.len(),
        percentile(&mut drawn, 0.5),
        percentile(&mut drawn, 0.95),
        percentile(&mut total, 0.5),
        percentile(&mut total, 0.95),
    );
    env.close().await;
}
