//! The clinic SDK over HTTP: customers, appointments and the incremental
//! appointment feeds with groups of equal timestamps.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::*;
use scrm_api::clinic::{AppointmentListReply, CusInfoReply};
use scrm_api::incremental::{AppointmentFeed, IncrementalCursor};
use scrm_api::time::Timestamp;
use scrm_server::demo;
use serde_json::{json, Value};

const B: &str = "/clinic_api";

fn err_num(v: &Value) -> i64 {
    v["errNum"].as_i64().unwrap()
}

#[tokio::test]
async fn clinic_needs_a_session() {
    let s = server().await;
    let mut c = s.client();
    for path in [
        "/getcustomerinfo",
        "/getCusInfoByCusId?cusId=1",
        "/getAppointmentList",
    ] {
        let r = c.get(&format!("{B}{path}")).await;
        assert_eq!(r.status, 401);
        assert_eq!(
            r.json(),
            json!({"errNum": 401, "errMsg": "未登录或登录已过期"})
        );
    }
    for path in [
        "/addCustomer",
        "/addOneAppointment",
        "/changeOneAppointment",
        "/cancelOneAppointment",
    ] {
        let r = c.post(&format!("{B}{path}"), &json!({})).await;
        assert_eq!(r.status, 401, "{path}");
        assert_eq!(err_num(&r.json()), 401);
    }
}

#[tokio::test]
async fn follower_summary_by_open_id() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let q = [("openId", "oDemo0001"), ("wxappId", demo::CLINIC_WXAPP_ID)];
    let v = c.get_q(&format!("{B}/getcustomerinfo"), &q).await.json();
    assert_eq!(err_num(&v), 0, "{v}");
    let info = &v["customerInfo"];
    assert!(info["id"].is_i64());
    assert!(info["status"] == 1 || info["status"] == 2);
    let tel = info["tel"].as_str().unwrap();
    assert!(tel.contains("****") && tel.len() == 11, "{tel}");
    // oDemo0004 has no phone yet: no tel.
    let v = c
        .get_q(
            &format!("{B}/getcustomerinfo"),
            &[("openId", "oDemo0004"), ("wxappId", demo::CLINIC_WXAPP_ID)],
        )
        .await
        .json();
    assert!(v["customerInfo"]["tel"].is_null());
    let r = c
        .get_q(&format!("{B}/getcustomerinfo"), &[("openId", "oDemo0001")])
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(err_num(&r.json()), 400);
    let r = c
        .get_q(
            &format!("{B}/getcustomerinfo"),
            &[("openId", "nobody"), ("wxappId", demo::CLINIC_WXAPP_ID)],
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(err_num(&r.json()), 404);
    // Tenant two cannot read tenant one's followers.
    let mut o = s.login("other").await;
    assert_eq!(
        o.get_q(&format!("{B}/getcustomerinfo"), &q).await.status,
        404
    );
    let v = o
        .get_q(
            &format!("{B}/getcustomerinfo"),
            &[("openId", "oDemo0101"), ("wxappId", demo::CLINIC_WXAPP_ID)],
        )
        .await
        .json();
    assert_eq!(err_num(&v), 0);
}

