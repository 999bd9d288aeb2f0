//! URL state of the manual-entry pages. Filters and the page number live in
//! the query string so a reload, a shared link or the back button shows the
//! same rows; this module is the only place that knows the parameter names,
//! and it compiles on the host so the mapping is unit-tested natively.
//!
//! Anything odd in the URL (a page of `-3`, a status of `x`) is read as "no
//! filter" / page 1 rather than an error: a hand-edited link should still
//! open the page.

use scrm_api::manual_task::{ManualTaskDetailRequest, ManualTaskListRequest};

use crate::core::nav::encode_component;
use crate::core::paging::PAGE_SIZES;

/// Rows per page on both pages unless the URL asks for another of the
/// pager's sizes ([`PAGE_SIZES`], shared with the customer list).
pub const PAGE_SIZE: i64 = 20;

/// The page number and rows per page both pages keep in the URL.
pub trait Paged: Clone {
    /// The page and the size as the URL gave them.
    fn paging(&self) -> (i64, i64);
    fn set_paging(&mut self, page: i64, size: i64);

    fn with_page(&self, page: i64) -> Self {
        let mut q = self.clone();
        q.set_paging(page.max(1), self.paging().1);
        q
    }

    /// Another page size, from page 1 (the old page number would point
    /// at other rows).
    fn with_size(&self, size: i64) -> Self {
        let mut q = self.clone();
        q.set_paging(1, size_of(size));
        q
    }

    /// Rows per page as sent to the server.
    fn limit(&self) -> i64 {
        size_of(self.paging().1)
    }
}

/// `/manual-tasks?page=&size=&person=&dept=`
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub page: i64,
    /// Rows per page; anything not offered by the pager reads as [`PAGE_SIZE`].
    pub size: i64,
    pub admin_user_id: Option<i64>,
    pub dept_id: Option<i64>,
}

/// `/manual-tasks/:adminUserId?page=&size=&company=&contact=&wechat=&dial=&add=`
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DetailQuery {
    pub page: i64,
    /// As [`ListQuery::size`].
    pub size: i64,
    pub company: String,
    pub contact: String,
    pub wechat: String,
    pub dial_status: Option<i64>,
    pub add_status: Option<i64>,
}

fn page(v: Option<String>) -> i64 {
    v.and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// One of the pager's sizes, else [`PAGE_SIZE`].
fn size_of(v: i64) -> i64 {
    if PAGE_SIZES.contains(&v) {
        v
    } else {
        PAGE_SIZE
    }
}

fn size(v: Option<String>) -> i64 {
    size_of(
        v.and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or(PAGE_SIZE),
    )
}

/// The size for the URL: left out when it is the default.
fn size_text(v: i64) -> String {
    let v = size_of(v);
    if v == PAGE_SIZE {
        String::new()
    } else {
        v.to_string()
    }
}

fn id(v: Option<String>) -> Option<i64> {
    v.and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|p| *p >= 0)
}

/// The two status codes the document defines (0 not yet, 1 done).
fn status(v: Option<String>) -> Option<i64> {
    match v.as_deref().map(str::trim) {
        Some("0") => Some(0),
        Some("1") => Some(1),
        _ => None,
    }
}

fn text(v: Option<String>) -> String {
    v.map(|s| s.trim().to_owned()).unwrap_or_default()
}

