//! Chat history and the phone-call helpers over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use scrm_api::chat::ChatMessage;
use scrm_api::page::PageReply;
use scrm_server::demo;
use serde_json::{json, Value};

const CHAT: &str = "/wechat_api/message/getRedisMessageRecord";
const CALL: &str = "/wechat_api/customer/getCustomerInfoByCall";

async fn get(c: &mut Client, params: Vec<(&'static str, String)>) -> Reply {
    let query = serde_urlencoded::to_string(&params).unwrap();
    c.get(&format!("{CHAT}?{query}")).await
}

async fn busy_contact(c: &mut Client) -> (i64, i64) {
    let v = c
        .get_q(
            "/wechat_api/customer/customerPage",
            &[("customerName", demo::BUSY_CHAT_CUSTOMER)],
        )
        .await
        .json();
    let row = &v["data"][0];
    (
        row["wechatContactId"].as_i64().unwrap(),
        row["wechatUserId"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn chat_records_are_paged_newest_first() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let (contact, account) = busy_contact(&mut c).await;
    let q = |page: &str| {
        vec![
            ("wechatUserIds", account.to_string()),
            ("wechatContactIds", contact.to_string()),
            ("limit", "50".to_string()),
            ("pageNo", page.to_string()),
        ]
    };
    let r = get(&mut c, q("1")).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["count"], demo::BUSY_CHAT_MESSAGES as i64);
    let typed: PageReply<ChatMessage> = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(typed.page.items.len(), 50);
    let times: Vec<i64> = typed
        .page
        .items
        .iter()
        .map(|m| m.create_time.as_ref().unwrap().epoch_ms())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
    // Every kind of message is in the newest page.
    let mut kinds: Vec<i64> = typed
        .page
        .items
        .iter()
        .map(|m| m.msg_type.unwrap())
        .collect();
    kinds.sort();
    kinds.dedup();
    for k in [1, 3, 34, 43, 47, 49, 10000, 10002] {
        assert!(kinds.contains(&k), "msgType {k} missing from {kinds:?}");
    }
    let v2 = get(&mut c, q("2")).await.json();
    let oldest_p1 = *times.last().unwrap();
    assert!(v2["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["createTime"].as_i64().unwrap() <= oldest_p1));
    let last = get(&mut c, q("200")).await.json();
    assert_eq!(last["data"].as_array().unwrap().len(), 50);
    assert!(get(&mut c, q("201")).await.json()["data"]
        .as_array()
        .unwrap()
        .is_empty());

    // Time window.
    let begin = scrm_api::time::Timestamp::from_epoch_ms(times[10])
        .unwrap()
        .display()
        .to_owned();
    let mut p = q("1");
    p.push(("beginTime", begin));
    let windowed = get(&mut c, p).await.json();
    let n = windowed["count"].as_i64().unwrap();
    assert!((10..=20).contains(&n), "{n}");
    let mut p = q("1");
    p.push(("endTime", "2001-01-01".into()));
    assert_eq!(get(&mut c, p).await.json()["count"], 0);

    // adminUserId narrows to that user's accounts.
    let owner = typed.page.items[0].admin_user_id.unwrap();
    let mut p = q("1");
    p.push(("adminUserId", (owner + 100).to_string()));
    assert_eq!(get(&mut c, p).await.json()["count"], 0);
    let mut p = q("1");
    p.push(("adminUserId", owner.to_string()));
    assert_eq!(
        get(&mut c, p).await.json()["count"],
        demo::BUSY_CHAT_MESSAGES as i64
    );

    // Hostile id lists match nothing rather than everything.
    for bad in ["1) OR (1=1", "' OR 1=1 --", "%", "\\"] {
        let r = c.get_q(CHAT, &[("wechatContactIds", bad)]).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.json()["count"], 0, "{bad}");
    }

    // Another tenant sees none of it, whatever ids it sends.
    let mut o = s.login("other").await;
    let v = get(&mut o, q("1")).await.json();
    assert_eq!(v["count"], 0);
    let v = o.get(CHAT).await.json();
    assert!(v["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["wechatContactId"] != contact));
}

#[tokio::test]
async fn is_open_after_call_is_per_user() {
    let s = server().await;
    let mut demo_c = s.login("demo").await;
    let mut sales = s.login("sales1").await;
    let get = "/wechat_api/customer/getIsOpenAfterCall";
    let set = "/wechat_api/customer/updateIsOpenAfterCall";
    assert_eq!(
        demo_c.get(get).await.json(),
        json!({"code": 200, "msg": "操作成功!", "data": 0})
    );
    let r = demo_c.post(set, &json!({"isOpen": 1})).await;
    assert_eq!(
        r.json(),
        json!({"code": 200, "msg": "操作成功!", "data": null})
    );
    assert_eq!(demo_c.get(get).await.json()["data"], 1);
    assert_eq!(sales.get(get).await.json()["data"], 0);
    demo_c.post(set, &json!({"isOpen": "0"})).await;
    assert_eq!(demo_c.get(get).await.json()["data"], 0);
    for bad in [json!({}), json!({"isOpen": 2}), json!({"isOpen": "x"})] {
        let r = demo_c.post(set, &bad).await;
        assert_eq!(r.status, 400, "{bad}");
        assert_eq!(r.json()["code"], 400);
    }
}

fn source(v: &Value) -> i64 {
    v["data"]["source"].as_i64().unwrap()
}

#[tokio::test]
async fn customer_info_by_call_looks_in_order() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let v = c
        .get_q(CALL, &[("phone", demo::KNOWN_CUSTOMER_PHONE)])
        .await
        .json();
    assert_eq!(source(&v), 1);
    assert_eq!(
        v["data"]["customerList"][0]["customerName"],
        demo::BUSY_CHAT_CUSTOMER
    );
    let v = c
        .get_q(CALL, &[("phone", "+86 138-0000-0001")])
        .await
        .json();
    assert_eq!(source(&v), 1, "normalised like the panel does");
    let v = c
        .get_q(CALL, &[("phone", demo::KNOWN_POOL_PHONE)])
        .await
        .json();
    assert_eq!(source(&v), 2);
    assert_eq!(v["data"]["customerList"][0]["customerName"], "客户池演示");
    let v = c
        .get_q(CALL, &[("phone", demo::KNOWN_MANUAL_PHONE)])
        .await
        .json();
    assert_eq!(source(&v), 3);
    let v = c.get_q(CALL, &[("phone", "19999999999")]).await.json();
    assert_eq!(
        v,
        json!({"code": 200, "msg": "操作成功!", "data": {"source": 0, "customerList": null}})
    );
    let typed: scrm_api::call::CallInfoReply = serde_json::from_value(v).unwrap();
    assert_eq!(
        typed.data.unwrap().source(),
        scrm_api::call::CallSource::NotFound
    );

    // The pool is "assigned to me": sales1 does not see demo's leads.
    let mut sales = s.login("sales1").await;
    assert_eq!(
        source(
            &sales
                .get_q(CALL, &[("phone", demo::KNOWN_POOL_PHONE)])
                .await
                .json()
        ),
        0
    );
    // A customer record wins over a manual entry with the same number.
    let r = c
        .post(
            "/wechat_api/customer/addManualTask",
            &json!({"customerName": "重复", "customerPhone": demo::KNOWN_CUSTOMER_PHONE, "phoneGeo": "厦门"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        source(
            &c.get_q(CALL, &[("phone", demo::KNOWN_CUSTOMER_PHONE)])
                .await
                .json()
        ),
        1
    );

    let r = c.get(CALL).await;
    assert_eq!(r.status, 400);
    for bad in ["'", "%", "_", "\"", "\\", "' OR '1'='1"] {
        let r = c.get_q(CALL, &[("phone", bad)]).await;
        assert_eq!(r.status, 200, "{bad}");
        assert_eq!(source(&r.json()), 0, "{bad}");
    }
    // Other tenant: nothing.
    let mut o = s.login("other").await;
    for phone in [
        demo::KNOWN_CUSTOMER_PHONE,
        demo::KNOWN_POOL_PHONE,
        demo::KNOWN_MANUAL_PHONE,
    ] {
        assert_eq!(
            source(&o.get_q(CALL, &[("phone", phone)]).await.json()),
            0,
            "{phone}"
        );
    }
}

/// A source-1 row carries the star of the customer's WeChat contact, with
/// customerPage's field name and value (`isStar` 1/0); a pool row (source 2)
/// has no WeChat contact, so no star and no chat ids.
#[tokio::test]
async fn customer_info_by_call_sends_the_star_and_pool_rows_say_what_they_lack() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let found = |v: &Value| v["data"]["customerList"][0].clone();
    let row = found(
        &c.get_q(CALL, &[("phone", demo::KNOWN_CUSTOMER_PHONE)])
            .await
            .json(),
    );
    assert!(matches!(row["isStar"].as_i64(), Some(0 | 1)), "{row}");
    assert!(row["wechatContactId"].is_i64() && row["wechatUserId"].is_i64());
    for (star, want) in [("0", 0), ("1", 1), ("0", 0), ("1", 1)] {
        let r = c
            .post(
                "/wechat_api/customer/updateCustomer",
                &json!({"customerId": row["customerId"], "wechatContactId": row["wechatContactId"],
                        "isStar": star}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let v = c
            .get_q(CALL, &[("phone", demo::KNOWN_CUSTOMER_PHONE)])
            .await
            .json();
        assert_eq!(found(&v)["isStar"], want);
        // The same value customerPage shows for the record.
        let page = c
            .get_q(
                "/wechat_api/customer/customerPage",
                &[("customerPhone", demo::KNOWN_CUSTOMER_PHONE)],
            )
            .await
            .json();
        assert_eq!(page["data"][0]["isStar"], want);
    }
    let typed: scrm_api::call::CallInfoReply = serde_json::from_value(
        c.get_q(CALL, &[("phone", demo::KNOWN_CUSTOMER_PHONE)])
            .await
            .json(),
    )
    .unwrap();
    assert_eq!(typed.data.unwrap().customers()[0].is_star, Some(1));

    let pool = c
        .get_q(CALL, &[("phone", demo::KNOWN_POOL_PHONE)])
        .await
        .json();
    assert_eq!(source(&pool), 2);
    let row = found(&pool);
    assert_eq!(row["customerPhone"], demo::KNOWN_POOL_PHONE);
    assert!(row["customerId"].is_i64());
    for absent in ["isStar", "wechatContactId", "wechatUserId"] {
        assert!(row[absent].is_null(), "{absent}: {row}");
    }
    // Nor is there a customer record with the number to edit (else the
    // lookup would have answered source 1).
    let page = c
        .get_q(
            "/wechat_api/customer/customerPage",
            &[("customerPhone", demo::KNOWN_POOL_PHONE)],
        )
        .await
        .json();
    assert_eq!(page["count"], 0, "{page}");
}
