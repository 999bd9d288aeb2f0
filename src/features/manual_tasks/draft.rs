//! The add-entry form as data: which fields it shows in which order, how a
//! wire name reaches its value, and the draft kept in session storage so
//! nothing typed is lost to a failed request, an expired session or a
//! reload. Host-compiled, so the field table is checked against the request
//! type natively.

use scrm_api::manual_task::AddManualTaskRequest;
use scrm_api::validate::{field_label, Lang};
use serde_json::Value;

/// Session-storage key of the add form's draft.
pub const DRAFT_KEY: &str = "scrm.draft.manualTaskNew";

/// Every field of addManualTask, in form order: (wire name, required).
pub const FIELDS: &[(&str, bool)] = &[
    ("customerName", true),
    ("customerPhone", true),
    ("phoneGeo", true),
    ("company", false),
    ("address", false),
    ("nickName", false),
    ("userName", false),
    ("tags", false),
    ("xfield1", false),
    ("xfield2", false),
    ("xfield3", false),
    ("xfield4", false),
    ("xfield5", false),
    ("xfield6", false),
    ("xfield7", false),
    ("xfield8", false),
    ("xfield9", false),
    ("xfield10", false),
    ("v1", false),
];

/// The value behind a wire name; `None` for a name the form does not have.
pub fn slot<'a>(r: &'a mut AddManualTaskRequest, field: &str) -> Option<&'a mut Option<String>> {
    Some(match field {
        "customerName" => &mut r.customer_name,
        "customerPhone" => &mut r.customer_phone,
        "phoneGeo" => &mut r.phone_geo,
        "company" => &mut r.company,
        "address" => &mut r.address,
        "nickName" => &mut r.nick_name,
        "userName" => &mut r.user_name,
        "tags" => &mut r.tags,
        "xfield1" => &mut r.xfield1,
        "xfield2" => &mut r.xfield2,
        "xfield3" => &mut r.xfield3,
        "xfield4" => &mut r.xfield4,
        "xfield5" => &mut r.xfield5,
        "xfield6" => &mut r.xfield6,
        "xfield7" => &mut r.xfield7,
        "xfield8" => &mut r.xfield8,
        "xfield9" => &mut r.xfield9,
        "xfield10" => &mut r.xfield10,
        "v1" => &mut r.v1,
        _ => return None,
    })
}

/// The text an input shows for a field.
pub fn value(r: &AddManualTaskRequest, field: &str) -> String {
    let mut copy = r.clone();
    slot(&mut copy, field)
        .and_then(|v| v.take())
        .unwrap_or_default()
}

/// Sets a field from an input; other fields are untouched.
pub fn set(r: &mut AddManualTaskRequest, field: &str, text: String) {
    if let Some(v) = slot(r, field) {
        *v = Some(text);
    }
}

/// The request as sent: surrounding spaces dropped, empty fields left out.
pub fn cleaned(r: &AddManualTaskRequest) -> AddManualTaskRequest {
    let mut out = r.clone();
    for (name, _) in FIELDS {
        if let Some(v) = slot(&mut out, name) {
            *v = v
                .take()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
        }
    }
    out
}

/// The label shown for a field; the ten custom fields are numbered.
pub fn label(field: &str, lang: Lang) -> String {
    match field.strip_prefix("xfield") {
        Some(n) if !n.is_empty() => format!("{} {n}", field_label("xfield1", lang)),
        _ => field_label(field, lang).to_owned(),
    }
}

/// What the add page keeps between reloads: the entry and the add-WeChat
/// inputs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub entry: AddManualTaskRequest,
    pub uin: String,
    pub wechat: String,
}

impl Draft {
    /// A stored draft; anything unreadable (another version, a hand edit)
    /// starts an empty form rather than failing. Read through
    /// `serde_json::Value`, which the API client already uses, rather than a
    /// derived `Deserialize` that would add its own decoder to the bundle.
    pub fn restore(stored: Option<&str>) -> Draft {
        let Some(Value::Object(map)) = stored.and_then(|s| serde_json::from_str(s).ok()) else {
            return Draft::default();
        };
        let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_owned);
        let mut d = Draft {
            uin: text("uin").unwrap_or_default(),
            wechat: text("wechat").unwrap_or_default(),
            ..Draft::default()
        };
        for (name, _) in FIELDS {
            if let Some(v) = text(name) {
                set(&mut d.entry, name, v);
            }
        }
        d
    }

    pub fn store(&self) -> String {
        let mut map = serde_json::Map::new();
        for (name, _) in FIELDS {
            let v = value(&self.entry, name);
            if !v.is_empty() {
                map.insert((*name).to_owned(), Value::String(v));
            }
        }
        map.insert("uin".into(), Value::String(self.uin.clone()));
        map.insert("wechat".into(), Value::String(self.wechat.clone()));
        Value::Object(map).to_string()
    }

    pub fn is_empty(&self) -> bool {
        cleaned(&self.entry) == AddManualTaskRequest::default()
            && self.uin.trim().is_empty()
            && self.wechat.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrm_api::validate::field_messages;

    #[test]
    fn every_document_field_is_on_the_form() {
        let mut r = AddManualTaskRequest::default();
        for (name, _) in FIELDS {
            set(&mut r, name, format!("v-{name}"));
        }
        let json = serde_json::to_value(&r).unwrap_or_default();
        let keys = json.as_object().map(|o| o.len()).unwrap_or_default();
        assert_eq!(keys, 19, "all 19 document fields: {json}");
        for (name, _) in FIELDS {
            assert_eq!(json[*name], format!("v-{name}"), "{name}");
            assert_eq!(value(&r, name), format!("v-{name}"));
        }
        let required: Vec<_> = FIELDS.iter().filter(|f| f.1).map(|f| f.0).collect();
        assert_eq!(required, ["customerName", "customerPhone", "phoneGeo"]);
    }

    #[test]
    fn cleaning_trims_and_drops_blanks() {
        let mut r = AddManualTaskRequest::default();
        set(&mut r, "customerName", "  王五 ".into());
        set(&mut r, "company", "   ".into());
        let c = cleaned(&r);
        assert_eq!(c.customer_name.as_deref(), Some("王五"));
        assert_eq!(c.company, None);
    }

    #[test]
    fn drafts_survive_storage_and_bad_drafts_do_not_break_the_form() {
        let mut d = Draft::default();
        set(&mut d.entry, "customerPhone", "138 0013 8000".into());
        d.uin = "123".into();
        assert_eq!(Draft::restore(Some(&d.store())), d);
        assert!(!d.is_empty());
        assert_eq!(Draft::restore(Some("{not json")), Draft::default());
        assert_eq!(Draft::restore(None), Draft::default());
        assert!(Draft::default().is_empty());
    }

    #[test]
    fn labels_and_messages() {
        assert_eq!(label("xfield7", Lang::ZhCn), "自定义字段 7");
        assert_eq!(label("customerName", Lang::En), "Customer name");
        let r = AddManualTaskRequest::default();
        let errs = r.validate().err().unwrap_or_default();
        assert_eq!(
            field_messages(&errs, "customerName", Lang::ZhCn),
            "客户姓名不能为空"
        );
        assert!(field_messages(&errs, "company", Lang::ZhCn).is_empty());
    }
}
