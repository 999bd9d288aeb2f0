//! Phones are actions wherever the panel shows one: copy puts the digits
//! (no spaces, no +86) on the clipboard and says so, call dials through a
//! `tel:` link and opens the call pop-up on the number. Driven from the
//! customer list, the edit page and the chat header against the reference
//! server.
//!
//! Headless Chromium has no clipboard to read back from, so the page's
//! `navigator.clipboard.writeText` is replaced by a recorder before the
//! click (the hook `ui::phone_actions` documents): the test sees exactly
//! what the panel handed the clipboard.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{Env, WAIT};

/// The demo customer with a chat history (server/src/demo.rs).
const CUSTOMER: &str = "13800000001";
const OPEN: &str = "#call-pop[open]";

/// Records clipboard writes and `tel:` launches instead of performing them.
async fn record_copies_and_calls(env: &Env) {
    env.browser
        .execute(
            "window.copied = [];
             navigator.clipboard.writeText = t => { copied.push(t); return Promise.resolve(); };",
            vec![],
        )
        .await
        .unwrap();
    env.capture_tel().await;
}

async fn copied(env: &Env) -> Value {
    env.browser
        .execute("return window.copied;", vec![])
        .await
        .unwrap()
}

/// Copies and calls through the phone actions inside `scope`, then closes the pop-up.
async fn copy_and_call(env: &Env, scope: &str) {
    record_copies_and_calls(env).await;
    env.click(&format!("{scope} .phone-copy")).await;
    env.wait_text(&format!("{scope} .phone-said"), "已复制")
        .await;
    assert_eq!(copied(env).await, json!([CUSTOMER]), "{scope}");

    env.click(&format!("{scope} .phone-call")).await;
    env.text("#call-pop .call-records[data-source='1']").await;
    env.wait_text("#call-pop-phone", CUSTOMER).await;
    assert_eq!(
        env.tel_launched().await,
        json!([format!("tel:{CUSTOMER}")]),
        "{scope}"
    );
    env.press("\u{E00C}").await;
    env.wait_gone(OPEN).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_copy_digits_and_call_from_the_list_the_edit_page_and_the_chat() {
    let env = Env::demo().await;
    env.goto("/customers").await;
    env.text(".customer-row").await;
    // A vendor may send the number as someone typed it; the copy is digits only.
    env.wrap_fetch(
        "",
        "if (url.includes('customerPage')) {
           return real(input, init).then(r => r.json()).then(j => {
             for (const c of j.data || []) {
               if (c.customerPhone === '13800000001') c.customerPhone = '+86 138 0000 0001';
             }
             return new Response(JSON.stringify(j),
               {status: 200, headers: {'Content-Type': 'application/json'}});
           });
         }
         return real(input, init);",
    )
    .await;
    env.js(
        "history.pushState(null, '', '/customers?phone=13800000001');
         dispatchEvent(new PopStateEvent('popstate'));
         return true;",
    )
    .await;
    env.wait_text(".customer-row .c-phone", "+86 138 0000 0001")
        .await;
    assert_eq!(env.texts(".customer-row").await.len(), 1);

    // The list's phone cell. The pop-up opens although the "open after a
    // call" switch is off: the user asked for this call.
    copy_and_call(&env, ".customer-row .c-phone").await;
    assert_eq!(env.path().await, "/customers?phone=13800000001");

    // The edit page.
    let id = env
        .js("const page = await (await window.__realFetch('/wechat_api/customer/customerPage?customerPhone=13800000001')).json();
             return page.data[0].customerId;")
        .await;
    env.goto(&format!("/customers/{id}?phone={CUSTOMER}")).await;
    env.text("#edit-phone-actions").await;
    copy_and_call(&env, "#edit-phone-actions").await;

    // The chat header: the link from the edit page carries the number.
    env.click("#edit-chat").await;
    env.text("#chat-phone").await;
    record_copies_and_calls(&env).await;
    env.click("#chat-phone .phone-copy").await;
    env.wait_text("#chat-phone .phone-said", "已复制").await;
    assert_eq!(copied(&env).await, json!([CUSTOMER]));
    env.close().await;
}

/// Where the browser refuses the clipboard, the user is told to copy by hand.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_copy_says_so() {
    let env = Env::demo().await;
    env.goto(&format!("/customers?phone={CUSTOMER}")).await;
    env.text(".customer-row .c-phone .phone-copy").await;
    env.browser
        .execute(
            "navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
             document.execCommand = () => false;",
            vec![],
        )
        .await
        .unwrap();
    env.click(".customer-row .c-phone .phone-copy").await;
    env.wait_text(".customer-row .c-phone .phone-said", "手动复制")
        .await;
    // The words go away again.
    let started = Instant::now();
    while !env
        .text(".customer-row .c-phone .phone-said")
        .await
        .is_empty()
    {
        assert!(started.elapsed() < WAIT, "the message stayed");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    env.close().await;
}
