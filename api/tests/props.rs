//! Properties over every endpoint: decoding arbitrary JSON never panics, and
//! every reply that decodes survives encode-then-decode unchanged (what the
//! reference server sends, the panel reads back as the same value).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Debug;

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use scrm_api::auth::{Login, Logout, WhoAmI};
use scrm_api::call::{GetCustomerInfoByCall, GetIsOpenAfterCall, UpdateIsOpenAfterCall};
use scrm_api::chat::GetRedisMessageRecord;
use scrm_api::clinic::{
    AddCustomer, AddOneAppointment, CancelOneAppointment, ChangeOneAppointment, GetAppointmentList,
    GetCusInfoByCusId, GetCusInfoByCusTelnum, GetCustomerInfo,
};
use scrm_api::customer::{
    BatchSaveNickName, CustomerPage, DeleteCustomer, DownLoad, FindContactByTagAll, TagList,
    UpdateCustomer,
};
use scrm_api::manual_task::{
    AddManualTask, AddManualTaskBeforeAddFriend, DelManualTask, DelManualTaskDetail,
    GetManualTaskDetail, GetManualTaskList,
};
use scrm_api::time::{civil_from_days, days_from_civil};
use scrm_api::{Endpoint, Timestamp};

/// Runs `$check::<E>($arg)` for every endpoint of the contract.
macro_rules! every_endpoint {
    ($check:ident, $arg:expr) => {{
        $check::<Login>($arg)?;
        $check::<Logout>($arg)?;
        $check::<WhoAmI>($arg)?;
        $check::<CustomerPage>($arg)?;
        $check::<DownLoad>($arg)?;
        $check::<UpdateCustomer>($arg)?;
        $check::<DeleteCustomer>($arg)?;
        $check::<BatchSaveNickName>($arg)?;
        $check::<FindContactByTagAll>($arg)?;
        $check::<TagList>($arg)?;
        $check::<GetRedisMessageRecord>($arg)?;
        $check::<GetIsOpenAfterCall>($arg)?;
        $check::<UpdateIsOpenAfterCall>($arg)?;
        $check::<GetCustomerInfoByCall>($arg)?;
        $check::<GetManualTaskList>($arg)?;
        $check::<GetManualTaskDetail>($arg)?;
        $check::<DelManualTask>($arg)?;
        $check::<DelManualTaskDetail>($arg)?;
        $check::<AddManualTask>($arg)?;
        $check::<AddManualTaskBeforeAddFriend>($arg)?;
        $check::<GetCustomerInfo>($arg)?;
        $check::<GetCusInfoByCusId>($arg)?;
        $check::<GetCusInfoByCusTelnum>($arg)?;
        $check::<AddCustomer>($arg)?;
        $check::<AddOneAppointment>($arg)?;
        $check::<ChangeOneAppointment>($arg)?;
        $check::<CancelOneAppointment>($arg)?;
        $check::<GetAppointmentList>($arg)?;
    }};
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[0-9]{0,20}".prop_map(Value::String),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec!["200", "0", "401", "2022-01-04 10:23:14", "", "null"])
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Keys the contract uses, so arbitrary objects hit real fields.
const KEYS: &[&str] = &[
    "code",
    "msg",
    "data",
    "count",
    "pageNo",
    "limit",
    "errNum",
    "errMsg",
    "customerId",
    "customerName",
    "customerPhone",
    "createTime",
    "lastUpdateTime",
    "tags",
    "tagNames",
    "wechatContact",
    "customer",
    "page",
    "html",
    "source",
    "customerList",
    "msgType",
    "appMsgType",
    "isSend",
    "createList",
    "completeList",
    "appointmentList",
    "cancelList",
    "createTotal",
    "customerInfo",
    "cusInfo",
    "id",
    "name",
    "appointmentId",
    "cusId",
    "token",
    "user",
    "channel",
    "uin",
    "type",
    "pId",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-zA-Z]{1,8}",
    ]
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Int,
    Text,
    Time,
    List,
}

