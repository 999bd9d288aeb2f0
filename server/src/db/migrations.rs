//! Schema versions tracked with `PRAGMA user_version`: script N (1-based)
//! brings the database from version N-1 to N. Scripts are only ever
//! appended, never edited, so an old database file upgrades in place.

use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_chat_media.sql"),
    include_str!("../../migrations/0003_session_idle.sql"),
    include_str!("../../migrations/0004_phone_digits.sql"),
];

/// The schema version this build expects.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Applies the missing scripts, each in its own transaction together with
/// its version bump, and returns the version the file had before.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    let before: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if before > LATEST {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "database schema version {before} is newer than this server ({LATEST})"
        )));
    }
    for (i, script) in MIGRATIONS.iter().enumerate().skip(before as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(script)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(before)
}
