//! Content-hashed names for the split build's files, in the form the
//! server's long-cache rule knows (`<stem>-<16 hex>.<ext>`, `…_bg.wasm`).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Bound, BIN, LINK, MAIN_JS};

/// The stem of the split loader's file.
pub const LOADER_STEM: &str = "split-loader";

/// trunk's staged names for the unsplit panel.
pub struct Staged {
    pub js: String,
    pub wasm: String,
}

/// The split build's hashed names in the staging dir.
pub struct Renamed {
    pub js: String,
    pub wasm: String,
    pub loader: String,
}

pub fn staged_panel(staging: &Path, bin: &str) -> Result<Staged, String> {
    let mut js = Vec::new();
    let mut wasm = Vec::new();
    let entries = std::fs::read_dir(staging)
        .map_err(|e| format!("cannot read {}: {e}", staging.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(bin).and_then(|r| r.strip_prefix('-')) else {
            continue;
        };
        if rest.strip_suffix(".js").is_some_and(is_trunk_hash) {
            js.push(name);
        } else if rest.strip_suffix("_bg.wasm").is_some_and(is_trunk_hash) {
            wasm.push(name);
        }
    }
    match (js.as_slice(), wasm.as_slice()) {
        ([js], [wasm]) => Ok(Staged {
            js: js.clone(),
            wasm: wasm.clone(),
        }),
        _ => Err(format!(
            "expected one staged {bin}-<hash>.js and one _bg.wasm in {}, found {js:?} and {wasm:?}",
            staging.display()
        )),
    }
}

/// trunk writes its 64-bit hash as `{:x}`: up to 16 hex digits, fewer when
/// it starts with zeros (one build in sixteen has 15).
fn is_trunk_hash(s: &str) -> bool {
    (1..=16).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// First 16 hex digits of the SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Replaces `from` by `to` in `text`, which must contain it.
fn replace_required(text: &str, from: &str, to: &str, what: &str) -> Result<String, String> {
    if !text.contains(from) {
        return Err(format!("{what} does not contain {from:?}"));
    }
    Ok(text.replace(from, to))
}

/// Renames the main JS's import of the split loader. Only the `import`
/// lines: the same string is also the key of the wasm's import object,
/// which must keep the name the main wasm was linked with.
fn rename_loader_import(js: &str, loader: &str) -> Result<String, String> {
    let mut out = String::with_capacity(js.len());
    let mut renamed = 0;
    for line in js.split_inclusive('\n') {
        if line.trim_start().starts_with("import ") && line.contains(LINK) {
            out.push_str(&line.replace(LINK, loader));
            renamed += 1;
        } else {
            out.push_str(line);
        }
    }
    if renamed == 0 {
        return Err(format!("the main JS has no `import … from '{LINK}'`"));
    }
    Ok(out)
}

/// Writes the split build into `staging` under hashed names and removes
/// trunk's unsplit pair.
///
/// The main JS imports the loader and the loader imports the main JS back,
/// so neither name can be the hash of its own final text; both take one hash
/// of the two texts before the names go in, so changing either renames both.
pub fn hash_and_stage(
    staging: &Path,
    bound: &Bound,
    pieces: &[PathBuf],
    staged: &Staged,
) -> Result<Renamed, String> {
    let mut loader = String::from_utf8(read(&bound.loader)?)
        .map_err(|e| format!("split loader is not UTF-8: {e}"))?;
    for piece in pieces {
        let bytes = read(piece)?;
        let stem = piece
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .ok_or_else(|| format!("no file name in {}", piece.display()))?;
        let name = format!("{stem}-{}.wasm", content_hash(&bytes));
        loader = replace_required(
            &loader,
            &format!("\"./{stem}.wasm\""),
            &format!("\"./{name}\""),
            "the split loader",
        )?;
        write(&staging.join(&name), &bytes)?;
    }
    let js =
        String::from_utf8(read(&bound.js)?).map_err(|e| format!("main JS is not UTF-8: {e}"))?;
    let both = content_hash(format!("{js}\0{loader}").as_bytes());
    let js_name = format!("{BIN}-{both}.js");
    let loader_name = format!("{LOADER_STEM}-{both}.js");
    let js = rename_loader_import(&js, &format!("./{loader_name}"))?;
    let loader = replace_required(
        &loader,
        &format!("from \"{MAIN_JS}\""),
        &format!("from \"./{js_name}\""),
        "the split loader",
    )?;
    let wasm = read(&bound.wasm)?;
    let wasm_name = format!("{BIN}-{}_bg.wasm", content_hash(&wasm));

    for old in [&staged.js, &staged.wasm] {
        std::fs::remove_file(staging.join(old))
            .map_err(|e| format!("cannot remove trunk's staged {old}: {e}"))?;
    }
    write(&staging.join(&js_name), js.as_bytes())?;
    write(&staging.join(&loader_name), loader.as_bytes())?;
    write(&staging.join(&wasm_name), &wasm)?;
    copy_snippets(&bound.snippets, &staging.join("snippets"))?;
    Ok(Renamed {
        js: js_name,
        wasm: wasm_name,
        loader: loader_name,
    })
}

/// wasm-bindgen's `snippets/` (inline JS of dependencies), as trunk copies
/// them for the unsplit build.
fn copy_snippets(from: &Path, to: &Path) -> Result<(), String> {
    if !from.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_snippets(&path, &dest)?;
        } else {
            write(&dest, &read(&path)?)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_the_import_line_is_renamed() {
        let js = "import * as x from './__wasm_split.js';\nimports['./__wasm_split.js'] = x;\n";
        let out = rename_loader_import(js, "./split-loader-0123456789abcdef.js").unwrap();
        assert_eq!(
            out,
            "import * as x from './split-loader-0123456789abcdef.js';\nimports['./__wasm_split.js'] = x;\n"
        );
        assert!(rename_loader_import("imports['./__wasm_split.js'] = x;", "./y.js").is_err());
    }

    #[test]
    fn trunk_names_with_a_short_hash_are_found() {
        let dir = tempfile_dir();
        for name in [
            "scrm-panel-1efc814e107fac9.js",
            "scrm-panel-1efc814e107fac9_bg.wasm",
            "scrm-panel-worker.js",
            "xlsx-reader_bg.wasm",
        ] {
            std::fs::write(dir.join(name), b"").unwrap();
        }
        let staged = staged_panel(&dir, "scrm-panel").unwrap();
        assert_eq!(staged.js, "scrm-panel-1efc814e107fac9.js");
        assert_eq!(staged.wasm, "scrm-panel-1efc814e107fac9_bg.wasm");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A fresh folder under the system's temporary one.
    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-names-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn hashes_are_16_hex_digits() {
        let h = content_hash(b"panel");
        assert_eq!(h.len(), 16);
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(h, content_hash(b"panel2"));
    }
}
