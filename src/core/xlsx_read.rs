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

/// Why a file could not be read. The page shows each in the user's
/// language; [`XlsxError::code`] carries it out of the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XlsxError {
    /// Not a ZIP archive, or a damaged one.
    NotZip,
    /// Password-protected, ZIP64 or a compression other than deflate.
    Unsupported(Unsupported),
    /// A part the workbook needs is not in the archive.
    Missing(String),
    /// A part is larger than [`MAX_PART`] when unpacked.
    PartTooBig,
    /// A part is not the XML it should be.
    Broken,
    /// The sheet holds more than [`MAX_CELLS`] cells or [`MAX_TEXT`]
    /// bytes of text: its totals.
    TooLarge { cells: u64, text_bytes: u64 },
    /// A cell holds more than [`MAX_CELL_CHARS`] characters: its name.
    CellTooLong(String),
}

/// What kind of archive the reader does not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsupported {
    Zip64,
    Encrypted,
    Compression,
}

impl XlsxError {
    /// A one-line form for the worker's message: `kind` or `kind arg arg`.
    pub fn code(&self) -> String {
        match self {
            XlsxError::NotZip => "not-zip".into(),
            XlsxError::Unsupported(Unsupported::Zip64) => "zip64".into(),
            XlsxError::Unsupported(Unsupported::Encrypted) => "encrypted".into(),
            XlsxError::Unsupported(Unsupported::Compression) => "compression".into(),
            XlsxError::Missing(part) => format!("missing {part}"),
            XlsxError::PartTooBig => "part-too-big".into(),
            XlsxError::Broken => "broken".into(),
            XlsxError::TooLarge { cells, text_bytes } => format!("too-large {cells} {text_bytes}"),
            XlsxError::CellTooLong(cell) => format!("cell-too-long {cell}"),
        }
    }

    /// The error [`XlsxError::code`] made, or `None` for anything else.
    pub fn from_code(code: &str) -> Option<XlsxError> {
        let (kind, rest) = code.split_once(' ').unwrap_or((code, ""));
        Some(match kind {
            "not-zip" => XlsxError::NotZip,
            "zip64" => XlsxError::Unsupported(Unsupported::Zip64),
            "encrypted" => XlsxError::Unsupported(Unsupported::Encrypted),
            "compression" => XlsxError::Unsupported(Unsupported::Compression),
            "missing" => XlsxError::Missing(rest.to_owned()),
            "part-too-big" => XlsxError::PartTooBig,
            "broken" => XlsxError::Broken,
            "too-large" => {
                let (cells, text) = rest.split_once(' ')?;
                XlsxError::TooLarge {
                    cells: cells.parse().ok()?,
                    text_bytes: text.parse().ok()?,
                }
            }
            "cell-too-long" => XlsxError::CellTooLong(rest.to_owned()),
            _ => return None,
        })
    }
}

/// Largest unpacked part accepted: far above 20,000 rows of contact data,
/// low enough that a ZIP bomb cannot exhaust the worker's memory.
pub const MAX_PART: usize = 64 * 1024 * 1024;

/// Columns kept per row; cells further right are dropped, so a hostile
/// `r="XFD1"` cannot make every row 16,384 cells wide.
pub const MAX_COLUMNS: usize = 256;

/// Most cells (row widths summed, blanks included) and shared strings
/// kept: 20,000 rows of 50 columns.
pub const MAX_CELLS: u64 = 1_000_000;

/// Most text kept, in UTF-8 bytes. One shared string may be referenced by
/// every cell, so a 358 KB file can stand for gigabytes of text: the
/// reader counts what the cells would hold and refuses past this.
pub const MAX_TEXT: u64 = 32 * 1024 * 1024;

/// Longest cell, in characters: what Excel itself allows in a cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Why a cell's value is not to be trusted: the row is refused, naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// An error value such as `#NAME?` (`t="e"`).
    FormulaError,
    /// A formula whose result the writing program did not store.
    NoCachedValue,
}

/// A flagged cell: its 0-based column and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellFlag {
    pub column: usize,
    pub kind: FlagKind,
}

/// A cell's name as a spreadsheet shows it: column 1, row 5 is `B5`.
pub fn cell_name(column: usize, row: u64) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// One worksheet row that has at least one non-blank cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based row number in the sheet (what Excel shows at the left).
    pub number: u64,
    /// Cells from column A, blank cells as `""`.
    pub cells: Vec<String>,
    /// Cells whose value cannot be trusted.
    pub flags: Vec<CellFlag>,
}

