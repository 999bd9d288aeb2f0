//! Manual entry (手動錄入) endpoints over HTTP, with the document's own 400s.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use scrm_api::manual_task::{ManualEntry, ManualTaskOwner};
use scrm_api::page::NestedPageReply;
use serde_json::{json, Value};

const LIST: &str = "/wechat_api/customer/getManualTaskList";
const DETAIL: &str = "/wechat_api/customer/getManualTaskDetail";

async fn user_id(c: &mut Client) -> i64 {
    c.get("/wechat_api/me").await.json()["data"]["adminUserId"]
        .as_i64()
        .unwrap()
}

fn bad(msg: &str) -> Value {
    json!({"code": 400, "msg": msg, "data": null})
}

#[tokio::test]
async fn task_list_envelope_and_filters() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let r = c.get(LIST).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["code"], 200);
    assert_eq!(v["msg"], "操作成功!");
    assert_eq!(v["data"]["count"], 3);
    assert_eq!(v["data"]["pageNo"], 1);
    assert_eq!(v["data"]["limit"], 20);
    let typed: NestedPageReply<ManualTaskOwner> = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(typed.page.items.len(), 3);
    assert!(typed.page.items.iter().all(|o| o.real_name.is_some()));

    let v = c.get_q(LIST, &[("pepartId", "2")]).await.json();
    assert_eq!(
        v["data"]["count"], 2,
        "sales1 and sales2 are in department 2"
    );
    let me = user_id(&mut c).await;
    let v = c
        .get_q(LIST, &[("adminUserId", &me.to_string())])
        .await
        .json();
    assert_eq!(
        v["data"]["data"],
        json!([{"adminUserId": me, "realName": "张经理"}])
    );
    let v = c
        .get_q(LIST, &[("limit", "1"), ("pageNo", "3")])
        .await
        .json();
    assert_eq!(v["data"]["data"].as_array().unwrap().len(), 1);
    assert_eq!(v["data"]["pageNo"], 3);

    // The other tenant has its own single owner.
    let mut o = s.login("other").await;
    let v = o.get(LIST).await.json();
    assert_eq!(v["data"]["count"], 1);
    let v = o
        .get_q(LIST, &[("adminUserId", &me.to_string())])
        .await
        .json();
    assert_eq!(v["data"]["count"], 0);
}

#[tokio::test]
async fn task_detail_filters_and_errors() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let r = c.get(DETAIL).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), bad("指定查詢的任務詳情不能為空"));
    let me = user_id(&mut c).await.to_string();
    let v = c.get_q(DETAIL, &[("adminUserId", &me)]).await.json();
    assert_eq!(v["data"]["count"], 25);
    assert_eq!(v["data"]["data"].as_array().unwrap().len(), 20);
    let typed: NestedPageReply<ManualEntry> = serde_json::from_value(v.clone()).unwrap();
    let first = &typed.page.items[0];
    assert!(first.create_time.is_some());
    assert_eq!(
        v["data"]["data"][0]["createTime"].as_str().unwrap().len(),
        19,
        "wall-clock text"
    );
    let v = c
        .get_q(
            DETAIL,
            &[("adminUserId", &me), ("dialStatus", "1"), ("limit", "100")],
        )
        .await
        .json();
    assert!(v["data"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["dialStatus"] == 1));
    let name = first.customer_name.clone().unwrap();
    let v = c
        .get_q(DETAIL, &[("adminUserId", &me), ("customerName", &name)])
        .await
        .json();
    assert!(v["data"]["count"].as_i64().unwrap() >= 1);
    for needle in ["'", "%", "_", "\"", "\\", "' OR '1'='1"] {
        for field in ["company", "customerName", "userName"] {
            let r = c
                .get_q(DETAIL, &[("adminUserId", &me), (field, needle)])
                .await;
            assert_eq!(r.status, 200, "{field}={needle}");
            assert!(
                r.json()["data"]["count"].as_i64().unwrap() < 25,
                "{field}={needle}"
            );
        }
    }
    // Another tenant asking for this user's entries gets none.
    let mut o = s.login("other").await;
    assert_eq!(
        o.get_q(DETAIL, &[("adminUserId", &me)]).await.json()["data"]["count"],
        0
    );
}