/// Record fields by the kind of value they hold.
const FIELDS: &[(&str, Kind)] = &[
    ("customerId", Kind::Int),
    ("wechatContactId", Kind::Int),
    ("wechatUserId", Kind::Int),
    ("adminUserId", Kind::Int),
    ("id", Kind::Int),
    ("cusId", Kind::Int),
    ("uId", Kind::Int),
    ("msgType", Kind::Int),
    ("appMsgType", Kind::Int),
    ("isSend", Kind::Int),
    ("fileSize", Kind::Int),
    ("isStar", Kind::Int),
    ("sex", Kind::Int),
    ("status", Kind::Int),
    ("type", Kind::Int),
    ("dialStatus", Kind::Int),
    ("tagId", Kind::Int),
    ("customerName", Kind::Text),
    ("customerPhone", Kind::Text),
    ("nickName", Kind::Text),
    ("remarks", Kind::Text),
    ("tags", Kind::Text),
    ("uin", Kind::Text),
    ("userName", Kind::Text),
    ("msgId", Kind::Text),
    ("content", Kind::Text),
    ("teamId", Kind::Text),
    ("pId", Kind::Text),
    ("name", Kind::Text),
    ("realName", Kind::Text),
    ("tagName", Kind::Text),
    ("gold", Kind::Text),
    ("createTime", Kind::Time),
    ("lastUpdateTime", Kind::Time),
    ("appointmentTime", Kind::Time),
    ("completeTime", Kind::Time),
    ("assignTime", Kind::Time),
    ("tagNames", Kind::List),
];

fn int_like() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<i32>().prop_map(Value::from),
        any::<i64>().prop_map(|n| Value::String(n.to_string())),
        Just(json!("")),
    ]
}

fn field_value(kind: Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::Int => int_like().boxed(),
        Kind::Text => prop_oneof![
            Just(Value::Null),
            ".{0,10}".prop_map(Value::String),
            any::<i64>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
        ]
        .boxed(),
        Kind::Time => prop_oneof![
            Just(Value::Null),
            (0i64..4_102_444_800_000).prop_map(Value::from),
            (0i64..4_102_444_800_000).prop_map(|n| Value::String(n.to_string())),
            (
                1970i32..2100,
                1u32..13,
                1u32..29,
                0u32..24,
                0u32..60,
                0u32..60
            )
                .prop_map(|(y, m, d, h, mi, s)| json!(format!(
                    "{y}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"
                ))),
            (1970i32..2100, 1u32..13, 1u32..29)
                .prop_map(|(y, m, d)| json!(format!("{y}-{m:02}-{d:02}"))),
            Just(json!("2022-01-04 10:23:14.250")),
            ".{0,6}".prop_map(Value::String),
        ]
        .boxed(),
        Kind::List => prop_oneof![
            Just(Value::Null),
            ".{0,10}".prop_map(Value::String),
            prop::collection::vec(".{0,5}".prop_map(Value::String), 0..3).prop_map(Value::Array),
        ]
        .boxed(),
    }
}

fn record() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        prop::sample::select(FIELDS).prop_flat_map(|(k, kind)| (Just(k), field_value(kind))),
        0..8,
    )
    .prop_map(|pairs| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<Map<_, _>>(),
        )
    })
}

fn records() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => prop::collection::vec(record(), 0..4).prop_map(Value::Array),
        1 => Just(Value::Null),
    ]
}

/// A record echoed back with the vendor's ORM pager.
fn entity() -> impl Strategy<Value = Value> {
    (record(), prop::option::of((int_like(), ".{0,20}"))).prop_map(|(mut r, page)| {
        if let (Some((n, html)), Value::Object(m)) = (page, &mut r) {
            m.insert("page".into(), json!({"pageNo": n, "html": html}));
        }
        r
    })
}

/// Reply-shaped objects: a success envelope of either family plus a random
/// selection of the contract's structural members.
fn reply_like() -> impl Strategy<Value = Value> {
    let data = prop_oneof![
        records(),
        record(),
        int_like(),
        (records(), int_like(), int_like(), int_like())
            .prop_map(|(d, c, p, l)| { json!({"data": d, "count": c, "pageNo": p, "limit": l}) }),
        (int_like(), records()).prop_map(|(s, l)| json!({"source": s, "customerList": l})),
        (record(), record()).prop_map(|(r, u)| json!({"token": "t", "user": r, "x": u})),
    ];
    (
        prop::option::of(data),
        prop::option::of((int_like(), int_like())),
        prop::option::of((entity(), entity())),
        prop::option::of((records(), records(), int_like())),
        prop::option::of(record()),
        prop::option::of(int_like()),
        prop::sample::select(vec![json!(200), json!("200")]),
        prop::sample::select(vec![json!(0), json!("0")]),
    )
        .prop_map(|(data, paging, entities, lists, info, id, code, err_num)| {
            let mut m = Map::new();
            m.insert("code".into(), code);
            m.insert("errNum".into(), err_num);
            if let Some(d) = data {
                m.insert("data".into(), d);
            }
            if let Some((count, page_no)) = paging {
                m.insert("count".into(), count);
                m.insert("pageNo".into(), page_no);
            }
            if let Some((w, c)) = entities {
                m.insert("wechatContact".into(), w);
                m.insert("customer".into(), c);
            }
            if let Some((created, completed, total)) = lists {
                m.insert("createList".into(), created);
                m.insert("completeList".into(), completed);
                m.insert("createTotal".into(), total);
            }
            if let Some(info) = info {
                m.insert("customerInfo".into(), info);
            }
            if let Some(id) = id {
                m.insert("appointmentId".into(), id);
            }
            Value::Object(m)
        })
}

