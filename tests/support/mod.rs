//! Browser test harness: each test gets its own reference server (in-process,
//! ephemeral port, fresh temporary database, the built dist/) and its own
//! headless Chromium through Debian's chromedriver.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod memory;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use scrm_server::{Options, Running};
use serde_json::{json, Value};

pub const WAIT: Duration = Duration::from_secs(15);

/// The customer list's rows.
pub const ROWS: &str = "#customer-table tbody tr";

/// Waits until the table is idle and its rows satisfy `ok`.
pub async fn wait_rows(env: &Env, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let started = Instant::now();
    loop {
        // An answer with no rows shows the empty state instead of the table.
        let idle = env.exists("#customer-table[aria-busy='false']").await
            || (env.exists("#customer-empty").await && env.texts(ROWS).await.is_empty());
        let now = env.texts(ROWS).await;
        if idle && ok(&now) {
            return now;
        }
        assert!(started.elapsed() < WAIT, "rows never {what}: {now:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Records in a CSV text, counting line ends outside quotes only.
pub fn csv_records(text: &str) -> usize {
    let mut quoted = false;
    let mut records = 0;
    let mut prev = '\0';
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\n' if !quoted && prev == '\r' => records += 1,
            _ => {}
        }
        prev = ch;
    }
    records
}

/// Every route of the shell with the marker its page renders.
pub const ROUTES: &[(&str, &str)] = &[
    ("/customers", "section[data-route='/customers']"),
    (
        "/customers/3063060?phone=11111122222",
        "section[data-route='/customers/:id']",
    ),
    (
        "/chat?wechatUserIds=1&wechatContactIds=2",
        "section[data-route='/chat']",
    ),
    ("/tags", "section[data-route='/tags']"),
    ("/call?phone=13800138000", "section[data-route='/call']"),
    ("/manual-tasks", "section[data-route='/manual-tasks']"),
    (
        "/manual-tasks/new",
        "section[data-route='/manual-tasks/new']",
    ),
    (
        "/manual-tasks/11855",
        "section[data-route='/manual-tasks/:adminUserId']",
    ),
    ("/clinic", "section[data-route='/clinic']"),
    (
        "/clinic/appointments",
        "section[data-route='/clinic/appointments']",
    ),
    ("/settings", "section[data-route='/settings']"),
    ("/no/such/page", "#not-found"),
];

pub struct Env {
    pub server: Running,
    pub browser: Client,
    pub engine: Engine,
    driver: Child,
    /// The X display WebKit draws on (its number), removed with the driver.
    display: Option<u16>,
    _dir: tempfile::TempDir,
}

/// The browser engines the panel's users have: Chromium (desktop browsers
/// and WeCom's Android web view), WebKit (every browser on iPhones, WeCom
/// included, and Safari) and Gecko (Firefox at the desk).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    WebKit,
    Gecko,
}

impl Drop for Env {
    /// The driver runs in its own process group (with, for WebKit, the X
    /// server it draws on); killing the group also ends the browser it
    /// started, even when a test panicked midway.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(n) = self.display {
            // A killed X server leaves its lock and socket behind.
            let _ = std::fs::remove_file(format!("/tmp/.X{n}-lock"));
            let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{n}"));
        }
    }
}

/// The built panel the tests serve: `SCRM_DIST`, else ./dist.
pub fn dist() -> PathBuf {
    let dist = std::env::var_os("SCRM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dist.join("index.html").exists(),
        "no built panel at {}: run `cargo xtask test` (it builds dist/ first)",
        dist.display()
    );
    dist
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port")
}

/// Options for a test server; tests may change them before [`Env::start`].
pub fn options(dir: &tempfile::TempDir) -> Options {
    Options {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        db: dir.path().join("test.db"),
        dist: Some(dist()),
        demo: Some(60),
        ..Default::default()
    }
}

/// The `p` quantile (0.5 for the median) of a benchmark's timings, sorting
/// them in place.
pub fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or(0.0)
}

/// A program the tests run, from `var` or its Debian path.
fn program(var: &str, default: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| default.to_owned())
}

