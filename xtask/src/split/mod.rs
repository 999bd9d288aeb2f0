//! `cargo xtask split`: trunk's post-build hook (Trunk.toml) that splits the
//! panel's wasm per route. trunk 0.21 binds and stages the panel as one wasm;
//! this replaces the staged pair with the split build:
//!
//! 1. the linked wasm cargo wrote (with `--emit-relocs`, see build.rs) is
//!    split by `wasm_split_cli_support` into the main module, one module per
//!    lazy page (src/routes/lazy.rs) and the chunks several pages share;
//! 2. wasm-bindgen (`--target web --keep-lld-exports`) binds the main module;
//! 3. in release, wasm-opt optimises every piece, in parallel, with the flags
//!    index.html gives the panel (trunk's own wasm-opt is off for it);
//! 4. every file gets a content-hashed name, so the server's immutable cache
//!    rule covers it, and index.html is rewritten: new names, their
//!    `integrity`, and a `modulepreload` for the split loader.
//!
//! Once the panel has a split point its unsplit wasm cannot start (it imports
//! a placeholder module), so every build runs this, debug and `trunk serve`
//! included, and any failure fails the build.

mod index_html;
pub mod loader_map;
pub mod names;
mod optimise;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::bootstrap;
use crate::util::{run, target_dir, Cmd};

/// The panel's binary and the stem of trunk's staged files.
const BIN: &str = "scrm-panel";
/// The module the main wasm imports the split loaders from, as wasm-split
/// writes it; only the JS `import` lines are renamed to the hashed file.
const LINK: &str = "./__wasm_split.js";
/// Placeholder for the main JS module in the split loader until its hashed
/// name is known.
const MAIN_JS: &str = "./scrm-panel.js";

/// What trunk tells its hooks (`TRUNK_*`).
struct Trunk {
    release: bool,
    staging: PathBuf,
    html_source: PathBuf,
    public_url: String,
}

impl Trunk {
    fn from_env() -> Result<Trunk, String> {
        let var = |k: &str| {
            std::env::var(k)
                .map_err(|_| format!("{k} is not set: `cargo xtask split` is trunk's post_build hook (Trunk.toml), run by `trunk build`"))
        };
        let release = match var("TRUNK_PROFILE")?.as_str() {
            "release" => true,
            "debug" => false,
            other => return Err(format!("unknown TRUNK_PROFILE {other:?}")),
        };
        Ok(Trunk {
            release,
            staging: var("TRUNK_STAGING_DIR")?.into(),
            html_source: var("TRUNK_HTML_FILE")?.into(),
            public_url: var("TRUNK_PUBLIC_URL")?,
        })
    }
}

pub fn run_hook(root: &Path) -> Result<(), String> {
    let trunk = Trunk::from_env()?;
    let profile = if trunk.release { "release" } else { "debug" };
    let target = target_dir(root);
    let linked = target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{BIN}.wasm"));
    let work = target.join("wasm-split").join(profile);
    fresh_dir(&work)?;

    let staged = names::staged_panel(&trunk.staging, BIN)?;
    let started = Instant::now();
    let pieces = split(&linked, &work)?;
    let bound = bindgen(root, &work)?;
    let split_and_bound = started.elapsed();
    if trunk.release {
        let flags = optimise::flags_from_index(&trunk.html_source, BIN)?;
        let mut all = pieces.clone();
        all.push(bound.wasm.clone());
        optimise::all(root, &all, &flags)?;
    }
    let out = names::hash_and_stage(&trunk.staging, &bound, &pieces, &staged)?;
    index_html::rewrite(&trunk.staging, &trunk.public_url, &staged, &out)?;
    println!(
        "split: main wasm and {} pieces (pages and shared chunks) staged; split and bound in {:.1} s, done in {:.1} s",
        pieces.len(),
        split_and_bound.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn fresh_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

/// Splits the linked wasm into `work/main.wasm` and `work/pieces/`;
/// answers the pieces (one per page, and the shared chunks).
fn split(linked: &Path, work: &Path) -> Result<Vec<PathBuf>, String> {
    let input = std::fs::read(linked).map_err(|e| {
        format!(
            "cannot read the linked panel wasm {}: {e}",
            linked.display()
        )
    })?;
    let pieces_dir = work.join("pieces");
    let main = work.join("main.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = pieces_dir.as_path();
    opts.main_out_path = main.as_path();
    opts.link_name = LINK;
    opts.main_module = MAIN_JS;
    let split = wasm_split_cli_support::transform(opts)
        .map_err(|e| format!("splitting {} failed: {e:?}", linked.display()))?;
    if split.split_modules.is_empty() {
        return Err(format!(
            "{} has no split points: was it linked with --emit-relocs (build.rs)?",
            linked.display()
        ));
    }
    Ok(split.split_modules)
}

/// wasm-bindgen's output for the main module.
pub struct Bound {
    pub js: PathBuf,
    pub wasm: PathBuf,
    pub loader: PathBuf,
    pub snippets: PathBuf,
}

fn bindgen(root: &Path, work: &Path) -> Result<Bound, String> {
    let want = bootstrap::locked_wasm_bindgen(root)?;
    let have = crate::util::output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.trim() != format!("wasm-bindgen {want}") {
        return Err(format!(
            "wasm-bindgen {want} (Cargo.lock) is needed, found {:?}: run `cargo xtask bootstrap`",
            have.trim()
        ));
    }
    let out = work.join("bindgen");
    run(Cmd::new("wasm-bindgen", root)
        .args(["--target", "web", "--keep-lld-exports", "--no-typescript"])
        .arg("--out-dir")
        .arg(&out)
        .args(["--out-name", BIN])
        .arg(work.join("main.wasm")))?;
    Ok(Bound {
        js: out.join(format!("{BIN}.js")),
        wasm: out.join(format!("{BIN}_bg.wasm")),
        loader: work.join("pieces").join(LINK.trim_start_matches("./")),
        snippets: out.join("snippets"),
    })
}

/// The wasm-opt trunk would use: tools/ (the bootstrap's binaryen) first.
fn wasm_opt(root: &Path) -> PathBuf {
    let local = bootstrap::tools_bin(root).join("wasm-opt");
    if local.exists() {
        local
    } else {
        PathBuf::from("wasm-opt")
    }
}
