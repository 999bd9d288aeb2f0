//! `cargo xtask demo | test | dist | bench`: the commands README shows first.
//! Each one bootstraps the toolchain it needs from package registries only,
//! skipping every step that is already satisfied.

mod bench;
mod bootstrap;
mod login_flood;
mod sizes;
mod split;
mod util;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use util::{run, Cmd};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  demo    build the panel (release) and serve it with the reference server on
          http://127.0.0.1:8080, with a demo database in data/demo.db
  test    everything CI runs: fmt, clippy (host + wasm32), native tests,
          browser end-to-end tests in headless Chromium
  dist    release build into dist/ and its size tables (raw, gzip, brotli):
          the first screen's critical path, each lazy page, every file
  sizes [DIR]  the size tables of an already built dist (default dist/)
  bench   benchmarks, rows for docs/performance.md
          (`bench login-flood`: only the login flood, no panel build)
  screenshots  the README pictures into docs/screenshots (demo data,
          1280 and 360 px wide, CJK fonts installed)
  bootstrap  install the toolchain only
  split   trunk's post_build hook (Trunk.toml): splits the staged panel
          wasm per route; not for use by hand";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&root, &args[1..]),
        Some("test") => test(&root),
        Some("dist") => dist(&root).map(|_| ()),
        Some("sizes") => sizes::print_table(&args.get(1).map_or(root.join("dist"), PathBuf::from)),
        Some("bench") => match args.get(1).map(String::as_str) {
            Some("login-flood") => server_binary(&root).and_then(|s| login_flood::run(&root, &s)),
            _ => bench(&root),
        },
        Some("screenshots") => screenshots(&root),
        Some("bootstrap") => bootstrap::ensure(&root, bootstrap::Needs::all()),
        Some("split") => split::run_hook(&root),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Builds dist/ in release and prints its size table.
fn dist(root: &Path) -> Result<PathBuf, String> {
    bootstrap::ensure(root, bootstrap::Needs::build())?;
    let dist = root.join("dist");
    run(Cmd::new("trunk", root)
        .args(["build", "--release", "--offline", "--dist"])
        .arg(dist.as_os_str())
        .path_prepend(&bootstrap::tools_bin(root)))?;
    sizes::write_precompressed(&dist)?;
    sizes::print_table(&dist)?;
    Ok(dist)
}

fn server_binary(root: &Path) -> Result<PathBuf, String> {
    run(Cmd::new("cargo", root).args(["build", "--profile", "server", "-p", "scrm-server"]))?;
    Ok(util::target_dir(root).join("server").join("scrm-server"))
}

fn demo(root: &Path, extra: &[String]) -> Result<(), String> {
    let dist = dist(root)?;
    let server = server_binary(root)?;
    let data = root.join("data");
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    let db = data.join("demo.db");
    println!();
    println!(
        "Starting the reference server; Ctrl-C stops it. The database {} is kept between runs.",
        db.display()
    );
    run(Cmd::new(server.as_os_str(), root)
        .args(["--listen", "127.0.0.1:8080", "--db"])
        .arg(db.as_os_str())
        .arg("--dist")
        .arg(dist.as_os_str())
        .args(["--demo", "2000"])
        .args(extra.iter().map(String::as_str)))
}

