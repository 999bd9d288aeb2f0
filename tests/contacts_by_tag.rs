//! Contacts by tag end to end, in real headless Chromium against the real
//! reference server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use support::{Env, WAIT};

/// Chooses a tag in the tag box by typing its name and pressing Enter.
async fn choose_tag(env: &Env, name: &str) {
    env.fill("#t-tags-input", name).await;
    env.wait_text("#t-tags-list .tag-suggestion.active", name)
        .await;
    env.browser
        .find(Locator::Css("#t-tags-input"))
        .await
        .unwrap()
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .unwrap();
    env.wait_text("#t-tags .tag-chips", name).await;
}

async fn count(env: &Env) -> usize {
    let text = env.text("#t-count").await;
    text.split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// At 360 px (the embedded side panel) each contact is a labelled card with
/// its actions on screen, not a table scrolled sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_360_px_each_contact_is_a_labelled_card_with_its_actions_visible() {
    let env = Env::demo().await;
    env.browser.set_window_size(360, 740).await.unwrap();
    env.goto("/tags").await;
    // The filters are behind one button; searching closes their drawer.
    env.click("#t-filters-toggle").await;
    choose_tag(&env, "VIP").await;
    env.click("#t-search").await;
    env.wait_gone("#t-filters-drawer[open]").await;
    env.text("#contact-table tbody tr").await;
    let fits = env
        .browser
        .execute(
            "const row = document.querySelector('#contact-table tbody tr');
             const nick = row.querySelector('td.t-nick');
             const link = row.querySelector('td.c-actions a');
             return document.documentElement.scrollWidth <= window.innerWidth
               && getComputedStyle(row).display === 'block'
               && getComputedStyle(nick, '::before').content.includes('昵称')
               && !!link && link.getBoundingClientRect().right <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        fits,
        serde_json::json!(true),
        "contacts are cards at 360 px"
    );
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contacts_with_a_tag_are_listed_and_lead_to_their_chat() {
    let env = Env::demo().await;
    env.goto("/tags").await;
    choose_tag(&env, "VIP").await;
    env.click("#t-search").await;
    env.text("#contact-table tbody tr").await;
    let online = count(&env).await;
    assert!(online > 0);

    let owners = env.text("#contact-table tbody").await;
    assert!(
        !owners.contains("星河-文榕"),
        "an offline account's contact was listed"
    );

    // Including offline accounts adds their contacts (the demo's 星河-文榕 is offline).
    env.click("#t-offline").await;
    env.click("#t-search").await;
    env.wait_text("#contact-table tbody", "星河-文榕").await;
    assert!(count(&env).await > online);

    env.click("#contact-table tbody tr a.contact-chat").await;
    let started = Instant::now();
    while !env.path().await.starts_with("/chat?wechatUserIds=") {
        assert!(started.elapsed() < WAIT, "not at the chat history");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The contact's name rides along (the chat record names nobody).
    let path = env.path().await;
    assert!(path.contains("&name="), "{path}");
    env.close().await;
}

/// The `href` of the first element matching `css`.
async fn href(env: &Env, css: &str) -> String {
    env.text(css).await;
    let el = env.browser.find(Locator::Css(css)).await.unwrap();
    el.attr("href").await.unwrap().unwrap_or_default()
}

/// Opens a contact's "customer record" link and returns (the contact's chat
/// link, the edit page's chat link): the same conversation means the edit
/// page is the customer bound to exactly that contact. The edit page's link
/// also carries the record's phone (for the chat header), which a contact
/// does not have, so that parameter is left out of the comparison.
async fn open_first_record(env: &Env) -> (String, String) {
    let contact_chat = href(env, "#contact-table tbody tr a.contact-chat").await;
    env.click("#contact-table tbody tr a.contact-record").await;
    let started = Instant::now();
    loop {
        let p = env.path().await;
        if p.starts_with("/customers/") && !p.starts_with("/customers/by-contact") {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "never reached an edit page: {p} {}",
            env.body_text().await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    env.text("#customer-edit-form").await;
    let edit_chat = href(env, "#edit-chat").await;
    let conversation = edit_chat
        .split_once("&phone=")
        .map_or(edit_chat.as_str(), |(before, _)| before)
        .to_owned();
    (contact_chat, conversation)
}

async fn vip_contacts(env: &Env) {
    env.goto("/tags").await;
    choose_tag(env, "VIP").await;
    env.click("#t-search").await;
    env.text("#contact-table tbody tr").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_leads_to_exactly_its_customer_record() {
    let env = Env::demo().await;
    vip_contacts(&env).await;
    let (contact_chat, edit_chat) = open_first_record(&env).await;
    assert_eq!(
        contact_chat, edit_chat,
        "the edit page is this contact's customer"
    );
    // The look-up page replaced itself: back returns to the contacts.
    env.browser.back().await.unwrap();
    env.wait_path("/tags").await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn against_a_server_without_the_contact_filter_the_record_is_still_found() {
    let env = Env::demo().await;
    vip_contacts(&env).await;
    // Behave like the vendor's server: customerPage ignores wechatContactId.
    env.wrap_fetch(
        "window.__stripped = 0;",
        "if (url.includes('customerPage') && url.includes('wechatContactId=')) {
           window.__stripped++;
           const u = new URL(url, location.href);
           u.searchParams.delete('wechatContactId');
           const req = typeof input === 'string' ? u.toString() : new Request(u.toString(), input);
           return real(req, init);
         }
         return real(input, init);",
    )
    .await;
    let (contact_chat, edit_chat) = open_first_record(&env).await;
    assert_eq!(
        contact_chat, edit_chat,
        "found by scanning the account's customers"
    );
    let stripped = env
        .browser
        .execute("return window.__stripped", vec![])
        .await
        .unwrap();
    assert_eq!(stripped, 1, "the filter was tried first");
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_without_a_customer_record_says_so_and_offers_the_remark_search() {
    let env = Env::demo().await;
    env.goto(
        "/customers/by-contact?wechatUserId=1&wechatContactId=987654321&remark=%E8%80%81%E7%8E%8B",
    )
    .await;
    env.wait_text("#by-contact-missing", "没有找到与此联系人关联的客户资料")
        .await;
    let links = env.texts("#by-contact-remark a").await;
    assert_eq!(links, ["「老王」"]);
    let to_list = href(&env, "#by-contact-remark a").await;
    assert!(to_list.starts_with("/customers?remarks="), "{to_list}");
    assert!(env.path().await.starts_with("/customers/by-contact"));
    assert!(env.console_errors().await.is_empty());
    env.close().await;
}
