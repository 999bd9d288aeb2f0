//! What a search box means, for every box that finds customers (the chat
//! picker, quick find) and for quick find's pages: one rule, so a number
//! typed anywhere finds the same people.

use scrm_api::customer::CustomerPageRequest;
use scrm_api::validate::{limits, normalize_phone};

/// Longest search text kept (the server's filter limit).
pub const FIND_MAX: usize = limits::FILTER;

/// A search as kept: trimmed, control characters dropped, at most
/// [`FIND_MAX`] characters.
pub fn clean(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(FIND_MAX)
        .collect();
    kept.trim().to_owned()
}

/// The customerPage request for a search, first page of at most `limit`: a
/// number (however it is written, `+86 135 2724 4977` included) searches
/// phones by its digits, as every other phone look-up does; anything else
/// searches names. `None` for an empty search, which asks nothing.
pub fn customer_request(text: &str, limit: i64) -> Option<CustomerPageRequest> {
    let text = clean(text);
    if text.is_empty() {
        return None;
    }
    let (name, phone) = match normalize_phone(&text) {
        Ok(digits) => (None, Some(digits)),
        Err(_) => (Some(text), None),
    };
    Some(CustomerPageRequest {
        customer_name: name,
        customer_phone: phone,
        limit: Some(limit),
        page_no: Some(1),
        ..Default::default()
    })
}

/// Lower case without spaces, so "Manual tasks" matches "manualtasks".
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a page named `label` (in the current language) at `path`
/// answers the search `text`: the search is part of its name, or part of
/// its address (so the English word finds it in any language).
pub fn page_matches(text: &str, label: &str, path: &str) -> bool {
    let q = fold(&clean(text));
    !q.is_empty() && (fold(label).contains(&q) || fold(path).contains(&q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_in_any_format_searches_phones_by_its_digits() {
        for typed in ["13800000001", "+86 138-0000-0001", "138 0000 0001"] {
            let r = customer_request(typed, 8);
            assert_eq!(
                r.as_ref().and_then(|r| r.customer_phone.as_deref()),
                Some("13800000001"),
                "{typed}"
            );
            assert_eq!(r.as_ref().and_then(|r| r.customer_name.clone()), None);
            assert_eq!(r.map(|r| (r.limit, r.page_no)), Some((Some(8), Some(1))));
        }
    }

    #[test]
    fn words_search_names_and_nothing_asks_nothing() {
        let r = customer_request(" 陈聊天 ", 8);
        assert_eq!(
            r.as_ref().and_then(|r| r.customer_name.as_deref()),
            Some("陈聊天")
        );
        assert_eq!(r.and_then(|r| r.customer_phone), None);
        assert_eq!(customer_request("  ", 8), None);
        assert_eq!(customer_request("\u{7}", 8), None);
    }

    #[test]
    fn pages_match_by_name_or_address() {
        assert!(page_matches("设置", "设置", "/settings"));
        assert!(page_matches(" Settings ", "设置", "/settings"));
        assert!(page_matches("导入", "导入手动录入", "/manual-tasks/import"));
        assert!(page_matches(
            "new manual",
            "New manual entry",
            "/manual-tasks/new"
        ));
        assert!(!page_matches("张三", "设置", "/settings"));
        assert!(!page_matches("  ", "设置", "/settings"));
    }
}
