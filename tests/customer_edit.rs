//! The customer edit page end to end, in real headless Chromium against the
//! real reference server: save and reload, the unsaved-changes guard, a
//! failed save keeping what was typed, and server text shown as text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use support::{Env, WAIT};

const KNOWN_PHONE: &str = "13800000001";

async fn wait_value(env: &Env, css: &str, want: &str) {
    let started = Instant::now();
    loop {
        let v = env.value(css).await;
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

/// Waits until a save pressed has finished: Save is disabled while it is
/// sending too, so disabled alone does not say the answer is in.
async fn wait_saved(env: &Env) {
    env.wait_js(
        "const b = document.getElementById('edit-save'); return !!b && b.disabled && !b.hasAttribute('aria-busy');",
        "the save has finished",
    )
    .await;
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
    let env = Env::demo().await;
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
    wait_saved(&env).await;
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
    let env = Env::demo().await;
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
    let env = Env::demo().await;
    let edit_path = open_known_customer(&env).await;
    env.fill("#edit-remarks", "还没保存的备注").await;

    env.click("#edit-back").await;
    wait_alert(&env).await;
    env.browser.dismiss_alert().await.unwrap();
    assert_eq!(env.path().await, edit_path, "stayed on the page");
    assert_eq!(env.value("#edit-remarks").await, "还没保存的备注");

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
    assert_ne!(env.value("#edit-remarks").await, "还没保存的备注");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_refused_by_an_expired_session_keeps_the_typed_text_through_login() {
    let env = Env::demo().await;
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
    wait_saved(&env).await;
    env.browser.refresh().await.unwrap();
    wait_value(&env, "#edit-name", "过期前输入的名字").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_and_script_in_name_and_remarks_are_shown_as_text() {
    let env = Env::demo().await;
    open_known_customer(&env).await;
    let name = "<img src=x onerror=\"window.__pwned=1\">";
    let remarks = "<script>window.__pwned=2</script><b>粗</b>";
    env.fill("#edit-name", name).await;
    env.fill("#edit-remarks", remarks).await;
    wait_enabled(&env, "#edit-save", true).await;
    env.click("#edit-save").await;
    wait_saved(&env).await;

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
    let env = Env::demo().await;
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
    let env = Env::demo().await;
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

/// Fires a cancelable `beforeunload` at the window, as closing the tab does,
/// and reports whether the page asked to stay (cancelled it).
async fn tab_close_is_guarded(env: &Env) -> bool {
    env.browser
        .execute(
            "const e = new Event('beforeunload', { cancelable: true });
             window.dispatchEvent(e);
             return e.defaultPrevented;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_tab_asks_only_while_there_are_unsaved_changes() {
    let env = Env::demo().await;
    open_known_customer(&env).await;
    assert!(!tab_close_is_guarded(&env).await, "nothing typed yet");

    env.fill("#edit-remarks", "关标签页前的备注").await;
    wait_enabled(&env, "#edit-save", true).await;
    assert!(tab_close_is_guarded(&env).await, "typed, not saved");

    env.click("#edit-save").await;
    wait_saved(&env).await;
    assert_eq!(env.text("#edit-save-error").await, "");
    assert!(!tab_close_is_guarded(&env).await, "saved");
    env.close().await;
}

async fn chips(env: &Env) -> Vec<String> {
    let mut out = Vec::new();
    for el in env
        .browser
        .find_all(Locator::Css("#edit-tags .tag-chip .tag-chip-name"))
        .await
        .unwrap_or_default()
    {
        out.push(el.text().await.unwrap_or_default());
    }
    out
}

async fn press(env: &Env, css: &str, key: Key) {
    env.browser
        .find(Locator::Css(css))
        .await
        .unwrap()
        .send_keys(&char::from(key).to_string())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tags_are_chosen_by_typing_and_the_keyboard_and_survive_a_reload() {
    let env = Env::demo().await;
    open_known_customer(&env).await;
    env.text("#edit-tags").await;

    // Remove every chip with the keyboard (focus the × button, press Enter).
    let started = Instant::now();
    while !chips(&env).await.is_empty() {
        assert!(started.elapsed() < WAIT, "chips never went away");
        let before = chips(&env).await.len();
        let remove = env
            .browser
            .find(Locator::Css("#edit-tags .tag-chip-remove"))
            .await
            .unwrap();
        remove
            .send_keys(&char::from(Key::Enter).to_string())
            .await
            .unwrap();
        while chips(&env).await.len() == before {
            assert!(started.elapsed() < WAIT, "a chip stayed");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Focus stays in the editor, on the text box.
        let focused = env
            .browser
            .execute("return document.activeElement.id", vec![])
            .await
            .unwrap();
        assert_eq!(focused, "edit-tags-input");
    }

    // "意向" matches 意向客户 and 高意向, in the tag list's order.
    env.fill("#edit-tags-input", "意向").await;
    env.wait_text("#edit-tags-list", "高意向").await;
    let input = env
        .browser
        .find(Locator::Css("#edit-tags-input"))
        .await
        .unwrap();
    assert_eq!(
        input.attr("aria-expanded").await.unwrap().as_deref(),
        Some("true")
    );
    env.wait_text("#edit-tags-list .tag-suggestion.active", "意向客户")
        .await;
    press(&env, "#edit-tags-input", Key::Down).await;
    env.wait_text("#edit-tags-list .tag-suggestion.active", "高意向")
        .await;
    let active = input
        .attr("aria-activedescendant")
        .await
        .unwrap()
        .unwrap_or_default();
    let active_text = env.text(&format!("#{active}")).await;
    assert_eq!(
        active_text, "高意向",
        "aria-activedescendant names the highlighted option"
    );
    press(&env, "#edit-tags-input", Key::Enter).await;
    let started = Instant::now();
    while chips(&env).await != ["高意向"] {
        assert!(started.elapsed() < WAIT, "chips: {:?}", chips(&env).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(input.prop("value").await.unwrap().unwrap_or_default(), "");
    assert_eq!(
        input.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    // Enter in the tag box took the tag and did not submit the form.
    assert!(enabled(&env, "#edit-save").await, "not saved by Enter");

    // Esc closes the suggestions.
    env.fill("#edit-tags-input", "客户").await;
    env.wait_text("#edit-tags-list", "意向客户").await;
    press(&env, "#edit-tags-input", Key::Escape).await;
    let started = Instant::now();
    while input.attr("aria-expanded").await.unwrap().as_deref() != Some("false") {
        assert!(started.elapsed() < WAIT, "Esc left the list open");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    env.fill("#edit-tags-input", "").await;

    env.click("#edit-save").await;
    wait_saved(&env).await;
    assert_eq!(env.text("#edit-save-error").await, "");
    env.browser.refresh().await.unwrap();
    env.text("#customer-edit-form").await;
    let started = Instant::now();
    while chips(&env).await != ["高意向"] {
        assert!(
            started.elapsed() < WAIT,
            "after reload: {:?}",
            chips(&env).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tag_id_unknown_to_the_tag_list_shows_as_its_id_and_can_be_added_by_number() {
    let env = Env::demo().await;
    // Behave like the vendor's server: there is no tag list.
    env.wrap_fetch(
        "",
        "if (url.includes('tagList')) {
           return Promise.resolve(new Response('{\"code\":404,\"msg\":\"not found\",\"data\":null}',
             { status: 404, headers: { 'Content-Type': 'application/json' } }));
         }
         return real(input, init);",
    )
    .await;
    // Navigate inside the app so the wrapped fetch stays in place.
    env.browser
        .execute(
            &format!(
                "history.pushState(null, '', '/customers?phone={KNOWN_PHONE}');
                 dispatchEvent(new PopStateEvent('popstate'));"
            ),
            vec![],
        )
        .await
        .unwrap();
    env.wait_text("#customer-table tbody tr .c-phone", KNOWN_PHONE)
        .await;
    env.click("#customer-table tbody tr .row-edit").await;
    wait_value(&env, "#edit-phone", KNOWN_PHONE).await;
    let before = chips(&env).await;
    assert!(
        before.iter().all(|c| c.parse::<i64>().is_ok()),
        "raw ids without a tag list: {before:?}"
    );
    env.fill("#edit-tags-input", "424242").await;
    env.wait_text("#edit-tags-list .tag-suggestion.active", "424242")
        .await;
    press(&env, "#edit-tags-input", Key::Enter).await;
    let started = Instant::now();
    while !chips(&env).await.contains(&"424242".to_owned()) {
        assert!(started.elapsed() < WAIT, "chips: {:?}", chips(&env).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(env
        .console_errors()
        .await
        .iter()
        .all(|e| e.contains("tagList")));
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleagues_save_meanwhile_is_merged_or_shown_never_overwritten() {
    let env = Env::demo().await;
    let path = open_known_customer(&env).await;
    let id: i64 = path
        .trim_start_matches("/customers/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // This user changes the name...
    env.fill("#edit-name", "我改的名").await;
    wait_enabled(&env, "#edit-save", true).await;
    // ...while a colleague saves a different name and new remarks.
    let status = env
        .post_json(
            "/wechat_api/customer/updateCustomer",
            serde_json::json!({ "customerId": id, "customerName": "同事改的名",
                "customerPhone": KNOWN_PHONE, "remarks": "同事的备注" }),
        )
        .await;
    assert_eq!(status, serde_json::json!(200));
    env.click("#edit-save").await;
    // Both changed the name: shown side by side; the remarks only the
    // colleague changed are taken in.
    env.wait_text("#edit-conflicts .conflict-server", "同事改的名")
        .await;
    env.wait_text("#edit-conflicts .conflict-mine", "我改的名")
        .await;
    assert_eq!(
        env.browser
            .find_all(Locator::Css("#edit-conflicts .conflict"))
            .await
            .unwrap()
            .len(),
        1
    );
    wait_value(&env, "#edit-remarks", "同事的备注").await;
    wait_value(&env, "#edit-name", "我改的名").await;
    env.click("#edit-conflicts .keep-mine").await;
    env.wait_gone("#edit-conflicts").await;
    env.click("#edit-save").await;
    wait_saved(&env).await;
    env.browser.refresh().await.unwrap();
    wait_value(&env, "#edit-name", "我改的名").await;
    wait_value(&env, "#edit-remarks", "同事的备注").await;
    env.close().await;
}

/// At 360×740 the form is one column and Save stays in sight wherever the
/// page is scrolled (the action bar sticks to the bottom of the screen).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn save_stays_visible_at_360_px_with_the_page_scrolled() {
    let env = Env::demo().await;
    env.browser.set_window_size(360, 740).await.unwrap();
    open_known_customer(&env).await;
    let visible = "const save = document.getElementById('edit-save');
         const r = save.getBoundingClientRect();
         const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
         return r.top >= 0 && r.bottom <= window.innerHeight && !!hit && save.contains(hit);";
    for at in ["0", "document.documentElement.scrollHeight / 3"] {
        let seen = env
            .browser
            .execute(&format!("window.scrollTo(0, {at}); {visible}"), vec![])
            .await
            .unwrap();
        assert_eq!(
            seen,
            serde_json::json!(true),
            "Save hidden scrolled to {at}"
        );
    }
    let scrolled = env
        .browser
        .execute("return window.scrollY > 0;", vec![])
        .await
        .unwrap();
    assert_eq!(scrolled, serde_json::json!(true), "the page did not scroll");
    let columns = env
        .browser
        .execute(
            "return getComputedStyle(document.getElementById('customer-edit-form'))
               .gridTemplateColumns.split(' ').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(columns, serde_json::json!(1));
    env.close().await;
}
