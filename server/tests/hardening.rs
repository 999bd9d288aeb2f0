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

async fn login_as(c: &mut Client, user: &str, password: &str, extra: &[(&str, &str)]) -> Reply {
    let body = serde_json::to_vec(&json!({"username": user, "password": password})).unwrap();
    c.send(
        Method::POST,
        "/wechat_api/login",
        Some(("application/json", body)),
        extra,
    )
    .await
}

fn retry_after(r: &Reply) -> u64 {
    r.header("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {} {}", r.status, r.text()))
        .parse()
        .unwrap()
}

#[tokio::test]
async fn password_guessing_is_answered_with_429_and_retry_after() {
    let s = server_with(5, |_| {}).await;
    let mut c = s.client();
    // A burst of guesses at once: only the free ones are even hashed.
    let burst = (0..40).map(|i| {
        let mut c = s.client();
        async move { login_as(&mut c, "demo", &format!("guess{i}"), &[]).await }
    });
    let replies = futures_join_all(burst).await;
    let refused: Vec<&Reply> = replies.iter().filter(|r| r.status == 429).collect();
    let wrong = replies.iter().filter(|r| r.status == 400).count();
    assert!(wrong <= 6, "{wrong} guesses were checked");
    assert_eq!(refused.len() + wrong, 40);
    assert_eq!(refused[0].json()["code"], 429);
    assert!(retry_after(refused[0]) >= 1);
    // Locked: even the right password is not tried now.
    let r = login_as(&mut c, "demo", "demo123", &[]).await;
    assert_eq!(r.status, 429, "{}", r.text());
    let wait = retry_after(&r);
    assert!(c.cookie.is_none());
    // Another user from the same address is not held up.
    let r = login_as(&mut c, "sales1", "sales123", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    // Once the wait is over the right password works.
    tokio::time::sleep(std::time::Duration::from_millis(wait * 1000 + 200)).await;
    let r = login_as(&mut c, "demo", "demo123", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn guessing_many_usernames_from_one_address_is_held_back() {
    let s = server_with(5, |o| o.client_ip_header = Some("X-Forwarded-For".into())).await;
    let mut c = s.client();
    let from = |ip: &'static str| [("x-forwarded-for", ip)];
    let mut statuses = Vec::new();
    for i in 0..40 {
        let r = login_as(
            &mut c,
            &format!("nobody{i}"),
            "x",
            &from("198.51.100.7, 10.0.0.1"),
        )
        .await;
        statuses.push(r.status);
        if r.status == 429 {
            assert!(retry_after(&r) >= 1);
            break;
        }
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    assert!(
        statuses.len() > 5,
        "per-address, not per-username: {statuses:?}"
    );
    // The same address's neighbour behind the proxy is a different client.
    let r = login_as(&mut c, "nobody-else", "x", &from("198.51.100.7, 10.0.0.2")).await;
    assert_eq!(r.status, 400, "{}", r.text());
}

/// `join_all` without another dependency: every future spawned, answers in order.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

const START_UP: &str = "\nimport init from '/scrm-panel-0123456789abcdef.js';\nawait init();\n";

/// A dist/ like trunk's: index.html with an inline start-up module script.
fn dist_with(embed: &[&str]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let index = format!(
        "<!DOCTYPE html><html><head><base href=\"/\">\
         <script type=\"module\">{START_UP}</script></head><body></body></html>"
    );
    std::fs::write(d.path().join("index.html"), index).unwrap();
    std::fs::write(d.path().join("app-0123456789abcdef.js"), "export {}").unwrap();
    let config = json!({"apiBase": "", "embedOrigins": embed});
    std::fs::write(d.path().join("config.json"), config.to_string()).unwrap();
    d
}

fn start_up_hash() -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(START_UP.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[tokio::test]
async fn panel_pages_carry_a_content_security_policy() {
    let dist = dist_with(&["https://crm.example"]);
    let path = dist.path().to_owned();
    let s = server_with(5, move |o| o.dist = Some(path)).await;
    let mut c = s.client();
    for route in ["/", "/customers/12?embed=1", "/login"] {
        let r = c.get(route).await;
        assert_eq!(r.status, 200, "{route}");
        let csp = r
            .header("content-security-policy")
            .expect("CSP on the page");
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        assert!(
            directives.contains(
                &format!("script-src 'self' 'wasm-unsafe-eval' {}", start_up_hash()).as_str()
            ),
            "{csp}"
        );
        for d in [
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'self' https://crm.example",
        ] {
            assert!(directives.contains(&d), "{route}: {d} missing from {csp}");
        }
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(r.header("referrer-policy").as_deref(), Some("no-referrer"));
    }
    let r = c.get("/wechat_api/me").await;
    assert_eq!(
        r.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(r.header("referrer-policy").as_deref(), Some("no-referrer"));

    // --frame-ancestors replaces the embed origins; a bad one stops the start.
    let path = dist.path().to_owned();
    let s = server_with(5, move |o| {
        o.dist = Some(path);
        o.frame_ancestors = vec!["https://softphone.example".into()];
    })
    .await;
    let csp = s
        .client()
        .get("/")
        .await
        .header("content-security-policy")
        .unwrap();
    assert!(
        csp.ends_with("frame-ancestors 'self' https://softphone.example"),
        "{csp}"
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = scrm_server::Options {
        db: dir.path().join("x.db"),
        frame_ancestors: vec!["https://a; script-src *".into()],
        ..Default::default()
    };
    assert!(scrm_server::start(bad).await.is_err());
}

#[tokio::test]
async fn oversized_text_filters_are_a_400_naming_the_field() {
    use scrm_api::validate::{limits, Lang};
    let s = server_with(5, |_| {}).await;
    let mut c = s.login("demo").await;
    let huge = "a".repeat(60_000);
    let just_fits = "王".repeat(limits::FILTER);
    for (path, field) in [
        (PAGE, "customerName"),
        (PAGE, "customerPhone"),
        (PAGE, "remarks"),
        ("/wechat_api/customer/downLoad", "customerName"),
        ("/wechat_api/customer/downLoad", "remarkName"),
    ] {
        let r = c.get_q(path, &[(field, huge.as_str())]).await;
        assert_eq!(r.status, 400, "{path} {field}: {}", r.text());
        let label = scrm_api::validate::field_label(field, Lang::ZhCn);
        let msg = r.json()["msg"].as_str().unwrap().to_owned();
        assert!(msg.contains(label), "{path} {field}: {msg}");
        let r = c.get_q(path, &[(field, just_fits.as_str())]).await;
        assert_eq!(r.status, 200, "{path} {field} at the limit: {}", r.text());
    }
    let me = c.get("/wechat_api/me").await.json()["data"]["adminUserId"].clone();
    let me = me.as_i64().unwrap().to_string();
    for field in ["company", "customerName", "userName"] {
        let r = c
            .get_q(
                "/wechat_api/customer/getManualTaskDetail",
                &[("adminUserId", me.as_str()), (field, huge.as_str())],
            )
            .await;
        assert_eq!(r.status, 400, "{field}: {}", r.text());
        let label = scrm_api::validate::field_label(field, Lang::ZhCn);
        assert!(r.json()["msg"].as_str().unwrap().contains(label), "{field}");
    }
}

/// Reads until the server closes the connection; what it sent, or `None`
/// when it kept the connection open for `patience`.
async fn read_until_closed(
    sock: &mut tokio::net::TcpStream,
    patience: std::time::Duration,
) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let read = tokio::time::timeout(patience, sock.read_to_end(&mut got)).await;
    match read {
        Ok(_) => Some(String::from_utf8_lossy(&got).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test]
async fn a_stalled_client_is_dropped_and_a_slow_request_cut_off() {
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    let s = server_with(5, |o| {
        o.header_timeout = Duration::from_secs(1);
        o.request_timeout = Duration::from_secs(2);
    })
    .await;
    let patience = Duration::from_secs(20);
    // Half a request header, then silence: the server hangs up.
    let mut half = tokio::net::TcpStream::connect(s.running.addr)
        .await
        .unwrap();
    half.write_all(b"GET /wechat_api/me HTTP/1.1\r\nHost: x\r\nX-Half: ")
        .await
        .unwrap();
    let answer = read_until_closed(&mut half, patience).await;
    assert!(answer.is_some(), "a half-sent header kept its connection");

    // A whole header, then a body that never finishes: a 503 in the envelope.
    let mut slow = tokio::net::TcpStream::connect(s.running.addr)
        .await
        .unwrap();
    slow.write_all(
        b"POST /wechat_api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user",
    )
    .await
    .unwrap();
    let answer = read_until_closed(&mut slow, patience)
        .await
        .expect("a stalled upload kept its connection");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("\"code\":503"), "{answer}");

    // The server still answers everyone else.
    let r = s.client().get("/wechat_api/me").await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn connections_beyond_the_limit_wait_for_a_free_one() {
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    let s = server_with(5, |o| o.max_connections = 2).await;
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut sock = tokio::net::TcpStream::connect(s.running.addr)
            .await
            .unwrap();
        sock.write_all(b"GET /wechat_api/me HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        held.push(sock);
    }
    let mut c = s.client();
    let third = tokio::spawn(async move { c.get("/wechat_api/me").await.status });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !third.is_finished(),
        "a third connection was served beside two open ones"
    );
    drop(held.pop());
    let status = tokio::time::timeout(Duration::from_secs(20), third)
        .await
        .expect("the third client was never served")
        .unwrap();
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_save_over_a_newer_record_is_a_409() {
    let s = server_with(5, |_| {}).await;
    let mut first = s.login("demo").await;
    let mut second = s.login("demo").await;
    let row = first.get(PAGE).await.json()["data"][0].clone();
    let id = row["customerId"].as_i64().unwrap();
    let loaded = row["lastUpdateTime"].clone();
    assert!(loaded.is_i64(), "{row}");
    const UPDATE: &str = "/wechat_api/customer/updateCustomer";

    // Both opened the record; the first saves.
    let r = first
        .post(
            UPDATE,
            &json!({"customerId": id, "remarks": "first", "lastUpdateTime": loaded}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let saved = r.json()["customer"]["lastUpdateTime"].clone();
    assert!(saved.as_i64() > loaded.as_i64());
    // The second, still holding the old record, is refused.
    let r = second
        .post(
            UPDATE,
            &json!({"customerId": id, "remarks": "second", "lastUpdateTime": loaded}),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(r.json()["code"], 409);
    let now = second.get(PAGE).await.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customerId"] == id)
        .cloned()
        .unwrap();
    assert_eq!(now["remarks"], "first");
    // With the record as it is now, or without the extension, saving works.
    let r = second
        .post(
            UPDATE,
            &json!({"customerId": id, "remarks": "second", "lastUpdateTime": saved}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = first
        .post(UPDATE, &json!({"customerId": id, "remarks": "third"}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn secure_cookies_use_the_host_prefix() {
    let s = server_with(5, |o| o.secure_cookies = true).await;
    let mut c = s.client();
    let r = login_as(&mut c, "demo", "demo123", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let set = r.header("set-cookie").unwrap();
    assert!(set.starts_with("__Host-scrm_session="), "{set}");
    for part in ["; Secure", "; HttpOnly", "; Path=/"] {
        assert!(set.contains(part), "{part} missing: {set}");
    }
    assert!(!set.contains("Domain"), "{set}");
    let token = set
        .trim_start_matches("__Host-scrm_session=")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let cookie = format!("__Host-scrm_session={token}");
    let r = c
        .send(Method::GET, "/wechat_api/me", None, &[("cookie", &cookie)])
        .await;
    assert_eq!(r.status, 200);
    // The same token under the plain name is not a session here.
    let plain = format!("scrm_session={token}");
    let r = c
        .send(Method::GET, "/wechat_api/me", None, &[("cookie", &plain)])
        .await;
    assert_eq!(r.status, 401);
    // Sign-out expires the prefixed cookie.
    let r = c
        .send(
            Method::POST,
            "/wechat_api/logout",
            None,
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(r.status, 200);
    let set = r.header("set-cookie").unwrap();
    assert!(
        set.starts_with("__Host-scrm_session=;") && set.contains("Max-Age=0"),
        "{set}"
    );
}

#[tokio::test]
async fn an_unused_session_ends_after_the_idle_timeout() {
    use std::time::Duration;
    let s = server_with(5, |o| o.session_idle = Duration::from_secs(2)).await;
    let mut c = s.login("demo").await;
    // In use: it lives past the idle time.
    for _ in 0..10 {
        assert_eq!(c.get("/wechat_api/me").await.status, 200);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // Left alone: it ends.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    let r = c.get("/wechat_api/me").await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(r.json(), unauthorized_body());
}
