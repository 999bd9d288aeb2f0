//! Authorisation and tenant isolation across the whole API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::Method;
use common::*;
use serde_json::json;

/// Every vendor endpoint but login, with the method it answers.
const VENDOR: &[(&str, &str)] = &[
    ("POST", "/wechat_api/logout"),
    ("GET", "/wechat_api/me"),
    ("GET", "/wechat_api/customer/customerPage"),
    ("GET", "/wechat_api/customer/downLoad"),
    ("POST", "/wechat_api/customer/updateCustomer"),
    ("POST", "/wechat_api/customer/delete"),
    ("POST", "/wechat_api/customer/batchSaveNickName"),
    ("GET", "/wechat_api/customer/findcontactbytagAll"),
    ("GET", "/wechat_api/customer/tagList"),
    ("GET", "/wechat_api/customer/getIsOpenAfterCall"),
    ("POST", "/wechat_api/customer/updateIsOpenAfterCall"),
    ("GET", "/wechat_api/customer/getCustomerInfoByCall"),
    ("GET", "/wechat_api/message/getRedisMessageRecord"),
    ("GET", "/wechat_api/customer/getManualTaskList"),
    ("GET", "/wechat_api/customer/getManualTaskDetail"),
    ("POST", "/wechat_api/customer/delManualTask"),
    ("POST", "/wechat_api/customer/delManualTaskDetail"),
    ("POST", "/wechat_api/customer/addManualTask"),
    ("POST", "/wechat_api/customer/addManualTaskBeforeAddFriend"),
];

#[tokio::test]
async fn every_endpoint_but_login_needs_a_session() {
    let s = server().await;
    let mut c = s.client();
    for (method, path) in VENDOR {
        let r = match *method {
            "GET" => c.get(path).await,
            _ => c.post(path, &json!({})).await,
        };
        assert_eq!(r.status, 401, "{method} {path}");
        assert_eq!(r.json(), unauthorized_body(), "{method} {path}");
    }
    // A logged-in user reaches all of them (no 401, no 404, no 405).
    let mut d = s.login("demo").await;
    for (method, path) in VENDOR.iter().filter(|(_, p)| !p.ends_with("logout")) {
        let r = match *method {
            "GET" => d.get(path).await,
            _ => d.post(path, &json!({})).await,
        };
        assert!(
            r.status == 200 || r.status == 400,
            "{method} {path}: {} {}",
            r.status,
            r.text()
        );
        assert!(r.json()["code"].is_i64(), "{path}");
    }
}

