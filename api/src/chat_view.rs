//! The browser-free half of the chat viewer: the loaded conversation and its
//! paging, the rendering window, day grouping, link and search splitting.
//! It lives here so `cargo test` checks it natively; the panel only draws.

use std::collections::HashSet;

use crate::chat::{ChatMessage, ChatRecordRequest};
use crate::time::Timestamp;

/// Messages asked for per page; the server allows up to 500.
pub const PAGE_SIZE: i64 = 200;
/// Messages kept in the DOM at once: far below the 500-element budget, far
/// above a screenful, so shifting the window happens rarely.
pub const WINDOW: usize = 240;
/// How far the window moves when the reader nears one of its edges.
pub const WINDOW_STEP: usize = 80;

/// What `/chat?…` names: the URL alone restores the view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatQuery {
    pub wechat_user_ids: String,
    pub wechat_contact_ids: String,
    /// `yyyy-MM-dd`, inclusive.
    pub from: Option<String>,
    /// `yyyy-MM-dd`, inclusive.
    pub to: Option<String>,
    /// The customer's display name, passed by the page that links here
    /// (the chat record itself names nobody); shown for the customer's side.
    pub name: Option<String>,
}

impl ChatQuery {
    /// Reads the query parameters; `None` when the conversation is not named
    /// by ids (a hand-edited or truncated link). Unreadable dates are dropped
    /// rather than failing the page.
    pub fn from_params(
        user_ids: Option<&str>,
        contact_ids: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Option<ChatQuery> {
        Some(ChatQuery {
            wechat_user_ids: id_list(user_ids?)?,
            wechat_contact_ids: id_list(contact_ids?)?,
            from: from.and_then(valid_date),
            to: to.and_then(valid_date),
            name: None,
        })
    }

    /// Adds the customer's display name read from the `name` parameter.
    pub fn with_name(self, name: Option<&str>) -> ChatQuery {
        ChatQuery {
            name: name.and_then(display_name),
            ..self
        }
    }

    /// The link an entry point (customer row, edit page, call pop-up,
    /// contacts by tag) offers: ids and, when known, the display name.
    pub fn link(user_id: i64, contact_id: i64, name: Option<&str>) -> String {
        ChatQuery {
            wechat_user_ids: user_id.to_string(),
            wechat_contact_ids: contact_id.to_string(),
            ..Default::default()
        }
        .with_name(name)
        .path()
    }

    /// The panel path showing this view (ids are digits and commas, dates
    /// `yyyy-MM-dd`; only the name needs escaping).
    pub fn path(&self) -> String {
        let mut p = format!(
            "/chat?wechatUserIds={}&wechatContactIds={}",
            self.wechat_user_ids, self.wechat_contact_ids
        );
        if let Some(f) = &self.from {
            p.push_str(&format!("&from={f}"));
        }
        if let Some(t) = &self.to {
            p.push_str(&format!("&to={t}"));
        }
        if let Some(n) = &self.name {
            p.push_str("&name=");
            p.push_str(&encode_value(n));
        }
        p
    }

    /// The request for page `page_no` (1 = newest messages).
    pub fn request(&self, page_no: i64) -> ChatRecordRequest {
        ChatRecordRequest {
            wechat_user_ids: Some(self.wechat_user_ids.clone()),
            wechat_contact_ids: Some(self.wechat_contact_ids.clone()),
            begin_time: self.from.as_deref().and_then(Timestamp::parse),
            end_time: self.to.as_deref().and_then(Timestamp::parse),
            limit: Some(PAGE_SIZE),
            page_no: Some(page_no),
            ..Default::default()
        }
    }
}

/// Comma-separated positive ids, normalised; `None` if any part is not one.
fn id_list(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let ok = !parts.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 19 && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| parts.join(","))
}

/// Longest display name kept from a URL, in characters.
pub const NAME_MAX: usize = 64;