#[tokio::test]
async fn delete_entries_and_tasks() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let me = user_id(&mut c).await;
    let del_one = "/wechat_api/customer/delManualTaskDetail";
    let del_all = "/wechat_api/customer/delManualTask";
    let r = c.post(del_one, &json!({})).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), bad("customerId為空"));
    let r = c.post(del_all, &json!({})).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), bad("adminUserId為空"));

    let v = c
        .get_q(DETAIL, &[("adminUserId", &me.to_string())])
        .await
        .json();
    let entry = v["data"]["data"][0]["customerId"].as_i64().unwrap();
    // Another tenant can neither delete the entry nor the task.
    let mut o = s.login("other").await;
    assert_eq!(
        o.post(del_one, &json!({"customerId": entry})).await.status,
        404
    );
    assert_eq!(
        o.post(del_all, &json!({"adminUserId": me})).await.status,
        404
    );
    assert_eq!(
        c.get_q(DETAIL, &[("adminUserId", &me.to_string())])
            .await
            .json()["data"]["count"],
        25
    );

    let r = c.post(del_one, &json!({"customerId": entry})).await;
    assert_eq!(
        r.json(),
        json!({"code": 200, "msg": "操作成功!", "data": null})
    );
    assert_eq!(
        c.get_q(DETAIL, &[("adminUserId", &me.to_string())])
            .await
            .json()["data"]["count"],
        24
    );
    assert_eq!(
        c.post(del_one, &json!({"customerId": entry})).await.status,
        404
    );

    let r = c
        .post(del_all, &json!({"adminUserId": me.to_string()}))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        c.get_q(DETAIL, &[("adminUserId", &me.to_string())])
            .await
            .json()["data"]["count"],
        0
    );
    assert_eq!(c.get(LIST).await.json()["data"]["count"], 2);
}

#[tokio::test]
async fn add_manual_task_names_every_missing_field() {
    let s = server().await;
    let mut c = s.login("sales1").await;
    let add = "/wechat_api/customer/addManualTask";
    let r = c.post(add, &json!({})).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        bad("聯系方式不能為空客戶姓名不能為空所在地區不能為空")
    );
    let r = c
        .post(add, &json!({"customerName": "ceshi", "phoneGeo": "廈門"}))
        .await;
    assert_eq!(r.json()["msg"], "聯系方式不能為空");
    let r = c
        .post(
            add,
            &json!({"customerPhone": 18750928186_i64, "customerName": " "}),
        )
        .await;
    assert_eq!(r.json()["msg"], "客戶姓名不能為空所在地區不能為空");
    let r = c
        .post(
            add,
            &json!({"customerName": "ceshi", "customerPhone": "123", "phoneGeo": "廈門"}),
        )
        .await;
    assert_eq!(r.status, 400, "not a mobile number");

    let me = user_id(&mut c).await.to_string();
    let before = c.get_q(DETAIL, &[("adminUserId", &me)]).await.json()["data"]["count"]
        .as_i64()
        .unwrap();
    let r = c
        .post(
            add,
            &json!({"customerName": "<b>ceshi</b>", "customerPhone": 18750928186_i64, "phoneGeo": "廈門",
                    "company": "O'Reilly", "xfield10": "x10"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"code": 200, "msg": "操作成功!", "data": null})
    );
    let v = c
        .get_q(
            DETAIL,
            &[("adminUserId", &me), ("customerName", "<b>ceshi")],
        )
        .await
        .json();
    assert_eq!(v["data"]["count"], 1);
    let e = &v["data"]["data"][0];
    assert_eq!(e["customerPhone"], "18750928186");
    assert_eq!(e["phoneGeo"], "廈門");
    assert_eq!(e["xfield10"], "x10");
    assert_eq!(e["dialStatus"], 0);
    assert_eq!(
        c.get_q(DETAIL, &[("adminUserId", &me)]).await.json()["data"]["count"],
        before + 1
    );
}

