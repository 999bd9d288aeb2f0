//! Test harness: a real server on an ephemeral port with a temporary
//! database, and a small HTTP client that keeps the session cookie.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use scrm_server::{Options, Running};
use serde_json::Value;
use tempfile::TempDir;

pub struct TestServer {
    pub running: Running,
    pub dir: TempDir,
}

impl TestServer {
    pub fn url(&self) -> String {
        self.running.url()
    }
    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }
    pub fn client(&self) -> Client {
        Client::new(self.url())
    }
    /// A client logged in as `user` (password: the demo one).
    pub async fn login(&self, user: &str) -> Client {
        let mut c = self.client();
        let password = match user {
            "demo" => "demo123",
            "sales1" => "sales123",
            "other" => "other123",
            _ => panic!("no demo user {user}"),
        };
        let r = c.login(user, password).await;
        assert_eq!(r.status, 200, "{}", r.text());
        c
    }
}

/// A server seeded with `demo` customers, after `tweak` adjusted the options.
pub async fn server_with(demo: u32, tweak: impl FnOnce(&mut Options)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = Options {
        db: dir.path().join("test.db"),
        demo: Some(demo),
        ..Options::default()
    };
    tweak(&mut opts);
    let running = scrm_server::start(opts).await.unwrap();
    TestServer { running, dir }
}

pub async fn server() -> TestServer {
    server_with(60, |_| {}).await
}

pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }
}

pub struct Client {
    pub base: String,
    pub cookie: Option<String>,
    pub bearer: Option<String>,
    http: HyperClient<HttpConnector, Full<Bytes>>,
}

impl Client {
    pub fn new(base: String) -> Self {
        Client {
            base,
            cookie: None,
            bearer: None,
            http: HyperClient::builder(TokioExecutor::new()).build_http(),
        }
    }

    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{}", self.base, path));
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, format!("scrm_session={c}"));
        }
        if let Some(t) = &self.bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        for (k, v) in extra {
            req = req.header(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        let bytes = match body {
            Some((ctype, b)) => {
                req = req.header(header::CONTENT_TYPE, ctype);
                Bytes::from(b)
            }
            None => Bytes::new(),
        };
        let res = self
            .http
            .request(req.body(Full::new(bytes)).unwrap())
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        for sc in headers.get_all(header::SET_COOKIE) {
            let sc = sc.to_str().unwrap();
            if let Some(v) = sc.strip_prefix("scrm_session=") {
                let v = v.split(';').next().unwrap_or("");
                self.cookie = if v.is_empty() {
                    None
                } else {
                    Some(v.to_owned())
                };
            }
        }
        let body = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(Method::GET, path, None, &[]).await
    }

    /// GET with the query built from pairs (values are URL-encoded here).
    pub async fn get_q(&mut self, path: &str, query: &[(&str, &str)]) -> Reply {
        let q = serde_urlencoded::to_string(query).unwrap();
        self.get(&format!("{path}?{q}")).await
    }

    pub async fn post(&mut self, path: &str, json: &Value) -> Reply {
        let body = serde_json::to_vec(json).unwrap();
        self.send(Method::POST, path, Some(("application/json", body)), &[])
            .await
    }

    pub async fn login(&mut self, username: &str, password: &str) -> Reply {
        let r = self
            .post(
                "/wechat_api/login",
                &serde_json::json!({ "username": username, "password": password }),
            )
            .await;
        if r.status == 200 {
            let token = r.json()["data"]["token"].as_str().unwrap().to_owned();
            assert_eq!(self.cookie.as_deref(), Some(token.as_str()));
        }
        r
    }
}

/// The exact body every API answers without a valid session.
pub fn unauthorized_body() -> Value {
    serde_json::json!({ "code": 401, "msg": "未登录或登录已过期", "data": null })
}
