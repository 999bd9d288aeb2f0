//! Server options and the command line that fills them.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// How to run a server. `Options::default()` listens on an ephemeral
/// loopback port, which is what in-process tests want.
#[derive(Clone, Debug)]
pub struct Options {
    pub listen: SocketAddr,
    pub db: PathBuf,
    /// The built panel; `None` serves the API only.
    pub dist: Option<PathBuf>,
    /// Where the panel (dist and its config.json) is served: `/` or a
    /// sub-path like `/panel/` (always with both slashes; see
    /// [`normalize_base_path`]). The API stays where it is (`/wechat_api`,
    /// `/clinic_api`): config.json's `apiBase` says where that is.
    pub base_path: String,
    /// Seed this many demo customers (tenant one) when the database is new.
    pub demo: Option<u32>,
    /// Origins allowed to call the API with credentials (CORS); empty = same origin only.
    pub cors_origins: Vec<String>,
    /// Absolute session lifetime.
    pub session_ttl: Duration,
    /// A session unused for this long ends.
    pub session_idle: Duration,
    /// Session cookie always `Secure` and named `__Host-scrm_session`.
    pub secure_cookies: bool,
    /// When `Some`, served at `/config.json` instead of dist's file.
    pub config_json: Option<String>,
    /// A header a trusted reverse proxy sets to the client's address
    /// (`X-Forwarded-For`, `X-Real-IP`); per-address login limits use it.
    pub client_ip_header: Option<String>,
    /// Pages allowed to frame the panel (CSP `frame-ancestors`, besides the
    /// panel itself); empty = config.json's `embedOrigins`.
    pub frame_ancestors: Vec<String>,
    /// A client must send a request's whole header within this.
    pub header_timeout: Duration,
    /// A request, body upload included, must be answered within this.
    pub request_timeout: Duration,
    /// Open connections at most; further clients wait to be accepted.
    pub max_connections: usize,
}

pub const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
pub const DEFAULT_SESSION_IDLE: Duration = Duration::from_secs(30 * 60);
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: PathBuf::from("scrm.db"),
            dist: None,
            base_path: "/".into(),
            demo: None,
            cors_origins: Vec::new(),
            session_ttl: DEFAULT_SESSION_TTL,
            session_idle: DEFAULT_SESSION_IDLE,
            secure_cookies: false,
            config_json: None,
            client_ip_header: None,
            frame_ancestors: Vec::new(),
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

pub const USAGE: &str = "\
usage: scrm-server [--listen ADDR] [--db FILE] [--dist DIR] [--base-path PATH]
                   [--demo N] [--cors-origin ORIGIN]... [--session-ttl SECS]
                   [--client-ip-header NAME] [--frame-ancestors ORIGIN]...
                   [--session-idle SECS] [--secure-cookies]
                   [--header-timeout SECS] [--request-timeout SECS] [--max-connections N]

  --listen ADDR         address to listen on (default 127.0.0.1:8080; port 0 = any free port)
  --db FILE             SQLite database file, created and migrated if needed (default scrm.db)
  --dist DIR            built panel to serve (trunk's dist/); API only when absent
  --base-path PATH      serve the panel under PATH, e.g. /panel/ for a dist built with
                        `trunk build --public-url /panel/` (default /); the API stays at /
  --demo N              seed N demo customers when the database is new
  --cors-origin ORIGIN  allow this origin to call the API with credentials (repeatable)
  --session-ttl SECS    session lifetime in seconds (default 43200 = 12 h)
  --session-idle SECS   a session unused this long ends (default 1800 = 30 min)
  --secure-cookies      the session cookie is always Secure and named __Host-scrm_session
                        (serve over HTTPS: browsers then never send it over plain HTTP)
  --client-ip-header NAME  behind a reverse proxy: the header it sets to the client's
                        address (X-Forwarded-For, X-Real-IP); login limits per address use
                        its last address. Never set it without such a proxy: clients could
                        then pick their own address
  --frame-ancestors ORIGIN  a page allowed to frame the panel (repeatable; default: the
                        embedOrigins of the config.json served)
  --header-timeout SECS   a client's request header must arrive within this (default 10)
  --request-timeout SECS  a request must be answered within this, upload included (default 60)
  --max-connections N     open connections at most; more wait to be accepted (default 1024)
  -h, --help            print this help
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Run(Box<Options>),
    Help,
}

