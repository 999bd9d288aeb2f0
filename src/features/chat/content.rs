//! How a message's content is shown: which addresses may be linked or loaded
//! (http(s) only), link and search-match splitting, sizes and durations.
//! Host-compiled, so these rules are tested natively; the views only draw.

/// True for an absolute `http:` or `https:` URL: the only ones the panel
/// links to or loads media from (no `javascript:`, `data:`, relative paths).
pub fn is_http_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url
            .trim()
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
}

/// Where a root-relative media path (`/…`) from the vendor API points: the
/// API base as configured (the same prefix API paths are joined to), made
/// absolute with the page's origin when it is empty or itself a path.
pub fn media_base(api_base: &str, page_origin: &str) -> String {
    let base = api_base.trim().trim_end_matches('/');
    if is_http_url(base) {
        base.to_owned()
    } else if base.is_empty() || (base.starts_with('/') && !base.starts_with("//")) {
        format!("{}{base}", page_origin.trim_end_matches('/'))
    } else {
        // An unusable base: nothing relative will resolve to http(s).
        String::new()
    }
}

/// The address a media field (image, thumbnail, voice, video, file) is
/// loaded from: an absolute http(s) URL as it is; a root-relative path
/// joined to [`media_base`]; then the http(s) rule applies to the result,
/// so `data:`, `javascript:`, `//host/…` and bare relative paths are never
/// loaded.
pub fn media_url(url: &str, base: &str) -> Option<String> {
    let u = url.trim();
    if is_http_url(u) {
        return Some(u.to_owned());
    }
    let rooted = u.starts_with('/') && !u.starts_with("//") && !u.starts_with("/\\");
    if !rooted || u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let joined = format!("{base}{u}");
    is_http_url(&joined).then_some(joined)
}

/// A piece of message text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits text into plain parts and http(s) links. A link ends at
/// whitespace, a quote or angle bracket, or full-width punctuation.
pub fn linkify(text: &str) -> Vec<Segment<'_>> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let next = [lower[pos..].find("https://"), lower[pos..].find("http://")]
            .into_iter()
            .flatten()
            .min();
        let Some(rel) = next else { break };
        let start = pos + rel;
        let len = text[start..]
            .char_indices()
            .find(|&(_, c)| {
                c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>') || (c as u32) > 0x2FFF
            })
            .map_or(text.len() - start, |(i, _)| i);
        let candidate =
            text[start..start + len].trim_end_matches(['.', ',', ')', ';', ':', '!', '?']);
        if start > pos {
            out.push(Segment::Text(&text[pos..start]));
        }
        if is_http_url(candidate) {
            out.push(Segment::Link(candidate));
        } else {
            out.push(Segment::Text(candidate));
        }
        pos = start + candidate.len().max(1);
    }
    if pos < text.len() {
        out.push(Segment::Text(&text[pos..]));
    }
    out
}

/// Splits `text` into `(part, is_match)` around case-insensitive (ASCII)
/// occurrences of `needle`; one unmatched part when the needle is blank.
pub fn highlight<'a>(text: &'a str, needle: &str) -> Vec<(&'a str, bool)> {
    let needle = needle.trim().to_ascii_lowercase();
    if needle.is_empty() {
        return vec![(text, false)];
    }
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = lower[pos..].find(&needle) {
        let start = pos + rel;
        if start > pos {
            out.push((&text[pos..start], false));
        }
        out.push((&text[start..start + needle.len()], true));
        pos = start + needle.len();
    }
    if pos < text.len() || out.is_empty() {
        out.push((&text[pos..], false));
    }
    out
}

/// A map page with a marker at a shared location: AMap's public marker
/// address, which opens in any browser and inside WeChat, where sales staff
/// are. The coordinates are WeChat's own text, already checked as numbers.
pub fn map_url(at: &scrm_api::chat::Coordinates, name: &str) -> String {
    let mut url = format!(
        "https://uri.amap.com/marker?position={},{}",
        at.longitude, at.latitude
    );
    if !name.trim().is_empty() {
        url.push_str("&name=");
        url.push_str(&crate::core::nav::encode_component(name.trim()));
    }
    url
}

