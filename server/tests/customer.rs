//! Customer module over HTTP: list/export filters, edits, deletes, nicknames,
//! contacts by tag, the tag list, and hostile filter text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use scrm_api::customer::Customer;
use scrm_api::page::PageReply;
use scrm_server::demo;
use serde_json::{json, Value};

const PAGE: &str = "/wechat_api/customer/customerPage";
const DOWNLOAD: &str = "/wechat_api/customer/downLoad";
const UPDATE: &str = "/wechat_api/customer/updateCustomer";

fn items(v: &Value) -> Vec<Value> {
    v["data"].as_array().unwrap().clone()
}

#[tokio::test]
async fn customer_page_is_newest_first_and_paged() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let r = c.get(PAGE).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["code"], 200);
    assert_eq!(v["count"], 60);
    assert_eq!(v["pageNo"], 1);
    let rows = items(&v);
    assert_eq!(rows.len(), 10, "default limit is 10");
    assert_eq!(rows[0]["customerName"], demo::BUSY_CHAT_CUSTOMER);
    assert_eq!(rows[0]["customerPhone"], demo::KNOWN_CUSTOMER_PHONE);
    let times: Vec<i64> = rows
        .iter()
        .map(|r| r["createTime"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    // The contract's own reply type reads it.
    let typed: PageReply<Customer> = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(typed.page.count, 60);
    assert!(typed.page.items[0].tag_names.is_some());

    let p2 = c
        .get_q(PAGE, &[("limit", "10"), ("pageNo", "2")])
        .await
        .json();
    let first: Vec<_> = rows.iter().map(|r| r["customerId"].clone()).collect();
    assert!(items(&p2).iter().all(|r| !first.contains(&r["customerId"])));
    let p7 = c
        .get_q(PAGE, &[("limit", "10"), ("pageNo", "7")])
        .await
        .json();
    assert!(items(&p7).is_empty());
    // Empty parameters are "no filter", as the vendor's pages send them.
    let all = c
        .get("/wechat_api/customer/customerPage?customerName=&customerPhone=&tagIds=&beginTime=&endTime=&remarks=&limit=5&pageNo=1")
        .await
        .json();
    assert_eq!(all["count"], 60);
    assert_eq!(items(&all).len(), 5);
}

#[tokio::test]
async fn customer_page_filters() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let one = |v: &Value| v["count"].as_i64().unwrap();
    let r = c.get_q(PAGE, &[("customerName", "聊天多")]).await.json();
    assert_eq!(one(&r), 1);
    let r = c
        .get_q(PAGE, &[("customerPhone", demo::KNOWN_CUSTOMER_PHONE)])
        .await
        .json();
    assert_eq!(items(&r)[0]["customerName"], demo::BUSY_CHAT_CUSTOMER);
    let r = c.get_q(PAGE, &[("customerPhone", "0000000")]).await.json();
    assert!(one(&r) >= 1, "substring match");
    let r = c.get_q(PAGE, &[("remarks", "一万条")]).await.json();
    assert_eq!(one(&r), 1);
    let r = c.get_q(PAGE, &[("endTime", "2001-01-01")]).await.json();
    assert_eq!(one(&r), 0);
    let r = c
        .get_q(
            PAGE,
            &[
                ("beginTime", "2001-01-01 00:00:00"),
                ("endTime", "2099-12-31"),
            ],
        )
        .await
        .json();
    assert_eq!(one(&r), 60);
    let r = c.get_q(PAGE, &[("beginTime", "not a time")]).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], 400);

    // Tags: any of the listed ids.
    let tags = c.get("/wechat_api/customer/tagList").await.json();
    assert_eq!(tags["data"].as_array().unwrap().len(), 10);
    let (t1, t2) = (
        tags["data"][0]["tagId"].as_i64().unwrap(),
        tags["data"][1]["tagId"].as_i64().unwrap(),
    );
    let list = format!("{t1},{t2}");
    let r = c
        .get_q(PAGE, &[("tagIds", &list), ("limit", "100")])
        .await
        .json();
    assert!(one(&r) > 0);
    for row in items(&r) {
        let ids: Vec<i64> = row["tags"]
            .as_str()
            .unwrap()
            .split(',')
            .map(|x| x.parse().unwrap())
            .collect();
        assert!(ids.contains(&t1) || ids.contains(&t2), "{row}");
    }
    let r1 = one(&c.get_q(PAGE, &[("tagIds", &t1.to_string())]).await.json());
    assert!(one(&r) >= r1);
    let r = c.get_q(PAGE, &[("tagIds", "abc")]).await.json();
    assert_eq!(one(&r), 0, "ids that are not numbers match nothing");
}

