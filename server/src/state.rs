//! What every handler can reach.

use std::time::Duration;

use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub session_ttl: Duration,
    /// Test hook (see `Options::delay_first_customer_page`): taken by the
    /// first customerPage request.
    pub delay_first_customer_page: std::sync::Arc<std::sync::Mutex<Option<Duration>>>,
}
