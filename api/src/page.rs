//! The vendor pages lists two ways: `{code, data:[..], pageNo, count}` (customer
//! and chat lists) and `{code, msg, data:{count, data:[..], pageNo, limit}}`
//! (manual-entry lists). Both decode into one [`Page`] so pages and tables never
//! care which shape an endpoint uses; each reply type re-encodes in its own
//! endpoint's shape so the reference server stays byte-compatible.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lenient::{opt_i64, opt_string, vec_or_null};

/// One page of a list, whatever envelope it came in.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Total matching rows; the number of items when the vendor left it out.
    pub count: i64,
    /// 1-based; 1 when the vendor left it out.
    pub page_no: i64,
    /// Page size, when the vendor said.
    pub limit: Option<i64>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            items: Vec::new(),
            count: 0,
            page_no: 1,
            limit: None,
        }
    }
}

impl<T> Page<T> {
    /// Number of pages for the given page size (at least 1, so a pager always
    /// has a page to show).
    pub fn page_count(&self, limit: i64) -> i64 {
        let limit = self.limit.unwrap_or(limit).max(1);
        ((self.count.max(0) + limit - 1) / limit).max(1)
    }
}

/// `{code, msg?, data:[..], pageNo, count}` — customerPage, downLoad,
/// getRedisMessageRecord. Decodes the nested shape as well.
#[derive(Clone, Debug, PartialEq)]
pub struct PageReply<T> {
    pub code: Option<i64>,
    pub msg: Option<String>,
    pub page: Page<T>,
}

/// `{code, msg, data:{count, data:[..], pageNo, limit}}` — getManualTaskList,
/// getManualTaskDetail. Decodes the flat shape as well.
#[derive(Clone, Debug, PartialEq)]
pub struct NestedPageReply<T> {
    pub code: Option<i64>,
    pub msg: Option<String>,
    pub page: Page<T>,
}

/// An empty reply that says success (`code` 200), for each envelope.
macro_rules! default_ok {
    ($reply:ident, $list:ident: $empty:expr) => {
        impl<T> Default for $reply<T> {
            fn default() -> Self {
                $reply {
                    code: Some(200),
                    msg: None,
                    $list: $empty,
                }
            }
        }
    };
}

default_ok!(PageReply, page: Page::default());
default_ok!(NestedPageReply, page: Page::default());

/// Where a list is in its whole: the flat envelope has it beside `data`, the
/// nested one inside it (and sometimes both).
#[derive(Default)]
struct RawPaging {
    count: Option<i64>,
    page_no: Option<i64>,
    limit: Option<i64>,
}

/// `data` of either envelope: the list itself, or `{data:[..], count, ...}`.
enum RawData<T> {
    List(Vec<T>),
    Nested(Vec<T>, RawPaging),
}

struct RawPage<T> {
    code: Option<i64>,
    msg: Option<String>,
    data: Option<RawData<T>>,
    paging: RawPaging,
}

/// The keys the two envelopes have; any other is skipped.
#[derive(Deserialize)]
#[serde(field_identifier)]
enum Key {
    #[serde(rename = "code")]
    Code,
    #[serde(rename = "msg")]
    Msg,
    #[serde(rename = "data")]
    Data,
    #[serde(rename = "count")]
    Count,
    #[serde(rename = "pageNo")]
    PageNo,
    #[serde(rename = "limit")]
    Limit,
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct Int(#[serde(deserialize_with = "opt_i64")] Option<i64>);

#[derive(Deserialize)]
struct Text(#[serde(deserialize_with = "opt_string")] Option<String>);

impl RawPaging {
    /// Takes the value of `key` if it is a paging key; false when it is not.
    fn take<'de, A: MapAccess<'de>>(&mut self, key: &Key, map: &mut A) -> Result<bool, A::Error> {
        let slot = match key {
            Key::Count => &mut self.count,
            Key::PageNo => &mut self.page_no,
            Key::Limit => &mut self.limit,
            _ => return Ok(false),
        };
        *slot = map.next_value::<Int>()?.0;
        Ok(true)
    }
}

// Written by hand rather than derived with `untagged` and `flatten`: those
// buffer the whole reply in serde's `Content` and decode every row type a
// second way from it, which costs the panel's wasm size and a copy of each
// page; this reads the rows straight from the reply text.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for RawData<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = RawData<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list, or an object with a list in `data`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(RawData::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                let mut paging = RawPaging::default();
                while let Some(key) = map.next_key::<Key>()? {
                    if paging.take(&key, &mut map)? {
                        continue;
                    }
                    match key {
                        Key::Data => {
                            items = map.next_value::<Option<Vec<T>>>()?.unwrap_or_default()
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(RawData::Nested(items, paging))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for RawPage<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = RawPage<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a reply object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut page = RawPage {
                    code: None,
                    msg: None,
                    data: None,
                    paging: RawPaging::default(),
                };
                while let Some(key) = map.next_key::<Key>()? {
                    if page.paging.take(&key, &mut map)? {
                        continue;
                    }
                    match key {
                        Key::Code => page.code = map.next_value::<Int>()?.0,
                        Key::Msg => page.msg = map.next_value::<Text>()?.0,
                        Key::Data => page.data = map.next_value()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(page)
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

impl<T> RawPage<T> {
    fn normalise(self) -> (Option<i64>, Option<String>, Page<T>) {
        let outer = self.paging;
        let (items, count, page_no, limit) = match self.data {
            None => (Vec::new(), outer.count, outer.page_no, outer.limit),
            Some(RawData::List(items)) => (items, outer.count, outer.page_no, outer.limit),
            Some(RawData::Nested(items, inner)) => (
                items,
                inner.count.or(outer.count),
                inner.page_no.or(outer.page_no),
                inner.limit.or(outer.limit),
            ),
        };
        let count = count.unwrap_or(items.len() as i64);
        let page = Page {
            items,
            count,
            page_no: page_no.unwrap_or(1),
            limit,
        };
        (self.code, self.msg, page)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for PageReply<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (code, msg, page) = RawPage::<T>::deserialize(d)?.normalise();
        Ok(PageReply { code, msg, page })
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for NestedPageReply<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (code, msg, page) = RawPage::<T>::deserialize(d)?.normalise();
        Ok(NestedPageReply { code, msg, page })
    }
}

impl<T: Serialize> Serialize for PageReply<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", &self.code)?;
        if let Some(msg) = &self.msg {
            m.serialize_entry("msg", msg)?;
        }
        m.serialize_entry("data", &self.page.items)?;
        m.serialize_entry("pageNo", &self.page.page_no)?;
        m.serialize_entry("count", &self.page.count)?;
        if let Some(limit) = self.page.limit {
            m.serialize_entry("limit", &limit)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct InnerOut<'a, T> {
    count: i64,
    data: &'a [T],
    #[serde(rename = "pageNo")]
    page_no: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<i64>,
}

impl<T: Serialize> Serialize for NestedPageReply<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", &self.code)?;
        m.serialize_entry("msg", &self.msg)?;
        let inner = InnerOut {
            count: self.page.count,
            data: &self.page.items,
            page_no: self.page.page_no,
            limit: self.page.limit,
        };
        m.serialize_entry("data", &inner)?;
        m.end()
    }
}

/// `{code, msg, data:[..]}` with `data: null` read as an empty list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct ListReply<T> {
    #[serde(default, deserialize_with = "opt_i64")]
    pub code: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub msg: Option<String>,
    #[serde(default = "Vec::new", deserialize_with = "vec_or_null")]
    pub data: Vec<T>,
}

default_ok!(ListReply, data: Vec::new());
