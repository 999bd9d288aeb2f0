//! Reads the first worksheet of an XLSX file into rows of text, for the
//! manual-entry import. It runs in the `xlsx-reader` worker wasm (fetched only when
//! the user picks a spreadsheet), never in the panel's initial bundle, and
//! compiles on the host so it is tested natively.
//!
//! An XLSX file is a ZIP of XML parts. The ZIP directory is read here by
//! hand (a few fixed-layout records); inflating uses `miniz_oxide` and the
//! XML is tokenised by `quick-xml`. Both are small and well kept; a full
//! spreadsheet reader (calamine) also brings legacy `.xls` code pages and
//! `encoding_rs`, which the worker does not need (docs/performance.md, "Bundle size").
//!
//! Values come out as the text a person typed, not as floating point:
//! a phone number stored as the number 13800138000, or written by some
//! program as `1.3800138E10`, comes out as `13800138000`. Dates stay the
//! serial numbers Excel stores (no manual-entry field is a date).

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why a file could not be read. The words are shown after a translated
/// sentence, like the CSV parser's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XlsxError {
    /// Not a ZIP archive, or a damaged one.
    NotZip,
    /// Password-protected, ZIP64 or a compression other than deflate.
    Unsupported(&'static str),
    /// A part the workbook needs is not in the archive.
    Missing(String),
    /// A part is larger than [`MAX_PART`] when unpacked.
    TooBig,
    /// A part is not the XML it should be.
    Broken(String),
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XlsxError::NotZip => f.write_str("not an XLSX (ZIP) file"),
            XlsxError::Unsupported(what) => write!(f, "unsupported: {what}"),
            XlsxError::Missing(part) => write!(f, "missing part {part}"),
            XlsxError::TooBig => f.write_str("a part of the file is too large"),
            XlsxError::Broken(why) => write!(f, "damaged: {why}"),
        }
    }
}

/// Largest unpacked part accepted: far above 20,000 rows of contact data,
/// low enough that a ZIP bomb cannot exhaust the worker's memory.
pub const MAX_PART: usize = 128 * 1024 * 1024;

/// Columns kept per row; cells further right are dropped, so a hostile
/// `r="XFD1"` cannot make every row 16,384 cells wide.
pub const MAX_COLUMNS: usize = 256;

/// One worksheet row that has at least one non-blank cell: its 1-based row
/// number in the sheet (what Excel shows at the left) and its cells from
/// column A, blank cells as `""`.
pub type Row = (u64, Vec<String>);

/// The rows of the workbook's first sheet, at most `max_rows` of them (the
/// caller asks for one more than it accepts to tell "too many").
pub fn read_first_sheet(file: &[u8], max_rows: usize) -> Result<Vec<Row>, XlsxError> {
    let zip = Zip::open(file)?;
    let sheet_path = first_sheet_path(&zip)?;
    let shared = match zip.find(&shared_strings_path(&zip)) {
        Some(entry) => shared_strings(text(&zip.read(entry)?)?)?,
        None => Vec::new(),
    };
    let entry = zip
        .find(&sheet_path)
        .ok_or_else(|| XlsxError::Missing(sheet_path.clone()))?;
    sheet_rows(text(&zip.read(entry)?)?, &shared, max_rows)
}

fn text(bytes: &[u8]) -> Result<&str, XlsxError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| XlsxError::Broken("a part is not UTF-8".into()))
}

// --- ZIP -----------------------------------------------------------------

/// A file in the archive, as the central directory describes it.
#[derive(Debug)]
struct Entry {
    name: String,
    method: u16,
    flags: u16,
    compressed: usize,
    local_header: usize,
}

struct Zip<'a> {
    data: &'a [u8],
    entries: Vec<Entry>,
}

// Offsets come from the file: all arithmetic on them is checked, so a
// hostile archive gives `NotZip`, never an overflow (32-bit on wasm32).
fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        d.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        d.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// `base + offsets…`, or `NotZip` when that overflows.
fn offset(base: usize, offsets: &[usize]) -> Result<usize, XlsxError> {
    offsets
        .iter()
        .try_fold(base, |sum, o| sum.checked_add(*o))
        .ok_or(XlsxError::NotZip)
}

const EOCD: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

