//! Bulk selection and bulk actions on the customer list, in real headless
//! Chromium against the real reference server: tick rows (by mouse and by
//! keyboard), add a tag and remove it again, select everyone a filter
//! matches and export them, delete after a confirmation naming the count
//! with one failure reported by name and reason, and stop a delete midway.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;
use support::{csv_records, wait_rows, Env, WAIT};

/// The customer ids of the rows shown, in order.
async fn row_ids(env: &Env) -> Vec<i64> {
    let ids = env
        .js(
            "return [...document.querySelectorAll('#customer-table tbody tr')]
                .map(r => Number(r.id.replace('customer-', '')));",
        )
        .await;
    serde_json::from_value(ids).unwrap()
}

/// The tags cell of customer `id`'s row.
async fn tags_of(env: &Env, id: i64) -> String {
    env.text(&format!("#customer-{id} .c-tags")).await
}

/// The name the list shows a customer by first: the remark name, else the name.
async fn shown_name(env: &Env, id: i64) -> String {
    let remark = env.text(&format!("#customer-{id} .c-remark")).await;
    if remark.trim().is_empty() {
        env.text(&format!("#customer-{id} .c-name")).await
    } else {
        remark
    }
}

/// Waits until the bulk run is over (no progress bar) and its report shows.
async fn wait_run_over(env: &Env) {
    env.wait_js(
        "return !document.querySelector('#bulk-progress')
             && !!document.querySelector('#bulk-counts');",
        "the bulk run to end",
    )
    .await;
}

/// Chooses `tag` in the bulk dialog and applies it.
async fn apply_tag(env: &Env, tag: &str) {
    env.wait_for("#bulk-dialog[open] #bulk-tag option:nth-child(2)", "tags")
        .await;
    env.browser
        .find(Locator::Css("#bulk-tag"))
        .await
        .unwrap()
        .select_by_label(tag)
        .await
        .unwrap();
    env.click("#bulk-apply").await;
    wait_run_over(env).await;
}

