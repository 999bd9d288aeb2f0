//! A minimal XLSX writer for the customer export: one worksheet of text
//! cells (inline strings, so no shared-string table to build) in a ZIP.
//! Pure Rust with no dependencies so it can go in a separately loaded wasm
//! and be tested natively. The caller may pass a deflate function: inline
//! strings make the sheet's XML about six times the CSV (100,000 customers:
//! 68 MB stored), too big to mail or share, so the export worker deflates
//! with `miniz_oxide`, which the XLSX reader already brings.
//!
//! Text cells are never formulas in XLSX, so no neutralising is needed here;
//! characters XML 1.0 cannot carry are dropped.

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;

const SHEET_END: &str = "</sheetData></worksheet>";

/// Whether XML 1.0 can carry the character at all.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` escaped for XML character data or attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars().filter(|c| xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// The worksheet XML for `rows` (the first is usually the header).
pub fn sheet_xml<R, S>(rows: &[R]) -> String
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut out = String::from(SHEET_START);
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&format!("<row r=\"{}\">", i + 1));
        for cell in row.as_ref() {
            out.push_str("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">");
            escape_into(&mut out, cell.as_ref());
            out.push_str("</t></is></c>");
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

/// A complete .xlsx file of one sheet holding `rows`, stored.
pub fn workbook<R, S>(rows: &[R]) -> Vec<u8>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    workbook_with(rows, None)
}

/// A complete .xlsx file of one sheet holding `rows`, its parts deflated
/// by `deflate` when given.
pub fn workbook_with<R, S>(rows: &[R], deflate: Option<Deflate<'_>>) -> Vec<u8>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let sheet = sheet_xml(rows);
    zip(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", ROOT_RELS.as_bytes()),
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
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
    fn workbook_is_a_zip_of_the_five_parts() {
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
                "xl/worksheets/sheet1.xml"
            ]
        );
        let sheet = String::from_utf8(parts[4].1.clone()).unwrap_or_default();
        assert_eq!(sheet.matches("<row ").count(), 2);
        assert!(sheet.contains("<t xml:space=\"preserve\">张三</t>"));
        // The end record counts five entries.
        let end = &file[file.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 5);
    }

    #[test]
    fn cells_are_escaped_text_never_markup_or_formulas() {
        let rows = vec![vec!["<b>&\"x\"</b>", "=1+2", "a\u{0}b\u{1F}c\tok"]];
        let sheet = sheet_xml(&rows);
        assert!(sheet.contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
        assert!(sheet.contains(">=1+2<"), "a text cell, not a <f> formula");
        assert!(!sheet.contains("<f>"));
        assert!(sheet.contains(">abc\tok<"), "control characters dropped");
    }

    #[test]
    fn ten_thousand_rows_fit() {
        let rows: Vec<Vec<String>> = (0..10_001)
            .map(|i| vec![i.to_string(), format!("客户{i}")])
            .collect();
        let parts = unzip(&workbook(&rows));
        let sheet = String::from_utf8(parts[4].1.clone()).unwrap_or_default();
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
        let packed = workbook_with(&rows, Some(&deflate));
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
