//! The loaded part of a conversation and its paging, the rendering window,
//! day grouping and search. Host-compiled, so `cargo test` checks it
//! natively; the chat views only draw.

use std::collections::HashSet;

use scrm_api::chat::{ChatMessage, MessageKind};
use scrm_api::time::Timestamp;

use super::query::PAGE_SIZE;

/// Messages kept in the DOM at once: far below the 500-element budget, far
/// above a screenful, so shifting the window happens rarely.
pub const WINDOW: usize = 240;
/// How far the window moves when the reader nears one of its edges.
pub const WINDOW_STEP: usize = 80;
/// Messages a conversation view holds at most (about 12 MB of the page's
/// memory, which a wasm page never gives back): reading, searching or
/// jumping further back stops here and says so; a date range reaches older
/// messages.
pub const MAX_LOADED: usize = 20_000;

/// The loaded part of a conversation, oldest first, each message once.
#[derive(Clone, Debug, Default)]
pub struct Conversation {
    items: Vec<ChatMessage>,
    keys: Vec<String>,
    /// What search looks in, per message, lower-cased once on arrival.
    words: Vec<String>,
    seen: HashSet<String>,
    pages: i64,
    /// The server's count of the conversation's messages, as of the last page.
    total: i64,
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

    /// How many messages the server says the conversation has.
    pub fn total(&self) -> i64 {
        self.total
    }

    /// True once [`MAX_LOADED`] messages are held: no older page is asked for.
    pub fn full(&self) -> bool {
        self.items.len() >= MAX_LOADED
    }

    /// Whether an older page may be asked for.
    pub fn more(&self) -> bool {
        !self.complete && !self.full()
    }

    /// Adds one reply page (newest first, as the server sends it) before the
    /// loaded messages. Messages already held are skipped: when new messages
    /// arrive between requests the server's offsets shift and a page repeats
    /// a few. Returns how many messages were added.
    pub fn add_older_page(&mut self, page_newest_first: Vec<ChatMessage>, total: i64) -> usize {
        let got = page_newest_first.len();
        let mut older = Vec::with_capacity(got);
        let mut keys = Vec::with_capacity(got);
        let mut words = Vec::with_capacity(got);
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
            words.push(searchable(&m).to_ascii_lowercase());
            older.push(m);
        }
        let added = older.len();
        self.pages += 1;
        self.total = total;
        self.complete = last_page(got, PAGE_SIZE, self.pages, total);
        older.append(&mut self.items);
        keys.append(&mut self.keys);
        words.append(&mut self.words);
        self.items = older;
        self.keys = keys;
        self.words = words;
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

/// Whether the `pages`th page of `size`, which held `got` messages, was the
/// oldest: a short page, or the pages asked for cover the server's `total`.
pub fn last_page(got: usize, size: i64, pages: i64, total: i64) -> bool {
    let limit = usize::try_from(size).unwrap_or(usize::MAX);
    let asked = usize::try_from(pages.saturating_mul(size)).unwrap_or(usize::MAX);
    got < limit || asked >= usize::try_from(total.max(0)).unwrap_or(0)
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

    /// The same messages after `added` older ones were put in front.
    pub fn shifted(self, added: usize) -> Window {
        Window {
            start: self.start + added,
            end: self.end + added,
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

/// The words of a message a reader can search for: what the view shows, so
/// a card or location is found by its name, not by its XML.
pub fn searchable(m: &ChatMessage) -> String {
    let shown: Vec<Option<String>> = match m.kind() {
        MessageKind::ContactCard {
            name, wechat_id, ..
        } => vec![name, wechat_id],
        MessageKind::Location { place, address, .. } => vec![place, address],
        _ => vec![
            m.content.clone(),
            m.title.clone(),
            m.description.clone(),
            m.file_name.clone(),
        ],
    };
    shown.into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// Which of `hits` (indices, as [`search`] gives them) is the message `key`.
pub fn hit_position(c: &Conversation, hits: &[usize], key: &str) -> Option<usize> {
    hits.iter().position(|&i| c.key(i) == Some(key))
}

/// Indices of the loaded messages that contain `needle`, oldest first.
pub fn search(c: &Conversation, needle: &str) -> Vec<usize> {
    let needle = needle.trim().to_ascii_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    c.words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.contains(&needle))
        .map(|(i, _)| i)
        .collect()
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
        let kept = Window::latest(300).shifted(200);
        assert_eq!((kept.start, kept.end), (260, 500));
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
    fn a_conversation_stops_asking_for_older_pages_at_its_limit() {
        let mut c = Conversation::default();
        let mut next = 1_000_000;
        while c.more() {
            c.add_older_page(page(next - PAGE_SIZE + 1..=next), 1_000_000);
            next -= PAGE_SIZE;
        }
        assert!(c.full() && !c.complete());
        assert_eq!(c.len(), MAX_LOADED);
        assert!(last_page(3, 200, 1, 1000) && last_page(200, 200, 5, 1000));
        assert!(!last_page(200, 200, 4, 1000));
    }

    #[test]
    fn search_finds_loaded_messages() {
        let mut c = Conversation::default();
        c.add_older_page(page(1..=12), 12);
        assert_eq!(search(&c, "M1"), vec![0, 9, 10, 11]);
        assert!(search(&c, " ").is_empty());
    }

    #[test]
    fn the_current_match_keeps_its_place_when_an_older_page_arrives() {
        let mut c = Conversation::default();
        c.add_older_page(page(20..=31), 1000);
        let hits = search(&c, "m2");
        let key = c.key(hits[1]).map(str::to_owned).unwrap_or_default();
        assert_eq!(hit_position(&c, &hits, &key), Some(1));
        // An older page with no match shifts every index.
        c.add_older_page(page(3..=9), 1000);
        let shifted = search(&c, "m2");
        assert_ne!(shifted, hits);
        assert_eq!(hit_position(&c, &shifted, &key), Some(1));
        assert_eq!(hit_position(&c, &shifted, "no-such-key"), None);
    }

    #[test]
    fn a_card_or_location_is_found_by_what_it_shows_not_its_xml() {
        let card = ChatMessage {
            msg_type: Some(42),
            content: Some(r#"<msg username="wxid_1" nickname="陈医生" alias="chen88"/>"#.into()),
            ..Default::default()
        };
        let place = ChatMessage {
            msg_type: Some(48),
            content: Some(
                r#"<msg><location x="24.4" y="118.0" label="湖滨南路" poiname="星河"/></msg>"#
                    .into(),
            ),
            ..Default::default()
        };
        assert_eq!(searchable(&card), "陈医生 chen88");
        assert_eq!(searchable(&place), "星河 湖滨南路");
        assert!(!searchable(&card).contains("msg"));
    }
}
