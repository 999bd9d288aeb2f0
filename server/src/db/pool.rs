//! A tiny connection pool. SQLite in WAL mode lets readers run beside the
//! one writer, so a handful of connections is all a 2-core box can use;
//! connections are opened lazily and kept for reuse.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

/// How many idle connections are kept; more may be open for a moment under load.
const MAX_IDLE: usize = 8;

#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

/// A connection borrowed from the pool, given back on drop.
pub struct Pooled {
    conn: Option<Connection>,
    pool: Arc<Inner>,
}

impl Pool {
    pub fn new(path: &Path) -> Self {
        Pool {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                idle: Mutex::new(Vec::new()),
            }),
        }
    }

    pub fn get(&self) -> rusqlite::Result<Pooled> {
        let reused = match self.inner.idle.lock() {
            Ok(mut idle) => idle.pop(),
            Err(poisoned) => poisoned.into_inner().pop(),
        };
        let conn = match reused {
            Some(c) => c,
            None => open(&self.inner.path)?,
        };
        Ok(Pooled {
            conn: Some(conn),
            pool: self.inner.clone(),
        })
    }
}

/// Opens a connection with the settings every connection needs: foreign
/// keys are per connection in SQLite, and the busy timeout makes concurrent
/// writers wait instead of failing with SQLITE_BUSY.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(conn)
}

impl std::ops::Deref for Pooled {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // `conn` is only taken in `drop`.
        #[allow(clippy::unwrap_used)]
        self.conn.as_ref().unwrap()
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Connection {
        #[allow(clippy::unwrap_used)]
        self.conn.as_mut().unwrap()
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        // A connection left inside a transaction (a panic mid-way) is not reused.
        if !conn.is_autocommit() {
            return;
        }
        let mut idle = match self.pool.idle.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
    }
}
