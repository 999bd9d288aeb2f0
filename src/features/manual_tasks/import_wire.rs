//! The reader worker's answer to the import page: a whole [`Table`] as one
//! byte buffer, or an [`ImportError`] as a short code.
//!
//! One transferred buffer costs the page's thread almost nothing to
//! receive; the same rows as nested JS arrays of strings had to be
//! structured-cloned and then crossed into wasm one string at a time (a
//! 20,000-row file held the page for over 200 ms, docs/performance.md).
//! The page reads the buffer back a slice of rows at a time
//! ([`TableReader`]) so it can yield to the browser in between.
//!
//! Layout, integers little-endian: `u32` header count, headers, `u32` row
//! count, then per row `u64` line, `u32` flag count, flags (`u8` kind,
//! `u32` column), `u32` cell count, cells; every text is a `u32` byte
//! length and its UTF-8 bytes.

use crate::core::xlsx_read::{CellFlag, FlagKind, XlsxError};
use crate::features::manual_tasks::import_rows::{ImportError, Table, MAX_ROWS};

/// The table as the reader worker sends it.
pub fn encode(table: &Table) -> Vec<u8> {
    let mut out = Vec::new();
    put_texts(&mut out, &table.headers);
    put_len(&mut out, table.rows.len());
    let empty = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let line = table.lines.get(i).copied().unwrap_or_default();
        out.extend_from_slice(&line.to_le_bytes());
        let flags = table.flags.get(i).unwrap_or(&empty);
        put_len(&mut out, flags.len());
        for f in flags {
            out.push(match f.kind {
                FlagKind::FormulaError => b'e',
                FlagKind::NoCachedValue => b'f',
            });
            put_len(&mut out, f.column);
        }
        put_texts(&mut out, row);
    }
    out
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_texts(out: &mut Vec<u8>, texts: &[String]) {
    put_len(out, texts.len());
    for t in texts {
        put_len(out, t.len());
        out.extend_from_slice(t.as_bytes());
    }
}

/// The buffer is not one [`encode`] wrote (a reader of another build):
/// the page reports the reader as failed.
#[derive(Debug, PartialEq, Eq)]
pub struct BadAnswer;

/// Reads an [`encode`]d table back, a number of rows at a time.
pub struct TableReader {
    bytes: Vec<u8>,
    at: usize,
    left: usize,
    table: Table,
}

impl TableReader {
    /// Reads the headers and the row count; the rows are left for
    /// [`TableReader::read`].
    pub fn new(bytes: Vec<u8>) -> Result<TableReader, BadAnswer> {
        let mut r = TableReader {
            bytes,
            at: 0,
            left: 0,
            table: Table::default(),
        };
        r.table.headers = r.texts()?;
        r.left = r.len()?;
        if r.left > MAX_ROWS {
            return Err(BadAnswer);
        }
        r.table.rows.reserve(r.left);
        r.table.lines.reserve(r.left);
        r.table.flags.reserve(r.left);
        Ok(r)
    }

    /// Reads up to `n` more rows; true once every row is read.
    pub fn read(&mut self, n: usize) -> Result<bool, BadAnswer> {
        for _ in 0..n.min(self.left) {
            let line = u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| BadAnswer)?);
            let flag_count = self.len()?;
            let mut flags = Vec::new();
            for _ in 0..flag_count {
                let kind = match self.take(1)? {
                    b"e" => FlagKind::FormulaError,
                    b"f" => FlagKind::NoCachedValue,
                    _ => return Err(BadAnswer),
                };
                flags.push(CellFlag {
                    column: self.len()?,
                    kind,
                });
            }
            let cells = self.texts()?;
            self.table.rows.push(cells);
            self.table.lines.push(line);
            self.table.flags.push(flags);
            self.left -= 1;
        }
        Ok(self.left == 0)
    }

    /// The table, once [`TableReader::read`] said every row is read.
    pub fn finish(self) -> Result<Table, BadAnswer> {
        if self.left > 0 || self.at != self.bytes.len() {
            return Err(BadAnswer);
        }
        Ok(self.table)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], BadAnswer> {
        let end = self.at.checked_add(n).ok_or(BadAnswer)?;
        let bytes = self.bytes.get(self.at..end).ok_or(BadAnswer)?;
        self.at = end;
        Ok(bytes)
    }

    fn len(&mut self) -> Result<usize, BadAnswer> {
        let b: [u8; 4] = self.take(4)?.try_into().map_err(|_| BadAnswer)?;
        usize::try_from(u32::from_le_bytes(b)).map_err(|_| BadAnswer)
    }

    fn texts(&mut self) -> Result<Vec<String>, BadAnswer> {
        let n = self.len()?;
        // Each text takes at least its length's four bytes: a count the
        // buffer cannot hold is refused before anything is reserved.
        if n > self.bytes.len().saturating_sub(self.at) / 4 {
            return Err(BadAnswer);
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let len = self.len()?;
            let text = std::str::from_utf8(self.take(len)?).map_err(|_| BadAnswer)?;
            out.push(text.to_owned());
        }
        Ok(out)
    }
}