/// A name fit to show: trimmed, control characters dropped, at most
/// [`NAME_MAX`] characters; `None` when nothing is left.
pub fn display_name(text: &str) -> Option<String> {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_MAX)
        .collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_owned())
}

/// Percent-encodes a query value (UTF-8 bytes; unreserved characters kept).
fn encode_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A `yyyy-MM-dd` that names a real day.
pub fn valid_date(text: &str) -> Option<String> {
    let t = text.trim();
    (t.len() == 10)
        .then(|| Timestamp::parse(t))
        .flatten()
        .map(|ts| ts.date().to_owned())
}

/// The loaded part of a conversation, oldest first, each message once.
#[derive(Clone, Debug, Default)]
pub struct Conversation {
    items: Vec<ChatMessage>,
    keys: Vec<String>,
    seen: HashSet<String>,
    pages: i64,
    complete: bool,
    unnamed: u64,
}

impl Conversation {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&ChatMessage> {
        self.items.get(i)
    }

    /// A stable key for rendering: the message id, or a local one.
    pub fn key(&self, i: usize) -> Option<&str> {
        self.keys.get(i).map(String::as_str)
    }

    pub fn messages(&self) -> &[ChatMessage] {
        &self.items
    }

    /// The page to ask for next when the reader scrolls up.
    pub fn next_page(&self) -> i64 {
        self.pages + 1
    }

    /// True once the oldest message has arrived.
    pub fn complete(&self) -> bool {
        self.complete
    }

    /// Adds one reply page (newest first, as the server sends it) before the
    /// loaded messages. Messages already held are skipped: when new messages
    /// arrive between requests the server's offsets shift and a page repeats
    /// a few. Returns how many messages were added.
    pub fn add_older_page(&mut self, page_newest_first: Vec<ChatMessage>, total: i64) -> usize {
        let got = page_newest_first.len();
        let mut older = Vec::with_capacity(got);
        let mut keys = Vec::with_capacity(got);
        for m in page_newest_first.into_iter().rev() {
            let key = match m.msg_id.as_deref().map(str::trim) {
                Some(id) if !id.is_empty() => {
                    if !self.seen.insert(id.to_owned()) {
                        continue;
                    }
                    id.to_owned()
                }
                _ => {
                    self.unnamed += 1;
                    format!("local-{}", self.unnamed)
                }
            };
            keys.push(key);
            older.push(m);
        }
        let added = older.len();
        self.pages += 1;
        let limit = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
        let asked = usize::try_from(self.pages.saturating_mul(PAGE_SIZE)).unwrap_or(usize::MAX);
        self.complete = got < limit || asked >= usize::try_from(total.max(0)).unwrap_or(0);
        older.append(&mut self.items);
        keys.append(&mut self.keys);
        self.items = older;
        self.keys = keys;
        added
    }

    /// Index of the first message on or after `date` (`yyyy-MM-dd`).
    pub fn first_on_or_after(&self, date: &str) -> Option<usize> {
        self.items
            .iter()
            .position(|m| day(m).is_some_and(|d| d >= date))
    }

    /// Whether older pages may still hold messages of `date`: the oldest
    /// loaded message is from that day or later.
    pub fn needs_older_for(&self, date: &str) -> bool {
        self.items
            .first()
            .and_then(day)
            .is_some_and(|first| first >= date)
    }
}

/// The rendered slice `start..end` of the conversation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
}

impl Window {
    /// The newest messages, where a conversation opens.
    pub fn latest(len: usize) -> Window {
        Window {
            start: len.saturating_sub(WINDOW),
            end: len,
        }
    }

    /// A window holding `index`, with some context before it.
    pub fn around(index: usize, len: usize) -> Window {
        let start = index
            .saturating_sub(WINDOW / 4)
            .min(len.saturating_sub(WINDOW));
        Window {
            start,
            end: (start + WINDOW).min(len),
        }
    }

