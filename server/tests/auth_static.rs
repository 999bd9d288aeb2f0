//! Part one: sessions, static files, error shapes, compression, CORS, limits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use axum::http::Method;
use common::*;
use serde_json::json;

#[tokio::test]
async fn login_sets_cookie_and_returns_user() {
    let s = server().await;
    let mut c = s.client();
    let r = c.login("demo", "demo123").await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["code"], 200);
    let token = v["data"]["token"].as_str().unwrap();
    assert_eq!(token.len(), 64);
    let user = &v["data"]["user"];
    assert_eq!(user["username"], "demo");
    assert_eq!(user["tenantId"], 1);
    assert!(user["adminUserId"].is_i64());
    assert!(user["realName"].is_string());
    assert!(user["tenantName"].is_string());
    let cookie = r.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with(&format!("scrm_session={token}")),
        "{cookie}"
    );
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP keeps working");
    let r = c
        .send(
            Method::POST,
            "/wechat_api/login",
            Some((
                "application/json",
                br#"{"username":"demo","password":"demo123"}"#.to_vec(),
            )),
            &[("x-forwarded-proto", "https")],
        )
        .await;
    assert!(r.header("set-cookie").unwrap().ends_with("; Secure"));
    // The typed reply of the contract decodes it.
    let typed: scrm_api::auth::DataReply<scrm_api::auth::LoginData> =
        serde_json::from_value(v.clone()).unwrap();
    assert_eq!(typed.data.user.username, "demo");
}

#[tokio::test]
async fn wrong_credentials_are_400() {
    let s = server().await;
    let mut c = s.client();
    for (u, p) in [("demo", "nope"), ("nobody", "demo123"), ("", "")] {
        let r = c.login(u, p).await;
        assert_eq!(r.status, 400);
        assert_eq!(
            r.json(),
            json!({"code": 400, "msg": "用户名或密码错误", "data": null})
        );
        assert!(r.header("set-cookie").is_none());
    }
    // Garbage body: still an envelope.
    let r = c
        .send(
            Method::POST,
            "/wechat_api/login",
            Some(("application/json", b"{nope".to_vec())),
            &[],
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], 400);
}

#[tokio::test]
async fn me_needs_a_session_from_cookie_or_bearer() {
    let s = server().await;
    let mut anon = s.client();
    let r = anon.get("/wechat_api/me").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), unauthorized_body());

    let mut c = s.login("sales1").await;
    let r = c.get("/wechat_api/me").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["username"], "sales1");

    let mut b = s.client();
    b.bearer = c.cookie.clone();
    let r = b.get("/wechat_api/me").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["data"]["username"], "sales1");

    let mut bogus = s.client();
    bogus.bearer = Some("00".repeat(32));
    assert_eq!(bogus.get("/wechat_api/me").await.status, 401);
    bogus.bearer = None;
    bogus.cookie = Some("x".into());
    assert_eq!(bogus.get("/wechat_api/me").await.status, 401);
    // logout too is behind the session
    let r = anon.post("/wechat_api/logout", &json!({})).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), unauthorized_body());
}

#[tokio::test]
async fn logout_kills_the_session() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let token = c.cookie.clone().unwrap();
    let r = c.post("/wechat_api/logout", &json!({})).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["code"], 200);
    assert!(r.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert!(c.cookie.is_none());
    let mut again = s.client();
    again.bearer = Some(token);
    assert_eq!(again.get("/wechat_api/me").await.status, 401);
    // another session of the same user lives on
    let mut other = s.login("demo").await;
    assert_eq!(other.get("/wechat_api/me").await.status, 200);
}

#[tokio::test]
async fn sessions_expire_after_the_ttl() {
    let s = server_with(10, |o| o.session_ttl = Duration::from_secs(1)).await;
    let mut c = s.login("demo").await;
    assert_eq!(c.get("/wechat_api/me").await.status, 200);
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let r = c.get("/wechat_api/me").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), unauthorized_body());
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let s = server().await;
    let mut c = s.login("demo").await;
    for path in [
        "/wechat_api/nope",
        "/wechat_api/customer/nope",
        "/wechat_api",
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.json()["code"], 404, "{path}");
    }
    let r = c.get("/clinic_api/nope").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["errNum"], 404);
    let mut anon = s.client();
    assert_eq!(anon.get("/wechat_api/whatever").await.status, 404);
    // Wrong method on a known path: enveloped too.
    let r = c.get("/wechat_api/login").await;
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["code"], 405);
}