/// Builds `?a=b&c=d` from the pairs that are set; `""` when none is.
fn search(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn page_text(p: i64) -> String {
    if p > 1 {
        p.to_string()
    } else {
        String::new()
    }
}

fn opt_text(v: Option<i64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn non_blank(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl ListQuery {
    /// Reads the query through `get(name)` (already percent-decoded).
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Self {
        ListQuery {
            page: page(get("page")),
            size: size(get("size")),
            admin_user_id: id(get("person")),
            dept_id: id(get("dept")),
        }
    }

    /// The query string, with the leading `?`; defaults are left out.
    pub fn to_search(&self) -> String {
        search(&[
            ("person", opt_text(self.admin_user_id)),
            ("dept", opt_text(self.dept_id)),
            ("page", page_text(self.page)),
            ("size", size_text(self.size)),
        ])
    }

    pub fn request(&self) -> ManualTaskListRequest {
        ManualTaskListRequest {
            page_no: Some(self.page.max(1)),
            limit: Some(self.limit()),
            admin_user_id: self.admin_user_id,
            pepart_id: self.dept_id,
        }
    }
}

impl Paged for ListQuery {
    fn paging(&self) -> (i64, i64) {
        (self.page, self.size)
    }

    fn set_paging(&mut self, page: i64, size: i64) {
        (self.page, self.size) = (page, size);
    }
}

impl DetailQuery {
    /// How many filters are set, and how many of them are the secondary ones (WeChat id,
    /// dial and add status) behind "more filters".
    pub fn active(&self) -> (usize, usize) {
        let set = |s: &str| usize::from(!s.trim().is_empty());
        let more = set(&self.wechat)
            + usize::from(self.dial_status.is_some())
            + usize::from(self.add_status.is_some());
        (set(&self.company) + set(&self.contact) + more, more)
    }

    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Self {
        DetailQuery {
            page: page(get("page")),
            size: size(get("size")),
            company: text(get("company")),
            contact: text(get("contact")),
            wechat: text(get("wechat")),
            dial_status: status(get("dial")),
            add_status: status(get("add")),
        }
    }

    pub fn to_search(&self) -> String {
        search(&[
            ("company", self.company.trim().to_owned()),
            ("contact", self.contact.trim().to_owned()),
            ("wechat", self.wechat.trim().to_owned()),
            ("dial", opt_text(self.dial_status)),
            ("add", opt_text(self.add_status)),
            ("page", page_text(self.page)),
            ("size", size_text(self.size)),
        ])
    }

    pub fn request(&self, admin_user_id: i64) -> ManualTaskDetailRequest {
        ManualTaskDetailRequest {
            page_no: Some(self.page.max(1)),
            limit: Some(self.limit()),
            admin_user_id: Some(admin_user_id),
            company: non_blank(&self.company),
            customer_name: non_blank(&self.contact),
            user_name: non_blank(&self.wechat),
            dial_status: self.dial_status,
            add_status: self.add_status,
        }
    }

    /// Whether any filter narrows the rows (an empty page then means "no
    /// match", not "no entries").
    pub fn is_filtered(&self) -> bool {
        !self.company.trim().is_empty()
            || !self.contact.trim().is_empty()
            || !self.wechat.trim().is_empty()
            || self.dial_status.is_some()
            || self.add_status.is_some()
    }
}

/// The route parameter `:adminUserId`, when it is a number.
pub fn admin_user_id(param: Option<&str>) -> Option<i64> {
    param.and_then(|s| s.trim().parse::<i64>().ok())
}

impl Paged for DetailQuery {
    fn paging(&self) -> (i64, i64) {
        (self.page, self.size)
    }

    fn set_paging(&mut self, page: i64, size: i64) {
        (self.page, self.size) = (page, size);
    }
}

/// Number of pages for `count` rows (at least 1).
pub fn page_count(count: i64, limit: i64) -> i64 {
    let limit = limit.max(1);
    ((count.max(0) + limit - 1) / limit).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_filters_count_the_set_ones_and_the_secondary_apart() {
        assert_eq!(DetailQuery::default().active(), (0, 0));
        let q = DetailQuery {
            contact: "张".into(),
            wechat: " ".into(),
            dial_status: Some(0),
            ..Default::default()
        };
        assert_eq!(q.active(), (2, 1));
    }
    use std::collections::HashMap;

    fn getter(q: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = q
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn detail_round_trips_through_the_url() {
        let q = DetailQuery {
            page: 3,
            size: 50,
            company: "星河 & 医美".into(),
            contact: "李".into(),
            wechat: "wxid_1".into(),
            dial_status: Some(0),
            add_status: Some(1),
        };
        let s = q.to_search();
        assert_eq!(
            s,
            "?company=%E6%98%9F%E6%B2%B3%20%26%20%E5%8C%BB%E7%BE%8E&contact=%E6%9D%8E&wechat=wxid_1&dial=0&add=1&page=3&size=50"
        );
        // What the router hands back after decoding.
        let back = DetailQuery::parse(getter(&[
            ("company", "星河 & 医美"),
            ("contact", "李"),
            ("wechat", "wxid_1"),
            ("dial", "0"),
            ("add", "1"),
            ("page", "3"),
            ("size", "50"),
        ]));
        assert_eq!(back, q);
        assert_eq!(q.request(1).limit, Some(50));
        // A new size starts from page 1; the default size stays out of the URL.
        let resized = q.with_size(20);
        assert_eq!((resized.page, resized.limit()), (1, 20));
        assert!(!resized.to_search().contains("size="));
        let l = ListQuery::parse(getter(&[("size", "100"), ("page", "2")]));
        assert_eq!(l.to_search(), "?page=2&size=100");
        assert_eq!(l.request().limit, Some(100));
    }

    #[test]
    fn defaults_leave_the_url_clean() {
        assert_eq!(DetailQuery::parse(getter(&[])).to_search(), "");
        assert_eq!(
            ListQuery::parse(getter(&[])),
            ListQuery {
                page: 1,
                size: PAGE_SIZE,
                admin_user_id: None,
                dept_id: None
            }
        );
        assert_eq!(ListQuery::parse(getter(&[])).with_page(1).to_search(), "");
    }

    #[test]
    fn odd_values_fall_back_instead_of_failing() {
        let q = DetailQuery::parse(getter(&[
            ("page", "-2"),
            ("dial", "x"),
            ("add", "7"),
            ("size", "33"),
        ]));
        assert_eq!(q.page, 1);
        assert_eq!(q.size, PAGE_SIZE);
        assert_eq!(q.dial_status, None);
        assert_eq!(q.add_status, None);
        let l = ListQuery::parse(getter(&[("page", "abc"), ("person", "x"), ("dept", "2")]));
        assert_eq!((l.page, l.admin_user_id, l.dept_id), (1, None, Some(2)));
    }

    #[test]
    fn requests_carry_only_real_filters() {
        let q = DetailQuery {
            page: 2,
            company: "  ".into(),
            contact: " 王 ".into(),
            ..Default::default()
        };
        let r = q.request(12);
        assert_eq!(r.admin_user_id, Some(12));
        assert_eq!(r.page_no, Some(2));
        assert_eq!(r.limit, Some(PAGE_SIZE));
        assert_eq!(r.company, None);
        assert_eq!(r.customer_name.as_deref(), Some("王"));
        assert!(r.validate().is_ok());
        let l = ListQuery {
            page: 0,
            size: 0,
            admin_user_id: Some(5),
            dept_id: None,
        }
        .request();
        assert_eq!(l.limit, Some(PAGE_SIZE));
        assert_eq!((l.page_no, l.admin_user_id), (Some(1), Some(5)));
    }

    #[test]
    fn paging_maths() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(-5, 0), 1);
        assert_eq!(admin_user_id(Some("11855")), Some(11855));
        assert_eq!(admin_user_id(Some("abc")), None);
        assert_eq!(admin_user_id(None), None);
    }
}
