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
             INSERT INTO customer (tenant_id, customer_phone, create_time, last_update_time) VALUES
               (1, '021-6234 5678', 0, 0), (1, '+86 135-2724-4977', 0, 0),
               (1, '138****1786', 0, 0), (1, '13800000001', 0, 0);
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
    // Phones saved with separators are kept as digits, so lookups find them;
    // a masked number stays as it was.
    let phones: Vec<String> = conn
        .prepare("SELECT customer_phone FROM customer ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        phones,
        ["02162345678", "13527244977", "138****1786", "13800000001"]
    );
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
