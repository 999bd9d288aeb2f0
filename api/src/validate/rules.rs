//! The rules per request type. Each `validate()` reports every problem at
//! once, in form order, so the panel can mark all bad inputs in one pass.

use super::{normalize_mainland_mobile, FieldError, Problem};
use crate::call::{CustomerInfoByCallRequest, UpdateIsOpenRequest};
use crate::chat::ChatRecordRequest;
use crate::clinic::{
    appointment_type, AddAppointmentRequest, AddCustomerRequest, CancelAppointmentRequest,
    ChangeAppointmentRequest,
};
use crate::customer::{
    BatchSaveNickNameRequest, CustomerPageRequest, DeleteCustomerRequest, DownloadRequest,
    UpdateCustomerRequest,
};
use crate::manual_task::{
    AddManualTaskBeforeAddFriendRequest, AddManualTaskRequest, DelManualTaskDetailRequest,
    DelManualTaskRequest, ManualTaskDetailRequest, ManualTaskListRequest,
};
use crate::time::{is_valid_date, Timestamp};

/// Maximum lengths in characters. The vendor documents none; these fit its
/// database columns as far as its replies show and keep the panel's tables
/// readable.
pub mod limits {
    pub const NAME: usize = 50;
    pub const PHONE_TEXT: usize = 20;
    pub const REMARKS: usize = 500;
    pub const TAGS: usize = 500;
    pub const XFIELD: usize = 200;
    pub const ADDRESS: usize = 200;
    pub const COMPANY: usize = 100;
    pub const USER_NAME: usize = 100;
    pub const REGION: usize = 50;
    pub const ERP_ID_DIGITS: usize = 11;
    pub const UIN_DIGITS: usize = 20;
    /// Largest page a list request may ask for; bigger pages make the vendor
    /// time out long before the panel could show them.
    pub const PAGE_SIZE: i64 = 500;
    /// Longest text a list filter searches for: longer never matches a
    /// stored value, and SQL LIKE patterns have a length limit.
    pub const FILTER: usize = 100;
}

type Result = std::result::Result<(), Vec<FieldError>>;

#[derive(Default)]
struct Check(Vec<FieldError>);

fn blank(v: &Option<String>) -> bool {
    v.as_deref().is_none_or(|s| s.trim().is_empty())
}

impl Check {
    fn fail(&mut self, field: &'static str, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }
    fn text(&mut self, field: &'static str, v: &Option<String>) {
        if blank(v) {
            self.fail(field, Problem::Required);
        }
    }
    fn some<T>(&mut self, field: &'static str, v: &Option<T>) {
        if v.is_none() {
            self.fail(field, Problem::Required);
        }
    }
    fn max(&mut self, field: &'static str, v: &Option<String>, max: usize) {
        if v.as_deref().is_some_and(|s| s.chars().count() > max) {
            self.fail(field, Problem::TooLong { max });
        }
    }
    /// Format only; a blank value is left to `text`.
    fn mobile(&mut self, field: &'static str, v: &Option<String>) {
        if let Some(s) = v.as_deref().filter(|s| !s.trim().is_empty()) {
            if let Err(e) = normalize_mainland_mobile(s) {
                self.fail(field, Problem::Phone(e));
            }
        }
    }
    fn digits(&mut self, field: &'static str, v: &Option<String>, max: usize) {
        if let Some(s) = v.as_deref().filter(|s| !s.is_empty()) {
            if s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
                self.fail(field, Problem::NotDigits { max });
            }
        }
    }
    fn one_of(&mut self, field: &'static str, v: Option<i64>, allowed: &[i64]) {
        if v.is_some_and(|x| !allowed.contains(&x)) {
            self.fail(field, Problem::NotOneOf);
        }
    }
    fn done(self) -> Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Paging and an optional time window, common to every list request.
fn list_rules(
    c: &mut Check,
    limit: Option<i64>,
    page_no: Option<i64>,
    window: Option<(&Option<Timestamp>, &Option<Timestamp>)>,
) {
    if limit.is_some_and(|l| !(1..=limits::PAGE_SIZE).contains(&l)) {
        c.fail(
            "limit",
            Problem::OutOfRange {
                min: 1,
                max: limits::PAGE_SIZE,
            },
        );
    }
    if page_no.is_some_and(|p| p < 1) {
        c.fail(
            "pageNo",
            Problem::OutOfRange {
                min: 1,
                max: i64::from(i32::MAX),
            },
        );
    }
    if let Some((Some(begin), Some(end))) = window {
        if end.epoch_ms() < begin.epoch_ms() {
            c.fail("endTime", Problem::BeforeStart);
        }
    }
}

impl CustomerPageRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        list_rules(
            &mut c,
            self.limit,
            self.page_no,
            Some((&self.begin_time, &self.end_time)),
        );
        self.filters(&mut c);
        c.done()
    }

    /// Only the text filters' lengths: what a server checks before
    /// searching (it clamps paging instead of refusing it).
    pub fn validate_filters(&self) -> Result {
        let mut c = Check::default();
        self.filters(&mut c);
        c.done()
    }

    fn filters(&self, c: &mut Check) {
        c.max("customerName", &self.customer_name, limits::FILTER);
        c.max("customerPhone", &self.customer_phone, limits::FILTER);
        c.max("remarks", &self.remarks, limits::FILTER);
    }
}