/// The rows of the workbook's first sheet, at most `max_rows` of them (the
/// caller asks for one more than it accepts to tell "too many").
pub fn read_first_sheet(file: &[u8], max_rows: usize) -> Result<Vec<SheetRow>, XlsxError> {
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
    std::str::from_utf8(bytes).map_err(|_| XlsxError::Broken)
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
            return Err(XlsxError::Unsupported(Unsupported::Zip64));
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
            return Err(XlsxError::Unsupported(Unsupported::Encrypted));
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
            0 if raw.len() > MAX_PART => Err(XlsxError::PartTooBig),
            0 => Ok(Cow::Borrowed(raw)),
            8 => inflate(raw).map(Cow::Owned),
            _ => Err(XlsxError::Unsupported(Unsupported::Compression)),
        }
    }
}

/// Unpacks a deflated part into a buffer of exactly its size, found by a
/// first pass through a 32 KB window: a part over [`MAX_PART`] is refused
/// before anything is allocated for it, and no doubling buffer leaves
/// copies of a large part behind (in the worker's wasm memory, which never
/// shrinks, a 60 MB part cost about three times its size that way).
fn inflate(raw: &[u8]) -> Result<Vec<u8>, XlsxError> {
    use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide, TINFL_LZ_DICT_SIZE};
    use miniz_oxide::inflate::TINFLStatus;

    let mut state = Box::<DecompressorOxide>::default();
    let mut window = vec![0_u8; TINFL_LZ_DICT_SIZE];
    let (mut input, mut at, mut size) = (raw, 0_usize, 0_usize);
    loop {
        let (status, read, written) = decompress(&mut state, input, &mut window, at, 0);
        input = input.get(read..).ok_or(XlsxError::Broken)?;
        size = size.saturating_add(written);
        at = (at + written) % TINFL_LZ_DICT_SIZE;
        if size > MAX_PART {
            return Err(XlsxError::PartTooBig);
        }
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {}
            _ => return Err(XlsxError::Broken),
        }
    }
    let mut out = vec![0_u8; size];
    *state = DecompressorOxide::default();
    let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    match decompress(&mut state, raw, &mut out, 0, flags) {
        (TINFLStatus::Done, _, written) if written == size => Ok(out),
        _ => Err(XlsxError::Broken),
    }
}

// --- workbook structure --------------------------------------------------

fn broken(_: impl std::fmt::Display) -> XlsxError {
    XlsxError::Broken
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
            Event::Text(t) if self.keeps() => self.text.push_str(&t.xml10_content()),
            Event::CData(t) if self.keeps() => self.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if self.keeps() => push_ref(&mut self.text, r)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Whether text now would be kept.
    fn keeps(&self) -> bool {
        self.in_t && !self.in_phonetic
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
        return Err(XlsxError::Broken);
    }
    Ok(())
}

/// The shared string table: every `<si>`, in order. It is held whole, so
/// it is bounded like the sheet: at most [`MAX_CELLS`] strings and
/// [`MAX_TEXT`] bytes of text, checked before each piece of text is copied
/// (one string can be most of a 64 MB part).
fn shared_strings(xml: &str) -> Result<Vec<String>, XlsxError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut runs = TextRuns::default();
    let mut kept = 0_u64;
    loop {
        let event = reader.read_event().map_err(broken)?;
        let incoming = match &event {
            Event::Text(t) if runs.keeps() => t.len(),
            Event::CData(t) if runs.keeps() => t.len(),
            _ => 0,
        } as u64;
        let text = kept + runs.text.len() as u64 + incoming;
        // Millions of `<si/>` would cost far more memory than their bytes.
        if out.len() as u64 > MAX_CELLS || text > MAX_TEXT {
            return Err(XlsxError::TooLarge {
                cells: out.len() as u64,
                text_bytes: text,
            });
        }
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                runs.take();
            }
            Event::End(e) if e.local_name().as_ref() == "si" => {
                let s = runs.take();
                kept += s.len() as u64;
                out.push(s);
            }
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
    formula: bool,
    in_v: bool,
    in_inline: bool,
}

