//! Request types as the reference server receives them: GET parameters through
//! a url-encoded query string (every value a string, `""` meaning absent) and
//! POST bodies as JSON (numbers where the document sends numbers).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scrm_api::call::CustomerInfoByCallRequest;
use scrm_api::chat::ChatRecordRequest;
use scrm_api::clinic::{
    AddAppointmentRequest, AppointmentListRequest, CusIdRequest, TelnumRequest,
};
use scrm_api::customer::{
    BatchSaveNickNameRequest, CustomerPageRequest, DeleteCustomerRequest, DownloadRequest,
    FindContactByTagAllRequest, UpdateCustomerRequest,
};
use scrm_api::manual_task::{
    AddManualTaskBeforeAddFriendRequest, AddManualTaskRequest, ManualTaskDetailRequest,
    ManualTaskListRequest,
};
use scrm_api::query_string;

#[test]
fn customer_page_query_from_document() {
    let q = "customerName=&customerPhone=&tagIds=&beginTime=&endTime=&remarks=&limit=10&pageNo=1";
    let r: CustomerPageRequest = serde_urlencoded::from_str(q).unwrap();
    assert_eq!(
        r,
        CustomerPageRequest {
            limit: Some(10),
            page_no: Some(1),
            ..Default::default()
        }
    );
    let r: CustomerPageRequest = serde_urlencoded::from_str(
        "beginTime=2024-01-01&endTime=2024-01-31%2023%3A59%3A59&tagIds=1%2C2",
    )
    .unwrap();
    assert_eq!(r.begin_time.unwrap().display(), "2024-01-01");
    assert_eq!(r.end_time.unwrap().display(), "2024-01-31 23:59:59");
    assert_eq!(r.tag_ids.as_deref(), Some("1,2"));
    assert!(serde_urlencoded::from_str::<CustomerPageRequest>("beginTime=yesterday").is_err());
}

#[test]
fn get_requests_round_trip_through_query_strings() {
    let r = CustomerPageRequest {
        customer_name: Some("陳 佳&co".into()),
        begin_time: scrm_api::Timestamp::parse("2024-01-01 08:00:00"),
        limit: Some(20),
        ..Default::default()
    };
    let q = query_string(&r).unwrap();
    assert!(
        !q.contains("customerPhone"),
        "None fields are left out: {q}"
    );
    assert_eq!(
        serde_urlencoded::from_str::<CustomerPageRequest>(&q).unwrap(),
        r
    );

    let d: DownloadRequest = serde_urlencoded::from_str(
        "customerName=&customerPhone=&tagIds=&beginTime=&endTime=&remarkName=&wechatUserId=&limit=10&pageNo=1",
    )
    .unwrap();
    assert_eq!(d.limit, Some(10));
    assert_eq!(d.wechat_user_id, None);

    let c: ChatRecordRequest = serde_urlencoded::from_str(
        "adminUserId=33726&wechatUserIds=13806&wechatContactIds=19564131&beginTime=&endTime=&limit=&pageNo=",
    )
    .unwrap();
    assert_eq!(c.admin_user_id, Some(33726));
    assert_eq!(c.wechat_user_ids.as_deref(), Some("13806"));
    assert_eq!(c.limit, None);

    let f: FindContactByTagAllRequest =
        serde_urlencoded::from_str("wechatUserId=746&tagIds=81100608").unwrap();
    assert_eq!(f.wechat_user_id, Some(746));
    assert_eq!(f.tag_ids.as_deref(), Some("81100608"));

    let m: ManualTaskListRequest =
        serde_urlencoded::from_str("pageNo=&limit=20&pepartId=").unwrap();
    assert_eq!(m.limit, Some(20));
    let m: ManualTaskDetailRequest =
        serde_urlencoded::from_str("adminUserId=12206&dialStatus=0&addStatus=").unwrap();
    assert_eq!(
        (m.admin_user_id, m.dial_status, m.add_status),
        (Some(12206), Some(0), None)
    );

    let p: CustomerInfoByCallRequest = serde_urlencoded::from_str("phone=18750920000").unwrap();
    assert_eq!(p.phone.as_deref(), Some("18750920000"));

    let a: AppointmentListRequest = serde_urlencoded::from_str(
        "lastCreateTime=2022-01-04+10%3A23%3A14&lastCompleteTime=&cusId=13510",
    )
    .unwrap();
    assert_eq!(a.last_create_time.unwrap().display(), "2022-01-04 10:23:14");
    assert_eq!(a.last_complete_time, None);
    assert_eq!(a.cus_id, Some(13510));
    assert_eq!(
        serde_urlencoded::from_str::<CusIdRequest>("cusId=")
            .unwrap()
            .cus_id,
        None
    );
    let t: TelnumRequest = serde_urlencoded::from_str("telnum=13800138000").unwrap();
    assert_eq!(t.telnum.as_deref(), Some("13800138000"));
}

#[test]
fn post_bodies_from_document_examples() {
    let u: UpdateCustomerRequest = serde_json::from_str(
        r#"{"customerPhone":"11111122222","customerName":"售前-紅海","nickName":"售前紅海","xfield1":"","remarks":"售前-紅海哥","tags":"","customerId":"3063060","wechatContactId":"19564131","isStar":""}"#,
    )
    .unwrap();
    assert_eq!(u.customer_id, Some(3_063_060));
    assert_eq!(u.wechat_contact_id, Some(19_564_131));
    assert_eq!(u.is_star, None);
    assert_eq!(u.tags.as_deref(), Some(""));

    let d: DeleteCustomerRequest = serde_json::from_str(r#"{"customerId":"3063253"}"#).unwrap();
    assert_eq!(d.customer_id, Some(3_063_253));

    let one: BatchSaveNickNameRequest = serde_json::from_str(
        r#"{"nickNames":{"wechatContactId":47666822,"custName":"陳佳","nickName":"陳佳"}}"#,
    )
    .unwrap();
    assert_eq!(one.nick_names.len(), 1);
    assert_eq!(one.nick_names[0].wechat_contact_id, Some(47_666_822));
    let text: BatchSaveNickNameRequest = serde_json::from_str(
        r#"{"nickNames":"[{\"wechatContactId\":1,\"nickName\":\"a\"},{\"wechatContactId\":2}]"}"#,
    )
    .unwrap();
    assert_eq!(text.nick_names.len(), 2);

    let a: AddManualTaskRequest = serde_json::from_str(
        r#"{"customerName":"ceshi","customerPhone":18750928186,"phoneGeo":"廈門"}"#,
    )
    .unwrap();
    assert_eq!(a.customer_phone.as_deref(), Some("18750928186"));
    let b: AddManualTaskBeforeAddFriendRequest = serde_json::from_str(
        r#"{"customerPhone":"18756666666","uin":"496768729","userName":18756666666}"#,
    )
    .unwrap();
    assert_eq!(b.uin.as_deref(), Some("496768729"));
    assert_eq!(b.user_name.as_deref(), Some("18756666666"));

    let ap: AddAppointmentRequest = serde_json::from_str(
        r#"{"cusId":"13510","type":"1","teamId":"demo","appointmentTime":"2022-01-04 14:30:00","pId":"1,2","doctorId":7}"#,
    )
    .unwrap();
    assert_eq!(ap.kind, Some(1));
    assert_eq!(
        ap.appointment_time.unwrap().display(),
        "2022-01-04 14:30:00"
    );
    let body = serde_json::to_value(AddAppointmentRequest {
        kind: Some(3),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(body, serde_json::json!({"type": 3}));
}
