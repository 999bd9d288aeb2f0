//! A minimal XLSX writer for the customer export: one worksheet (inline
//! strings, so no shared-string table to build) with a bold, frozen header
//! row, column widths fitted to the content and date-time columns as real
//! dates, in a ZIP. Pure Rust with no dependencies so it can go in a
//! separately loaded wasm and be tested natively. The caller may pass a
//! deflate function: inline strings make the sheet's XML about six times
//! the CSV (100,000 customers: 68 MB stored), too big to mail or share, so
//! the export worker deflates with `miniz_oxide`, which the XLSX reader
//! already brings.
//!
//! Text cells are never formulas in XLSX, so no neutralising is needed here.
//! Characters XML 1.0 cannot carry (control characters other than tab and
//! line ends) are written as visible escapes such as `\u{b}` rather than
//! dropped, so the cell still shows that something was there.

use crate::time::{Timestamp, CHINA_OFFSET_MS};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Cell formats: 0 plain, 1 bold (the header), 2 `yyyy-mm-dd hh:mm`.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// The header row stays in view while scrolling.
const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#;

const SHEET_END: &str = "</sheetData></worksheet>";

/// How a column's cells are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// China-time `yyyy-MM-dd HH:mm:ss` text, written as a date the
    /// spreadsheet can sort and compute with; anything else stays text.
    DateTime,
}

/// Kinds as one short string (`t` or `d` per column) for a worker message.
pub fn kinds_code(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| match k {
            Kind::Text => 't',
            Kind::DateTime => 'd',
        })
        .collect()
}

/// The kinds [`kinds_code`] wrote; any other letter is text.
pub fn kinds_from_code(code: &str) -> Vec<Kind> {
    code.chars()
        .map(|c| match c {
            'd' => Kind::DateTime,
            _ => Kind::Text,
        })
        .collect()
}

/// Days from Excel's day 0 (1899-12-30) to 1970-01-01.
const EXCEL_EPOCH_DAYS: i64 = 25_569;

const DAY_MS: i64 = 86_400_000;

/// The spreadsheet serial number of a China-time date-time text, as
/// decimal text: whole days since 1899-12-30, then the time of day to ten
/// places (a millisecond is about 1.2e-8 of a day). Integer arithmetic
/// only: formatting a float would add about 10 KB to the worker's wasm.
fn serial(text: &str) -> Option<String> {
    let t = Timestamp::parse(text).filter(|_| !text.trim().is_empty())?;
    let local_ms = t.epoch_ms().checked_add(CHINA_OFFSET_MS)?;
    let days = local_ms.div_euclid(DAY_MS) + EXCEL_EPOCH_DAYS;
    let fraction = i128::from(local_ms.rem_euclid(DAY_MS)) * 10_000_000_000 / i128::from(DAY_MS);
    Some(format!("{days}.{fraction:010}"))
}

/// Whether XML 1.0 can carry the character at all.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` escaped for XML character data or attribute values;
/// characters XML cannot carry become visible `\u{…}` escapes.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if !xml_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
}

/// Roughly how many "0" widths a text takes: CJK and other wide
/// characters count two, and only the longest line of a cell counts.
fn text_width(text: &str) -> usize {
    text.split('\n')
        .map(|line| {
            line.chars()
                .map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or_default()
}

/// Column widths fitted to the widest cell, within 8 and 60.
fn widths<R, S>(rows: &[R], kinds: &[Kind]) -> Vec<usize>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.as_ref().iter().enumerate() {
            let w = match kinds.get(i) {
                // "2024-05-06 07:08" as the date format shows it.
                Some(Kind::DateTime) if serial(cell.as_ref()).is_some() => 16,
                _ => text_width(cell.as_ref()),
            };
            if widths.len() <= i {
                widths.resize(i + 1, 0);
            }
            if let Some(slot) = widths.get_mut(i) {
                *slot = (*slot).max(w);
            }
        }
    }
    widths.into_iter().map(|w| (w + 2).clamp(8, 60)).collect()
}

