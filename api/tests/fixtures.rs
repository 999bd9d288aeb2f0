//! Every example reply in the two contract documents, decoded through its
//! endpoint's `decode` and checked against the values the document shows.
//!
//! Fixture repairs (transcription damage only; everything else is verbatim):
//! - `?` runs that stand for whitespace became spaces (findcontactbytagAll,
//!   getCustomerInfoByCall, and every `"code":?400` error example);
//! - findcontactbytagAll's doubled `"data":"data":` key became one `"data":`;
//! - findcontactbytagAll's markdown escapes `\_` became `_`;
//! - getcustomerinfo's missing comma after `status: 1` was added.
//!
//! The clinic examples are JS object literals; converting them to JSON (quoting
//! keys, single to double quotes, dropping `//` comments) is not a repair.
//! addCustomer's "example" is a description (`errNum: xx(...)`), not a value,
//! and getCusInfoByCusId/ByCusTelnum show a field list only: no fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scrm_api::call::{
    CallSource, GetCustomerInfoByCall, GetIsOpenAfterCall, UpdateIsOpenAfterCall,
};
use scrm_api::chat::GetRedisMessageRecord;
use scrm_api::clinic::{
    AddOneAppointment, CancelOneAppointment, ChangeOneAppointment, GetAppointmentList,
    GetCustomerInfo,
};
use scrm_api::customer::{
    BatchSaveNickName, CustomerPage, DeleteCustomer, DownLoad, FindContactByTagAll, UpdateCustomer,
};
use scrm_api::manual_task::{
    AddManualTask, AddManualTaskBeforeAddFriend, DelManualTask, DelManualTaskDetail,
    GetManualTaskDetail, GetManualTaskList,
};
use scrm_api::{Endpoint, ReplyError};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ok<E: Endpoint>(name: &str) -> E::Reply {
    E::decode(200, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn code_err<E: Endpoint>(name: &str) -> ReplyError
where
    E::Reply: std::fmt::Debug,
{
    E::decode(200, &fixture(name)).expect_err(name)
}

fn code(code: i64, msg: &str) -> ReplyError {
    ReplyError::Code {
        code,
        msg: msg.to_owned(),
    }
}

#[test]
fn empty_flat_pages() {
    for r in [
        ok::<CustomerPage>("customer_page.json"),
        ok::<DownLoad>("download.json"),
    ] {
        assert_eq!(r.code, Some(200));
        assert!(r.page.items.is_empty());
        assert_eq!((r.page.count, r.page.page_no, r.page.limit), (0, 1, None));
    }
    let chat = ok::<GetRedisMessageRecord>("get_redis_message_record.json");
    assert!(chat.page.items.is_empty());
    assert_eq!((chat.page.count, chat.page.page_no), (0, 1));
    assert_eq!(ok::<DeleteCustomer>("delete_customer.json").code, Some(200));
}

#[test]
fn update_customer_keeps_both_entities_and_the_pager_html_as_text() {
    let r = ok::<UpdateCustomer>("update_customer.json");
    assert_eq!(r.code, Some(200));
    let c = r.customer.unwrap();
    let cust = &c.record;
    assert_eq!(cust.customer_id, Some(3_063_060));
    assert_eq!(cust.customer_name.as_deref(), Some("售前-紅海"));
    assert_eq!(cust.customer_phone.as_deref(), Some("11111122222"));
    assert_eq!(cust.remarks.as_deref(), Some("售前-紅海哥"));
    assert_eq!(cust.nick_name.as_deref(), Some("售前紅海"));
    assert_eq!(cust.wechat_contact_id, Some(19_564_131));
    assert_eq!(cust.tags.as_deref(), Some(""));
    assert!(cust.tag_ids().is_empty());
    assert_eq!(cust.is_cust, Some(0));
    assert_eq!(cust.xfield1.as_deref(), Some(""));
    let t = cust.last_update_time.as_ref().unwrap();
    assert_eq!(t.epoch_ms(), 1_565_164_517_924);
    assert_eq!(t.display(), "2019-08-07 15:55:17");
    let page = c.page.unwrap();
    assert_eq!(
        (page.page_no, page.page_size, page.count),
        (Some(1), Some(-1), Some(0))
    );
    let html = page.html.unwrap();
    assert!(html.starts_with(
        "<ul>\n<li><a href=\"javascript:\" onclick=\"page(0,-1,'');\">« 上一頁</a></li>"
    ));
    assert!(html.ends_with("<div style=\"clear:both;\"></div>"));
    assert!(html.contains("條,共 0 條"));

    let w = r.wechat_contact.unwrap();
    assert!(w.page.unwrap().html.unwrap().contains("下一頁 »"));
    let w = w.record;
    assert_eq!(w.wechat_contact_id, Some(19_564_131));
    assert_eq!(w.wechat_user_id, Some(13806));
    assert_eq!(w.uin.as_deref(), Some("0"));
    assert_eq!(w.user_name.as_deref(), Some("wxid_8twmv8pkgvox22"));
    assert_eq!(w.nick_name.as_deref(), Some("售前-紅海"));
    assert_eq!(w.sex, Some(1));
    assert_eq!(w.wechat_user_name.as_deref(), Some("wxid_oo8w553uj5g612"));
    assert_eq!(w.wechat_user_uin.as_deref(), Some("663329897"));
    assert_eq!(w.pyinitial.as_deref(), Some("SQHH"));
    assert_eq!(w.pyquan_pin.as_deref(), Some("shouqianhonghai"));
    assert!(w.head_img_url.unwrap().ends_with("/132"));
}

#[test]
fn batch_save_nick_name() {
    let r = ok::<BatchSaveNickName>("batch_save_nick_name.json");
    assert_eq!((r.code, r.msg.as_deref()), (Some(200), Some("保存成功!")));
}

#[test]
fn find_contact_by_tag_all() {
    // Repaired: `?` runs -> spaces, `"data":"data":` -> `"data":`, `\_` -> `_`.
    let r = ok::<FindContactByTagAll>("find_contact_by_tag_all.json");
    assert_eq!(r.msg.as_deref(), Some("操作成功!"));
    assert_eq!(r.data.len(), 1);
    let c = &r.data[0];
    assert_eq!(c.wechat_contact_id, Some(1_000_004_734));
    assert_eq!(c.wechat_user_id, Some(746));
    assert_eq!(c.user_name.as_deref(), Some("wxid_az12gf9ugnoh22"));
    assert_eq!(c.nick_name.as_deref(), Some("broccoli"));
    assert!(c
        .head_img_url
        .as_deref()
        .unwrap()
        .starts_with("http://wx.qlogo.cn/mmhead/ver_1/ibiaQia8"));
    assert_eq!(c.sex, Some(2));
    assert_eq!(c.is_delete, Some(0));
    assert_eq!(c.is_saving, None);
    assert_eq!(c.alias.as_deref(), Some("zzzslcn"));
    assert_eq!(c.wechat_user_name.as_deref(), Some("wxid_jmg3nu2goog222"));
    assert_eq!(c.admin_user_id, Some(11793));
    assert_eq!(c.wechat_user_nick_name.as_deref(), Some("你看那茶樹滿山"));
    assert_eq!(c.customer_nick_name, None);
    assert_eq!(c.pyinitial.as_deref(), Some("BROCCOLI"));
}

#[test]
fn after_call_popup_switch() {
    let r = ok::<GetIsOpenAfterCall>("get_is_open_after_call.json");
    assert_eq!(r.data, Some(0));
    assert!(!r.is_open());
    let r = ok::<UpdateIsOpenAfterCall>("update_is_open_after_call.json");
    assert_eq!((r.code, r.msg.as_deref()), (Some(200), Some("操作成功!")));
}

#[test]
fn customer_info_by_call_source0() {
    // Repaired: `?` runs -> spaces.
    let r = ok::<GetCustomerInfoByCall>("get_customer_info_by_call_source0.json");
    let data = r.data.unwrap();
    assert_eq!(data.source(), CallSource::NotFound);
    assert_eq!(data.customer_list, None);
    assert!(data.customers().is_empty());
}

#[test]
fn manual_task_list_nested_page() {
    let r = ok::<GetManualTaskList>("manual_task_list.json");
    assert_eq!(
        (r.page.count, r.page.page_no, r.page.limit),
        (2, 1, Some(20))
    );
    let owners: Vec<_> = r
        .page
        .items
        .iter()
        .map(|o| (o.admin_user_id, o.real_name.as_deref()))
        .collect();
    assert_eq!(
        owners,
        [
            (Some(11855), Some("hhhaaa")),
            (Some(12206), Some("李小琳e"))
        ]
    );
}

#[test]
fn manual_task_detail_nested_page() {
    let r = ok::<GetManualTaskDetail>("manual_task_detail.json");
    assert_eq!(
        (r.page.count, r.page.page_no, r.page.limit),
        (4, 1, Some(20))
    );
    let e = &r.page.items[0];
    assert_eq!(e.customer_id, Some(19380));
    assert_eq!(e.customer_name.as_deref(), Some("客戶1"));
    assert_eq!(e.customer_phone.as_deref(), Some("18750920000"));
    assert_eq!(e.company.as_deref(), Some("公司1"));
    assert_eq!(e.address, None);
    let t = e.create_time.as_ref().unwrap();
    assert_eq!(t.display(), "2019-11-28 17:17:45");
    assert_eq!(t.epoch_ms(), 1_574_932_665_000);
    assert_eq!(e.nick_name.as_deref(), Some("個性1"));
    assert_eq!(e.admin_user_id, Some(12206));
    assert_eq!(e.syn, Some(1));
    assert_eq!(e.user_name.as_deref(), Some("wxid_001"));
    assert_eq!(e.xfield10, None);
    assert_eq!((e.dial_status, e.add_status), (Some(0), Some(0)));
    assert_eq!((e.task_id, e.order_num), (Some(-1), Some(3)));
}

#[test]
fn manual_task_errors_are_typed_codes() {
    // Repaired in all of these: `"code":?400` -> `"code": 400` (and the same
    // `?` runs before the other values).
    assert_eq!(
        code_err::<GetManualTaskDetail>("manual_task_detail_400.json"),
        code(400, "指定查詢的任務詳情不能為空")
    );
    assert_eq!(ok::<DelManualTask>("del_manual_task.json").code, Some(200));
    assert_eq!(
        code_err::<DelManualTask>("del_manual_task_400.json"),
        code(400, "adminUserId為空")
    );
    assert_eq!(
        ok::<DelManualTaskDetail>("del_manual_task_detail.json").code,
        Some(200)
    );
    assert_eq!(
        code_err::<DelManualTaskDetail>("del_manual_task_detail_400.json"),
        code(400, "customerId為空")
    );
    assert_eq!(ok::<AddManualTask>("add_manual_task.json").code, Some(200));
    assert_eq!(
        code_err::<AddManualTask>("add_manual_task_400.json"),
        code(400, "聯系方式不能為空客戶姓名不能為空所在地區不能為空")
    );
    assert_eq!(
        code_err::<AddManualTaskBeforeAddFriend>("add_manual_task_before_add_friend_400.json"),
        code(400, "聯系方式目標微信號不能為空")
    );
}

#[test]
fn add_manual_task_before_add_friend_answers_the_entry() {
    let r = ok::<AddManualTaskBeforeAddFriend>("add_manual_task_before_add_friend.json");
    let e = r.data.unwrap();
    assert_eq!(e.customer_id, Some(20026));
    assert_eq!(e.customer_name.as_deref(), Some(""));
    assert_eq!(e.customer_phone.as_deref(), Some("18758888888"));
    assert_eq!(e.user_name.as_deref(), Some("3361907914657006851"));
    assert_eq!(e.admin_user_id, Some(11855));
    assert_eq!(e.create_time, None);
    assert_eq!(e.assign_time, None);
    assert_eq!(e.phone_geo.as_deref(), Some(""));
    assert_eq!(e.v1.as_deref(), Some(""));
    assert_eq!(
        (e.dial_status, e.add_status, e.order_num),
        (Some(1), Some(0), Some(0))
    );
    assert_eq!(e.uin, None);
}

#[test]
fn clinic_getcustomerinfo() {
    // Repaired: the comma missing after `status: 1` (before its comment).
    let r = ok::<GetCustomerInfo>("clinic_getcustomerinfo.json");
    assert_eq!(r.err_num, Some(0));
    let c = r.customer_info.unwrap();
    assert_eq!((c.id, c.status), (Some(6), Some(1)));
    assert_eq!(c.head_img.as_deref(), Some("xxxx.jpg"));
    assert_eq!(c.name.as_deref(), Some("xxx"));
    assert_eq!(c.tel.as_deref(), Some("138****1786"));
}

#[test]
fn clinic_appointment_writes() {
    let r = ok::<AddOneAppointment>("clinic_add_one_appointment.json");
    assert_eq!((r.err_num, r.appointment_id), (Some(0), Some(198)));
    assert_eq!(
        ok::<ChangeOneAppointment>("clinic_change_one_appointment.json").err_num,
        Some(0)
    );
    assert_eq!(
        ok::<CancelOneAppointment>("clinic_cancel_one_appointment.json").err_num,
        Some(0)
    );
}

#[test]
fn clinic_appointment_list() {
    let r = ok::<GetAppointmentList>("clinic_get_appointment_list.json");
    assert_eq!(r.create_total, Some(1));
    assert_eq!(r.complete_total, Some(1));
    assert_eq!((r.appointment_total, r.cancel_total), (Some(0), Some(0)));
    assert!(r.appointment_list.is_empty() && r.cancel_list.is_empty());
    let a = &r.create_list[0];
    assert_eq!(
        (a.id, a.cus_id, a.u_id),
        (Some(898), Some(13510), Some(10107))
    );
    assert_eq!(a.team_id.as_deref(), Some("demo"));
    assert_eq!(a.comment.as_deref(), Some("备注"));
    assert_eq!(a.content.as_deref(), Some("韩式三点双眼皮2"));
    assert_eq!(
        a.create_time.as_ref().unwrap().display(),
        "2022-01-04 10:23:14"
    );
    assert_eq!(
        a.appointment_time.as_ref().unwrap().display(),
        "2022-01-04 14:30:00"
    );
    assert_eq!(
        a.complete_time.as_ref().unwrap().display(),
        "2022-01-04 10:25:16"
    );
    assert_eq!(
        (a.appointment_time1.as_ref(), a.cancel_time.as_ref()),
        (None, None)
    );
    assert_eq!(
        (a.kind, a.doctor_id, a.p_id.as_deref()),
        (Some(3), None, None)
    );
    let c = &r.complete_list[0];
    assert_eq!((c.id, c.cus_id), (Some(931), Some(13552)));
    assert_eq!(c.content.as_deref(), Some("全身白瓷3次 韩式三点双眼皮1"));
    assert_eq!(
        c.complete_time.as_ref().unwrap().display(),
        "2022-02-09 16:41:06"
    );
}

#[test]
fn clinic_error_and_http_failures() {
    let e = GetAppointmentList::decode(200, r#"{"errNum":1002,"errMsg":"参数错误"}"#);
    assert_eq!(
        e,
        Err(ReplyError::ErrNum {
            err_num: 1002,
            err_msg: "参数错误".into()
        })
    );
    assert_eq!(CustomerPage::decode(401, ""), Err(ReplyError::Unauthorized));
    assert!(matches!(
        CustomerPage::decode(502, "<html>bad gateway</html>"),
        Err(ReplyError::Http { status: 502, .. })
    ));
}

#[test]
fn replies_that_are_not_an_envelope_are_told_apart() {
    // A 2xx that is not JSON, or JSON that is not an object, is a reply the
    // panel cannot read; a non-2xx that is not JSON is the HTTP failure.
    for body in ["<html>ok</html>", "", "\"text\"", r#"{"code":200,"data":"#] {
        assert!(
            matches!(
                CustomerPage::decode(200, body),
                Err(ReplyError::Undecodable(_))
            ),
            "{body:?}"
        );
    }
    assert!(matches!(
        CustomerPage::decode(500, ""),
        Err(ReplyError::Http { status: 500, .. })
    ));
    // A non-2xx with the vendor's envelope says the vendor's words.
    assert_eq!(
        CustomerPage::decode(500, r#"{"code":500,"msg":"系统繁忙"}"#),
        Err(ReplyError::Code {
            code: 500,
            msg: "系统繁忙".into()
        })
    );
    // A 2xx without `code` whose data has the wrong shape is undecodable, not empty.
    assert!(matches!(
        CustomerPage::decode(200, r#"{"data":"not a list"}"#),
        Err(ReplyError::Undecodable(_))
    ));
}

#[test]
fn both_page_envelopes_and_their_quirks_read_the_same() {
    let rows = |body: &str| {
        let r = GetManualTaskList::decode(200, body).unwrap_or_else(|e| panic!("{body}: {e}"));
        (
            r.page.items.len(),
            r.page.count,
            r.page.page_no,
            r.page.limit,
        )
    };
    let row = r#"{"adminUserId":"7","name":"张三"}"#;
    // Flat: the list in `data`, paging beside it, numbers as text, unknown keys skipped.
    assert_eq!(
        rows(&format!(
            r#"{{"code":"200","data":[{row},{row}],"count":"12","pageNo":"2","extra":{{"a":[1]}}}}"#
        )),
        (2, 12, 2, None)
    );
    // Nested: paging inside wins; what is missing inside comes from outside.
    assert_eq!(
        rows(&format!(
            r#"{{"code":200,"msg":"ok","count":99,"limit":5,"data":{{"data":[{row}],"count":3,"pageNo":1}}}}"#
        )),
        (1, 3, 1, Some(5))
    );
    // `data` null, or its list null: an empty page, counted from the rows.
    assert_eq!(rows(r#"{"code":200,"data":null}"#), (0, 0, 1, None));
    assert_eq!(
        rows(r#"{"code":200,"data":{"data":null,"count":0}}"#),
        (0, 0, 1, None)
    );
    // `data` of another kind is a reply the panel cannot read.
    assert!(matches!(
        GetManualTaskList::decode(200, r#"{"code":200,"data":"rows"}"#),
        Err(ReplyError::Undecodable(_))
    ));
}