fn cell_text<'s>(cell: &Cell, inline: String, shared: &'s [String]) -> Cow<'s, str> {
    let value = cell.value.clone().unwrap_or_default();
    match cell.kind.as_str() {
        // Borrowed: one shared string may stand for thousands of cells.
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| shared.get(i))
            .map(|s| Cow::Borrowed(s.as_str()))
            .unwrap_or_default(),
        "inlineStr" => Cow::Owned(inline),
        "b" => Cow::Owned(match value.trim() {
            "1" => "TRUE".to_owned(),
            "0" => "FALSE".to_owned(),
            other => other.to_owned(),
        }),
        // Formula text results, errors (#N/A, flagged) and ISO dates, as stored.
        "str" | "e" | "d" => Cow::Owned(value),
        _ => Cow::Owned(number_text(&value)),
    }
}

/// Why a cell's value cannot be trusted, if it cannot.
fn flag_of(cell: &Cell) -> Option<FlagKind> {
    if cell.kind == "e" {
        Some(FlagKind::FormulaError)
    } else if cell.formula && cell.value.is_none() && cell.kind != "inlineStr" {
        Some(FlagKind::NoCachedValue)
    } else {
        None
    }
}

/// What the sheet would take in memory, counted whether or not it is kept.
#[derive(Default)]
struct Totals {
    cells: u64,
    text_bytes: u64,
    /// The first cell over [`MAX_CELL_CHARS`].
    long_cell: Option<String>,
}

impl Totals {
    fn over(&self) -> bool {
        self.cells > MAX_CELLS || self.text_bytes > MAX_TEXT || self.long_cell.is_some()
    }

    fn verdict(self) -> XlsxError {
        match self.long_cell {
            Some(cell) if self.cells <= MAX_CELLS && self.text_bytes <= MAX_TEXT => {
                XlsxError::CellTooLong(cell)
            }
            _ => XlsxError::TooLarge {
                cells: self.cells,
                text_bytes: self.text_bytes,
            },
        }
    }
}

