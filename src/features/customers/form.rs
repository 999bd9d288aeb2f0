//! The customer edit form's values: built from a record, compared with it to
//! know whether anything changed, turned into updateCustomer's body, and
//! serialised as a draft so typed text survives a failed save, a login
//! round-trip or a reload.

use serde::{Deserialize, Serialize};

use scrm_api::customer::{BatchSaveNickNameRequest, Customer, NickName, UpdateCustomerRequest};
use scrm_api::validate::FieldError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerForm {
    pub name: String,
    pub phone: String,
    pub nick_name: String,
    pub remarks: String,
    pub tags: Vec<i64>,
    pub xfield1: String,
    pub star: bool,
    /// The personalised form of address (batchSaveNickName), kept on the
    /// WeChat contact rather than the customer.
    pub address: String,
}

/// A field of the customer record as the form edits it (the address is
/// the contact's, not the record's, and never conflicts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Phone,
    NickName,
    Remarks,
    Tags,
    Xfield1,
    Star,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::Phone,
        Field::NickName,
        Field::Remarks,
        Field::Tags,
        Field::Xfield1,
        Field::Star,
    ];
}

/// What saving must do about changes someone else made to the record
/// while this form was open (the vendor's API has no version check, so
/// the panel compares before it saves).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebased {
    /// The user's values on top of the server's: fields the user did not
    /// touch take the server's value, fields only the user changed keep
    /// theirs, and conflicting fields keep theirs until the user decides.
    pub form: CustomerForm,
    /// Fields both changed, to different values: the user decides.
    pub conflicts: Vec<Field>,
}

impl CustomerForm {
    fn same(&self, other: &CustomerForm, f: Field) -> bool {
        match f {
            Field::Name => self.name.trim() == other.name.trim(),
            Field::Phone => self.phone.trim() == other.phone.trim(),
            Field::NickName => self.nick_name.trim() == other.nick_name.trim(),
            Field::Remarks => self.remarks == other.remarks,
            Field::Tags => self.tags == other.tags,
            Field::Xfield1 => self.xfield1.trim() == other.xfield1.trim(),
            Field::Star => self.star == other.star,
        }
    }

    /// The phone to find the record by: the form's, or `loaded` when the
    /// form's is empty.
    pub fn phone_or(&self, loaded: &str) -> String {
        let p = self.phone.trim();
        if p.is_empty() { loaded.trim() } else { p }.to_owned()
    }

    /// Sets field `f` to `from`'s value.
    pub fn take(&mut self, from: &CustomerForm, f: Field) {
        match f {
            Field::Name => self.name = from.name.clone(),
            Field::Phone => self.phone = from.phone.clone(),
            Field::NickName => self.nick_name = from.nick_name.clone(),
            Field::Remarks => self.remarks = from.remarks.clone(),
            Field::Tags => self.tags = from.tags.clone(),
            Field::Xfield1 => self.xfield1 = from.xfield1.clone(),
            Field::Star => self.star = from.star,
        }
    }

    /// The user's form (`self`, started from `base`) moved onto `server`,
    /// the record as it stands now.
    pub fn rebase(&self, base: &CustomerForm, server: &CustomerForm) -> Rebased {
        let mut form = self.clone();
        let mut conflicts = Vec::new();
        for f in Field::ALL {
            let mine_changed = !self.same(base, f);
            let theirs_changed = !server.same(base, f);
            if !mine_changed {
                form.take(server, f);
            } else if theirs_changed && !self.same(server, f) {
                conflicts.push(f);
            }
        }
        Rebased { form, conflicts }
    }

    /// The form as the record stands; `address` is the contact's current
    /// personalised nickname, when known.
    pub fn from_record(c: &Customer, address: Option<&str>) -> Self {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        let mut tags = c.tag_ids();
        tags.sort_unstable();
        tags.dedup();
        CustomerForm {
            name: text(&c.customer_name),
            phone: text(&c.customer_phone),
            nick_name: text(&c.nick_name),
            remarks: text(&c.remarks),
            tags,
            xfield1: text(&c.xfield1),
            star: c.starred(),
            address: address.unwrap_or_default().to_owned(),
        }
    }

    /// Whether the customer record itself (not the address) changed.
    pub fn record_changed(&self, original: &CustomerForm) -> bool {
        CustomerForm {
            address: String::new(),
            ..self.clone()
        } != CustomerForm {
            address: String::new(),
            ..original.clone()
        }
    }

    pub fn address_changed(&self, original: &CustomerForm) -> bool {
        self.address.trim() != original.address.trim()
    }

