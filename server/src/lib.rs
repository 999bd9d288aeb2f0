//! Reference REST server for scrm-panel: the vendor's customer module
//! (`/wechat_api/...`) and the clinic SDK (`/clinic_api/...`) over a real
//! SQLite file, with logins, sessions and tenants.
//!
//! Used both as the `scrm-server` binary and in-process by end-to-end tests
//! through [`start`].

pub mod auth;
pub mod client_addr;
pub mod csp;
pub mod csrf;
pub mod db;
pub mod demo;
pub mod demo_media;
pub mod error;
pub mod extract;
pub mod options;
pub mod password;
pub mod phone;
pub mod routes;
pub mod serve;
pub mod state;
pub mod static_files;
pub mod throttle;
pub mod time;

use std::fmt;
use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeFile;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

pub use options::Options;

use crate::db::Db;
use crate::state::AppState;

/// Why a server could not start.
#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Db(rusqlite::Error),
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "I/O error: {e}"),
            Error::Db(e) => write!(f, "database error: {e}"),
            Error::Config(e) => write!(f, "configuration error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(e)
    }
}

/// How long [`Running::shutdown`] waits for open requests.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// A server running on the current tokio runtime. Dropping it stops the
/// server too, without waiting; [`Running::shutdown`] waits for open
/// requests to finish.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Running {
    /// `http://127.0.0.1:PORT` (the loopback address when bound to any address).
    pub fn url(&self) -> String {
        let ip = if self.addr.ip().is_unspecified() {
            std::net::IpAddr::from([127, 0, 0, 1])
        } else {
            self.addr.ip()
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// Stops accepting connections and waits for open requests to finish,
    /// at most [`SHUTDOWN_GRACE`]; a client that keeps a request hanging
    /// (a browser under test) cannot hold the caller up longer.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
            {
                task.abort();
                let _ = task.await;
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Opens and migrates the database, seeds demo data when asked and the
/// database is new, binds the listener and spawns the server.
pub async fn start(opts: Options) -> Result<Running, Error> {
    let db_path = opts.db.clone();
    let demo = opts.demo;
    let db = tokio::task::spawn_blocking(move || -> Result<Db, Error> {
        let (db, _new) = Db::open(&db_path)?;
        if let Some(n) = demo {
            let mut conn = db.blocking()?;
            if demo::is_empty(&conn)? {
                demo::seed(&mut conn, n)
                    .map_err(|e| Error::Config(format!("demo data: {}", e.msg)))?;
            }
        }
        Ok(db)
    })
    .await
    .map_err(|e| Error::Config(format!("start-up task failed: {e}")))??;

    let app = router(&opts, db)?;
    let listener = tokio::net::TcpListener::bind(opts.listen).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let limits = serve::Limits {
        header_read: opts.header_timeout,
        max_connections: opts.max_connections,
    };
    let task = tokio::spawn(serve::serve(listener, app, limits, async move {
        let _ = stopped.await;
    }));
    Ok(Running {
        addr,
        stop: Some(stop),
        task: Some(task),
    })
}

/// The whole HTTP surface: API routes, the JSON 404s of the API prefixes,
/// `<base path>config.json`, then static files under the base path.
pub fn router(opts: &Options, db: Db) -> Result<Router, Error> {
    let client_ip_header = match &opts.client_ip_header {
        Some(name) => Some(
            header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| Error::Config(format!("--client-ip-header {name}: {e}")))?,
        ),
        None => None,
    };
    let state = AppState {
        db,
        session_ttl: opts.session_ttl,
        session_idle: opts.session_idle,
        secure_cookies: opts.secure_cookies,
        hasher: password::Hasher::for_this_machine(),
        throttle: Default::default(),
        client_ip_header,
    };
    // API replies are per user and often personal: never cached anywhere.
    let mut app: Router<AppState> = routes::api()
        .merge(demo_media::routes())
        .merge(routes::api_fallbacks())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    // The panel and its config.json live under the base path; the API does not.
    let base = options::normalize_base_path(&opts.base_path).map_err(Error::Config)?;
    let config_path = format!("{base}config.json");
    if let (None, Some(dist)) = (&opts.config_json, &opts.dist) {
        // A missing config.json is a 404, not index.html parsed as JSON.
        app = app.route_service(
            &config_path,
            SetResponseHeader::overriding(
                ServeFile::new(dist.join("config.json")),
                header::CACHE_CONTROL,
                HeaderValue::from_static(static_files::NO_CACHE),
            ),
        );
    }
    if let Some(config) = opts.config_json.clone() {
        app = app.route(
            &config_path,
            get(move || {
                let config = config.clone();
                async move {
                    (
                        [
                            (header::CONTENT_TYPE, "application/json"),
                            (header::CACHE_CONTROL, static_files::NO_CACHE),
                        ],
                        config,
                    )
                        .into_response()
                }
            }),
        );
    }
    let mut app = app
        .fallback_service(static_files::router_at(opts.dist.as_deref(), &base).layer(
            middleware::from_fn_with_state(panel_policy(opts)?, csp::add_to_html),
        ))
        .with_state(state)
        .layer(middleware::from_fn_with_state(
            csrf::Trusted::new(&opts.cors_origins),
            csrf::guard,
        ))
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            serve::Deadline(opts.request_timeout),
            serve::deadline,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static(csp::REFERRER_POLICY),
        ))
        .layer(CompressionLayer::new().br(true).gzip(true));
    if !opts.cors_origins.is_empty() {
        let origins = opts
            .cors_origins
            .iter()
            .map(|o| HeaderValue::from_str(o.trim_end_matches('/')))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Config(format!("--cors-origin: {e}")))?;
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_credentials(true)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
                .max_age(std::time::Duration::from_secs(600)),
        );
    }
    Ok(app)
}

/// The panel's CSP: framing by `--frame-ancestors`, or else by the
/// `embedOrigins` of the config.json being served.
fn panel_policy(opts: &Options) -> Result<csp::PanelPolicy, Error> {
    let ancestors = if opts.frame_ancestors.is_empty() {
        let served = match (&opts.config_json, &opts.dist) {
            (Some(config), _) => Some(config.clone()),
            (None, Some(dist)) => std::fs::read_to_string(dist.join("config.json")).ok(),
            (None, None) => None,
        };
        served
            .as_deref()
            .map(csp::embed_origins)
            .unwrap_or_default()
    } else {
        opts.frame_ancestors.clone()
    };
    csp::PanelPolicy::new(opts.dist.as_deref(), &ancestors).map_err(Error::Config)
}