#[tokio::test]
async fn add_customer_and_read_it_back() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let add = format!("{B}/addCustomer");
    let r = c
        .post(
            &add,
            &json!({"name": "<b>周</b>'\"", "telnum": "+86 139 0000 1234", "erpId": "12345678901", "sex": 2,
                    "birthday": "1990-02-28", "channelName": "新渠道", "channelUserName": "新渠道人员",
                    "preConsultName": "王咨询", "ownerName": "建档人", "description": "网电备注"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(err_num(&v), 0);
    let id = v["cusId"].as_i64().unwrap();

    let v = c
        .get_q(
            &format!("{B}/getCusInfoByCusId"),
            &[("cusId", &id.to_string())],
        )
        .await
        .json();
    assert_eq!(err_num(&v), 0, "{v}");
    let info = &v["customerInfo"];
    assert_eq!(info["name"], "<b>周</b>'\"");
    assert_eq!(info["telnum"], "13900001234");
    assert_eq!(info["birthday"], "1990-02-28");
    assert_eq!(info["sex"], 2);
    assert_eq!(info["channel"]["name"], "新渠道");
    assert_eq!(info["user"]["name"], "新渠道人员");
    assert_eq!(info["preconsult"]["name"], "王咨询");
    assert_eq!(info["erpId"], 12345678901_i64);
    // The panel's type reads the whole record, what addCustomer stored included.
    let typed: CusInfoReply = serde_json::from_value(v.clone()).unwrap();
    let record = typed.customer_info.unwrap();
    assert_eq!(record.id, Some(id));
    assert_eq!(record.erp_id, Some(12_345_678_901));
    assert_eq!(record.owner.unwrap()["name"], "建档人");
    assert_eq!(record.description.as_deref(), Some("网电备注"));
    assert!(record.create_time.is_some());

    let v = c
        .get_q(
            &format!("{B}/getCusInfoByCusTelnum"),
            &[("telnum", "139-0000-1234")],
        )
        .await
        .json();
    assert_eq!(v["customerInfo"]["id"], id);

    // An existing staff name is reused, not duplicated.
    let r = c
        .post(
            &add,
            &json!({"name": "甲", "telnum": "13900001235", "preConsultName": "王咨询"}),
        )
        .await
        .json();
    let other = r["cusId"].as_i64().unwrap();
    let v2 = c
        .get_q(
            &format!("{B}/getCusInfoByCusId"),
            &[("cusId", &other.to_string())],
        )
        .await
        .json();
    assert_eq!(v2["customerInfo"]["preConsultId"], info["preConsultId"]);

    for (body, status) in [
        (json!({"telnum": "13900001236"}), 400),
        (json!({"name": "乙"}), 400),
        (json!({"name": "乙", "telnum": "12345"}), 400),
        (
            json!({"name": "乙", "telnum": "13900001236", "erpId": "123456789012"}),
            400,
        ),
        (
            json!({"name": "乙", "telnum": "13900001236", "erpId": "12a"}),
            400,
        ),
        (
            json!({"name": "乙", "telnum": "13900001236", "erpId": "12345678901"}),
            409,
        ),
        (
            json!({"name": "乙", "telnum": "13900001236", "birthday": "1990-02-30"}),
            400,
        ),
        (
            json!({"name": "乙", "telnum": "13900001236", "birthday": "1990/02/03"}),
            400,
        ),
        (
            json!({"name": "乙", "telnum": "13900001236", "sex": 3}),
            400,
        ),
    ] {
        let r = c.post(&add, &body).await;
        assert_eq!(r.status, status, "{body}: {}", r.text());
        let v = r.json();
        assert_eq!(err_num(&v), i64::from(status), "{body}");
        assert!(!v["errMsg"].as_str().unwrap().is_empty());
    }

    let r = c.get(&format!("{B}/getCusInfoByCusId")).await;
    assert_eq!(r.status, 400);
    // Cross-tenant reads by id or phone find nothing.
    let mut o = s.login("other").await;
    assert_eq!(
        o.get_q(
            &format!("{B}/getCusInfoByCusId"),
            &[("cusId", &id.to_string())]
        )
        .await
        .status,
        404
    );
    assert_eq!(
        o.get_q(
            &format!("{B}/getCusInfoByCusTelnum"),
            &[("telnum", "13900001234")]
        )
        .await
        .status,
        404
    );
    // The same erpId is free in another tenant.
    let r = o
        .post(
            &add,
            &json!({"name": "丙", "telnum": "13900001237", "erpId": "12345678901"}),
        )
        .await;
    assert_eq!(r.status, 200);
    for bad in ["'", "%", "_", "\"", "\\", "' OR '1'='1"] {
        let r = c
            .get_q(&format!("{B}/getCusInfoByCusTelnum"), &[("telnum", bad)])
            .await;
        assert_eq!(r.status, 404, "{bad}");
        let r = c
            .get_q(
                &format!("{B}/getcustomerinfo"),
                &[("openId", bad), ("wxappId", bad)],
            )
            .await;
        assert_eq!(r.status, 404, "{bad}");
    }
}

#[tokio::test]
async fn appointments_add_change_cancel() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let cus = c
        .post(
            &format!("{B}/addCustomer"),
            &json!({"name": "预约客户", "telnum": "13900002222"}),
        )
        .await
        .json()["cusId"]
        .as_i64()
        .unwrap();
    let add = format!("{B}/addOneAppointment");
    let r = c
        .post(
            &add,
            &json!({"telnum": "13900002222", "type": 3, "content": "水光针", "comment": "备注",
                    "appointmentTime": "2030-01-04 14:30:00", "appointmentTime1": "2030-01-04 15:30", "pId": "1,2"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["appointmentId"].as_i64().unwrap();

    for (body, status) in [
        (json!({"appointmentTime": "2030-01-04 14:30:00"}), 400),
        (json!({"cusId": cus}), 400),
        (
            json!({"cusId": 99_999_999, "appointmentTime": "2030-01-04 14:30:00"}),
            404,
        ),
        (
            json!({"telnum": "13900009999", "appointmentTime": "2030-01-04 14:30:00"}),
            404,
        ),
        (
            json!({"cusId": cus, "appointmentTime": "2030-01-04 14:30:00", "doctorId": 1}),
            400,
        ),
        (
            json!({"cusId": cus, "appointmentTime": "2030-01-04 14:30:00", "type": 9}),
            400,
        ),
        (
            json!({"cusId": cus, "appointmentTime": "2030-01-04 14:30:00", "appointmentTime1": "2030-01-04 14:00:00"}),
            400,
        ),
        (json!({"cusId": cus, "appointmentTime": "someday"}), 400),
    ] {
        let r = c.post(&add, &body).await;
        assert_eq!(r.status, status, "{body}: {}", r.text());
        assert_eq!(err_num(&r.json()), i64::from(status));
    }
    let surgery = c
        .post(&add, &json!({"cusId": cus, "type": 1, "doctorId": 7, "appointmentTime": "2030-01-05 09:00:00"}))
        .await;
    assert_eq!(surgery.status, 200);

    let list = |v: &Value, key: &str| v[key].as_array().unwrap().clone();
    let q = format!("{B}/getAppointmentList?lastAppointTime=2030-01-04&cusId={cus}");
    let v = c.get(&q).await.json();
    assert_eq!(err_num(&v), 0);
    let appts = list(&v, "appointmentList");
    assert_eq!(appts.len(), 2);
    assert_eq!(appts[0]["id"], id.to_string());
    assert_eq!(appts[0]["appointmentTime"], "2030-01-04 14:30:00");
    assert_eq!(appts[0]["appointmentTime1"], "2030-01-04 15:30:00");
    assert_eq!(appts[0]["type"], "3");
    assert_eq!(appts[0]["pId"], "1,2");
    assert_eq!(v["appointmentTotal"], "2");
    assert_eq!(v["createTotal"], "0");
    assert!(list(&v, "createList").is_empty());

    let change = format!("{B}/changeOneAppointment");
    let r = c.post(&change, &json!({"id": id, "content": "热玛吉", "appointmentTime": "2030-01-04 16:00:00", "appointmentTime1": "2030-01-04 17:00:00"})).await;
    assert_eq!(r.json(), json!({"errNum": 0}));
    let r = c
        .post(
            &change,
            &json!({"id": id, "appointmentTime1": "2030-01-04 15:00:00"}),
        )
        .await;
    assert_eq!(r.status, 400, "end before the stored start");
    assert_eq!(c.post(&change, &json!({"content": "x"})).await.status, 400);
    assert_eq!(
        c.post(&change, &json!({"id": 99_999_999})).await.status,
        404
    );
    let v = c.get(&q).await.json();
    let a = list(&v, "appointmentList")
        .into_iter()
        .find(|a| a["id"].as_str() == Some(id.to_string().as_str()))
        .unwrap();
    assert_eq!(a["content"], "热玛吉");
    assert_eq!(a["comment"], "备注", "absent fields are kept");
    assert_eq!(a["appointmentTime"], "2030-01-04 16:00:00");

    // Another tenant can neither change nor cancel it.
    let mut o = s.login("other").await;
    assert_eq!(
        o.post(&change, &json!({"id": id, "content": "hack"}))
            .await
            .status,
        404
    );
    assert_eq!(
        o.post(&format!("{B}/cancelOneAppointment"), &json!({"id": id}))
            .await
            .status,
        404
    );
    assert_eq!(
        o.post(
            &add,
            &json!({"cusId": cus, "appointmentTime": "2030-01-04 14:30:00"})
        )
        .await
        .status,
        404
    );
    let ov = o
        .get(&format!(
            "{B}/getAppointmentList?lastAppointTime=2000-01-01&cusId={cus}"
        ))
        .await
        .json();
    assert_eq!(ov["appointmentTotal"], "0");

    let cancel = format!("{B}/cancelOneAppointment");
    let r = c.post(&cancel, &json!({"id": id, "comment": "改期"})).await;
    assert_eq!(r.json(), json!({"errNum": 0}));
    assert_eq!(
        c.post(&cancel, &json!({"id": id})).await.status,
        400,
        "already cancelled"
    );
    assert_eq!(
        c.post(&change, &json!({"id": id, "content": "x"}))
            .await
            .status,
        400,
        "cancelled is final"
    );
    assert_eq!(c.post(&cancel, &json!({})).await.status, 400);
    let today = Timestamp::from_epoch_ms(scrm_server::time::now_ms() - 60_000).unwrap();
    let v = c
        .get_q(
            &format!("{B}/getAppointmentList"),
            &[
                ("lastCancelTime", today.display()),
                ("cusId", &cus.to_string()),
            ],
        )
        .await
        .json();
    let cancelled = list(&v, "cancelList");
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0]["id"], id.to_string());
    assert!(cancelled[0]["cancelTime"].is_string());
}

#[tokio::test]
async fn appointment_list_without_times_is_empty() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let v = c.get(&format!("{B}/getAppointmentList")).await.json();
    assert_eq!(
        v,
        json!({"errNum": 0, "createTotal": "0", "createList": [], "completeTotal": "0", "completeList": [],
               "appointmentTotal": "0", "appointmentList": [], "cancelTotal": "0", "cancelList": []})
    );
    let r = c
        .get(&format!("{B}/getAppointmentList?lastCreateTime=yesterday"))
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(err_num(&r.json()), 400);
}

/// Walks every feed with the panel's cursor; with hundreds of rows sharing
/// timestamps (one group larger than a page) nothing is skipped or repeated.
#[tokio::test]
async fn incremental_feeds_deliver_everything_once() {
    let s = server().await;
    let mut c = s.login("demo").await;
    // Extra rows straight into the database: groups of 7 equal creation
    // times, and one group of 250 (larger than a page of 200).
    {
        let conn = rusqlite::Connection::open(s.db_path()).unwrap();
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .unwrap();
        let cus: i64 = conn
            .query_row(
                "SELECT min(id) FROM clinic_customer WHERE tenant_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        for i in 0..700 {
            let t = if i < 250 {
                "2020-03-01 10:00:00".to_owned()
            } else {
                format!("2020-03-02 10:{:02}:00", (i / 7) % 60)
            };
            let day = 3 + i / 420;
            tx.execute(
                "INSERT INTO clinic_appointment (tenant_id, team_id, cus_id, u_id, type, content, comment, create_time,
                    appointment_time, complete_time)
                 VALUES (1, 'demo', ?1, 1, 2, 'bulk', '', ?2, ?3, ?3)",
                rusqlite::params![cus, t, format!("2020-03-{day:02} 09:00:00")],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let expected = |column: &str| -> BTreeSet<i64> {
        let conn = rusqlite::Connection::open(s.db_path()).unwrap();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT id FROM clinic_appointment WHERE tenant_id = 1 AND {column} IS NOT NULL"
            ))
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for (feed, column) in [
        (AppointmentFeed::Created, "create_time"),
        (AppointmentFeed::Completed, "complete_time"),
        (AppointmentFeed::Appointed, "appointment_time"),
        (AppointmentFeed::Cancelled, "cancel_time"),
    ] {
        let mut cursor = IncrementalCursor::starting_at(&Timestamp::parse("2000-01-01").unwrap());
        let mut got = Vec::new();
        let mut calls = 0;
        loop {
            calls += 1;
            assert!(calls < 100, "{feed:?} does not converge");
            let req = feed.request(&cursor, None);
            let q = scrm_api::query_string(&req).unwrap();
            let r = c.get(&format!("{B}/getAppointmentList?{q}")).await;
            assert_eq!(r.status, 200, "{}", r.text());
            let reply: AppointmentListReply = serde_json::from_slice(&r.body).unwrap();
            let page = feed.take_list(reply);
            // At most the group at the given time plus the first newer
            // group (here 420 + 280 bulk rows), or a page of whole groups.
            assert!(page.len() <= 700, "{}", page.len());
            let fresh = cursor.merge(page, |a| feed.key(a));
            if fresh.is_empty() {
                break;
            }
            got.extend(fresh.into_iter().map(|a| a.id.unwrap()));
        }
        let unique: BTreeSet<i64> = got.iter().copied().collect();
        assert_eq!(unique.len(), got.len(), "{feed:?} repeated records");
        assert_eq!(unique, expected(column), "{feed:?}");
    }
    // The demo's shared creation time comes back as one whole group.
    let v = c
        .get_q(
            &format!("{B}/getAppointmentList"),
            &[("lastCreateTime", "2000-01-01")],
        )
        .await
        .json();
    let created = v["createList"].as_array().unwrap();
    assert!(v["createTotal"].as_str().unwrap().parse::<i64>().unwrap() >= 780);
    let first_time = created[0]["createTime"].clone();
    assert_eq!(
        created
            .iter()
            .filter(|a| a["createTime"] == first_time)
            .count(),
        250
    );
    // cusId narrows every list to one customer.
    let cus = created[0]["cusId"].as_str().unwrap().to_owned();
    let v = c
        .get_q(
            &format!("{B}/getAppointmentList"),
            &[("lastAppointTime", "2000-01-01"), ("cusId", &cus)],
        )
        .await
        .json();
    assert!(v["appointmentList"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["cusId"] == cus.as_str()));
}
