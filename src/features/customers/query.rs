//! The customer list's view state (filters, page, page size) and its URL
//! form. The URL is the single source of truth for the list, so reload,
//! back/forward and a pasted link show the same view; this mapping is
//! host-compiled so it is tested natively. A hand-edited URL never fails: a
//! value that does not parse is dropped, as if the filter had not been set.

use scrm_api::customer::{CustomerPageRequest, DownloadRequest};
use scrm_api::lenient::split_ids;
use scrm_api::time::Timestamp;
use scrm_api::validate::is_ymd;

use crate::core::paging::PAGE_SIZES;

/// What the list shows. Text filters are kept as typed (trimmed); dates are
/// `YYYY-MM-DD` days, the end day inclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerFilter {
    pub name: String,
    pub phone: String,
    pub tags: Vec<i64>,
    pub from: String,
    pub to: String,
    pub remarks: String,
    pub page: i64,
    pub size: i64,
}

impl Default for CustomerFilter {
    fn default() -> Self {
        CustomerFilter {
            name: String::new(),
            phone: String::new(),
            tags: Vec::new(),
            from: String::new(),
            to: String::new(),
            remarks: String::new(),
            page: 1,
            size: PAGE_SIZES[0],
        }
    }
}

fn clean_date(s: &str) -> String {
    let s = s.trim();
    if is_ymd(s) {
        s.to_owned()
    } else {
        String::new()
    }
}

fn some_text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The phone filter as sent: a number's digits however it was typed
/// (`+86 135 2724 4977` finds `13527244977`), anything else as typed.
fn phone_filter(s: &str) -> Option<String> {
    let t = some_text(s)?;
    Some(scrm_api::validate::normalize_phone(&t).unwrap_or(t))
}

