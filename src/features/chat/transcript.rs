//! Conversation export as plain text and CSV. The caller supplies the words
//! (sender names, a one-line summary per message) so the panel's language is
//! used; the writers only own the formats.

use scrm_api::chat::{ChatMessage, Direction};
use scrm_api::csv;

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
    let mut out = csv::start(&header);
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
