//! Pure navigation rules: where to go after login, and the embed switch.

/// The `next` target after login, only if it is a path inside this app.
/// Anything else (absolute URLs, `//host`, `javascript:`) falls back to the
/// start page, so a crafted login link cannot send the user elsewhere.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.starts_with("/login") =>
        {
            n.to_owned()
        }
        _ => "/customers".to_owned(),
    }
}

/// Reads the `embed` query parameter: `Some(true)` for `1`/`true`,
/// `Some(false)` for `0`/`false`, `None` when absent (keep what the session
/// remembered).
pub fn embed_param(value: Option<&str>) -> Option<bool> {
    match value.map(str::trim) {
        Some("1") | Some("true") => Some(true),
        Some("0") | Some("false") => Some(false),
        _ => None,
    }
}

/// Percent-encodes a path-and-query for use as a query parameter value.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_keeps_in_app_paths() {
        assert_eq!(safe_next(Some("/settings?x=1")), "/settings?x=1");
        assert_eq!(
            safe_next(Some("/customers/12?phone=1")),
            "/customers/12?phone=1"
        );
    }

    #[test]
    fn next_refuses_other_sites_and_loops() {
        for bad in [
            "https://evil.example.com",
            "//evil.example.com",
            "/\\evil.example.com",
            "javascript:alert(1)",
            "/login?next=/x",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/customers", "{bad}");
        }
        assert_eq!(safe_next(None), "/customers");
    }

    #[test]
    fn embed_flag() {
        assert_eq!(embed_param(Some("1")), Some(true));
        assert_eq!(embed_param(Some("0")), Some(false));
        assert_eq!(embed_param(Some("yes please")), None);
        assert_eq!(embed_param(None), None);
    }

    #[test]
    fn encoding_round_trips_through_a_query() {
        assert_eq!(
            encode_component("/a b?c=中&d=1"),
            "/a%20b%3Fc%3D%E4%B8%AD%26d%3D1"
        );
    }
}