impl DownloadRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        list_rules(
            &mut c,
            self.limit,
            self.page_no,
            Some((&self.begin_time, &self.end_time)),
        );
        self.filters(&mut c);
        c.done()
    }

    /// See [`CustomerPageRequest::validate_filters`].
    pub fn validate_filters(&self) -> Result {
        let mut c = Check::default();
        self.filters(&mut c);
        c.done()
    }

    fn filters(&self, c: &mut Check) {
        c.max("customerName", &self.customer_name, limits::FILTER);
        c.max("customerPhone", &self.customer_phone, limits::FILTER);
        c.max("remarkName", &self.remark_name, limits::FILTER);
    }
}

impl ChatRecordRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        list_rules(
            &mut c,
            self.limit,
            self.page_no,
            Some((&self.begin_time, &self.end_time)),
        );
        c.done()
    }
}

impl ManualTaskListRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        list_rules(&mut c, self.limit, self.page_no, None);
        c.done()
    }
}

/// Whether `s` is `YYYY-MM-DD` (PHP's `Y-m-d`) naming a real day.
pub fn is_ymd(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    match (shape, num(0..4), num(5..7), num(8..10)) {
        (true, Some(y), Some(m), Some(d)) => is_valid_date(i64::from(y), m, d),
        _ => false,
    }
}

/// The SDK defaults `type` to 2, so a doctor with no type is refused too.
fn appointment_rules(
    c: &mut Check,
    kind: Option<i64>,
    doctor_id: Option<i64>,
    start: &Option<Timestamp>,
    end: &Option<Timestamp>,
    content: &Option<String>,
    comment: &Option<String>,
) {
    c.one_of("type", kind, &[0, 1, 2, 3]);
    if doctor_id.is_some()
        && kind.unwrap_or(appointment_type::CUSTOMER_ONLINE) != appointment_type::SURGERY
    {
        c.fail("doctorId", Problem::OnlyForSurgery);
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e.epoch_ms() < s.epoch_ms() {
            c.fail("appointmentTime1", Problem::BeforeStart);
        }
    }
    c.max("content", content, limits::REMARKS);
    c.max("comment", comment, limits::REMARKS);
}

impl UpdateCustomerRequest {
    /// The phone's format is not enforced here: the document's own example
    /// saves `11111122222`, and refusing to save a customer whose old number
    /// is odd would block every other edit.
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("customerId", &self.customer_id);
        c.max("customerName", &self.customer_name, limits::NAME);
        c.max("customerPhone", &self.customer_phone, limits::PHONE_TEXT);
        c.max("nickName", &self.nick_name, limits::NAME);
        c.max("remarks", &self.remarks, limits::REMARKS);
        c.max("tags", &self.tags, limits::TAGS);
        c.max("xfield1", &self.xfield1, limits::XFIELD);
        c.one_of("isStar", self.is_star, &[0, 1]);
        c.done()
    }
}

impl DeleteCustomerRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("customerId", &self.customer_id);
        c.done()
    }
}

impl BatchSaveNickNameRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        if self.nick_names.is_empty() {
            c.fail("nickNames", Problem::Required);
        }
        for n in &self.nick_names {
            c.some("wechatContactId", &n.wechat_contact_id);
            c.max("nickName", &n.nick_name, limits::NAME);
            c.max("custName", &n.cust_name, limits::NAME);
        }
        c.done()
    }
}

impl UpdateIsOpenRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("isOpen", &self.is_open);
        c.one_of("isOpen", self.is_open, &[0, 1]);
        c.done()
    }
}

impl CustomerInfoByCallRequest {
    /// Any dialled number may be looked up, landlines included: no format.
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.text("phone", &self.phone);
        c.done()
    }
}

impl ManualTaskDetailRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("adminUserId", &self.admin_user_id);
        list_rules(&mut c, self.limit, self.page_no, None);
        c.one_of("dialStatus", self.dial_status, &[0, 1]);
        self.filters(&mut c);
        c.done()
    }

    /// See [`CustomerPageRequest::validate_filters`].
    pub fn validate_filters(&self) -> Result {
        let mut c = Check::default();
        self.filters(&mut c);
        c.done()
    }

    fn filters(&self, c: &mut Check) {
        c.max("company", &self.company, limits::FILTER);
        c.max("customerName", &self.customer_name, limits::FILTER);
        c.max("userName", &self.user_name, limits::FILTER);
    }
}

impl DelManualTaskRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("adminUserId", &self.admin_user_id);
        c.done()
    }
}

impl DelManualTaskDetailRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("customerId", &self.customer_id);
        c.done()
    }
}

