//! The customer picker on `/chat` without a conversation: what the search
//! box asks customerPage for, and its place in the URL (`/chat?find=…`), so
//! Back from a conversation returns to the same results. Host-compiled, so
//! `cargo test` checks the rules natively.

use scrm_api::customer::CustomerPageRequest;

use crate::core::find::customer_request;
pub use crate::core::find::{clean, FIND_MAX};
use crate::core::nav::encode_component;

/// Customers listed at most; a longer list asks the user to type more.
pub const PICK_LIMIT: i64 = 20;

/// The customerPage request for a search (the shared rule in
/// `core::find`): `None` for an empty search, which asks nothing.
pub fn request(text: &str) -> Option<CustomerPageRequest> {
    customer_request(text, PICK_LIMIT)
}

/// The picker's address for a search (`/chat` for none).
pub fn path(text: &str) -> String {
    let text = clean(text);
    if text.is_empty() {
        "/chat".to_owned()
    } else {
        format!("/chat?find={}", encode_component(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_search_phones_by_their_digits() {
        for typed in ["+86 135 2724 4977", "135-2724-4977", "  13527244977 "] {
            let r = request(typed);
            assert_eq!(
                r.as_ref().and_then(|r| r.customer_phone.as_deref()),
                Some("13527244977"),
                "{typed}"
            );
            assert_eq!(r.and_then(|r| r.customer_name), None);
        }
        // Part of a number is a number too.
        assert_eq!(
            request("135").and_then(|r| r.customer_phone).as_deref(),
            Some("135")
        );
    }

    #[test]
    fn words_search_names_and_nothing_asks_nothing() {
        let r = request(" 陈聊天 ");
        assert_eq!(
            r.as_ref().and_then(|r| r.customer_name.as_deref()),
            Some("陈聊天")
        );
        assert_eq!(r.as_ref().and_then(|r| r.customer_phone.clone()), None);
        assert_eq!(
            r.map(|r| (r.limit, r.page_no)),
            Some((Some(PICK_LIMIT), Some(1)))
        );
        assert_eq!(request("   "), None);
        assert_eq!(request("\u{7}"), None);
        let long = "名".repeat(300);
        assert_eq!(
            request(&long)
                .and_then(|r| r.customer_name)
                .map(|n| n.chars().count()),
            Some(FIND_MAX)
        );
    }

    #[test]
    fn the_search_rides_in_the_url() {
        assert_eq!(path(""), "/chat");
        assert_eq!(path(" 李 雷&x "), "/chat?find=%E6%9D%8E%20%E9%9B%B7%26x");
    }
}
