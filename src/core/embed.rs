//! The window-message protocol between the panel and a page embedding it in
//! an iframe (see docs/embedding.md). Pure rules only, so `cargo test` checks
//! them natively: what an incoming message means, whether its sender may be
//! heard, and which origin the panel may talk back to. The browser glue is in
//! `components::embed_bridge`.

use serde::Serialize;
use serde_json::Value;

/// What an accepted message asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inbound {
    /// `{type: "scrm:call", phone}`: a call started or came in on `phone`
    /// (as the softphone spelled it; normalised later).
    Call { phone: String },
}

/// Why a message was not acted on; logged to the console in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    /// The sender's origin is not in `embedOrigins`.
    ForeignOrigin(String),
    /// An allowed sender, but not a message of this protocol.
    NotOurs,
}

impl std::fmt::Display for Ignored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ignored::ForeignOrigin(o) => write!(
                f,
                "scrm: ignored a window message from {o:?}: origin not in embedOrigins"
            ),
            Ignored::NotOurs => write!(f, "scrm: ignored a window message of unknown type"),
        }
    }
}

/// Decides what a window message means. `data` is the message's payload as
/// JSON text (an object, or a string holding JSON, since some embedding
/// pages stringify before posting). The origin is checked before the payload
/// is even looked at.
pub fn read_message(allowed: &[String], origin: &str, data: &str) -> Result<Inbound, Ignored> {
    if !allowed.iter().any(|o| o == origin) {
        return Err(Ignored::ForeignOrigin(origin.to_owned()));
    }
    let value: Value = serde_json::from_str(data).map_err(|_| Ignored::NotOurs)?;
    let value = match value {
        Value::String(inner) => serde_json::from_str(&inner).map_err(|_| Ignored::NotOurs)?,
        other => other,
    };
    if value.get("type").and_then(Value::as_str) != Some("scrm:call") {
        return Err(Ignored::NotOurs);
    }
    let phone = match value.get("phone") {
        Some(Value::String(s)) => s.clone(),
        // Integers only: a float is no phone number (and formatting floats
        // would cost the bundle).
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) => v.to_string(),
            None => return Err(Ignored::NotOurs),
        },
        _ => return Err(Ignored::NotOurs),
    };
    Ok(Inbound::Call { phone })
}

/// Messages the panel posts to the embedding page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
pub enum Outbound {
    /// The panel has started and listens for `scrm:call`.
    #[serde(rename = "scrm:ready")]
    Ready,
    /// Please dial this (normalised) number on the softphone.
    #[serde(rename = "scrm:dial")]
    Dial { phone: String },
    /// The panel's content is this many CSS pixels tall.
    #[serde(rename = "scrm:resize")]
    Resize { height: u32 },
}

impl Outbound {
    pub fn to_json(&self) -> String {
        // A derived Serialize of strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The origin the panel posts to: the first candidate (what the browser
/// says the parent is, then what a sender proved by writing to us) that is
/// configured. Never `*`: the panel's messages name customers' numbers.
pub fn target_origin<'a>(
    allowed: &[String],
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .find(|c| allowed.iter().any(|o| o == c))
        .map(str::to_owned)
}

/// `scheme://host[:port]` of an absolute http(s) URL, as `MessageEvent.origin`
/// spells it; used for `document.referrer`.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    if host.is_empty() || host.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        vec!["https://crm.example.com".into()]
    }

    #[test]
    fn call_from_a_configured_origin() {
        let m = read_message(
            &allowed(),
            "https://crm.example.com",
            r#"{"type":"scrm:call","phone":"+86 138 0013 8000"}"#,
        );
        assert_eq!(
            m,
            Ok(Inbound::Call {
                phone: "+86 138 0013 8000".into()
            })
        );
        // Stringified payloads and numeric phones are understood too.
        let m = read_message(
            &allowed(),
            "https://crm.example.com",
            r#""{\"type\":\"scrm:call\",\"phone\":13800138000}""#,
        );
        assert_eq!(
            m,
            Ok(Inbound::Call {
                phone: "13800138000".into()
            })
        );
    }

    #[test]
    fn foreign_origins_are_refused_whatever_they_say() {
        let call = r#"{"type":"scrm:call","phone":"13800138000"}"#;
        for origin in [
            "https://evil.example.com",
            "https://crm.example.com.evil.com",
            "http://crm.example.com",
            "null",
            "",
        ] {
            assert_eq!(
                read_message(&allowed(), origin, call),
                Err(Ignored::ForeignOrigin(origin.into())),
                "{origin}"
            );
        }
        assert!(read_message(&[], "https://crm.example.com", call).is_err());
    }

    #[test]
    fn other_messages_are_not_ours() {
        for data in [
            "not json",
            "null",
            "[]",
            r#"{"type":"scrm:dial","phone":"13800138000"}"#,
            r#"{"type":"scrm:call"}"#,
            r#"{"type":"scrm:call","phone":{"x":1}}"#,
            r#"{"phone":"13800138000"}"#,
        ] {
            assert_eq!(
                read_message(&allowed(), "https://crm.example.com", data),
                Err(Ignored::NotOurs),
                "{data}"
            );
        }
    }

    #[test]
    fn outbound_shapes() {
        assert_eq!(Outbound::Ready.to_json(), r#"{"type":"scrm:ready"}"#);
        assert_eq!(
            Outbound::Dial {
                phone: "13800138000".into()
            }
            .to_json(),
            r#"{"type":"scrm:dial","phone":"13800138000"}"#
        );
        assert_eq!(
            Outbound::Resize { height: 640 }.to_json(),
            r#"{"type":"scrm:resize","height":640}"#
        );
    }

    #[test]
    fn target_is_only_ever_a_configured_origin() {
        let a = allowed();
        assert_eq!(
            target_origin(&a, ["https://evil.example.com", "https://crm.example.com"]),
            Some("https://crm.example.com".into())
        );
        assert_eq!(target_origin(&a, ["https://evil.example.com"]), None);
        assert_eq!(target_origin(&[], ["https://crm.example.com"]), None);
    }

    #[test]
    fn origins_of_urls() {
        assert_eq!(
            origin_of("https://crm.example.com:8443/a/b?c#d").as_deref(),
            Some("https://crm.example.com:8443")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:9/").as_deref(),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(origin_of(""), None);
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("https://user@evil.com/"), None);
    }
}
