//! The customer edit page end to end, in real headless Chromium against the
//! real reference server: save and reload, the unsaved-changes guard, a
//! failed save keeping what was typed, and server text shown as text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use support::{Env, WAIT};

const KNOWN_PHONE: &str = "13800000001";

async fn value(env: &Env, css: &str) -> String {
    let el = env
        .browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    el.prop("value").await.ok().flatten().unwrap_or_default()
}

async fn wait_value(env: &Env, css: &str, want: &str) {
    let started = Instant::now();
    loop {
        let v = value(env, css).await;
        if v == want {
            return;
        }
        assert!(started.elapsed() < WAIT, "{css} is {v:?}, wanted {want:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn enabled(env: &Env, css: &str) -> bool {
    let el = env.browser.find(Locator::Css(css)).await.expect(css);
    el.is_enabled().await.unwrap_or(false)
}

async fn wait_enabled(env: &Env, css: &str, want: bool) {
    let started = Instant::now();
    while enabled(env, css).await != want {
        assert!(
            started.elapsed() < WAIT,
            "{css} enabled never became {want}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Opens the known customer's edit page from the list, as a user would.
async fn open_known_customer(env: &Env) -> String {
    env.goto(&format!("/customers?phone={KNOWN_PHONE}")).await;
    env.wait_text("#customer-table tbody tr .c-phone", KNOWN_PHONE)
        .await;
    env.click("#customer-table tbody tr .row-edit").await;
    env.text("#customer-edit-form").await;
    wait_value(env, "#edit-phone", KNOWN_PHONE).await;
    env.path().await
}

async fn wait_alert(env: &Env) -> String {
    let started = Instant::now();
    loop {
        if let Ok(text) = env.browser.get_alert_text().await {
            return text;
        }
        assert!(started.elapsed() < WAIT, "no confirmation appeared");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_save_and_reload_shows_the_change_in_the_form_and_the_list() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let edit_path = open_known_customer(&env).await;
    assert!(
        edit_path.contains(&format!("phone={KNOWN_PHONE}")),
        "{edit_path}"
    );
    // Nothing changed yet: save is disabled.
    assert!(!enabled(&env, "#edit-save").await);

    env.fill("#edit-name", "韩梅梅改").await;
    env.fill("#edit-address", "韩总").await;
    wait_enabled(&env, "#edit-save", true).await;
    env.click("#edit-save").await;
    wait_enabled(&env, "#edit-save", false).await;
    assert_eq!(env.text("#edit-save-error").await, "");

    env.browser.refresh().await.unwrap();
    wait_value(&env, "#edit-name", "韩梅梅改").await;
    wait_value(&env, "#edit-address", "韩总").await;
    assert!(!env.exists("#edit-restored").await, "no draft after a save");

    env.click("#edit-back").await;
    env.wait_path("/customers").await;
    env.goto(&format!("/customers?phone={KNOWN_PHONE}")).await;
    env.wait_text("#customer-table tbody tr .c-name", "韩梅梅改")
        .await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_message_sits_next_to_the_field_and_blocks_saving() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    open_known_customer(&env).await;
    env.fill("#edit-name", &"长".repeat(51)).await;
    env.wait_text("#edit-name-error", "50").await;
    assert!(!enabled(&env, "#edit-save").await);
    env.fill("#edit-name", "正常名字").await;
    wait_enabled(&env, "#edit-save", true).await;
    assert_eq!(env.text("#edit-name-error").await, "");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_with_unsaved_changes_asks_first() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let edit_path = open_known_customer(&env).await;
    env.fill("#edit-remarks", "还没保存的备注").await;

    env.click("#edit-back").await;
    wait_alert(&env).await;
    env.browser.dismiss_alert().await.unwrap();
    assert_eq!(env.path().await, edit_path, "stayed on the page");
    assert_eq!(value(&env, "#edit-remarks").await, "还没保存的备注");

    // A sidebar link asks too; accepting leaves.
    env.click("nav.sidebar a[href='/customers']").await;
    wait_alert(&env).await;
    env.browser.accept_alert().await.unwrap();
    env.wait_path("/customers").await;

    // The draft is still there when coming back.
    env.goto(&edit_path).await;
    wait_value(&env, "#edit-remarks", "还没保存的备注").await;
    env.text("#edit-restored").await;
    env.click("#edit-discard").await;
    assert_ne!(value(&env, "#edit-remarks").await, "还没保存的备注");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_refused_by_an_expired_session_keeps_the_typed_text_through_login() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    let edit_path = open_known_customer(&env).await;
    env.fill("#edit-name", "过期前输入的名字").await;
    // The session ends behind the page's back.
    env.browser.delete_all_cookies().await.unwrap();
    env.browser
        .execute("sessionStorage.removeItem('scrm.token')", vec![])
        .await
        .unwrap();
    env.click("#edit-save").await;

    let started = Instant::now();
    while !env.path().await.starts_with("/login") {
        assert!(started.elapsed() < WAIT, "not sent to login");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    env.fill("#login-username", "demo").await;
    env.fill("#login-password", "demo123").await;
    env.click("#login-submit").await;
    env.wait_path(&edit_path).await;
    wait_value(&env, "#edit-name", "过期前输入的名字").await;
    env.text("#edit-restored").await;

    // And it can be retried.
    env.click("#edit-save").await;
    wait_enabled(&env, "#edit-save", false).await;
    env.browser.refresh().await.unwrap();
    wait_value(&env, "#edit-name", "过期前输入的名字").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_and_script_in_name_and_remarks_are_shown_as_text() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    open_known_customer(&env).await;
    let name = "<img src=x onerror=\"window.__pwned=1\">";
    let remarks = "<script>window.__pwned=2</script><b>粗</b>";
    env.fill("#edit-name", name).await;
    env.fill("#edit-remarks", remarks).await;
    wait_enabled(&env, "#edit-save", true).await;
    env.click("#edit-save").await;
    wait_enabled(&env, "#edit-save", false).await;

    env.goto(&format!("/customers?phone={KNOWN_PHONE}")).await;
    env.wait_text("#customer-table tbody tr .c-name", name)
        .await;
    assert!(!env.exists("#customer-table img[src='x']").await);
    env.click("#customer-table tbody tr .row-edit").await;
    wait_value(&env, "#edit-remarks", remarks).await;
    let pwned = env
        .browser
        .execute("return window.__pwned === undefined", vec![])
        .await
        .unwrap();
    assert_eq!(pwned, serde_json::Value::Bool(true), "no script ran");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_that_is_gone_is_said_to_be_gone() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto(&format!("/customers/999999?phone={KNOWN_PHONE}"))
        .await;
    env.text("#edit-missing").await;
    assert!(!env.exists("#customer-edit-form").await);
    env.goto("/customers/not-a-number").await;
    env.text("#edit-missing").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_edit_page_leads_to_the_customers_chat_history() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    open_known_customer(&env).await;
    env.click("#edit-chat").await;
    let started = Instant::now();
    loop {
        let path = env.path().await;
        if path.starts_with("/chat?wechatUserIds=") && path.contains("&wechatContactIds=") {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "edit page chat link went to {path}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    env.text("section[data-route='/chat']").await;
    env.close().await;
}
