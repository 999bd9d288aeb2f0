//! What every handler can reach.

use std::time::Duration;

use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub session_ttl: Duration,
}
