//! Bulk import of manual entries from a spreadsheet export: reading a CSV
//! or XLSX file into a table (the reader worker calls [`parse_csv`] and
//! [`parse_xlsx`]), guessing which column is which field from Chinese or
//! English headers, turning rows into addManualTask requests checked with
//! the shared rules, and writing the failed rows back out with their
//! reasons. No browser here, so all of it is tested natively.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use scrm_api::manual_task::AddManualTaskRequest;
use scrm_api::validate::{join_messages, normalize_phone, Lang};

use crate::core::csv_read::{read_csv, CsvError};
use crate::core::file_kind::MAX_FILE_BYTES;
use crate::core::xlsx_read::{read_first_sheet, CellFlag, SheetRow, XlsxError};
use crate::features::manual_tasks::draft::{cleaned, set, FIELDS};

/// A parsed file: its header row and the data rows (blank rows dropped).
/// `lines[i]` is the 1-based line number of `rows[i]` in the file, so a
/// report points at the row the user can find in their spreadsheet;
/// `flags[i]` are the cells of `rows[i]` the XLSX reader does not trust.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub lines: Vec<u64>,
    pub flags: Vec<Vec<CellFlag>>,
}

/// Why a file cannot be imported at all. Each is shown in the user's
/// language; none carries another program's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No header row.
    Empty,
    /// A header but no data.
    NoRows,
    /// More than [`MAX_ROWS`] data rows.
    TooManyRows,
    /// Larger than [`MAX_FILE_BYTES`]: its size in bytes.
    FileTooBig(u64),
    /// Neither an XLSX workbook nor text in an accepted encoding.
    NotSpreadsheet,
    /// The binary Excel 97–2003 format.
    OldXls,
    /// CSV the parser cannot read, from this line on.
    Malformed(u64),
    /// An XLSX file the reader refused.
    Xlsx(XlsxError),
}

/// Most rows a file may have; more is almost certainly the wrong file and
/// would take long enough to need a server-side import instead.
pub const MAX_ROWS: usize = 20_000;

/// Refuses a file by its size before a byte of it is read.
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_FILE_BYTES {
        Err(ImportError::FileTooBig(bytes))
    } else {
        Ok(())
    }
}

/// Reads CSV text into a table (in the reader worker, off the page's thread).
pub fn parse_csv(text: &str) -> Result<Table, ImportError> {
    // The header, the most rows an import takes, and one to tell "too many".
    read_csv(text, MAX_ROWS + 1)
        .map_err(ImportError::from)
        .and_then(table_from_rows)
}

/// Reads an XLSX file's first sheet into a table (in the reader worker).
pub fn parse_xlsx(file: &[u8]) -> Result<Table, ImportError> {
    // Header plus the most rows an import takes, plus one to tell "too many".
    read_first_sheet(file, MAX_ROWS + 2)
        .map_err(ImportError::Xlsx)
        .and_then(table_from_rows)
}

impl From<CsvError> for ImportError {
    fn from(e: CsvError) -> ImportError {
        match e {
            CsvError::Malformed(line) => ImportError::Malformed(line),
            CsvError::TooManyRows => ImportError::TooManyRows,
        }
    }
}

/// `="01012345678"` is how the CSV export keeps a digit-only text cell a
/// text cell in spreadsheets (which would drop its leading zero or round a
/// long id); read back, it is the digits again. XLSX cells are unwrapped
/// too: LibreOffice opens such a CSV without evaluating formulas unless
/// told to, so a file it saves holds the text `="01012345678"`. Only digits
/// are unwrapped, so no other formula ever comes through as plain text.
pub fn unwrap_text_formula(cell: &str) -> &str {
    cell.strip_prefix("=\"")
        .and_then(|c| c.strip_suffix('"'))
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(cell)
}

/// A table from numbered rows, as CSV lines or XLSX sheet rows: the first
/// non-blank row is the header, blank rows are dropped, cells are trimmed
/// and [`unwrap_text_formula`]d.
pub fn table_from_rows(rows: Vec<SheetRow>) -> Result<Table, ImportError> {
    let mut headers: Option<Vec<String>> = None;
    let mut table = Table::default();
    for row in rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| unwrap_text_formula(c.trim()).to_owned())
            .collect();
        if row.flags.is_empty() && cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        if table.rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows);
        }
        table.rows.push(cells);
        table.lines.push(row.number);
        table.flags.push(row.flags);
    }
    table.headers = headers.ok_or(ImportError::Empty)?;
    if table.rows.is_empty() {
        return Err(ImportError::NoRows);
    }
    Ok(table)
}