    /// The same messages after `added` older ones were put in front, moved
    /// up a step so the reader at the top sees some of the new ones.
    pub fn after_prepend(self, added: usize, len: usize) -> Window {
        if self.end == 0 {
            return Window::latest(len);
        }
        let start = (self.start + added).saturating_sub(WINDOW_STEP);
        Window {
            start,
            end: (start + WINDOW).min(len),
        }
    }

    /// Moves towards older messages; `None` at the oldest loaded one.
    pub fn up(self, len: usize) -> Option<Window> {
        (self.start > 0).then(|| {
            let start = self.start.saturating_sub(WINDOW_STEP);
            Window {
                start,
                end: (start + WINDOW).min(len),
            }
        })
    }

    /// Moves towards newer messages; `None` at the newest.
    pub fn down(self, len: usize) -> Option<Window> {
        (self.end < len).then(|| {
            let end = (self.end + WINDOW_STEP).min(len);
            Window {
                start: end.saturating_sub(WINDOW),
                end,
            }
        })
    }
}

/// The China-time day of a message, `yyyy-MM-dd`.
pub fn day(m: &ChatMessage) -> Option<&str> {
    m.create_time.as_ref().map(Timestamp::date)
}

/// `HH:mm` of a message.
pub fn clock(m: &ChatMessage) -> Option<&str> {
    m.create_time.as_ref().and_then(|t| t.display().get(11..16))
}

/// Whether a day separator goes above message `i`.
pub fn starts_day(c: &Conversation, i: usize) -> Option<String> {
    let here = c.get(i).and_then(day)?;
    let before = i.checked_sub(1).and_then(|p| c.get(p)).and_then(day);
    (before != Some(here)).then(|| here.to_owned())
}

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