fn sheet_rows(xml: &str, shared: &[String], max_rows: usize) -> Result<Vec<SheetRow>, XlsxError> {
    let mut reader = Reader::from_str(xml);
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut row = SheetRow::default();
    let mut next_column = 0_usize;
    let mut cell: Option<Cell> = None;
    let mut runs = TextRuns::default();
    let mut totals = Totals::default();
    let start_row = |e: &BytesStart<'_>, previous: u64| -> u64 {
        attr(e, "r")
            .and_then(|r| r.trim().parse().ok())
            .unwrap_or(previous.saturating_add(1))
    };
    loop {
        let event = reader.read_event().map_err(broken)?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "row" => {
                row = SheetRow {
                    number: start_row(e, row.number),
                    ..SheetRow::default()
                };
                next_column = 0;
            }
            Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row.number = start_row(e, row.number);
            }
            Event::End(e) if e.local_name().as_ref() == "row" => {
                totals.cells += row.cells.len() as u64;
                let kept = !row.flags.is_empty() || row.cells.iter().any(|c| !c.trim().is_empty());
                if kept && !totals.over() {
                    if rows.len() >= max_rows {
                        return Ok(rows);
                    }
                    let number = row.number;
                    rows.push(std::mem::take(&mut row));
                    row.number = number;
                }
                // Past a bound nothing more is kept; counting goes on so
                // the refusal can say how large the file really is.
                row.cells.clear();
                row.flags.clear();
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let column = attr(e, "r")
                    .and_then(|r| column_of(&r))
                    .unwrap_or(next_column);
                next_column = column.saturating_add(1);
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
                let Some(c) = cell.take() else { continue };
                let value = cell_text(&c, runs.take(), shared);
                if c.column >= MAX_COLUMNS || (value.is_empty() && flag_of(&c).is_none()) {
                    continue;
                }
                totals.text_bytes += value.len() as u64;
                if totals.long_cell.is_none() && value.chars().count() > MAX_CELL_CHARS {
                    totals.long_cell = Some(cell_name(c.column, row.number));
                }
                if totals.over() {
                    // Only the width counts: a row is as wide as its last cell.
                    if row.cells.len() <= c.column {
                        row.cells.resize(c.column + 1, String::new());
                    }
                    continue;
                }
                if let Some(kind) = flag_of(&c) {
                    row.flags.push(CellFlag {
                        column: c.column,
                        kind,
                    });
                }
                if row.cells.len() <= c.column {
                    row.cells.resize(c.column + 1, String::new());
                }
                if let Some(slot) = row.cells.get_mut(c.column) {
                    *slot = value.into_owned();
                }
            }
            Event::Eof if totals.over() => return Err(totals.verdict()),
            Event::Eof => return Ok(rows),
            _ => {
                let Some(c) = cell.as_mut() else { continue };
                match &event {
                    Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "f" => {
                        c.formula = true;
                    }
                    // `<v></v>` is a stored empty result, not a missing one.
                    Event::Start(e) if e.local_name().as_ref() == "v" => {
                        c.in_v = true;
                        c.value.get_or_insert_with(String::new);
                    }
                    Event::Empty(e) if e.local_name().as_ref() == "v" => {
                        c.value.get_or_insert_with(String::new);
                    }
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
        let rows: Vec<(u64, Vec<String>)> = read_first_sheet(&file, 100)
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r.number, r.cells))
            .collect();
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
        let back: Vec<(u64, Vec<String>)> = read_first_sheet(&file, 10)
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r.number, r.cells))
            .collect();
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
        assert_eq!(read_first_sheet(&broken, 10), Err(XlsxError::Broken));
        // Truncated archives never panic.
        let file = scrm_api::xlsx::workbook(&[strings(&["a"])]);
        for cut in [1, 10, 100, file.len() / 2, file.len() - 1] {
            assert!(read_first_sheet(file.get(..cut).unwrap_or_default(), 10).is_err());
        }
    }

    #[test]
    fn deflated_parts_are_unpacked_and_bounded() {
        let deflate = |d: &[u8]| miniz_oxide::deflate::compress_to_vec(d, 6);
        let sheet = LIST.replace(
            "<sheetData>",
            &format!("<sheetData>{}", " ".repeat(100_000)),
        );
        let file = scrm_api::xlsx::zip(
            &[
                ("xl/workbook.xml", WORKBOOK.as_bytes()),
                ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
                ("xl/strings.xml", STRINGS.as_bytes()),
                ("xl/worksheets/list.xml", sheet.as_bytes()),
            ],
            Some(&deflate),
        );
        assert_eq!(read_first_sheet(&file, 100).map(|r| r.len()), Ok(4));
        let big = vec![b' '; MAX_PART + 1];
        let file = scrm_api::xlsx::zip(&[("xl/workbook.xml", big.as_slice())], Some(&deflate));
        assert_eq!(read_first_sheet(&file, 10), Err(XlsxError::PartTooBig));
        let mut cut = deflate(b"<workbook/>");
        cut.truncate(cut.len() / 2);
        assert_eq!(inflate(&cut), Err(XlsxError::Broken));
        assert_eq!(
            inflate(&deflate(b"<workbook/>")),
            Ok(b"<workbook/>".to_vec())
        );
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
            Err(e) => panic!("{e:?}"),
        }
    }

    /// A workbook whose first sheet is `sheet` (shared strings `strings`).
    fn book(sheet: &str, strings: &str) -> Vec<u8> {
        zip(&[
            (
                "xl/workbook.xml",
                "<workbook><sheets><sheet/></sheets></workbook>",
            ),
            ("xl/sharedStrings.xml", strings),
            ("xl/worksheets/sheet1.xml", sheet),
        ])
    }

    #[test]
    fn a_shared_string_bomb_is_refused_with_its_size() {
        // One 2 MB string referenced by 20,000 rows of 4 cells: 358 KB
        // deflated, 160 GB of text if every cell were made.
        let big = "啊".repeat(700_000);
        let strings = format!("<sst><si><t>姓名</t></si><si><t>{big}</t></si></sst>");
        let cells = "<c t=\"s\"><v>1</v></c>".repeat(4);
        let rows: String = (2..20_002)
            .map(|r| format!("<row r=\"{r}\">{cells}</row>"))
            .collect();
        let sheet = format!(
            "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row>{rows}</sheetData></worksheet>"
        );
        let file = book(&sheet, &strings);
        match read_first_sheet(&file, 20_002) {
            Err(XlsxError::TooLarge { cells, text_bytes }) => {
                assert_eq!(cells, 80_001);
                assert_eq!(text_bytes, 80_000 * big.len() as u64 + 6);
            }
            other => panic!("{other:?}"),
        }
        // One cell longer than a spreadsheet cell can be, in a small sheet.
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let sheet = format!("<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"5\"><c r=\"B5\" t=\"inlineStr\"><is><t>{long}</t></is></c></row></sheetData></worksheet>");
        assert_eq!(
            read_first_sheet(&book(&sheet, "<sst/>"), 10),
            Err(XlsxError::CellTooLong("B5".into()))
        );
        // A shared string table of more text than a sheet may hold, even
        // in one string, is refused before that text is copied.
        let strings = format!(
            "<sst><si><t>{}</t></si></sst>",
            "a".repeat(MAX_TEXT as usize + 1)
        );
        assert!(matches!(
            read_first_sheet(&book("<worksheet/>", &strings), 10),
            Err(XlsxError::TooLarge { cells: 0, text_bytes }) if text_bytes > MAX_TEXT
        ));
        // Millions of empty shared strings.
        let strings = format!("<sst>{}</sst>", "<si/>".repeat(MAX_CELLS as usize + 2));
        assert!(matches!(
            read_first_sheet(&book("<worksheet/>", &strings), 10),
            Err(XlsxError::TooLarge { .. })
        ));
        // Wide rows count by their width: 5,000 rows reaching column IV.
        let mut sheet = String::from("<worksheet><sheetData>");
        for r in 1..=5_000 {
            sheet.push_str(&format!("<row r=\"{r}\"><c r=\"IV{r}\"><v>1</v></c></row>"));
        }
        sheet.push_str("</sheetData></worksheet>");
        assert_eq!(
            read_first_sheet(&book(&sheet, "<sst/>"), 20_000),
            Err(XlsxError::TooLarge {
                cells: 5_000 * 256,
                text_bytes: 5_000
            })
        );
    }

    #[test]
    fn error_cells_and_formulas_without_results_are_flagged() {
        let sheet = r#"<worksheet><sheetData>
<row r="1"><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>电话</t></is></c></row>
<row r="5"><c r="A5" t="e"><f>NAME()</f><v>#NAME?</v></c><c r="B5"><v>13800138000</v></c></row>
<row r="6"><c r="A6" t="str"><f>"王"&amp;"五"</f><v>王五</v></c><c r="B6"><f>A1*2</f></c></row>
<row r="7"><c r="A7" t="str"><f>""</f><v></v></c><c r="B7"><v>1</v></c></row>
</sheetData></worksheet>"#;
        let rows = read_first_sheet(&book(sheet, "<sst/>"), 10).unwrap_or_default();
        let flags: Vec<(u64, Vec<CellFlag>)> =
            rows.iter().map(|r| (r.number, r.flags.clone())).collect();
        assert_eq!(
            flags,
            [
                (1, vec![]),
                (
                    5,
                    vec![CellFlag {
                        column: 0,
                        kind: FlagKind::FormulaError
                    }]
                ),
                (
                    6,
                    vec![CellFlag {
                        column: 1,
                        kind: FlagKind::NoCachedValue
                    }]
                ),
                (7, vec![]),
            ]
        );
        assert_eq!(
            rows.get(1).map(|r| r.cells.clone()),
            Some(strings(&["#NAME?", "13800138000"]))
        );
    }

    #[test]
    fn errors_survive_the_trip_out_of_the_worker() {
        for e in [
            XlsxError::NotZip,
            XlsxError::Unsupported(Unsupported::Zip64),
            XlsxError::Unsupported(Unsupported::Encrypted),
            XlsxError::Unsupported(Unsupported::Compression),
            XlsxError::Missing("xl/workbook.xml".into()),
            XlsxError::PartTooBig,
            XlsxError::Broken,
            XlsxError::TooLarge {
                cells: 80_001,
                text_bytes: 1 << 40,
            },
            XlsxError::CellTooLong("AB12".into()),
        ] {
            assert_eq!(XlsxError::from_code(&e.code()), Some(e));
        }
        assert_eq!(XlsxError::from_code("too-large 1"), None);
        assert_eq!(XlsxError::from_code("something else"), None);
        assert_eq!(cell_name(0, 1), "A1");
        assert_eq!(cell_name(1, 5), "B5");
        assert_eq!(cell_name(26, 3), "AA3");
        assert_eq!(cell_name(16383, 9), "XFD9");
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
