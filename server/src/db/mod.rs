//! Database access: every query runs on the blocking thread pool so a slow
//! statement never stalls the async workers.

pub mod clinic;
pub mod migrations;
pub mod pool;
pub mod query;

use std::path::Path;

use rusqlite::Connection;

use crate::error::ApiError;
pub use pool::Pool;

#[derive(Clone)]
pub struct Db {
    pool: Pool,
}

impl Db {
    /// Opens (creating if needed) and migrates the database file. Returns the
    /// handle and whether the file had no schema before (a new database).
    pub fn open(path: &Path) -> rusqlite::Result<(Db, bool)> {
        let mut conn = pool::open(path)?;
        let before = migrations::migrate(&mut conn)?;
        drop(conn);
        Ok((
            Db {
                pool: Pool::new(path),
            },
            before == 0,
        ))
    }

    /// Runs `f` with a pooled connection on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await
        .map_err(|e| ApiError::internal(format!("database task failed: {e}")))?
    }

    /// A connection for synchronous start-up work (demo seeding).
    pub fn blocking(&self) -> rusqlite::Result<pool::Pooled> {
        self.pool.get()
    }
}
