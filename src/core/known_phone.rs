//! Who already has a phone number, read from the pop-up's look-up
//! (getCustomerInfoByCall) and the clinic's by-phone look-up: what the
//! manual-entry and clinic add-customer forms say as soon as the number is
//! complete, before the user fills in the rest. It informs; it never blocks
//! saving (the same person may rightly be entered twice).

use scrm_api::call::{CallCustomer, CallInfo, CallSource};
use scrm_api::clinic::ClinicCustomer;
use scrm_api::customer::Customer;
use scrm_api::validate::normalize_mainland_mobile;

use crate::core::hrefs::{clinic_customer, customer_edit, display_name, manual_entries};

/// At most this many places are named; more would push the form down.
pub const SHOWN: usize = 3;

/// One place the number is already known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Known {
    /// A customer record, or a lead in the user's pool; the edit page when
    /// the record has one.
    Customer { name: String, edit: Option<String> },
    /// A manual entry, with the list of the account that holds it.
    ManualEntry { name: String, list: Option<String> },
    /// A clinic customer, with its profile page.
    Clinic {
        name: String,
        profile: Option<String>,
    },
}

/// The number to look up, once what was typed is a complete mobile number
/// (the only kind both forms accept): a half-typed number asks nothing.
pub fn complete(typed: &str) -> Option<String> {
    normalize_mainland_mobile(typed).ok()
}

/// As the pop-up names the person: the remark, the name, the nickname.
fn name_of(r: &CallCustomer, phone: &str) -> String {
    [&r.remark_name, &r.customer_name, &r.nick_name]
        .into_iter()
        .filter_map(|n| n.as_deref().and_then(display_name))
        .next()
        .unwrap_or_else(|| phone.to_owned())
}

/// What the pop-up's look-up found for `phone`.
pub fn from_call(info: &CallInfo, phone: &str) -> Vec<Known> {
    let source = info.source();
    info.customers()
        .iter()
        .filter_map(|r| {
            let name = name_of(r, phone);
            match source {
                CallSource::Customers | CallSource::AssignedPool => Some(Known::Customer {
                    edit: customer_edit(&Customer {
                        customer_id: r.customer_id,
                        customer_phone: Some(phone.to_owned()),
                        ..Default::default()
                    })
                    .filter(|_| source == CallSource::Customers),
                    name,
                }),
                CallSource::ManualEntry => Some(Known::ManualEntry {
                    name,
                    list: r.admin_user_id.map(manual_entries),
                }),
                CallSource::NotFound | CallSource::Unknown(_) => None,
            }
        })
        .take(SHOWN)
        .collect()
}

/// What the clinic's by-phone look-up found (`None`: no clinic customer).
pub fn from_clinic(found: Option<&ClinicCustomer>, phone: &str) -> Option<Known> {
    let c = found?;
    Some(Known::Clinic {
        name: c
            .name
            .as_deref()
            .and_then(display_name)
            .unwrap_or_else(|| phone.to_owned()),
        profile: c.id.map(clinic_customer),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(source: i64, records: serde_json::Value) -> CallInfo {
        serde_json::from_value(serde_json::json!({ "source": source, "customerList": records }))
            .unwrap_or_default()
    }

    #[test]
    fn only_a_complete_mobile_number_is_looked_up() {
        assert_eq!(
            complete("+86 139-1234 5678").as_deref(),
            Some("13912345678")
        );
        assert_eq!(complete("139 1234"), None);
        assert_eq!(complete("021-6234 5678"), None);
        assert_eq!(complete(""), None);
    }

    #[test]
    fn a_customer_record_links_to_its_edit_page() {
        let found = from_call(
            &info(
                1,
                serde_json::json!([{ "customerId": "3063060", "customerName": " 张三 " }]),
            ),
            "13912345678",
        );
        assert_eq!(
            found,
            vec![Known::Customer {
                name: "张三".into(),
                edit: Some("/customers/3063060?phone=13912345678".into()),
            }]
        );
    }

    #[test]
    fn a_pool_lead_is_named_without_a_link_and_a_nameless_one_by_its_number() {
        let found = from_call(
            &info(2, serde_json::json!([{ "nickName": "" }])),
            "13912345678",
        );
        assert_eq!(
            found,
            vec![Known::Customer {
                name: "13912345678".into(),
                edit: None
            }]
        );
    }

    #[test]
    fn a_manual_entry_links_to_the_list_that_holds_it() {
        let found = from_call(
            &info(
                3,
                serde_json::json!([{ "customerName": "王五", "adminUserId": "11855" }]),
            ),
            "13912345678",
        );
        assert_eq!(
            found,
            vec![Known::ManualEntry {
                name: "王五".into(),
                list: Some("/manual-tasks/11855".into())
            }]
        );
    }

    #[test]
    fn nothing_found_says_nothing_and_many_are_cut_to_a_few() {
        assert!(from_call(&info(0, serde_json::Value::Null), "13912345678").is_empty());
        let many = serde_json::json!([{}, {}, {}, {}, {}]);
        assert_eq!(from_call(&info(1, many), "13912345678").len(), SHOWN);
    }

    #[test]
    fn a_clinic_customer_links_to_its_profile() {
        let c = ClinicCustomer {
            id: Some(7),
            name: Some("赵六".into()),
            ..Default::default()
        };
        assert_eq!(
            from_clinic(Some(&c), "13912345678"),
            Some(Known::Clinic {
                name: "赵六".into(),
                profile: Some("/clinic?cusId=7".into())
            })
        );
        assert_eq!(from_clinic(None, "13912345678"), None);
    }
}
