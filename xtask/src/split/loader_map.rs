//! Which wasm files each lazy page needs, read back from the split loader
//! wasm-split writes: one statement per shared chunk,
//! `const __chunk_N = makeLoad(<fetcher of "./chunk_N…">, [])`, and one per
//! page, `export const __wasm_split_load_<page> = wrapAsyncCb(makeLoad(<fetcher
//! of "./split_<page>…", or none when empty>, [__chunk_N, …]))`, each
//! fetcher a few lines of JS naming its file as `new URL("./…")`.

use std::collections::HashMap;

const CHUNK: &str = "const __chunk_";
const PAGE: &str = "export const __wasm_split_load_";

/// A page (split point) and the files fetched when it is first opened.
pub struct Page {
    pub name: String,
    pub files: Vec<String>,
}

fn file_of(statement: &str) -> Option<String> {
    let start = statement.find("new URL(\"./")? + "new URL(\"./".len();
    let len = statement[start..].find('"')?;
    Some(statement[start..start + len].to_owned())
}

/// The loader cut into statements, each starting at a chunk's or a page's
/// declaration and running to the next one.
fn statements(loader: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = loader
        .match_indices(CHUNK)
        .chain(loader.match_indices(PAGE))
        .map(|(at, _)| at)
        // `export const __wasm_split_load_` does not contain `const __chunk_`,
        // but a chunk's `const` inside an `export const` would: keep line starts.
        .filter(|&at| at == 0 || loader[..at].ends_with('\n'))
        .collect();
    starts.sort_unstable();
    starts
        .iter()
        .enumerate()
        .map(|(i, &at)| &loader[at..starts.get(i + 1).copied().unwrap_or(loader.len())])
        .collect()
}

pub fn pages(loader: &str) -> Vec<Page> {
    let mut chunks: HashMap<String, String> = HashMap::new();
    let mut pages = Vec::new();
    for statement in statements(loader) {
        let name_end = |rest: &str| rest.find([' ', '=']).unwrap_or(rest.len());
        if let Some(rest) = statement.strip_prefix(CHUNK) {
            if let Some(file) = file_of(statement) {
                chunks.insert(format!("__chunk_{}", &rest[..name_end(rest)]), file);
            }
        } else if let Some(rest) = statement.strip_prefix(PAGE) {
            let name = rest[..name_end(rest)].to_owned();
            let mut files: Vec<String> = file_of(statement).into_iter().collect();
            if let (Some(open), Some(close)) = (statement.rfind('['), statement.rfind(']')) {
                if open < close {
                    files.extend(
                        statement[open + 1..close]
                            .split(',')
                            .filter_map(|dep| chunks.get(dep.trim()).cloned()),
                    );
                }
            }
            pages.push(Page { name, files });
        }
    }
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_needs_its_module_and_its_shared_chunks() {
        let loader = r#"import { initSync } from "./scrm-panel-0.js";
/* a, b */
const __chunk_1 = makeLoad(() => {
    const src = fetch(new URL("./chunk_1-0000000000000001.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_b = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_b-0000000000000002.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_1]));
export const __wasm_split_load_a = wrapAsyncCb(makeLoad(() => async (_imp) => ({}), [__chunk_1]));
"#;
        let pages = pages(loader);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].name, "a");
        assert_eq!(pages[0].files, ["chunk_1-0000000000000001.wasm"]);
        assert_eq!(pages[1].name, "b");
        assert_eq!(
            pages[1].files,
            [
                "split_b-0000000000000002.wasm",
                "chunk_1-0000000000000001.wasm"
            ]
        );
    }
}