/// The worksheet XML for `rows`: the first is the header (bold, frozen),
/// the others are written by their column's kind (text when not given).
pub fn sheet_xml<R, S>(rows: &[R], kinds: &[Kind]) -> String
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut out = String::from(SHEET_START);
    let widths = widths(rows, kinds);
    if !widths.is_empty() {
        out.push_str("<cols>");
        for (i, w) in widths.iter().enumerate() {
            out.push_str(&format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>",
                n = i + 1
            ));
        }
        out.push_str("</cols>");
    }
    out.push_str("<sheetData>");
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&format!("<row r=\"{}\">", i + 1));
        for (col, cell) in row.as_ref().iter().enumerate() {
            let cell = cell.as_ref();
            let date = match kinds.get(col) {
                Some(Kind::DateTime) if i > 0 => serial(cell),
                _ => None,
            };
            match date {
                Some(v) => out.push_str(&format!("<c s=\"2\"><v>{v}</v></c>")),
                None => {
                    out.push_str(if i == 0 {
                        "<c s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    } else {
                        "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    });
                    escape_into(&mut out, cell);
                    out.push_str("</t></is></c>");
                }
            }
        }
        out.push_str("</row>");
    }
    out.push_str(SHEET_END);
    out
}

/// CRC-32 (IEEE), as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Compresses a part's bytes as raw DEFLATE (RFC 1951, no zlib header).
pub type Deflate<'a> = &'a dyn Fn(&[u8]) -> Vec<u8>;

/// A stored (method 0) ZIP of `files`, names as UTF-8.
pub fn zip_store(files: &[(&str, &[u8])]) -> Vec<u8> {
    zip(files, None)
}

/// A ZIP of `files`, names as UTF-8. With `deflate`, each part is stored
/// deflated (method 8) when that makes it smaller, else as it is.
pub fn zip(files: &[(&str, &[u8])], deflate: Option<Deflate<'_>>) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let crc = crc32(data);
        let size = data.len() as u32;
        let packed = deflate.map(|f| f(data)).filter(|d| d.len() < data.len());
        let (method, stored): (u16, &[u8]) = match &packed {
            Some(d) => (8, d),
            None => (0, data),
        };
        let stored_size = stored.len() as u32;
        let offset = out.len() as u32;
        let name_len = name.len() as u16;
        // Local file header.
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20); // version needed
        u16le(&mut out, 0x0800); // flags: UTF-8 names
        u16le(&mut out, method);
        u16le(&mut out, 0); // time
        u16le(&mut out, 0x21); // date: 1980-01-01
        u32le(&mut out, crc);
        u32le(&mut out, stored_size);
        u32le(&mut out, size);
        u16le(&mut out, name_len);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(stored);
        // Central directory entry.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // version made by
        u16le(&mut central, 20);
        u16le(&mut central, 0x0800);
        u16le(&mut central, method);
        u16le(&mut central, 0);
        u16le(&mut central, 0x21);
        u32le(&mut central, crc);
        u32le(&mut central, stored_size);
        u32le(&mut central, size);
        u16le(&mut central, name_len);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    let central_len = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, files.len() as u16);
    u16le(&mut out, files.len() as u16);
    u32le(&mut out, central_len);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    out
}

/// A complete .xlsx file of one sheet holding `rows` as text, stored.
pub fn workbook<R, S>(rows: &[R]) -> Vec<u8>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    workbook_with(rows, &[], None)
}

