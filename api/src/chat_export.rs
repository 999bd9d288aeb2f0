//! Conversation export as plain text and CSV. The caller supplies the words
//! (sender names, a one-line summary per message) so the panel's language is
//! used; the writers only own the formats.

use crate::chat::{ChatMessage, Direction};

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

/// CSV with a header row and a UTF-8 byte order mark (so spreadsheet
/// programs read Chinese correctly).
pub fn to_csv(
    messages: &[ChatMessage],
    labels: &ExportLabels<'_>,
    header: [&str; 4],
    summary: impl Fn(&ChatMessage) -> String,
) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, &header);
    for m in messages {
        let id = m.msg_id.clone().unwrap_or_default();
        let body = summary(m);
        push_row(&mut out, &[&id, time(m), who(m, labels), &body]);
    }
    out
}

fn push_row(out: &mut String, cells: &[&str]) {
    let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// One CSV cell: quoted when needed, and a cell a spreadsheet would run as
/// a formula (starting with `= + - @`, or tab/CR before one) gets a leading
/// apostrophe so it stays text.
pub fn csv_cell(text: &str) -> String {
    let risky = text
        .trim_start_matches(['\t', '\r', ' '])
        .starts_with(['=', '+', '-', '@'])
        || text.starts_with(['\t', '\r']);
    let text = if risky {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timestamp;

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
    fn formulas_are_neutralised_and_cells_quoted() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+86 138"), "'+86 138");
        assert_eq!(csv_cell("-5"), "'-5");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=cmd"), "'\t=cmd");
        assert_eq!(csv_cell("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_cell("你好"), "你好");
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
