//! The call screen-pop end to end, in headless Chromium against the
//! reference server and its demo data: every trigger (dial box, `/call`,
//! window message), every `source`, the switch, the embedding protocol with
//! a real second origin, and the dialog's keyboard behaviour.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::{json, Value};
use support::{Env, WAIT};

/// Demo numbers (server/src/demo.rs): a customer record, a lead in demo's
/// assigned pool, a manual entry; and one nobody has.
const CUSTOMER: &str = "13800000001";
const POOL: &str = "13800000002";
const MANUAL: &str = "13800000003";
const NOBODY: &str = "13911112222";

const OPEN: &str = "#call-pop[open]";

/// Runs `script` (which may `await`) in the current page and returns what
/// it returns.
async fn js(env: &Env, script: &str) -> Value {
    let wrapped = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{ {script} }})().then(done, e => done('error: ' + e));"
    );
    env.browser
        .execute_async(&wrapped, vec![])
        .await
        .expect("script runs")
}

/// What the server says the switch is, asked with the browser's session.
async fn server_switch(env: &Env) -> Value {
    js(
        env,
        "const r = await fetch('/wechat_api/customer/getIsOpenAfterCall');
         return (await r.json()).data;",
    )
    .await
}

/// Sets the switch through /settings and waits until the server has it.
async fn set_switch(env: &Env, on: bool) {
    env.goto("/settings").await;
    let boxed = wait_enabled(env, "#settings-auto-open").await;
    if boxed.is_selected().await.unwrap() != on {
        boxed.click().await.unwrap();
    }
    let want = json!(i64::from(on));
    let started = Instant::now();
    while server_switch(env).await != want {
        assert!(
            started.elapsed() < WAIT,
            "the server never saw the switch {on}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until a control is there and enabled (the switch is disabled until
/// its value has been read).
async fn wait_enabled(env: &Env, css: &str) -> fantoccini::elements::Element {
    let started = Instant::now();
    loop {
        if let Ok(el) = env.browser.find(Locator::Css(css)).await {
            if el.is_enabled().await.unwrap_or(false) {
                return el;
            }
        }
        assert!(started.elapsed() < WAIT, "{css} never became enabled");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn dial(env: &Env, number: &str) {
    env.fill("#dial-input", number).await;
    env.click("#dial-button").await;
}

async fn press_escape(env: &Env) {
    env.press("\u{E00C}").await;
}

/// Serves, on `listener` (a port of 127.0.0.1 of its own, i.e. a second
/// origin), the "CRM" page that embeds the panel. It records every message
/// the panel posts in `window.received` and sends `scrm:call` with
/// `call(phone)`. Returns the page's URL.
fn embedding_page(listener: TcpListener, panel: &str) -> String {
    let port = listener.local_addr().unwrap().port();
    let html = format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>CRM</title>
<script>
window.received = [];
addEventListener('message', e => received.push({{origin: e.origin, data: e.data}}));
function call(phone) {{
  document.getElementById('panel').contentWindow.postMessage({{type: 'scrm:call', phone}}, '*');
}}
</script></head><body>
<iframe id="panel" title="SCRM" src="{panel}/customers?embed=1" style="width:360px;height:640px;border:0"></iframe>
</body></html>"#
    );
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn origin_of(listener: &TcpListener) -> String {
    format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port())
}

/// The messages the embedding page has received from the panel.
async fn received(env: &Env) -> Vec<Value> {
    match env
        .browser
        .execute("return window.received.map(m => m.data);", vec![])
        .await
        .unwrap()
    {
        Value::Array(v) => v,
        _ => Vec::new(),
    }
}

async fn wait_received(env: &Env, want: impl Fn(&Value) -> bool, what: &str) {
    let started = Instant::now();
    loop {
        if received(env).await.iter().any(&want) {
            return;
        }
        assert!(
            started.elapsed() < WAIT,
            "the embedding page never got {what}: {:?}",
            received(env).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_source_pops_up_with_its_content() {
    let env = Env::demo().await;
    set_switch(&env, true).await;
    // Give the known customer one tag, to see it named, and a star.
    let tag = js(
        &env,
        "const tags = (await (await fetch('/wechat_api/customer/tagList')).json()).data;
         const page = await (await fetch('/wechat_api/customer/customerPage?customerPhone=13800000001')).json();
         const r = await fetch('/wechat_api/customer/updateCustomer', {method: 'POST',
           headers: {'Content-Type': 'application/json'},
           body: JSON.stringify({customerId: page.data[0].customerId, tags: String(tags[0].tagId),
             wechatContactId: page.data[0].wechatContactId, isStar: '1'})});
         // demo's own manual entry for the same person, not dialled yet.
         const m = await fetch('/wechat_api/customer/addManualTask', {method: 'POST',
           headers: {'Content-Type': 'application/json'},
           body: JSON.stringify({customerName: '陈聊天多', customerPhone: '138 0000 0001', phoneGeo: '上海'})});
         return (await r.json()).code === 200 && (await m.json()).code === 200 ? tags[0].tagName : null;",
    )
    .await;
    let tag = tag.as_str().expect("a demo tag").to_owned();

    // Spaces, dashes and +86 are normalised before the lookup.
    env.goto("/call?phone=%2B86%20138-0000%200001").await;
    env.text("#call-pop .call-records[data-source='1']").await;
    env.wait_text("#call-pop-phone", CUSTOMER).await;
    env.wait_text("#call-pop .call-source", "客户资料").await;
    env.wait_text("#call-pop", "陈聊天多").await;
    // A card: tags as chips, the key facts, the latest three messages (as
    // the chat history API answers them), demo's pending manual entry.
    env.wait_text("#call-pop .call-record .call-tags .tag-chip", &tag)
        .await;
    env.wait_text("#call-pop .call-facts", "最后更新").await;
    env.wait_text("#call-pop .call-remarks", "聊天记录一万条")
        .await;
    env.wait_text("#call-pop .call-manual", "未拨打").await;
    let newest = js(
        &env,
        "const page = await (await fetch('/wechat_api/customer/customerPage?customerPhone=13800000001')).json();
         const c = page.data[0];
         const q = `wechatUserIds=${c.wechatUserId}&wechatContactIds=${c.wechatContactId}&limit=3&pageNo=1`;
         const m = await (await fetch('/wechat_api/message/getRedisMessageRecord?' + q)).json();
         return m.data.filter(x => String(x.msgType) === '1').map(x => x.content);",
    )
    .await;
    let started = Instant::now();
    while env.texts("#call-pop .call-message").await.len() != 3 {
        assert!(started.elapsed() < WAIT, "three messages never showed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let shown = env.text("#call-pop .call-message-list").await;
    for text in newest.as_array().unwrap() {
        let line = text.as_str().unwrap().lines().next().unwrap_or_default();
        assert!(shown.contains(line), "{line} not in {shown}");
    }
    // Actions are buttons on the card.
    assert!(env.exists("#call-pop .card-actions .phone-copy").await);
    assert!(
        env.exists("#call-pop .card-actions .phone-call[href='tel:13800000001']")
            .await
    );
    assert!(env.exists("#call-pop .call-link-edit").await);
    assert!(env.exists("#call-pop .call-link-chat").await);
    // The star the server sends (isStar) shows, named for screen readers.
    env.wait_text("#call-pop .call-record-name .call-star", "星标")
        .await;
    assert!(!env.exists("#call-pop .call-no-edit").await);
    // The chat link carries the customer's display name.
    let chat_href = env
        .browser
        .execute(
            "return document.querySelector('#call-pop .call-link-chat').getAttribute('href');",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        chat_href.as_str().unwrap_or_default().contains("&name="),
        "{chat_href}"
    );

    // Focus is in the dialog and Tab, either way, keeps it there.
    for key in ["\u{E004}"; 6].into_iter().chain(["\u{E008}\u{E004}"; 6]) {
        let inside = env
            .browser
            .execute(
                "return !!document.activeElement.closest('#call-pop');",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(inside, json!(true), "focus left the pop-up");
        let active = env.browser.active_element().await.unwrap();
        active.send_keys(key).await.unwrap();
    }

    // Esc closes; focus goes back to what had it.
    press_escape(&env).await;
    env.wait_gone(OPEN).await;
    env.click("#call-show").await;
    env.text(OPEN).await;
    press_escape(&env).await;
    env.wait_gone(OPEN).await;
    let focused = env.browser.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("call-show")
    );

    env.goto(&format!("/call?phone={POOL}")).await;
    env.text("#call-pop .call-records[data-source='2']").await;
    env.wait_text("#call-pop .call-source", "分配给我的").await;
    env.wait_text("#call-pop", "客户池演示").await;
    // A pool lead is no customer record and has no WeChat contact: the row
    // says so instead of just lacking the links.
    env.wait_text("#call-pop .call-no-edit", "还没有这个号码的客户资料")
        .await;
    env.wait_text("#call-pop .call-no-chat", "没有聊天记录")
        .await;
    assert!(!env.exists("#call-pop .call-link-edit").await);
    assert!(!env.exists("#call-pop .call-link-chat").await);
    assert!(!env.exists("#call-pop .call-star").await);

    env.goto(&format!("/call?phone={MANUAL}")).await;
    env.text("#call-pop .call-records[data-source='3']").await;
    env.wait_text("#call-pop", "手动录入演示").await;
    env.wait_text("#call-pop", "拨打状态").await;
    assert!(env.exists("#call-pop .call-link-tasks").await);

    // Nobody: offers to add the number, prefilled; the clinic module is on in
    // the default config.json, so "add customer" too.
    env.goto(&format!("/call?phone={NOBODY}")).await;
    env.text("#call-pop .call-records[data-source='0']").await;
    let href = env
        .browser
        .find(Locator::Css("#call-pop .call-add-manual-task"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(href.contains(NOBODY), "{href}");
    assert!(env.exists("#call-pop .call-add-customer").await);
    // Nobody at the clinic has the number either: no clinic block at all.
    env.wait_gone("#call-pop .call-clinic").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!env.exists("#call-pop .call-clinic").await);
    // "Add manual task" opens the form with the number filled in.
    env.click("#call-pop .call-add-manual-task").await;
    env.wait_gone(OPEN).await;
    env.text("section[data-route='/manual-tasks/new']").await;
    let started = Instant::now();
    while env.value("#mt-new-customerPhone").await != NOBODY {
        assert!(started.elapsed() < WAIT, "the number was not filled in");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    env.close().await;
}

/// A vendor backend may answer source 2 for a number that also has a
/// customer record (the reference server answers 1 then): the pool row
/// links to that record's edit page and chat, found through customerPage.
/// getCustomerInfoByCall is answered in the page, the rest by the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pool_lead_links_to_the_customer_record_with_its_number() {
    let env = Env::demo().await;
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    wait_enabled(&env, "#call-page-auto-open").await;
    env.wrap_fetch(
        "window.failPage = true;",
        "if (url.includes('getCustomerInfoByCall')) {
           const body = {code: 200, msg: '操作成功!', data: {source: 2, customerList: [
             {customerId: 424242, customerName: '池中线索', customerPhone: '13800000001',
              company: '池公司', adminUserId: 2}]}};
           return Promise.resolve(new Response(JSON.stringify(body),
             {status: 200, headers: {'Content-Type': 'application/json'}}));
         }
         if (url.includes('customerPage') && window.failPage) {
           return Promise.reject(new TypeError('offline'));
         }
         return real(input, init);",
    )
    .await;
    // The record check fails: said in the row, with retry; no verdict yet.
    env.click("#call-show").await;
    env.text("#call-pop .call-records[data-source='2'] .call-record .error-view")
        .await;
    assert!(!env.exists("#call-pop .call-no-edit").await);
    env.browser
        .execute("window.failPage = false;", vec![])
        .await
        .unwrap();
    env.click("#call-pop .call-record .error-view button").await;
    env.text("#call-pop .call-records[data-source='2'] .call-link-edit")
        .await;
    env.wait_text("#call-pop", "池中线索").await;
    let href = |css: &'static str| {
        let env = &env;
        async move {
            env.browser
                .find(Locator::Css(css))
                .await
                .unwrap()
                .attr("href")
                .await
                .unwrap()
                .unwrap_or_default()
        }
    };
    let edit = href("#call-pop .call-link-edit").await;
    assert!(
        edit.starts_with("/customers/") && !edit.contains("424242") && edit.contains(CUSTOMER),
        "{edit}"
    );
    let chat = href("#call-pop .call-link-chat").await;
    assert!(chat.starts_with("/chat?wechatUserIds="), "{chat}");
    assert!(!env.exists("#call-pop .call-no-edit").await);
    assert!(!env.exists("#call-pop .call-no-chat").await);
    // It leads to the record.
    env.click("#call-pop .call-link-edit").await;
    env.wait_gone(OPEN).await;
    env.text("section[data-route='/customers/:id']").await;
    env.wait_path(&edit).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dial_box_explains_what_is_not_a_number_and_pops_up_over_the_page() {
    let env = Env::demo().await;
    set_switch(&env, true).await;
    env.goto("/customers").await;
    env.text("section[data-route='/customers']").await;
    env.capture_tel().await;
    // What is not a number is explained, not dialled or looked up.
    dial(&env, "138 abc 0000").await;
    env.wait_text("#dial-error", "数字").await;
    assert!(!env.exists(OPEN).await);
    assert_eq!(env.tel_launched().await, json!([]));
    // Enter dials the normalised number through a tel: link; the pop-up
    // opens over the page, which stays.
    env.fill("#dial-input", "+86 138 0000 0002\u{E007}").await;
    env.text("#call-pop .call-records[data-source='2']").await;
    env.wait_text("#call-pop-phone", POOL).await;
    assert_eq!(env.tel_launched().await, json!(["tel:13800000002"]));
    assert_eq!(env.path().await, "/customers");
    env.text("section[data-route='/customers']").await;
    // The Call button too, and a new call replaces the pop-up's.
    press_escape(&env).await;
    env.wait_gone(OPEN).await;
    dial(&env, "138-0000-0001").await;
    env.text("#call-pop .call-records[data-source='1']").await;
    assert_eq!(
        env.tel_launched().await,
        json!(["tel:13800000002", "tel:13800000001"])
    );
    assert_eq!(env.path().await, "/customers");
    env.close().await;
}

/// A phone system sends whatever number rang: the number the vendor stored
/// as typed (the document's own `11111122222`), a landline with an
/// extension and a 400 number are all asked about as digits, and the answer
/// (shaped like the document's examples) is shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_number_that_rang_is_asked_about_as_digits() {
    let env = Env::demo().await;
    set_switch(&env, true).await;
    env.goto("/customers").await;
    env.text("section[data-route='/customers']").await;
    env.capture_tel().await;
    env.wrap_fetch(
        "window.__asked = [];",
        "if (url.includes('getCustomerInfoByCall')) {
           const phone = new URL(url, location.href).searchParams.get('phone');
           window.__asked.push(phone);
           const replies = {
             '11111122222': {code: 200, msg: '操作成功!', data: {source: 1, customerList: [
                 {customerId: 3063060, customerName: '售前-紅海', customerPhone: '11111122222',
                  remarks: '售前-紅海哥', wechatContactId: 19564131, lastUpdateTime: 1565164517924,
                  tags: '', isCust: 0, nickName: '售前紅海', xfield1: ''}]}},
             '02162345678': {code: 200, msg: '操作成功!', data: {source: 1, customerList: [
                 {customerId: 3063061, customerName: '上海前台', customerPhone: '021-6234 5678',
                  remarks: '总机转801', wechatContactId: 19564132, lastUpdateTime: 1565164517924,
                  tags: '', isCust: 0, nickName: '前台', xfield1: ''}]}},
             '4008208820': {code: 200, msg: '操作成功!', data: {source: 3, customerList: [
                 {customerId: 19380, customerName: '客戶1', customerPhone: '400-820-8820',
                  address: null, company: '公司1', createTime: '2019-11-28 17:17:45',
                  lastUpdateTime: '2019-11-28 17:17:45', nickName: '個性1', uin: null,
                  adminUserId: 12206, syn: 1, userName: 'wxid_001', dialStatus: 0, addStatus: 0,
                  taskId: -1, orderNum: 3, tags: null, remarks: null}]}},
           };
           const body = replies[phone] || {code: 200, msg: '操作成功!', data: {source: 0, customerList: null}};
           return Promise.resolve(new Response(JSON.stringify(body),
             {status: 200, headers: {'Content-Type': 'application/json'}}));
         }
         return real(input, init);",
    )
    .await;
    for (typed, digits, source, name) in [
        ("111-1112-2222", "11111122222", "1", "售前-紅海"),
        ("(021) 6234-5678 转 801", "02162345678", "1", "上海前台"),
        ("400-820-8820", "4008208820", "3", "客戶1"),
    ] {
        dial(&env, typed).await;
        env.text(&format!("#call-pop .call-records[data-source='{source}']"))
            .await;
        env.wait_text("#call-pop-phone", digits).await;
        // The card for the record, with its number to copy or call back.
        env.wait_text("#call-pop .call-record-name", name).await;
        let call_back = format!("#call-pop .phone-call[href='tel:{digits}']");
        assert!(env.exists(&call_back).await, "{call_back}");
        if source == "3" {
            env.wait_text("#call-pop .call-facts", "未拨打").await;
            env.wait_text("#call-pop .call-facts", "公司1").await;
        }
        press_escape(&env).await;
        env.wait_gone(OPEN).await;
    }
    assert_eq!(
        js(&env, "return window.__asked;").await,
        json!(["11111122222", "02162345678", "4008208820"])
    );
    assert_eq!(
        env.tel_launched().await,
        json!(["tel:11111122222", "tel:02162345678", "tel:4008208820"])
    );
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switch_off_means_no_pop_up_and_round_trips_through_the_server() {
    let env = Env::demo().await;
    // Off by default for a new user.
    assert_eq!(server_switch(&env).await, json!(0));

    // /call with the switch off: the page offers the pop-up, none opens.
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    let boxed = wait_enabled(&env, "#call-page-auto-open").await;
    assert!(!boxed.is_selected().await.unwrap());
    env.wait_text("#call-phone", CUSTOMER).await;
    assert!(!env.exists(OPEN).await, "no pop-up with the switch off");
    // Asking for it opens it.
    env.click("#call-show").await;
    env.text("#call-pop .call-records[data-source='1']").await;

    // Turned on inside the pop-up: saved on the server, seen on /settings.
    let inside = wait_enabled(&env, "#call-pop-auto-open").await;
    inside.click().await.unwrap();
    let started = Instant::now();
    while server_switch(&env).await != json!(1) {
        assert!(started.elapsed() < WAIT, "switch not saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.goto("/settings").await;
    let boxed = wait_enabled(&env, "#settings-auto-open").await;
    assert!(boxed.is_selected().await.unwrap());

    // And /call now opens it by itself.
    env.goto(&format!("/call?phone={MANUAL}")).await;
    env.text("#call-pop .call-records[data-source='3']").await;

    // Off again from /settings: /call opens nothing.
    set_switch(&env, false).await;
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    let boxed = wait_enabled(&env, "#call-page-auto-open").await;
    assert!(!boxed.is_selected().await.unwrap());
    assert!(!env.exists(OPEN).await);
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_lookup_retries_stale_answers_are_dropped_and_invalid_numbers_say_so() {
    let env = Env::demo().await;

    // The network fails for the lookup: the pop-up says so and offers retry.
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    wait_enabled(&env, "#call-page-auto-open").await;
    env.wrap_fetch(
        "",
        "return url.includes('getCustomerInfoByCall')
           ? Promise.reject(new TypeError('offline'))
           : real(input, init);",
    )
    .await;
    env.click("#call-show").await;
    env.text("#call-pop .error-view").await;
    env.browser
        .execute("window.fetch = window.__realFetch;", vec![])
        .await
        .unwrap();
    env.click("#call-pop .error-view button").await;
    env.text("#call-pop .call-records[data-source='1']").await;
    assert!(!env.exists("#call-pop .call-records .error-view").await);
    press_escape(&env).await;
    env.wait_gone(OPEN).await;

    // A slow answer for an earlier call never replaces a newer call's.
    set_switch(&env, true).await;
    env.goto(&format!("/call?phone={NOBODY}")).await;
    env.text("#call-pop .call-records[data-source='0']").await;
    env.wrap_fetch(
        "",
        "const p = real(input, init);
         // Held back 1.5 s whether it answers or is aborted by the newer call (a busy
         // machine may abort it before the server answers).
         const later = settle => new Promise((ok, no) =>
           setTimeout(() => { window.__slowDone = true; settle(ok, no); }, 1500));
         return url.includes('phone=13800000001')
           ? p.then(r => later(ok => ok(r)), e => later((ok, no) => no(e)))
           : p;",
    )
    .await;
    env.browser
        .execute(
            "const go = phone => {
               history.pushState(null, '', '/call?phone=' + phone);
               dispatchEvent(new PopStateEvent('popstate'));
             };
             go('13800000001');
             setTimeout(() => go('13800000002'), 100);",
            vec![],
        )
        .await
        .unwrap();
    env.wait_text("#call-pop-phone", POOL).await;
    let started = Instant::now();
    while env
        .browser
        .execute("return window.__slowDone === true;", vec![])
        .await
        .unwrap()
        != json!(true)
    {
        assert!(started.elapsed() < WAIT, "the slow answer never came");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.text("#call-pop .call-records[data-source='2']").await;
    // Give the stale answer every chance to be (wrongly) applied.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(env.exists("#call-pop .call-records[data-source='2']").await);
    assert!(!env.exists("#call-pop .call-records[data-source='1']").await);
    env.wait_text("#call-pop-phone", POOL).await;

    // Not a number from /call: the pop-up explains instead of looking up.
    env.goto("/call?phone=%E5%8F%B7%E7%A0%81abc").await;
    env.text("#call-pop .call-result[data-state='invalid']")
        .await;
    env.wait_text("#call-pop", "数字").await;
    env.close().await;
}
/// A note typed in the pop-up goes into the customer's remarks
/// (updateCustomer); a failed save says so and keeps the text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_goes_into_the_remarks_without_leaving_the_pop_up() {
    let env = Env::demo().await;
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    wait_enabled(&env, "#call-page-auto-open").await;
    env.click("#call-show").await;
    env.text("#call-pop .call-records[data-source='1'] #call-note-input")
        .await;
    // Nothing typed: nothing sent, and it says why.
    env.click("#call-note-save").await;
    env.wait_text("#call-note-said", "请先写下备注内容").await;

    let note = "周五下午回电，要报价单";
    env.wrap_fetch(
        "",
        "return url.includes('updateCustomer')
           ? Promise.reject(new TypeError('offline'))
           : real(input, init);",
    )
    .await;
    env.fill("#call-note-input", note).await;
    env.click("#call-note-save").await;
    env.wait_text("#call-note-said", "备注没有保存").await;
    assert_eq!(env.value("#call-note-input").await, note);
    assert!(env.exists(OPEN).await);

    env.browser
        .execute("window.fetch = window.__realFetch;", vec![])
        .await
        .unwrap();
    env.click("#call-note-save").await;
    env.wait_text("#call-note-said", "已保存到备注").await;
    env.wait_text("#call-pop .call-remarks", note).await;
    // The earlier remarks stay; the note is added on a line of its own.
    env.wait_text("#call-pop .call-remarks", "聊天记录一万条")
        .await;
    assert_eq!(env.value("#call-note-input").await, "");
    let saved = js(
        &env,
        "const page = await (await fetch('/wechat_api/customer/customerPage?customerPhone=13800000001')).json();
         return page.data[0].remarks;",
    )
    .await;
    let saved = saved.as_str().unwrap_or_default();
    assert!(saved.starts_with("聊天记录一万条\n"), "{saved}");
    assert!(saved.ends_with(note), "{saved}");
    env.close().await;
}

/// A failed look-up of the card's latest messages offers a retry, and the
/// retry keeps what is typed in the note.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retrying_the_messages_keeps_the_typed_note() {
    let env = Env::demo().await;
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    wait_enabled(&env, "#call-page-auto-open").await;
    env.wrap_fetch(
        "",
        "return url.includes('getRedisMessageRecord')
           ? Promise.reject(new TypeError('offline'))
           : real(input, init);",
    )
    .await;
    env.click("#call-show").await;
    env.wait_for(
        "#call-pop .call-messages .error-view button",
        "the messages' retry",
    )
    .await;
    let note = "明早十点再打";
    env.fill("#call-note-input", note).await;

    env.browser
        .execute("window.fetch = window.__realFetch;", vec![])
        .await
        .unwrap();
    env.click("#call-pop .call-messages .error-view button")
        .await;
    env.wait_for("#call-pop .call-message-list", "the latest messages")
        .await;
    assert_eq!(env.value("#call-note-input").await, note);
    env.close().await;
}

/// Several records with the number: a short list to pick from, and back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_records_are_a_list_to_pick_from() {
    let env = Env::demo().await;
    env.goto(&format!("/call?phone={CUSTOMER}")).await;
    wait_enabled(&env, "#call-page-auto-open").await;
    env.wrap_fetch(
        "",
        "if (url.includes('getCustomerInfoByCall')) {
           const body = {code: 200, msg: '操作成功!', data: {source: 1, customerList: [
             {customerId: 3063060, customerName: '售前-紅海', customerPhone: '13800000001',
              remarks: '售前-紅海哥', wechatContactId: 19564131, lastUpdateTime: 1565164517924,
              tags: '', isCust: 0, nickName: '售前紅海', xfield1: ''},
             {customerId: 3063253, customerName: '售后-小李', customerPhone: '13800000001',
              remarks: '', wechatContactId: 19564140, lastUpdateTime: 1565164518000,
              tags: '', isCust: 0, nickName: '小李', xfield1: ''}]}};
           return Promise.resolve(new Response(JSON.stringify(body),
             {status: 200, headers: {'Content-Type': 'application/json'}}));
         }
         return real(input, init);",
    )
    .await;
    env.click("#call-show").await;
    env.wait_text("#call-pop .call-pick-title", "2 条记录")
        .await;
    let picks = env.texts("#call-pop .call-pick").await;
    assert_eq!(picks.len(), 2, "{picks:?}");
    assert!(picks[0].contains("售前-紅海") && picks[1].contains("售后-小李"));
    assert!(!env.exists("#call-pop .call-record").await);
    env.click("#call-pop .call-pick-list li:nth-child(2) .call-pick")
        .await;
    env.wait_text("#call-pop .call-record-name", "售后-小李")
        .await;
    assert!(!env.exists("#call-pop .call-pick").await);
    env.click("#call-pop .call-pick-back").await;
    env.text("#call-pop .call-pick-list").await;
    assert_eq!(env.texts("#call-pop .call-pick").await.len(), 2);
    env.click("#call-pop .call-pick-list li:nth-child(1) .call-pick")
        .await;
    env.wait_text("#call-pop .call-record-name", "售前-紅海")
        .await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clinic_profile_and_coming_appointments_for_the_number() {
    let env = Env::demo().await;
    let made = js(
        &env,
        "const post = (f, body) => fetch('/clinic_api/' + f, {method: 'POST',
           headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})
           .then(r => r.json());
         const tomorrow = new Date(Date.now() + 32 * 3600 * 1000).toISOString().slice(0, 10);
         const a = await post('addCustomer', {name: '诊所来电测试', telnum: '13911112222'});
         const b = await post('addOneAppointment', {telnum: '13911112222', type: 2,
           content: '热玛吉复诊', appointmentTime: tomorrow + ' 10:00:00'});
         return [a.errNum, b.errNum];",
    )
    .await;
    assert_eq!(made, json!([0, 0]), "clinic fixtures");
    set_switch(&env, true).await;
    env.goto("/call?phone=139%201111%202222").await;
    env.text("#call-pop .call-records[data-source='0']").await;
    env.wait_text("#call-pop .call-clinic", "诊所来电测试")
        .await;
    env.wait_text("#call-pop .call-clinic", "热玛吉复诊").await;
    env.wait_text("#call-pop .call-clinic", "下次预约").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_panel_talks_to_its_page_and_ignores_foreign_origins() {
    // Two embedding origins: one configured, one not.
    let ok_listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let foreign_listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let ok_origin = origin_of(&ok_listener);
    let foreign_origin = origin_of(&foreign_listener);
    let config = json!({
        "apiBase": "", "auth": "cookie", "loginUrl": "/login", "locale": "zh-CN",
        "embedOrigins": [ok_origin],
        "clinic": {"enabled": false, "apiBase": "/clinic_api"}
    });
    // Both pages may frame the panel (CSP frame-ancestors); only the
    // configured one is listened to.
    let ancestors = vec![ok_origin.clone(), foreign_origin.clone()];
    let env = Env::with(|o| {
        o.config_json = Some(config.to_string());
        o.frame_ancestors = ancestors;
    })
    .await;
    env.login("demo", "demo123").await;
    set_switch(&env, true).await;
    let panel = env.server.url().trim_end_matches('/').to_owned();
    let ok_page = embedding_page(ok_listener, &panel);
    let foreign_page = embedding_page(foreign_listener, &panel);

    // The allowed page: ready and resize arrive, a call pops up in the frame.
    env.browser.goto(&ok_page).await.unwrap();
    wait_received(&env, |m| m["type"] == "scrm:ready", "scrm:ready").await;
    wait_received(
        &env,
        |m| m["type"] == "scrm:resize" && m["height"].as_u64().unwrap_or(0) > 0,
        "scrm:resize",
    )
    .await;
    env.browser.enter_frame(0).await.unwrap();
    env.text("section[data-route='/customers']").await;
    assert!(!env.exists("nav.sidebar").await);
    // Unsaved text in the frame, focus in it.
    env.fill("#dial-input", "13812345678 待回拨").await;
    env.browser.enter_parent_frame().await.unwrap();
    env.browser
        .execute("call('+86 138 0000 0001');", vec![])
        .await
        .unwrap();
    env.browser.enter_frame(0).await.unwrap();
    env.text("#call-pop .call-records[data-source='1']").await;
    assert!(!env.exists("#call-pop .call-clinic").await, "clinic is off");
    // A new call replaces the current one.
    env.browser.enter_parent_frame().await.unwrap();
    env.browser
        .execute(&format!("call('{MANUAL}');"), vec![])
        .await
        .unwrap();
    env.browser.enter_frame(0).await.unwrap();
    env.text("#call-pop .call-records[data-source='3']").await;
    press_escape(&env).await;
    env.wait_gone(OPEN).await;
    let focused = env.browser.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("dial-input")
    );
    let kept = env
        .browser
        .find(Locator::Css("#dial-input"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("13812345678 待回拨"));

    // Dialling from the embedded dial box asks the page to dial (and opens
    // no tel: link itself).
    env.capture_tel().await;
    dial(&env, "138-0000-0002").await;
    env.text("#call-pop .call-records[data-source='2']").await;
    env.browser.enter_parent_frame().await.unwrap();
    wait_received(
        &env,
        |m| m["type"] == "scrm:dial" && m["phone"] == POOL,
        "scrm:dial",
    )
    .await;

    // Switched off inside the pop-up: the embedded dial box still dials,
    // and nothing pops up.
    env.browser.enter_frame(0).await.unwrap();
    wait_enabled(&env, "#call-pop-auto-open")
        .await
        .click()
        .await
        .unwrap();
    let started = Instant::now();
    while server_switch(&env).await != json!(0) {
        assert!(started.elapsed() < WAIT, "switch not saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    press_escape(&env).await;
    env.wait_gone(OPEN).await;
    dial(&env, MANUAL).await;
    env.browser.enter_parent_frame().await.unwrap();
    wait_received(
        &env,
        |m| m["type"] == "scrm:dial" && m["phone"] == MANUAL,
        "scrm:dial with the switch off",
    )
    .await;
    env.browser.enter_frame(0).await.unwrap();
    assert!(!env.exists(OPEN).await, "the switch is off");
    assert_eq!(env.tel_launched().await, json!([]), "embedded: no tel:");
    env.browser.enter_parent_frame().await.unwrap();

    // A page on an origin that is not configured is not heard.
    let _ = env.console_entries().await;
    env.browser.goto(&foreign_page).await.unwrap();
    env.browser.enter_frame(0).await.unwrap();
    env.text("section[data-route='/customers']").await;
    env.browser.enter_parent_frame().await.unwrap();
    env.browser
        .execute(&format!("call('{CUSTOMER}');"), vec![])
        .await
        .unwrap();
    let started = Instant::now();
    loop {
        let logged =
            env.console_entries().await.into_iter().any(|(_, m)| {
                m.contains("ignored a window message") && m.contains(&foreign_origin)
            });
        if logged {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "the foreign message was not logged"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.browser.enter_frame(0).await.unwrap();
    assert!(
        !env.exists(OPEN).await,
        "a foreign origin opened the pop-up"
    );
    env.close().await;
}
