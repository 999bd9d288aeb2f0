//! Schema upgrades in place, and refusal of a database from a newer server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scrm_server::{start, Options};

#[tokio::test]
async fn a_version_one_database_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_init.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO tenant (id, name) VALUES (1, 't');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let running = start(Options {
        db: db.clone(),
        ..Default::default()
    })
    .await
    .unwrap();
    running.shutdown().await;
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, scrm_server::db::migrations::LATEST);
    // The new column exists and the old data is still there.
    let cols: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('chat_message')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(cols.iter().any(|c| c == "media_url"), "{cols:?}");
    let tenants: i64 = conn
        .query_row("SELECT count(*) FROM tenant", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tenants, 1);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn a_database_from_a_newer_server_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA user_version = 999;").unwrap();
    }
    let err = start(Options {
        db,
        ..Default::default()
    })
    .await
    .err()
    .expect("must refuse");
    assert!(err.to_string().contains("newer"), "{err}");
}