/// Header spellings per field, compared after [`normalise`]. Simplified,
/// traditional and English, as exports from the vendor, Excel templates and
/// other CRMs write them.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "customerName",
        &[
            "customername",
            "客户姓名",
            "客戶姓名",
            "客户名称",
            "客戶名稱",
            "姓名",
            "客户",
            "客戶",
            "联系人",
            "聯系人",
            "聯絡人",
            "name",
            "customer",
            "contact",
            "contactname",
            "fullname",
        ],
    ),
    (
        "customerPhone",
        &[
            "customerphone",
            "联系方式",
            "聯系方式",
            "聯繫方式",
            "手机",
            "手機",
            "手机号",
            "手機號",
            "手机号码",
            "手機號碼",
            "电话",
            "電話",
            "电话号码",
            "電話號碼",
            "phone",
            "mobile",
            "tel",
            "telephone",
            "phonenumber",
            "mobilephone",
            "cellphone",
        ],
    ),
    (
        "phoneGeo",
        &[
            "phonegeo",
            "所在地区",
            "所在地區",
            "地区",
            "地區",
            "城市",
            "归属地",
            "歸屬地",
            "region",
            "area",
            "city",
            "location",
        ],
    ),
    (
        "company",
        &[
            "company",
            "公司",
            "公司名称",
            "公司名稱",
            "单位",
            "單位",
            "companyname",
            "organization",
        ],
    ),
    (
        "address",
        &["address", "地址", "详细地址", "詳細地址", "addr"],
    ),
    (
        "nickName",
        &[
            "nickname",
            "昵称",
            "暱稱",
            "昵稱",
            "个性称呼",
            "個性稱呼",
            "nick",
        ],
    ),
    (
        "userName",
        &[
            "username",
            "微信号",
            "微信號",
            "微信",
            "微信id",
            "wechat",
            "wechatid",
            "weixin",
            "wxid",
        ],
    ),
    ("tags", &["tags", "tag", "标签", "標籤", "標簽", "labels"]),
    ("v1", &["v1"]),
];

/// Lower case, without spaces, underscores, dashes and a trailing `*`
/// (templates mark required columns so).
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '*' | '（' | '）' | '(' | ')'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn guess_one(header: &str) -> Option<&'static str> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    if let Some(&(field, _)) = SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
    {
        return Some(field);
    }
    // xfield1..10, 自定义字段1, 自訂欄位1, custom field 1, 扩展字段1
    for prefix in [
        "xfield",
        "自定义字段",
        "自訂欄位",
        "customfield",
        "扩展字段",
        "擴展欄位",
    ] {
        if let Some(n) = h.strip_prefix(prefix) {
            if let Some(&(field, _)) = FIELDS
                .iter()
                .find(|(f, _)| f.strip_prefix("xfield") == Some(n))
            {
                return Some(field);
            }
        }
    }
    None
}

/// A field for each column (or `None` to skip it). Each field is given to
/// the first column that names it, so two "电话" columns do not both land
/// in customerPhone.
pub fn guess_mapping(headers: &[String]) -> Vec<Option<&'static str>> {
    let mut used: Vec<&'static str> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let field = guess_one(h).filter(|f| !used.contains(f));
            if let Some(f) = field {
                used.push(f);
            }
            field
        })
        .collect()
}

/// The request a row stands for under `mapping`. Missing cells are empty.
pub fn row_request(row: &[String], mapping: &[Option<&'static str>]) -> AddManualTaskRequest {
    let mut req = AddManualTaskRequest::default();
    for (i, field) in mapping.iter().enumerate() {
        if let (Some(field), Some(cell)) = (field, row.get(i)) {
            set(&mut req, field, cell.clone());
        }
    }
    cleaned(&req)
}

/// What the shared rules say about a row: `None` when it may be sent.
pub fn row_problem(req: &AddManualTaskRequest, lang: Lang) -> Option<String> {
    req.validate().err().map(|errs| join_messages(&errs, lang))
}

/// The cells of the row at `i` that the XLSX reader flagged, in columns
/// `mapping` imports (a flagged cell in a skipped column does no harm).
pub fn mapped_flags<'a>(
    table: &'a Table,
    i: usize,
    mapping: &'a [Option<&'static str>],
) -> impl Iterator<Item = &'a CellFlag> + 'a {
    table
        .flags
        .get(i)
        .into_iter()
        .flatten()
        .filter(move |f| mapping.get(f.column).copied().flatten().is_some())
}

