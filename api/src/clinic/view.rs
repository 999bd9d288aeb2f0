//! Browser-free rules behind the panel's clinic pages: which look-up a URL
//! asks for, how the SDK's loosely described nested objects read as text,
//! the add-customer and appointment drafts, and the agenda. Kept here so
//! `cargo test` checks them natively.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    AddAppointmentRequest, AddCustomerRequest, Appointment, ChangeAppointmentRequest, CusIdRequest,
    CustomerInfoRequest, TelnumRequest,
};
use crate::time::{civil_from_days, Timestamp, CHINA_OFFSET_MS};

const DAY_MS: i64 = 86_400_000;

/// One of the three ways `/clinic` finds a customer, as kept in its URL
/// (`?telnum=`, `?cusId=`, `?openId=&wxappId=`) so a reload or a shared link
/// shows the same profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Phone(String),
    CusId(i64),
    OpenId { open_id: String, wxapp_id: String },
}

impl Lookup {
    /// Reads the URL's parameters; `None` when they name no complete look-up
    /// (a blank phone, a non-numeric id, an openId without its app id).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Option<Lookup> {
        let val = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        if let Some(id) = val("cusId") {
            return id.parse().ok().map(Lookup::CusId);
        }
        if let Some(tel) = val("telnum") {
            return Some(Lookup::Phone(tel));
        }
        match (val("openId"), val("wxappId")) {
            (Some(open_id), Some(wxapp_id)) => Some(Lookup::OpenId { open_id, wxapp_id }),
            _ => None,
        }
    }

    /// The `/clinic?...` path showing this look-up.
    pub fn to_path(&self) -> String {
        let q = match self {
            Lookup::Phone(t) => crate::query_string(&TelnumRequest {
                telnum: Some(t.clone()),
            }),
            Lookup::CusId(id) => crate::query_string(&CusIdRequest { cus_id: Some(*id) }),
            Lookup::OpenId { open_id, wxapp_id } => crate::query_string(&CustomerInfoRequest {
                open_id: Some(open_id.clone()),
                wxapp_id: Some(wxapp_id.clone()),
            }),
        };
        format!("/clinic?{}", q.unwrap_or_default())
    }
}

/// The name of a linked channel or staff member (`{id, name}` in the
/// reference server; the SDK does not describe it, so a bare string or a
/// `realname`/`nickname` key is read too).
pub fn related_name(v: &Option<Value>) -> Option<String> {
    match v.as_ref()? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Object(m) => ["name", "realname", "realName", "nickname", "nickName"]
            .iter()
            .find_map(|k| match m.get(*k) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                _ => None,
            }),
        _ => None,
    }
}

/// Names of the official accounts a customer follows (`wxScenesBind`): a
/// list of objects with a `name` (or `appid` when unnamed), or of strings.
pub fn followed_accounts(v: &Option<Value>) -> Vec<String> {
    let one = |item: &Value| match item {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => ["name", "nickName", "appid", "appId"]
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_owned)),
        _ => None,
    };
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(one).collect(),
        Some(item @ Value::Object(_)) => one(item).into_iter().collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Whether an image or link address may be used: http(s) only.
pub fn is_http_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("https://") || s.starts_with("http://")
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The add-customer form as typed, kept in session storage so nothing is
/// lost to a failed request or a reload.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerDraft {
    pub name: String,
    pub telnum: String,
    pub erp_id: String,
    /// `""`, `"1"` or `"2"`.
    pub sex: String,
    pub birthday: String,
    pub channel_name: String,
    pub channel_user_name: String,
    pub pre_consult_name: String,
    pub owner_name: String,
    pub description: String,
}

impl CustomerDraft {
    pub fn request(&self) -> AddCustomerRequest {
        AddCustomerRequest {
            name: opt(&self.name),
            telnum: opt(&self.telnum),
            erp_id: opt(&self.erp_id),
            sex: self.sex.trim().parse().ok(),
            birthday: opt(&self.birthday),
            channel_name: opt(&self.channel_name),
            channel_user_name: opt(&self.channel_user_name),
            pre_consult_name: opt(&self.pre_consult_name),
            owner_name: opt(&self.owner_name),
            description: opt(&self.description),
        }
    }
}

