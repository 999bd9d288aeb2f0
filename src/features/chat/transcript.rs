//! Conversation export as plain text and CSV, of the whole conversation
//! (not only what the view has loaded): [`Gathered`] pages through it. The
//! caller supplies the words (sender names, a one-line summary per message)
//! so the panel's language is used; the writers only own the formats.

use std::collections::HashSet;

use scrm_api::chat::{ChatMessage, Direction};
use scrm_api::csv;

use super::history::last_page;

/// Messages one export request asks for: the most the server gives at once.
pub const EXPORT_PAGE: i64 = 500;
/// Messages an export writes at most, the newest ones (the file is built in
/// the browser's memory; 100,000 lines are some 10 MB); a date range
/// exports older ones.
pub const EXPORT_LIMIT: usize = 100_000;

/// A whole-conversation export's pages as they arrive, newest first: each
/// message once (new messages shift the server's offsets, so a page may
/// repeat a few), at most [`EXPORT_LIMIT`].
#[derive(Debug, Default)]
pub struct Gathered {
    seen: HashSet<String>,
    kept: usize,
    pages: i64,
    done: bool,
    capped: bool,
}

impl Gathered {
    /// The page to ask for next; `None` once the oldest message (or the
    /// limit) is reached.
    pub fn next_page(&self) -> Option<i64> {
        (!self.done).then_some(self.pages + 1)
    }

    /// Takes one reply page (newest first) of a conversation of `total`
    /// messages and returns the messages to write, oldest first.
    pub fn take(&mut self, page_newest_first: Vec<ChatMessage>, total: i64) -> Vec<ChatMessage> {
        let got = page_newest_first.len();
        self.pages += 1;
        self.done = last_page(got, EXPORT_PAGE, self.pages, total);
        let mut fresh = Vec::with_capacity(got);
        for m in page_newest_first {
            if self.kept >= EXPORT_LIMIT {
                self.capped = true;
                self.done = true;
                break;
            }
            let id = m.msg_id.as_deref().map(str::trim).unwrap_or_default();
            if id.is_empty() || self.seen.insert(id.to_owned()) {
                self.kept += 1;
                fresh.push(m);
            }
        }
        fresh.reverse();
        fresh
    }

    /// Messages taken so far.
    pub fn kept(&self) -> usize {
        self.kept
    }

    /// Whether the limit cut the export short.
    pub fn capped(&self) -> bool {
        self.capped
    }
}

/// Who said what in an exported line.
pub struct ExportLabels<'a> {
    pub sent: &'a str,
    pub received: &'a str,
}

fn who<'a>(m: &ChatMessage, labels: &ExportLabels<'a>) -> &'a str {
    match m.direction() {
        Direction::Sent => labels.sent,
        Direction::Received => labels.received,
    }
}

fn time(m: &ChatMessage) -> &str {
    m.create_time.as_ref().map_or("", |t| t.display())
}

/// One line per message, oldest first: `time  name: summary`. Line breaks
/// inside a message are indented so every message starts a line of its own.
pub fn to_text(
    messages: &[ChatMessage],
    labels: &ExportLabels<'_>,
    summary: impl Fn(&ChatMessage) -> String,
) -> String {
    let mut out = String::new();
    for m in messages {
        let body = summary(m).replace("\r\n", "\n").replace('\n', "\n    ");
        out.push_str(&format!("{}  {}: {}\n", time(m), who(m, labels), body));
    }
    out
}

/// CSV with a header row, written by the customer export's writer
/// ([`scrm_api::csv`]): byte-order mark, CRLF, RFC 4180 quoting and formula
/// neutralising are one implementation for every file the panel offers.
pub fn to_csv(
    messages: &[ChatMessage],
    labels: &ExportLabels<'_>,
    header: [&str; 4],
    summary: impl Fn(&ChatMessage) -> String,
) -> String {
    csv::start(&header) + &csv_rows(messages, labels, summary)
}