/// The number in `#pager-total`.
async fn pager_total(env: &Env) -> u64 {
    let text = env.text("#pager-total").await;
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_ticked_rows_get_a_tag_and_lose_it_again() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    wait_rows(&env, "loaded", |r| r.len() == 10).await;
    let ids = row_ids(&env).await;
    let (a, b) = (ids[0], ids[1]);
    // One by mouse, one by keyboard (Space on the focused checkbox).
    env.click(&format!("#pick-{a}")).await;
    env.js(&format!(
        "document.getElementById('pick-{b}').focus(); return true;"
    ))
    .await;
    env.press(" ").await;
    env.wait_text("#selection-count", "已选 2 位客户").await;
    assert_eq!(
        env.js("return document.getElementById('pick-page').indeterminate;")
            .await,
        json!(true),
        "some of the page: the header checkbox is indeterminate"
    );
    let label = env
        .js(&format!(
            "return document.getElementById('pick-{a}').getAttribute('aria-label');"
        ))
        .await;
    let name = shown_name(&env, a).await;
    assert!(
        label.as_str().unwrap().contains(name.trim()),
        "the checkbox names its customer: {label}"
    );

    env.click("#bulk-add-tag").await;
    env.wait_text("#bulk-title", "2 位客户").await;
    apply_tag(&env, "投诉").await;
    env.wait_text("#bulk-counts", "失败 0 位").await;
    env.click("#bulk-close").await;
    env.wait_gone("dialog[open]").await;
    // The list reloads with the tag on both rows, and both stay selected.
    let started = Instant::now();
    while !(tags_of(&env, a).await.contains("投诉") && tags_of(&env, b).await.contains("投诉"))
    {
        assert!(
            started.elapsed() < WAIT,
            "the tag never showed on both rows"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.wait_text("#selection-count", "已选 2 位客户").await;

    // Removing it works from the records as saved (no "changed since").
    env.click("#bulk-remove-tag").await;
    apply_tag(&env, "投诉").await;
    env.wait_text("#bulk-counts", "已完成 2 位").await;
    assert!(!env.exists("#bulk-failures").await);
    env.click("#bulk-close").await;
    env.wait_gone("dialog[open]").await;
    let started = Instant::now();
    while tags_of(&env, a).await.contains("投诉") || tags_of(&env, b).await.contains("投诉") {
        assert!(started.elapsed() < WAIT, "the tag never left the rows");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Clearing the selection hides the bar.
    env.click("#selection-clear").await;
    env.wait_gone("#selection-bar").await;
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_a_filter_matches_less_one_unticked_is_exported() {
    let env = Env::with(|o| o.demo = Some(500)).await;
    env.login("demo", "demo123").await;
    // A filter that matches several pages of 200.
    env.goto("/customers?phone=1").await;
    wait_rows(&env, "loaded", |r| r.len() == 10).await;
    let total = pager_total(&env).await;
    assert!(
        total > 200,
        "the filter matches more than one read: {total}"
    );
    let first = row_ids(&env).await[0];
    env.click("#pick-page").await;
    env.wait_text("#selection-count", "已选 10 位客户").await;
    env.click("#select-all-matching").await;
    env.wait_text(
        "#selection-count",
        &format!("已选 {} 位客户", grouped(total)),
    )
    .await;
    env.click(&format!("#pick-{first}")).await;
    let chosen = total - 1;
    env.wait_text(
        "#selection-count",
        &format!("已选 {} 位客户", grouped(chosen)),
    )
    .await;

    env.keep_downloads().await;
    env.click("#bulk-export").await;
    env.click("#bulk-export-csv").await;
    env.wait_text("#bulk-status", &chosen.to_string()).await;
    let bytes = env.download(0).await;
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        csv_records(&text),
        chosen as usize + 1,
        "header plus the selection"
    );
    let table = scrm_panel::features::manual_tasks::import_rows::parse_csv(&text).unwrap();
    let ids: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r.first().map(String::as_str).unwrap_or_default())
        .collect();
    assert!(
        !ids.iter()
            .any(|id| id.trim_matches(|c| c == '=' || c == '"') == first.to_string()),
        "the unticked customer is not in the file"
    );
    assert!(
        table
            .rows
            .iter()
            .all(|r| r.get(4).is_some_and(|p| p.contains('1'))),
        "every row matches the filter"
    );
    let names = env
        .js(
            "const today = new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });
             return [window.__names, today];",
        )
        .await;
    let today = names[1].as_str().unwrap();
    assert_eq!(
        names[0],
        json!([format!("customers-selected-{chosen}-{today}.csv")])
    );
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_names_the_count_reports_a_failure_and_stops_when_cancelled() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    wait_rows(&env, "loaded", |r| r.len() == 10).await;
    let ids = row_ids(&env).await;
    let picked = [ids[0], ids[1], ids[2]];
    for id in picked {
        env.click(&format!("#pick-{id}")).await;
    }
    env.wait_text("#selection-count", "已选 3 位客户").await;
    // Someone else deletes the second customer first.
    let gone_name = shown_name(&env, picked[1]).await;
    let status = env
        .post_json(
            "/wechat_api/customer/delete",
            json!({ "customerId": picked[1] }),
        )
        .await;
    assert_eq!(status, json!(200));

    env.click("#bulk-delete").await;
    env.wait_text("#bulk-confirm-message", "3 位客户").await;
    env.wait_text("#bulk-confirm-ok", "删除 3 位客户").await;
    env.click("#bulk-confirm-ok").await;
    wait_run_over(&env).await;
    env.wait_text("#bulk-counts", "已完成 2 位").await;
    env.wait_text("#bulk-failures", gone_name.trim()).await;
    env.wait_text("#bulk-failures", "不存在").await;
    env.click("#bulk-close").await;
    env.wait_gone("dialog[open]").await;
    // The list reloads without the three; nothing of them stays selected.
    let started = Instant::now();
    loop {
        wait_rows(&env, "a full page", |r| r.len() == 10).await;
        let now = row_ids(&env).await;
        if picked.iter().all(|id| !now.contains(id)) {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "deleted rows still shown: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.wait_gone("#selection-bar").await;

    // Stopping midway: deletes are held a little so the stop lands
    // between them; what was not reached stays.
    env.goto("/customers?size=20").await;
    wait_rows(&env, "a page of 20", |r| r.len() == 20).await;
    let page = row_ids(&env).await;
    env.wrap_fetch(
        "",
        "if (!url.includes('customer/delete')) return real(input, init);
         return new Promise(r => setTimeout(r, 400)).then(() => real(input, init));",
    )
    .await;
    env.click("#pick-page").await;
    env.wait_text("#selection-count", "已选 20 位客户").await;
    env.click("#bulk-delete").await;
    env.click("#bulk-confirm-ok").await;
    env.wait_js(
        "const c = document.getElementById('bulk-count');
         return !!c && Number(c.textContent.split('/')[0]) >= 4;",
        "a few deleted",
    )
    .await;
    env.click("#bulk-cancel").await;
    env.wait_text("#bulk-status", "已停止").await;
    env.wait_for("#bulk-not-reached", "customers not reached")
        .await;
    let reached: u64 = env
        .text("#bulk-counts")
        .await
        .split("已完成 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(reached < 20, "stopped before the end: {reached}");
    // Nothing more goes once stopped (the held requests were aborted).
    tokio::time::sleep(Duration::from_millis(1200)).await;
    env.click("#bulk-close").await;
    env.wait_gone("dialog[open]").await;
    env.goto("/customers?size=20").await;
    wait_rows(&env, "reloaded", |r| !r.is_empty()).await;
    let total_left = pager_total(&env).await;
    // 60 demo customers, 3 gone before, `reached` deleted now; a delete
    // the server took just as the stop came is not in the report (at most
    // the four in flight), and none was sent after it.
    let before = 60 - 3 - reached;
    assert!(
        total_left <= before && total_left + 4 >= before,
        "{total_left} left, {reached} reported deleted"
    );
    let left = row_ids(&env).await;
    assert!(
        page.iter().any(|id| left.contains(id)),
        "some of the page stays"
    );
    env.close().await;
}

/// `2000` as the panel shows it: `2,000`.
fn grouped(n: u64) -> String {
    scrm_panel::core::text::grouped(n)
}