/// Why an appointment draft cannot become a request before validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftError {
    /// A field that must be a whole number is not (wire name).
    NotANumber(&'static str),
    /// A time field that is not `YYYY-MM-DD HH:MM[:SS]` (wire name).
    BadTime(&'static str),
}

impl DraftError {
    pub fn field(self) -> &'static str {
        match self {
            DraftError::NotANumber(f) | DraftError::BadTime(f) => f,
        }
    }
}

/// The appointment form as typed (create and change share it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppointmentDraft {
    pub cus_id: String,
    pub telnum: String,
    /// `"0"`, `"1"`, `"2"` or `"3"`.
    pub kind: String,
    pub content: String,
    pub comment: String,
    pub start: String,
    pub end: String,
    pub p_id: String,
    pub doctor_id: String,
    pub technician_id: String,
}

fn num(field: &'static str, s: &str, errs: &mut Vec<DraftError>) -> Option<i64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let n = t.parse().ok();
    if n.is_none() {
        errs.push(DraftError::NotANumber(field));
    }
    n
}

fn time(field: &'static str, s: &str, errs: &mut Vec<DraftError>) -> Option<Timestamp> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    // Only wall-clock text: digits alone would read as epoch milliseconds.
    let ts = Timestamp::parse(t).filter(|_| t.contains('-'));
    if ts.is_none() {
        errs.push(DraftError::BadTime(field));
    }
    ts
}

impl AppointmentDraft {
    /// The draft of an existing appointment, for changing it.
    pub fn of(a: &Appointment) -> Self {
        let t = |t: &Option<Timestamp>| t.as_ref().map(|t| t.display().to_owned());
        AppointmentDraft {
            cus_id: a.cus_id.map(|v| v.to_string()).unwrap_or_default(),
            telnum: String::new(),
            kind: a.kind.map(|v| v.to_string()).unwrap_or_default(),
            content: a.content.clone().unwrap_or_default(),
            comment: a.comment.clone().unwrap_or_default(),
            start: t(&a.appointment_time).unwrap_or_default(),
            end: t(&a.appointment_time1).unwrap_or_default(),
            p_id: a.p_id.clone().unwrap_or_default(),
            doctor_id: a.doctor_id.map(|v| v.to_string()).unwrap_or_default(),
            technician_id: a.technician_id.map(|v| v.to_string()).unwrap_or_default(),
        }
    }

    /// Whether the doctor field applies (surgery only).
    pub fn is_surgery(&self) -> bool {
        self.kind.trim() == "1"
    }

    pub fn add_request(&self) -> Result<AddAppointmentRequest, Vec<DraftError>> {
        let mut e = Vec::new();
        let req = AddAppointmentRequest {
            cus_id: num("cusId", &self.cus_id, &mut e),
            telnum: opt(&self.telnum),
            kind: num("type", &self.kind, &mut e),
            team_id: None,
            content: opt(&self.content),
            comment: opt(&self.comment),
            appointment_time: time("appointmentTime", &self.start, &mut e),
            appointment_time1: time("appointmentTime1", &self.end, &mut e),
            p_id: opt(&self.p_id),
            // A doctor typed before switching away from surgery is not sent.
            doctor_id: if self.is_surgery() {
                num("doctorId", &self.doctor_id, &mut e)
            } else {
                None
            },
            technician_id: num("technicianId", &self.technician_id, &mut e),
        };
        if e.is_empty() {
            Ok(req)
        } else {
            Err(e)
        }
    }