#[tokio::test]
async fn tenants_never_change_each_others_customers() {
    let s = server().await;
    let mut demo = s.login("demo").await;
    let mut other = s.login("other").await;
    let mine = demo.get("/wechat_api/customer/customerPage").await.json();
    let row = mine["data"][0].clone();
    let id = row["customerId"].as_i64().unwrap();
    let theirs = other.get("/wechat_api/customer/customerPage").await.json();
    let their_row = theirs["data"][0].clone();
    let their_contact = their_row["wechatContactId"].as_i64();
    let their_tag = other.get("/wechat_api/customer/tagList").await.json()["data"][0]["tagId"]
        .as_i64()
        .unwrap();

    // Reads: tenant two's lists never contain tenant one's ids.
    let all_theirs = other
        .get_q("/wechat_api/customer/downLoad", &[("limit", "10000")])
        .await
        .json();
    assert!(all_theirs["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["customerId"] != id));
    let contacts = other
        .get_q(
            "/wechat_api/customer/findcontactbytagAll",
            &[("isOffLine", "1")],
        )
        .await
        .json();
    assert!(contacts["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["wechatContactId"] != row["wechatContactId"]));

    // Writes by id are refused as if the record did not exist.
    let r = other
        .post(
            "/wechat_api/customer/updateCustomer",
            &json!({"customerId": id, "customerName": "hacked"}),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = other
        .post("/wechat_api/customer/delete", &json!({"customerId": id}))
        .await;
    assert_eq!(r.status, 404);
    let r = other
        .post(
            "/wechat_api/customer/batchSaveNickName",
            &json!({"nickNames": [{"wechatContactId": row["wechatContactId"], "nickName": "hacked"}]}),
        )
        .await;
    assert_eq!(r.status, 404);
    // Nor can tenant one pull tenant two's contact or tag into its own customer.
    if let Some(contact) = their_contact {
        let r = demo
            .post(
                "/wechat_api/customer/updateCustomer",
                &json!({"customerId": id, "wechatContactId": contact}),
            )
            .await;
        assert_eq!(r.status, 404);
    }
    let r = demo
        .post(
            "/wechat_api/customer/updateCustomer",
            &json!({"customerId": id, "tags": their_tag.to_string()}),
        )
        .await;
    assert_eq!(r.json()["customer"]["tags"], "");

    let after = demo.get("/wechat_api/customer/customerPage").await.json();
    assert_eq!(after["count"], mine["count"]);
    assert_eq!(after["data"][0]["customerName"], row["customerName"]);
    assert_eq!(after["data"][0]["wechatContactId"], row["wechatContactId"]);
    let theirs_after = other.get("/wechat_api/customer/customerPage").await.json();
    assert_eq!(theirs_after["data"][0], their_row);
}

#[tokio::test]
async fn body_limit_applies_to_every_post() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let big = format!(
        r#"{{"name":"{}","telnum":"13900000000"}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let r = c
        .send(
            Method::POST,
            "/clinic_api/addCustomer",
            Some(("application/json", big.clone().into_bytes())),
            &[],
        )
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["errNum"], 413);
    let r = c
        .send(
            Method::POST,
            "/wechat_api/customer/addManualTask",
            Some(("application/json", big.into_bytes())),
            &[],
        )
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["code"], 413);
}

/// The route table covers the whole contract catalogue, with the right methods.
#[tokio::test]
async fn every_catalogued_endpoint_is_served() {
    use scrm_api::catalog::ALL;
    use scrm_api::{Family, Method as M};
    let s = server().await;
    let mut c = s.login("demo").await;
    for e in ALL.iter().filter(|e| e.name != "Logout") {
        let path = match e.family {
            Family::Vendor => e.path.to_owned(),
            Family::Clinic => format!("{}{}", scrm_server::routes::clinic::CLINIC_BASE, e.path),
        };
        let (right, wrong) = match e.method {
            M::Get => (c.get(&path).await, c.post(&path, &json!({})).await),
            M::Post => (c.post(&path, &json!({})).await, c.get(&path).await),
        };
        assert!(
            ![404, 405].contains(&right.status),
            "{} {path}: {}",
            e.name,
            right.status
        );
        assert_eq!(wrong.status, 405, "{} {path} with the wrong method", e.name);
    }
}

/// Concurrent writers wait for each other instead of failing.
#[tokio::test]
async fn concurrent_writes_all_succeed() {
    let s = server().await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let mut c = s.login(if i % 2 == 0 { "demo" } else { "sales1" }).await;
        tasks.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for j in 0..5 {
                let r = c
                    .post(
                        "/wechat_api/customer/addManualTask",
                        &json!({"customerName": format!("并发{i}-{j}"), "customerPhone": "13912345678", "phoneGeo": "厦门"}),
                    )
                    .await;
                statuses.push(r.status);
                let r = c
                    .post("/clinic_api/addCustomer", &json!({"name": format!("并发{i}-{j}"), "telnum": "13912345678"}))
                    .await;
                statuses.push(r.status);
            }
            statuses
        }));
    }
    for t in tasks {
        assert!(t.await.unwrap().iter().all(|s| *s == 200));
    }
    let mut c = s.login("demo").await;
    let me = c.get("/wechat_api/me").await.json()["data"]["adminUserId"]
        .as_i64()
        .unwrap();
    let v = c
        .get_q(
            "/wechat_api/customer/getManualTaskDetail",
            &[("adminUserId", &me.to_string()), ("customerName", "并发")],
        )
        .await
        .json();
    assert_eq!(v["data"]["count"], 60);
}
