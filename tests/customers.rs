//! The customer workspace end to end, in real headless Chromium against the
//! real reference server: query, filters in the URL, stale answers, delete.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use support::{csv_records, wait_rows, Env, ROWS, WAIT};

const KNOWN_PHONE: &str = "13800000001";
/// A landline with its area code's leading zero.
const ZERO_PHONE: &str = "01012345678";

/// Signs in as `demo` on a network where customer-list answers reach the
/// page `ms` late (only the first one when `first_only`); sets
/// `window.__slowDone` once a held answer is delivered.
async fn sign_in_with_slow_lists(first_only: bool, ms: u32) -> Env {
    let env = Env::new().await;
    env.goto("/login").await;
    env.wrap_fetch(
        &format!(
            "window.__slowDone = false;
             let held = false;
             const firstOnly = {first_only};"
        ),
        &format!(
            "const p = real(input, init);
             if ((firstOnly && held) || !url.includes('customerPage')) return p;
             held = true;
             const late = f => new Promise(done => setTimeout(() => {{ window.__slowDone = true; done(f()); }}, {ms}));
             return p.then(r => late(() => r), e => late(() => Promise.reject(e)));"
        ),
    )
    .await;
    env.fill("#login-username", "demo").await;
    env.fill("#login-password", "demo123").await;
    env.click("#login-submit").await;
    env.wait_path("/customers").await;
    env
}

/// The list filtered to the known customer; the customer's name.
async fn open_known_customer(env: &Env) -> String {
    env.goto(&format!("/customers?phone={KNOWN_PHONE}")).await;
    wait_rows(env, "the known customer", |r| r.len() == 1).await;
    let name = env.text("#customer-table tbody tr .c-name").await;
    assert!(!name.is_empty());
    name
}

/// Delete is in the first row's "more" menu.
async fn open_row_delete(env: &Env) {
    env.click("#customer-table tbody tr .row-more .menu-button")
        .await;
    env.click("#customer-table tbody tr .row-delete").await;
}

async fn script_bool(env: &Env, js: &str) -> bool {
    env.browser
        .execute(js, vec![])
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// An old link or a hand-typed `?page=999` shows the last page, not an
/// empty table under "999 / 6"; Back does not lead to the empty page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_past_the_end_shows_the_last_page() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    wait_rows(&env, "a full first page", |r| r.len() == 10).await;
    let total: i64 = env
        .text("#pager-total")
        .await
        .split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let last = (total + 9) / 10;
    assert!(last > 1, "the demo has several pages ({total})");
    env.goto("/customers?page=999").await;
    env.wait_path(&format!("/customers?page={last}")).await;
    env.wait_text("#pager-page", &format!("{last} / {last}"))
        .await;
    wait_rows(&env, "the last page's rows", |r| !r.is_empty()).await;
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_filter_finds_exactly_that_customer_and_the_url_restores_the_view() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    let all = wait_rows(&env, "a full first page", |r| r.len() == 10).await;
    assert!(all.iter().any(|r| r.contains(KNOWN_PHONE)));
    env.text("#pager-total").await;

    env.fill("#f-phone", KNOWN_PHONE).await;
    env.wait_path(&format!("/customers?phone={KNOWN_PHONE}"))
        .await;
    let found = wait_rows(&env, "just the known customer", |r| r.len() == 1).await;
    assert!(found[0].contains(KNOWN_PHONE), "{found:?}");
    env.wait_text("#pager-total", "1").await;

    // Reload: same filter in the input, same single row.
    env.browser.refresh().await.unwrap();
    let again = wait_rows(&env, "restored after reload", |r| r.len() == 1).await;
    assert!(again[0].contains(KNOWN_PHONE));
    assert_eq!(env.value("#f-phone").await, KNOWN_PHONE);

    // Back goes to the unfiltered list, and the input follows the URL.
    env.browser.back().await.unwrap();
    env.wait_path("/customers").await;
    wait_rows(&env, "the full list again", |r| r.len() == 10).await;
    assert_eq!(env.value("#f-phone").await, "");

    // The number as people paste it: country prefix, spaces, dashes.
    env.fill("#f-phone", "+86 138-0000-0001").await;
    let pasted = wait_rows(&env, "the customer for a pasted number", |r| r.len() == 1).await;
    assert!(pasted[0].contains(KNOWN_PHONE), "{pasted:?}");
    env.assert_no_console_errors().await;
    env.close().await;
}