#[tokio::test]
async fn add_before_add_friend() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let url = "/wechat_api/customer/addManualTaskBeforeAddFriend";
    let r = c.post(url, &json!({})).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), bad("聯系方式目標微信號不能為空"));
    assert_eq!(
        c.post(url, &json!({"uin": "496768729"})).await.json()["msg"],
        "聯系方式不能為空"
    );
    assert_eq!(
        c.post(url, &json!({"customerPhone": "18756666666"}))
            .await
            .json()["msg"],
        "目標微信號不能為空"
    );
    let r = c
        .post(url, &json!({"customerPhone": "18756666666", "uin": "496768729", "userName": 18756666666_i64}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["code"], 200);
    let d = &v["data"];
    assert_eq!(d["customerPhone"], "18756666666");
    assert_eq!(d["userName"], "18756666666");
    assert_eq!(d["dialStatus"], 1);
    assert_eq!(d["taskId"], -1);
    let id = d["customerId"].as_i64().unwrap();
    let again = c
        .post(
            url,
            &json!({"customerPhone": "187 5666 6666", "uin": "496768729", "v1": "v1_abc"}),
        )
        .await
        .json();
    assert_eq!(again["data"]["customerId"], id, "the same entry is updated");
    assert_eq!(again["data"]["v1"], "v1_abc");
}

/// Adding WeChat first and then saving the form makes one entry, not two:
/// the form fills in the nameless entry the friend request left, keeping
/// its WeChat id and dial status. A different number still gets its own.
#[tokio::test]
async fn finishing_an_add_wechat_first_entry_fills_it_in() {
    let s = server().await;
    let mut c = s.login("sales1").await;
    let me = user_id(&mut c).await.to_string();
    let count = |v: Value| v["data"]["count"].as_i64().unwrap();
    let before = count(c.get_q(DETAIL, &[("adminUserId", &me)]).await.json());
    let first = c
        .post(
            "/wechat_api/customer/addManualTaskBeforeAddFriend",
            &json!({"customerPhone": "13966660001", "uin": "496768729", "userName": "wx_first"}),
        )
        .await
        .json();
    let id = first["data"]["customerId"].as_i64().unwrap();
    let add = "/wechat_api/customer/addManualTask";
    let r = c
        .post(
            add,
            &json!({"customerName": "先加微信", "customerPhone": "13966660001", "phoneGeo": "泉州",
                    "company": "某公司"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = c
        .get_q(DETAIL, &[("adminUserId", &me), ("userName", "wx_first")])
        .await
        .json();
    assert_eq!(count(v.clone()), 1, "one entry for the person: {v}");
    let e = &v["data"]["data"][0];
    assert_eq!(e["customerId"], id, "the friend request's entry, filled in");
    assert_eq!(e["customerName"], "先加微信");
    assert_eq!(e["company"], "某公司");
    assert_eq!(e["phoneGeo"], "泉州");
    assert_eq!(e["userName"], "wx_first", "the WeChat id is kept");
    assert_eq!(e["dialStatus"], 1);
    assert_eq!(
        count(c.get_q(DETAIL, &[("adminUserId", &me)]).await.json()),
        before + 1
    );
    // A named entry is never overwritten: the same number again is new.
    c.post(
        add,
        &json!({"customerName": "再次录入", "customerPhone": "13966660001", "phoneGeo": "泉州"}),
    )
    .await;
    assert_eq!(
        count(c.get_q(DETAIL, &[("adminUserId", &me)]).await.json()),
        before + 2
    );
}