fn make_dist() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let index = format!(
        "<!doctype html><html><head><title>scrm</title></head><body>{}</body></html>",
        "<p>panel placeholder text that compresses well</p>".repeat(100)
    );
    std::fs::write(d.path().join("index.html"), index).unwrap();
    std::fs::write(
        d.path().join("scrm-panel-0123456789abcdef.js"),
        "console.log('x');".repeat(200),
    )
    .unwrap();
    std::fs::write(
        d.path().join("scrm-panel-0123456789abcdef_bg.wasm"),
        [0u8, 97, 115, 109],
    )
    .unwrap();
    std::fs::write(d.path().join("style-fedcba9876543210.css"), "body{}").unwrap();
    std::fs::write(d.path().join("config.json"), r#"{"apiBase":"/from-dist"}"#).unwrap();
    d
}

#[tokio::test]
async fn static_files_fallback_and_cache_headers() {
    let dist = make_dist();
    let path = dist.path().to_owned();
    let s = server_with(5, |o| o.dist = Some(path)).await;
    let mut c = s.client();

    for route in ["/", "/index.html", "/customers", "/customers/42/chat?x=1"] {
        let r = c.get(route).await;
        assert_eq!(r.status, 200, "{route}");
        assert!(r.text().contains("panel placeholder"), "{route}");
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-cache"),
            "{route}"
        );
    }
    for hashed in [
        "/scrm-panel-0123456789abcdef.js",
        "/scrm-panel-0123456789abcdef_bg.wasm",
        "/style-fedcba9876543210.css",
    ] {
        let r = c.get(hashed).await;
        assert_eq!(r.status, 200, "{hashed}");
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("public, max-age=31536000, immutable"),
            "{hashed}"
        );
    }
    // A missing hashed file falls back to index.html, which must not be cached forever.
    let r = c.get("/scrm-panel-aaaaaaaaaaaaaaaa.js").await;
    assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));

    let r = c.get("/config.json").await;
    assert_eq!(r.json()["apiBase"], "/from-dist");
    assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );

    // API replies are never cached; everything is nosniff.
    let r = c.get("/wechat_api/me").await;
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
    assert_eq!(
        r.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );

    // API paths never fall back to the panel.
    let r = c.get("/wechat_api/customer/unknown").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], 404);
}

#[tokio::test]
async fn config_json_option_overrides_the_file() {
    let dist = make_dist();
    let path = dist.path().to_owned();
    let s = server_with(5, |o| {
        o.dist = Some(path);
        o.config_json = Some(r#"{"apiBase":"/override"}"#.into());
    })
    .await;
    let r = s.client().get("/config.json").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["apiBase"], "/override");
    assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));
}

