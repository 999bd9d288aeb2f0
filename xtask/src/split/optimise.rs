//! wasm-opt on every piece of the split build, several at once. trunk's own
//! wasm-opt is off for the panel (index.html): it would optimise the unsplit
//! wasm, which is thrown away.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Size first, as the release profile (Cargo.toml).
const LEVEL: &str = "-Oz";

/// The `data-wasm-opt-params` of the panel's `<link data-bin=…>` in the
/// source index.html: the wasm features current rustc output uses, named
/// there once for every wasm of the build.
pub fn flags_from_index(index: &Path, bin: &str) -> Result<Vec<String>, String> {
    let html = std::fs::read_to_string(index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let at = html
        .find(&format!("data-bin=\"{bin}\""))
        .ok_or_else(|| format!("{} has no link with data-bin=\"{bin}\"", index.display()))?;
    let start = html[..at].rfind("<link").unwrap_or(at);
    let end = html[at..].find('>').map_or(html.len(), |e| at + e);
    let tag = &html[start..end];
    let key = "data-wasm-opt-params=\"";
    let params = tag
        .find(key)
        .map(|p| &tag[p + key.len()..])
        .and_then(|rest| rest.find('"').map(|e| &rest[..e]))
        .ok_or_else(|| format!("the {bin} link in index.html has no data-wasm-opt-params"))?;
    Ok(params.split_whitespace().map(str::to_owned).collect())
}

/// Optimises each file in place, as many at once as there are cores. One
/// line for all of them: their output is shown only for a piece that fails.
pub fn all(root: &Path, files: &[PathBuf], flags: &[String]) -> Result<(), String> {
    let wasm_opt = super::wasm_opt(root);
    println!(
        "$ {} {LEVEL} {} <piece> -o <piece>, for {} pieces",
        wasm_opt.display(),
        flags.join(" "),
        files.len()
    );
    let queue = Mutex::new(files.to_vec());
    let errors = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let next = queue.lock().ok().and_then(|mut q| q.pop());
                let Some(file) = next else { break };
                if let Err(e) = optimise(&wasm_opt, &file, flags) {
                    if let Ok(mut errs) = errors.lock() {
                        errs.push(e);
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_default();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

fn optimise(wasm_opt: &Path, file: &Path, flags: &[String]) -> Result<(), String> {
    let out = Command::new(wasm_opt)
        .arg(LEVEL)
        .args(flags)
        .arg(file)
        .arg("-o")
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", wasm_opt.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "wasm-opt failed on {} ({}):\n{}",
            file.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}