/// The CSV lines of `messages` without the header: an export writes them
/// page by page.
pub fn csv_rows(
    messages: &[ChatMessage],
    labels: &ExportLabels<'_>,
    summary: impl Fn(&ChatMessage) -> String,
) -> String {
    let mut out = String::new();
    for m in messages {
        let id = m.msg_id.clone().unwrap_or_default();
        let body = summary(m);
        out.push_str(&csv::line(&[id.as_str(), time(m), who(m, labels), &body]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrm_api::time::Timestamp;

    fn msg(id: &str, sent: bool, text: &str) -> ChatMessage {
        ChatMessage {
            msg_id: Some(id.into()),
            is_send: Some(i64::from(sent)),
            content: Some(text.into()),
            create_time: Timestamp::from_civil(2024, 5, 6, 7, 8, 9),
            ..Default::default()
        }
    }

    const LABELS: ExportLabels<'static> = ExportLabels {
        sent: "我",
        received: "客户",
    };

    fn content(m: &ChatMessage) -> String {
        m.content.clone().unwrap_or_default()
    }

    #[test]
    fn cells_follow_the_customer_export_rules() {
        let ms = [
            msg("1", true, "+86 138"),
            msg("2", false, "@SUM(A1), \"x\""),
        ];
        let csv = to_csv(&ms, &LABELS, ["id", "time", "who", "text"], content);
        let expected = csv::start(&["id", "time", "who", "text"])
            + &csv::line(&["1", "2024-05-06 07:08:09", "我", "+86 138"])
            + &csv::line(&["2", "2024-05-06 07:08:09", "客户", "@SUM(A1), \"x\""]);
        assert_eq!(csv, expected);
        assert!(csv.contains("\r\n1,2024-05-06 07:08:09,我,'+86 138\r\n"));
        assert!(csv.contains(",客户,\"'@SUM(A1), \"\"x\"\"\"\r\n"));
    }

    fn page(ids: std::ops::RangeInclusive<usize>) -> Vec<ChatMessage> {
        ids.rev().map(|i| msg(&i.to_string(), true, "x")).collect()
    }

    #[test]
    fn an_export_gathers_every_message_once_oldest_first_within_its_limit() {
        let mut g = Gathered::default();
        assert_eq!(g.next_page(), Some(1));
        let newest = g.take(page(501..=1000), 1003);
        assert_eq!(
            newest.first().and_then(|m| m.msg_id.as_deref()),
            Some("501")
        );
        assert_eq!(g.next_page(), Some(2));
        // Three new messages arrived: the next page repeats three.
        let older = g.take(page(4..=503), 1003);
        assert_eq!(older.len(), 497);
        assert_eq!(older.last().and_then(|m| m.msg_id.as_deref()), Some("500"));
        assert_eq!(g.next_page(), Some(3));
        assert_eq!(g.take(page(1..=3), 1003).len(), 3);
        assert_eq!((g.next_page(), g.kept(), g.capped()), (None, 1000, false));

        let mut big = Gathered::default();
        let mut top = EXPORT_LIMIT + 1000;
        while big.next_page().is_some() {
            big.take(page(top + 1 - EXPORT_PAGE as usize..=top), 1_000_000);
            top -= EXPORT_PAGE as usize;
        }
        assert_eq!((big.kept(), big.capped()), (EXPORT_LIMIT, true));
    }

    #[test]
    fn every_message_once_in_order() {
        let ms = [
            msg("1", true, "你好"),
            msg("2", false, "=HYPERLINK(\"x\")\nline"),
        ];
        let csv = to_csv(&ms, &LABELS, ["id", "time", "who", "text"], content);
        assert_eq!(
            csv,
            "\u{feff}id,time,who,text\r\n1,2024-05-06 07:08:09,我,你好\r\n\
             2,2024-05-06 07:08:09,客户,\"'=HYPERLINK(\"\"x\"\")\nline\"\r\n"
        );
        let text = to_text(&ms, &LABELS, content);
        assert_eq!(
            text,
            "2024-05-06 07:08:09  我: 你好\n2024-05-06 07:08:09  客户: =HYPERLINK(\"x\")\n    line\n"
        );
    }
}