#[tokio::test]
async fn compresses_with_brotli_and_gzip() {
    let dist = make_dist();
    let path = dist.path().to_owned();
    let s = server_with(5, |o| o.dist = Some(path)).await;
    let mut c = s.client();
    let r = c
        .send(
            Method::GET,
            "/index.html",
            None,
            &[("accept-encoding", "br")],
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding").as_deref(), Some("br"));
    assert!(r.body.len() < 1000, "compressed size {}", r.body.len());
    let r = c
        .send(
            Method::GET,
            "/customers",
            None,
            &[("accept-encoding", "gzip")],
        )
        .await;
    assert_eq!(r.header("content-encoding").as_deref(), Some("gzip"));
    let r = c.get("/index.html").await;
    assert!(r.header("content-encoding").is_none());
}

#[tokio::test]
async fn precompressed_brotli_files_are_served_as_they_are() {
    let dist = make_dist();
    let path = dist.path().to_owned();
    std::fs::write(path.join("app-0123456789abcdef.js"), "let raw = 1;").unwrap();
    std::fs::write(path.join("app-0123456789abcdef.js.br"), b"PRECOMPRESSED").unwrap();
    let s = server_with(5, |o| o.dist = Some(path)).await;
    let mut c = s.client();
    let r = c
        .send(
            Method::GET,
            "/app-0123456789abcdef.js",
            None,
            &[("accept-encoding", "gzip, br")],
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding").as_deref(), Some("br"));
    assert_eq!(
        &r.body[..],
        b"PRECOMPRESSED",
        "the .br file, not compressed again"
    );
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    // A client without brotli gets the file itself.
    let r = c.get("/app-0123456789abcdef.js").await;
    assert!(r.header("content-encoding").is_none());
    assert_eq!(r.text(), "let raw = 1;");
}

#[tokio::test]
async fn request_bodies_are_limited() {
    let s = server().await;
    let mut c = s.client();
    let big = format!(
        r#"{{"username":"demo","password":"{}"}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let r = c
        .send(
            Method::POST,
            "/wechat_api/login",
            Some(("application/json", big.into_bytes())),
            &[],
        )
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["code"], 413);
}

#[tokio::test]
async fn cors_allowlist_with_credentials() {
    let s = server_with(5, |o| o.cors_origins = vec!["http://localhost:3000".into()]).await;
    let mut c = s.client();
    let pre = [
        ("origin", "http://localhost:3000"),
        ("access-control-request-method", "POST"),
        ("access-control-request-headers", "content-type"),
    ];
    let r = c
        .send(Method::OPTIONS, "/wechat_api/login", None, &pre)
        .await;
    assert!(r.status < 300, "{}", r.status);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:3000")
    );
    assert_eq!(
        r.header("access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let r = c
        .send(
            Method::GET,
            "/wechat_api/me",
            None,
            &[("origin", "http://evil.example")],
        )
        .await;
    assert!(r.header("access-control-allow-origin").is_none());
    let r = c
        .send(
            Method::GET,
            "/wechat_api/me",
            None,
            &[("origin", "http://localhost:3000")],
        )
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:3000")
    );
}

#[tokio::test]
async fn demo_seeding_only_on_a_new_database_and_deterministic() {
    let s = server_with(40, |_| {}).await;
    let db = s.db_path();
    let count = |p: &std::path::Path| -> (i64, i64, String) {
        let conn = rusqlite::Connection::open(p).unwrap();
        let n1 = conn
            .query_row(
                "SELECT count(*) FROM customer WHERE tenant_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let n2 = conn
            .query_row(
                "SELECT count(*) FROM customer WHERE tenant_id = 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let first: String = conn
            .query_row(
                "SELECT customer_name || customer_phone FROM customer ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (n1, n2, first)
    };
    let before = count(&db);
    assert_eq!(before.0, 40);
    assert!(before.1 > 0 && before.1 < 40);
    s.running.shutdown().await;
    // Restart on the same file asking for more: nothing is added.
    let again = scrm_server::start(scrm_server::Options {
        db: db.clone(),
        demo: Some(500),
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(count(&db), before);
    let mut c = common::Client::new(again.url());
    assert_eq!(c.login("demo", "demo123").await.status, 200);
    again.shutdown().await;
    // Another new database gets the same data.
    let other = server_with(40, |_| {}).await;
    assert_eq!(count(&other.db_path()).2, before.2);
}

#[tokio::test]
async fn missing_config_json_is_404_not_index_html() {
    let dist = make_dist();
    std::fs::remove_file(dist.path().join("config.json")).unwrap();
    let path = dist.path().to_owned();
    let s = server_with(5, |o| o.dist = Some(path)).await;
    let r = s.client().get("/config.json").await;
    assert_eq!(r.status, 404);
    assert!(!r.text().contains("panel placeholder"));
}

#[tokio::test]
async fn shutdown_stops_the_server_promptly() {
    let s = server().await;
    let url = s.url();
    let mut c = s.client();
    assert_eq!(c.get("/wechat_api/me").await.status, 401);
    let started = std::time::Instant::now();
    s.running.shutdown().await;
    assert!(started.elapsed() < scrm_server::SHUTDOWN_GRACE + Duration::from_secs(1));
    let addr = url.trim_start_matches("http://").to_owned();
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still listening"
    );
}
