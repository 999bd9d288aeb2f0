//! Which server-supplied addresses the panel may load or link to. Avatar
//! URLs come from WeChat via the vendor; anything but http(s) (a
//! `javascript:` or `data:` URL planted in a record) is never used.

/// The URL itself when it is an absolute http or https address.
pub fn http_url(url: Option<&str>) -> Option<&str> {
    let u = url?.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("https://") && u.len() > 8)
        || (lower.starts_with("http://") && u.len() > 7);
    ok.then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https() {
        assert_eq!(
            http_url(Some("https://x.cn/a.png")),
            Some("https://x.cn/a.png")
        );
        assert_eq!(http_url(Some(" HTTP://x.cn/a ")), Some("HTTP://x.cn/a"));
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "//x.cn/a.png",
            "/img/a.png",
            "ftp://x.cn/a",
            "https://",
            "",
        ] {
            assert_eq!(http_url(Some(bad)), None, "{bad}");
        }
        assert_eq!(http_url(None), None);
    }
}