/// The words of a message a reader can search for.
pub fn searchable(m: &ChatMessage) -> String {
    [&m.content, &m.title, &m.description, &m.file_name]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Indices of the loaded messages that contain `needle`, oldest first.
pub fn search(c: &Conversation, needle: &str) -> Vec<usize> {
    let needle = needle.trim().to_ascii_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    c.items
        .iter()
        .enumerate()
        .filter(|(_, m)| searchable(m).to_ascii_lowercase().contains(&needle))
        .map(|(i, _)| i)
        .collect()
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

    fn msg(id: i64, ms: i64) -> ChatMessage {
        ChatMessage {
            msg_id: Some(id.to_string()),
            content: Some(format!("m{id}")),
            create_time: Timestamp::from_epoch_ms(ms),
            ..Default::default()
        }
    }

    fn page(ids: std::ops::RangeInclusive<i64>) -> Vec<ChatMessage> {
        ids.rev().map(|i| msg(i, i * 1_000_000)).collect()
    }

    #[test]
    fn pages_are_put_in_front_in_order_without_duplicates() {
        let mut c = Conversation::default();
        let n = PAGE_SIZE;
        assert_eq!(c.add_older_page(page(n + 1..=2 * n), 1000), n as usize);
        assert_eq!(c.next_page(), 2);
        assert!(!c.complete());
        // The second page overlaps by five (new messages shifted offsets).
        assert_eq!(c.add_older_page(page(6..=n + 5), 1000), n as usize - 5);
        let ids: Vec<i64> = c
            .messages()
            .iter()
            .filter_map(|m| m.msg_id.as_deref()?.parse().ok())
            .collect();
        assert_eq!(ids, (6..=2 * n).collect::<Vec<_>>());
        assert_eq!(c.key(0), Some("6"));
        c.add_older_page(page(1..=5), 1000);
        assert!(c.complete(), "a short page is the end of history");
    }

    #[test]
    fn window_stays_bounded_while_moving() {
        let len = 10_000;
        let mut w = Window::latest(len);
        assert_eq!((w.start, w.end), (len - WINDOW, len));
        while let Some(up) = w.up(len) {
            assert!(up.end - up.start <= WINDOW && up.start < w.start);
            w = up;
        }
        assert_eq!(w.start, 0);
        let w = Window::around(5_000, len);
        assert!(w.start <= 5_000 && 5_000 < w.end && w.end - w.start == WINDOW);
        let grown = Window::latest(100).after_prepend(200, 300);
        assert!(grown.end == 300 && grown.end - grown.start <= WINDOW && grown.start < 200);
        assert_eq!(Window::latest(10).down(10), None);
    }

    #[test]
    fn days_and_clock() {
        let mut c = Conversation::default();
        // 2021-01-01 23:59 and 2021-01-02 00:01 China time.
        let a = Timestamp::from_civil(2021, 1, 1, 23, 59, 0).map(|t| t.epoch_ms());
        let b = Timestamp::from_civil(2021, 1, 2, 0, 1, 0).map(|t| t.epoch_ms());
        let (Some(a), Some(b)) = (a, b) else {
            panic!("valid times")
        };
        c.add_older_page(vec![msg(3, b + 1000), msg(2, b), msg(1, a)], 3);
        assert_eq!(starts_day(&c, 0).as_deref(), Some("2021-01-01"));
        assert_eq!(starts_day(&c, 1).as_deref(), Some("2021-01-02"));
        assert_eq!(starts_day(&c, 2), None);
        assert_eq!(c.get(0).and_then(clock), Some("23:59"));
        assert_eq!(c.first_on_or_after("2021-01-02"), Some(1));
        assert!(c.needs_older_for("2021-01-01") && c.needs_older_for("2020-12-31"));
        assert!(!c.needs_older_for("2021-01-02"));
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
    fn search_and_highlight() {
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
        let mut c = Conversation::default();
        c.add_older_page(page(1..=12), 12);
        assert_eq!(search(&c, "M1"), vec![0, 9, 10, 11]);
    }

    #[test]
    fn url_query_is_checked() {
        let q = ChatQuery::from_params(
            Some("1, 2"),
            Some("7"),
            Some("2024-02-30"),
            Some("2024-03-01"),
        );
        let Some(q) = q else { panic!("ids are valid") };
        assert_eq!(q.wechat_user_ids, "1,2");
        assert_eq!(q.from, None);
        assert_eq!(q.to.as_deref(), Some("2024-03-01"));
        assert_eq!(
            q.path(),
            "/chat?wechatUserIds=1,2&wechatContactIds=7&to=2024-03-01"
        );
        let r = q.request(3);
        assert_eq!((r.page_no, r.limit), (Some(3), Some(PAGE_SIZE)));
        assert_eq!(
            ChatQuery::from_params(Some("1;drop"), Some("7"), None, None),
            None
        );
        assert_eq!(ChatQuery::from_params(None, Some("7"), None, None), None);
    }

    #[test]
    fn names_ride_in_the_url() {
        let link = ChatQuery::link(3, 9, Some(" 陈 聊天&多=1 "));
        assert_eq!(
            link,
            "/chat?wechatUserIds=3&wechatContactIds=9&name=%E9%99%88%20%E8%81%8A%E5%A4%A9%26%E5%A4%9A%3D1"
        );
        assert_eq!(
            ChatQuery::link(3, 9, Some("  ")),
            "/chat?wechatUserIds=3&wechatContactIds=9"
        );
        assert_eq!(
            ChatQuery::link(3, 9, None),
            "/chat?wechatUserIds=3&wechatContactIds=9"
        );
        let q = ChatQuery::from_params(Some("3"), Some("9"), None, Some("2024-01-02"))
            .map(|q| q.with_name(Some("李\u{7}雷")));
        assert_eq!(q.as_ref().and_then(|q| q.name.as_deref()), Some("李雷"));
        assert_eq!(
            q.map(|q| q.path()).as_deref(),
            Some("/chat?wechatUserIds=3&wechatContactIds=9&to=2024-01-02&name=%E6%9D%8E%E9%9B%B7")
        );
        let long = "名".repeat(100);
        assert_eq!(
            display_name(&long).map(|n| n.chars().count()),
            Some(NAME_MAX)
        );
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