/// In a 360 px side panel each customer is a card of labelled lines: the
/// page never scrolls sideways and empty fields take no room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_360_px_each_customer_is_a_labelled_card() {
    let env = Env::demo().await;
    env.browser.set_window_size(360, 740).await.unwrap();
    env.goto(&format!("/customers?phone={KNOWN_PHONE}")).await;
    wait_rows(&env, "the known customer", |r| r.len() == 1).await;
    assert!(
        script_bool(
            &env,
            "return document.documentElement.scrollWidth <= window.innerWidth \
               && window.innerWidth <= 400;"
        )
        .await,
        "the page scrolls sideways at 360 px"
    );
    assert!(
        script_bool(
            &env,
            "const row = document.querySelector('#customer-table tbody tr');
             const phone = row.querySelector('td.c-phone');
             const label = getComputedStyle(phone, '::before').content;
             const empty = [...row.querySelectorAll('td[data-label]')]
               .filter(td => td.textContent.trim() === '');
             return getComputedStyle(row).display === 'block'
               && label.includes('手机号')
               && empty.every(td => getComputedStyle(td).display === 'none');"
        )
        .await,
        "rows are labelled cards"
    );
    // The labels are CSS (`::before`); the row's text is the customer's.
    let row = env.texts(ROWS).await.join("\n");
    assert!(row.contains(KNOWN_PHONE), "{row}");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_size_and_page_live_in_the_url() {
    let env = Env::demo().await;
    env.goto("/customers?size=20&page=2").await;
    let second = wait_rows(&env, "twenty rows of page two", |r| r.len() == 20).await;
    env.wait_text("#pager-page", "2 /").await;
    assert_eq!(env.value("#pager-size").await, "20");

    env.click("#pager-prev").await;
    env.wait_path("/customers?size=20").await;
    let first = wait_rows(&env, "page one", |r| r.len() == 20 && r[0] != second[0]).await;
    assert!(
        !first.contains(&second[0]),
        "page one differs from page two"
    );
    env.browser.back().await.unwrap();
    env.wait_path("/customers?size=20&page=2").await;
    wait_rows(&env, "page two again", |r| r.first() == second.first()).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tag_filter_shows_only_customers_with_that_tag_by_name() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    wait_rows(&env, "loaded", |r| !r.is_empty()).await;
    // Typing part of the name suggests it; Enter takes the suggestion.
    env.fill("#f-tags-input", "vi").await;
    env.wait_text("#f-tags-list .tag-suggestion.active", "VIP")
        .await;
    env.browser
        .find(Locator::Css("#f-tags-input"))
        .await
        .unwrap()
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .unwrap();
    let started = Instant::now();
    while !env.path().await.contains("tags=") {
        assert!(started.elapsed() < WAIT, "tag never reached the URL");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let tagged = wait_rows(&env, "all tagged VIP", |r| {
        !r.is_empty() && r.iter().all(|row| row.contains("VIP"))
    })
    .await;
    assert!(!tagged.is_empty());
    // The tag is named (not a raw id) in the picker's chip too.
    env.wait_text("#f-tags .tag-chips", "VIP").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_newest_answer_is_shown_when_answers_arrive_out_of_order() {
    // A slow network for the first list query (the unfiltered one login
    // lands on): its answer reaches the page three seconds late.
    let env = sign_in_with_slow_lists(true, 3000).await;
    env.fill("#f-phone", KNOWN_PHONE).await;
    let found = wait_rows(&env, "the filtered answer", |r| r.len() == 1).await;
    assert!(found[0].contains(KNOWN_PHONE));
    let started = Instant::now();
    while !script_bool(&env, "return window.__slowDone === true;").await {
        assert!(started.elapsed() < WAIT, "the held-back answer never came");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Give the stale answer every chance to be (wrongly) applied.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let still = wait_rows(&env, "still filtered", |_| true).await;
    assert_eq!(
        still.len(),
        1,
        "a stale answer replaced the view: {still:?}"
    );
    assert!(still[0].contains(KNOWN_PHONE));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_asks_by_name_keeps_focus_in_the_dialog_and_removes_the_row() {
    let env = Env::demo().await;
    let name = open_known_customer(&env).await;

    open_row_delete(&env).await;
    env.wait_text("#confirm-message", &name).await;
    assert!(
        script_bool(
            &env,
            "return !!document.activeElement.closest('dialog[open]')"
        )
        .await,
        "focus is inside the dialog"
    );
    // Tab stays within the modal dialog.
    for _ in 0..4 {
        let active = env.browser.active_element().await.unwrap();
        active.send_keys("\u{e004}").await.unwrap();
        assert!(
            script_bool(&env, "return !!document.activeElement.closest('dialog[open]') || document.activeElement === document.body").await,
            "focus left the dialog"
        );
    }
    // Esc closes it and nothing is deleted.
    let active = env.browser.active_element().await.unwrap();
    active.send_keys("\u{e00c}").await.unwrap();
    env.wait_gone("dialog[open]").await;
    assert_eq!(env.texts(ROWS).await.len(), 1);

    open_row_delete(&env).await;
    env.click("#confirm-ok").await;
    env.wait_gone("dialog[open]").await;
    wait_rows(&env, "empty after delete", |r| r.is_empty()).await;
    env.text("#customer-empty").await;
    env.browser.refresh().await.unwrap();
    wait_rows(&env, "still gone after reload", |r| r.is_empty()).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_of_ten_thousand_rows_as_csv_and_xlsx_has_every_row_and_chinese() {
    let env = Env::with(|o| o.demo = Some(10_000)).await;
    env.login("demo", "demo123").await;
    env.goto("/customers").await;
    wait_rows(&env, "loaded", |r| r.len() == 10).await;
    env.wait_text("#pager-total", "10000").await;
    // One customer's phone has a leading zero, which spreadsheets drop from
    // numbers: it must come back as it was from both files.
    let mut other = None;
    for row in env.browser.find_all(Locator::Css(ROWS)).await.unwrap() {
        if !row.text().await.unwrap().contains(KNOWN_PHONE) {
            other = Some(row);
            break;
        }
    }
    let other = other.expect("a row of another customer");
    env.update_customer(&other, serde_json::json!({ "customerPhone": ZERO_PHONE }))
        .await;
    // Keep the file the page hands to the browser.
    env.keep_downloads().await;
    env.click("#export-csv").await;
    env.wait_text("#export-status", "10000").await;
    let got = env
        .browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__files[0].arrayBuffer().then(buf => {
               const bytes = new Uint8Array(buf);
               done({ head: Array.from(bytes.slice(0, 3)),
                      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) });
             });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        got["head"],
        serde_json::json!([0xEF, 0xBB, 0xBF]),
        "UTF-8 BOM"
    );
    let text = got["text"].as_str().unwrap();
    assert_eq!(csv_records(text), 10_001, "header plus 10,000 data rows");
    assert!(text.contains("陈聊天多"), "Chinese names survive");
    assert!(text.contains(KNOWN_PHONE));
    // Digit-only text stays text in spreadsheets, and the manual-entry
    // import reads the file back with the phone as it was.
    assert!(
        text.contains(&format!(",=\"{KNOWN_PHONE}\",")),
        "phone kept as text"
    );
    assert!(text.contains(&format!(",=\"{ZERO_PHONE}\",")));
    let table = scrm_panel::features::manual_tasks::import_rows::parse_csv(text).unwrap();
    assert!(table.headers.iter().any(|h| h == "创建时间（北京时间）"));
    for phone in [KNOWN_PHONE, ZERO_PHONE] {
        assert!(table
            .rows
            .iter()
            .any(|r| r.get(4).map(String::as_str) == Some(phone)));
    }
    assert!(table
        .rows
        .iter()
        .all(|r| matches!(r.get(6).map(String::as_str), Some("是" | "否"))));

    // XLSX: packed and deflated by the worker wasm; read back with the
    // panel's own XLSX reader (the manual-entry import's), as a spreadsheet
    // program would see it.
    env.click("#export-xlsx").await;
    let bytes = env.download(1).await;
    assert!(env
        .browser
        .execute("return window.__files[1].type", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .contains("spreadsheetml"));
    assert_eq!(&bytes[..4], b"PK\x03\x04", "a ZIP");
    assert_eq!(
        u16::from_le_bytes([bytes[8], bytes[9]]),
        8,
        "its parts are deflated, not stored"
    );
    let rows = scrm_panel::core::xlsx_read::read_first_sheet(&bytes, 20_000).unwrap();
    assert_eq!(rows.len(), 10_001, "header plus 10,000 rows");
    // Both files are named for what they hold and when (China time).
    let names = env
        .browser
        .execute(
            "const today = new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });
             return [window.__names, today];",
            vec![],
        )
        .await
        .unwrap();
    let today = names[1].as_str().unwrap();
    assert_eq!(
        names[0],
        serde_json::json!([
            format!("customers-{today}.csv"),
            format!("customers-{today}.xlsx")
        ])
    );
    assert!(
        rows.iter().any(|r| r.cells.iter().any(|c| c == "陈聊天多")),
        "Chinese names survive"
    );
    for phone in [KNOWN_PHONE, ZERO_PHONE] {
        assert!(rows
            .iter()
            .any(|r| r.cells.get(4).map(String::as_str) == Some(phone)));
    }
    // Times are real dates (serial numbers), under a header that names the zone.
    assert_eq!(
        rows[0].cells.get(8).map(String::as_str),
        Some("创建时间（北京时间）")
    );
    let created: f64 = rows[1].cells[8].parse().unwrap();
    assert!(created > 40_000.0, "{created}");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_delete_is_reported_and_the_row_stays() {
    let env = Env::demo().await;
    env.goto(&format!("/customers?phone={KNOWN_PHONE}")).await;
    wait_rows(&env, "the known customer", |r| r.len() == 1).await;
    let row = env
        .browser
        .find(Locator::Css("#customer-table tbody tr"))
        .await
        .unwrap();
    let id = row
        .attr("id")
        .await
        .unwrap()
        .unwrap()
        .trim_start_matches("customer-")
        .to_owned();
    open_row_delete(&env).await;
    env.text("dialog[open]").await;
    // Someone else deletes the customer first.
    let status = env
        .post_json(
            "/wechat_api/customer/delete",
            serde_json::json!({ "customerId": id.parse::<i64>().unwrap() }),
        )
        .await;
    assert_eq!(status, serde_json::json!(200));
    env.click("#confirm-ok").await;
    env.wait_text("dialog[open] .form-error", "不存在").await;
    assert_eq!(env.texts(ROWS).await.len(), 1, "the row stays");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_export_shows_progress_and_saves_nothing() {
    cancelled_export("#export-csv").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_xlsx_export_saves_nothing_and_ends_its_worker() {
    cancelled_export("#export-xlsx").await;
}

/// Starts an export with `button`, cancels it while its second page is held
/// back, and checks that nothing is saved (and, for XLSX, that the worker
/// ended), then that a new export runs to the end.
async fn cancelled_export(button: &str) {
    let env = Env::with(|o| o.demo = Some(1500)).await;
    env.login("demo", "demo123").await;
    env.goto("/customers").await;
    wait_rows(&env, "loaded", |r| r.len() == 10).await;
    // Hold the export's second page until the test lets it go.
    env.wrap_fetch(
        "window.__files = []; const make = URL.createObjectURL;
         window.__ended = 0; const end = Worker.prototype.terminate;
         Worker.prototype.terminate = function () { window.__ended++; return end.call(this); };
         URL.createObjectURL = b => { window.__files.push(b); return make(b); };
         let release; window.__gate = new Promise(r => { release = r; });
         window.__release = release;",
        "if (url.includes('downLoad') && url.includes('pageNo=2')) {
           // Answered or (the cancel aborts it) refused: either way over.
           return window.__gate.then(() => real(input, init))
             .finally(() => { setTimeout(() => { window.__heldDone = true; }, 200); });
         }
         return real(input, init);",
    )
    .await;
    env.click(button).await;
    env.wait_text("#export-count", "1000 / ").await;
    assert!(env.exists("#export-progress").await);
    env.click("#export-cancel").await;
    env.wait_gone("#export-progress").await;
    env.browser
        .execute("window.__release()", vec![])
        .await
        .unwrap();
    // The held page is let go (the cancel aborted it); nothing is saved.
    env.wait_text("#export-status", "取消").await;
    let started = Instant::now();
    while !script_bool(&env, "return window.__heldDone === true").await {
        assert!(started.elapsed() < WAIT, "the held page never answered");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        script_bool(&env, "return window.__files.length === 0").await,
        "a cancelled export saved a file"
    );
    if button == "#export-xlsx" {
        assert!(
            script_bool(&env, "return window.__ended === 1").await,
            "the cancelled export's worker was not ended"
        );
    }
    // And a new export runs to the end.
    env.click(button).await;
    let started = Instant::now();
    while !script_bool(&env, "return window.__files.length === 1").await {
        assert!(started.elapsed() < WAIT, "the second export saved nothing");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_server_times_out_with_retry_and_older_queries_are_aborted() {
    let env = Env::with(|o| {
        o.config_json = Some(
            r#"{"apiBase":"","auth":"cookie","loginUrl":"/login","locale":"zh-CN","embedOrigins":[],"requestTimeoutMs":2000,"clinic":{"enabled":true}}"#.into(),
        )
    })
    .await;
    env.login("demo", "demo123").await;
    wait_rows(&env, "loaded", |r| !r.is_empty()).await;
    // From now on the customer list's requests hang until aborted, as
    // requests to a server that accepted the connection and went silent.
    env.wrap_fetch(
        "window.__aborted = 0;
         window.__started = 0;
         window.__hang = true;",
        "if (!window.__hang || !url.includes('customerPage')) return real(input, init);
         const signal = (init && init.signal) || input.signal;
         window.__started += 1;
         return new Promise((_, reject) => signal && signal.addEventListener('abort', () => {
           window.__aborted += 1;
           reject(new DOMException('aborted', 'AbortError'));
         }));",
    )
    .await;
    // A newer query aborts the one in flight at once.
    env.fill("#f-phone", "139").await;
    let started = Instant::now();
    while !script_bool(&env, "return window.__started >= 1;").await {
        assert!(started.elapsed() < WAIT, "the first query never left");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    env.fill("#f-phone", KNOWN_PHONE).await;
    let started = Instant::now();
    while !script_bool(&env, "return window.__aborted >= 1;").await {
        assert!(
            started.elapsed() < WAIT,
            "the older query was never aborted"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The newest one gives up after requestTimeoutMs and says so, with a retry.
    env.wait_text(".error-view", "服务器没有响应").await;
    assert_eq!(
        env.browser
            .execute("return document.querySelector('#f-phone').value;", vec![])
            .await
            .unwrap(),
        serde_json::json!(KNOWN_PHONE),
        "what was typed stays"
    );
    env.browser
        .execute("window.__hang = false;", vec![])
        .await
        .unwrap();
    env.click(".error-view button").await;
    let found = wait_rows(&env, "the retried answer", |r| r.len() == 1).await;
    assert!(found[0].contains(KNOWN_PHONE));
    assert!(!env.exists(".error-view").await);
    env.close().await;
}

/// The hrefs of the recent-customers strip, newest first.
async fn recent_hrefs(env: &Env) -> serde_json::Value {
    env.js("return [...document.querySelectorAll('#recent-customers a')].map(a => a.getAttribute('href'));")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customers_opened_last_are_one_tap_away_until_sign_out() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    wait_rows(&env, "loaded", |r| r.len() >= 3).await;
    // Nobody opened yet: no strip.
    assert!(!env.exists("#recent-customers").await);
    let edits = env
        .js(
            "return [...document.querySelectorAll('#customer-table tbody tr .row-edit')]
                .slice(0, 3).map(a => a.getAttribute('href'));",
        )
        .await;
    let edits: Vec<String> = serde_json::from_value(edits).unwrap();
    for href in &edits {
        env.goto(href).await;
        env.text("#customer-edit-form").await;
    }
    // Opening the first again moves it to the front, once.
    env.goto(&edits[0]).await;
    env.text("#customer-edit-form").await;
    env.goto("/customers").await;
    env.text("#recent-customers a").await;
    assert_eq!(
        recent_hrefs(&env).await,
        serde_json::json!([edits[0], edits[2], edits[1]])
    );
    // A conversation opened counts too.
    env.click("#customer-table tbody tr .row-chat").await;
    env.text(".chat-list .msg-row").await;
    env.goto("/customers").await;
    env.text("#recent-customers a").await;
    let hrefs = recent_hrefs(&env).await;
    assert!(
        hrefs[0].as_str().is_some_and(|h| h.starts_with("/chat?")),
        "{hrefs}"
    );
    let want = serde_json::json!([hrefs[0], edits[0], edits[2], edits[1]]);
    assert_eq!(hrefs, want);
    // Kept across a reload, and a chip opens the customer.
    env.browser.refresh().await.unwrap();
    env.text("#recent-customers a").await;
    assert_eq!(recent_hrefs(&env).await, want);
    env.click("#recent-customers li:nth-child(3) a").await;
    env.text("#customer-edit-form").await;
    assert_eq!(env.path().await, edits[2]);
    // Signing out forgets them: the next person at this PC sees nobody.
    env.click("#logout").await;
    env.wait_path("/login").await;
    env.login("demo", "demo123").await;
    env.goto("/customers").await;
    wait_rows(&env, "loaded", |r| !r.is_empty()).await;
    assert!(!env.exists("#recent-customers").await);
    env.assert_no_console_errors().await;
    env.close().await;
}

/// Whether the saved-views dialog is open.
async fn views_dialog_open(env: &Env) -> bool {
    script_bool(
        env,
        "const d = document.getElementById('views-dialog'); return !!d && d.open;",
    )
    .await
}

/// What the views button says when no saved view is shown.
const NO_VIEW: &str = "保存或选择视图";

async fn active_id(env: &Env) -> String {
    env.js("return document.activeElement ? document.activeElement.id : '';")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The saved views' names as the dialog lists them.
async fn view_options(env: &Env) -> Vec<String> {
    env.texts("#views-list .saved-view-name").await
}

/// Opens the saved-views dialog and shows the view named `name`.
async fn pick_view(env: &Env, name: &str) {
    env.click("#f-views-manage").await;
    env.wait_text("#views-list .saved-view-name", name).await;
    env.click("#views-list .saved-view-name").await;
    env.wait_gone("#views-dialog").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_view_brings_its_filter_back_after_a_reload_and_can_be_renamed_and_deleted() {
    let env = Env::demo().await;
    let view_path = format!("/customers?phone={KNOWN_PHONE}&size=20");
    env.goto(&view_path).await;
    wait_rows(&env, "just the known customer", |r| r.len() == 1).await;
    env.wait_text("#f-views-manage", NO_VIEW).await;

    // Save the current filter under a name.
    // Its code comes on this first press: the dialog opens once it is in.
    env.click("#f-views-manage").await;
    env.wait_js(
        "const d = document.getElementById('views-dialog');
         return !!d && d.open && document.activeElement.id === 'view-name';",
        "the dialog open, focus in the name",
    )
    .await;
    env.fill("#view-name", "  VIP 老客  ").await;
    env.click("#view-save").await;
    env.wait_text("#views-list .saved-view-name", "VIP 老客")
        .await;
    assert_eq!(view_options(&env).await, ["VIP 老客"]);

    // A name is required and unique whatever its case; the message is next
    // to the field, and nothing is saved.
    env.fill("#view-name", "vip 老客").await;
    env.click("#view-save").await;
    env.wait_text("#view-name-error", "已有同名视图").await;
    env.fill("#view-name", "   ").await;
    env.press(&Key::Enter.to_string()).await;
    env.wait_text("#view-name-error", "请填写名称").await;
    assert!(
        script_bool(
            &env,
            "const input = document.getElementById('view-name');
             const error = document.getElementById('view-name-error');
             return input.parentElement === error.parentElement
               && input.getAttribute('aria-invalid') === 'true'
               && input.getAttribute('aria-describedby') === 'view-name-error';"
        )
        .await,
        "the message belongs to the name field"
    );
    assert_eq!(view_options(&env).await, ["VIP 老客"]);

    // Esc closes the dialog and focus returns to the button that opened it.
    env.press(&Key::Escape.to_string()).await;
    assert!(!views_dialog_open(&env).await);
    assert_eq!(active_id(&env).await, "f-views-manage");

    // Other filters, then the view: the list shows the saved filter again.
    env.click("#f-clear").await;
    env.wait_path("/customers?size=20").await;
    wait_rows(&env, "twenty customers", |r| r.len() == 20).await;
    env.wait_text("#f-views-manage", NO_VIEW).await;
    pick_view(&env, "VIP 老客").await;
    env.wait_path(&view_path).await;
    wait_rows(&env, "the view's customer", |r| r.len() == 1).await;
    assert_eq!(env.value("#f-phone").await, KNOWN_PHONE);
    // The button names the view shown, and focus is back on it.
    env.wait_text("#f-views-manage", "VIP 老客").await;
    assert_eq!(active_id(&env).await, "f-views-manage");

    // It survives a reload.
    env.goto("/customers?name=nobody-at-all").await;
    wait_rows(&env, "nobody", |r| r.is_empty()).await;
    env.browser.refresh().await.unwrap();
    wait_rows(&env, "nobody", |r| r.is_empty()).await;
    env.wait_text("#f-views-manage", NO_VIEW).await;
    pick_view(&env, "VIP 老客").await;
    env.wait_path(&view_path).await;
    wait_rows(&env, "the view's customer", |r| r.len() == 1).await;

    // Rename (Esc in the name field leaves the rename, not the dialog).
    env.click("#f-views-manage").await;
    env.click("#view-0-rename").await;
    env.wait_for("#view-rename", "rename field").await;
    assert_eq!(active_id(&env).await, "view-rename");
    env.press(&Key::Escape.to_string()).await;
    env.wait_gone("#view-rename").await;
    assert!(views_dialog_open(&env).await);
    env.click("#view-0-rename").await;
    env.fill("#view-rename", " ").await;
    env.click("#view-rename-ok").await;
    env.wait_text("#view-rename-error", "请填写名称").await;
    env.fill("#view-rename", "本周回访").await;
    env.click("#view-rename-ok").await;
    env.wait_text("#views-list .saved-view-name", "本周回访")
        .await;
    assert_eq!(view_options(&env).await, ["本周回访"]);

    // Delete.
    env.click("#view-0-delete").await;
    env.wait_gone("#views-list .saved-view").await;
    env.text("#views-empty").await;
    env.click("#views-close").await;
    assert!(!views_dialog_open(&env).await);
    assert_eq!(active_id(&env).await, "f-views-manage");
    env.wait_text("#f-views-manage", NO_VIEW).await;
    env.browser.refresh().await.unwrap();
    env.click("#f-views-manage").await;
    env.text("#views-empty").await;
    assert!(view_options(&env).await.is_empty());
    env.assert_no_console_errors().await;
    env.close().await;
}

/// The dialog's code is not in the first screen's wasm: the default view
/// applies without it, and when it cannot be fetched the button says so
/// and works once the network is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saved_views_load_on_first_use_and_a_failed_fetch_is_said_and_retried() {
    let env = Env::new().await;
    env.block_urls(&["*/split_saved_views*"]).await;
    env.login("demo", "demo123").await;
    env.text("#current-user").await;
    // A default view kept from an earlier visit.
    env.js(&format!(
        "localStorage.setItem('scrm.views..', JSON.stringify([
           {{name: '来电客户', query: 'phone={KNOWN_PHONE}', default: true}}]));
         return true;"
    ))
    .await;
    let view_path = format!("/customers?phone={KNOWN_PHONE}");
    env.goto("/customers").await;
    env.wait_path(&view_path).await;
    wait_rows(&env, "the default view's customer", |r| r.len() == 1).await;
    env.wait_text("#f-views-manage", "来电客户").await;

    env.click("#f-views-manage").await;
    env.wait_text(".toast", "视图无法加载").await;
    assert!(!views_dialog_open(&env).await);
    env.wait_js(
        "return document.activeElement && document.activeElement.id === 'f-views-manage';",
        "focus back on the button",
    )
    .await;

    env.block_urls(&[]).await;
    env.click("#f-views-manage").await;
    env.wait_text("#views-list .saved-view-name", "来电客户")
        .await;
    assert!(views_dialog_open(&env).await);
    env.text("#views-list .badge").await;
    env.close().await;
}

/// At 360 px, as in the side panel: the default view opens a bare
/// `/customers`, never an explicit URL; views are the user's own and stay
/// across sign-out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_view_opens_a_bare_customer_list_but_an_explicit_url_wins() {
    let env = Env::demo().await;
    env.browser.set_window_size(360, 740).await.unwrap();
    let view_path = format!("/customers?phone={KNOWN_PHONE}");
    env.goto(&view_path).await;
    wait_rows(&env, "the known customer", |r| r.len() == 1).await;
    env.click("#f-views-manage").await;
    env.fill("#view-name", "来电客户").await;
    env.click("#view-save").await;
    env.click("#view-0-default").await;
    env.wait_text("#views-list .badge", "默认").await;
    assert!(
        script_bool(
            &env,
            "return document.documentElement.scrollWidth <= window.innerWidth
               && document.getElementById('views-dialog').getBoundingClientRect().right <= window.innerWidth;"
        )
        .await,
        "the dialog fits 360 px"
    );
    env.click("#views-close").await;

    // Opened bare: the default view.
    env.goto("/customers").await;
    env.wait_path(&view_path).await;
    wait_rows(&env, "the default view's customer", |r| r.len() == 1).await;
    // Clearing the filters on the page is not opening it: it stays clear.
    // At 360 px the filters are in the drawer behind the filter button.
    env.click("#customer-filters-toggle").await;
    env.click("#f-clear").await;
    env.wait_path("/customers").await;
    wait_rows(&env, "everyone", |r| r.len() == 10).await;

    // An explicit URL wins.
    env.goto("/customers?name=x").await;
    wait_rows(&env, "the name filter's answer", |_| true).await;
    env.text("#current-user").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(env.path().await, "/customers?name=x");
    assert_eq!(env.value("#f-name").await, "x");

    // Another salesperson at this browser has none of them; after signing
    // out and in again, the views are still there.
    env.browser.set_window_size(1280, 900).await.unwrap();
    env.click("#logout").await;
    env.wait_path("/login").await;
    env.login("sales1", "sales123").await;
    env.goto("/customers").await;
    env.text("#current-user").await;
    wait_rows(&env, "sales1's customers", |r| !r.is_empty()).await;
    env.click("#f-views-manage").await;
    env.text("#views-empty").await;
    env.click("#views-close").await;
    assert_eq!(env.path().await, "/customers");
    env.click("#logout").await;
    env.wait_path("/login").await;
    env.login("demo", "demo123").await;
    env.goto("/customers").await;
    env.wait_path(&view_path).await;
    env.assert_no_console_errors().await;
    env.close().await;
}

/// At 360 px (the side panel) the filters fold behind one button that says
/// how many are set, and the first customer is on the first screen; the
/// drawer keeps focus, and Esc gives it back to the button.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_360_px_the_filters_fold_behind_one_button_with_the_active_count() {
    let env = Env::demo().await;
    env.browser.set_window_size(360, 740).await.unwrap();
    env.goto(&format!("/customers?phone={KNOWN_PHONE}&from=2000-01-01"))
        .await;
    wait_rows(&env, "the known customer", |r| r.len() == 1).await;
    env.wait_text("#customer-filters-toggle .count", "2").await;
    assert!(
        script_bool(
            &env,
            "const name = document.querySelector('#customer-table tbody tr .c-name');
             const r = name.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight
               && !document.querySelector('#customer-filters-drawer').open
               && document.getElementById('f-phone').offsetParent === null;"
        )
        .await,
        "the first customer is on the first screen, the filters folded"
    );
    env.click("#customer-filters-toggle").await;
    env.wait_for("#customer-filters-drawer[open]", "the filter drawer")
        .await;
    assert_eq!(env.value("#f-phone").await, KNOWN_PHONE);
    assert_eq!(env.value("#f-from").await, "2000-01-01");
    assert!(
        script_bool(
            &env,
            "return !!document.activeElement.closest('#customer-filters-drawer');"
        )
        .await,
        "focus is in the drawer"
    );
    env.press("\u{e00c}").await;
    env.wait_gone("#customer-filters-drawer[open]").await;
    assert!(
        script_bool(
            &env,
            "return document.activeElement.id === 'customer-filters-toggle';"
        )
        .await,
        "focus is back on the filter button"
    );
    env.close().await;
}

/// On a desktop the creation days and remarks wait behind "more filters",
/// which is open from the start when one of them is set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secondary_filters_wait_behind_more_filters_on_a_desktop() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    wait_rows(&env, "everyone", |r| r.len() == 10).await;
    assert!(env.exists("#f-name").await && !env.exists("#f-remarks").await);
    assert!(!env.exists("#customer-filters-toggle").await);
    env.click("#customer-filters-more").await;
    env.fill("#f-remarks", "没有这条备注").await;
    env.wait_js(
        "return location.search.startsWith('?remarks=');",
        "the remarks filter in the URL",
    )
    .await;
    env.browser.refresh().await.unwrap();
    env.wait_for("#f-remarks", "the remarks filter, shown since it is set")
        .await;
    env.wait_text("#customer-filters-more .count", "1").await;
    env.close().await;
}

/// Nothing matches: the empty state says so and its button clears the
/// filters, bringing everyone back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_empty_state_clears_the_filters() {
    let env = Env::demo().await;
    env.goto("/customers?name=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BA%BA&size=20")
        .await;
    env.wait_text("#customer-empty", "没有符合条件的客户").await;
    env.click("#empty-clear").await;
    env.wait_path("/customers?size=20").await;
    wait_rows(&env, "everyone", |r| r.len() == 20).await;
    assert_eq!(env.value("#f-name").await, "");
    env.close().await;
}

/// A row's "more" menu works from the keyboard: open, arrow to delete,
/// confirm; the row is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_row_more_menu_deletes_by_keyboard() {
    let env = Env::demo().await;
    let name = open_known_customer(&env).await;
    // Edit and chat are in the row, with their words; the rest is in "more".
    let shown = env.texts("#customer-table tbody tr .row-actions > a").await;
    assert_eq!(shown, ["编辑", "聊天记录"], "{shown:?}");
    env.js("document.querySelector('#customer-table tbody tr .row-more .menu-button').focus();")
        .await;
    env.press("\u{e007}").await; // Enter opens the menu, focus on its first entry.
    env.wait_js(
        "return !!document.activeElement.closest('.row-more .menu-panel');",
        "focus in the menu",
    )
    .await;
    env.press("\u{e015}").await; // ArrowDown
    env.wait_js(
        "return document.activeElement.classList.contains('row-delete');",
        "delete focused",
    )
    .await;
    env.press("\u{e007}").await;
    env.wait_text("#confirm-message", &name).await;
    env.press("\u{e004}").await; // Tab from Cancel to Delete
    env.press("\u{e007}").await;
    env.wait_gone("dialog[open]").await;
    wait_rows(&env, "empty after delete", |r| r.is_empty()).await;
    env.close().await;
}

/// While the first answer is on its way the list shows skeleton rows, not
/// a blank page; they give way to the rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skeleton_rows_show_while_the_first_answer_is_on_its_way() {
    let env = sign_in_with_slow_lists(false, 1500).await;
    env.wait_for(
        ".customer-list .skeleton[aria-busy='true']",
        "skeleton rows",
    )
    .await;
    assert!(
        !script_bool(&env, "return window.__slowDone === true;").await,
        "the answer came before the skeleton was seen"
    );
    wait_rows(&env, "the rows", |r| !r.is_empty()).await;
    assert!(!env.exists(".customer-list .skeleton").await);
    env.close().await;
}
