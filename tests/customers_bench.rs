//! Benchmarks of the customer list, run by `cargo xtask bench` (ignored
//! otherwise), in headless Chromium against the reference server seeded with
//! 100,000 customers. Each prints a Markdown row for docs/performance.md's
//! table and asserts nothing about time.
//!
//! - Filter change to table updated: the list shows 100 rows (`size=100` in
//!   the URL); each run changes the "created until" day, which replaces all
//!   100 rows, and measures from the input's `change` event to the DOM holding
//!   the new rows (a MutationObserver on the table body), minus that
//!   customerPage request's own time from Resource Timing (server and
//!   loopback), so what remains is the panel's work.
//! - Export: the whole list (100,000 rows) as CSV and as XLSX, from the click
//!   to the file handed to the browser (`URL.createObjectURL`), in rows per
//!   second, with the share spent waiting for downLoad answers, and the
//!   longest main-thread task seen meanwhile (PerformanceObserver `longtask`,
//!   which reports tasks of 50 ms and more).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::Env;

const CUSTOMERS: u32 = 100_000;
const RUNS: usize = 200;
const WARM_UP: usize = 5;

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or(0.0)
}

/// Waits until the list shows `rows` rows and is idle.
async fn wait_table(env: &Env, rows: usize) {
    let started = Instant::now();
    loop {
        let n = env
            .browser
            .execute(
                "return document.querySelector('#customer-table[aria-busy=\"false\"]')
                   ? document.querySelectorAll('#customer-table tbody tr').length : -1",
                vec![],
            )
            .await
            .unwrap();
        if n.as_u64() == Some(rows as u64) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the table never showed {rows} rows: {n}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn seeded_env() -> Env {
    let env = Env::with(|o| o.demo = Some(CUSTOMERS)).await;
    env.login("demo", "demo123").await;
    env
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by `cargo xtask bench`"]
async fn filter_change_to_table_updated_100_rows() {
    let env = seeded_env().await;
    env.goto("/customers?size=100").await;
    wait_table(&env, 100).await;
    // One run: a new "created until" day (each day back gives a disjoint set
    // of the 100 newest customers), then wait for the body to hold 100 rows
    // whose first row is not the previous first row.
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{
           performance.setResourceTimingBufferSize(1000);
           const input = document.getElementById('f-to');
           const body = document.querySelector('#customer-table tbody');
           const day = n => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
           const out = [];
           for (let i = 0; i < {RUNS} + {WARM_UP}; i++) {{
             const first = body.rows[0] ? body.rows[0].id : '';
             performance.clearResourceTimings();
             const shown = new Promise((ok, fail) => {{
               const timer = setTimeout(() => {{ obs.disconnect(); fail('timeout at run ' + i); }}, 20000);
               const obs = new MutationObserver(() => {{
                 if (body.rows.length === 100 && body.rows[0].id !== first) {{
                   const t = performance.now();
                   obs.disconnect(); clearTimeout(timer); ok(t);
                 }}
               }});
               obs.observe(body, {{ childList: true, subtree: true }});
             }});
             input.value = day(2 + (i % 300));
             const start = performance.now();
             input.dispatchEvent(new Event('change', {{ bubbles: true }}));
             const end = await shown;
             const req = performance.getEntriesByType('resource')
               .filter(e => e.name.includes('customerPage')).pop();
             const server = req ? req.responseEnd - req.requestStart : 0;
             if (i >= {WARM_UP}) out.push([end - start, server]);
             // Let the rest of the update (busy flag, pager) settle.
             await new Promise(ok => setTimeout(ok, 50));
           }}
           return out;
         }})().then(done, e => done('error: ' + e));"
    );
    // Each run's answer is awaited inside the browser: allow the whole loop.
    env.browser
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(900)),
            None,
            None,
        ))
        .await
        .unwrap();
    let result = env.browser.execute_async(&script, vec![]).await.unwrap();
    let Value::Array(runs) = result else {
        panic!("benchmark failed: {result}");
    };
    let mut panel = Vec::new();
    let mut total = Vec::new();
    let mut server = Vec::new();
    for r in &runs {
        let t = r[0].as_f64().unwrap_or(0.0);
        let s = r[1].as_f64().unwrap_or(0.0);
        total.push(t);
        server.push(s);
        panel.push((t - s).max(0.0));
    }
    println!(
        "| customer list, filter change (`change` on \"created until\") to the table showing the new 100 rows, without the customerPage request, {CUSTOMERS} customers, {} runs | p50 {:.1} ms, p95 {:.1} ms (with the request: p50 {:.1} ms, p95 {:.1} ms; the request alone: p50 {:.1} ms) |",
        panel.len(),
        percentile(&mut panel, 0.5),
        percentile(&mut panel, 0.95),
        percentile(&mut total, 0.5),
        percentile(&mut total, 0.95),
        percentile(&mut server, 0.5),
    );
    env.close().await;
}