#[tokio::test]
async fn download_filters_by_account_and_remark_name() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let all = c.get_q(DOWNLOAD, &[("limit", "1000")]).await.json();
    assert_eq!(all["count"], 60);
    assert_eq!(items(&all).len(), 60);
    let account = items(&all)[0]["wechatUserId"].as_i64().unwrap();
    let mine = c
        .get_q(
            DOWNLOAD,
            &[("wechatUserId", &account.to_string()), ("limit", "1000")],
        )
        .await
        .json();
    assert!(mine["count"].as_i64().unwrap() > 0);
    assert!(items(&mine).iter().all(|r| r["wechatUserId"] == account));
    let r = c.get_q(DOWNLOAD, &[("remarkName", "一万条")]).await.json();
    assert_eq!(r["count"], 1);
}

#[tokio::test]
async fn update_customer_saves_and_echoes_entities() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let tags = c.get("/wechat_api/customer/tagList").await.json();
    let tag = tags["data"][2]["tagId"].as_i64().unwrap();
    let row = items(&c.get(PAGE).await.json())[0].clone();
    let id = row["customerId"].as_i64().unwrap();
    let contact = row["wechatContactId"].as_i64().unwrap();
    let r = c
        .post(
            UPDATE,
            &json!({
                "customerId": id.to_string(), "customerName": "售前-紅海", "customerPhone": "+86 138-0013-8999",
                "nickName": "售前紅海", "remarks": "<b>售前</b>", "tags": format!("{tag},999999"),
                "wechatContactId": contact, "isStar": "1", "xfield1": "x"
            }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["code"], 200);
    assert_eq!(v["customer"]["customerName"], "售前-紅海");
    assert_eq!(v["customer"]["customerPhone"], "13800138999");
    assert_eq!(v["customer"]["remarks"], "<b>售前</b>");
    assert_eq!(
        v["customer"]["tags"],
        tag.to_string(),
        "unknown tag ids are dropped"
    );
    assert_eq!(v["customer"]["page"]["pageSize"], -1);
    assert_eq!(v["wechatContact"]["wechatContactId"], contact);
    assert_eq!(v["wechatContact"]["page"]["pageNo"], 1);
    let typed: scrm_api::customer::UpdateCustomerReply = serde_json::from_value(v).unwrap();
    assert!(typed.wechat_contact.is_some());
    let again = c.get_q(PAGE, &[("customerName", "售前-紅海")]).await.json();
    assert_eq!(again["count"], 1);
    assert_eq!(items(&again)[0]["isStar"], 1);
    // Absent fields are kept.
    let r = c
        .post(UPDATE, &json!({"customerId": id, "remarks": ""}))
        .await
        .json();
    assert_eq!(r["customer"]["customerName"], "售前-紅海");
    assert_eq!(r["customer"]["remarks"], "");

    let r = c.post(UPDATE, &json!({"customerName": "x"})).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], 400);
    let r = c.post(UPDATE, &json!({"customerId": 99_999_999})).await;
    assert_eq!(r.status, 404);
    let r = c
        .post(
            UPDATE,
            &json!({"customerId": id, "customerName": "长".repeat(51)}),
        )
        .await;
    assert_eq!(r.status, 400);
    let r = c
        .post(
            UPDATE,
            &json!({"customerId": id, "wechatContactId": 99_999_999}),
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn delete_customer() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let id = items(&c.get(PAGE).await.json())[0]["customerId"]
        .as_i64()
        .unwrap();
    let r = c
        .post(
            "/wechat_api/customer/delete",
            &json!({"customerId": id.to_string()}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"code": 200, "msg": "操作成功!", "data": [], "pageNo": 1, "count": 0})
    );
    assert_eq!(c.get(PAGE).await.json()["count"], 59);
    let r = c
        .post("/wechat_api/customer/delete", &json!({"customerId": id}))
        .await;
    assert_eq!(r.status, 404);
    let r = c.post("/wechat_api/customer/delete", &json!({})).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn batch_save_nick_name_and_contacts_by_tag() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let rows = items(&c.get_q(DOWNLOAD, &[("limit", "100")]).await.json());
    let with_contact: Vec<&Value> = rows
        .iter()
        .filter(|r| r["wechatContactId"].is_i64())
        .collect();
    let contact = with_contact[0]["wechatContactId"].as_i64().unwrap();
    let r = c
        .post(
            "/wechat_api/customer/batchSaveNickName",
            &json!({"nickNames": {"wechatContactId": contact, "custName": "陳佳", "nickName": "陳總"}}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"msg": "保存成功!", "code": 200}));
    // A list sent as JSON text works too.
    let r = c
        .post(
            "/wechat_api/customer/batchSaveNickName",
            &json!({"nickNames": format!(r#"[{{"wechatContactId":{contact},"nickName":"陳姐"}}]"#)}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let contacts = c
        .get_q(
            "/wechat_api/customer/findcontactbytagAll",
            &[("isOffLine", "1")],
        )
        .await
        .json();
    let found = contacts["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["wechatContactId"] == contact)
        .cloned()
        .unwrap();
    assert_eq!(found["customerNickName"], "陳姐");
    assert!(found["wechatUserName"]
        .as_str()
        .unwrap()
        .starts_with("wxid_"));

    let r = c
        .post(
            "/wechat_api/customer/batchSaveNickName",
            &json!({"nickNames": [{"nickName": "x"}]}),
        )
        .await;
    assert_eq!(r.status, 400);
    let r = c
        .post("/wechat_api/customer/batchSaveNickName", &json!({}))
        .await;
    assert_eq!(r.status, 400);
    let r = c
        .post(
            "/wechat_api/customer/batchSaveNickName",
            &json!({"nickNames": [{"wechatContactId": 99_999_999, "nickName": "x"}]}),
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn find_contacts_by_tag_respects_offline_accounts_and_tags() {
    let s = server_with(200, |_| {}).await;
    let mut c = s.login("demo").await;
    let url = "/wechat_api/customer/findcontactbytagAll";
    let online = c.get(url).await.json();
    assert_eq!(online["code"], 200);
    let with_offline = c.get_q(url, &[("isOffLine", "1")]).await.json();
    let n_on = online["data"].as_array().unwrap().len();
    let n_all = with_offline["data"].as_array().unwrap().len();
    assert!(
        n_all > n_on,
        "offline accounts add contacts: {n_all} vs {n_on}"
    );
    let accounts = |v: &Value| {
        let mut a: Vec<i64> = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["wechatUserId"].as_i64().unwrap())
            .collect();
        a.sort();
        a.dedup();
        a
    };
    let one = accounts(&online)[0];
    let only = c
        .get_q(url, &[("wechatUserId", &one.to_string())])
        .await
        .json();
    assert_eq!(accounts(&only), vec![one]);

    // Tags: every contact returned belongs to a customer with one of them.
    let tag = c.get("/wechat_api/customer/tagList").await.json()["data"][0]["tagId"]
        .as_i64()
        .unwrap();
    let tagged = c
        .get_q(url, &[("tagIds", &tag.to_string()), ("isOffLine", "1")])
        .await
        .json();
    let customers = c
        .get_q(DOWNLOAD, &[("tagIds", &tag.to_string()), ("limit", "1000")])
        .await
        .json();
    let mut expected: Vec<i64> = items(&customers)
        .iter()
        .filter_map(|r| r["wechatContactId"].as_i64())
        .collect();
    let mut got: Vec<i64> = tagged["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["wechatContactId"].as_i64().unwrap())
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

/// Quotes, LIKE wildcards and backslashes in every text filter are plain text.
#[tokio::test]
async fn hostile_filter_text_is_literal() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let id = items(&c.get(PAGE).await.json())[3]["customerId"]
        .as_i64()
        .unwrap();
    let weird = r#"a'b%c_d"e\f"#;
    let r = c
        .post(
            UPDATE,
            &json!({"customerId": id, "customerName": weird, "remarks": weird}),
        )
        .await;
    assert_eq!(r.status, 200);
    let total = c.get(PAGE).await.json()["count"].as_i64().unwrap();
    for needle in [
        "'",
        "%",
        "_",
        "\"",
        "\\",
        "b%c",
        "c_d",
        "' OR '1'='1",
        "%' --",
        "\\%",
    ] {
        for (path, field) in [
            (PAGE, "customerName"),
            (PAGE, "remarks"),
            (PAGE, "customerPhone"),
            (DOWNLOAD, "customerName"),
            (DOWNLOAD, "remarkName"),
            (DOWNLOAD, "customerPhone"),
            (PAGE, "tagIds"),
            (DOWNLOAD, "tagIds"),
        ] {
            let r = c.get_q(path, &[(field, needle), ("limit", "500")]).await;
            assert_eq!(r.status, 200, "{path} {field}={needle}: {}", r.text());
            let v = r.json();
            let n = v["count"].as_i64().unwrap();
            assert!(n < total, "{field}={needle} matched everything");
            if field == "customerName" {
                for row in items(&v) {
                    assert!(
                        row["customerName"].as_str().unwrap().contains(needle),
                        "{needle}: {row}"
                    );
                }
            }
        }
    }
    for needle in ["'", "%", "_", "\"", "\\"] {
        let v = c.get_q(PAGE, &[("customerName", needle)]).await.json();
        assert!(items(&v).iter().any(|r| r["customerId"] == id), "{needle}");
    }
}

/// `wechatContactId` (the reference server's addition) finds the one customer
/// bound to a contact; another tenant's contact finds nothing.
#[tokio::test]
async fn customer_page_by_wechat_contact() {
    let s = server().await;
    let mut c = s.login("demo").await;
    let known = c
        .get_q(PAGE, &[("customerPhone", demo::KNOWN_CUSTOMER_PHONE)])
        .await
        .json();
    let row = &items(&known)[0];
    let contact = row["wechatContactId"].as_i64().unwrap().to_string();
    let r = c.get_q(PAGE, &[("wechatContactId", &contact)]).await.json();
    assert_eq!(r["count"], 1);
    assert_eq!(items(&r)[0]["customerId"], row["customerId"]);
    let r = c
        .get_q(PAGE, &[("wechatContactId", "999999999")])
        .await
        .json();
    assert_eq!(r["count"], 0);
    let mut other = s.login("other").await;
    let r = other
        .get_q(PAGE, &[("wechatContactId", &contact)])
        .await
        .json();
    assert_eq!(r["count"], 0, "another tenant's contact");
}

/// The list's largest page size (and the page the bulk actions read "all
/// matching" with) is answered whole.
#[tokio::test]
async fn customer_page_answers_pages_of_200() {
    let s = server_with(450, |_| {}).await;
    let mut c = s.login("demo").await;
    let mut seen = std::collections::BTreeSet::new();
    for (page, want) in [("1", 200), ("2", 200), ("3", 50)] {
        let v = c
            .get_q(PAGE, &[("limit", "200"), ("pageNo", page)])
            .await
            .json();
        assert_eq!(v["count"], 450);
        let rows = items(&v);
        assert_eq!(rows.len(), want, "page {page}");
        for r in &rows {
            assert!(seen.insert(r["customerId"].as_i64().unwrap()), "no repeats");
        }
    }
    assert_eq!(seen.len(), 450, "every customer once");
}