    pub fn change_request(&self, id: i64) -> Result<ChangeAppointmentRequest, Vec<DraftError>> {
        let a = self.add_request()?;
        Ok(ChangeAppointmentRequest {
            id: Some(id),
            team_id: None,
            kind: a.kind,
            content: Some(self.content.trim().to_owned()),
            comment: Some(self.comment.trim().to_owned()),
            appointment_time: a.appointment_time,
            appointment_time1: a.appointment_time1,
            p_id: a.p_id,
            doctor_id: a.doctor_id,
            technician_id: a.technician_id,
        })
    }
}

/// The appointment as it reads after a successful change, so the list shows
/// it without waiting for a feed to bring it again.
pub fn apply_change(a: &Appointment, req: &ChangeAppointmentRequest) -> Appointment {
    let mut out = a.clone();
    let keep = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
    out.kind = req.kind.or(a.kind);
    out.content = keep(&req.content, &a.content);
    out.comment = keep(&req.comment, &a.comment);
    out.appointment_time = req
        .appointment_time
        .clone()
        .or_else(|| a.appointment_time.clone());
    out.appointment_time1 = req
        .appointment_time1
        .clone()
        .or_else(|| a.appointment_time1.clone());
    out.p_id = keep(&req.p_id, &a.p_id);
    out.doctor_id = req.doctor_id.or(a.doctor_id);
    out.technician_id = req.technician_id.or(a.technician_id);
    out
}

/// Epoch ms of midnight (China time) of the day containing `epoch_ms`.
pub fn china_day_start(epoch_ms: i64) -> i64 {
    (epoch_ms + CHINA_OFFSET_MS).div_euclid(DAY_MS) * DAY_MS - CHINA_OFFSET_MS
}