/// Kills a driver's process group and reaps it.
fn kill_group(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// Starts `engine`'s WebDriver server on `port`, in a process group of its
/// own. WebKit has no headless mode: its MiniBrowser draws on an Xvfb
/// display numbered after the (free) port, in the same group.
fn start_driver(engine: Engine, port: u16) -> Result<(Child, Option<u16>), String> {
    let spawn = |cmd: &mut Command, what: &str| {
        cmd.stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {what}: {e} (cargo xtask test installs it)"))
    };
    match engine {
        Engine::Chromium => {
            let driver = program("SCRM_CHROMEDRIVER", "/usr/bin/chromedriver");
            let child = spawn(
                Command::new(&driver)
                    .arg(format!("--port={port}"))
                    .process_group(0),
                &driver,
            )?;
            Ok((child, None))
        }
        Engine::Gecko => {
            let driver = program("SCRM_GECKODRIVER", "geckodriver");
            // Port 0 for BiDi's socket: two drivers at once must not share 9222.
            let child = spawn(
                Command::new(&driver)
                    .args(["--port", &port.to_string(), "--websocket-port", "0"])
                    .process_group(0),
                &driver,
            )?;
            Ok((child, None))
        }
        Engine::WebKit => {
            let xvfb = program("SCRM_XVFB", "/usr/bin/Xvfb");
            let mut x = spawn(
                Command::new(&xvfb)
                    .args([
                        &format!(":{port}"),
                        "-screen",
                        "0",
                        "1280x900x24",
                        "-nolisten",
                        "tcp",
                    ])
                    .process_group(0),
                &xvfb,
            )?;
            let socket = format!("/tmp/.X11-unix/X{port}");
            let started = Instant::now();
            while std::os::unix::net::UnixStream::connect(&socket).is_err() {
                if started.elapsed() > WAIT || matches!(x.try_wait(), Ok(Some(_))) {
                    kill_group(x);
                    return Err(format!("Xvfb did not start on :{port}"));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let driver = program("SCRM_WEBKITDRIVER", "/usr/bin/WebKitWebDriver");
            let group = i32::try_from(x.id()).unwrap_or_default();
            if let Err(e) = spawn(
                Command::new(&driver)
                    .arg(format!("--port={port}"))
                    .env("DISPLAY", format!(":{port}"))
                    .process_group(group),
                &driver,
            ) {
                kill_group(x);
                return Err(e);
            }
            Ok((x, Some(port)))
        }
    }
}

impl Env {
    pub async fn new() -> Env {
        Env::with(|_| {}).await
    }

    /// A fresh environment with the demo salesperson signed in.
    pub async fn demo() -> Env {
        let env = Env::new().await;
        env.login("demo", "demo123").await;
        env
    }

    /// Headless Chromium, the engine of the full suite.
    pub async fn with(tweak: impl FnOnce(&mut Options)) -> Env {
        Env::launch(Engine::Chromium, tweak).await
    }

    /// A fresh server and a browser of `engine` (not yet signed in).
    pub async fn launch(engine: Engine, tweak: impl FnOnce(&mut Options)) -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut opts = options(&dir);
        tweak(&mut opts);
        let server = scrm_server::start(opts).await.expect("server starts");

        // Two tests may be handed the same free port before either driver
        // binds it; a driver that lost the race exits, and its session then
        // fails. Try again with a fresh port instead of failing the test.
        let mut attempt = 0;
        let (driver, display, browser) = loop {
            attempt += 1;
            let port = free_port();
            let (mut driver, display) = match start_driver(engine, port) {
                Ok(started) => started,
                Err(e) => {
                    assert!(attempt < 5, "no webdriver after {attempt} tries: {e}");
                    continue;
                }
            };
            let started = Instant::now();
            let mut up = false;
            while started.elapsed() < WAIT {
                if matches!(driver.try_wait(), Ok(Some(_))) {
                    break;
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    up = true;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let session = if up {
                session(engine, &dir.path().join(format!("profile-{attempt}")), port).await
            } else {
                Err(format!("the {engine:?} driver did not start"))
            };
            match session {
                Ok(browser) => break (driver, display, browser),
                Err(e) => {
                    kill_group(driver);
                    assert!(
                        attempt < 5,
                        "no webdriver session after {attempt} tries: {e}"
                    );
                }
            }
        };
        if engine != Engine::Chromium {
            // Chromium's size is an argument; the others take it now.
            browser
                .set_window_size(1280, 900)
                .await
                .expect("window size");
        }
        Env {
            server,
            browser,
            engine,
            driver,
            display,
            _dir: dir,
        }
    }

    /// Ends the browser session cleanly.
    pub async fn close(self) {
        let _ = self.browser.clone().close().await;
    }

    /// The chromedriver's process id: the browser's processes descend from
    /// it ([`memory::PeakWatch`]).
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.server.url(), path)
    }

    pub async fn goto(&self, path: &str) {
        self.browser.goto(&self.url(path)).await.expect("goto");
        self.watch_errors().await;
    }

    /// WebKit's and Gecko's drivers hand out no browser log: the page itself
    /// keeps what the log would show (uncaught errors, failed resource loads,
    /// rejected promises, console.error) from here on, for
    /// [`Env::console_errors`]. Chromium's log needs nothing.
    pub async fn watch_errors(&self) {
        if self.engine == Engine::Chromium {
            return;
        }
        self.browser
            .execute(
                "if (!window.__errors) {
                   const errors = window.__errors = [];
                   addEventListener('error', e => errors.push(e.message
                     || 'failed to load ' + ((e.target && (e.target.src || e.target.href)) || '?')), true);
                   addEventListener('unhandledrejection', e => errors.push('unhandled: ' + e.reason));
                   const log = console.error.bind(console);
                   console.error = (...a) => { errors.push(a.map(String).join(' ')); log(...a); };
                 }",
                vec![],
            )
            .await
            .expect("error watch installed");
    }

    /// Waits until an element matching `css` exists; `what` names it in the
    /// failure message.
    pub async fn wait_for(&self, css: &str, what: &str) -> Element {
        self.browser
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {what} at {css}: {e}"))
    }

    /// Waits until an element matching `css` exists and returns its text.
    pub async fn text(&self, css: &str) -> String {
        let el = self.wait_for(css, "element").await;
        el.text().await.unwrap_or_default()
    }

    /// The text of every element matching `css`, in page order (none yet: empty).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let found = self.browser.find_all(Locator::Css(css)).await;
        let mut texts = Vec::new();
        for el in found.unwrap_or_default() {
            texts.push(el.text().await.unwrap_or_default());
        }
        texts
    }

    /// Waits until an input (or select) matching `css` exists and returns its
    /// current value.
    pub async fn value(&self, css: &str) -> String {
        let el = self.wait_for(css, "input").await;
        el.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// Waits until a select matching `css` exists and chooses `value` in it.
    pub async fn select(&self, css: &str, value: &str) {
        let el = self.wait_for(css, "select").await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value:?} in {css}: {e}"));
    }

    /// Waits until the text of `css` contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) {
        let started = Instant::now();
        loop {
            if let Ok(el) = self.browser.find(Locator::Css(css)).await {
                if el.text().await.unwrap_or_default().contains(needle) {
                    return;
                }
            }
            if started.elapsed() > WAIT {
                let body = self.body_text().await;
                panic!("{css} never contained {needle:?}; page text: {body}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.browser.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn wait_gone(&self, css: &str) {
        let started = Instant::now();
        while self.exists(css).await {
            assert!(started.elapsed() < WAIT, "{css} is still present");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn body_text(&self) -> String {
        match self.browser.find(Locator::Css("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Path and query of the current page.
    pub async fn path(&self) -> String {
        let url = self.browser.current_url().await.expect("url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub async fn wait_path(&self, want: &str) {
        let started = Instant::now();
        loop {
            let p = self.path().await;
            if p == want {
                return;
            }
            assert!(
                started.elapsed() < WAIT,
                "path stayed {p:?}, wanted {want:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.wait_for(css, "input").await;
        el.clear().await.expect("clear");
        el.send_keys(value).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        let el = self.wait_for(css, "element to click").await;
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Runs `script` (a function body that may `await`) in the page and
    /// returns what it returns; a thrown error comes back as "error: ...".
    pub async fn js(&self, script: &str) -> Value {
        let wrapped = format!(
            "const done = arguments[arguments.length - 1];
             (async () => {{ {script} }})().then(done, e => done('error: ' + e));"
        );
        self.browser
            .execute_async(&wrapped, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Polls `script` (as for [`Env::js`]) until it returns true.
    pub async fn wait_js(&self, script: &str, what: &str) {
        let started = Instant::now();
        while self.js(script).await != Value::Bool(true) {
            assert!(started.elapsed() < WAIT, "never true: {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends `keys` (WebDriver key codes allowed) to the focused element.
    pub async fn press(&self, keys: &str) {
        let active = self
            .browser
            .active_element()
            .await
            .expect("a focused element");
        active
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("keys not sent: {e}"));
    }

    /// Replaces the page's `fetch` to fake a server's behaviour. `setup` runs
    /// first (flags the handler reads); `handler` is the body of
    /// `(input, init) => ...` with `url` (the request's URL) and `real` (the
    /// page's own fetch, also kept as `window.__realFetch`) in scope. The
    /// input may be a string, a `Request` or a `URL` (the split loader
    /// fetches page chunks with one).
    pub async fn wrap_fetch(&self, setup: &str, handler: &str) {
        let script = format!(
            "{setup}
             const real = window.__realFetch = window.fetch.bind(window);
             window.fetch = (input, init) => {{
               const url = typeof input === 'string' ? input : (input.url || String(input));
               {handler}
             }};"
        );
        self.browser
            .execute(&script, vec![])
            .await
            .unwrap_or_else(|e| panic!("fetch not replaced: {e}"));
    }

    /// Not a check: saves the page as target/screenshots/`name`.png for a
    /// person to look at.
    pub async fn screenshot(&self, name: &str) {
        let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&out).expect("screenshot folder");
        let png = self.browser.screenshot().await.expect("screenshot");
        std::fs::write(out.join(format!("{name}.png")), png).expect("screenshot saved");
    }

    /// Keeps every file the page hands to the browser (each `Blob` given to
    /// `URL.createObjectURL`) in `window.__files`, and the name it is saved
    /// under in `window.__names`, to read back downloads.
    pub async fn keep_downloads(&self) {
        self.browser
            .execute(
                "window.__files = []; const make = URL.createObjectURL;
                 URL.createObjectURL = b => { window.__files.push(b); return make(b); };
                 window.__names = []; const click = HTMLAnchorElement.prototype.click;
                 HTMLAnchorElement.prototype.click = function () {
                   if (this.download) window.__names.push(this.download);
                   return click.call(this);
                 };",
                vec![],
            )
            .await
            .expect("downloads kept");
    }

    /// The bytes of the `index`th file kept by [`Env::keep_downloads`],
    /// waiting until the page has handed it over.
    pub async fn download(&self, index: usize) -> Vec<u8> {
        let started = Instant::now();
        loop {
            let got = self
                .browser
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     const file = (window.__files || [])[arguments[0]];
                     if (!file) { done(null); return; }
                     file.arrayBuffer().then(buf => done(Array.from(new Uint8Array(buf))));",
                    vec![json!(index)],
                )
                .await
                .expect("download read");
            if let Some(bytes) = got.as_array() {
                return bytes
                    .iter()
                    .map(|b| b.as_u64().unwrap_or(0) as u8)
                    .collect();
            }
            assert!(started.elapsed() < WAIT * 4, "no download #{index}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves `fields` (updateCustomer's JSON names) on the customer of a
    /// customer-list row, as a colleague would meanwhile.
    pub async fn update_customer(&self, row: &Element, mut fields: Value) {
        let id: i64 = row
            .attr("id")
            .await
            .expect("row id")
            .and_then(|id| id.trim_start_matches("customer-").parse().ok())
            .expect("a customer row");
        fields["customerId"] = json!(id);
        let status = self
            .post_json("/wechat_api/customer/updateCustomer", fields)
            .await;
        assert_eq!(status, json!(200), "customer {id} not saved");
    }

    /// POSTs `body` as JSON to `path` from the page with its session, as a
    /// colleague's request would arrive meanwhile; answers the HTTP status.
    pub async fn post_json(&self, path: &str, body: Value) -> Value {
        self.browser
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(arguments[0], { method: 'POST', credentials: 'include',
                   headers: { 'Content-Type': 'application/json' },
                   body: JSON.stringify(arguments[1]) })
                 .then(r => done(r.status), e => done(String(e)));",
                vec![json!(path), body],
            )
            .await
            .expect("post runs")
    }

    /// Signs in through the login page and waits until the shell shows the user.
    pub async fn login(&self, username: &str, password: &str) {
        self.goto("/login").await;
        self.fill("#login-username", username).await;
        self.fill("#login-password", password).await;
        self.click("#login-submit").await;
        self.text("#current-user").await;
    }

    /// Severe browser log entries (console.error, uncaught exceptions, panics,
    /// failed resource loads) since the last call.
    pub async fn console_errors(&self) -> Vec<String> {
        if self.engine != Engine::Chromium {
            let kept = self
                .browser
                .execute(
                    "const kept = (window.__errors || []).slice();
                     if (window.__errors) window.__errors.length = 0;
                     return kept;",
                    vec![],
                )
                .await
                .expect("errors read");
            return serde_json::from_value(kept).unwrap_or_default();
        }
        self.console_entries()
            .await
            .into_iter()
            .filter(|(level, _)| level == "SEVERE")
            .map(|(_, message)| message)
            .collect()
    }
}

impl Env {
    /// Fails the test if the browser logged errors since the last read.
    pub async fn assert_no_console_errors(&self) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:?}");
    }

    /// Every browser log entry since the last read, as (level, message);
    /// reading empties the log, as for [`Env::console_errors`].
    pub async fn console_entries(&self) -> Vec<(String, String)> {
        let logs = self
            .browser
            .issue_cmd(BrowserLog)
            .await
            .expect("browser log");
        logs.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        (
                            e["level"].as_str().unwrap_or_default().to_owned(),
                            e["message"].as_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Env {
    /// Runs a Chrome DevTools Protocol command in the page's tab (through
    /// chromedriver), e.g. `Network.setBlockedURLs`.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.browser
            .issue_cmd(Cdp(json!({ "cmd": cmd, "params": params })))
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
    }

    /// Records, instead of following, every click on a `tel:` link in the
    /// current document (how the panel dials outside embed mode); headless
    /// Chromium would otherwise raise the OS's "open with" prompt. Read them
    /// with [`Env::tel_launched`].
    pub async fn capture_tel(&self) {
        self.browser
            .execute(
                "window.telLaunched = [];
                 document.addEventListener('click', e => {
                   const a = e.target.closest && e.target.closest('a');
                   if (a && (a.getAttribute('href') || '').startsWith('tel:')) {
                     telLaunched.push(a.getAttribute('href'));
                     e.preventDefault();
                   }
                 }, true);",
                vec![],
            )
            .await
            .expect("tel: links captured");
    }

    /// The `tel:` links clicked since [`Env::capture_tel`].
    pub async fn tel_launched(&self) -> Value {
        self.browser
            .execute("return window.telLaunched;", vec![])
            .await
            .expect("tel: launches read")
    }

    /// Makes every request whose URL matches one of `patterns` (`*`
    /// wildcards) fail as a network error; an empty list lifts the block.
    pub async fn block_urls(&self, patterns: &[&str]) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp("Network.setBlockedURLs", json!({ "urls": patterns }))
            .await;
    }
}

/// chromedriver's CDP endpoint (a Chromium extension to WebDriver).
#[derive(Debug)]
struct Cdp(Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// chromedriver's log endpoint (not in W3C WebDriver, so not in fantoccini).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// A session of `engine` through the driver on `port`, in a fresh profile.
async fn session(engine: Engine, profile: &std::path::Path, port: u16) -> Result<Client, String> {
    let caps = match engine {
        Engine::Chromium => json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": program("SCRM_CHROMIUM", "/usr/bin/chromium"),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }),
        Engine::WebKit => json!({
            "browserName": "MiniBrowser",
            "webkitgtk:browserOptions": {
                "binary": program(
                    "SCRM_MINIBROWSER",
                    "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                ),
                "args": ["--automation"]
            }
        }),
        Engine::Gecko => {
            std::fs::create_dir_all(profile).map_err(|e| e.to_string())?;
            json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": program("SCRM_FIREFOX", "/usr/bin/firefox-esr"),
                    "args": ["-headless", "-profile", profile.display().to_string()],
                    // The machines reach no update, telemetry or portal host.
                    "prefs": {
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "browser.safebrowsing.malware.enabled": false,
                        "browser.safebrowsing.phishing.enabled": false,
                        "extensions.update.enabled": false,
                        "app.update.auto": false
                    }
                }
            })
        }
    };
    let Value::Object(caps) = caps else {
        return Err("capabilities are not an object".into());
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| e.to_string())
}
