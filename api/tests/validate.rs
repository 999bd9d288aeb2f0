//! Validation rules as the panel and the server both apply them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scrm_api::clinic::{AddAppointmentRequest, AddCustomerRequest, ChangeAppointmentRequest};
use scrm_api::customer::UpdateCustomerRequest;
use scrm_api::manual_task::{AddManualTaskBeforeAddFriendRequest, AddManualTaskRequest};
use scrm_api::validate::{
    add_manual_task_before_add_friend_server_msg, add_manual_task_server_msg, is_ymd,
    join_messages, FieldError, Lang, PhoneError, Problem,
};
use scrm_api::Timestamp;

fn fields(r: Result<(), Vec<FieldError>>) -> Vec<(&'static str, Problem)> {
    r.err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn add_manual_task_reports_every_missing_field_in_document_order() {
    let empty = AddManualTaskRequest {
        customer_name: Some("  ".into()),
        ..Default::default()
    };
    assert_eq!(
        fields(empty.validate()),
        [
            ("customerPhone", Problem::Required),
            ("customerName", Problem::Required),
            ("phoneGeo", Problem::Required),
        ]
    );
    assert_eq!(
        add_manual_task_server_msg(&empty).as_deref(),
        Some("聯系方式不能為空客戶姓名不能為空所在地區不能為空")
    );
    let no_geo = AddManualTaskRequest {
        customer_name: Some("ceshi".into()),
        customer_phone: Some("18750928186".into()),
        ..Default::default()
    };
    assert_eq!(
        add_manual_task_server_msg(&no_geo).as_deref(),
        Some("所在地區不能為空")
    );
    let no_name = AddManualTaskRequest {
        phone_geo: Some("廈門".into()),
        ..no_geo.clone()
    };
    assert_eq!(no_name.validate(), Ok(()));
    assert_eq!(add_manual_task_server_msg(&no_name), None);

    let errs = empty.validate().unwrap_err();
    assert_eq!(errs[0].message(Lang::ZhTw), "聯系方式不能為空");
    assert_eq!(errs[1].message(Lang::ZhCn), "客户姓名不能为空");
    assert_eq!(errs[2].message(Lang::En), "Region is required");
    assert_eq!(
        join_messages(&errs, Lang::En),
        "Phone is required; Customer name is required; Region is required"
    );
}

#[test]
fn before_add_friend_message_follows_the_documented_example() {
    let none = AddManualTaskBeforeAddFriendRequest::default();
    assert_eq!(
        add_manual_task_before_add_friend_server_msg(&none).as_deref(),
        Some("聯系方式目標微信號不能為空")
    );
    let no_uin = AddManualTaskBeforeAddFriendRequest {
        customer_phone: Some("18756666666".into()),
        ..Default::default()
    };
    assert_eq!(
        add_manual_task_before_add_friend_server_msg(&no_uin).as_deref(),
        Some("目標微信號不能為空")
    );
    assert_eq!(fields(no_uin.validate()), [("uin", Problem::Required)]);
    let bad = AddManualTaskBeforeAddFriendRequest {
        customer_phone: Some("1875666666".into()),
        uin: Some("49676x".into()),
        ..Default::default()
    };
    assert_eq!(
        fields(bad.validate()),
        [
            ("customerPhone", Problem::Phone(PhoneError::WrongLength(10))),
            ("uin", Problem::NotDigits { max: 20 }),
        ]
    );
}

#[test]
fn update_customer_lengths_but_not_phone_format() {
    let doc_example: UpdateCustomerRequest = serde_json::from_str(
        r#"{"customerPhone":"11111122222","customerName":"售前-紅海","nickName":"售前紅海","xfield1":"","remarks":"售前-紅海哥","tags":"","customerId":"3063060","wechatContactId":19564131,"isStar":""}"#,
    )
    .unwrap();
    assert_eq!(doc_example.validate(), Ok(()));
    let long = UpdateCustomerRequest {
        customer_name: Some("名".repeat(51)),
        remarks: Some("x".repeat(501)),
        is_star: Some(2),
        ..Default::default()
    };
    assert_eq!(
        fields(long.validate()),
        [
            ("customerId", Problem::Required),
            ("customerName", Problem::TooLong { max: 50 }),
            ("remarks", Problem::TooLong { max: 500 }),
            ("isStar", Problem::NotOneOf),
        ]
    );
    assert_eq!(
        FieldError::new("customerName", Problem::TooLong { max: 50 }).message(Lang::ZhTw),
        "客戶姓名不能超過50個字"
    );
}

#[test]
fn add_customer_rules() {
    let ok = AddCustomerRequest {
        name: Some("张三".into()),
        telnum: Some("+86 138-0013-8000".into()),
        erp_id: Some("12345678901".into()),
        sex: Some(2),
        birthday: Some("2000-02-29".into()),
        ..Default::default()
    };
    assert_eq!(ok.validate(), Ok(()));
    let bad = AddCustomerRequest {
        name: None,
        telnum: Some("12800138000".into()),
        erp_id: Some("123456789012".into()),
        sex: Some(3),
        birthday: Some("1900-02-29".into()),
        ..Default::default()
    };
    assert_eq!(
        fields(bad.validate()),
        [
            ("name", Problem::Required),
            ("telnum", Problem::Phone(PhoneError::NotMobile)),
            ("erpId", Problem::NotDigits { max: 11 }),
            ("sex", Problem::NotOneOf),
            ("birthday", Problem::InvalidDate),
        ]
    );
    assert!(is_ymd("2024-12-31"));
    for b in [
        "2024-1-31",
        "2024-02-30",
        "24-01-01",
        "2024/01/01",
        "2024-01-01 00:00:00",
    ] {
        assert!(!is_ymd(b), "{b}");
    }
    assert_eq!(
        FieldError::new("erpId", Problem::NotDigits { max: 11 }).message(Lang::En),
        "Member ID must be at most 11 digits"
    );
}

#[test]
fn appointment_type_and_doctor() {
    let t = |s: &str| Timestamp::parse(s);
    let surgery = AddAppointmentRequest {
        cus_id: Some(13510),
        kind: Some(1),
        doctor_id: Some(7),
        appointment_time: t("2022-01-04 14:30:00"),
        appointment_time1: t("2022-01-04 15:30:00"),
        ..Default::default()
    };
    assert_eq!(surgery.validate(), Ok(()));
    let default_type_with_doctor = AddAppointmentRequest {
        kind: None,
        appointment_time1: t("2022-01-04 14:00:00"),
        ..surgery.clone()
    };
    assert_eq!(
        fields(default_type_with_doctor.validate()),
        [
            ("doctorId", Problem::OnlyForSurgery),
            ("appointmentTime1", Problem::BeforeStart),
        ]
    );
    let nobody = AddAppointmentRequest {
        kind: Some(4),
        ..Default::default()
    };
    assert_eq!(
        fields(nobody.validate()),
        [
            ("cusId", Problem::EitherRequired { other: "telnum" }),
            ("appointmentTime", Problem::Required),
            ("type", Problem::NotOneOf),
        ]
    );
    assert_eq!(
        FieldError::new("cusId", Problem::EitherRequired { other: "telnum" }).message(Lang::ZhCn),
        "顾客ID和手机号至少填写一个"
    );
    let change = ChangeAppointmentRequest {
        kind: Some(3),
        doctor_id: Some(1),
        ..Default::default()
    };
    assert_eq!(
        fields(change.validate()),
        [
            ("id", Problem::Required),
            ("doctorId", Problem::OnlyForSurgery)
        ]
    );
}

#[test]
fn list_paging_and_time_window() {
    use scrm_api::customer::CustomerPageRequest;
    let ok: CustomerPageRequest =
        serde_urlencoded::from_str("beginTime=2024-01-01&endTime=2024-01-31&limit=10&pageNo=1")
            .unwrap();
    assert_eq!(ok.validate(), Ok(()));
    let bad: CustomerPageRequest =
        serde_urlencoded::from_str("beginTime=2024-02-01&endTime=2024-01-31&limit=0&pageNo=0")
            .unwrap();
    assert_eq!(
        fields(bad.validate()),
        [
            ("limit", Problem::OutOfRange { min: 1, max: 500 }),
            (
                "pageNo",
                Problem::OutOfRange {
                    min: 1,
                    max: i64::from(i32::MAX)
                }
            ),
            ("endTime", Problem::BeforeStart),
        ]
    );
    assert_eq!(
        FieldError::new("limit", Problem::OutOfRange { min: 1, max: 500 }).message(Lang::ZhTw),
        "每頁筆數應在1到500之間"
    );
}

#[test]
fn each_custom_field_reports_its_own_length_problem() {
    let long = "长".repeat(1000);
    let entry = AddManualTaskRequest {
        customer_name: Some("王五".into()),
        customer_phone: Some("13800000009".into()),
        phone_geo: Some("厦门".into()),
        xfield3: Some(long.clone()),
        xfield10: Some(long),
        ..Default::default()
    };
    let errs = entry.validate().unwrap_err();
    let named: Vec<&str> = errs.iter().map(|e| e.field).collect();
    assert_eq!(named, ["xfield3", "xfield10"]);
    assert!(errs[0]
        .message(Lang::ZhCn)
        .starts_with("自定义字段 3不能超过"));
    assert!(errs[1]
        .message(Lang::En)
        .starts_with("Custom field 10 must be at most"));
}