/// Whether the row at `i` cannot be imported under `mapping`: a flagged
/// cell it imports, or the shared rules. The page words the reasons only
/// for the rows it shows; this is what it counts the whole file with.
pub fn row_refused(table: &Table, i: usize, mapping: &[Option<&'static str>]) -> bool {
    let Some(row) = table.rows.get(i) else {
        return false;
    };
    mapped_flags(table, i, mapping).next().is_some()
        || row_request(row, mapping).validate().is_err()
}

/// The same person twice in one file: fed every row in order, it says for
/// each the line of the first importable row with the same phone (as the
/// digits every look-up compares), so the page can skip the repeats. Rows
/// the rules refuse neither claim a phone nor count as repeats, so refused
/// and repeated rows never overlap in the counts.
#[derive(Debug, Default)]
pub struct Repeats {
    first: HashMap<String, u64>,
    /// Per row seen: the line of the earlier row with its phone.
    pub of: Vec<Option<u64>>,
    /// Per row seen: its phone as digits, when the rules accept the row
    /// (what the look-up of numbers already known asks about).
    pub phones: Vec<Option<String>>,
    pub count: usize,
}

impl Repeats {
    /// Checks the row at `i` (the next one); answers whether the rules
    /// refuse it, as [`row_refused`] does.
    pub fn check(&mut self, table: &Table, i: usize, mapping: &[Option<&'static str>]) -> bool {
        let refused = row_refused(table, i, mapping);
        let phone = table
            .rows
            .get(i)
            .filter(|_| !refused)
            .and_then(|row| row_request(row, mapping).customer_phone)
            .and_then(|p| normalize_phone(&p).ok());
        let line = table.lines.get(i).copied().unwrap_or_default();
        self.phones.push(phone.clone());
        let earlier = phone.and_then(|p| match self.first.entry(p) {
            Entry::Occupied(e) => Some(*e.get()),
            Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        });
        self.count += usize::from(earlier.is_some());
        self.of.push(earlier);
        refused
    }
}

/// Required fields no column is mapped to: every row would fail, so the
/// preview says so before anything is sent.
pub fn unmapped_required(mapping: &[Option<&'static str>]) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|(f, required)| *required && !mapping.contains(&Some(f)))
        .map(|(f, _)| *f)
        .collect()
}

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub line: u64,
    pub row: Vec<String>,
    pub reason: String,
}

/// Spreadsheet programs run a cell starting with `=`, `+`, `-` or `@` as a
/// formula; a leading apostrophe makes it plain text again.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// The failed rows as CSV: the original header plus line and reason
/// columns, every cell neutralised, with a byte-order mark so Excel reads
/// the Chinese text as UTF-8.
pub fn failures_csv(
    headers: &[String],
    failures: &[Failure],
    line_label: &str,
    reason_label: &str,
) -> String {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut head: Vec<String> = vec![neutralise(line_label)];
    head.extend(headers.iter().map(|h| neutralise(h)));
    head.push(neutralise(reason_label));
    let mut ok = writer.write_record(&head).is_ok();
    for f in failures {
        let mut rec: Vec<String> = vec![f.line.to_string()];
        rec.extend(f.row.iter().map(|c| neutralise(c)));
        // Short rows are padded so the reason stays in its own column.
        while rec.len() < headers.len() + 1 {
            rec.push(String::new());
        }
        rec.push(neutralise(&f.reason));
        ok &= writer.write_record(&rec).is_ok();
    }
    let bytes = match (ok, writer.into_inner()) {
        (true, Ok(b)) => b,
        _ => Vec::new(),
    };
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn reads_excel_style_csv() {
        let text = "\u{feff}姓名,电话,备注\r\n\"王, 五\",13800138000,\"说了\"\"你好\"\"\"\r\n\r\n李四,13900139000\n\"多\n行\",1,x\n";
        let t = parse_csv(text).unwrap_or_default();
        assert_eq!(t.headers, strings(&["姓名", "电话", "备注"]));
        assert_eq!(t.rows.len(), 3);
        assert_eq!(
            t.rows.first(),
            Some(&strings(&["王, 五", "13800138000", "说了\"你好\""]))
        );
        assert_eq!(t.rows.get(1), Some(&strings(&["李四", "13900139000"])));
        assert_eq!(
            t.rows.get(2).and_then(|r| r.first()).map(String::as_str),
            Some("多\n行")
        );
        // Line numbers as the user sees them (the blank line is counted).
        assert_eq!(t.lines, [2, 4, 5]);
    }

    fn sheet_row(number: u64, cells: &[&str]) -> SheetRow {
        SheetRow {
            number,
            cells: strings(cells),
            flags: Vec::new(),
        }
    }

    #[test]
    fn sheet_rows_keep_their_row_numbers() {
        let rows = vec![
            sheet_row(2, &["", " "]),
            sheet_row(3, &["姓名", "电话"]),
            sheet_row(5, &[" 王五 ", "13800138000"]),
            sheet_row(6, &[]),
            sheet_row(9, &["李四"]),
        ];
        let t = table_from_rows(rows).unwrap_or_default();
        assert_eq!(t.headers, strings(&["姓名", "电话"]));
        assert_eq!(
            t.rows,
            vec![strings(&["王五", "13800138000"]), strings(&["李四"])]
        );
        assert_eq!(t.lines, [5, 9]);
        let many: Vec<SheetRow> = (0..=MAX_ROWS as u64 + 1)
            .map(|i| sheet_row(i + 1, &["x"]))
            .collect();
        assert_eq!(table_from_rows(many), Err(ImportError::TooManyRows));
    }

    #[test]
    fn big_csv_files_are_read_in_one_pass_and_refused_past_the_limit() {
        let mut text = String::from("姓名,电话\r\n");
        for i in 0..MAX_ROWS {
            text.push_str(&format!("客户{i},150{i:08}\r\n"));
            if i % 1000 == 0 {
                text.push_str("\r\n");
            }
        }
        let t = parse_csv(&text).unwrap_or_default();
        assert_eq!(t.rows.len(), MAX_ROWS);
        // Line numbers still count the blank lines.
        assert_eq!(t.lines.first(), Some(&2));
        assert_eq!(t.lines.get(1), Some(&4));
        assert_eq!(t.lines.last(), Some(&(MAX_ROWS as u64 + 21)));
        text.push_str("一行太多,15000000000\r\n");
        assert_eq!(parse_csv(&text), Err(ImportError::TooManyRows));
        assert_eq!(check_size(MAX_FILE_BYTES), Ok(()));
        assert_eq!(
            check_size(MAX_FILE_BYTES + 1),
            Err(ImportError::FileTooBig(MAX_FILE_BYTES + 1))
        );
    }

    #[test]
    fn the_exports_csv_reads_back_unchanged() {
        use scrm_api::customer::Customer;
        let people = [
            ("王五 😀", "01012345678", "VIP|新客"),
            ("Zoë, \"the\" boss", "13800138000", "a\nb"),
            ("李四", "110101199003075123", ""),
        ];
        let header = [
            "客户ID",
            "客户姓名",
            "昵称",
            "备注名",
            "联系方式",
            "标签",
            "星标",
            "备注",
            "创建时间",
            "最后更新",
        ];
        let mut text = scrm_api::csv::start(&header);
        for (i, (name, phone, tags)) in people.iter().enumerate() {
            let c = Customer {
                customer_id: Some(i as i64 + 1),
                customer_name: Some((*name).into()),
                customer_phone: Some((*phone).into()),
                tags: Some((*tags).into()),
                ..Default::default()
            };
            let cells = scrm_api::csv::customer_cells(&c);
            text.push_str(&scrm_api::csv::customer_line(&cells));
        }
        // Spreadsheets see the phone and the id number as text, not numbers.
        assert!(text.contains(",=\"01012345678\","), "{text}");
        let t = parse_csv(&text).unwrap_or_default();
        assert_eq!(t.headers, strings(&header));
        let phones: Vec<&str> = t
            .rows
            .iter()
            .filter_map(|r| r.get(4).map(String::as_str))
            .collect();
        assert_eq!(phones, ["01012345678", "13800138000", "110101199003075123"]);
        let names: Vec<&str> = t
            .rows
            .iter()
            .filter_map(|r| r.get(1).map(String::as_str))
            .collect();
        assert_eq!(names, ["王五 😀", "Zoë, \"the\" boss", "李四"]);
        assert_eq!(
            t.rows.get(1).and_then(|r| r.get(5)).map(String::as_str),
            Some("a\nb")
        );
        // Only digits are unwrapped: other formulas stay as they are.
        assert_eq!(unwrap_text_formula("=\"0123\""), "0123");
        assert_eq!(unwrap_text_formula("=\"SUM(A1)\""), "=\"SUM(A1)\"");
        assert_eq!(unwrap_text_formula("=\"\""), "=\"\"");
        assert_eq!(unwrap_text_formula("'=1+1"), "'=1+1");
    }

    #[test]
    fn a_saved_csv_export_reads_back_as_digits() {
        // LibreOffice opens the CSV export without evaluating formulas by
        // default; saved as XLSX, the phone is the text `="…"` itself.
        let rows = vec![
            strings(&["客户姓名", "联系方式", "备注"]),
            strings(&["王五", "=\"01012345678\"", "=\"SUM(A1)\""]),
        ];
        let file = scrm_api::xlsx::workbook(&rows);
        let sheet = crate::core::xlsx_read::read_first_sheet(&file, MAX_ROWS + 2);
        let t = table_from_rows(sheet.unwrap_or_default()).unwrap_or_default();
        assert_eq!(t.rows, [strings(&["王五", "01012345678", "=\"SUM(A1)\""])]);
    }

    #[test]
    fn the_exports_xlsx_reads_back_unchanged() {
        use scrm_api::xlsx::{workbook_with, Kind};
        let rows = vec![
            strings(&["客户姓名", "联系方式", "备注", "创建时间（北京时间）"]),
            strings(&["王五 😀", "01012345678", "=1+1", "2024-05-06 07:08:09"]),
            strings(&["Zoë", "110101199003075123", "两行\n文字", ""]),
        ];
        let kinds = [Kind::Text, Kind::Text, Kind::Text, Kind::DateTime];
        let deflate = |d: &[u8]| miniz_oxide::deflate::compress_to_vec(d, 1);
        let file = workbook_with(&rows, &kinds, Some(&deflate));
        let t = parse_xlsx(&file).unwrap_or_default();
        assert_eq!(t.headers, rows[0]);
        let text_columns: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.get(..3).unwrap_or_default().to_vec())
            .collect();
        assert_eq!(
            text_columns,
            [
                strings(&["王五 😀", "01012345678", "=1+1"]),
                strings(&["Zoë", "110101199003075123", "两行\n文字"]),
            ]
        );
        // The time is a date serial now, not text.
        let serial = t
            .rows
            .first()
            .and_then(|r| r.get(3))
            .cloned()
            .unwrap_or_default();
        assert!(serial.starts_with("45418.29"), "{serial}");
        assert_eq!(t.flags, [vec![], vec![]]);
    }

    #[test]
    fn refuses_files_with_nothing_to_import() {
        assert_eq!(parse_csv(""), Err(ImportError::Empty));
        assert_eq!(parse_csv("\n , \n"), Err(ImportError::Empty));
        assert_eq!(parse_csv("姓名,电话\n"), Err(ImportError::NoRows));
    }

    #[test]
    fn guesses_columns_from_chinese_and_english_headers() {
        let headers = strings(&[
            "客户姓名*",
            "手机号码",
            "所在地區",
            "Company",
            "WeChat ID",
            "标签",
            "自定义字段3",
            "xfield10",
            "电话",
            "不认识",
        ]);
        assert_eq!(
            guess_mapping(&headers),
            [
                Some("customerName"),
                Some("customerPhone"),
                Some("phoneGeo"),
                Some("company"),
                Some("userName"),
                Some("tags"),
                Some("xfield3"),
                Some("xfield10"),
                None, // second phone column: the first one wins
                None,
            ]
        );
        let en = strings(&["Name", "Mobile", "City", "Address", "Nickname", "v1"]);
        assert_eq!(
            guess_mapping(&en),
            [
                Some("customerName"),
                Some("customerPhone"),
                Some("phoneGeo"),
                Some("address"),
                Some("nickName"),
                Some("v1"),
            ]
        );
        assert_eq!(unmapped_required(&guess_mapping(&en)), Vec::<&str>::new());
        assert_eq!(
            unmapped_required(&[Some("customerName")]),
            ["customerPhone", "phoneGeo"]
        );
    }

    #[test]
    fn rows_become_checked_requests() {
        let mapping = guess_mapping(&strings(&["姓名", "电话", "地区", "公司"]));
        let ok = row_request(&strings(&[" 王五 ", "138 0013 8000", "厦门"]), &mapping);
        assert_eq!(ok.customer_name.as_deref(), Some("王五"));
        assert_eq!(ok.company, None);
        assert_eq!(row_problem(&ok, Lang::ZhCn), None);
        let bad = row_request(&strings(&["", "12345", "厦门", "x"]), &mapping);
        let msg = row_problem(&bad, Lang::ZhCn).unwrap_or_default();
        assert!(msg.contains("客户姓名不能为空"), "{msg}");
        assert!(msg.contains("11位"), "{msg}");
    }

    #[test]
    fn the_template_header_maps_itself_in_every_language() {
        let want: Vec<Option<&str>> = FIELDS.iter().map(|(f, _)| Some(*f)).collect();
        for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
            let header: Vec<String> = FIELDS
                .iter()
                .map(|(f, _)| crate::features::manual_tasks::draft::label(f, lang))
                .collect();
            assert_eq!(guess_mapping(&header), want, "{lang:?}: {header:?}");
        }
    }

    #[test]
    fn a_phone_seen_in_an_earlier_importable_row_is_a_repeat_of_that_line() {
        let table = Table {
            headers: strings(&["姓名", "电话", "地区"]),
            rows: vec![
                strings(&["王五", "13900000001", "厦门"]),
                strings(&["王五", "+86 139-0000-0001", "厦门"]),
                strings(&["", "13900000002", "厦门"]),
                strings(&["李四", "13900000002", "福州"]),
                strings(&["李四", "13900000002", "福州"]),
            ],
            lines: vec![2, 3, 4, 5, 6],
            flags: Vec::new(),
        };
        let mapping = guess_mapping(&table.headers);
        let mut repeats = Repeats::default();
        let refused: Vec<bool> = (0..table.rows.len())
            .map(|i| repeats.check(&table, i, &mapping))
            .collect();
        assert_eq!(refused, [false, false, true, false, false]);
        // The refused row 4 claims nothing: row 5 is the first 13900000002.
        assert_eq!(repeats.of, [None, Some(2), None, None, Some(5)]);
        let phone = |p: &str| Some(p.to_owned());
        assert_eq!(
            repeats.phones,
            [
                phone("13900000001"),
                phone("13900000001"),
                None,
                phone("13900000002"),
                phone("13900000002")
            ]
        );
        assert_eq!(repeats.count, 2);
    }

    #[test]
    fn refused_rows_are_the_ones_the_rules_or_an_imported_flagged_cell_refuse() {
        use crate::core::xlsx_read::FlagKind;
        let table = Table {
            headers: strings(&["姓名", "电话", "地区", "备注"]),
            rows: vec![
                strings(&["王五", "13800138000", "厦门", "#N/A"]),
                strings(&["", "13800138000", "厦门"]),
                strings(&["李四", "13900139000", "福州", ""]),
            ],
            lines: vec![2, 3, 4],
            flags: vec![
                vec![CellFlag {
                    column: 3,
                    kind: FlagKind::FormulaError,
                }],
                vec![],
                vec![CellFlag {
                    column: 1,
                    kind: FlagKind::NoCachedValue,
                }],
            ],
        };
        let mapping = guess_mapping(&table.headers);
        assert_eq!(mapping.get(3), Some(&None));
        let refused = |m: &[Option<&'static str>]| -> Vec<bool> {
            (0..4).map(|i| row_refused(&table, i, m)).collect()
        };
        // The error in the skipped column does no harm; the one in the
        // phone column does, though the phone reads well.
        assert_eq!(refused(&mapping), [false, true, true, false]);
        let mut with_notes = mapping.clone();
        if let Some(slot) = with_notes.get_mut(3) {
            *slot = Some("v1");
        }
        assert_eq!(refused(&with_notes), [true, true, true, false]);
        assert_eq!(mapped_flags(&table, 0, &with_notes).count(), 1);
    }

    #[test]
    fn failed_rows_are_written_safely() {
        let headers = strings(&["姓名", "电话"]);
        let failures = [
            Failure {
                line: 3,
                row: strings(&["=HYPERLINK(\"x\")", "+86 138"]),
                reason: "联系方式应为11位手机号".into(),
            },
            Failure {
                line: 9,
                row: strings(&["@王"]),
                reason: "-".into(),
            },
        ];
        let out = failures_csv(&headers, &failures, "行号", "失败原因");
        assert!(out.starts_with('\u{feff}'));
        let back = parse_csv(&out).unwrap_or_default();
        assert_eq!(back.headers, strings(&["行号", "姓名", "电话", "失败原因"]));
        assert_eq!(
            back.rows.first(),
            Some(&strings(&[
                "3",
                "'=HYPERLINK(\"x\")",
                "'+86 138",
                "联系方式应为11位手机号"
            ]))
        );
        assert_eq!(back.rows.get(1), Some(&strings(&["9", "'@王", "", "'-"])));
        assert_eq!(neutralise("普通"), "普通");
    }
}