fn never_panics<E: Endpoint>(body: &str) -> Result<(), TestCaseError> {
    for status in [200, 400, 401, 500] {
        let _ = E::decode(status, body);
    }
    Ok(())
}

fn survives_round_trip<E: Endpoint>(body: &str) -> Result<(), TestCaseError>
where
    E::Reply: PartialEq + Debug,
{
    if let Ok(reply) = E::decode(200, body) {
        let encoded = serde_json::to_string(&reply).unwrap();
        prop_assert_eq!(
            E::decode(200, &encoded),
            Ok(reply),
            "{} via {}",
            E::PATH,
            encoded
        );
    }
    Ok(())
}

/// Request parameters the contract uses.
const PARAMS: &[&str] = &[
    "customerName",
    "customerPhone",
    "tagIds",
    "beginTime",
    "endTime",
    "remarks",
    "remarkName",
    "wechatUserId",
    "limit",
    "pageNo",
    "adminUserId",
    "wechatUserIds",
    "wechatContactIds",
    "phone",
    "isOpen",
    "pepartId",
    "company",
    "userName",
    "dialStatus",
    "customerId",
    "phoneGeo",
    "uin",
    "openId",
    "wxappId",
    "cusId",
    "telnum",
    "name",
    "erpId",
    "birthday",
    "type",
    "appointmentTime",
    "appointmentTime1",
    "pId",
    "doctorId",
    "id",
    "comment",
    "lastCreateTime",
    "lastCancelTime",
    "nickNames",
    "tags",
    "isStar",
    "xfield1",
    "username",
    "password",
];

fn query() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just(String::new()),
        "[0-9]{1,12}",
        ".{0,8}",
        Just("2022-01-04 10:23:14".to_owned()),
        Just("2022-01-04".to_owned()),
        Just("1641262994000".to_owned()),
    ];
    prop::collection::btree_map(prop::sample::select(PARAMS), value, 0..8)
        .prop_map(|m| serde_urlencoded::to_string(m).unwrap())
}

/// What the panel sends is what the server reads, as a query string (GET)
/// and as JSON (POST).
fn request_round_trips<E: Endpoint>(q: &str) -> Result<(), TestCaseError>
where
    E::Request: PartialEq + Debug,
{
    let Ok(req) = serde_urlencoded::from_str::<E::Request>(q) else {
        return Ok(());
    };
    if let Ok(again) = scrm_api::query_string(&req) {
        prop_assert_eq!(
            &serde_urlencoded::from_str::<E::Request>(&again).unwrap(),
            &req,
            "{}",
            again
        );
    }
    let body = serde_json::to_string(&req).unwrap();
    prop_assert_eq!(
        &serde_json::from_str::<E::Request>(&body).unwrap(),
        &req,
        "{}",
        body
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn china_time_text_and_epoch_agree(ms in -62_135_596_800_000i64..253_402_271_999_000) {
        let t = Timestamp::from_epoch_ms(ms).unwrap();
        let text = Timestamp::parse(t.display()).unwrap();
        prop_assert_eq!(text.epoch_ms(), ms.div_euclid(1000) * 1000);
        prop_assert_eq!(text.display(), t.display());
        let (y, m, d) = civil_from_days(ms.div_euclid(86_400_000));
        prop_assert_eq!(days_from_civil(y, m, d), ms.div_euclid(86_400_000));
    }

    #[test]
    fn requests_survive_query_string_and_json(q in query()) {
        every_endpoint!(request_round_trips, &q);
    }

    #[test]
    fn arbitrary_json_never_panics(v in any_json()) {
        let body = v.to_string();
        every_endpoint!(never_panics, &body);
    }

    #[test]
    fn arbitrary_text_never_panics(body in ".{0,40}") {
        every_endpoint!(never_panics, &body);
    }

    #[test]
    fn reply_like_json_never_panics(v in reply_like()) {
        let body = v.to_string();
        every_endpoint!(never_panics, &body);
    }

    #[test]
    fn replies_survive_encode_then_decode(v in reply_like()) {
        let body = v.to_string();
        every_endpoint!(survives_round_trip, &body);
    }

    #[test]
    fn arbitrary_json_replies_survive_encode_then_decode(v in any_json()) {
        let body = v.to_string();
        every_endpoint!(survives_round_trip, &body);
    }
}

/// The fixtures are real vendor payloads: each must round-trip through the
/// endpoint it belongs to.
#[test]
fn fixtures_survive_encode_then_decode() -> Result<(), TestCaseError> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let body = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        every_endpoint!(survives_round_trip, &body);
    }
    Ok(())
}