impl AddManualTaskRequest {
    /// Manual entries exist to be dialled and found on WeChat by number, so
    /// the phone must be a mainland mobile.
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.text("customerPhone", &self.customer_phone);
        c.text("customerName", &self.customer_name);
        c.text("phoneGeo", &self.phone_geo);
        c.mobile("customerPhone", &self.customer_phone);
        c.max("customerName", &self.customer_name, limits::NAME);
        c.max("phoneGeo", &self.phone_geo, limits::REGION);
        c.max("nickName", &self.nick_name, limits::NAME);
        c.max("address", &self.address, limits::ADDRESS);
        c.max("company", &self.company, limits::COMPANY);
        c.max("userName", &self.user_name, limits::USER_NAME);
        c.max("tags", &self.tags, limits::TAGS);
        let custom = [
            ("xfield1", &self.xfield1),
            ("xfield2", &self.xfield2),
            ("xfield3", &self.xfield3),
            ("xfield4", &self.xfield4),
            ("xfield5", &self.xfield5),
            ("xfield6", &self.xfield6),
            ("xfield7", &self.xfield7),
            ("xfield8", &self.xfield8),
            ("xfield9", &self.xfield9),
            ("xfield10", &self.xfield10),
        ];
        for (field, value) in custom {
            c.max(field, value, limits::XFIELD);
        }
        c.done()
    }
}

impl AddManualTaskBeforeAddFriendRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.text("customerPhone", &self.customer_phone);
        c.text("uin", &self.uin);
        c.mobile("customerPhone", &self.customer_phone);
        c.digits("uin", &self.uin, limits::UIN_DIGITS);
        c.max("userName", &self.user_name, limits::USER_NAME);
        c.done()
    }
}

/// addManualTask's 400 `msg`, exactly as the vendor words it: each missing
/// field's "…不能為空" in the order phone, name, region, run together. The
/// document's example is all three: "聯系方式不能為空客戶姓名不能為空所在地區不能為空".
/// `None` when nothing required is missing.
pub fn add_manual_task_server_msg(req: &AddManualTaskRequest) -> Option<String> {
    let msg: String = [
        (&req.customer_phone, "聯系方式不能為空"),
        (&req.customer_name, "客戶姓名不能為空"),
        (&req.phone_geo, "所在地區不能為空"),
    ]
    .iter()
    .filter(|(v, _)| blank(v))
    .map(|(_, m)| *m)
    .collect();
    (!msg.is_empty()).then_some(msg)
}

/// addManualTaskBeforeAddFriend's 400 `msg`. The document shows only the
/// both-missing case, "聯系方式目標微信號不能為空": unlike addManualTask the
/// suffix appears once, so this server joins the missing fields' names
/// (聯系方式 for customerPhone, 目標微信號 for uin, in that order) and adds
/// "不能為空" once: "聯系方式不能為空" or "目標微信號不能為空" alone. userName,
/// marked required in the table, is not named in the message and not checked.
pub fn add_manual_task_before_add_friend_server_msg(
    req: &AddManualTaskBeforeAddFriendRequest,
) -> Option<String> {
    let names: String = [(&req.customer_phone, "聯系方式"), (&req.uin, "目標微信號")]
        .iter()
        .filter(|(v, _)| blank(v))
        .map(|(_, m)| *m)
        .collect();
    (!names.is_empty()).then(|| names + "不能為空")
}

impl AddCustomerRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.text("name", &self.name);
        c.text("telnum", &self.telnum);
        c.mobile("telnum", &self.telnum);
        c.max("name", &self.name, limits::NAME);
        c.digits("erpId", &self.erp_id, limits::ERP_ID_DIGITS);
        c.one_of("sex", self.sex, &[0, 1, 2]);
        if let Some(b) = self.birthday.as_deref().filter(|b| !b.is_empty()) {
            if !is_ymd(b) {
                c.fail("birthday", Problem::InvalidDate);
            }
        }
        c.max("channelName", &self.channel_name, limits::NAME);
        c.max("channelUserName", &self.channel_user_name, limits::NAME);
        c.max("preConsultName", &self.pre_consult_name, limits::NAME);
        c.max("ownerName", &self.owner_name, limits::NAME);
        c.max("description", &self.description, limits::REMARKS);
        c.done()
    }
}

impl AddAppointmentRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        if self.cus_id.is_none() && blank(&self.telnum) {
            c.fail("cusId", Problem::EitherRequired { other: "telnum" });
        }
        c.mobile("telnum", &self.telnum);
        c.some("appointmentTime", &self.appointment_time);
        appointment_rules(
            &mut c,
            self.kind,
            self.doctor_id,
            &self.appointment_time,
            &self.appointment_time1,
            &self.content,
            &self.comment,
        );
        c.done()
    }
}

impl ChangeAppointmentRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("id", &self.id);
        appointment_rules(
            &mut c,
            self.kind,
            self.doctor_id,
            &self.appointment_time,
            &self.appointment_time1,
            &self.content,
            &self.comment,
        );
        c.done()
    }
}

impl CancelAppointmentRequest {
    pub fn validate(&self) -> Result {
        let mut c = Check::default();
        c.some("id", &self.id);
        c.max("comment", &self.comment, limits::REMARKS);
        c.done()
    }
}
