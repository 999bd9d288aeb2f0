//! The panel's real CSV and XLSX exports opened by LibreOffice Calc, and what
//! it saves read back by the manual-entry import's reader: the manual check
//! in docs/spreadsheets.md. Not run by `cargo xtask`: LibreOffice is hundreds
//! of MB, so it is no CI dependency. Needs `soffice` (Debian:
//! `apt-get install libreoffice-calc-nogui`):
//! `SCRM_DIST=$PWD/dist cargo test -p scrm-panel --test libreoffice -- --ignored --nocapture`.
//! The exports and LibreOffice's files stay in target/libreoffice-check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use scrm_panel::core::xlsx_read::read_first_sheet;
use scrm_panel::features::manual_tasks::import_rows::table_from_rows;
use support::Env;

const PHONE: &str = "01012345678";
const ID_NUMBER: &str = "110101199003075123";
const NAME: &str = "王五 😀";
const REMARK: &str = "=HYPERLINK(\"http://example.com\",\"点我\")";

/// LibreOffice's CSV import options (`--infilter`, tokens as in its help
/// page "CSV Filter Options"): comma, double quote, UTF-8 (76), from line 1.
const CSV_EVALUATED: &str = "CSV:44,34,76,1";
/// The same with the rest as the import dialog of LibreOffice 7.4 has them
/// unless a user changed them: standard column types, quoted fields not
/// forced to text, special numbers not detected, formulas not evaluated
/// (token 13; the dialog's default, `EvaluateFormulas` false in its
/// configuration).
const CSV_DIALOG_DEFAULTS: &str = "CSV:44,34,76,1,,0,false,false,false,false,false,-1,false";

/// Converts `file` with LibreOffice into `out` as `to` (`xlsx`, `fods`),
/// with a profile of its own so a running LibreOffice is not disturbed.
fn convert(file: &Path, to: &str, out: &Path, infilter: Option<&str>) -> PathBuf {
    let profile = out.join("profile");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--convert-to", to, "--outdir"])
    .arg(out);
    if let Some(filter) = infilter {
        cmd.arg(format!("--infilter={filter}"));
    }
    let status = cmd
        .arg(file)
        .status()
        .expect("soffice runs (apt-get install libreoffice-calc-nogui)");
    assert!(status.success(), "soffice failed on {}", file.display());
    let stem = file.file_stem().unwrap().to_str().unwrap();
    out.join(format!("{stem}.{to}"))
}

/// The `<table:table-cell>` of a flat ODS file whose shown text is `text`.
fn fods_cell<'a>(fods: &'a str, text: &str) -> Option<&'a str> {
    let shown = fods.find(&format!("<text:p>{text}</text:p>"))?;
    let start = fods.get(..shown)?.rfind("<table:table-cell")?;
    let end = shown + fods.get(shown..)?.find("</table:table-cell>")?;
    fods.get(start..end)
}

/// The [`NAME`] row of an XLSX file as the import reads it (sheet read,
/// then made a table).
fn read_back(file: &Path) -> Vec<String> {
    let rows = read_first_sheet(&std::fs::read(file).unwrap(), 1000).unwrap();
    let table = table_from_rows(rows).unwrap();
    table
        .rows
        .into_iter()
        .find(|r| r.iter().any(|c| c == NAME))
        .unwrap_or_else(|| panic!("no {NAME} row in {}", file.display()))
}

/// Phone, id number and remark of a read-back row (export column order:
/// id, name, nickname, remark name, phone, tags, star, remarks, …).
fn checked(cells: &[String]) -> [&str; 3] {
    [4, 2, 7].map(|i| cells.get(i).map(String::as_str).unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn libreoffice_keeps_the_digits_of_both_exports() {
    let env = Env::demo().await;
    env.goto("/customers?phone=13800000001").await;
    let row = env.wait_for("#customer-table tbody tr", "customer").await;
    let fields = serde_json::json!({ "customerName": NAME, "customerPhone": PHONE,
        "nickName": ID_NUMBER, "remarks": REMARK });
    env.update_customer(&row, fields).await;
    env.goto("/customers").await;
    env.wait_for("#customer-table[aria-busy='false'] tbody tr", "customers")
        .await;
    env.keep_downloads().await;
    env.click("#export-csv").await;
    let csv = env.download(0).await;
    env.wait_text("#export-status", "已导出行数").await;
    env.click("#export-xlsx").await;
    let xlsx = env.download(1).await;
    env.close().await;

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/libreoffice-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let csv_path = dir.join("customers.csv");
    let xlsx_path = dir.join("customers.xlsx");
    std::fs::write(&csv_path, &csv).unwrap();
    std::fs::write(&xlsx_path, &xlsx).unwrap();
    let line = String::from_utf8_lossy(&csv)
        .lines()
        .find(|l| l.contains(NAME))
        .unwrap()
        .to_owned();
    println!("exported CSV line: {line}");

    // The CSV opened as LibreOffice's import dialog opens it by default
    // (formulas not evaluated), and with formulas evaluated (what
    // `--convert-to` does when no option says otherwise); both in UTF-8,
    // which `--convert-to` does not take from the byte-order mark.
    for (how, filter, evaluated) in [
        ("dialog defaults", CSV_DIALOG_DEFAULTS, false),
        ("formulas evaluated", CSV_EVALUATED, true),
    ] {
        let out = dir.join(how.replace(' ', "-"));
        let fods = std::fs::read_to_string(convert(&csv_path, "fods", &out, Some(filter))).unwrap();
        for digits in [PHONE, ID_NUMBER] {
            // Unevaluated, the cell shows the exported text itself.
            let shown = match evaluated {
                true => digits.to_owned(),
                false => format!("=&quot;{digits}&quot;"),
            };
            let cell = fods_cell(&fods, &shown)
                .unwrap_or_else(|| panic!("{how}: LibreOffice shows no cell {shown:?}"));
            println!("CSV opened ({how}): {cell}");
            assert!(cell.contains(r#"office:value-type="string""#), "{cell}");
        }
        // The remark stays text: never a live link.
        let remark = fods_cell(
            &fods,
            "&apos;=HYPERLINK(&quot;http://example.com&quot;,&quot;点我&quot;)",
        )
        .unwrap_or_else(|| panic!("{how}: the remark is not shown as its text"));
        assert!(!remark.contains("table:formula"), "{remark}");
        // Saved as XLSX, then read by the import's reader.
        let saved = convert(&csv_path, "xlsx", &out, Some(filter));
        let cells = read_back(&saved);
        println!("CSV ({how}) -> LibreOffice XLSX -> import: {cells:?}");
        assert_eq!(checked(&cells), [PHONE, ID_NUMBER, &format!("'{REMARK}")]);
    }

    // The panel's XLSX opened and saved again by LibreOffice.
    let out = dir.join("xlsx");
    let fods = std::fs::read_to_string(convert(&xlsx_path, "fods", &out, None)).unwrap();
    let cell = fods_cell(&fods, PHONE).expect("phone shown");
    println!("XLSX opened, phone: {cell}");
    assert!(cell.contains(r#"office:value-type="string""#), "{cell}");
    let cells = read_back(&convert(&xlsx_path, "xlsx", &dir.join("xlsx-saved"), None));
    println!("XLSX -> LibreOffice XLSX -> import: {cells:?}");
    assert_eq!(checked(&cells), [PHONE, ID_NUMBER, REMARK]);
}
