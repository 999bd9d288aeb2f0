//! The size tables docs/performance.md records: raw, gzip and brotli of the
//! first screen's critical path, of each lazy page, and of every file.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use crate::split::loader_map;
use crate::split::names::LOADER_STEM;

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
        if !path.is_file() || path.extension().is_some_and(|e| e == "br") {
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

fn brotli(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    Some(out)
}

fn brotli_len(bytes: &[u8]) -> usize {
    brotli(bytes).map_or(0, |b| b.len())
}

/// Writes `<file>.br` (brotli, quality 11) beside every script, wasm and
/// stylesheet of `dist`: the reference server sends these as they are, and
/// static hosts can (nginx `brotli_static`), instead of compressing each
/// request on the fly at a lower quality.
pub fn write_precompressed(dist: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let code = path
            .extension()
            .is_some_and(|e| e == "js" || e == "wasm" || e == "css");
        if !path.is_file() || !code {
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let packed = brotli(&bytes).ok_or_else(|| format!("cannot compress {}", path.display()))?;
        let mut name = path.clone().into_os_string();
        name.push(".br");
        std::fs::write(&name, packed)
            .map_err(|e| format!("cannot write {}.br: {e}", path.display()))?;
    }
    Ok(())
}

/// Prints the size tables: what the browser fetches before the first
/// customer rows (the critical path), what each lazy page adds when first
/// opened, and every file.
pub fn print_table(dist: &Path) -> Result<(), String> {
    let rows = measure(dist)?;
    let by_name: HashMap<&str, &Row> = rows.iter().map(|r| (r.name.as_str(), r)).collect();

    // The first screen: the panel's JS, the split loader it imports and
    // the main wasm; the customer list is in the main wasm.
    let critical: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            (r.name.starts_with("scrm-panel-") || r.name.starts_with(LOADER_STEM))
                && (r.name.ends_with(".js") || r.name.ends_with(".wasm"))
        })
        .collect();
    println!();
    println!("Before the first customer rows (js + wasm):");
    println!();
    header();
    for r in &critical {
        line(&r.name, r.raw, r.gzip, r.brotli);
    }
    let sum = |rs: &[&Row]| {
        rs.iter().fold((0, 0, 0), |(a, b, c), r| {
            (a + r.raw, b + r.gzip, c + r.brotli)
        })
    };
    let (raw, gz, br) = sum(critical.as_slice());
    line("**critical path**", raw, gz, br);

    let loader = rows
        .iter()
        .find(|r| r.name.starts_with(LOADER_STEM))
        .map(|r| dist.join(&r.name));
    if let Some(loader) = loader {
        let text = std::fs::read_to_string(&loader)
            .map_err(|e| format!("cannot read {}: {e}", loader.display()))?;
        println!();
        println!(
            "Each lazy page, first opened (its module and the shared chunks it needs; a chunk"
        );
        println!("already fetched for another page is not fetched again):");
        println!();
        println!("| page | files | raw | gzip | brotli |");
        println!("|---|---:|---:|---:|---:|");
        for page in loader_map::pages(&text) {
            let files: Vec<&Row> = page
                .files
                .iter()
                .filter_map(|f| by_name.get(f.as_str()).copied())
                .collect();
            let (raw, gz, br) = sum(files.as_slice());
            println!(
                "| {} | {} | {} | {} | {} |",
                page.name,
                files.len(),
                kb(raw),
                kb(gz),
                kb(br)
            );
        }
    }

    println!();
    println!("Every file:");
    println!();
    header();
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    let (mut craw, mut cgz, mut cbr) = (0, 0, 0);
    for r in &rows {
        line(&r.name, r.raw, r.gzip, r.brotli);
        raw += r.raw;
        gz += r.gzip;
        br += r.brotli;
        if r.name.starts_with("split_") || r.name.starts_with("chunk_") {
            craw += r.raw;
            cgz += r.gzip;
            cbr += r.brotli;
        }
    }
    line("**every lazy page's code**", craw, cgz, cbr);
    line("**total**", raw, gz, br);
    Ok(())
}

fn header() {
    println!("| file | raw | gzip | brotli |");
    println!("|---|---:|---:|---:|");
}

fn line(name: &str, raw: usize, gzip: usize, brotli: usize) {
    println!("| {name} | {} | {} | {} |", kb(raw), kb(gzip), kb(brotli));
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}
