//! Panel addresses that more than one page links to. Built here, once, so a
//! page never formats another page's URL and no feature imports another's
//! views to link to it.

use scrm_api::clinic::CusIdRequest;
use scrm_api::customer::{Customer, WechatContact};
use scrm_api::query_string;
use scrm_api::validate::normalize_phone;

use crate::core::nav::encode_component;

/// Longest display name kept in (or read from) a chat link, in characters.
pub const NAME_MAX: usize = 64;

/// A name fit to show: trimmed, control characters dropped, at most
/// [`NAME_MAX`] characters; `None` when nothing is left.
pub fn display_name(text: &str) -> Option<String> {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_MAX)
        .collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_owned())
}

/// `/chat?…` for comma-separated id lists, inclusive `yyyy-MM-dd` days and
/// the customer's display name (the chat record itself names nobody). Ids
/// are digits and commas and days are digits and dashes; only the name
/// needs escaping.
pub fn chat(
    user_ids: &str,
    contact_ids: &str,
    from: Option<&str>,
    to: Option<&str>,
    name: Option<&str>,
) -> String {
    let mut p = format!("/chat?wechatUserIds={user_ids}&wechatContactIds={contact_ids}");
    if let Some(f) = from {
        p.push_str(&format!("&from={f}"));
    }
    if let Some(t) = to {
        p.push_str(&format!("&to={t}"));
    }
    if let Some(n) = name.and_then(display_name) {
        p.push_str("&name=");
        p.push_str(&encode_component(&n));
    }
    p
}

/// One conversation, as an entry point (customer row, edit page, call
/// pop-up, contacts by tag) links to it.
pub fn conversation(user_id: i64, contact_id: i64, name: Option<&str>) -> String {
    chat(
        &user_id.to_string(),
        &contact_id.to_string(),
        None,
        None,
        name,
    )
}

/// A chat link with the customer's phone (digits) added, for the chat's header to offer
/// copy and call; a number that is not one (masked, blank) is left out.
pub fn with_phone(mut href: String, phone: Option<&str>) -> String {
    if let Some(digits) = phone.and_then(|p| normalize_phone(p).ok()) {
        href.push_str("&phone=");
        href.push_str(&digits);
    }
    href
}

/// The customer's conversation, when the record names its WeChat account
/// and contact.
pub fn customer_chat(c: &Customer) -> Option<String> {
    Some(with_phone(
        conversation(
            c.wechat_user_id?,
            c.wechat_contact_id?,
            Some(c.display_name()),
        ),
        c.customer_phone.as_deref(),
    ))
}

/// A contact's conversation, named as a contact row shows it: the remark
/// name, else the WeChat nickname.
pub fn contact_chat(c: &WechatContact) -> Option<String> {
    let name = [&c.remark_name, &c.nick_name]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .find(|s| !s.trim().is_empty());
    Some(conversation(c.wechat_user_id?, c.wechat_contact_id?, name))
}

/// The customer edit page; the phone rides along so a reload can find the
/// record again (the contract has no get-by-id).
pub fn customer_edit(c: &Customer) -> Option<String> {
    let id = c.customer_id?;
    let phone = c.customer_phone.as_deref().unwrap_or_default();
    Some(format!("/customers/{id}?phone={}", encode_component(phone)))
}

/// The call screen-pop for a number, as a phone system would open it.
pub fn call(phone: &str) -> String {
    format!("/call?phone={}", encode_component(phone))
}

/// One account's manual entries.
pub fn manual_entries(admin_user_id: i64) -> String {
    format!("/manual-tasks/{admin_user_id}")
}

/// A clinic customer's profile on `/clinic`, by the clinic's id.
pub fn clinic_customer(id: i64) -> String {
    let q = query_string(&CusIdRequest { cus_id: Some(id) }).unwrap_or_default();
    format!("/clinic?{q}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_rides_in_chat_links_as_digits() {
        assert_eq!(
            with_phone(conversation(3, 9, None), Some("+86 138-0000-0001")),
            "/chat?wechatUserIds=3&wechatContactIds=9&phone=13800000001"
        );
        assert_eq!(
            with_phone(conversation(3, 9, None), Some("138****0001")),
            "/chat?wechatUserIds=3&wechatContactIds=9"
        );
        assert_eq!(
            with_phone(conversation(3, 9, None), None),
            "/chat?wechatUserIds=3&wechatContactIds=9"
        );
    }

    #[test]
    fn names_ride_in_chat_links_cleaned() {
        assert_eq!(
            conversation(3, 9, Some(" 陈 聊天&多=1 ")),
            "/chat?wechatUserIds=3&wechatContactIds=9&name=%E9%99%88%20%E8%81%8A%E5%A4%A9%26%E5%A4%9A%3D1"
        );
        assert_eq!(
            conversation(3, 9, Some("  ")),
            "/chat?wechatUserIds=3&wechatContactIds=9"
        );
        assert_eq!(
            conversation(3, 9, None),
            "/chat?wechatUserIds=3&wechatContactIds=9"
        );
        assert_eq!(
            chat("3", "9", None, Some("2024-01-02"), Some("李\u{7}雷")),
            "/chat?wechatUserIds=3&wechatContactIds=9&to=2024-01-02&name=%E6%9D%8E%E9%9B%B7"
        );
        let long = "名".repeat(100);
        assert_eq!(
            display_name(&long).map(|n| n.chars().count()),
            Some(NAME_MAX)
        );
    }

    #[test]
    fn edit_links_carry_the_phone_and_need_an_id() {
        let mut c = Customer {
            customer_id: Some(12),
            customer_phone: Some("138 0013 8000".into()),
            ..Default::default()
        };
        assert_eq!(
            customer_edit(&c).as_deref(),
            Some("/customers/12?phone=138%200013%208000")
        );
        c.customer_id = None;
        assert_eq!(customer_edit(&c), None);
        assert_eq!(customer_chat(&c), None);
    }
}