fn test(root: &Path) -> Result<(), String> {
    bootstrap::ensure(root, bootstrap::Needs::all())?;
    run(Cmd::new("cargo", root).args(["fmt", "--all", "--check"]))?;
    run(Cmd::new("cargo", root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(Cmd::new("cargo", root).args([
        "clippy",
        "-p",
        "scrm-panel",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    let dist = dist(root)?;
    run(Cmd::new("cargo", root)
        .args([
            "test",
            "--workspace",
            "--no-fail-fast",
            "--",
            "--test-threads=2",
        ])
        .env("SCRM_DIST", dist.as_os_str())
        .env("SCRM_CHROMIUM", "/usr/bin/chromium")
        .env("SCRM_CHROMEDRIVER", "/usr/bin/chromedriver"))
}

fn bench(root: &Path) -> Result<(), String> {
    let dist = dist(root)?;
    let server = server_binary(root)?;
    bench::customer_page(root, &server)?;
    login_flood::run(root, &server)?;
    // Call screen-pop: trigger to pop-up filled (tests/call_pop_bench.rs).
    browser_bench(root, &dist, "call_pop_bench", &[], false)?;
    // Quick find: keystroke to options drawn without a request, and the
    // customers' answer to options drawn (tests/quick_find_bench.rs).
    browser_bench(root, &dist, "quick_find_bench", &[], false)?;
    // Manual-entry import of 5,000 rows through the real page, a 20,000-row
    // CSV and XLSX chosen until its preview shows, an import of 20,000 rows
    // the rules refuse, and the tab's memory while XLSX bombs are refused.
    browser_bench(
        root,
        &dist,
        "manual_tasks",
        &[
            "--exact",
            "bench_import_5000_rows",
            "bench_import_preview_20000_rows",
            "bench_import_bomb_memory",
            "bench_import_20000_refused_rows",
            "--test-threads=1",
        ],
        true,
    )?;
    // Customer list with 100,000 customers: filter change to table updated
    // (100 rows, minus server time) and CSV/XLSX export rows per second with
    // the longest main-thread task (tests/customers_bench.rs).
    browser_bench(root, &dist, "customers_bench", &["--test-threads=1"], true)?;
    // Chat viewer: first screen of the 10,000-message conversation and an
    // older page (tests/chat_bench.rs).
    browser_bench(root, &dist, "chat_bench", &[], true)?;
    // Cold start with the CPU slowed 4x on two slow links: first customer
    // rows, and route changes before and after the idle prefetch
    // (tests/cold_load_bench.rs).
    browser_bench(root, &dist, "cold_load_bench", &[], true)
}

/// The largest a README picture may be, so the README stays quick to open.
const SCREENSHOT_MAX_BYTES: u64 = 150 * 1024;

/// Writes docs/screenshots/*.png from the demo data (tests/screenshots.rs)
/// and refuses any picture over [`SCREENSHOT_MAX_BYTES`].
fn screenshots(root: &Path) -> Result<(), String> {
    bootstrap::ensure(root, bootstrap::Needs::all())?;
    bootstrap::fonts(root)?;
    let dist = dist(root)?;
    let out = root.join("docs").join("screenshots");
    browser_bench(root, &dist, "screenshots", &[], false)?;
    let mut too_big = Vec::new();
    for entry in std::fs::read_dir(&out).map_err(|e| format!("{}: {e}", out.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > SCREENSHOT_MAX_BYTES {
            too_big.push(format!("{} ({} KB)", path.display(), size / 1024));
        }
    }
    if too_big.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "screenshots over {} KB: {}",
            SCREENSHOT_MAX_BYTES / 1024,
            too_big.join(", ")
        ))
    }
}

/// Runs the ignored benchmark tests of one browser test file in headless
/// Chromium against `dist`; each prints its docs/performance.md rows. `optimised` builds
/// the test binary, and so its in-process server, with the server's
/// optimised profile, so the numbers are not a debug build's.
fn browser_bench(
    root: &Path,
    dist: &Path,
    test: &str,
    extra: &[&str],
    optimised: bool,
) -> Result<(), String> {
    let mut args: Vec<&str> = vec!["test"];
    if optimised {
        args.extend(["--profile", "server"]);
    }
    args.extend([
        "-p",
        "scrm-panel",
        "--test",
        test,
        "--",
        "--ignored",
        "--nocapture",
    ]);
    args.extend(extra);
    run(Cmd::new("cargo", root)
        .args(args)
        .env("SCRM_DIST", dist.as_os_str())
        .env("SCRM_CHROMIUM", "/usr/bin/chromium")
        .env("SCRM_CHROMEDRIVER", "/usr/bin/chromedriver"))
}
