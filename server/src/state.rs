//! What every handler can reach.

use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderName;

use crate::db::Db;
use crate::password::Hasher;
use crate::throttle::Throttle;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub session_ttl: Duration,
    pub session_idle: Duration,
    /// `--secure-cookies`.
    pub secure_cookies: bool,
    pub hasher: Hasher,
    pub throttle: Arc<Throttle>,
    /// `--client-ip-header`: set by a trusted reverse proxy.
    pub client_ip_header: Option<HeaderName>,
}
