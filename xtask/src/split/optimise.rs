//! wasm-opt on every piece of the split build, several at once. trunk's own
//! wasm-opt is off for the panel (index.html): it would optimise the unsplit
//! wasm, which is thrown away.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::util::{run, Cmd};

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

/// Optimises each file in place, as many at once as there are cores.
pub fn all(root: &Path, files: &[PathBuf], flags: &[String]) -> Result<(), String> {
    let wasm_opt = super::wasm_opt(root);
    let queue = Mutex::new(files.to_vec());
    let errors = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let next = queue.lock().ok().and_then(|mut q| q.pop());
                let Some(file) = next else { break };
                let result = run(Cmd::new(&wasm_opt, root)
                    .arg(LEVEL)
                    .args(flags)
                    .arg(&file)
                    .arg("-o")
                    .arg(&file));
                if let Err(e) = result {
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
