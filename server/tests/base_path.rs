//! The panel served under a sub-path (`--base-path /panel/`): dist and its
//! config.json below the prefix, index.html for client-side routes there,
//! redirects to the prefix, the API where it always is.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

fn make_dist() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("index.html"),
        r#"<!doctype html><html><head><base href="/panel/"></head><body>panel index</body></html>"#,
    )
    .unwrap();
    std::fs::write(d.path().join("scrm-panel-0123456789abcdef.js"), "x").unwrap();
    std::fs::write(d.path().join("config.json"), r#"{"apiBase":""}"#).unwrap();
    d
}

#[tokio::test]
async fn dist_and_config_live_under_the_base_path_and_the_api_does_not() {
    let dist = make_dist();
    let path = dist.path().to_owned();
    let s = server_with(5, |o| {
        o.dist = Some(path);
        // Normalised like the command line does.
        o.base_path = "panel".into();
    })
    .await;
    let mut c = s.client();
    for route in [
        "/panel/",
        "/panel/index.html",
        "/panel/customers",
        "/panel/customers/42?phone=1",
        "/panel/call?phone=13800000001",
    ] {
        let r = c.get(route).await;
        assert_eq!(r.status, 200, "{route}");
        assert!(r.text().contains("panel index"), "{route}");
        assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));
    }
    let r = c.get("/panel/scrm-panel-0123456789abcdef.js").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    let r = c.get("/panel/config.json").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["apiBase"], "");
    for outside in [
        "/customers",
        "/config.json",
        "/index.html",
        "/panelx/customers",
    ] {
        let r = c.get(outside).await;
        assert_eq!(r.status, 404, "{outside}");
        assert!(!r.text().contains("panel index"), "{outside}");
    }
    for to_base in ["/", "/panel"] {
        let r = c.get(to_base).await;
        assert_eq!(r.status, 308, "{to_base}");
        assert_eq!(r.header("location").as_deref(), Some("/panel/"));
    }
    // The API is not moved.
    let r = c.get("/wechat_api/me").await;
    assert_eq!(r.status, 401);
    let mut signed_in = s.login("demo").await;
    assert_eq!(signed_in.get("/wechat_api/me").await.status, 200);
    let r = c.get("/wechat_api/customer/unknown").await;
    assert_eq!(r.json()["code"], 404);
}

#[tokio::test]
async fn config_json_option_is_served_under_the_base_path() {
    let dist = make_dist();
    let path = dist.path().to_owned();
    let s = server_with(5, |o| {
        o.dist = Some(path);
        o.base_path = "/panel/".into();
        o.config_json = Some(r#"{"apiBase":"/override"}"#.into());
    })
    .await;
    let r = s.client().get("/panel/config.json").await;
    assert_eq!(r.json()["apiBase"], "/override");
}

#[tokio::test]
async fn an_impossible_base_path_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let opts = scrm_server::Options {
        db: dir.path().join("x.db"),
        base_path: "/a/../b".into(),
        ..Default::default()
    };
    assert!(scrm_server::start(opts).await.is_err());
}