impl<'a> Zip<'a> {
    fn open(data: &'a [u8]) -> Result<Self, XlsxError> {
        // The end record is the last 22 bytes plus a comment of up to 64 KB.
        let lowest = data.len().saturating_sub(22 + 0xFFFF);
        let end = (lowest..=data.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(data, i) == Some(EOCD))
            .ok_or(XlsxError::NotZip)?;
        let count = u16_at(data, end + 10).ok_or(XlsxError::NotZip)?;
        let directory = u32_at(data, end + 16).ok_or(XlsxError::NotZip)?;
        if count == 0xFFFF || directory == 0xFFFF_FFFF {
            return Err(XlsxError::Unsupported("ZIP64"));
        }
        let mut at = directory as usize;
        let mut entries = Vec::with_capacity(usize::from(count));
        for _ in 0..count {
            if u32_at(data, at) != Some(CENTRAL) {
                return Err(XlsxError::NotZip);
            }
            let field = |off: usize| u16_at(data, offset(at, &[off])?).ok_or(XlsxError::NotZip);
            let flags = field(8)?;
            let method = field(10)?;
            let compressed = u32_at(data, offset(at, &[20])?).ok_or(XlsxError::NotZip)? as usize;
            let name_len = usize::from(field(28)?);
            let extra_len = usize::from(field(30)?);
            let comment_len = usize::from(field(32)?);
            let local_header = u32_at(data, offset(at, &[42])?).ok_or(XlsxError::NotZip)? as usize;
            let name = data
                .get(offset(at, &[46])?..offset(at, &[46, name_len])?)
                .ok_or(XlsxError::NotZip)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                flags,
                compressed,
                local_header,
            });
            at = offset(at, &[46, name_len, extra_len, comment_len])?;
        }
        Ok(Zip { data, entries })
    }

    /// Part names compare without case, as the packaging format says.
    fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    fn read(&self, e: &Entry) -> Result<Cow<'a, [u8]>, XlsxError> {
        if e.flags & 1 != 0 {
            return Err(XlsxError::Unsupported("password-protected file"));
        }
        let at = e.local_header;
        if u32_at(self.data, at) != Some(LOCAL) {
            return Err(XlsxError::NotZip);
        }
        let name_len = usize::from(u16_at(self.data, offset(at, &[26])?).ok_or(XlsxError::NotZip)?);
        let extra_len =
            usize::from(u16_at(self.data, offset(at, &[28])?).ok_or(XlsxError::NotZip)?);
        let start = offset(at, &[30, name_len, extra_len])?;
        let raw = self
            .data
            .get(start..start.saturating_add(e.compressed))
            .ok_or(XlsxError::NotZip)?;
        match e.method {
            0 if raw.len() > MAX_PART => Err(XlsxError::TooBig),
            0 => Ok(Cow::Borrowed(raw)),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(raw, MAX_PART)
                .map(Cow::Owned)
                .map_err(|err| match err.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => XlsxError::TooBig,
                    _ => XlsxError::Broken(format!("{} does not inflate", e.name)),
                }),
            _ => Err(XlsxError::Unsupported("compression method")),
        }
    }
}

// --- workbook structure --------------------------------------------------

fn broken(e: impl std::fmt::Display) -> XlsxError {
    XlsxError::Broken(e.to_string())
}

/// An attribute's unescaped value by local name (`r:id` matches `id`:
/// writers choose their own namespace prefixes).
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// `(Id, Type, Target)` of every relationship in a `.rels` part.
fn relationships(xml: &str) -> Result<Vec<(String, String, String)>, XlsxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                out.push((
                    attr(&e, "Id").unwrap_or_default(),
                    attr(&e, "Type").unwrap_or_default(),
                    attr(&e, "Target").unwrap_or_default(),
                ));
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship target as a part name: relative to `xl/` unless it
/// starts with `/`.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => format!("xl/{}", target.trim_start_matches("./")),
    }
}

fn workbook_rels(zip: &Zip<'_>) -> Vec<(String, String, String)> {
    zip.find("xl/_rels/workbook.xml.rels")
        .and_then(|e| zip.read(e).ok())
        .and_then(|b| text(&b).ok().and_then(|t| relationships(t).ok()))
        .unwrap_or_default()
}

