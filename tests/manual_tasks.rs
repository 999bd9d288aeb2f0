//! Manual entries end to end, in headless Chromium against the
//! reference server with its demo data: in tenant one, 张经理 (demo) has 25
//! entries, 李小琳 (sales1) 12 and 黄文榕 8; 李小琳 and 黄文榕 are in
//! department 2. Run with `SCRM_DIST=$PWD/dist cargo test --test manual_tasks`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use support::{Env, WAIT};

/// Texts of every element matching `css`, in page order.
async fn texts(env: &Env, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for el in env.browser.find_all(Locator::Css(css)).await.unwrap() {
        out.push(el.text().await.unwrap_or_default());
    }
    out
}

/// Waits until `texts(css)` satisfies `ok`, then returns them.
async fn wait_texts(env: &Env, css: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let started = Instant::now();
    loop {
        let t = texts(env, css).await;
        if ok(&t) {
            return t;
        }
        assert!(
            started.elapsed() < WAIT,
            "{css} never matched; last: {t:?}; page: {}",
            env.body_text().await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn value(env: &Env, css: &str) -> String {
    env.browser
        .find(Locator::Css(css))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn select(env: &Env, css: &str, v: &str) {
    env.browser
        .find(Locator::Css(css))
        .await
        .unwrap()
        .select_by_value(v)
        .await
        .unwrap();
}

/// The admin user id of a person on the list page, from their row.
async fn person_id(env: &Env, name: &str) -> String {
    let rows = env
        .browser
        .find_all(Locator::Css("#mt-people tbody tr"))
        .await
        .unwrap();
    for row in rows {
        if row.text().await.unwrap_or_default().contains(name) {
            return row.attr("data-id").await.unwrap().unwrap();
        }
    }
    panic!("{name} is not listed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_filters_and_deleting_a_persons_tasks() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto("/manual-tasks").await;
    let names = wait_texts(&env, "#mt-people .mt-person-name", |t| t.len() == 3).await;
    assert_eq!(names, ["张经理", "李小琳", "黄文榕"], "tenant one only");

    // Department 2: the two salespeople; the filter is in the URL.
    env.fill("#mt-filter-dept", "2").await;
    env.click("#mt-filter-apply").await;
    env.wait_path("/manual-tasks?dept=2").await;
    wait_texts(&env, "#mt-people .mt-person-name", |t| {
        t == ["李小琳", "黄文榕"]
    })
    .await;
    // A bad department id is explained next to the field, nothing is sent.
    env.fill("#mt-filter-dept", "二").await;
    env.click("#mt-filter-apply").await;
    env.wait_text("#mt-filter-dept-error", "部门编号只能是数字")
        .await;
    assert_eq!(env.path().await, "/manual-tasks?dept=2");

    // One person, picked from the select.
    env.goto("/manual-tasks").await;
    wait_texts(&env, "#mt-people .mt-person-name", |t| t.len() == 3).await;
    let huang = person_id(&env, "黄文榕").await;
    select(&env, "#mt-filter-person", &huang).await;
    env.click("#mt-filter-apply").await;
    env.wait_path(&format!("/manual-tasks?person={huang}"))
        .await;
    wait_texts(&env, "#mt-people .mt-person-name", |t| t == ["黄文榕"]).await;

    // Delete: the dialog names the person and the number of entries; Esc
    // cancels and gives focus back to the button.
    env.goto("/manual-tasks").await;
    wait_texts(&env, "#mt-people .mt-person-name", |t| t.len() == 3).await;
    let button = format!("#mt-people tr[data-id='{huang}'] .mt-delete-person");
    env.click(&button).await;
    env.wait_text("#confirm-message", "黄文榕").await;
    assert!(env.text("#confirm-message").await.contains('8'));
    env.press(&Key::Escape.to_string()).await;
    env.wait_gone("dialog[open]").await;
    let focused_class = env
        .browser
        .active_element()
        .await
        .unwrap()
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        focused_class.contains("mt-delete-person"),
        "{focused_class}"
    );
    assert_eq!(texts(&env, "#mt-people .mt-person-name").await.len(), 3);

    env.click(&button).await;
    env.wait_text("#confirm-message", "8").await;
    env.click("#confirm-ok").await;
    wait_texts(&env, "#mt-people .mt-person-name", |t| {
        t == ["张经理", "李小琳"]
    })
    .await;
    env.wait_text(".toasts", "黄文榕").await;
    // Gone on the server too.
    env.browser.refresh().await.unwrap();
    wait_texts(&env, "#mt-people .mt-person-name", |t| {
        t == ["张经理", "李小琳"]
    })
    .await;
    env.goto(&format!("/manual-tasks/{huang}")).await;
    env.wait_text("#mt-empty", "没有手动录入").await;
    let errors = env.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn detail_pages_filters_and_deletes_one_entry() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto("/manual-tasks").await;
    wait_texts(&env, "#mt-people .mt-person-name", |t| t.len() == 3).await;
    let zhang = person_id(&env, "张经理").await;
    env.click(&format!("#mt-people tr[data-id='{zhang}'] .mt-open"))
        .await;
    env.wait_path(&format!("/manual-tasks/{zhang}")).await;
    env.wait_text("#mt-detail-title", "张经理").await;

    // 25 entries: 20 on page 1, 5 on page 2; the page is in the URL.
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 20).await;
    env.wait_text("#pager-page", "1 / 2").await;
    env.click("#pager-next").await;
    env.wait_path(&format!("/manual-tasks/{zhang}?page=2"))
        .await;
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 5).await;
    env.browser.refresh().await.unwrap();
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 5).await;
    env.wait_text("#pager-page", "2 / 2").await;
    env.browser.back().await.unwrap();
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 20).await;

    // The page size is chosen in the pager and kept in the URL too; a new
    // size starts from page 1.
    select(&env, "#pager-size", "50").await;
    env.wait_path(&format!("/manual-tasks/{zhang}?size=50"))
        .await;
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 25).await;
    env.wait_text("#pager-page", "1 / 1").await;
    env.browser.refresh().await.unwrap();
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 25).await;
    assert_eq!(value(&env, "#pager-size").await, "50");
    env.browser.back().await.unwrap();
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 20).await;
    assert_eq!(value(&env, "#pager-size").await, "20");

    // Phones are actions: calling one dials it (and opens the pop-up).
    let href = env
        .browser
        .find(Locator::Css("#mt-entries .phone-call"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(href.starts_with("tel:1"), "{href}");

    // Dial status filter (behind "more filters"): only called entries, and
    // it survives a reload, the more filters shown since one is set.
    env.click("#mt-detail-filters-more").await;
    select(&env, "#mt-filter-dial", "1").await;
    env.click("#mt-filter-apply").await;
    env.wait_path(&format!("/manual-tasks/{zhang}?dial=1"))
        .await;
    let dials = wait_texts(&env, "#mt-entries .mt-dial", |t| {
        !t.is_empty() && t.len() < 20 && t.iter().all(|s| s == "已拨打")
    })
    .await;
    env.browser.refresh().await.unwrap();
    wait_texts(&env, "#mt-entries .mt-dial", |t| t.len() == dials.len()).await;
    assert_eq!(value(&env, "#mt-filter-dial").await, "1");

    // Contact name filter (combined with the dial filter).
    let first = texts(&env, "#mt-entries .mt-contact").await;
    let name = first.first().cloned().unwrap();
    env.fill("#mt-filter-contact", &name).await;
    env.click("#mt-filter-apply").await;
    wait_texts(&env, "#mt-entries .mt-contact", |t| {
        !t.is_empty() && t.iter().all(|s| s.contains(&name))
    })
    .await;
    assert!(env.path().await.contains("contact="));
    // A filter nothing matches says so.
    env.fill("#mt-filter-company", "没有这家公司").await;
    env.click("#mt-filter-apply").await;
    env.wait_text("#mt-empty", "没有符合条件").await;
    env.click("#mt-filter-clear").await;
    env.wait_path(&format!("/manual-tasks/{zhang}")).await;
    wait_texts(&env, "#mt-entries tbody tr", |t| t.len() == 20).await;
    env.wait_text("#pager-total", "25").await;

    // Delete one entry after a confirmation naming it.
    let row = env
        .browser
        .find(Locator::Css("#mt-entries tbody tr"))
        .await
        .unwrap();
    let id = row.attr("data-id").await.unwrap().unwrap();
    let contact = row
        .find(Locator::Css(".mt-contact"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    env.click(&format!("#mt-entries tr[data-id='{id}'] .mt-delete-entry"))
        .await;
    env.wait_text("#confirm-message", &contact).await;
    env.click("#confirm-ok").await;
    env.wait_gone(&format!("#mt-entries tr[data-id='{id}']"))
        .await;
    env.wait_text("#pager-total", "24").await;
    env.browser.refresh().await.unwrap();
    env.wait_text("#pager-total", "24").await;
    assert!(!env.exists(&format!("#mt-entries tr[data-id='{id}']")).await);
    let errors = env.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_that_is_not_a_number_is_explained() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    // Not a number: the panel says so without asking.
    env.goto("/manual-tasks/abc").await;
    env.wait_text("section[data-route='/manual-tasks/:adminUserId']", "无效")
        .await;
    env.close().await;
}

/// Fills the three required fields except `skip`.
async fn fill_required(env: &Env, skip: &str) {
    for (field, v) in [
        ("customerName", "测试客户甲"),
        ("customerPhone", "139 1234 5678"),
        ("phoneGeo", "厦门"),
    ] {
        let css = format!("#mt-new-{field}");
        if field == skip {
            env.fill(&css, "").await;
        } else {
            env.fill(&css, v).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_explains_missing_fields_keeps_input_and_saves() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto("/manual-tasks/new").await;
    env.fill("#mt-new-company", "星河测试公司").await;
    env.fill("#mt-new-xfield3", "展会").await;

    for (field, message) in [
        ("customerName", "客户姓名不能为空"),
        ("customerPhone", "联系方式不能为空"),
        ("phoneGeo", "所在地区不能为空"),
    ] {
        fill_required(&env, field).await;
        env.click("#mt-new-submit").await;
        env.wait_text(&format!("#mt-new-{field}-error"), message)
            .await;
        let invalid = env
            .browser
            .find(Locator::Css(&format!("#mt-new-{field}")))
            .await
            .unwrap()
            .attr("aria-invalid")
            .await
            .unwrap();
        assert_eq!(invalid.as_deref(), Some("true"), "{field}");
        // Everything typed is still there.
        assert_eq!(value(&env, "#mt-new-company").await, "星河测试公司");
        assert_eq!(value(&env, "#mt-new-xfield3").await, "展会");
    }
    // A bad phone is explained with the shared rule's words.
    fill_required(&env, "").await;
    env.fill("#mt-new-customerPhone", "12345").await;
    env.click("#mt-new-submit").await;
    env.wait_text("#mt-new-customerPhone-error", "11位").await;

    // The server's refusal is shown as it words it, and nothing is lost.
    fill_required(&env, "").await;
    env.fill("#mt-new-v1", &"x".repeat(501)).await;
    env.click("#mt-new-submit").await;
    env.wait_text("#mt-new-error", "v1长度不能超过500个字符")
        .await;
    assert_eq!(value(&env, "#mt-new-customerName").await, "测试客户甲");

    // The draft survives a reload.
    env.browser.refresh().await.unwrap();
    env.text("#mt-new-form").await;
    let started = Instant::now();
    while value(&env, "#mt-new-customerName").await != "测试客户甲" {
        assert!(started.elapsed() < WAIT, "draft not restored");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(value(&env, "#mt-new-company").await, "星河测试公司");
    assert_eq!(value(&env, "#mt-new-phoneGeo").await, "厦门");

    env.fill("#mt-new-v1", "").await;
    env.click("#mt-new-submit").await;
    env.wait_text("#mt-new-saved", "测试客户甲").await;
    assert_eq!(value(&env, "#mt-new-customerName").await, "");
    // The entry is in the user's list, with its phone normalised.
    env.click("#mt-new-mine").await;
    env.text("#mt-entries").await;
    let path = env.path().await;
    env.goto(&format!("{path}?contact=测试客户甲")).await;
    env.wait_text("#mt-entries .mt-phone", "13912345678").await;
    env.wait_text("#mt-entries", "厦门").await;
    // And the draft is gone.
    env.goto("/manual-tasks/new").await;
    env.text("#mt-new-form").await;
    assert_eq!(value(&env, "#mt-new-company").await, "");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_wechat_first_then_finish_the_entry() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto("/manual-tasks/new").await;
    // Nothing filled: both missing inputs are named.
    env.click("#mt-friend-submit").await;
    env.wait_text("#mt-friend-uin-error", "目标微信号不能为空")
        .await;
    env.wait_text("#mt-friend-error", "联系方式不能为空").await;

    env.fill("#mt-new-customerPhone", "13712345678").await;
    env.fill("#mt-friend-uin", "123456789").await;
    env.fill("#mt-friend-wechat", "wx_friend_01").await;
    env.click("#mt-friend-submit").await;
    env.wait_text("#mt-friend-record .rec-phone", "13712345678")
        .await;
    env.wait_text("#mt-friend-record .rec-wechat", "wx_friend_01")
        .await;
    env.wait_text("#mt-friend-record .rec-uin", "123456789")
        .await;
    let id = env.text("#mt-friend-record .rec-id").await;
    assert!(id.parse::<i64>().is_ok(), "record id {id:?}");
    // The form was filled from the record; the user finishes the entry.
    assert_eq!(value(&env, "#mt-new-userName").await, "wx_friend_01");
    env.fill("#mt-new-customerName", "先加微信客户").await;
    env.fill("#mt-new-phoneGeo", "泉州").await;
    env.click("#mt-new-submit").await;
    env.wait_text("#mt-new-saved", "先加微信客户").await;
    env.click("#mt-new-mine").await;
    env.text("#mt-entries").await;
    let path = env.path().await;
    env.goto(&format!("{path}?wechat=wx_friend_01")).await;
    env.wait_text("#mt-entries", "先加微信客户").await;
    // One entry for the person: saving filled in the friend request's
    // entry instead of adding a second, nameless one.
    let rows = wait_texts(&env, "#mt-entries tbody tr", |t| !t.is_empty()).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    env.close().await;
}

/// Entries of `demo` (张经理) as the detail page counts them.
async fn demo_entry_count(env: &Env) -> i64 {
    env.goto("/manual-tasks").await;
    wait_texts(env, "#mt-people .mt-person-name", |t| !t.is_empty()).await;
    let id = person_id(env, "张经理").await;
    env.goto(&format!("/manual-tasks/{id}")).await;
    let status = env.text("#pager-total").await;
    // "共计 COUNT"
    status
        .split_whitespace()
        .last()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no count in {status:?}"))
}

/// Writes a CSV of `rows` data rows; `bad(i)` may spoil row `i`.
fn csv_file(
    dir: &tempfile::TempDir,
    rows: usize,
    bad: impl Fn(usize) -> Option<[String; 4]>,
) -> String {
    let mut text = String::from("客户姓名,手机号码,所在地区,公司,v1\n");
    for i in 0..rows {
        let [name, phone, geo, v1] = bad(i).unwrap_or_else(|| {
            [
                format!("导入客户{i}"),
                format!("150{i:08}"),
                "厦门".into(),
                String::new(),
            ]
        });
        text.push_str(&format!("{name},{phone},{geo},导入公司,{v1}\n"));
    }
    let path = dir.path().join("import.csv");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A CSV of `rows` rows in which every row but the first lacks its region,
/// so the rules refuse all of them but one without a request.
fn csv_without_regions(dir: &tempfile::TempDir, rows: usize) -> String {
    csv_file(dir, rows, |i| {
        (i > 0).then(|| {
            [
                format!("缺地区{i}"),
                format!("150{i:08}"),
                String::new(),
                String::new(),
            ]
        })
    })
}

/// Like `wait_text`, with room for a whole import on a busy machine (the
/// limit only stops a hung test; nothing here measures time).
async fn wait_long(env: &Env, css: &str, needle: &str) {
    let started = Instant::now();
    loop {
        if let Ok(el) = env.browser.find(Locator::Css(css)).await {
            if el.text().await.unwrap_or_default().contains(needle) {
                return;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "{css} never contained {needle:?}; page: {}",
            env.body_text().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of the first file the page handed to the browser (after
/// `keep_downloads`), once there is one.
async fn first_download(env: &Env) -> String {
    let text = env
        .browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const wait = () => window.__files.length
               ? window.__files[0].text().then(done, e => done('ERR ' + e))
               : setTimeout(wait, 50);
             wait();",
            vec![],
        )
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_owned()
}

/// Waits until the import may start: the rows are counted and the numbers
/// already known looked up.
async fn wait_startable(env: &Env) {
    let started = Instant::now();
    while env
        .js("const b = document.getElementById('mt-import-start'); return !b || b.disabled;")
        .await
        != serde_json::json!(false)
    {
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "the import never became possible; page: {}",
            env.body_text().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Starts the import once the page allows it.
async fn start_import(env: &Env) {
    wait_startable(env).await;
    env.click("#mt-import-start").await;
}

/// The browser's errors, but for the clinic look-up's "no such customer":
/// the reference server answers it with HTTP 404, which the browser logs as
/// a failed resource, and the import asks it for every new number.
async fn page_errors(env: &Env) -> Vec<String> {
    env.console_errors()
        .await
        .into_iter()
        .filter(|e| !(e.contains("/clinic_api/getCusInfoByCusTelnum?") && e.contains("404")))
        .collect()
}

async fn choose_file(env: &Env, path: &str) {
    env.goto("/manual-tasks/import").await;
    env.text("#mt-import-file").await;
    send_file(env, path).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_1000_rows_with_10_bad_ones_adds_990_and_reports_the_10() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let before = demo_entry_count(&env).await;
    let dir = tempfile::tempdir().unwrap();
    // Nine rows the shared rules refuse, one only the server refuses.
    let bad_rows: Vec<usize> = (0..10).map(|k| k * 97 + 5).collect();
    let path = csv_file(&dir, 1000, |i| {
        let k = bad_rows.iter().position(|b| *b == i)?;
        let ok_phone = format!("150{i:08}");
        Some(match k % 4 {
            0 => [String::new(), ok_phone, "厦门".into(), String::new()],
            1 => [
                format!("坏电话{i}"),
                "12345".into(),
                "厦门".into(),
                String::new(),
            ],
            2 => [format!("缺地区{i}"), ok_phone, String::new(), String::new()],
            _ if k == 3 => [format!("长v1{i}"), ok_phone, "厦门".into(), "x".repeat(501)],
            _ => [
                format!("坏电话{i}"),
                "021-1234".into(),
                "厦门".into(),
                String::new(),
            ],
        })
    });
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-file-info", "1000").await;
    env.wait_text("#mt-import-file-info", "9 行有问题").await;
    // Columns were guessed from the Chinese headers.
    assert_eq!(value(&env, "#mt-map-0").await, "customerName");
    assert_eq!(value(&env, "#mt-map-1").await, "customerPhone");
    assert_eq!(value(&env, "#mt-map-2").await, "phoneGeo");
    assert_eq!(value(&env, "#mt-map-4").await, "v1");
    env.wait_text("#mt-import-preview", "客户姓名不能为空")
        .await;
    // Another mapping is checked again: without the region every row is
    // refused, and with it back only the nine are.
    select(&env, "#mt-map-2", "").await;
    env.wait_text("#mt-import-file-info", "其中 1000 行有问题")
        .await;
    env.wait_text("#mt-import-preview", "所在地区不能为空")
        .await;
    select(&env, "#mt-map-2", "phoneGeo").await;
    env.wait_text("#mt-import-file-info", "其中 9 行有问题")
        .await;

    start_import(&env).await;
    wait_long(
        &env,
        "#mt-import-summary",
        "成功 990 行，跳过 0 行，失败 10 行",
    )
    .await;
    let lines = texts(&env, "#mt-import-failures tbody tr td:first-child").await;
    let want: Vec<String> = bad_rows.iter().map(|i| (i + 2).to_string()).collect();
    assert_eq!(lines, want, "exactly the bad rows, by file line");
    let reasons = texts(&env, "#mt-import-failures tbody tr td:last-child").await;
    assert!(reasons.iter().all(|r| !r.trim().is_empty()));
    assert!(reasons.iter().any(|r| r.contains("客户姓名不能为空")));
    assert!(reasons.iter().any(|r| r.contains("所在地区不能为空")));
    assert!(reasons
        .iter()
        .any(|r| r.contains("v1长度不能超过500个字符")));

    // The download holds the same rows with their reasons.
    env.keep_downloads().await;
    env.click("#mt-import-download").await;
    let csv = first_download(&env).await;
    assert!(csv.contains("失败原因"), "{csv}");
    assert_eq!(csv.lines().count(), 11, "header and 10 rows: {csv}");
    assert!(csv.contains("v1长度不能超过500个字符"));

    assert_eq!(demo_entry_count(&env).await, before + 990);
    env.close().await;
}

/// Many failed rows: the page lists the first 200 and says so, the
/// download holds every one of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_list_of_failed_rows_is_cut_on_the_page_but_not_in_the_download() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let dir = tempfile::tempdir().unwrap();
    let path = csv_without_regions(&dir, 251);
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-file-info", "其中 250 行有问题")
        .await;
    start_import(&env).await;
    wait_long(
        &env,
        "#mt-import-summary",
        "成功 1 行，跳过 0 行，失败 250 行",
    )
    .await;
    let listed = texts(&env, "#mt-import-failures tbody tr td:first-child").await;
    let want: Vec<String> = (3..203).map(|line| line.to_string()).collect();
    assert_eq!(listed, want, "the first 200 failed rows, by file line");
    env.wait_text("#mt-import-failures-more", "250 行失败中的前 200 行")
        .await;
    env.keep_downloads().await;
    env.click("#mt-import-download").await;
    let csv = first_download(&env).await;
    assert_eq!(csv.lines().count(), 251, "header and 250 rows");
    assert!(csv.contains("缺地区250"), "{csv}");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_an_import_stops_it_and_says_how_many_were_added() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let before = demo_entry_count(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(&dir, 1000, |_| None);
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-file-info", "1000").await;
    start_import(&env).await;
    // Wait until some rows went in, then cancel.
    let started = Instant::now();
    loop {
        let done: u64 = match env.browser.find(Locator::Css("#mt-import-progress")).await {
            Ok(el) => el
                .attr("value")
                .await
                .ok()
                .flatten()
                .and_then(|v| v.parse::<f64>().ok())
                .map(|v| v as u64)
                .unwrap_or_default(),
            Err(_) => 0,
        };
        if done >= 10 {
            break;
        }
        assert!(started.elapsed() < WAIT, "import does not progress");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    env.click("#mt-import-cancel").await;
    wait_long(&env, "#mt-import-summary", "导入已取消").await;
    let summary = env.text("#mt-import-summary").await;
    let added: i64 = summary
        .split("已添加")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no count in {summary:?}"));
    assert!((10..1000).contains(&added), "{summary}");
    assert_eq!(demo_entry_count(&env).await, before + added);
    env.close().await;
}

/// A workbook as Excel writes it (shared strings, phones as number cells,
/// deflated parts, a second sheet that must be ignored), with a blank row
/// and one row the shared rules refuse. Every good row is added, the bad
/// one is reported by its sheet row, and phones keep their digits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_an_xlsx_file_adds_its_rows_and_reports_the_bad_one() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let before = demo_entry_count(&env).await;
    let dir = tempfile::tempdir().unwrap();

    // Files that are not workbooks are refused in words, before any preview.
    let old = dir.path().join("old.xls");
    std::fs::write(&old, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old excel").unwrap();
    choose_file(&env, &old.display().to_string()).await;
    env.wait_text("#mt-import-load-error", ".xls").await;
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    choose_file(&env, &broken.display().to_string()).await;
    env.wait_text("#mt-import-load-error", "这个 XLSX 文件已损坏")
        .await;
    assert!(!env.exists("#mt-import-preview").await);

    let path = dir.path().join("名单.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("名单").unwrap();
    for (col, head) in ["客户姓名", "手机号码", "所在地区", "公司"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *head).unwrap();
    }
    // Sheet rows 2, 3, 5 and 6 (row 4 is left blank).
    sheet.write_string(1, 0, "表格客户甲").unwrap();
    sheet.write_number(1, 1, 13800138001.0).unwrap();
    sheet.write_string(1, 2, "厦门").unwrap();
    sheet.write_string(1, 3, "甲公司").unwrap();
    sheet.write_string(2, 0, "表格客户乙").unwrap();
    sheet.write_string(2, 1, "13800138002").unwrap();
    sheet.write_string(2, 2, "福州").unwrap();
    sheet.write_number(4, 1, 13800138003.0).unwrap(); // no name: refused
    sheet.write_string(4, 2, "泉州").unwrap();
    sheet.write_string(5, 0, "表格客户丁").unwrap();
    sheet.write_number(5, 1, 13800138004.0).unwrap();
    sheet.write_string(5, 2, "漳州").unwrap();
    let other = book.add_worksheet();
    other.write_string(0, 0, "不是这一页").unwrap();
    book.save(&path).unwrap();

    choose_file(&env, &path.display().to_string()).await;
    env.wait_text("#mt-import-file-info", "共 4 行").await;
    env.wait_text("#mt-import-file-info", "1 行有问题").await;
    assert_eq!(env.text("#mt-import-load-error").await, "");
    assert_eq!(value(&env, "#mt-map-0").await, "customerName");
    assert_eq!(value(&env, "#mt-map-1").await, "customerPhone");
    assert_eq!(value(&env, "#mt-map-2").await, "phoneGeo");
    // Number cells keep their digits (not 1.38e10).
    env.wait_text("#mt-import-preview", "13800138001").await;
    env.wait_text("#mt-import-preview", "客户姓名不能为空")
        .await;

    start_import(&env).await;
    wait_long(
        &env,
        "#mt-import-summary",
        "成功 3 行，跳过 0 行，失败 1 行",
    )
    .await;
    let lines = texts(&env, "#mt-import-failures tbody tr td:first-child").await;
    assert_eq!(lines, ["5"], "the bad row, by its row in the sheet");
    let reasons = texts(&env, "#mt-import-failures tbody tr td:last-child").await;
    assert!(reasons.iter().any(|r| r.contains("客户姓名不能为空")));
    assert_eq!(demo_entry_count(&env).await, before + 3);

    // The entry on the person's page carries the phone as digits.
    env.fill("#mt-filter-contact", "表格客户甲").await;
    env.click("#mt-filter-apply").await;
    wait_texts(&env, "#mt-entries .mt-phone", |t| t == ["13800138001"]).await;
    let errors = page_errors(&env).await;
    assert!(errors.is_empty(), "{errors:?}");
    env.close().await;
}

/// Not a check: the import benchmark `cargo xtask bench` runs. Imports
/// 5,000 valid rows through the page and prints rows per second, and the
/// longest main-thread task meanwhile, as a Markdown row for
/// docs/performance.md.
/// `SCRM_DIST=$PWD/dist cargo test --test manual_tasks -- --ignored --nocapture bench_import`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn bench_import_5000_rows() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(&dir, 5000, |_| None);
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-file-info", "5000").await;
    wait_startable(&env).await;
    watch_long_tasks(&env).await;
    let started = Instant::now();
    start_import(&env).await;
    wait_long(&env, "#mt-import-summary", "成功 5000 行").await;
    let took = started.elapsed().as_secs_f64();
    let longest = longest_task(&env).await;
    println!(
        "| manual-entry CSV import through the page, 5,000 rows, 4 requests in flight | {took:.1} s, {:.0} rows/s; longest main-thread task {longest:.0} ms (0 = none over 50 ms) |",
        5000.0 / took
    );
    env.close().await;
}

/// Starts collecting the page's long tasks (over 50 ms) from now on.
async fn watch_long_tasks(env: &Env) {
    env.browser
        .execute(
            "const w = window.__long = [];
             new PerformanceObserver(list => {
               for (const e of list.getEntries()) w.push(e.duration);
             }).observe({ type: 'longtask' });",
            vec![],
        )
        .await
        .unwrap();
}

/// The longest task [`watch_long_tasks`] saw, 0 for none.
async fn longest_task(env: &Env) -> f64 {
    env.browser
        .execute("return Math.max(0, ...window.__long);", vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap_or(f64::NAN)
}

/// Not a check: a 20,000-row CSV whose rows all but one lack their region
/// is imported (the rules refuse them without a request) and the longest
/// main-thread task from start to summary is printed for
/// docs/performance.md. `cargo xtask bench`, or alone as the others.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn bench_import_20000_refused_rows() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let dir = tempfile::tempdir().unwrap();
    let path = csv_without_regions(&dir, 20_000);
    choose_file(&env, &path).await;
    wait_long(&env, "#mt-import-file-info", "其中 19999 行有问题").await;
    wait_startable(&env).await;
    watch_long_tasks(&env).await;
    let started = Instant::now();
    start_import(&env).await;
    wait_long(&env, "#mt-import-summary", "失败 19999 行").await;
    let took = started.elapsed().as_secs_f64() * 1000.0;
    let longest = longest_task(&env).await;
    println!(
        "| import ending with 19,999 rows refused by the rules (20,000-row CSV, region column empty), start to summary | {took:.0} ms; longest main-thread task {longest:.0} ms (0 = none over 50 ms) |"
    );
    env.close().await;
}

/// Opens the import page and starts watching it: a 1 ms timer counts while
/// the page's thread is free, the ticks are noted when a CSV's text goes to
/// a worker and when that worker answers, long tasks are collected, and the
/// time from the file's `change` to the preview's row count is taken.
async fn watch_import_read(env: &Env, rows: usize) {
    env.goto("/manual-tasks/import").await;
    env.text("#mt-import-file").await;
    env.browser
        .execute(
            &format!(
                "const w = window.__read = {{ ticks: 0, tasks: [], start: null, shown: null,
                                            posted: null, answered: null }};
                 setInterval(() => w.ticks++, 1);
                 new PerformanceObserver(list => {{
                   for (const e of list.getEntries()) w.tasks.push([e.startTime, e.duration]);
                 }}).observe({{ type: 'longtask', buffered: true }});
                 document.querySelector('#mt-import-file')
                   .addEventListener('change', () => {{ w.start = performance.now(); }}, true);
                 new MutationObserver(() => {{
                   const info = document.querySelector('#mt-import-file-info');
                   if (w.shown === null && info && info.textContent.includes('共 {rows} 行，其中')) {{
                     w.shown = performance.now();
                   }}
                 }}).observe(document.body, {{ childList: true, subtree: true, characterData: true }});
                 const Base = window.Worker;
                 window.Worker = class extends Base {{
                   constructor(...a) {{
                     super(...a);
                     this.addEventListener('message', () => {{
                       if (this.__text && w.answered === null) w.answered = w.ticks;
                     }});
                   }}
                   postMessage(m, ...r) {{
                     if (typeof m === 'string') {{ this.__text = true; w.posted = w.ticks; }}
                     return super.postMessage(m, ...r);
                   }}
                 }};"
            ),
            vec![],
        )
        .await
        .unwrap();
}

/// What [`watch_import_read`] saw.
async fn import_read_seen(env: &Env) -> serde_json::Value {
    env.browser
        .execute(
            "const w = window.__read;
             const tasks = w.tasks.filter(t => w.shown !== null && t[0] + t[1] >= w.start && t[0] <= w.shown);
             return { posted: w.posted, answered: w.answered,
                      ms: w.shown === null ? null : w.shown - w.start,
                      longest: tasks.length ? Math.max(...tasks.map(t => t[1])) : null };",
            vec![],
        )
        .await
        .unwrap()
}

async fn send_file(env: &Env, path: &str) {
    env.browser
        .find(Locator::Css("#mt-import-file"))
        .await
        .unwrap()
        .send_keys(path)
        .await
        .unwrap();
}

/// A CSV of the most rows an import takes is parsed by the reader worker:
/// the page's own timer keeps running between handing over the text and the
/// rows coming back (parsed on the page's thread, no ticks could happen in
/// between, and no text would go to a worker at all), and every row is
/// previewed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_20000_row_csv_is_read_while_the_page_keeps_running() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(&dir, 20_000, |_| None);
    watch_import_read(&env, 20_000).await;
    send_file(&env, &path).await;
    wait_long(&env, "#mt-import-file-info", "共 20000 行").await;
    let seen = import_read_seen(&env).await;
    let posted = seen["posted"].as_i64();
    let answered = seen["answered"].as_i64();
    assert!(
        posted.is_some(),
        "the CSV text never went to a worker: {seen}"
    );
    assert!(
        answered > posted,
        "the page's timer stood still while the CSV was read: {seen}"
    );
    // The preview table shows the first 50 rows; the count covers all.
    let shown = texts(&env, "#mt-import-preview tbody tr").await;
    assert_eq!(shown.len(), 50);
    assert!(shown[0].contains("导入客户0"), "{shown:?}");
    let errors = page_errors(&env).await;
    assert!(errors.is_empty(), "{errors:?}");
    env.close().await;
}

/// Not a check: a 20,000-row CSV, then the same rows as an XLSX file,
/// chosen in the import page until its preview shows the row count, with
/// the longest main-thread task meanwhile.
/// `cargo xtask bench`, or alone as in docs/performance.md.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn bench_import_preview_20000_rows() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let dir = tempfile::tempdir().unwrap();
    let csv = csv_file(&dir, 20_000, |_| None);
    let xlsx = dir.path().join("import.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in std::fs::read_to_string(&csv).unwrap().lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    for (kind, path) in [("CSV", csv), ("XLSX", xlsx.display().to_string())] {
        let size = std::fs::metadata(&path).unwrap().len() as f64 / (1024.0 * 1024.0);
        let mut times = Vec::new();
        let mut longest = Vec::new();
        for _ in 0..5 {
            watch_import_read(&env, 20_000).await;
            send_file(&env, &path).await;
            wait_long(&env, "#mt-import-file-info", "共 20000 行，其中").await;
            let seen = import_read_seen(&env).await;
            times.push(seen["ms"].as_f64().unwrap_or(f64::NAN));
            longest.push(seen["longest"].as_f64().unwrap_or(0.0));
        }
        times.sort_by(f64::total_cmp);
        longest.sort_by(f64::total_cmp);
        println!(
            "| manual-entry {kind} import, 20,000 rows ({size:.1} MB), file chosen (`change`) to the preview's row count shown, 5 runs | median {:.0} ms (min {:.0}, max {:.0}); longest main-thread task median {:.0} ms, max {:.0} ms (0 = none over 50 ms) |",
            times[2], times[0], times[4], longest[2], longest[4]
        );
    }
    env.close().await;
}

/// Not a check: screenshots of the manual-entry pages at desktop and 360 px
/// widths into target/screenshots, for a person to look at.
/// `SCRM_DIST=$PWD/dist cargo test --test manual_tasks -- --ignored screenshots`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn screenshots() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto("/manual-tasks").await;
    wait_texts(&env, "#mt-people .mt-person-name", |t| !t.is_empty()).await;
    let id = person_id(&env, "张经理").await;
    for (w, h) in [(1280, 900), (360, 740)] {
        env.browser.set_window_size(w, h).await.unwrap();
        for (name, path) in [
            ("mt-list", "/manual-tasks".to_owned()),
            ("mt-detail", format!("/manual-tasks/{id}")),
            ("mt-new", "/manual-tasks/new".to_owned()),
            ("mt-import", "/manual-tasks/import".to_owned()),
        ] {
            env.goto(&path).await;
            env.text("main section h1").await;
            tokio::time::sleep(Duration::from_millis(500)).await;
            env.screenshot(&format!("{name}-{w}")).await;
        }
    }
    env.close().await;
}

/// A workbook of hand-written parts, deflated: what no spreadsheet program
/// writes but anyone can send.
fn raw_xlsx(sheet: &str, shared: &str) -> Vec<u8> {
    let deflate = |d: &[u8]| miniz_oxide::deflate::compress_to_vec(d, 6);
    scrm_api::xlsx::zip(
        &[
            (
                "xl/workbook.xml",
                b"<workbook><sheets><sheet name=\"s\"/></sheets></workbook>".as_slice(),
            ),
            ("xl/sharedStrings.xml", shared.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
        Some(&deflate),
    )
}

/// A reader worker that stops after it started (what running out of
/// memory looks like to the page: an `error` event) is reported as a file
/// too large for the tab, never as the network; one that never loads is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_stops_is_reported_as_memory_not_network() {
    let env = Env::demo().await;
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(&dir, 3, |_| None);
    for (stop, said, not_said) in [
        ("after_ready", "所需内存超过了这个标签页的上限", "网络"),
        ("at_start", "请检查网络", "内存"),
    ] {
        env.goto("/manual-tasks/import").await;
        env.text("#mt-import-file").await;
        env.browser
            .execute(
                "const stop = arguments[0];
                 const Base = window.Worker;
                 window.Worker = class extends Base {
                   constructor(...a) {
                     super(...a);
                     if (stop === 'at_start') {
                       this.terminate();
                       setTimeout(() => this.dispatchEvent(new Event('error')), 0);
                     }
                   }
                   postMessage(m) {
                     setTimeout(() => this.dispatchEvent(new Event('error')), 0);
                   }
                 };",
                vec![serde_json::json!(stop)],
            )
            .await
            .unwrap();
        send_file(&env, &path).await;
        env.wait_text("#mt-import-load-error", said).await;
        let text = env.text("#mt-import-load-error").await;
        assert!(!text.contains(not_said), "{stop}: {text}");
        assert!(!env.exists("#mt-import-preview").await);
    }
    env.close().await;
}

/// A small XLSX (57 KB) whose one 2 MB shared string is referenced by
/// 20,000 rows of 4 cells: 160 GB of text if every cell were made.
fn shared_string_bomb() -> Vec<u8> {
    let big = "啊".repeat(700_000);
    let shared = format!("<sst><si><t>客户姓名</t></si><si><t>{big}</t></si></sst>");
    let cells = "<c t=\"s\"><v>1</v></c>".repeat(4);
    let sheet = (2..20_002)
        .map(|r| format!("<row r=\"{r}\">{cells}</row>"))
        .fold(
            String::from("<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row>"),
            |sheet, row| sheet + &row,
        )
        + "</sheetData></worksheet>";
    raw_xlsx(&sheet, &shared)
}

/// A small XLSX whose shared-string part unpacks to 60 MB, one string of
/// it, under the 64 MB a part may unpack to: the most text a part can make
/// the reader hold.
fn long_string_bomb() -> Vec<u8> {
    let shared = format!(
        "<sst><si><t>客户姓名</t></si><si><t>{}</t></si></sst>",
        "a".repeat(60 * 1024 * 1024)
    );
    let sheet = "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row>\
                 <row r=\"2\"><c t=\"s\"><v>1</v></c></row></sheetData></worksheet>";
    raw_xlsx(sheet, &shared)
}

/// Not a check: the memory a tab needs while the reader refuses each bomb
/// above, the peak above the import page's own baseline taken before the
/// file is chosen (renderer processes, so the reader worker included; and
/// every Chromium process). Linux only (/proc). `cargo xtask bench`, or alone
/// as in docs/performance.md.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn bench_import_bomb_memory() {
    let env = Env::demo().await;
    let dir = tempfile::tempdir().unwrap();
    for (what, bytes) in [
        (
            "one 2 MB shared string in 80,000 cells",
            shared_string_bomb(),
        ),
        ("one shared string unpacking to 60 MB", long_string_bomb()),
    ] {
        let size = bytes.len() as f64 / 1024.0;
        let path = dir.path().join("bomb.xlsx");
        std::fs::write(&path, bytes).unwrap();
        let path = path.display().to_string();
        let mut peaks = Vec::new();
        for _ in 0..3 {
            env.goto("/manual-tasks/import").await;
            env.text("#mt-import-file").await;
            // Let the page's own start-up settle before the baseline.
            tokio::time::sleep(Duration::from_secs(2)).await;
            let watch = support::memory::PeakWatch::start(env.driver_pid());
            send_file(&env, &path).await;
            wait_long(&env, "#mt-import-load-error", "文件太大").await;
            // The worker is ended as soon as it answers; wait for that too.
            tokio::time::sleep(Duration::from_secs(1)).await;
            peaks.push(watch.finish());
        }
        let most =
            |f: fn(&support::memory::Peak) -> f64| peaks.iter().map(f).fold(0.0_f64, f64::max);
        println!(
            "| memory while an XLSX bomb is refused ({what}, {size:.0} KB file), peak resident memory above the import page's baseline, worst of 3 | tab (renderer with the reader worker) {:.0} MB; all Chromium processes {:.0} MB |",
            most(|p| p.tab_mb),
            most(|p| p.all_mb)
        );
    }
    env.close().await;
}

/// Hostile files are refused in one sentence in the user's language, with
/// nothing of them in a preview: a PNG renamed .xlsx, random bytes renamed
/// .csv, a file over the size limit, a ZIP without a workbook, and a small
/// XLSX whose one 2 MB shared string is referenced by 80,000 cells. A workbook with a formula error
/// and a formula without a stored result marks those rows, naming the cell.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_files_are_refused_in_words_and_error_cells_name_the_cell() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let dir = tempfile::tempdir().unwrap();
    let refused = |name: &str, bytes: Vec<u8>| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    png.extend((0..4000_u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    choose_file(&env, &refused("photo.xlsx", png)).await;
    env.wait_text("#mt-import-load-error", "这个文件不是表格")
        .await;
    assert!(!env.exists("#mt-import-preview").await);
    assert!(!env.exists("#mt-import-file-info").await);

    let noise: Vec<u8> = (0..20_000_u32)
        .map(|i| (i.wrapping_mul(2_246_822_519) >> 13) as u8)
        .collect();
    choose_file(&env, &refused("noise.csv", noise)).await;
    env.wait_text("#mt-import-load-error", "这个文件不是表格")
        .await;
    assert!(!env.exists("#mt-import-preview").await);

    let huge = vec![b'a'; 17 * 1024 * 1024];
    choose_file(&env, &refused("huge.csv", huge)).await;
    env.wait_text(
        "#mt-import-load-error",
        "文件有 17.0 MB，只能导入不超过 16.0 MB",
    )
    .await;

    let no_book = scrm_api::xlsx::zip(&[("docProps/app.xml", b"<Properties/>".as_slice())], None);
    choose_file(&env, &refused("no-book.xlsx", no_book)).await;
    env.wait_text(
        "#mt-import-load-error",
        "这个 XLSX 文件不完整：缺少 xl/workbook.xml 部分",
    )
    .await;

    let bomb = shared_string_bomb();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    choose_file(&env, &refused("bomb.xlsx", bomb)).await;
    wait_long(
        &env,
        "#mt-import-load-error",
        "文件太大，无法导入（80001 个单元格 / ",
    )
    .await;
    let said = env.text("#mt-import-load-error").await;
    assert!(!said.contains("网络"), "{said}");
    assert!(!said.contains("cells") && !said.contains("large"), "{said}");
    assert!(!env.exists("#mt-import-preview").await);

    let sheet = r#"<worksheet><sheetData>
<row r="1"><c t="inlineStr"><is><t>客户姓名</t></is></c><c t="inlineStr"><is><t>手机号码</t></is></c><c t="inlineStr"><is><t>所在地区</t></is></c></row>
<row r="2"><c r="A2" t="e"><f>NAME()</f><v>#NAME?</v></c><c r="B2"><v>13800138011</v></c><c r="C2" t="inlineStr"><is><t>厦门</t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>公式客户</t></is></c><c r="B3"><f>A1*2</f></c><c r="C3" t="inlineStr"><is><t>厦门</t></is></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>正常客户</t></is></c><c r="B4"><v>13800138012</v></c><c r="C4" t="inlineStr"><is><t>厦门</t></is></c></row>
</sheetData></worksheet>"#;
    choose_file(&env, &refused("errors.xlsx", raw_xlsx(sheet, "<sst/>"))).await;
    env.wait_text("#mt-import-file-info", "共 3 行，其中 2 行有问题")
        .await;
    env.wait_text("#mt-import-preview", "单元格 A2 是公式错误值")
        .await;
    env.wait_text("#mt-import-preview", "单元格 B3 的公式没有保存计算结果")
        .await;
    assert_eq!(env.text("#mt-import-load-error").await, "");
    let errors = page_errors(&env).await;
    assert!(errors.is_empty(), "{errors:?}");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_phone_is_named_as_soon_as_it_is_complete_and_saving_still_works() {
    let env = Env::demo().await;
    env.goto("/manual-tasks/new").await;
    // Half a number asks nothing.
    env.fill("#mt-new-customerPhone", "138 0000").await;
    env.text("#mt-new-known").await;
    // A customer's number, typed as people type it: named, with its record.
    env.fill("#mt-new-customerPhone", "+86 138-0000-0001").await;
    env.wait_text("#mt-new-known", "已是客户").await;
    let href = env
        .js("return document.querySelector('#mt-new-known a').getAttribute('href');")
        .await;
    assert!(
        href.as_str()
            .is_some_and(|h| h.starts_with("/customers/") && h.ends_with("phone=13800000001")),
        "{href}"
    );
    // A manual entry's number: the newest number's answer replaces it.
    env.fill("#mt-new-customerPhone", "13800000003").await;
    env.wait_text("#mt-new-known", "已在手动录入中：手动录入演示")
        .await;
    assert!(!env.text("#mt-new-known").await.contains("已是客户"));
    // A new number: nothing to say.
    env.fill("#mt-new-customerPhone", "13911119999").await;
    env.wait_js(
        "return document.getElementById('mt-new-known').textContent.trim() === '';",
        "no warning for a new number",
    )
    .await;
    // The warning never blocks saving.
    env.fill("#mt-new-customerName", "重复号码客户").await;
    env.fill("#mt-new-customerPhone", "13800000001").await;
    env.fill("#mt-new-phoneGeo", "厦门").await;
    env.wait_text("#mt-new-known", "已是客户").await;
    env.click("#mt-new-submit").await;
    env.wait_text("#mt-new-saved", "重复号码客户").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_repeating_a_phone_are_skipped_unless_the_user_keeps_them() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let before = demo_entry_count(&env).await;
    // A template to start from: every column, headed as the import reads it.
    env.goto("/manual-tasks/import").await;
    env.keep_downloads().await;
    env.click("#mt-import-template").await;
    let template = first_download(&env).await;
    let header = template
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(header.starts_with("客户姓名,"), "{header}");
    assert!(header.split(',').count() > 10, "{header}");
    let dir = tempfile::tempdir().unwrap();
    // Row 3 has row 0's number as people write it; row 7 has row 5's.
    let path = csv_file(&dir, 10, |i| {
        let phone = match i {
            3 => "+86 150-0000-0000".to_owned(),
            7 => "15000000005".to_owned(),
            _ => return None,
        };
        Some([format!("重复{i}"), phone, "厦门".into(), String::new()])
    });
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-repeats", "2 行").await;
    env.wait_text("#mt-import-start", "8 行").await;
    env.wait_text("#mt-import-preview", "手机号与第 2 行相同")
        .await;
    start_import(&env).await;
    wait_long(
        &env,
        "#mt-import-summary",
        "成功 8 行，跳过 2 行，失败 0 行",
    )
    .await;
    assert!(
        !env.exists("#mt-import-failures").await,
        "skipped is not failed"
    );
    assert_eq!(demo_entry_count(&env).await, before + 8);

    // The same file again: every number is now a manual entry, found
    // before anything is sent, and nothing is imported twice by default.
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-skip-known", "").await;
    env.wait_text("#mt-import-known", "10 行").await;
    env.wait_text("#mt-import-start", "0 行").await;
    env.wait_text("#mt-import-preview", "跳过：已在手动录入中：导入客户0")
        .await;
    assert!(
        env.js("return document.getElementById('mt-import-start').disabled;")
            .await
            == serde_json::json!(true),
        "nothing left to import"
    );
    assert_eq!(demo_entry_count(&env).await, before + 8);

    // Kept on purpose: every row goes in.
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-repeats", "2 行").await;
    env.wait_text("#mt-import-known", "10 行").await;
    env.click("#mt-import-skip-repeats").await;
    env.click("#mt-import-skip-known").await;
    env.wait_text("#mt-import-start", "10 行").await;
    assert!(!env.text("#mt-import-preview").await.contains("相同"));
    assert!(!env.text("#mt-import-preview").await.contains("跳过"));
    // Still said, so the user sees whom they import again.
    assert!(env
        .text("#mt-import-preview")
        .await
        .contains("已在手动录入中"));
    start_import(&env).await;
    wait_long(&env, "#mt-import-summary", "成功 10 行，跳过 0 行").await;
    assert_eq!(demo_entry_count(&env).await, before + 18);
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_of_people_already_known_are_named_and_skipped_unless_kept() {
    let env = Env::demo().await;
    let before = demo_entry_count(&env).await;
    let dir = tempfile::tempdir().unwrap();
    // Row 0: a customer, typed as people type it; row 1: sales1's manual
    // entry; the rest are new.
    let path = csv_file(&dir, 4, |i| {
        let phone = match i {
            0 => "+86 138-0000-0001",
            1 => "13800000003",
            _ => return None,
        };
        Some([
            format!("已知{i}"),
            phone.into(),
            "厦门".into(),
            String::new(),
        ])
    });
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-known", "2 行").await;
    env.wait_text("#mt-import-start", "2 行").await;
    let verdicts = wait_texts(&env, "#mt-import-preview tbody td.verdict", |v| {
        v.len() == 4
    })
    .await;
    assert!(verdicts[0].starts_with("跳过：已是客户："), "{verdicts:?}");
    assert_eq!(verdicts[1], "跳过：已在手动录入中：手动录入演示");
    assert_eq!(verdicts[2..], ["可导入", "可导入"]);
    start_import(&env).await;
    wait_long(
        &env,
        "#mt-import-summary",
        "成功 2 行，跳过 2 行，失败 0 行",
    )
    .await;
    assert_eq!(demo_entry_count(&env).await, before + 2);

    // Unticked: the known rows go in too (the same person may rightly be
    // entered again), the note stays.
    choose_file(&env, &path).await;
    env.wait_text("#mt-import-known", "4 行").await;
    env.click("#mt-import-skip-known").await;
    env.wait_text("#mt-import-start", "4 行").await;
    assert!(!env.text("#mt-import-preview").await.contains("跳过"));
    start_import(&env).await;
    wait_long(
        &env,
        "#mt-import-summary",
        "成功 4 行，跳过 0 行，失败 0 行",
    )
    .await;
    assert_eq!(demo_entry_count(&env).await, before + 6);
    env.close().await;
}

/// The page's look-ups, slowed down: how many were ever in flight at once,
/// how many were asked, how many were aborted.
async fn slow_lookups(env: &Env) {
    env.wrap_fetch(
        "window.__lk = { now: 0, most: 0, asked: 0, aborted: 0 };",
        "if (!url.includes('getCustomerInfoByCall')) return real(input, init);
         const lk = window.__lk;
         lk.asked++; lk.now++; lk.most = Math.max(lk.most, lk.now);
         const signal = (init && init.signal) || input.signal;
         let settled = false;
         return new Promise((resolve, reject) => {
           const t = setTimeout(() => { settled = true; lk.now--; resolve(real(input, init)); }, 300);
           if (signal) signal.addEventListener('abort', () => {
             if (settled) return;
             settled = true; clearTimeout(t); lk.now--; lk.aborted++;
             reject(new DOMException('aborted', 'AbortError'));
           });
         });",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn look_ups_go_a_few_at_a_time_can_be_stopped_and_end_with_the_page() {
    let env = Env::demo().await;
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(&dir, 60, |_| None);
    env.goto("/manual-tasks/import").await;
    env.text("#mt-import-file").await;
    slow_lookups(&env).await;
    send_file(&env, &path).await;
    env.wait_text("#mt-import-known-checking", "/ 60").await;
    // Nothing starts while numbers are being looked up.
    assert_eq!(
        env.js("return document.getElementById('mt-import-start').disabled;")
            .await,
        serde_json::json!(true)
    );
    env.wait_js(
        "return document.getElementById('mt-import-known-progress').value >= 4;",
        "look-ups progress",
    )
    .await;
    env.click("#mt-import-known-stop").await;
    env.wait_text("#mt-import-known-unchecked", "个号码未查找")
        .await;
    let lk = env.js("return window.__lk;").await;
    assert!(lk["most"].as_u64().unwrap() <= 4, "{lk}");
    assert_eq!(lk["now"], 0, "stopping aborts the look-ups in flight: {lk}");
    assert!(lk["aborted"].as_u64().unwrap() >= 1, "{lk}");
    let asked = lk["asked"].as_u64().unwrap();
    assert!(asked < 60, "{lk}");
    // The rest are imported unchecked if the user wants; or looked up again.
    env.wait_js(
        "return !document.getElementById('mt-import-start').disabled;",
        "the import can start after a stop",
    )
    .await;
    env.click("#mt-import-known-again").await;
    env.wait_text("#mt-import-known-checking", "/ ").await;
    let total = env.text("#mt-import-known-checking").await;
    assert!(!total.contains("/ 60"), "only the rest: {total}");
    // Leaving the page ends the look-ups: those in flight are aborted and
    // no more are asked. (A slow build may show the count before the
    // first of them has left.)
    env.wait_js("return window.__lk.now > 0;", "look-ups in flight")
        .await;
    env.click("main a[href='/manual-tasks']").await;
    env.wait_for("section[data-route='/manual-tasks']", "the list")
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let left = env.js("return window.__lk;").await;
    assert_eq!(left["now"], 0, "{left}");
    assert!(left["aborted"].as_u64() > lk["aborted"].as_u64(), "{left}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    let later = env.js("return window.__lk;").await;
    assert_eq!(later["asked"], left["asked"], "nothing asked after leaving");
    env.close().await;
}