/// `1.5 MB`-style size, in integer arithmetic: float formatting would add
/// its whole machinery to the browser bundle for one decimal.
pub fn file_size(bytes: i64) -> String {
    let b = bytes.max(0);
    let tenths = |unit: i64| {
        let t = b.saturating_mul(10) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    if b < 1024 {
        format!("{b} B")
    } else if b < 1024 * 1024 {
        format!("{} KB", tenths(1024))
    } else {
        format!("{} MB", tenths(1024 * 1024))
    }
}

/// `m:ss` duration.
pub fn duration(sec: i64) -> String {
    let s = sec.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrm_api::chat::Coordinates;

    #[test]
    fn a_location_links_to_a_map_marker_with_its_name() {
        let at = Coordinates::parse("22.540503", "113.934528");
        let at = at.as_ref().map(|a| map_url(a, "腾讯 大厦&1"));
        assert_eq!(
            at.as_deref(),
            Some("https://uri.amap.com/marker?position=113.934528,22.540503&name=%E8%85%BE%E8%AE%AF%20%E5%A4%A7%E5%8E%A6%261")
        );
        let bare = Coordinates::parse("1", "2").map(|a| map_url(&a, " "));
        assert_eq!(
            bare.as_deref(),
            Some("https://uri.amap.com/marker?position=2,1")
        );
        assert!(bare.is_some_and(|u| is_http_url(&u)));
    }

    #[test]
    fn only_http_links() {
        assert!(is_http_url("https://example.com/a?b=<c>"));
        assert!(is_http_url("HTTP://example.com"));
        for bad in [
            "javascript:alert(1)",
            "data:image/svg+xml,x",
            "/media/a.pdf",
            "https://",
            "http:///x",
            "pages/index",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
        assert_eq!(
            linkify("see https://a.example/x, or javascript:alert(1) 和http://b.cn。好"),
            vec![
                Segment::Text("see "),
                Segment::Link("https://a.example/x"),
                Segment::Text(", or javascript:alert(1) 和"),
                Segment::Link("http://b.cn"),
                Segment::Text("。好"),
            ]
        );
        assert_eq!(
            linkify("http:// x"),
            vec![Segment::Text("http://"), Segment::Text(" x")]
        );
    }

    #[test]
    fn highlight_marks_every_match() {
        assert_eq!(
            highlight("Price PRICE price", "price"),
            vec![
                ("Price", true),
                (" ", false),
                ("PRICE", true),
                (" ", false),
                ("price", true)
            ]
        );
        assert_eq!(
            highlight("价格能再优惠", "优惠"),
            vec![("价格能再", false), ("优惠", true)]
        );
        assert_eq!(highlight("abc", " "), vec![("abc", false)]);
    }

    #[test]
    fn media_paths_resolve_against_the_api_base() {
        let same = media_base("", "http://127.0.0.1:8080");
        assert_eq!(same, "http://127.0.0.1:8080");
        assert_eq!(
            media_base("/gw/", "https://panel.cn"),
            "https://panel.cn/gw"
        );
        let api = media_base("https://api.example.com/scrm/", "https://panel.cn");
        assert_eq!(api, "https://api.example.com/scrm");
        assert_eq!(
            media_url("/wechat_api/demo-media/image/1.svg", &api).as_deref(),
            Some("https://api.example.com/scrm/wechat_api/demo-media/image/1.svg")
        );
        assert_eq!(
            media_url(" https://cdn.cn/a.png ", &api).as_deref(),
            Some("https://cdn.cn/a.png")
        );
        for bad in [
            "data:image/svg+xml,<svg/>",
            "javascript:alert(1)",
            "//evil.example/a.png",
            "/\\evil.example/a.png",
            "media/a.png",
            "pages/booking/index",
            "/a b.png",
            "",
        ] {
            assert_eq!(media_url(bad, &api), None, "{bad}");
        }
        // A base that is not http(s) makes nothing relative loadable.
        let odd = media_base("ftp://x", "https://panel.cn");
        assert_eq!(media_url("/a.png", &odd), None);
        assert_eq!(media_url("/a.png", &media_base("", "file://")), None);
    }

    #[test]
    fn sizes_and_durations() {
        assert_eq!(file_size(512), "512 B");
        assert_eq!(file_size(1536), "1.5 KB");
        assert_eq!(file_size(3 * 1024 * 1024), "3.0 MB");
        assert_eq!(duration(65), "1:05");
    }
}
