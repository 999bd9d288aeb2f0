//! Chat history viewer (`/chat`) end to end, against the reference server's
//! demo conversations in real headless Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{Env, WAIT};

/// JSON from the reference server through the signed-in browser.
async fn fetch_json(env: &Env, path: &str) -> Value {
    env.browser
        .execute_async(
            "const cb = arguments[arguments.length - 1];
             fetch(arguments[0], {credentials: 'include'}).then(r => r.json()).then(cb, e => cb(String(e)));",
            vec![json!(path)],
        )
        .await
        .expect("fetch")
}

fn id(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The `/chat` path of the busy demo customer (the newest of tenant one).
async fn busy_chat(env: &Env) -> String {
    let v = fetch_json(env, "/wechat_api/customer/customerPage?pageNo=1&limit=1").await;
    let row = &v["data"][0];
    assert_eq!(row["customerName"], scrm_server::demo::BUSY_CHAT_CUSTOMER);
    format!(
        "/chat?wechatUserIds={}&wechatContactIds={}",
        id(&row["wechatUserId"]),
        id(&row["wechatContactId"])
    )
}

async fn js(env: &Env, script: &str) -> Value {
    env.browser.execute(script, vec![]).await.expect("script")
}

async fn count(env: &Env, css: &str) -> u64 {
    let v = env
        .browser
        .execute(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![json!(css)],
        )
        .await
        .expect("count");
    v.as_u64().unwrap_or(0)
}

/// Polls `script` until it returns true.
async fn wait_js(env: &Env, script: &str, what: &str) {
    let started = Instant::now();
    loop {
        if js(env, script).await == Value::Bool(true) {
            return;
        }
        assert!(started.elapsed() < WAIT, "never true: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sets a date input the way a picker does (typing into one depends on the
/// browser's locale).
async fn set_date(env: &Env, id: &str, day: &str) {
    env.browser
        .execute(
            "const i = document.getElementById(arguments[0]); i.value = arguments[1];
             i.dispatchEvent(new Event('input', {bubbles: true})); return true;",
            vec![json!(id), json!(day)],
        )
        .await
        .expect("set date");
}

const FIRST_KEY: &str =
    "const r = document.querySelector('.chat-list .msg-row'); return r ? r.dataset.key : null;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_message_type_renders_as_inert_text_with_safe_links() {
    let env = Env::demo().await;
    let path = busy_chat(&env).await;
    env.goto(&path).await;
    env.text(".chat-list .msg").await;
    // The newest fourteen messages of the demo chat hold one of each kind.
    for kind in [
        "text",
        "image",
        "voice",
        "video",
        "emoji",
        "link",
        "file",
        "mini-program",
        "system",
        "recalled",
        "contact-card",
        "location",
        "unsupported",
    ] {
        assert!(
            env.exists(&format!(".chat-list .msg-{kind}")).await,
            "a {kind} message is shown"
        );
    }
    assert!(env.exists(".msg-sent").await && env.exists(".msg-received").await);
    env.wait_text(
        ".msg-unsupported .bubble",
        "此面板暂时无法显示这类消息 (50)",
    )
    .await;
    // A contact card names whom it introduces, with the WeChat id to add;
    // a location names the place and its address and links to a map there.
    env.wait_text(".msg-contact-card .contact-card-name", "陈医生 & 助理")
        .await;
    env.wait_text(
        ".msg-contact-card .contact-card-id",
        "微信号 chen_doctor_88",
    )
    .await;
    env.wait_text(".msg-location .location-place", "星河医美(湖滨店)")
        .await;
    env.wait_text(".msg-location .location-address", "湖滨南路90号")
        .await;
    let map = js(
        &env,
        "return document.querySelector('.msg-location a.location-map').getAttribute('href');",
    )
    .await;
    assert_eq!(
        map.as_str().unwrap_or_default(),
        "https://uri.amap.com/marker?position=118.089425,24.479834&name=%E6%98%9F%E6%B2%B3%E5%8C%BB%E7%BE%8E%28%E6%B9%96%E6%BB%A8%E5%BA%97%29"
    );
    env.wait_text(".msg-file .bubble", "报价单_").await;
    let size = env.text(".msg-file .file-size").await;
    assert!(size.ends_with("KB") || size.ends_with("MB"), "{size}");
    let voice = env.text(".msg-voice .bubble").await;
    assert!(voice.contains(':'), "voice shows its duration: {voice}");
    env.wait_text(".msg-mini-program .bubble", "星河医美预约")
        .await;
    env.wait_text(".msg-system .bubble", "现在可以开始聊天了")
        .await;
    env.wait_text(".msg-recalled .bubble", "撤回了一条消息")
        .await;
    // Days and times.
    let day = env.text(".chat-day").await;
    assert_eq!(day.len(), 10, "a yyyy-MM-dd separator: {day}");
    let time = env.text(".msg-received time").await;
    assert!(time.len() == 5 && time.as_bytes()[2] == b':', "{time}");
    // Markup in messages is text.
    env.wait_text(".msg-link .bubble", "<b>点击</b>查看活动详情")
        .await;
    assert_eq!(count(&env, ".chat-list b, .chat-list script").await, 0);
    assert_eq!(count(&env, ".chat-list [onerror]").await, 0);
    // Links only to http(s), opened without an opener; media only from http(s)
    // (the demo's media are root-relative paths, resolved against the API
    // base: here the panel's own origin).
    let links = js(
        &env,
        "return Array.from(document.querySelectorAll('.chat-list a')).map(a => [a.getAttribute('href'), a.rel, a.target]);",
    )
    .await;
    let links = links.as_array().cloned().unwrap_or_default();
    assert!(!links.is_empty(), "the link card is a link");
    for l in &links {
        let href = l[0].as_str().unwrap_or_default();
        assert!(
            href.starts_with("http://") || href.starts_with("https://"),
            "{l}"
        );
        assert_eq!(l[1], "noopener noreferrer");
        assert_eq!(l[2], "_blank");
    }
    let media = js(
        &env,
        "return Array.from(document.querySelectorAll('.chat-list img, .chat-list audio, .chat-list video')).map(e => e.getAttribute('src'));",
    )
    .await;
    let media = media.as_array().cloned().unwrap_or_default();
    assert!(!media.is_empty(), "the demo's pictures are shown");
    for src in media {
        let src = src.as_str().unwrap_or_default();
        assert!(
            src.starts_with(&env.url("/wechat_api/demo-media/")),
            "media from {src}"
        );
    }
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_messages_page_search_jump_and_export() {
    let env = Env::demo().await;
    let path = busy_chat(&env).await;
    env.goto(&path).await;
    env.text(".chat-list .msg").await;
    assert!(count(&env, ".msg").await < 500);
    let newest_first_key = js(&env, FIRST_KEY).await;

    // Scrolling to the top loads the previous page; the message that was at
    // the top stays where the reader saw it.
    let before = js(
        &env,
        "const s = document.querySelector('.chat-scroll'); s.scrollTop = 0;
         const r = document.querySelector('.chat-list .msg-row');
         window.__anchor = [r.dataset.key, r.getBoundingClientRect().top - s.getBoundingClientRect().top];
         return window.__anchor;",
    )
    .await;
    assert_eq!(before[0], newest_first_key);
    wait_js(
        &env,
        "const [k, off] = window.__anchor; const s = document.querySelector('.chat-scroll');
         const r = document.querySelector(`.msg-row[data-key=\"${k}\"]`);
         const first = document.querySelector('.chat-list .msg-row');
         return !!r && first !== r && Math.abs(r.getBoundingClientRect().top - s.getBoundingClientRect().top - off) < 3;",
        "older messages above the anchor, which kept its place",
    )
    .await;
    assert!(count(&env, ".msg").await < 500);

    // Search covers the whole conversation: the first search loads the
    // older pages, then matches are highlighted, stepping both ways.
    env.fill("#chat-search", "优惠").await;
    env.click("#chat-search-next").await;
    env.wait_text(".msg.current-hit mark.hit", "优惠").await;
    assert!(
        count(&env, ".msg").await < 500,
        "bounded DOM after the search"
    );
    let current = "return document.querySelector('.msg.current-hit').parentElement.dataset.key;";
    let first_hit = js(&env, current).await;
    wait_js(
        &env,
        "const m = /^(\\d+)\\/(\\d+)$/.exec(document.getElementById('chat-search-count').textContent.trim());
         return !!m && +m[1] === 1 && +m[2] > 100;",
        "the count says which match of how many, over the whole conversation",
    )
    .await;
    env.click("#chat-search-next").await;
    wait_js(
        &env,
        &format!(
            "const c = document.querySelector('.msg.current-hit');
             return !!c && c.parentElement.dataset.key !== {first_hit};"
        ),
        "next moves to another match",
    )
    .await;
    env.click("#chat-search-prev").await;
    wait_js(
        &env,
        &format!(
            "const c = document.querySelector('.msg.current-hit');
             return !!c && c.parentElement.dataset.key === {first_hit};"
        ),
        "previous comes back to the first match",
    )
    .await;

    // Jumping to a date before the conversation shows its start.
    set_date(&env, "chat-jump-date", "2000-01-01").await;
    env.click("#chat-jump-go").await;
    let started = Instant::now();
    while !env.exists(".chat-end").await {
        assert!(count(&env, ".msg").await < 500, "bounded DOM while loading");
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "history never ended"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(count(&env, ".msg").await < 500, "bounded DOM at the top");
    assert!(count(&env, ".msg").await > 50);

    // The middle of the conversation: jump to the day of message 5,000.
    let middle = fetch_json(
        &env,
        &format!(
            "/wechat_api/message/getRedisMessageRecord?{}&limit=1&pageNo=5000",
            path.trim_start_matches("/chat?")
        ),
    )
    .await;
    let ms = middle["data"][0]["createTime"].as_i64().expect("a time");
    let day = scrm_api::time::Timestamp::from_epoch_ms(ms)
        .expect("a valid time")
        .date()
        .to_owned();
    set_date(&env, "chat-jump-date", &day).await;
    env.click("#chat-jump-go").await;
    wait_js(
        &env,
        &format!("return Array.from(document.querySelectorAll('.chat-day')).some(d => d.textContent.includes('{day}')) && !document.querySelector('.chat-end');"),
        "the middle day is shown",
    )
    .await;
    assert!(count(&env, ".msg").await < 500, "bounded DOM in the middle");
    env.assert_no_console_errors().await;
    env.close().await;
}

/// Chooses `entry` (`text` or `csv`) in the export menu with the mouse.
async fn export_by_mouse(env: &Env, entry: &str) {
    env.click("#chat-export-button").await;
    env.click(&format!("#chat-export-{entry}")).await;
}

/// The ids in an exported CSV, after its header.
fn csv_ids(csv: &str) -> Vec<i64> {
    csv.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next()?.parse().ok())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_covers_the_whole_conversation_with_progress_cancel_and_keys() {
    let env = Env::demo().await;
    let path = busy_chat(&env).await;
    env.goto(&path).await;
    env.text(".chat-list .msg").await;
    // Only the newest page is loaded.
    assert!(env.exists("#chat-load-older").await);
    // The export's third page waits until the test lets it go.
    env.keep_downloads().await;
    env.wrap_fetch(
        "let release; window.__gate = new Promise(r => { release = r; });
         window.__release = release; window.__held = 0;",
        "if (url.includes('getRedisMessageRecord') && url.includes('limit=500') && url.includes('pageNo=3')
             && window.__held++ === 0) {
           return window.__gate.then(() => real(input, init))
             .finally(() => { window.__heldDone = true; });
         }
         return real(input, init);",
    )
    .await;
    export_by_mouse(&env, "csv").await;
    // Progress in messages of the conversation's total; cancel stops it.
    env.wait_text("#chat-export-count", "1000 / 10000").await;
    assert!(env.exists("#chat-export-progress").await);
    env.click("#chat-export-cancel").await;
    env.wait_gone("#chat-export-progress").await;
    env.wait_text("#chat-export-status", "取消").await;
    env.js("window.__release(); return true;").await;
    env.wait_js("return window.__heldDone === true;", "the held page let go")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        env.js("return window.__files.length;").await,
        json!(0),
        "a cancelled export saved a file"
    );
    // The view is usable again: the next export runs to the end and holds
    // every message once, oldest first, no gaps (the demo's ids of one chat
    // are consecutive), though the view still has only its first page.
    export_by_mouse(&env, "csv").await;
    let csv = String::from_utf8(env.download(0).await).expect("utf-8");
    let ids = csv_ids(&csv);
    assert_eq!(ids.len(), scrm_server::demo::BUSY_CHAT_MESSAGES);
    assert!(
        ids.windows(2).all(|w| w[1] == w[0] + 1),
        "in order, no gaps or repeats"
    );
    env.wait_text("#chat-export-status", "10000").await;
    assert!(
        env.exists("#chat-load-older").await,
        "the view kept its place"
    );

    // By keyboard: Enter opens the menu on its first entry (text), the
    // arrow moves, Enter chooses.
    env.browser
        .execute(
            "document.getElementById('chat-export-button').focus();",
            vec![],
        )
        .await
        .expect("focus");
    env.press("\u{E007}").await;
    env.wait_js(
        "return document.activeElement && document.activeElement.id === 'chat-export-text';",
        "focus on the first entry",
    )
    .await;
    env.press("\u{E015}").await;
    env.wait_js(
        "return document.activeElement && document.activeElement.id === 'chat-export-csv';",
        "the arrow moves to the next entry",
    )
    .await;
    env.press("\u{E013}").await;
    env.press("\u{E007}").await;
    let text = String::from_utf8(env.download(1).await).expect("utf-8");
    assert_eq!(text.lines().count(), scrm_server::demo::BUSY_CHAT_MESSAGES);
    let names = env.js("return window.__names;").await;
    assert_eq!(names, json!(["chat.csv", "chat.txt"]));
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_and_shows_a_message_in_a_page_not_yet_loaded() {
    let env = Env::demo().await;
    let path = busy_chat(&env).await;
    // A file among the conversation's oldest messages (its name holds its
    // place in the conversation, so it is found once).
    let oldest = fetch_json(
        &env,
        &format!(
            "/wechat_api/message/getRedisMessageRecord?{}&limit=200&pageNo=50",
            path.trim_start_matches("/chat?")
        ),
    )
    .await;
    let file = oldest["data"]
        .as_array()
        .expect("a page")
        .iter()
        .find(|m| m["fileName"].is_string())
        .expect("a file among the oldest 200");
    let (key, name) = (
        id(&file["msgId"]),
        file["fileName"].as_str().unwrap().to_owned(),
    );
    env.goto(&path).await;
    env.text(".chat-list .msg").await;
    let selector = format!(".msg-row[data-key='{key}']");
    assert!(!env.exists(&selector).await, "not loaded yet");

    env.fill("#chat-search", &name).await;
    env.press("\u{E007}").await;
    env.wait_for(&format!("{selector} .msg.current-hit"), "the match shown")
        .await;
    env.wait_text("#chat-search-count", "1/1").await;
    env.wait_text(".msg.current-hit mark.hit", &name).await;
    let visible = env
        .js(&format!(
            "const r = document.querySelector(\"{selector}\").getBoundingClientRect();
             const s = document.querySelector('.chat-scroll').getBoundingClientRect();
             return r.bottom > s.top && r.top < s.bottom;"
        ))
        .await;
    assert_eq!(visible, json!(true), "scrolled into view");
    assert!(count(&env, ".msg").await < 500, "bounded DOM");
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_toolbar_is_one_bar_that_fits_at_360_px() {
    let env = Env::demo().await;
    let path = busy_chat(&env).await;
    env.browser.set_window_size(360, 740).await.unwrap();
    env.goto(&path).await;
    env.text(".chat-list .msg").await;
    // Every control is inside the window, nothing scrolls sideways, and
    // the open export menu fits too.
    let fits = "const w = document.documentElement.clientWidth;
         const inside = Array.from(document.querySelectorAll('.chat-toolbar input, .chat-toolbar button'))
             .filter(e => e.offsetParent)
             .every(e => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= w; });
         return inside && document.documentElement.scrollWidth <= w;";
    assert_eq!(
        env.js(fits).await,
        json!(true),
        "the toolbar fits at 360 px"
    );
    env.click("#chat-export-button").await;
    env.wait_for("#chat-export-csv", "the open menu").await;
    let menu = env
        .js(
            "const r = document.getElementById('chat-export-list').getBoundingClientRect();
             return r.left >= 0 && r.right <= document.documentElement.clientWidth;",
        )
        .await;
    assert_eq!(menu, json!(true), "the export menu fits at 360 px");
    // One bar: its controls are named, and none is a primary button.
    assert_eq!(count(&env, ".chat-toolbar .btn.primary").await, 0);
    let unnamed = env
        .js(
            "return Array.from(document.querySelectorAll('.chat-toolbar button'))
             .filter(b => !(b.getAttribute('aria-label') || b.textContent.trim())).length;",
        )
        .await;
    assert_eq!(unnamed, json!(0), "every button has a name");
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_page_keeps_messages_and_retries_empty_and_filtered_views() {
    let env = Env::demo().await;
    let path = busy_chat(&env).await;
    env.goto(&path).await;
    env.text(".chat-list .msg").await;
    let shown = count(&env, ".msg").await;
    // The next page fails: the error is said in words, messages stay.
    js(
        &env,
        "window.__fetch = window.fetch;
         window.fetch = (...a) => String(a[0] && a[0].url || a[0]).includes('getRedisMessageRecord')
             ? Promise.reject(new TypeError('offline')) : window.__fetch(...a);
         return true;",
    )
    .await;
    assert!(
        env.exists("#chat-load-older").await,
        "more history is offered"
    );
    js(
        &env,
        "document.querySelector('.chat-scroll').scrollTop = 0; return true;",
    )
    .await;
    env.text(".chat-top .error-view").await;
    assert_eq!(count(&env, ".msg").await, shown, "loaded messages kept");
    js(&env, "window.fetch = window.__fetch; return true;").await;
    env.click(".chat-top .error-view button").await;
    env.wait_gone(".chat-top .error-view").await;
    wait_js(
        &env,
        &format!("return document.querySelectorAll('.msg').length > {shown};"),
        "older messages after retry",
    )
    .await;

    // A conversation with no messages.
    env.goto("/chat?wechatUserIds=999999&wechatContactIds=999999")
        .await;
    env.text(".chat-empty").await;
    assert_eq!(count(&env, ".msg").await, 0);
    // A link without ids says so.
    env.goto("/chat?wechatUserIds=1").await;
    env.text(".chat-page .notice").await;

    // The time range is kept in the URL and limits the messages.
    env.goto(&path).await;
    let day = env.text(".chat-day").await;
    set_date(&env, "chat-from", &day).await;
    set_date(&env, "chat-to", &day).await;
    env.click("#chat-filter-apply").await;
    env.wait_path(&format!("{path}&from={day}&to={day}")).await;
    env.text(".chat-end").await;
    let days = js(
        &env,
        "return Array.from(document.querySelectorAll('.chat-day')).map(d => d.textContent);",
    )
    .await;
    assert_eq!(days, json!([day]), "only the chosen day");
    let errors = env.console_errors().await;
    // The forced network failure is the only error the browser logged, if any.
    assert!(
        errors
            .iter()
            .all(|e| e.contains("offline") || e.contains("getRedisMessageRecord")),
        "{errors:?}"
    );
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn picture_thumbnail_loads_lazily_and_opens_a_larger_view_in_a_dialog() {
    let env = Env::demo().await;
    let path = busy_chat(&env).await;
    env.goto(&path).await;
    // The newest dozen messages (in view at the bottom) hold a picture.
    env.text(".chat-list .msg-image .msg-thumb").await;
    js(
        &env,
        "const all = document.querySelectorAll('.chat-list .msg-image .msg-thumb');
         all[all.length - 1].dataset.test = 'thumb'; return true;",
    )
    .await;
    let thumb = ".msg-thumb[data-test=thumb]";
    let lazy = js(
        &env,
        "return document.querySelector('.msg-thumb[data-test=thumb] img').getAttribute('loading');",
    )
    .await;
    assert_eq!(lazy, json!("lazy"));
    wait_js(
        &env,
        "const i = document.querySelector('.msg-thumb[data-test=thumb] img');
         return i.complete && i.naturalWidth === 120;",
        "the thumbnail in view has loaded from the demo media route",
    )
    .await;
    // Pictures far above the visible part are not fetched (lazy loading).
    let far = js(
        &env,
        "const s = document.querySelector('.chat-scroll').getBoundingClientRect();
         return Array.from(document.querySelectorAll('.chat-list .msg-thumb img'))
           .filter(i => s.top - i.getBoundingClientRect().bottom > 4000)
           .map(i => performance.getEntriesByName(i.src).length === 0 && i.naturalWidth === 0);",
    )
    .await;
    let far = far.as_array().cloned().unwrap_or_default();
    assert!(
        !far.is_empty(),
        "the demo (fixed seed) has a picture among the first page's older messages"
    );
    for not_loaded in far {
        assert_eq!(not_loaded, json!(true), "a far-off thumbnail was fetched");
    }
    // The large picture is not fetched until asked for.
    let large_fetched = "return performance.getEntriesByType('resource')
         .some(e => e.name.includes('/demo-media/image-'));";
    assert_eq!(js(&env, large_fetched).await, json!(false));
    assert!(!env.exists("dialog.msg-image-dialog").await);

    // Opening: a modal dialog holding keyboard focus, the picture loaded.
    let opener = env
        .browser
        .find(fantoccini::Locator::Css(thumb))
        .await
        .expect("thumbnail");
    opener.click().await.expect("open");
    wait_js(
        &env,
        "const d = document.querySelector('dialog.msg-image-dialog');
         return !!d && d.open && d.matches(':modal') && d.contains(document.activeElement);",
        "an open modal dialog with focus inside",
    )
    .await;
    wait_js(
        &env,
        "const i = document.querySelector('dialog .msg-image-large');
         return !!i && i.complete && i.naturalWidth === 640;",
        "the larger picture is shown",
    )
    .await;
    assert_eq!(js(&env, large_fetched).await, json!(true));
    // Esc closes it, and focus goes back to the thumbnail that opened it.
    let active = env.browser.active_element().await.expect("focus");
    active.send_keys("\u{E00C}").await.expect("Esc");
    env.wait_gone("dialog.msg-image-dialog").await;
    wait_js(
        &env,
        "const a = document.activeElement; return !!a && a.classList.contains('msg-thumb');",
        "focus returned to the thumbnail",
    )
    .await;
    // The close button works too, and also returns focus.
    opener.click().await.expect("open again");
    env.click("dialog .msg-image-close").await;
    env.wait_gone("dialog.msg-image-dialog").await;
    wait_js(
        &env,
        "return document.activeElement.classList.contains('msg-thumb');",
        "focus back after the close button",
    )
    .await;
    env.assert_no_console_errors().await;
    env.close().await;
}

/// The name a salesperson calls a customer by, as the list shows it.
fn display_name(row: &Value) -> String {
    ["remarkName", "customerName", "nickName"]
        .iter()
        .filter_map(|k| row[*k].as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_name_from_the_link_names_the_customer_side() {
    let env = Env::demo().await;
    let v = fetch_json(&env, "/wechat_api/customer/customerPage?pageNo=1&limit=1").await;
    let row = &v["data"][0];
    let name = display_name(row);
    assert!(!name.is_empty());

    // From the customer list's row: the name rides in the URL.
    env.goto("/customers").await;
    env.click("tbody tr:first-child a.row-chat").await;
    env.text(".chat-list .msg").await;
    let path = env.path().await;
    assert!(path.contains("&name="), "{path}");
    env.wait_text(".chat-list .msg-received .msg-name", &name)
        .await;
    env.wait_text(".chat-list .msg-sent .msg-name", "我").await;
    let avatar = env.text(".chat-list .msg-received .avatar").await;
    assert_eq!(avatar, name.chars().take(1).collect::<String>());

    // The URL alone restores it (a reload, or a link pasted elsewhere).
    env.goto(&path).await;
    env.wait_text(".chat-list .msg-received .msg-name", &name)
        .await;
    // The time filter keeps the name.
    let day = env.text(".chat-day").await;
    set_date(&env, "chat-from", &day).await;
    env.click("#chat-filter-apply").await;
    wait_js(
        &env,
        "return location.search.includes('from=') && location.search.includes('name=');",
        "filter and name in the URL",
    )
    .await;
    env.wait_text(".chat-list .msg-received .msg-name", &name)
        .await;

    // The edit page links with the name too.
    env.goto(&format!(
        "/customers/{}?phone={}",
        id(&row["customerId"]),
        row["customerPhone"].as_str().unwrap_or_default()
    ))
    .await;
    env.click("#edit-chat").await;
    env.wait_text(".chat-list .msg-received .msg-name", &name)
        .await;

    // Without a name the customer's side says 客户; markup in a name is text.
    env.goto(&busy_chat(&env).await).await;
    env.wait_text(".chat-list .msg-received .msg-name", "客户")
        .await;
    env.goto(&format!(
        "{}&name=%3Cb%3E%E5%BC%A0%3C%2Fb%3E",
        busy_chat(&env).await
    ))
    .await;
    env.wait_text(".chat-list .msg-received .msg-name", "<b>张</b>")
        .await;
    assert_eq!(count(&env, ".msg-name b").await, 0);
    env.assert_no_console_errors().await;
    env.close().await;
}

/// A customer with a WeChat contact and no remark name (so the name shown
/// is the customer's name), renamed and renumbered as a colleague would:
/// the picker tests search for values no other demo customer has.
async fn picker_customer(env: &Env, name: &str, phone: &str) {
    let v = fetch_json(env, "/wechat_api/customer/customerPage?pageNo=1&limit=50").await;
    let rows = v["data"].as_array().cloned().unwrap_or_default();
    let row = rows
        .iter()
        .skip(1)
        .find(|r| {
            !r["wechatContactId"].is_null()
                && r["remarkName"]
                    .as_str()
                    .unwrap_or_default()
                    .trim()
                    .is_empty()
        })
        .expect("a demo customer with a contact and no remark name");
    let status = env
        .post_json(
            "/wechat_api/customer/updateCustomer",
            json!({ "customerId": row["customerId"], "customerName": name, "customerPhone": phone }),
        )
        .await;
    assert_eq!(status, json!(200));
}

const PICKED: &str = "柳拾遗";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_picker_finds_a_customer_by_name_or_phone_and_opens_their_chat() {
    let env = Env::demo().await;
    picker_customer(&env, PICKED, "13527244977").await;
    // The customer list's chat link for the same customer.
    env.goto(&format!("/customers?name={PICKED}")).await;
    let row_chat = env
        .wait_for("#customer-table a.row-chat", "chat link")
        .await;
    let list_link = row_chat.attr("href").await.unwrap().expect("href");

    // /chat alone: a labelled search box, no parameter names, no dead end.
    env.goto("/chat").await;
    env.wait_for("#chat-find", "search box").await;
    assert!(env.exists("label[for='chat-find']").await);
    let body = env.body_text().await;
    assert!(!body.contains("wechatUserIds"), "{body}");
    assert!(!body.contains("wechatContactIds"), "{body}");

    // By part of the name.
    env.fill("#chat-find", "拾遗").await;
    env.wait_text("#chat-pick-results .chat-pick-name", PICKED)
        .await;
    assert_eq!(
        env.texts("#chat-pick-results .chat-pick-phone").await,
        vec!["13527244977"]
    );
    // The search is in the URL, so Back from the conversation returns here.
    wait_js(
        &env,
        "return location.search.startsWith('?find=');",
        "the search in the URL",
    )
    .await;

    // By the phone as people write it.
    env.fill("#chat-find", "+86 135 2724 4977").await;
    wait_js(
        &env,
        "return new URLSearchParams(location.search).get('find') === '+86 135 2724 4977'
             && document.querySelectorAll('#chat-pick-results .chat-pick-name').length === 1;",
        "the phone search's one result",
    )
    .await;
    assert_eq!(
        env.texts("#chat-pick-results .chat-pick-name").await,
        vec![PICKED]
    );
    let result = env.wait_for("a.chat-pick-result", "result link").await;
    assert_eq!(result.attr("href").await.unwrap(), Some(list_link.clone()));

    // Keyboard: ↓ from the box to the result, Enter opens it.
    let bx = env.wait_for("#chat-find", "search box").await;
    bx.send_keys("\u{E015}").await.expect("ArrowDown");
    wait_js(
        &env,
        "return document.activeElement.matches('a.chat-pick-result');",
        "focus on the result",
    )
    .await;
    let active = env.browser.active_element().await.expect("focus");
    active.send_keys("\u{E007}").await.expect("Enter");
    wait_js(
        &env,
        "return location.search.includes('wechatContactIds=');",
        "the conversation opened",
    )
    .await;
    assert_eq!(env.path().await, list_link);
    // Whose chat it is: in the heading and the tab's title.
    env.wait_text("#chat-heading", PICKED).await;
    let title = js(&env, "return document.title;").await;
    assert!(
        title.as_str().unwrap_or_default().contains(PICKED),
        "{title}"
    );
    env.wait_for(".chat-list .msg, .chat-empty", "the conversation")
        .await;
    assert!(!env.body_text().await.contains("wechatUserIds"));

    // Back: the search and its result again; the tab title is the app's.
    env.browser.back().await.expect("back");
    env.wait_text("#chat-pick-results .chat-pick-name", PICKED)
        .await;
    assert_eq!(env.value("#chat-find").await, "+86 135 2724 4977");
    let title = js(&env, "return document.title;").await;
    assert!(
        !title.as_str().unwrap_or_default().contains(PICKED),
        "{title}"
    );
    env.assert_no_console_errors().await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_picker_shows_only_the_newest_answer_and_says_when_nothing_matches() {
    let env = Env::demo().await;
    picker_customer(&env, PICKED, "13527244977").await;
    env.goto("/chat").await;
    env.wait_for("#chat-find", "search box").await;
    // The first search's answer is held back until after the second's: it
    // must be aborted, never shown.
    env.wrap_fetch(
        "window.__picks = []; window.__aborted = 0;",
        "if (!url.includes('customerPage')) return real(input, init);
         window.__picks.push(url);
         if (window.__picks.length > 1) return real(input, init);
         const signal = (init && init.signal) || input.signal;
         if (signal) signal.addEventListener('abort', () => window.__aborted++);
         return new Promise(r => setTimeout(r, 1500)).then(() => real(input, init));",
    )
    .await;
    env.fill("#chat-find", "陈").await;
    wait_js(
        &env,
        "return window.__picks.length === 1;",
        "first search sent",
    )
    .await;
    env.fill("#chat-find", "拾遗").await;
    env.wait_text("#chat-pick-results .chat-pick-name", PICKED)
        .await;
    wait_js(
        &env,
        "return window.__aborted === 1;",
        "the older search aborted",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1800)).await;
    assert_eq!(
        env.texts("#chat-pick-results .chat-pick-name").await,
        vec![PICKED],
        "the older answer never replaced the newer"
    );

    // Nothing found, in words.
    env.fill("#chat-find", "查无此人zz").await;
    env.wait_text(".chat-pick-none", "查无此人zz").await;

    // A failure in words with a retry that works.
    env.wrap_fetch(
        "window.__fail = true;",
        "if (url.includes('customerPage') && window.__fail) {
           window.__fail = false; return Promise.reject(new TypeError('offline'));
         }
         return window.__realFetch(input, init);",
    )
    .await;
    env.fill("#chat-find", "柳拾").await;
    env.wait_for(".chat-picker .error-view button", "retry")
        .await;
    env.click(".chat-picker .error-view button").await;
    env.wait_text("#chat-pick-results .chat-pick-name", PICKED)
        .await;

    // Usable at 360 px: nothing scrolls sideways.
    env.browser.set_window_size(360, 740).await.unwrap();
    let wide = js(
        &env,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
    )
    .await;
    assert_eq!(wide, json!(0), "no sideways scrolling at 360 px");
    env.close().await;
}