impl CustomerFilter {
    /// Reads the view from decoded query pairs (`name`, `phone`, `tags`,
    /// `from`, `to`, `remarks`, `page`, `size`); unknown keys are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = CustomerFilter::default();
        for (k, v) in pairs {
            match k {
                "name" => f.name = v.trim().to_owned(),
                "phone" => f.phone = v.trim().to_owned(),
                "tags" => {
                    let mut ids: Vec<i64> = split_ids(v).into_iter().filter(|i| *i > 0).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    f.tags = ids;
                }
                "from" => f.from = clean_date(v),
                "to" => f.to = clean_date(v),
                "remarks" => f.remarks = v.trim().to_owned(),
                "page" => f.page = v.trim().parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                "size" => {
                    f.size = v
                        .trim()
                        .parse()
                        .ok()
                        .filter(|s| PAGE_SIZES.contains(s))
                        .unwrap_or(PAGE_SIZES[0])
                }
                _ => {}
            }
        }
        f
    }

    /// Reads the view from a raw query string (with or without the `?`).
    pub fn from_query(query: &str) -> Self {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query.trim_start_matches('?')).unwrap_or_default();
        Self::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The address of the list showing this view.
    pub fn href(&self) -> String {
        let q = self.to_query();
        if q.is_empty() {
            "/customers".to_owned()
        } else {
            format!("/customers?{q}")
        }
    }

    /// The query string for this view, without the `?`; defaults are left
    /// out so the plain list has the plain URL `/customers`.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let d = CustomerFilter::default();
        for (k, v) in [
            ("name", &self.name),
            ("phone", &self.phone),
            ("from", &self.from),
            ("to", &self.to),
            ("remarks", &self.remarks),
        ] {
            if !v.trim().is_empty() {
                pairs.push((k, v.trim().to_owned()));
            }
        }
        if !self.tags.is_empty() {
            pairs.push(("tags", self.tag_list()));
        }
        if self.page != d.page {
            pairs.push(("page", self.page.to_string()));
        }
        if self.size != d.size {
            pairs.push(("size", self.size.to_string()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    fn tag_list(&self) -> String {
        self.tags
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// How many filters are set (the phone's filter button shows it), and how many of them are
    /// the secondary ones behind "more filters" (the creation days and remarks).
    pub fn active(&self) -> (usize, usize) {
        let set = |s: &str| usize::from(!s.trim().is_empty());
        let more = set(&self.from) + set(&self.to) + set(&self.remarks);
        let main = set(&self.name) + set(&self.phone) + usize::from(!self.tags.is_empty());
        (main + more, more)
    }

    /// No filters, the same page size: what "clear filters" leads to.
    pub fn cleared(&self) -> Self {
        CustomerFilter {
            size: self.size,
            ..Default::default()
        }
    }

    /// The same filters from page one: changing a filter must not leave the
    /// user on page 7 of a shorter list.
    pub fn first_page(mut self) -> Self {
        self.page = 1;
        self
    }

    /// The name an export of this view is saved under: what it holds and
    /// when, so a folder of exports explains itself
    /// (`customers-张三-from-2026-11-01-2026-12-01.xlsx`). Characters that
    /// file systems refuse become `_`; the filter part is kept short.
    pub fn export_file_name(&self, today: &str, ext: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (label, value) in [
            ("", self.name.trim().to_owned()),
            ("", phone_filter(&self.phone).unwrap_or_default()),
            ("tags-", self.tag_list().replace(',', "-")),
            ("from-", self.from.trim().to_owned()),
            ("to-", self.to.trim().to_owned()),
            ("", self.remarks.trim().to_owned()),
        ] {
            if !value.is_empty() {
                parts.push(format!("{label}{value}"));
            }
        }
        let filter: String = parts
            .join("-")
            .chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() || c.is_whitespace() => '_',
                c => c,
            })
            .take(60)
            .collect();
        if filter.is_empty() {
            format!("customers-{today}.{ext}")
        } else {
            format!("customers-{filter}-{today}.{ext}")
        }
    }

    /// The name an export of a selection of `count` customers is saved
    /// under (`customers-selected-25-2026-12-01.csv`).
    pub fn selection_file_name(count: u64, today: &str, ext: &str) -> String {
        format!("customers-selected-{count}-{today}.{ext}")
    }

    /// The customerPage request for page `page_no` of `limit` rows of this
    /// view (a bulk action reading everyone the filter matches).
    pub fn page_request_at(&self, page_no: i64, limit: i64) -> CustomerPageRequest {
        CustomerPageRequest {
            limit: Some(limit),
            page_no: Some(page_no),
            ..self.page_request()
        }
    }

    /// The customerPage request for this view.
    pub fn page_request(&self) -> CustomerPageRequest {
        CustomerPageRequest {
            customer_name: some_text(&self.name),
            customer_phone: phone_filter(&self.phone),
            tag_ids: (!self.tags.is_empty()).then(|| self.tag_list()),
            begin_time: Timestamp::parse(&self.from),
            end_time: Timestamp::parse(&self.to),
            remarks: some_text(&self.remarks),
            wechat_contact_id: None,
            limit: Some(self.size),
            page_no: Some(self.page),
        }
    }

    /// The downLoad request for page `page_no` of an export of this view.
    pub fn download_request(&self, page_no: i64, limit: i64) -> DownloadRequest {
        DownloadRequest {
            customer_name: some_text(&self.name),
            customer_phone: phone_filter(&self.phone),
            tag_ids: (!self.tags.is_empty()).then(|| self.tag_list()),
            begin_time: Timestamp::parse(&self.from),
            end_time: Timestamp::parse(&self.to),
            remark_name: some_text(&self.remarks),
            wechat_user_id: None,
            limit: Some(limit),
            page_no: Some(page_no),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_export_is_named_for_its_count_and_day() {
        assert_eq!(
            CustomerFilter::selection_file_name(25, "2026-12-01", "csv"),
            "customers-selected-25-2026-12-01.csv"
        );
        let f = CustomerFilter {
            name: "张".into(),
            page: 3,
            size: 50,
            ..Default::default()
        };
        let r = f.page_request_at(2, 200);
        assert_eq!((r.page_no, r.limit), (Some(2), Some(200)));
        assert_eq!(r.customer_name.as_deref(), Some("张"));
    }

    #[test]
    fn active_counts_every_set_filter_and_the_secondary_ones_apart() {
        assert_eq!(CustomerFilter::default().active(), (0, 0));
        let f = CustomerFilter {
            name: " ".into(),
            phone: "138".into(),
            tags: vec![2, 5],
            to: "2024-02-29".into(),
            remarks: "vip".into(),
            size: 50,
            ..Default::default()
        };
        assert_eq!(f.active(), (4, 2));
        assert_eq!(
            f.cleared(),
            CustomerFilter {
                size: 50,
                ..Default::default()
            }
        );
    }

    #[test]
    fn default_view_is_the_bare_url() {
        assert_eq!(CustomerFilter::default().to_query(), "");
        assert_eq!(CustomerFilter::from_query(""), CustomerFilter::default());
    }

    #[test]
    fn every_field_round_trips_through_the_url() {
        let f = CustomerFilter {
            name: "张三 & 李四".into(),
            phone: "138".into(),
            tags: vec![2, 5],
            from: "2024-01-01".into(),
            to: "2024-02-29".into(),
            remarks: "a=b?c#d".into(),
            page: 3,
            size: 50,
        };
        let q = f.to_query();
        assert!(q.contains("tags=2%2C5"), "{q}");
        assert_eq!(CustomerFilter::from_query(&q), f);
        assert_eq!(CustomerFilter::from_query(&format!("?{q}")), f);
    }

    #[test]
    fn bad_values_are_dropped_not_fatal() {
        let f = CustomerFilter::from_query(
            "page=-2&size=7&tags=x,3,,3,-1&from=2024-02-30&to=yesterday&name=%20a%20&zzz=1",
        );
        assert_eq!(f.page, 1);
        assert_eq!(f.size, 10);
        assert_eq!(f.tags, vec![3]);
        assert_eq!(f.from, "");
        assert_eq!(f.to, "");
        assert_eq!(f.name, "a");
        let garbage = CustomerFilter::from_query("%%%&&==");
        assert_eq!(garbage.page, 1);
    }

    #[test]
    fn requests_carry_the_filters() {
        let plain = CustomerFilter::default();
        assert_eq!(
            plain.export_file_name("2026-12-01", "csv"),
            "customers-2026-12-01.csv"
        );
        let named = CustomerFilter::from_query(
            "name=%E5%BC%A0%20%E4%B8%89/a&phone=%2B86%20138&tags=4,1&from=2026-11-01",
        );
        assert_eq!(
            named.export_file_name("2026-12-01", "xlsx"),
            "customers-张_三_a-138-tags-1-4-from-2026-11-01-2026-12-01.xlsx"
        );
        let typed = CustomerFilter::from_query("phone=%2B86%20135%202724%204977");
        assert_eq!(
            typed.page_request().customer_phone.as_deref(),
            Some("13527244977")
        );
        assert_eq!(
            typed.download_request(1, 10).customer_phone.as_deref(),
            Some("13527244977")
        );
        let masked = CustomerFilter::from_query("phone=138****");
        assert_eq!(
            masked.page_request().customer_phone.as_deref(),
            Some("138****")
        );
        let f = CustomerFilter::from_query("phone=139&tags=4,1&from=2024-03-01&page=2&size=20");
        let r = f.page_request();
        assert_eq!(r.customer_phone.as_deref(), Some("139"));
        assert_eq!(r.customer_name, None);
        assert_eq!(r.tag_ids.as_deref(), Some("1,4"));
        assert_eq!(
            r.begin_time.as_ref().map(|t| t.date().to_owned()),
            Some("2024-03-01".into())
        );
        assert_eq!(r.end_time, None);
        assert_eq!((r.page_no, r.limit), (Some(2), Some(20)));
        let d = f.download_request(5, 500);
        assert_eq!(d.customer_phone.as_deref(), Some("139"));
        assert_eq!((d.page_no, d.limit), (Some(5), Some(500)));
    }

    #[test]
    fn a_new_filter_starts_at_page_one() {
        let f = CustomerFilter::from_query("page=4&name=x").first_page();
        assert_eq!(f.to_query(), "name=x");
    }
}
