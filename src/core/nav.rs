//! Pure navigation rules: where to go after login, the embed switch, and
//! the path prefix of a panel hosted under a sub-path.
//!
//! ## Sub-path hosting
//!
//! A build for `https://host/panel/` (`trunk build --public-url /panel/`)
//! carries `<base href="/panel/">`. At start-up the panel reads the
//! document's base URL once ([`set_base`]); the router is given the same
//! base, so route paths and `navigate("/customers")` stay app-relative.
//! Links are different: leptos_router's `<A href="/x">` and plain `<a>`
//! render the path as given, so every in-app link goes through [`href`],
//! which puts the base in front. Paths read back from the browser (the 401
//! round-trip's return path) lose it again through [`strip_base`].

use std::sync::OnceLock;

/// The app's base path without the trailing slash: `""` at the root,
/// `"/panel"` under a sub-path. Set once at start-up: the document's
/// `<base>` never changes while the page lives.
static BASE: OnceLock<String> = OnceLock::new();

/// Records the base from the document's base URL path (`document.baseURI`'s
/// path, e.g. `/panel/`). Later calls are ignored.
pub fn set_base(base_uri_path: &str) {
    let _ = BASE.set(base_from_path(base_uri_path));
}

/// The base set at start-up (`""` when none was).
pub fn base() -> &'static str {
    BASE.get().map(String::as_str).unwrap_or("")
}

/// The address of an in-app path (`/customers?x=1`) under the base.
pub fn href(path: &str) -> String {
    with_base(base(), path)
}

/// `/panel/` or `/panel` -> `/panel`; `/`, `""` -> `""`. Only the directory
/// part counts (`/panel/index.html` -> `/panel`), as a browser resolves a
/// relative URL against it.
pub fn base_from_path(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = match path.rfind('/') {
        Some(i) if path[i + 1..].contains('.') => &path[..i],
        _ => path,
    };
    let trimmed = dir.trim_end_matches('/');
    if trimmed.is_empty() || !trimmed.starts_with('/') || trimmed.starts_with("//") {
        String::new()
    } else {
        trimmed.to_owned()
    }
}

/// Puts `base` in front of a root-relative path; anything else (`tel:`,
/// `https://...`, `//host`, `#x`, `?q`) is returned as it is.
pub fn with_base(base: &str, path: &str) -> String {
    if path.starts_with('/') && !path.starts_with("//") {
        format!("{base}{path}")
    } else {
        path.to_owned()
    }
}

/// The app path of a browser path: `base` taken off the front when it is
/// there as a whole segment (`/panel/x` -> `/x`, `/panel` -> `/`).
pub fn strip_base<'a>(base: &str, path: &'a str) -> &'a str {
    if base.is_empty() {
        return path;
    }
    match path.strip_prefix(base) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => path,
    }
}

/// The `next` target after login, only if it is a path inside this app.
/// Anything else falls back to the start page, so a crafted login link
/// cannot send the user elsewhere. Browsers drop tabs and newlines from
/// URLs and read `\` as `/`, so `/\t/evil.example` would become
/// `//evil.example`, another site: any control character or backslash is
/// refused, as are `//`, dot segments (which climb out of a sub-path base)
/// and escapes in the path part (which hide either). What is left is an
/// absolute path on the panel's own origin, under its base once
/// `with_base` adds it.
pub fn safe_next(next: Option<&str>) -> String {
    let fallback = || "/customers".to_owned();
    let Some(n) = next else {
        return fallback();
    };
    let path = n.split(['?', '#']).next().unwrap_or_default();
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !n.chars().any(|c| c.is_control() || c == '\\')
        && !path.contains('%')
        && !path.split('/').any(|seg| seg == "." || seg == "..")
        && !path.starts_with("/login");
    if ok {
        n.to_owned()
    } else {
        fallback()
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
            // Browsers strip tabs and newlines: these become `//evil…`.
            "/\t/evil.example.com",
            "/\n/evil.example.com",
            "/\r/evil.example.com",
            "\t//evil.example.com",
            // A backslash reads as a slash.
            "\\evil.example.com",
            "/\\/evil.example.com",
            "\\/evil.example.com",
            // Escaped slashes, dots and backslashes in the path.
            "/%2F%2Fevil.example.com",
            "/%2f/evil.example.com",
            "/%5Cevil.example.com",
            "/%2e%2e/other-app",
            // Dot segments climb out of a sub-path base.
            "/../other-app",
            "/customers/../../other-app",
            "/./customers",
            "JavaScript:alert(1)",
            " /customers",
            "data:text/html,x",
            "http:/evil.example.com",
            "/\u{0}x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/customers", "{bad}");
        }
        assert_eq!(safe_next(None), "/customers");
        // Escapes and odd characters in the query part are the page's own.
        assert_eq!(
            safe_next(Some("/customers?name=%2F%2Fx&q=a/b")),
            "/customers?name=%2F%2Fx&q=a/b"
        );
    }

    #[test]
    fn base_from_the_documents_base_url() {
        assert_eq!(base_from_path("/"), "");
        assert_eq!(base_from_path(""), "");
        assert_eq!(base_from_path("/panel/"), "/panel");
        assert_eq!(base_from_path("/panel"), "/panel");
        assert_eq!(base_from_path("/a/b/"), "/a/b");
        assert_eq!(base_from_path("/panel/index.html"), "/panel");
        assert_eq!(base_from_path("/index.html"), "");
        assert_eq!(base_from_path("/panel/?x=1#y"), "/panel");
        assert_eq!(base_from_path("//evil"), "");
    }

    #[test]
    fn links_get_the_base_and_lose_it_again() {
        assert_eq!(with_base("", "/customers"), "/customers");
        assert_eq!(
            with_base("/panel", "/customers?x=1"),
            "/panel/customers?x=1"
        );
        for other in [
            "tel:138",
            "https://a.example/x",
            "//a.example",
            "#main",
            "?q=1",
        ] {
            assert_eq!(with_base("/panel", other), other);
        }
        assert_eq!(strip_base("/panel", "/panel/customers"), "/customers");
        assert_eq!(strip_base("/panel", "/panel"), "/");
        assert_eq!(strip_base("/panel", "/panel/"), "/");
        assert_eq!(
            strip_base("/panel", "/panelx/customers"),
            "/panelx/customers"
        );
        assert_eq!(strip_base("/panel", "/customers"), "/customers");
        assert_eq!(strip_base("", "/customers"), "/customers");
        let round = strip_base("/panel", "/panel/customers/12?phone=1");
        assert_eq!(with_base("/panel", round), "/panel/customers/12?phone=1");
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
