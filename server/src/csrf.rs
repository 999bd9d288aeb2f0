//! Cross-site request forgery: a browser attaches the session cookie to a
//! form post or `fetch(..., {mode: "no-cors"})` from any site, so every
//! state-changing request must prove it comes from the panel's own origin
//! or an origin allowed by `--cors-origin`. Browsers say where a request
//! comes from in `Sec-Fetch-Site` and `Origin`; clients that send neither
//! (curl, the vendor's back end) are not browsers and carry no ambient
//! cookie, so they pass.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, Family};

/// Origins trusted besides the request's own (`scheme://host[:port]`, no slash).
#[derive(Clone, Debug, Default)]
pub struct Trusted(pub Arc<Vec<String>>);

impl Trusted {
    pub fn new(origins: &[String]) -> Self {
        Trusted(Arc::new(
            origins
                .iter()
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .collect(),
        ))
    }
}

pub const MSG_CROSS_SITE: &str = "拒绝跨站请求";

/// Refuses a state-changing request that a browser sent from a foreign page.
pub async fn guard(State(trusted): State<Trusted>, req: Request, next: Next) -> Response {
    if allowed(req.method(), req.headers(), &trusted.0) {
        return next.run(req).await;
    }
    ApiError::new(StatusCode::FORBIDDEN, MSG_CROSS_SITE)
        .family(Family::of_path(req.uri().path()))
        .into_response()
}

/// The rule: safe methods always; a trusted `Origin`; otherwise
/// `Sec-Fetch-Site` decides when the browser sends it (only `same-origin`
/// and `none`, a typed URL, pass); otherwise `Origin`'s host must be the
/// `Host` the request was sent to (so it works behind a proxy that keeps
/// `Host`, whatever the scheme there).
pub fn allowed(method: &Method, headers: &HeaderMap, trusted: &[String]) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = text(header::ORIGIN.as_str());
    if origin.is_some_and(|o| trusted.iter().any(|t| t == o)) {
        return true;
    }
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = origin else {
        return true;
    };
    let host = text(header::HOST.as_str()).unwrap_or("");
    let authority = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    !host.is_empty() && authority.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn check(method: Method, pairs: &[(&'static str, &'static str)]) -> bool {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        allowed(&method, &h, &["http://panel.example".to_owned()])
    }

    #[test]
    fn rule() {
        let host = ("host", "api.example:8080");
        assert!(check(Method::GET, &[("origin", "http://evil.example")]));
        assert!(check(Method::POST, &[host]));
        assert!(check(
            Method::POST,
            &[host, ("origin", "http://api.example:8080")]
        ));
        assert!(check(
            Method::POST,
            &[host, ("origin", "http://panel.example")]
        ));
        assert!(check(
            Method::POST,
            &[
                ("origin", "http://panel.example"),
                ("sec-fetch-site", "cross-site")
            ]
        ));
        assert!(check(Method::POST, &[("sec-fetch-site", "same-origin")]));
        assert!(!check(
            Method::POST,
            &[host, ("origin", "http://evil.example")]
        ));
        assert!(!check(Method::POST, &[host, ("origin", "null")]));
        assert!(!check(
            Method::POST,
            &[host, ("origin", "http://api.example:8080.evil")]
        ));
        assert!(!check(
            Method::POST,
            &[host, ("sec-fetch-site", "cross-site")]
        ));
        assert!(!check(
            Method::POST,
            &[host, ("sec-fetch-site", "same-site")]
        ));
        assert!(!check(Method::DELETE, &[("origin", "http://evil.example")]));
    }
}