/// Parses the arguments after the program name.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut opts = Options {
        listen: DEFAULT_LISTEN
            .parse()
            .map_err(|e| format!("default listen address: {e}"))?,
        ..Options::default()
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--listen" => {
                let v = value("--listen")?;
                opts.listen = v.parse().map_err(|e| format!("--listen {v}: {e}"))?;
            }
            "--db" => opts.db = PathBuf::from(value("--db")?),
            "--dist" => opts.dist = Some(PathBuf::from(value("--dist")?)),
            "--base-path" => opts.base_path = normalize_base_path(&value("--base-path")?)?,
            "--demo" => {
                let v = value("--demo")?;
                opts.demo = Some(v.parse().map_err(|e| format!("--demo {v}: {e}"))?);
            }
            "--cors-origin" => opts.cors_origins.push(value("--cors-origin")?),
            "--session-idle" => opts.session_idle = secs(&value("--session-idle")?)?,
            "--secure-cookies" => opts.secure_cookies = true,
            "--header-timeout" => opts.header_timeout = secs(&value("--header-timeout")?)?,
            "--request-timeout" => opts.request_timeout = secs(&value("--request-timeout")?)?,
            "--max-connections" => {
                let v = value("--max-connections")?;
                opts.max_connections = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(format!("--max-connections {v}: not a positive number"))?;
            }
            "--frame-ancestors" => opts.frame_ancestors.push(value("--frame-ancestors")?),
            "--client-ip-header" => opts.client_ip_header = Some(value("--client-ip-header")?),
            "--session-ttl" => {
                let v = value("--session-ttl")?;
                let secs: u64 = v.parse().map_err(|e| format!("--session-ttl {v}: {e}"))?;
                if secs == 0 {
                    return Err("--session-ttl must be at least 1 second".into());
                }
                opts.session_ttl = Duration::from_secs(secs);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Command::Run(Box::new(opts)))
}

/// A whole number of seconds, at least one.
fn secs(v: &str) -> Result<Duration, String> {
    v.parse::<u64>()
        .ok()
        .filter(|s| *s > 0)
        .map(Duration::from_secs)
        .ok_or(format!("{v}: not a positive number of seconds"))
}

/// `panel`, `/panel`, `/panel/` -> `/panel/`; `/` and `` -> `/`. Refuses
/// what cannot be one URL path prefix (`//x`, `..`, `?`, `#`, spaces, and
/// the API prefixes, which would shadow the panel).
pub fn normalize_base_path(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    let bad_char = |c: char| !(c.is_ascii_alphanumeric() || "-._~/".contains(c));
    let segments_ok = trimmed
        .split('/')
        .all(|s| !s.is_empty() && s != "." && s != "..");
    let first = trimmed.split('/').next().unwrap_or("");
    if trimmed.contains(bad_char) || !segments_ok {
        return Err(format!(
            "--base-path {raw:?}: not a plain URL path like /panel/"
        ));
    }
    if matches!(first, "wechat_api" | "clinic_api") {
        return Err(format!("--base-path {raw:?}: the API lives there"));
    }
    Ok(format!("/{trimmed}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Options, String> {
        match parse_args(args.iter().map(|s| s.to_string()))? {
            Command::Run(o) => Ok(*o),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn flags() {
        let o = run(&[
            "--listen",
            "0.0.0.0:9000",
            "--db=x.db",
            "--demo",
            "50",
            "--cors-origin",
            "http://a",
            "--cors-origin",
            "http://b",
            "--session-ttl",
            "60",
        ])
        .unwrap_or_default();
        assert_eq!(o.listen.port(), 9000);
        assert_eq!(o.db, PathBuf::from("x.db"));
        assert_eq!(o.demo, Some(50));
        assert_eq!(o.cors_origins, vec!["http://a", "http://b"]);
        assert_eq!(o.session_ttl, Duration::from_secs(60));
        assert_eq!(run(&[]).map(|o| o.listen.port()), Ok(8080));
        assert!(run(&["--bogus"]).is_err());
        assert!(run(&["--demo"]).is_err());
        assert!(run(&["--session-ttl", "0"]).is_err());
    }

    #[test]
    fn hardening_flags() {
        let o = run(&[
            "--secure-cookies",
            "--session-idle=600",
            "--client-ip-header",
            "X-Real-IP",
            "--frame-ancestors",
            "https://crm.example",
            "--header-timeout",
            "5",
            "--request-timeout",
            "30",
            "--max-connections",
            "64",
        ])
        .unwrap_or_default();
        assert!(o.secure_cookies);
        assert_eq!(o.session_idle, Duration::from_secs(600));
        assert_eq!(o.client_ip_header.as_deref(), Some("X-Real-IP"));
        assert_eq!(o.frame_ancestors, vec!["https://crm.example"]);
        assert_eq!(o.header_timeout, Duration::from_secs(5));
        assert_eq!(o.request_timeout, Duration::from_secs(30));
        assert_eq!(o.max_connections, 64);
        let d = Options::default();
        assert!(!d.secure_cookies);
        assert_eq!(d.session_idle, DEFAULT_SESSION_IDLE);
        for bad in [
            &["--max-connections", "0"][..],
            &["--header-timeout", "x"],
            &["--session-idle", "0"],
        ] {
            assert!(run(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn base_path() {
        assert_eq!(run(&[]).map(|o| o.base_path), Ok("/".into()));
        for (given, want) in [
            ("/panel/", "/panel/"),
            ("/panel", "/panel/"),
            ("panel", "/panel/"),
            ("/a/b", "/a/b/"),
            ("/", "/"),
        ] {
            assert_eq!(
                run(&["--base-path", given]).map(|o| o.base_path),
                Ok(want.into()),
                "{given}"
            );
        }
        for bad in ["/a//b", "/../x", "/a?b", "/a b", "/wechat_api", "/p#x"] {
            assert!(run(&["--base-path", bad]).is_err(), "{bad}");
        }
    }
}
