//! Attacks on the server itself: forged cross-site requests, login floods,
//! oversized filters, stalled clients, lost updates, stolen sessions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::Method;
use common::*;
use serde_json::json;

const PAGE: &str = "/wechat_api/customer/customerPage";
const DELETE: &str = "/wechat_api/customer/delete";

async fn first_customer(c: &mut Client) -> i64 {
    c.get(PAGE).await.json()["data"][0]["customerId"]
        .as_i64()
        .unwrap()
}

async fn still_there(c: &mut Client, id: i64) -> bool {
    c.get(PAGE).await.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["customerId"] == id)
}

#[tokio::test]
async fn cross_site_and_non_json_posts_are_refused() {
    let s = server_with(5, |o| o.cors_origins = vec!["http://panel.example".into()]).await;
    let mut c = s.login("demo").await;
    let id = first_customer(&mut c).await;
    let body = serde_json::to_vec(&json!({ "customerId": id })).unwrap();
    let own = s.url();

    // A page elsewhere posting a "simple" request with the user's cookie.
    for ctype in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let r = c
            .send(Method::POST, DELETE, Some((ctype, body.clone())), &[])
            .await;
        assert_eq!(r.status, 415, "{ctype}: {}", r.text());
        assert_eq!(r.json()["code"], 415);
    }
    let form = format!("customerId={id}").into_bytes();
    let r = c
        .send(
            Method::POST,
            DELETE,
            Some(("application/x-www-form-urlencoded", form)),
            &[],
        )
        .await;
    assert_eq!(r.status, 415);
    // JSON from a foreign origin, or a browser saying the page is cross-site.
    for headers in [
        vec![("origin", "http://evil.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site"), ("origin", own.as_str())],
    ] {
        let r = c
            .send(
                Method::POST,
                DELETE,
                Some(("application/json", body.clone())),
                &headers,
            )
            .await;
        assert_eq!(r.status, 403, "{headers:?}: {}", r.text());
        assert_eq!(r.json()["code"], 403);
    }
    assert!(still_there(&mut c, id).await, "a refused request deleted");

    // Login CSRF: a foreign page cannot sign the browser in either.
    let login = serde_json::to_vec(&json!({"username": "demo", "password": "demo123"})).unwrap();
    let mut fresh = s.client();
    let r = fresh
        .send(
            Method::POST,
            "/wechat_api/login",
            Some(("text/plain", login.clone())),
            &[],
        )
        .await;
    assert_eq!(r.status, 415);
    let r = fresh
        .send(
            Method::POST,
            "/wechat_api/login",
            Some(("application/json", login)),
            &[("origin", "http://evil.example")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(fresh.cookie.is_none());

    // The panel's own origin and an allowed CORS origin pass.
    let r = c
        .send(
            Method::POST,
            "/wechat_api/customer/updateCustomer",
            Some(("application/json; charset=utf-8", body.clone())),
            &[("origin", own.as_str()), ("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = c
        .send(
            Method::POST,
            DELETE,
            Some(("application/json", body)),
            &[
                ("origin", "http://panel.example"),
                ("sec-fetch-site", "cross-site"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!still_there(&mut c, id).await);
}
