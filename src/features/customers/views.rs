//! Saved views of the customer list: a filter under a name, one of them
//! perhaps the default that `/customers` opens with. Host-compiled so the
//! rules (names, the default, what a stored list may hold) are tested
//! natively; kept per tenant and user through `platform::per_user`.
//!
//! A view holds the filter's query string from page one: stored text is
//! read back through `CustomerFilter::from_query`, so a tampered entry is at
//! worst a different filter, never a link elsewhere.

use serde::{Deserialize, Serialize};

use crate::core::per_user::PerUser;
use crate::features::customers::query::CustomerFilter;

/// Longest name, in characters.
pub const MAX_NAME: usize = 30;
/// How many views one user keeps: enough for a day's work, and a menu that
/// still fits on a phone.
pub const KEEP: usize = 30;

/// Why a name was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong,
    Taken,
    /// [`KEEP`] views are saved already.
    Full,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    /// The filter's query string (page one; no `?`).
    pub query: String,
    #[serde(default)]
    pub default: bool,
}

impl SavedView {
    pub fn filter(&self) -> CustomerFilter {
        CustomerFilter::from_query(&self.query)
    }
}

/// One user's views, in the order they were saved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedViews(pub Vec<SavedView>);

/// The query a view keeps: everything but the page number.
fn query_of(filter: &CustomerFilter) -> String {
    filter.clone().first_page().to_query()
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

impl SavedViews {
    /// `name` trimmed, if it may name a view; `except` is the view being
    /// renamed (its own name is not taken).
    pub fn check_name(&self, name: &str, except: Option<usize>) -> Result<String, NameError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        if name.chars().count() > MAX_NAME {
            return Err(NameError::TooLong);
        }
        let taken = self
            .0
            .iter()
            .enumerate()
            .any(|(i, v)| Some(i) != except && same_name(&v.name, name));
        if taken {
            return Err(NameError::Taken);
        }
        Ok(name.to_owned())
    }

    /// Saves `filter` (without its page number) as `name`.
    pub fn save(&mut self, name: &str, filter: &CustomerFilter) -> Result<(), NameError> {
        let name = self.check_name(name, None)?;
        if self.0.len() >= KEEP {
            return Err(NameError::Full);
        }
        self.0.push(SavedView {
            name,
            query: query_of(filter),
            default: false,
        });
        Ok(())
    }

    pub fn rename(&mut self, index: usize, name: &str) -> Result<(), NameError> {
        let name = self.check_name(name, Some(index))?;
        if let Some(v) = self.0.get_mut(index) {
            v.name = name;
        }
        Ok(())
    }

    pub fn delete(&mut self, index: usize) {
        if index < self.0.len() {
            self.0.remove(index);
        }
    }

    /// Makes view `index` the default, or, when it is already, no view.
    pub fn toggle_default(&mut self, index: usize) {
        let was = self.0.get(index).is_some_and(|v| v.default);
        for (i, v) in self.0.iter_mut().enumerate() {
            v.default = i == index && !was;
        }
    }

    /// The filter `/customers` opens with when its URL names none.
    pub fn default_filter(&self) -> Option<CustomerFilter> {
        self.0.iter().find(|v| v.default).map(SavedView::filter)
    }

    /// The view showing what `filter` shows (the page number aside).
    pub fn matching(&self, filter: &CustomerFilter) -> Option<usize> {
        let query = query_of(filter);
        self.0.iter().position(|v| v.query == query)
    }
}

/// Whether a list URL's query names any part of the view: an explicit URL
/// always wins over the default view, even `?name=` or `?page=2`.
pub fn names_a_filter(query: &str) -> bool {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.trim_start_matches('?')).unwrap_or_default();
    pairs.iter().any(|(k, _)| {
        matches!(
            k.as_str(),
            "name" | "phone" | "tags" | "from" | "to" | "remarks" | "page" | "size"
        )
    })
}

impl PerUser for SavedViews {
    const KIND: &'static str = "views";

    /// Views with a bad name, a repeated name or beyond [`KEEP`] are
    /// dropped; of several defaults the first stays.
    fn read(stored: Option<&str>) -> Self {
        let stored: Vec<SavedView> = stored
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        let mut views = SavedViews::default();
        let mut has_default = false;
        for v in stored {
            let Ok(name) = views.check_name(&v.name, None) else {
                continue;
            };
            if views.0.len() >= KEEP {
                break;
            }
            let default = v.default && !has_default;
            has_default |= default;
            views.0.push(SavedView {
                name,
                query: query_of(&v.filter()),
                default,
            });
        }
        views
    }

