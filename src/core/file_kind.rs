//! What a chosen import file is, from its bytes rather than its name: a PNG
//! renamed `.xlsx` or a PDF renamed `.csv` must be refused in one sentence,
//! never parsed as CSV into a preview of garbage rows.
//!
//! Text is accepted in the encodings spreadsheets save CSV in: UTF-8 (with or
//! without a byte-order mark), UTF-16 with a byte-order mark (Excel's
//! "Unicode text") and GB18030 (Excel's "CSV" on a Chinese Windows). The
//! GB18030 check is structural (lead and trail byte ranges); the browser's
//! `TextDecoder` does the decoding, so no encoding tables go into the wasm.

/// Largest file the import reads at all. 20,000 rows of contact data are
/// a few MB as CSV and less as XLSX; a bigger file is almost certainly the
/// wrong one, and reading it would hold the page.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The text encodings an import accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

/// What a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A ZIP archive: XLSX, read by the on-demand worker.
    Xlsx,
    /// The binary Excel 97–2003 format, which is not read.
    OldXls,
    /// Text in one of the accepted encodings: read as CSV.
    Text(Encoding),
    /// Anything else (images, PDFs, archives, random bytes).
    NotSpreadsheet,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Reads every byte once: a binary file often starts with text (a PDF's
/// `%PDF-1.7`), so the whole file is checked, in linear time.
pub fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(ZIP) {
        return FileKind::Xlsx;
    }
    if bytes.starts_with(OLE) {
        return FileKind::OldXls;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes, Encoding::Utf16Be);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return if text.chars().all(textual) {
            FileKind::Text(Encoding::Utf8)
        } else {
            FileKind::NotSpreadsheet
        };
    }
    if gb18030(body) {
        FileKind::Text(Encoding::Gb18030)
    } else {
        FileKind::NotSpreadsheet
    }
}

/// Text in a spreadsheet export has no control characters but tab and line
/// ends; binary data almost always has NULs or other C0 bytes early on.
fn textual(c: char) -> bool {
    !c.is_ascii_control() || matches!(c, '\t' | '\n' | '\r')
}

fn utf16(rest: &[u8], unit: fn([u8; 2]) -> u16, encoding: Encoding) -> FileKind {
    if !rest.len().is_multiple_of(2) {
        return FileKind::NotSpreadsheet;
    }
    let units = rest
        .chunks_exact(2)
        .map(|p| unit(<[u8; 2]>::try_from(p).unwrap_or_default()));
    let ok = char::decode_utf16(units).all(|c| c.is_ok_and(textual));
    if ok {
        FileKind::Text(encoding)
    } else {
        FileKind::NotSpreadsheet
    }
}

/// Whether `bytes` are well-formed GB18030 without control characters:
/// ASCII, two-byte `81–FE 40–7E|80–FE`, or four-byte `81–FE 30–39 81–FE 30–39`.
fn gb18030(bytes: &[u8]) -> bool {
    let lead = |b: u8| (0x81..=0xFE).contains(&b);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !textual(char::from(b)) {
                return false;
            }
            i += 1;
        } else if !lead(b) {
            return false;
        } else {
            match (bytes.get(i + 1), bytes.get(i + 2), bytes.get(i + 3)) {
                (Some(0x30..=0x39), Some(&c), Some(0x30..=0x39)) if lead(c) => i += 4,
                (Some(0x40..=0x7E | 0x80..=0xFE), _, _) => i += 2,
                _ => return false,
            }
        }
    }
    true
}

/// The text of UTF-8 or UTF-16 bytes (a byte-order mark dropped). `None` for
/// GB18030, which the browser decodes, and for bytes not in `encoding`.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Option<String> {
    let units = |rest: &[u8], unit: fn([u8; 2]) -> u16| -> Option<String> {
        char::decode_utf16(
            rest.chunks_exact(2)
                .map(|p| unit(<[u8; 2]>::try_from(p).unwrap_or_default())),
        )
        .collect::<Result<String, _>>()
        .ok()
    };
    match encoding {
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            std::str::from_utf8(body).ok().map(str::to_owned)
        }
        Encoding::Utf16Le => units(bytes.strip_prefix(b"\xFF\xFE")?, u16::from_le_bytes),
        Encoding::Utf16Be => units(bytes.strip_prefix(b"\xFE\xFF")?, u16::from_be_bytes),
        Encoding::Gb18030 => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn spreadsheets_and_text_are_recognised() {
        assert_eq!(sniff(b"PK\x03\x04\x14\x00"), FileKind::Xlsx);
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            FileKind::OldXls
        );
        assert_eq!(
            sniff("姓名,电话\r\n王五,01012345678\n".as_bytes()),
            FileKind::Text(Encoding::Utf8)
        );
        assert_eq!(
            sniff("\u{feff}姓名\t电话 😀\n".as_bytes()),
            FileKind::Text(Encoding::Utf8)
        );
        assert_eq!(sniff(b""), FileKind::Text(Encoding::Utf8));
        // "姓名,电话" saved by Excel on a Chinese Windows, with a four-byte
        // GB18030 sequence (U+00A5 is 81 30 84 36) and a two-byte one.
        let gb = b"\xD0\xD5\xC3\xFB,\xB5\xE7\xBB\xB0\r\n\x810\x846,\xA3\xA1\r\n";
        assert_eq!(sniff(gb), FileKind::Text(Encoding::Gb18030));
        let wide = utf16le("姓名\t电话\r\n王五\t13800138000\r\n");
        assert_eq!(sniff(&wide), FileKind::Text(Encoding::Utf16Le));
        assert_eq!(
            decode(&wide, Encoding::Utf16Le).as_deref(),
            Some("姓名\t电话\r\n王五\t13800138000\r\n")
        );
        let mut big = vec![0xFE, 0xFF];
        big.extend("a,b".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(sniff(&big), FileKind::Text(Encoding::Utf16Be));
        assert_eq!(decode(&big, Encoding::Utf16Be).as_deref(), Some("a,b"));
        assert_eq!(
            decode("\u{feff}x".as_bytes(), Encoding::Utf8).as_deref(),
            Some("x")
        );
        assert_eq!(decode(gb, Encoding::Gb18030), None);
    }

    #[test]
    fn binary_files_are_not_spreadsheets() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert_eq!(sniff(png), FileKind::NotSpreadsheet);
        let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 5 >>\nstream\n\x78\x9c\x03\0\0\0\0\x01\nendstream";
        assert_eq!(sniff(pdf), FileKind::NotSpreadsheet);
        // Plain text with a NUL in the middle, and a lone GB18030 lead byte.
        assert_eq!(sniff(b"name,phone\n\0\n"), FileKind::NotSpreadsheet);
        assert_eq!(sniff(b"name,\xB5"), FileKind::NotSpreadsheet);
        // UTF-16 with an odd length or an unpaired surrogate.
        assert_eq!(sniff(b"\xFF\xFEa\0b"), FileKind::NotSpreadsheet);
        assert_eq!(sniff(b"\xFF\xFE\x00\xD8a\0"), FileKind::NotSpreadsheet);
        // Pseudo-random bytes (a fixed linear congruential sequence).
        let mut x = 12345_u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        assert_eq!(sniff(&noise), FileKind::NotSpreadsheet);
    }
}