/// One export of the whole list through the button `button`; returns
/// (seconds, seconds waiting for downLoad answers, longest task in ms or
/// `None` when no task reached 50 ms, file size in bytes).
async fn export(env: &Env, button: &str) -> (f64, f64, Option<f64>, f64) {
    env.browser
        .execute(
            &format!(
                "performance.setResourceTimingBufferSize(1000);
                 performance.clearResourceTimings();
                 window.__bench = {{ tasks: [], file: null, size: 0 }};
                 if (!window.__benchObserved) {{
                   window.__benchObserved = true;
                   new PerformanceObserver(list => {{
                     for (const e of list.getEntries()) window.__bench.tasks.push([e.startTime, e.duration]);
                   }}).observe({{ type: 'longtask', buffered: true }});
                   const make = URL.createObjectURL;
                   URL.createObjectURL = b => {{
                     window.__bench.file = performance.now(); window.__bench.size = b.size;
                     return make(b);
                   }};
                 }}
                 window.__bench.start = performance.now();
                 document.querySelector('{button}').click();"
            ),
            vec![],
        )
        .await
        .unwrap();
    let started = Instant::now();
    loop {
        let r = env
            .browser
            .execute(
                "const b = window.__bench;
                 if (b.file === null) return null;
                 const down = performance.getEntriesByType('resource')
                   .filter(e => e.name.includes('downLoad'))
                   .reduce((s, e) => s + (e.responseEnd - e.requestStart), 0);
                 const tasks = b.tasks.filter(t => t[0] + t[1] >= b.start && t[0] <= b.file);
                 return { ms: b.file - b.start, down, size: b.size,
                          longest: tasks.length ? Math.max(...tasks.map(t => t[1])) : null };",
                vec![],
            )
            .await
            .unwrap();
        if !r.is_null() {
            return (
                r["ms"].as_f64().unwrap_or(0.0) / 1000.0,
                r["down"].as_f64().unwrap_or(0.0) / 1000.0,
                r["longest"].as_f64(),
                r["size"].as_f64().unwrap_or(0.0),
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "the {button} export never finished"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by `cargo xtask bench`"]
async fn export_100k_customers_csv_and_xlsx() {
    let env = seeded_env().await;
    env.goto("/customers").await;
    wait_table(&env, 10).await;
    env.wait_text("#pager-total", &CUSTOMERS.to_string()).await;
    for (name, button) in [("CSV", "#export-csv"), ("XLSX", "#export-xlsx")] {
        let (secs, waiting, longest, size) = export(&env, button).await;
        let status = env.text("#export-status").await;
        assert!(
            status.contains(&CUSTOMERS.to_string()),
            "{name} export: {status}"
        );
        let longest = match longest {
            Some(ms) => format!("{ms:.0} ms"),
            None => "under 50 ms (no long task)".to_owned(),
        };
        println!(
            "| customer export, {name}, {CUSTOMERS} customers (downLoad pages of 1,000), click to file | {:.0} rows/s ({:.1} s, {:.1} s of it waiting for downLoad answers; file {:.1} MB); longest main-thread task {longest} |",
            f64::from(CUSTOMERS) / secs,
            secs,
            waiting,
            size / 1_048_576.0,
        );
    }
    env.close().await;
}
