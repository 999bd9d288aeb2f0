//! Reads CSV text into numbered rows, for the manual-entry import. It runs in
//! the reader worker wasm (the one that also reads XLSX), so a large file is
//! read off the page's thread; it compiles on the host so it is tested
//! natively. Rows come out as [`SheetRow`]s, the same shape the XLSX reader
//! gives, and either becomes a table the same way (`import_rows`).

use crate::core::xlsx_read::SheetRow;

/// Why CSV text could not be read; the page shows it in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// Quoting the parser cannot read, from this line on.
    Malformed(u64),
    /// More non-blank records than the caller's limit.
    TooManyRows,
}

/// Reads CSV text (comma separated, quotes as Excel writes them, a UTF-8
/// byte-order mark tolerated) in one pass: line numbers are counted from
/// the previous record's position, and reading stops once there are more
/// than `limit` non-blank records, before the rest is parsed.
pub fn read_csv(text: &str, limit: usize) -> Result<Vec<SheetRow>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::default();
    let mut records = Vec::new();
    let mut kept = 0_usize;
    for record in reader.records() {
        let record = record
            .map_err(|e| CsvError::Malformed(e.position().map(|p| p.line()).unwrap_or_default()))?;
        let line = lines.line_at(text, record.position().map(|p| p.byte()));
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            kept += 1;
            if kept > limit {
                return Err(CsvError::TooManyRows);
            }
        }
        records.push(SheetRow {
            number: line,
            cells,
            flags: Vec::new(),
        });
    }
    Ok(records)
}

/// The 1-based line a record starts on, counting newlines only between the
/// previous record and this one (rescanning from the start for every record
/// made 100,000 rows take minutes). The reader's own line count goes wrong
/// with CRLF endings, and its record start may sit on the previous line's
/// LF or on blank lines it skipped; those are stepped over first.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: u64,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: Option<u64>) -> u64 {
        let bytes = text.as_bytes();
        let mut start = byte
            .and_then(|b| usize::try_from(b).ok())
            .unwrap_or_default()
            .min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.byte {
            // Positions only move forward; start over if they ever do not.
            *self = LineCounter::default();
        }
        self.newlines += bytes
            .get(self.byte..start)
            .map(|b| b.iter().filter(|c| **c == b'\n').count() as u64)
            .unwrap_or_default();
        self.byte = start;
        1 + self.newlines
    }
}
