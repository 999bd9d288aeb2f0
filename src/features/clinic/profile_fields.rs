//! How the SDK's loosely described nested objects on a clinic customer read
//! as text, and which image addresses the profile may show. Host-compiled
//! and tested natively.

use serde_json::Value;

/// The name of a linked channel or staff member (`{id, name}` in the
/// reference server; the SDK does not describe it, so a bare string or a
/// `realname`/`nickname` key is read too).
pub fn related_name(v: &Option<Value>) -> Option<String> {
    match v.as_ref()? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Object(m) => ["name", "realname", "realName", "nickname", "nickName"]
            .iter()
            .find_map(|k| match m.get(*k) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                _ => None,
            }),
        _ => None,
    }
}

/// Names of the official accounts a customer follows (`wxScenesBind`): a
/// list of objects with a `name` (or `appid` when unnamed), or of strings.
pub fn followed_accounts(v: &Option<Value>) -> Vec<String> {
    let one = |item: &Value| match item {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => ["name", "nickName", "appid", "appId"]
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_owned)),
        _ => None,
    };
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(one).collect(),
        Some(item @ Value::Object(_)) => one(item).into_iter().collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Whether an image or link address may be used: http(s) only.
pub fn is_http_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("https://") || s.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn related_objects_read_as_names() {
        assert_eq!(
            related_name(&Some(json!({"id": 3, "name": "王医生"}))),
            Some("王医生".into())
        );
        assert_eq!(related_name(&Some(json!("抖音"))), Some("抖音".into()));
        assert_eq!(related_name(&Some(json!({"id": 3}))), None);
        assert_eq!(related_name(&None), None);
        assert_eq!(
            followed_accounts(&Some(
                json!([{"appid": "wx1", "name": "服务号"}, {"appid": "wx2"}])
            )),
            ["服务号", "wx2"]
        );
        assert!(followed_accounts(&Some(Value::Null)).is_empty());
    }
}
