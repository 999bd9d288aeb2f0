//! Headers that keep the panel's pages from being abused in a browser: a
//! Content-Security-Policy (scripts only from the panel's origin plus the
//! exact inline start-up script trunk writes into index.html, no plugins,
//! no `<base>` elsewhere, framing only by the embedding pages), and a
//! Referrer-Policy that keeps panel URLs (customer ids, `next=`) out of
//! the requests for avatars and images on other hosts.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

pub const REFERRER_POLICY: &str = "no-referrer";

/// The policy for the panel's HTML, built once at start-up.
#[derive(Clone)]
pub struct PanelPolicy(pub HeaderValue);

impl PanelPolicy {
    /// Hashes the inline scripts of `dist/index.html` as served (so a
    /// rebuilt dist needs a restart) and allows framing by `frame_ancestors`.
    pub fn new(dist: Option<&Path>, frame_ancestors: &[String]) -> Result<Self, String> {
        let index = dist
            .map(|d| d.join("index.html"))
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default();
        let value = policy(&inline_script_hashes(&index), frame_ancestors)?;
        HeaderValue::from_str(&value)
            .map(PanelPolicy)
            .map_err(|e| format!("Content-Security-Policy: {e}"))
    }
}

/// The policy text; `frame_ancestors` must be plain origins.
pub fn policy(script_hashes: &[String], frame_ancestors: &[String]) -> Result<String, String> {
    let mut ancestors = vec!["'self'".to_owned()];
    for origin in frame_ancestors {
        let origin = origin.trim().trim_end_matches('/');
        let plain = origin.contains("://")
            && !origin
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || ";,'\"".contains(c));
        if !plain {
            return Err(format!(
                "--frame-ancestors {origin:?}: not an origin like https://crm.example.com"
            ));
        }
        ancestors.push(origin.to_owned());
    }
    let mut script = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script.extend(script_hashes.iter().map(|h| format!("'{h}'")));
    Ok(format!(
        "script-src {}; object-src 'none'; base-uri 'self'; frame-ancestors {}",
        script.join(" "),
        ancestors.join(" ")
    ))
}

/// `sha256-…` of the body of every `<script>` without `src` in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(start) = lower
        .get(at..)
        .and_then(|s| s.find("<script"))
        .map(|i| i + at)
    {
        let Some(open_end) = lower
            .get(start..)
            .and_then(|s| s.find('>'))
            .map(|i| i + start + 1)
        else {
            break;
        };
        let Some(close) = lower
            .get(open_end..)
            .and_then(|s| s.find("</script"))
            .map(|i| i + open_end)
        else {
            break;
        };
        let tag = lower.get(start..open_end).unwrap_or("");
        if !tag.contains(" src=") && !tag.contains("\tsrc=") && !tag.contains("\nsrc=") {
            let body = html.get(open_end..close).unwrap_or("");
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        at = close;
    }
    hashes
}

/// Adds the policy to HTML answers (the panel's pages), where it applies.
pub async fn add_to_html(State(policy): State<PanelPolicy>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        res.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy.0);
    }
    res
}

/// `embedOrigins` of a config.json, the default for `--frame-ancestors`.
pub fn embed_origins(config_json: &str) -> Vec<String> {
    serde_json::from_str::<serde_json::Value>(config_json)
        .ok()
        .and_then(|v| v.get("embedOrigins").cloned())
        .and_then(|v| serde_json::from_value::<Vec<String>>(v).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<head><script type=\"module\">init();</script>\
                    <SCRIPT src=\"/a.js\"></SCRIPT><script>\nx()\n</script></head>";
        let h = inline_script_hashes(html);
        assert_eq!(h.len(), 2);
        let want = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init();"));
        assert_eq!(
            h.first().map(String::as_str),
            Some(format!("sha256-{want}").as_str())
        );
    }

    #[test]
    fn refuses_origins_that_would_change_the_policy() {
        assert!(policy(&[], &["https://crm.example".into()]).is_ok());
        for bad in [
            "https://a; script-src *",
            "*",
            "https://a b",
            "'unsafe-inline'",
        ] {
            assert!(policy(&[], &[bad.into()]).is_err(), "{bad}");
        }
    }
}