    fn store(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Views saved before the user was known join the user's, unless the
    /// name is taken; their default counts only if the user has none.
    fn take_in(&mut self, early: Self) {
        let has_default = self.0.iter().any(|v| v.default);
        for v in early.0 {
            if self.check_name(&v.name, None).is_ok() && self.0.len() < KEEP {
                self.0.push(SavedView {
                    default: v.default && !has_default,
                    ..v
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(q: &str) -> CustomerFilter {
        CustomerFilter::from_query(q)
    }

    fn views(names: &[&str]) -> SavedViews {
        let mut v = SavedViews::default();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(v.save(n, &f(&format!("name={i}"))), Ok(()));
        }
        v
    }

    #[test]
    fn names_are_trimmed_required_short_and_unique_ignoring_case() {
        let mut v = views(&["VIP"]);
        assert_eq!(v.check_name("  本周新客  ", None), Ok("本周新客".into()));
        assert_eq!(v.check_name("   ", None), Err(NameError::Empty));
        assert_eq!(v.check_name(&"客".repeat(30), None), Ok("客".repeat(30)));
        assert_eq!(
            v.check_name(&"客".repeat(31), None),
            Err(NameError::TooLong)
        );
        assert_eq!(v.save(" vip ", &f("")), Err(NameError::Taken));
        assert_eq!(v.0.len(), 1);
        assert_eq!(v.rename(0, "vip"), Ok(()), "its own name is not taken");
        assert_eq!(v.0[0].name, "vip");
    }

    #[test]
    fn a_view_keeps_the_filter_and_page_size_but_not_the_page() {
        let mut v = SavedViews::default();
        let shown = f("name=张三&tags=2,1&from=2026-11-01&remarks=老客&size=50&page=4");
        assert_eq!(v.save("本月", &shown), Ok(()));
        assert_eq!(v.0[0].filter(), shown.clone().first_page());
        assert_eq!(v.0[0].filter().size, 50);
        assert_eq!(
            v.matching(&shown),
            Some(0),
            "page 4 of the view is the view"
        );
        assert_eq!(v.matching(&f("name=张三")), None);
    }

    #[test]
    fn rename_delete_and_one_default_at_most() {
        let mut v = views(&["a", "b", "c"]);
        assert_eq!(v.rename(1, "a"), Err(NameError::Taken));
        assert_eq!(v.rename(1, "bee"), Ok(()));
        v.toggle_default(1);
        assert_eq!(v.default_filter(), Some(f("name=1")));
        v.toggle_default(2);
        assert_eq!(v.0.iter().filter(|x| x.default).count(), 1);
        assert_eq!(v.default_filter(), Some(f("name=2")));
        v.toggle_default(2);
        assert_eq!(v.default_filter(), None, "choosing it again unsets it");
        v.delete(0);
        v.delete(9);
        let names: Vec<&str> = v.0.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["bee", "c"]);
    }

    #[test]
    fn at_most_keep_views() {
        let names: Vec<String> = (0..KEEP).map(|i| format!("v{i}")).collect();
        let mut v = views(&names.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(v.save("one more", &f("")), Err(NameError::Full));
    }

    #[test]
    fn stored_text_reads_back_and_garbage_is_dropped() {
        let mut v = views(&["a", "b"]);
        v.toggle_default(1);
        assert_eq!(SavedViews::read(Some(&v.store())), v);
        assert!(SavedViews::read(Some("{not json")).is_empty());
        assert!(SavedViews::read(None).is_empty());
        let stored = r#"[{"name":"x","query":"page=3&size=7&tags=a,5&evil=1","default":true},
                         {"name":" X ","query":"name=dup"},
                         {"name":"","query":"name=empty"},
                         {"name":"y","query":"name=y","default":true}]"#;
        let read = SavedViews::read(Some(stored));
        assert_eq!(read.0.len(), 2);
        assert_eq!(read.0[0].query, "tags=5");
        assert_eq!(read.0.iter().filter(|x| x.default).count(), 1);
        assert!(read.0[0].default);
    }

    #[test]
    fn views_saved_before_the_user_was_known_join_without_clashes() {
        let mut mine = views(&["a"]);
        mine.toggle_default(0);
        let mut early = views(&["A", "b"]);
        early.toggle_default(1);
        mine.take_in(early);
        let names: Vec<&str> = mine.0.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(mine.0.iter().filter(|x| x.default).count(), 1);
        assert!(mine.0[0].default);
    }

    #[test]
    fn only_a_url_naming_no_filter_opens_the_default() {
        assert!(!names_a_filter(""));
        assert!(!names_a_filter("?embed=1"));
        assert!(names_a_filter("name=x"));
        assert!(names_a_filter("?name="));
        assert!(names_a_filter("page=2"));
        assert!(names_a_filter("size=50&embed=1"));
    }
}