/// `YYYY-MM-DD` (China time) of the day containing `epoch_ms`.
pub fn china_date(epoch_ms: i64) -> String {
    let (y, m, d) = civil_from_days((epoch_ms + CHINA_OFFSET_MS).div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// One day of the agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub is_today: bool,
    /// Not cancelled, in appointment-time order (then id).
    pub items: Vec<Appointment>,
}

/// Today and the six days after it, each with its appointments in time
/// order; cancelled appointments are left out. Days without appointments
/// are kept so the week reads as a week.
pub fn agenda(appointments: &[Appointment], now_ms: i64) -> Vec<AgendaDay> {
    let today = china_day_start(now_ms);
    (0..7)
        .map(|i| {
            let start = today + i * DAY_MS;
            let mut items: Vec<Appointment> = appointments
                .iter()
                .filter(|a| a.cancel_time.is_none())
                .filter(|a| {
                    a.appointment_time
                        .as_ref()
                        .is_some_and(|t| (start..start + DAY_MS).contains(&t.epoch_ms()))
                })
                .cloned()
                .collect();
            items.sort_by_key(|a| (a.appointment_time.as_ref().map(Timestamp::epoch_ms), a.id));
            items.dedup_by_key(|a| a.id);
            AgendaDay {
                date: china_date(start),
                is_today: i == 0,
                items,
            }
        })
        .collect()
}

/// Where an appointment list starts when first opened: thirty days back, so
/// staff see the recent past without paging through the clinic's history.
pub fn feed_start(now_ms: i64) -> Option<Timestamp> {
    Timestamp::from_epoch_ms(china_day_start(now_ms) - 30 * DAY_MS)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn params<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_owned())
    }

    #[test]
    fn lookup_round_trips_through_the_url() {
        for l in [
            Lookup::Phone("13800000001".into()),
            Lookup::CusId(42),
            Lookup::OpenId {
                open_id: "oDemo0001".into(),
                wxapp_id: "wx&1".into(),
            },
        ] {
            let path = l.to_path();
            let query = path.strip_prefix("/clinic?").unwrap();
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
            let back =
                Lookup::from_params(|k| pairs.iter().find(|p| p.0 == k).map(|p| p.1.clone()));
            assert_eq!(back, Some(l));
        }
        assert_eq!(Lookup::from_params(params(&[("cusId", "x1")])), None);
        assert_eq!(Lookup::from_params(params(&[("openId", "o")])), None);
        assert_eq!(Lookup::from_params(params(&[("telnum", "  ")])), None);
    }

    #[test]
    fn related_objects_read_as_names() {
        assert_eq!(
            related_name(&Some(json!({"id": 3, "name": "王医生"}))),
            Some("王医生".into())
        );
        assert_eq!(related_name(&Some(json!("抖音"))), Some("抖音".into()));
        assert_eq!(related_name(&Some(json!({"id": 3}))), None);
        assert_eq!(related_name(&None), None);
        assert_eq!(
            followed_accounts(&Some(
                json!([{"appid": "wx1", "name": "服务号"}, {"appid": "wx2"}])
            )),
            ["服务号", "wx2"]
        );
        assert!(followed_accounts(&Some(Value::Null)).is_empty());
    }

    #[test]
    fn customer_draft_drops_blanks() {
        let d = CustomerDraft {
            name: " 张三 ".into(),
            telnum: "13800000009".into(),
            sex: "2".into(),
            ..Default::default()
        };
        let r = d.request();
        assert_eq!(r.name.as_deref(), Some("张三"));
        assert_eq!(r.sex, Some(2));
        assert_eq!(r.erp_id, None);
        assert!(r.validate().is_ok());
    }

    #[test]
    fn appointment_draft_checks_numbers_times_and_doctor() {
        let mut d = AppointmentDraft {
            cus_id: "7".into(),
            kind: "0".into(),
            start: "2030-01-02 10:30".into(),
            doctor_id: "5".into(),
            ..Default::default()
        };
        let r = d.add_request().unwrap();
        assert_eq!(r.doctor_id, None, "doctor only for surgery");
        assert_eq!(r.appointment_time.unwrap().display(), "2030-01-02 10:30:00");
        d.kind = "1".into();
        assert_eq!(d.add_request().unwrap().doctor_id, Some(5));
        d.start = "tomorrow".into();
        d.technician_id = "x".into();
        assert_eq!(
            d.add_request().unwrap_err(),
            [
                DraftError::BadTime("appointmentTime"),
                DraftError::NotANumber("technicianId")
            ]
        );
    }

    #[test]
    fn agenda_orders_today_by_time_and_skips_cancelled() {
        let at = |id: i64, t: &str| Appointment {
            id: Some(id),
            appointment_time: Timestamp::parse(t),
            ..Default::default()
        };
        let now = Timestamp::parse("2030-01-02 12:00:00").unwrap().epoch_ms();
        let mut cancelled = at(4, "2030-01-02 08:00:00");
        cancelled.cancel_time = Timestamp::parse("2030-01-01 08:00:00");
        let list = vec![
            at(1, "2030-01-02 15:00:00"),
            at(2, "2030-01-02 09:00:00"),
            at(3, "2030-01-03 09:00:00"),
            cancelled,
            at(5, "2030-01-01 23:59:59"),
            at(6, "2030-01-09 00:00:00"),
        ];
        let days = agenda(&list, now);
        assert_eq!(days.len(), 7);
        assert_eq!(days[0].date, "2030-01-02");
        assert!(days[0].is_today);
        let ids = |d: &AgendaDay| d.items.iter().filter_map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(ids(&days[0]), [2, 1]);
        assert_eq!(ids(&days[1]), [3]);
        assert_eq!(days[6].date, "2030-01-08");
        assert!(days.iter().all(|d| !ids(d).contains(&6)));
    }

    #[test]
    fn china_midnight() {
        // 2030-01-02 00:30 China is 2030-01-01 16:30 UTC.
        let t = Timestamp::parse("2030-01-02 00:30:00").unwrap().epoch_ms();
        assert_eq!(china_date(t), "2030-01-02");
        assert_eq!(
            Timestamp::from_epoch_ms(china_day_start(t))
                .unwrap()
                .display(),
            "2030-01-02 00:00:00"
        );
        assert_eq!(feed_start(t).unwrap().display(), "2029-12-03 00:00:00");
    }
}
