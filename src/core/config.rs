//! Runtime configuration read from `config.json` next to index.html before
//! the app mounts, so one build serves any host.

use serde::{Deserialize, Serialize};

/// How the panel proves who it is to the API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    /// The browser sends the API's session cookie (same site, or CORS with credentials).
    #[default]
    Cookie,
    /// The panel sends `Authorization: Bearer <token>` from its session storage.
    Bearer,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClinicConfig {
    pub enabled: bool,
    /// Base URL of the clinic SDK functions (`{apiBase}/{functionName}`).
    pub api_base: String,
}

impl Default for ClinicConfig {
    fn default() -> Self {
        ClinicConfig {
            enabled: false,
            api_base: "/clinic_api".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Config {
    /// Base URL of the vendor API; `""` means the panel's own origin.
    pub api_base: String,
    pub auth: AuthMode,
    /// Where a 401 sends the user: an in-app path such as `/login`, or an
    /// absolute http(s) URL of an external login page.
    pub login_url: String,
    /// Locale used until the user picks one: `zh-CN`, `zh-TW` or `en`.
    pub locale: String,
    /// Origins whose window messages the panel accepts when embedded.
    pub embed_origins: Vec<String>,
    pub clinic: ClinicConfig,
    /// How long a request may go unanswered before the panel gives up and
    /// says "the server did not answer" (with a retry), in milliseconds.
    pub request_timeout_ms: u32,
}

/// A request gives up after 20 s by default: longer than any answer of a
/// healthy server, short enough that nobody waits on a dead connection.
pub const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 20_000;
/// Below a second, ordinary answers on a slow mobile network would fail;
/// such a value is most likely seconds written where milliseconds belong.
pub const MIN_REQUEST_TIMEOUT_MS: u32 = 1_000;
/// Ten minutes; also keeps the value within what a browser timer takes.
pub const MAX_REQUEST_TIMEOUT_MS: u32 = 600_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: String::new(),
            auth: AuthMode::Cookie,
            login_url: "/login".into(),
            locale: "zh-CN".into(),
            embed_origins: Vec::new(),
            clinic: ClinicConfig::default(),
            request_timeout_ms: DEFAULT_REQUEST_TIMEOUT_MS,
        }
    }
}

/// Why config.json could not be used; shown on the start-up error page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The file could not be fetched (network, 404, ...).
    Unavailable(String),
    /// The file is not valid JSON of the expected shape.
    Invalid(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Unavailable(e) => write!(f, "config.json unavailable: {e}"),
            ConfigError::Invalid(e) => write!(f, "config.json invalid: {e}"),
        }
    }
}

impl Config {
    /// Parses and checks config.json. Unknown keys are ignored so a newer
    /// config still boots an older build.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let mut cfg: Config =
            serde_json::from_str(text).map_err(|e| ConfigError::Invalid(e.to_string()))?;
        cfg.api_base = cfg.api_base.trim().trim_end_matches('/').to_owned();
        cfg.clinic.api_base = cfg.clinic.api_base.trim().trim_end_matches('/').to_owned();
        if cfg.login_url.trim().is_empty() {
            cfg.login_url = "/login".into();
        }
        if !is_http_base(&cfg.api_base) {
            return Err(ConfigError::Invalid(format!(
                "apiBase must be empty, a path or an http(s) URL, not {:?}",
                cfg.api_base
            )));
        }
        if !is_http_base(&cfg.clinic.api_base) {
            return Err(ConfigError::Invalid(format!(
                "clinic.apiBase must be a path or an http(s) URL, not {:?}",
                cfg.clinic.api_base
            )));
        }
        if !(cfg.login_url.starts_with('/') || is_http_url(&cfg.login_url)) {
            return Err(ConfigError::Invalid(format!(
                "loginUrl must be a path or an http(s) URL, not {:?}",
                cfg.login_url
            )));
        }
        if !(MIN_REQUEST_TIMEOUT_MS..=MAX_REQUEST_TIMEOUT_MS).contains(&cfg.request_timeout_ms) {
            return Err(ConfigError::Invalid(format!(
                "requestTimeoutMs must be between {MIN_REQUEST_TIMEOUT_MS} and \
                 {MAX_REQUEST_TIMEOUT_MS} (milliseconds), not {}",
                cfg.request_timeout_ms
            )));
        }
        Ok(cfg)
    }

    /// Whether `loginUrl` is a page of this app (handled by the router).
    pub fn login_is_internal(&self) -> bool {
        self.login_url.starts_with('/') && !self.login_url.starts_with("//")
    }
}

fn is_http_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

fn is_http_base(s: &str) -> bool {
    s.is_empty() || (s.starts_with('/') && !s.starts_with("//")) || is_http_url(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_config_parses() {
        let cfg = Config::parse(
            r#"{"apiBase":"https://api.example.com/","auth":"bearer","loginUrl":"/login",
                "locale":"en","embedOrigins":["https://crm.example.com"],
                "clinic":{"enabled":true,"apiBase":"/clinic_api/"},"requestTimeoutMs":5000,
                "future":1}"#,
        );
        let cfg = cfg.unwrap_or_default();
        assert_eq!(cfg.api_base, "https://api.example.com");
        assert_eq!(cfg.auth, AuthMode::Bearer);
        assert_eq!(cfg.locale, "en");
        assert!(cfg.clinic.enabled);
        assert_eq!(cfg.clinic.api_base, "/clinic_api");
        assert_eq!(cfg.embed_origins, ["https://crm.example.com"]);
        assert_eq!(cfg.request_timeout_ms, 5000);
    }

    #[test]
    fn empty_object_gives_defaults() {
        assert_eq!(Config::parse("{}"), Ok(Config::default()));
    }

    #[test]
    fn broken_json_is_an_invalid_error() {
        assert!(matches!(
            Config::parse("{\"apiBase\": "),
            Err(ConfigError::Invalid(_))
        ));
        assert!(matches!(
            Config::parse("[1,2]"),
            Err(ConfigError::Invalid(_))
        ));
    }

    #[test]
    fn scripted_urls_are_refused() {
        assert!(Config::parse(r#"{"loginUrl":"javascript:alert(1)"}"#).is_err());
        assert!(Config::parse(r#"{"apiBase":"//evil.example.com"}"#).is_err());
    }

    #[test]
    fn request_timeout_defaults_to_twenty_seconds_and_must_be_sane() {
        assert_eq!(
            Config::parse("{}").map(|c| c.request_timeout_ms),
            Ok(20_000)
        );
        assert_eq!(
            Config::parse(r#"{"requestTimeoutMs":1000}"#).map(|c| c.request_timeout_ms),
            Ok(1000)
        );
        // Seconds written as milliseconds, zero, too long, negative, a float.
        for bad in ["20", "0", "600001", "-1", "2.5", "\"20000\""] {
            assert!(
                matches!(
                    Config::parse(&format!(r#"{{"requestTimeoutMs":{bad}}}"#)),
                    Err(ConfigError::Invalid(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn external_login_is_not_internal() {
        let cfg =
            Config::parse(r#"{"loginUrl":"https://sso.example.com/login"}"#).unwrap_or_default();
        assert!(!cfg.login_is_internal());
        assert!(Config::default().login_is_internal());
    }
}
