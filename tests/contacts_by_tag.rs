//! Contacts by tag end to end, in real headless Chromium against the real
//! reference server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use support::{Env, WAIT};

async fn count(env: &Env) -> usize {
    let text = env.text("#t-count").await;
    text.split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contacts_with_a_tag_are_listed_and_lead_to_their_chat() {
    let env = Env::new().await;
    env.login("demo", "demo123").await;
    env.goto("/tags").await;
    env.click("#t-tags summary").await;
    let vip = env
        .browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//details[@id='t-tags']//label[span[text()='VIP']]",
        ))
        .await
        .expect("a VIP tag option");
    vip.click().await.unwrap();
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

    env.click("#contact-table tbody tr a[href^='/chat']").await;
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