/// The part of the first `<sheet>` in workbook order (the one Excel opens
/// first), falling back to the conventional name.
fn first_sheet_path(zip: &Zip<'_>) -> Result<String, XlsxError> {
    let fallback = "xl/worksheets/sheet1.xml".to_owned();
    let Some(entry) = zip.find("xl/workbook.xml") else {
        return Err(XlsxError::Missing("xl/workbook.xml".into()));
    };
    let bytes = zip.read(entry)?;
    let mut reader = Reader::from_str(text(&bytes)?);
    let rid = loop {
        match reader.read_event().map_err(broken)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                break attr(&e, "id");
            }
            Event::Eof => break None,
            _ => {}
        }
    };
    let Some(rid) = rid else {
        return Ok(fallback);
    };
    Ok(workbook_rels(zip)
        .into_iter()
        .find(|(id, _, _)| *id == rid)
        .map(|(_, _, target)| part_name(&target))
        .unwrap_or(fallback))
}

fn shared_strings_path(zip: &Zip<'_>) -> String {
    workbook_rels(zip)
        .into_iter()
        .find(|(_, kind, _)| kind.ends_with("/sharedStrings"))
        .map(|(_, _, target)| part_name(&target))
        .unwrap_or_else(|| "xl/sharedStrings.xml".to_owned())
}

// --- text collection -----------------------------------------------------

/// Collects the text of `<t>` elements (plain or rich-text runs), leaving
/// out phonetic guides (`<rPh>`), which are not part of the value.
#[derive(Default)]
struct TextRuns {
    in_t: bool,
    in_phonetic: bool,
    text: String,
}

impl TextRuns {
    /// Feeds one event; returns false for events it does not handle.
    fn feed(&mut self, event: &Event<'_>) -> Result<bool, XlsxError> {
        match event {
            Event::Start(e) if e.local_name().as_ref() == "t" => self.in_t = true,
            Event::End(e) if e.local_name().as_ref() == "t" => self.in_t = false,
            Event::Start(e) if e.local_name().as_ref() == "rPh" => self.in_phonetic = true,
            Event::End(e) if e.local_name().as_ref() == "rPh" => self.in_phonetic = false,
            Event::Text(t) if self.in_t && !self.in_phonetic => {
                self.text.push_str(&t.xml10_content());
            }
            Event::CData(t) if self.in_t && !self.in_phonetic => {
                self.text.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if self.in_t && !self.in_phonetic => push_ref(&mut self.text, r)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The text so far; starts afresh.
    fn take(&mut self) -> String {
        std::mem::take(self).text
    }
}

/// `&amp;`, `&#x4E2D;` and the other predefined references.
fn push_ref(out: &mut String, r: &quick_xml::events::BytesRef<'_>) -> Result<(), XlsxError> {
    if let Some(c) = r.resolve_char_ref().map_err(broken)? {
        out.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
        out.push_str(s);
    } else {
        return Err(XlsxError::Broken(format!("unknown entity &{};", &**r)));
    }
    Ok(())
}

/// The shared string table: every `<si>`, in order.
fn shared_strings(xml: &str) -> Result<Vec<String>, XlsxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut runs = TextRuns::default();
    loop {
        let event = reader.read_event().map_err(broken)?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                runs.take();
            }
            Event::End(e) if e.local_name().as_ref() == "si" => out.push(runs.take()),
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::Eof => return Ok(out),
            _ => {
                runs.feed(&event)?;
            }
        }
    }
}

// --- the worksheet -------------------------------------------------------

/// The 0-based column of a cell reference such as `C12` or `AB3`.
fn column_of(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let n = letters.iter().fold(0_usize, |n, c| {
        n * 26 + usize::from(c.to_ascii_uppercase() - b'A') + 1
    });
    Some(n - 1)
}

/// A number cell as the digits a person typed. Excel stores numbers as
/// doubles and some writers use exponents (`1.3800138E10`); integers (all
/// phone numbers) come out without exponent or `.0`, other numbers as
/// written, or in plain decimal when written with an exponent.
pub fn number_text(raw: &str) -> String {
    let raw = raw.trim();
    let Ok(v) = raw.parse::<f64>() else {
        return raw.to_owned();
    };
    if !v.is_finite() {
        return raw.to_owned();
    }
    if v.fract() == 0.0 && v.abs() < 1e17 {
        // Exact: every integer below 2^53 is, and larger ones print as the
        // double's own value, never in exponent form.
        return format!("{v:.0}");
    }
    if raw.contains(['e', 'E']) {
        return format!("{v}");
    }
    raw.to_owned()
}

/// The cell being read.
#[derive(Default)]
struct Cell {
    column: usize,
    kind: String,
    value: Option<String>,
    in_v: bool,
    in_inline: bool,
}

