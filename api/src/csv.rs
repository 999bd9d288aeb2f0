//! The customer export's CSV: UTF-8 with a byte-order mark (without it Excel
//! reads Chinese as mojibake), CRLF line ends, RFC 4180 quoting, and formula
//! injection neutralised (a cell an attacker controls, such as a remark, must
//! not run as a formula when the file is opened in a spreadsheet).

use crate::customer::Customer;

/// The byte-order mark Excel needs to detect UTF-8.
pub const BOM: &str = "\u{feff}";

/// Cells starting with one of these are formulas to a spreadsheet (tab and
/// carriage return too, per OWASP's CSV-injection guidance).
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// One cell, neutralised and quoted as needed.
pub fn cell(value: &str) -> String {
    let mut v = String::with_capacity(value.len() + 3);
    if value.chars().next().is_some_and(is_formula_start) {
        v.push('\'');
    }
    v.push_str(value);
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// A cell of a text column: digits only are written `="01012345678"`, the
/// form Excel and LibreOffice read as text, so a phone keeps its leading
/// zero and an 18-digit id is not rounded to 1.10101199003075E+17. Nothing
/// else is changed, so the formula neutralising of [`cell`] still applies
/// to everything a user typed; the import reads the form back as the digits.
pub fn text_cell(value: &str) -> String {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        format!("=\"{value}\"")
    } else {
        cell(value)
    }
}

/// One line, CRLF-terminated.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    end_line(cells.iter().map(|c| cell(c.as_ref())))
}

fn end_line(cells: impl Iterator<Item = String>) -> String {
    let mut out = cells.collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// A customer line from [`customer_cells`]: the id is a number, every other
/// column is text ([`text_cell`]).
pub fn customer_line<S: AsRef<str>>(cells: &[S]) -> String {
    end_line(cells.iter().enumerate().map(|(i, c)| match i {
        0 => cell(c.as_ref()),
        _ => text_cell(c.as_ref()),
    }))
}

/// The start of a file: the BOM and the header line.
pub fn start<S: AsRef<str>>(header: &[S]) -> String {
    format!("{BOM}{}", line(header))
}

/// The columns of a customer row, in the order of the header the panel
/// writes (id, name, nickname, remark name, phone, tags, star, remarks,
/// created, last update).
pub fn customer_cells(c: &Customer) -> [String; 10] {
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let tags = match &c.tag_names {
        Some(names) if !names.is_empty() => names.join("|"),
        _ => text(&c.tags),
    };
    [
        c.customer_id.map(|i| i.to_string()).unwrap_or_default(),
        text(&c.customer_name),
        text(&c.nick_name),
        text(&c.remark_name),
        text(&c.customer_phone),
        tags,
        if c.starred() { "1".into() } else { "0".into() },
        text(&c.remarks),
        c.create_time
            .as_ref()
            .map(|t| t.display().to_owned())
            .unwrap_or_default(),
        c.last_update_time
            .as_ref()
            .map(|t| t.display().to_owned())
            .unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_starts_with_bom_and_header() {
        let s = start(&["姓名", "电话"]);
        assert!(s.starts_with('\u{feff}'));
        assert_eq!(s.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
        assert_eq!(&s[3..], "姓名,电话\r\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(cell("=1+2"), "'=1+2");
        assert_eq!(cell("+86 138"), "'+86 138");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("张三"), "张三");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\",1)"), "\"'=HYPERLINK(\"\"x\"\",1)\"");
        assert_eq!(line(&["1", "a,b", ""]), "1,\"a,b\",\r\n");
    }

    #[test]
    fn digit_only_text_stays_text_in_spreadsheets() {
        assert_eq!(text_cell("01012345678"), "=\"01012345678\"");
        assert_eq!(text_cell("110101199003075123"), "=\"110101199003075123\"");
        assert_eq!(text_cell("=1+2"), "'=1+2");
        assert_eq!(text_cell("-5"), "'-5");
        assert_eq!(text_cell("138 0013"), "138 0013");
        assert_eq!(text_cell(""), "");
        assert_eq!(
            customer_line(&["7", "王五", "0123", "=A1"]),
            "7,王五,=\"0123\",'=A1\r\n"
        );
    }

    #[test]
    fn customer_row_prefers_tag_names() {
        let c = Customer {
            customer_id: Some(7),
            customer_name: Some("李雷".into()),
            tags: Some("1,2".into()),
            tag_names: Some(vec!["VIP".into(), "新客".into()]),
            is_star: Some(1),
            ..Default::default()
        };
        let cells = customer_cells(&c);
        assert_eq!(cells[0], "7");
        assert_eq!(cells[1], "李雷");
        assert_eq!(cells[5], "VIP|新客");
        assert_eq!(cells[6], "1");
        let bare = Customer {
            tags: Some("3".into()),
            ..Default::default()
        };
        assert_eq!(customer_cells(&bare)[5], "3");
    }
}
