//! The clinic forms as typed: the add-customer draft and the appointment
//! draft (create and change share it), kept in session storage so nothing is
//! lost to a failed request or a reload, and turned into SDK requests here.
//! Host-compiled and tested natively.

use serde::{Deserialize, Serialize};

use scrm_api::clinic::{
    AddAppointmentRequest, AddCustomerRequest, Appointment, ChangeAppointmentRequest,
};
use scrm_api::time::Timestamp;

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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

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
}