fn cell_text(cell: &Cell, inline: String, shared: &[String]) -> String {
    let value = cell.value.clone().unwrap_or_default();
    match cell.kind.as_str() {
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| shared.get(i).cloned())
            .unwrap_or_default(),
        "inlineStr" => inline,
        "b" => match value.trim() {
            "1" => "TRUE".to_owned(),
            "0" => "FALSE".to_owned(),
            other => other.to_owned(),
        },
        // Formula text results, errors (#N/A) and ISO dates, as stored.
        "str" | "e" | "d" => value,
        _ => number_text(&value),
    }
}

fn sheet_rows(xml: &str, shared: &[String], max_rows: usize) -> Result<Vec<Row>, XlsxError> {
    let mut reader = Reader::from_str(xml);
    let mut rows: Vec<Row> = Vec::new();
    let mut row_number = 0_u64;
    let mut cells: Vec<String> = Vec::new();
    let mut next_column = 0_usize;
    let mut cell: Option<Cell> = None;
    let mut runs = TextRuns::default();
    let start_row = |e: &BytesStart<'_>, previous: u64| -> u64 {
        attr(e, "r")
            .and_then(|r| r.trim().parse().ok())
            .unwrap_or(previous + 1)
    };
    loop {
        let event = reader.read_event().map_err(broken)?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "row" => {
                row_number = start_row(e, row_number);
                cells.clear();
                next_column = 0;
            }
            Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row_number = start_row(e, row_number);
            }
            Event::End(e) if e.local_name().as_ref() == "row" => {
                if cells.iter().any(|c| !c.trim().is_empty()) {
                    if rows.len() >= max_rows {
                        return Ok(rows);
                    }
                    rows.push((row_number, std::mem::take(&mut cells)));
                }
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let column = attr(e, "r")
                    .and_then(|r| column_of(&r))
                    .unwrap_or(next_column);
                next_column = column + 1;
                if matches!(event, Event::Start(_)) {
                    cell = Some(Cell {
                        column,
                        kind: attr(e, "t").unwrap_or_default(),
                        ..Default::default()
                    });
                    runs.take();
                }
            }
            Event::End(e) if e.local_name().as_ref() == "c" => {
                if let Some(c) = cell.take() {
                    let value = cell_text(&c, runs.take(), shared);
                    if c.column < MAX_COLUMNS && !value.is_empty() {
                        if cells.len() <= c.column {
                            cells.resize(c.column + 1, String::new());
                        }
                        if let Some(slot) = cells.get_mut(c.column) {
                            *slot = value;
                        }
                    }
                }
            }
            Event::Eof => return Ok(rows),
            _ => {
                let Some(c) = cell.as_mut() else { continue };
                match &event {
                    Event::Start(e) if e.local_name().as_ref() == "v" => c.in_v = true,
                    Event::End(e) if e.local_name().as_ref() == "v" => c.in_v = false,
                    Event::Start(e) if e.local_name().as_ref() == "is" => c.in_inline = true,
                    Event::End(e) if e.local_name().as_ref() == "is" => c.in_inline = false,
                    Event::Text(t) if c.in_v => {
                        c.value
                            .get_or_insert_with(String::new)
                            .push_str(&t.xml10_content());
                    }
                    Event::GeneralRef(r) if c.in_v => {
                        push_ref(c.value.get_or_insert_with(String::new), r)?;
                    }
                    _ if c.in_inline => {
                        runs.feed(&event)?;
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored (uncompressed) ZIP of `parts`, like the export's writer
    /// makes; deflated parts are covered by the browser test's real file.
    fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
        let files: Vec<(&str, &[u8])> = parts.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
        scrm_api::xlsx::zip_store(&files)
    }

    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="7" rel:id="rId9"/><sheet name="Other" sheetId="1" rel:id="rId1"/></sheets></workbook>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/list.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>"#;
    const STRINGS: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4"><si><t>客户姓名</t></si><si><r><t>手机</t></r><r><rPr><b/></rPr><t xml:space="preserve">号码 </t></r><rPh sb="0" eb="1"><t>ショウ</t></rPh></si><si><t>王&amp;五&#x4E2D;</t></si><si/></sst>"#;
    const LIST: &str = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>地区</t></is></c></row>
<row r="2"/>
<row r="3" spans="1:4"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>13800138000</v></c><c r="C3" t="s"><v>3</v></c><c r="D3" t="str"><f>"厦"&amp;"门"</f><v>厦门</v></c></row>
<row r="5"><c r="B5" s="1"><v>1.3900139E10</v></c><c r="A5" t="b"><v>1</v></c><c r="XFD5"><v>9</v></c></row>
<row><c><v>12.50</v></c><c><v>2.5E-3</v></c></row>
</sheetData></worksheet>"#;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn reads_the_first_sheet_through_the_relationships() {
        let file = zip(&[
            ("[Content_Types].xml", "<Types/>"),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", RELS),
            ("xl/strings.xml", STRINGS),
            ("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>"),
            ("xl/worksheets/list.xml", LIST),
        ]);
        let rows = read_first_sheet(&file, 100).unwrap_or_default();
        assert_eq!(
            rows,
            vec![
                (1, strings(&["客户姓名", "手机号码 ", "", "地区"])),
                (3, strings(&["王&五中", "13800138000", "", "厦门"])),
                (5, strings(&["TRUE", "13900139000"])),
                (6, strings(&["12.50", "0.0025"])),
            ]
        );
        assert_eq!(read_first_sheet(&file, 2).map(|r| r.len()), Ok(2));
    }

    #[test]
    fn reads_what_the_export_writes() {
        let rows = vec![
            strings(&["姓名", "电话"]),
            strings(&["<李> \"四\"", "=1+1"]),
        ];
        let file = scrm_api::xlsx::workbook(&rows);
        let back = read_first_sheet(&file, 10).unwrap_or_default();
        assert_eq!(back, vec![(1, rows[0].clone()), (2, rows[1].clone())]);
    }

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(number_text("13800138000"), "13800138000");
        assert_eq!(number_text("1.3800138E10"), "13800138000");
        assert_eq!(number_text("13800138000.0"), "13800138000");
        assert_eq!(number_text("8.6138001380009999E15"), "8613800138001000");
        assert_eq!(number_text("0.1"), "0.1");
        assert_eq!(number_text("1E-3"), "0.001");
        assert_eq!(number_text("-42"), "-42");
        assert_eq!(number_text(""), "");
        assert_eq!(number_text("abc"), "abc");
    }

    #[test]
    fn refuses_what_is_not_a_workbook() {
        assert_eq!(
            read_first_sheet(b"name,phone\n", 10),
            Err(XlsxError::NotZip)
        );
        assert_eq!(read_first_sheet(b"", 10), Err(XlsxError::NotZip));
        let no_book = zip(&[("a.txt", "x")]);
        assert!(matches!(
            read_first_sheet(&no_book, 10),
            Err(XlsxError::Missing(_))
        ));
        let broken = zip(&[
            ("xl/workbook.xml", WORKBOOK),
            (
                "xl/worksheets/sheet1.xml",
                "<worksheet><sheetData><row><c><v>1</v></row>",
            ),
        ]);
        assert!(matches!(
            read_first_sheet(&broken, 10),
            Err(XlsxError::Broken(_))
        ));
        // Truncated archives never panic.
        let file = scrm_api::xlsx::workbook(&[strings(&["a"])]);
        for cut in [1, 10, 100, file.len() / 2, file.len() - 1] {
            assert!(read_first_sheet(file.get(..cut).unwrap_or_default(), 10).is_err());
        }
    }

    #[test]
    fn hostile_offsets_are_refused_not_followed() {
        let mut file = scrm_api::xlsx::workbook(&[strings(&["a"])]);
        let len = file.len();
        // The end record's directory offset, then a directory entry's
        // local-header offset, pointed past the end of everything.
        if let Some(b) = file.get_mut(len - 6..len - 2) {
            b.copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
        }
        assert_eq!(read_first_sheet(&file, 10), Err(XlsxError::NotZip));
        let mut file = scrm_api::xlsx::workbook(&[strings(&["a"])]);
        let directory = u32_at(&file, file.len() - 6).unwrap_or_default() as usize;
        if let Some(b) = file.get_mut(directory + 42..directory + 46) {
            b.copy_from_slice(&u32::MAX.to_le_bytes());
        }
        match Zip::open(&file) {
            Ok(zip) => assert!(zip
                .entries
                .first()
                .is_some_and(|e| zip.read(e).err() == Some(XlsxError::NotZip))),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("z9"), Some(25));
        assert_eq!(column_of("AA3"), Some(26));
        assert_eq!(column_of("XFD1048576"), Some(16383));
        assert_eq!(column_of("12"), None);
        assert_eq!(column_of("ABCD1"), None);
    }
}
