//! Installs what building and testing need, from package registries only
//! (crates.io, npm, Debian), each step skipped when already satisfied so a
//! warm machine starts in seconds. Nothing is ever downloaded from elsewhere:
//! trunk runs with --offline and finds every tool here.

use std::path::{Path, PathBuf};

use crate::util::{output, run, Cmd};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";
/// The accessibility checker the contrast browser test injects into pages.
pub const AXE_VERSION: &str = "4.14.1";
/// Firefox's WebDriver server, for the cross-engine smoke suite.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

#[derive(Clone, Copy)]
pub struct Needs {
    pub browser: bool,
}

impl Needs {
    pub fn build() -> Self {
        Needs { browser: false }
    }
    pub fn all() -> Self {
        Needs { browser: true }
    }
}

pub fn tools_bin(root: &Path) -> PathBuf {
    root.join("tools").join("node_modules").join(".bin")
}

pub fn ensure(root: &Path, needs: Needs) -> Result<(), String> {
    wasm_target()?;
    // The cargo installs dominate a cold machine; their link steps and
    // single-threaded crates overlap well on two cores, and apt's downloads
    // overlap with all of them.
    let (t, w, b) = std::thread::scope(|s| {
        let t = s.spawn(|| trunk(root));
        let w = s.spawn(|| wasm_bindgen(root));
        let b = s.spawn(|| if needs.browser { browser(root) } else { Ok(()) });
        let joined = |h: std::thread::ScopedJoinHandle<'_, Result<(), String>>, what: &str| {
            h.join()
                .unwrap_or_else(|_| Err(format!("{what} install panicked")))
        };
        (
            joined(t, "trunk"),
            joined(w, "wasm-bindgen"),
            joined(b, "browser"),
        )
    });
    t?;
    w?;
    b?;
    wasm_opt(root)
}

fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Cmd::new("rustup", Path::new(".")).args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk(root: &Path) -> Result<(), String> {
    let have = output("trunk", &["--version"]).unwrap_or_default();
    if have.trim() == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    println!(
        "bootstrap: installing trunk {TRUNK_VERSION} (found: {:?})",
        have.trim()
    );
    run(cargo_install(root).args(["trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// `cargo install` with a release profile built for compile time: trunk's
/// own profile (fat LTO, one codegen unit) makes a cold install on two cores
/// take about 14 minutes, most of it spent on that profile, for a tool whose
/// own speed never limits a build. Cargo's configuration, environment
/// variables included, takes precedence over an installed package's manifest
/// profile; opt-level stays at the package's choice.
fn cargo_install(root: &Path) -> Cmd {
    Cmd::new("cargo", root)
        .arg("install")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
}

/// The version of `wasm-bindgen` that Cargo.lock pins; the CLI must equal it.
pub fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn wasm_bindgen(root: &Path) -> Result<(), String> {
    let want = locked_wasm_bindgen(root)?;
    let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml")).unwrap_or_default();
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{want}\"")) {
        return Err(format!(
            "Trunk.toml [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen {want}"
        ));
    }
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.trim() == format!("wasm-bindgen {want}") {
        return Ok(());
    }
    println!(
        "bootstrap: installing wasm-bindgen-cli {want} (found: {:?})",
        have.trim()
    );
    // Without --locked: its lockfile pins a webpki-roots the registry lacks.
    run(cargo_install(root).args(["wasm-bindgen-cli", "--version", &want]))
}

/// The npm tools, in the git-ignored tools/: binaryen's wasm-opt for trunk
/// and axe-core for the contrast test.
fn wasm_opt(root: &Path) -> Result<(), String> {
    let bin = tools_bin(root).join("wasm-opt");
    let have = output(&bin.to_string_lossy(), &["--version"]).unwrap_or_default();
    let axe = axe_package(root).join("package.json");
    let axe_have = std::fs::read_to_string(&axe).unwrap_or_default();
    if have.contains(&format!("version_{BINARYEN_VERSION}"))
        && axe_have.contains(&format!("\"version\": \"{AXE_VERSION}\""))
    {
        return Ok(());
    }
    println!(
        "bootstrap: installing binaryen {BINARYEN_VERSION} and axe-core {AXE_VERSION} from npm into tools/"
    );
    let tools = root.join("tools");
    std::fs::create_dir_all(&tools).map_err(|e| format!("cannot create tools/: {e}"))?;
    run(Cmd::new("npm", &tools).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefix",
        ".",
        &format!("binaryen@{BINARYEN_VERSION}"),
        &format!("axe-core@{AXE_VERSION}"),
    ]))
}

pub fn axe_package(root: &Path) -> PathBuf {
    root.join("tools").join("node_modules").join("axe-core")
}

/// The three engines the browser tests drive: Chromium for the full suite,
/// WebKit (MiniBrowser through WebKitWebDriver, on an Xvfb display) and
/// Firefox ESR for the smoke suite (tests/engines.rs). One apt run for all.
fn browser(root: &Path) -> Result<(), String> {
    debian(
        root,
        &[
            "/usr/bin/chromium",
            "/usr/bin/chromedriver",
            "/usr/bin/WebKitWebDriver",
            "/usr/bin/Xvfb",
            "/usr/bin/firefox-esr",
        ],
        "chromium chromium-driver webkit2gtk-driver xvfb firefox-esr",
        "browser tests need",
    )?;
    geckodriver(root)
}

/// Firefox's WebDriver server is not packaged by Debian; crates.io has it.
fn geckodriver(root: &Path) -> Result<(), String> {
    let have = output("geckodriver", &["--version"]).unwrap_or_default();
    if have.starts_with(&format!("geckodriver {GECKODRIVER_VERSION}")) {
        return Ok(());
    }
    println!("bootstrap: installing geckodriver {GECKODRIVER_VERSION}");
    run(cargo_install(root).args(["geckodriver", "--version", GECKODRIVER_VERSION, "--locked"]))
}

/// CJK fonts, so screenshots show Chinese text rather than boxes.
pub fn fonts(root: &Path) -> Result<(), String> {
    debian(
        root,
        &["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"],
        "fonts-noto-cjk",
        "screenshots need",
    )
}

/// Installs Debian `packages` unless every file in `have` exists: as root or
/// with `CI` set; otherwise says which command to run.
fn debian(root: &Path, have: &[&str], packages: &str, why: &str) -> Result<(), String> {
    if have.iter().all(|p| Path::new(p).exists()) {
        return Ok(());
    }
    let cmd = format!("apt-get update && apt-get install -y {packages}");
    let is_root = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    if is_root || std::env::var_os("CI").is_some() {
        println!("bootstrap: installing Debian {packages}");
        run(Cmd::new("sh", root).args([
            "-c",
            &format!("export DEBIAN_FRONTEND=noninteractive; {cmd}"),
        ]))
    } else {
        Err(format!(
            "{why} Debian's {packages}; run as root:\n    sudo sh -c '{cmd}'"
        ))
    }
}