/// A complete .xlsx file of one sheet holding `rows`, columns written by
/// `kinds`, its parts deflated by `deflate` when given.
pub fn workbook_with<R, S>(rows: &[R], kinds: &[Kind], deflate: Option<Deflate<'_>>) -> Vec<u8>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let sheet = sheet_xml(rows, kinds);
    zip(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", ROOT_RELS.as_bytes()),
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
        deflate,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a stored ZIP back: (name, data) per local header, checking CRCs.
    fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let le16 = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
        let le32 =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let mut files = Vec::new();
        let mut i = 0;
        while le32(i) == 0x0403_4b50 {
            let method = le16(i + 8);
            let crc = le32(i + 14);
            let size = le32(i + 18) as usize;
            let unpacked = le32(i + 22) as usize;
            let name_len = le16(i + 26);
            let extra = le16(i + 28);
            let name =
                String::from_utf8(bytes[i + 30..i + 30 + name_len].to_vec()).unwrap_or_default();
            let start = i + 30 + name_len + extra;
            let raw = &bytes[start..start + size];
            let data = match method {
                0 => raw.to_vec(),
                8 => match miniz_oxide::inflate::decompress_to_vec(raw) {
                    Ok(d) => d,
                    Err(e) => panic!("{name} does not inflate: {e:?}"),
                },
                m => panic!("method {m}"),
            };
            assert_eq!(data.len(), unpacked, "size of {name}");
            assert_eq!(crc32(&data), crc, "crc of {name}");
            files.push((name, data));
            i = start + size;
        }
        assert_eq!(le32(i), 0x0201_4b50, "central directory follows");
        files
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn workbook_is_a_zip_of_the_six_parts() {
        let rows = vec![vec!["姓名", "电话"], vec!["张三", "13800000001"]];
        let file = workbook(&rows);
        assert_eq!(&file[..4], b"PK\x03\x04");
        let parts = unzip(&file);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/worksheets/sheet1.xml"
            ]
        );
        let sheet = String::from_utf8(parts[5].1.clone()).unwrap_or_default();
        assert_eq!(sheet.matches("<row ").count(), 2);
        assert!(sheet.contains("<t xml:space=\"preserve\">张三</t>"));
        // The end record counts five entries.
        let end = &file[file.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 6);
    }

    #[test]
    fn cells_are_escaped_text_never_markup_or_formulas() {
        let rows = vec![vec!["<b>&\"x\"</b>", "=1+2", "a\u{0}b\u{1F}c\tok"]];
        let sheet = sheet_xml(&rows, &[]);
        assert!(sheet.contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
        assert!(sheet.contains(">=1+2<"), "a text cell, not a <f> formula");
        assert!(!sheet.contains("<f>"));
        assert!(
            sheet.contains(">a\\u{0}b\\u{1f}c\tok<"),
            "control characters visible as escapes"
        );
    }

    #[test]
    fn header_is_bold_and_frozen_dates_are_dates_and_columns_fit() {
        let long = "x".repeat(100);
        let rows = vec![
            vec!["姓名", "创建时间（北京时间）", "备注"],
            vec!["张三", "2024-05-06 07:08:09", "short"],
            vec!["李四", "not a time", &long],
        ];
        let kinds = kinds_from_code(&kinds_code(&[Kind::Text, Kind::DateTime, Kind::Text]));
        assert_eq!(kinds, [Kind::Text, Kind::DateTime, Kind::Text]);
        let sheet = sheet_xml(&rows, &kinds);
        assert!(sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ));
        // Header cells use the bold format, data cells do not.
        assert_eq!(sheet.matches("<c s=\"1\" t=\"inlineStr\">").count(), 3);
        // 2024-05-06 07:08:09 China time is serial 45418 plus 07:08:09.
        let want = 45_418.0 + (7.0 * 3600.0 + 8.0 * 60.0 + 9.0) / 86_400.0;
        assert_eq!(
            serial("2024-05-06 00:00:00").as_deref(),
            Some("45418.0000000000")
        );
        assert_eq!(
            serial("1970-01-01 12:00:00").as_deref(),
            Some("25569.5000000000")
        );
        assert_eq!(serial(""), None);
        let v = sheet
            .split("<c s=\"2\"><v>")
            .nth(1)
            .and_then(|r| r.split('<').next())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or_default();
        assert!((v - want).abs() < 1e-9, "{v} vs {want}");
        assert!(sheet.contains(">not a time<"), "a bad time stays text");
        // 张三 is 4 wide (+2), the header 20 wide (+2), the note capped at 60.
        assert!(sheet.contains(r#"<col min="1" max="1" width="8" customWidth="1"/>"#));
        assert!(sheet.contains(r#"<col min="2" max="2" width="22" customWidth="1"/>"#));
        assert!(sheet.contains(r#"<col min="3" max="3" width="60" customWidth="1"/>"#));
        assert!(STYLES.contains(r#"formatCode="yyyy-mm-dd hh:mm""#));
    }

    #[test]
    fn ten_thousand_rows_fit() {
        let rows: Vec<Vec<String>> = (0..10_001)
            .map(|i| vec![i.to_string(), format!("客户{i}")])
            .collect();
        let parts = unzip(&workbook(&rows));
        let sheet = String::from_utf8(parts[5].1.clone()).unwrap_or_default();
        assert_eq!(sheet.matches("<row ").count(), 10_001);
        assert!(sheet.contains("客户9999"));
    }

    #[test]
    fn deflated_workbook_holds_the_same_parts_and_is_much_smaller() {
        let rows: Vec<Vec<String>> = (0..10_001)
            .map(|i| vec![i.to_string(), format!("客户{i}"), "13800000001".into()])
            .collect();
        let stored = workbook(&rows);
        let deflate = |d: &[u8]| miniz_oxide::deflate::compress_to_vec(d, 1);
        let packed = workbook_with(&rows, &[], Some(&deflate));
        assert!(
            packed.len() * 4 < stored.len(),
            "{} bytes deflated vs {} stored",
            packed.len(),
            stored.len()
        );
        assert_eq!(unzip(&packed), unzip(&stored));
        // Each local header says deflate (8); tiny parts that would grow
        // stay stored (0) but still read back above.
        assert_eq!(u16::from_le_bytes([packed[8], packed[9]]), 8);
    }
}