/// A one-line form of `e` for the worker's message: the XLSX reader's own
/// codes, and words of its own for the rest.
pub fn error_code(e: &ImportError) -> String {
    match e {
        ImportError::Empty => "empty".into(),
        ImportError::NoRows => "no-rows".into(),
        ImportError::TooManyRows => "too-many-rows".into(),
        ImportError::FileTooBig(bytes) => format!("file-too-big {bytes}"),
        ImportError::NotSpreadsheet => "not-spreadsheet".into(),
        ImportError::OldXls => "old-xls".into(),
        ImportError::Malformed(line) => format!("malformed {line}"),
        ImportError::Xlsx(x) => x.code(),
    }
}

/// The error [`error_code`] made, or `None` for anything else.
pub fn error_from_code(code: &str) -> Option<ImportError> {
    let (kind, rest) = code.split_once(' ').unwrap_or((code, ""));
    Some(match kind {
        "empty" => ImportError::Empty,
        "no-rows" => ImportError::NoRows,
        "too-many-rows" => ImportError::TooManyRows,
        "file-too-big" => ImportError::FileTooBig(rest.parse().ok()?),
        "not-spreadsheet" => ImportError::NotSpreadsheet,
        "old-xls" => ImportError::OldXls,
        "malformed" => ImportError::Malformed(rest.parse().ok()?),
        _ => ImportError::Xlsx(XlsxError::from_code(code)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::xlsx_read::Unsupported;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    fn sample() -> Table {
        Table {
            headers: strings(&["姓名", "电话", ""]),
            rows: vec![
                strings(&["王五 😀", "13800138000", "两行\n文字"]),
                strings(&[]),
                strings(&["", "x"]),
            ],
            lines: vec![2, 5, 4_294_967_296],
            flags: vec![
                vec![],
                vec![
                    CellFlag {
                        column: 3,
                        kind: FlagKind::FormulaError,
                    },
                    CellFlag {
                        column: 0,
                        kind: FlagKind::NoCachedValue,
                    },
                ],
                vec![],
            ],
        }
    }

    fn read_all(bytes: Vec<u8>, step: usize) -> Result<Table, BadAnswer> {
        let mut r = TableReader::new(bytes)?;
        while !r.read(step)? {}
        r.finish()
    }

    #[test]
    fn a_table_reads_back_unchanged_in_any_slices() {
        let t = sample();
        for step in [1, 2, 100] {
            assert_eq!(read_all(encode(&t), step), Ok(t.clone()));
        }
        let Ok(mut r) = TableReader::new(encode(&t)) else {
            panic!("headers not read back");
        };
        assert_eq!(r.read(2), Ok(false));
        assert_eq!(r.read(2), Ok(true));
        assert_eq!(r.finish(), Ok(t));
    }

    #[test]
    fn a_cut_or_padded_answer_is_refused_without_panicking() {
        let bytes = encode(&sample());
        for cut in 0..bytes.len() {
            let head = bytes.get(..cut).unwrap_or_default().to_vec();
            assert_eq!(read_all(head, 1), Err(BadAnswer), "cut at {cut}");
        }
        let mut padded = bytes.clone();
        padded.push(0);
        assert_eq!(read_all(padded, 1), Err(BadAnswer));
        // A row count above the limit or a header count the buffer cannot
        // hold is refused before anything is reserved.
        let mut huge = 0_u32.to_le_bytes().to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(read_all(huge, 1).err(), Some(BadAnswer));
        assert_eq!(
            read_all(u32::MAX.to_le_bytes().to_vec(), 1).err(),
            Some(BadAnswer)
        );
        let mut not_utf8 = 1_u32.to_le_bytes().to_vec();
        not_utf8.extend_from_slice(&1_u32.to_le_bytes());
        not_utf8.push(0xff);
        not_utf8.extend_from_slice(&0_u32.to_le_bytes());
        assert_eq!(read_all(not_utf8, 1).err(), Some(BadAnswer));
    }

    #[test]
    fn error_codes_read_back() {
        for e in [
            ImportError::Empty,
            ImportError::NoRows,
            ImportError::TooManyRows,
            ImportError::FileTooBig(123_456_789),
            ImportError::NotSpreadsheet,
            ImportError::OldXls,
            ImportError::Malformed(17),
            ImportError::Xlsx(XlsxError::NotZip),
            ImportError::Xlsx(XlsxError::Unsupported(Unsupported::Encrypted)),
            ImportError::Xlsx(XlsxError::Missing("xl/workbook.xml".into())),
            ImportError::Xlsx(XlsxError::TooLarge {
                cells: 3,
                text_bytes: 4,
            }),
            ImportError::Xlsx(XlsxError::CellTooLong("B7".into())),
        ] {
            assert_eq!(error_from_code(&error_code(&e)), Some(e));
        }
        assert_eq!(error_from_code("nonsense"), None);
        assert_eq!(error_from_code("malformed x"), None);
    }
}
