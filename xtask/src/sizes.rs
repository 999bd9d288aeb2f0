//! The size table docs/performance.md records: raw, gzip and brotli per file and total.

use std::io::Write;
use std::path::Path;

pub struct Row {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn measure(dist: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let entries =
        std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        rows.push(Row {
            name: entry.file_name().to_string_lossy().into_owned(),
            raw: bytes.len(),
            gzip: gzip_len(&bytes),
            brotli: brotli_len(&bytes),
        });
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(rows)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    if enc.write_all(bytes).is_err() {
        return 0;
    }
    enc.finish().map(|v| v.len()).unwrap_or(0)
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    match brotli::BrotliCompress(&mut &bytes[..], &mut out, &params) {
        Ok(_) => out.len(),
        Err(_) => 0,
    }
}

pub fn print_table(dist: &Path) -> Result<(), String> {
    let rows = measure(dist)?;
    println!();
    println!("| file | raw | gzip | brotli |");
    println!("|---|---:|---:|---:|");
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    let (mut iraw, mut igz, mut ibr) = (0, 0, 0);
    for r in &rows {
        println!(
            "| {} | {} | {} | {} |",
            r.name,
            kb(r.raw),
            kb(r.gzip),
            kb(r.brotli)
        );
        raw += r.raw;
        gz += r.gzip;
        br += r.brotli;
        // The XLSX worker is fetched only when an XLSX export
        // starts, the XLSX reader only when an .xlsx is imported.
        let on_demand = r.name.starts_with("xlsx-worker") || r.name.starts_with("xlsx-reader");
        if (r.name.ends_with(".wasm") || r.name.ends_with(".js")) && !on_demand {
            iraw += r.raw;
            igz += r.gzip;
            ibr += r.brotli;
        }
    }
    println!(
        "| **initial wasm+js** | {} | {} | {} |",
        kb(iraw),
        kb(igz),
        kb(ibr)
    );
    println!("| **total** | {} | {} | {} |", kb(raw), kb(gz), kb(br));
    Ok(())
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}
