//! The customers a salesperson opened last (edit page, call pop-up, chat),
//! newest first: kept in local storage per tenant and user so the next
//! shift starts where this one ended, and forgotten on sign-out so a shared
//! PC shows nobody else's customers.

use serde::{Deserialize, Serialize};

use crate::core::hrefs::display_name;
use crate::core::per_user::PerUser;

/// How many are kept.
pub const KEEP: usize = 20;

/// One customer opened, with the page it was opened on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    /// What makes two openings the same customer (a record id, else the
    /// conversation's address).
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    /// An in-app path to open again.
    pub href: String,
}

impl Recent {
    /// `None` when there is nothing to show or the path is not the panel's
    /// own (stored text is read back through here, so a tampered entry
    /// cannot become a link elsewhere).
    pub fn new(key: String, name: &str, phone: Option<&str>, href: String) -> Option<Recent> {
        let own = href.starts_with('/') && !href.starts_with("//") && !href.contains('\\');
        let phone = phone.map(str::trim).filter(|p| !p.is_empty());
        let name = display_name(name).or_else(|| phone.map(str::to_owned))?;
        own.then(|| Recent {
            key,
            name,
            phone: phone.map(str::to_owned),
            href,
        })
    }
}

impl PerUser for Vec<Recent> {
    const KIND: &'static str = "recent";

    fn read(stored: Option<&str>) -> Self {
        read(stored)
    }

    fn store(&self) -> String {
        store(self)
    }

    fn is_empty(&self) -> bool {
        <[Recent]>::is_empty(self)
    }

    /// What was opened before the user was known is the newest.
    fn take_in(&mut self, early: Self) {
        for r in early.into_iter().rev() {
            remember(self, r);
        }
    }
}

/// The stored list; anything unreadable or foreign is dropped, not trusted.
pub fn read(stored: Option<&str>) -> Vec<Recent> {
    let list: Vec<Recent> = stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    list.into_iter()
        .filter_map(|r| Recent::new(r.key, &r.name, r.phone.as_deref(), r.href))
        .take(KEEP)
        .collect()
}

/// `opened` first, any earlier opening of the same customer dropped.
pub fn remember(list: &mut Vec<Recent>, opened: Recent) {
    list.retain(|r| r.key != opened.key);
    list.insert(0, opened);
    list.truncate(KEEP);
}

pub fn store(list: &[Recent]) -> String {
    serde_json::to_string(list).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(n: usize) -> Recent {
        Recent::new(
            format!("c{n}"),
            &format!("客户{n}"),
            None,
            format!("/customers/{n}"),
        )
        .unwrap_or_else(|| panic!("customer {n}"))
    }

    #[test]
    fn newest_first_without_repeats_and_at_most_twenty() {
        let mut list = Vec::new();
        for n in 0..25 {
            remember(&mut list, opened(n));
        }
        remember(&mut list, opened(10));
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0], opened(10));
        assert_eq!(list[1], opened(24));
        assert_eq!(list.iter().filter(|r| r.key == "c10").count(), 1);
        assert!(!list.contains(&opened(4)), "the oldest fell off");
    }

    #[test]
    fn what_was_opened_before_the_user_was_known_comes_first() {
        let mut list = vec![opened(1), opened(2)];
        list.take_in(vec![opened(3), opened(2)]);
        assert_eq!(list, vec![opened(3), opened(2), opened(1)]);
    }

    #[test]
    fn what_is_stored_reads_back_and_garbage_reads_as_nothing() {
        let list = vec![opened(1), opened(2)];
        assert_eq!(read(Some(&store(&list))), list);
        assert!(read(Some("{not json")).is_empty());
        assert!(read(None).is_empty());
    }

    #[test]
    fn only_the_panels_own_paths_become_links() {
        let stored = r#"[{"key":"a","name":"甲","href":"https://evil.example/"},
                         {"key":"b","name":"乙","href":"//evil.example/x"},
                         {"key":"c","name":"丙","href":"/customers/3"}]"#;
        let list = read(Some(stored));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "丙");
    }

    #[test]
    fn a_nameless_customer_is_shown_by_phone_and_one_without_either_is_skipped() {
        let r = Recent::new("k".into(), " ", Some("13800000001"), "/chat?x=1".into());
        assert_eq!(r.map(|r| r.name), Some("13800000001".into()));
        assert_eq!(Recent::new("k".into(), "", None, "/chat".into()), None);
    }
}
