//! What `/chat?…` names (other pages link to it through `core::hrefs`). The URL alone
//! restores the view, so this mapping is host-compiled and tested natively.

use scrm_api::chat::ChatRecordRequest;
use scrm_api::time::Timestamp;
use scrm_api::validate::normalize_phone;

use crate::core::hrefs::{self, display_name};

/// Messages asked for per page; the server allows up to 500.
pub const PAGE_SIZE: i64 = 200;

/// What `/chat?…` names: the URL alone restores the view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatQuery {
    pub wechat_user_ids: String,
    pub wechat_contact_ids: String,
    /// `yyyy-MM-dd`, inclusive.
    pub from: Option<String>,
    /// `yyyy-MM-dd`, inclusive.
    pub to: Option<String>,
    /// The customer's display name, passed by the page that links here
    /// (the chat record itself names nobody); shown for the customer's side.
    pub name: Option<String>,
    /// The customer's phone (digits), passed by the page that links here, for the header's
    /// copy and call.
    pub phone: Option<String>,
}

impl ChatQuery {
    /// Reads the query parameters; `None` when the conversation is not named
    /// by ids (a hand-edited or truncated link). Unreadable dates are dropped
    /// rather than failing the page.
    pub fn from_params(
        user_ids: Option<&str>,
        contact_ids: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Option<ChatQuery> {
        Some(ChatQuery {
            wechat_user_ids: id_list(user_ids?)?,
            wechat_contact_ids: id_list(contact_ids?)?,
            from: from.and_then(valid_date),
            to: to.and_then(valid_date),
            name: None,
            phone: None,
        })
    }

    /// Adds the customer's display name read from the `name` parameter.
    pub fn with_name(self, name: Option<&str>) -> ChatQuery {
        ChatQuery {
            name: name.and_then(display_name),
            ..self
        }
    }

    /// Adds the customer's phone read from the `phone` parameter (digits only).
    pub fn with_phone(self, phone: Option<&str>) -> ChatQuery {
        ChatQuery {
            phone: phone.and_then(|p| normalize_phone(p).ok()),
            ..self
        }
    }

    /// The panel path showing this view (ids are digits and commas, dates
    /// `yyyy-MM-dd`; only the name needs escaping).
    pub fn path(&self) -> String {
        hrefs::with_phone(
            hrefs::chat(
                &self.wechat_user_ids,
                &self.wechat_contact_ids,
                self.from.as_deref(),
                self.to.as_deref(),
                self.name.as_deref(),
            ),
            self.phone.as_deref(),
        )
    }

    /// The request for page `page_no` (1 = newest messages).
    pub fn request(&self, page_no: i64) -> ChatRecordRequest {
        self.request_of(page_no, PAGE_SIZE)
    }

    /// The request for page `page_no` of pages of `limit` messages.
    pub fn request_of(&self, page_no: i64, limit: i64) -> ChatRecordRequest {
        ChatRecordRequest {
            wechat_user_ids: Some(self.wechat_user_ids.clone()),
            wechat_contact_ids: Some(self.wechat_contact_ids.clone()),
            begin_time: self.from.as_deref().and_then(Timestamp::parse),
            end_time: self.to.as_deref().and_then(Timestamp::parse),
            limit: Some(limit),
            page_no: Some(page_no),
            ..Default::default()
        }
    }
}

/// Comma-separated positive ids, normalised; `None` if any part is not one.
fn id_list(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let ok = !parts.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 19 && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| parts.join(","))
}

/// A `yyyy-MM-dd` that names a real day.
pub fn valid_date(text: &str) -> Option<String> {
    let t = text.trim();
    (t.len() == 10)
        .then(|| Timestamp::parse(t))
        .flatten()
        .map(|ts| ts.date().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_query_is_checked() {
        let q = ChatQuery::from_params(
            Some("1, 2"),
            Some("7"),
            Some("2024-02-30"),
            Some("2024-03-01"),
        );
        let Some(q) = q else { panic!("ids are valid") };
        assert_eq!(q.wechat_user_ids, "1,2");
        assert_eq!(q.from, None);
        assert_eq!(q.to.as_deref(), Some("2024-03-01"));
        assert_eq!(
            q.path(),
            "/chat?wechatUserIds=1,2&wechatContactIds=7&to=2024-03-01"
        );
        let r = q.request(3);
        assert_eq!((r.page_no, r.limit), (Some(3), Some(PAGE_SIZE)));
        assert_eq!(
            ChatQuery::from_params(Some("1;drop"), Some("7"), None, None),
            None
        );
        assert_eq!(ChatQuery::from_params(None, Some("7"), None, None), None);
    }

    #[test]
    fn names_ride_in_the_url() {
        let q = ChatQuery::from_params(Some("3"), Some("9"), None, Some("2024-01-02"))
            .map(|q| q.with_name(Some("李\u{7}雷")));
        assert_eq!(q.as_ref().and_then(|q| q.name.as_deref()), Some("李雷"));
        assert_eq!(
            q.map(|q| q.path()).as_deref(),
            Some("/chat?wechatUserIds=3&wechatContactIds=9&to=2024-01-02&name=%E6%9D%8E%E9%9B%B7")
        );
    }
}