    /// updateCustomer's body: every field, `""` for cleared, as the vendor's
    /// own page sends it.
    pub fn update_request(&self, customer_id: i64, contact: Option<i64>) -> UpdateCustomerRequest {
        UpdateCustomerRequest {
            customer_id: Some(customer_id),
            customer_name: Some(self.name.trim().to_owned()),
            customer_phone: Some(self.phone.trim().to_owned()),
            nick_name: Some(self.nick_name.trim().to_owned()),
            remarks: Some(self.remarks.clone()),
            tags: Some(
                self.tags
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            wechat_contact_id: contact,
            is_star: Some(i64::from(self.star)),
            xfield1: Some(self.xfield1.trim().to_owned()),
            ..Default::default()
        }
    }

    pub fn address_request(&self, contact: i64) -> BatchSaveNickNameRequest {
        BatchSaveNickNameRequest {
            nick_names: vec![NickName {
                wechat_contact_id: Some(contact),
                cust_name: Some(self.name.trim().to_owned()),
                nick_name: Some(self.address.trim().to_owned()),
            }],
        }
    }

    /// Every problem, by form field: the shared updateCustomer rules, and
    /// batchSaveNickName's for the address (reported as `address`).
    pub fn problems(&self, customer_id: i64, contact: Option<i64>) -> Vec<FieldError> {
        let mut out = self
            .update_request(customer_id, contact)
            .validate()
            .err()
            .unwrap_or_default();
        if let Some(c) = contact {
            if let Err(errs) = self.address_request(c).validate() {
                out.extend(
                    errs.into_iter()
                        .filter(|e| e.field == "nickName")
                        .map(|e| FieldError::new("address", e.problem)),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebasing_merges_what_only_one_side_changed_and_reports_the_rest() {
        let base = CustomerForm {
            name: "王五".into(),
            phone: "13800138000".into(),
            remarks: "老客户".into(),
            tags: vec![1],
            ..Default::default()
        };
        // Someone else changed the name, the remarks and the star.
        let server = CustomerForm {
            name: "王五（总）".into(),
            remarks: "老客户，已回访".into(),
            star: true,
            ..base.clone()
        };
        // Meanwhile this user changed the name differently, the tags, and
        // the remarks to exactly what the other person wrote.
        let mine = CustomerForm {
            name: "王五五".into(),
            tags: vec![1, 2],
            remarks: "老客户，已回访".into(),
            ..base.clone()
        };
        let r = mine.rebase(&base, &server);
        assert_eq!(r.conflicts, vec![Field::Name]);
        assert_eq!(r.form.name, "王五五", "mine until the user decides");
        assert_eq!(r.form.tags, vec![1, 2], "only I changed the tags");
        assert!(r.form.star, "only they changed the star");
        assert_eq!(r.form.remarks, "老客户，已回访");
        let mut taken = r.form.clone();
        taken.take(&server, Field::Name);
        assert_eq!(taken.name, "王五（总）");
        // Nothing changed elsewhere: nothing to decide, nothing altered.
        let same = mine.rebase(&base, &base);
        assert!(same.conflicts.is_empty());
        assert_eq!(same.form, mine);
    }
    use scrm_api::validate::Problem;

    fn record() -> Customer {
        Customer {
            customer_id: Some(5),
            customer_name: Some("王五".into()),
            customer_phone: Some("13800000001".into()),
            tags: Some("3,1".into()),
            is_star: Some(1),
            wechat_contact_id: Some(9),
            ..Default::default()
        }
    }

    #[test]
    fn unchanged_until_a_field_changes() {
        let original = CustomerForm::from_record(&record(), Some("王总"));
        assert_eq!(original.tags, vec![1, 3]);
        let mut f = original.clone();
        assert!(!f.record_changed(&original) && !f.address_changed(&original));
        f.address = "王哥".into();
        assert!(!f.record_changed(&original) && f.address_changed(&original));
        f.star = false;
        assert!(f.record_changed(&original));
    }

    #[test]
    fn request_sends_every_field() {
        let mut f = CustomerForm::from_record(&record(), None);
        f.remarks = String::new();
        f.name = " 王五 ".into();
        let r = f.update_request(5, Some(9));
        assert_eq!(r.customer_name.as_deref(), Some("王五"));
        assert_eq!(r.remarks.as_deref(), Some(""));
        assert_eq!(r.tags.as_deref(), Some("1,3"));
        assert_eq!(r.is_star, Some(1));
        assert_eq!(r.wechat_contact_id, Some(9));
    }

    #[test]
    fn problems_name_the_form_fields() {
        let mut f = CustomerForm::from_record(&record(), None);
        f.name = "名".repeat(51);
        f.address = "称".repeat(51);
        let p = f.problems(5, Some(9));
        assert!(p.contains(&FieldError::new(
            "customerName",
            Problem::TooLong { max: 50 }
        )));
        assert!(p.contains(&FieldError::new("address", Problem::TooLong { max: 50 })));
        assert!(CustomerForm::from_record(&record(), None)
            .problems(5, Some(9))
            .is_empty());
    }

    #[test]
    fn drafts_round_trip_and_tolerate_old_shapes() {
        let f = CustomerForm::from_record(&record(), Some("王总"));
        let json = serde_json::to_string(&f).unwrap_or_default();
        assert_eq!(serde_json::from_str::<CustomerForm>(&json).ok(), Some(f));
        let partial: CustomerForm = serde_json::from_str(r#"{"name":"x"}"#).unwrap_or_default();
        assert_eq!(partial.name, "x");
    }
}
