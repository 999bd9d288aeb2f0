//! Phone numbers as people type them (`+86 138-0013-8000`). The rule itself
//! is the shared one in `scrm_api::validate`, so the panel and the server
//! agree on what the "same number" is.

use scrm_api::validate::normalize_phone;

/// The number's digits (country prefix, separators and extension dropped)
/// when `raw` is a phone number, else the trimmed text (masked numbers such
/// as `138****1786` are compared as typed).
pub fn normalize(raw: &str) -> String {
    normalize_phone(raw).unwrap_or_else(|_| raw.trim().to_owned())
}

/// What is stored for a typed phone: the same canonical form, so a later
/// lookup by call finds it however it was typed.
pub fn for_storage(raw: &str) -> String {
    normalize(raw)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn forms() {
        assert_eq!(normalize("+86 138-0013-8000"), "13800138000");
        assert_eq!(normalize("008613800138000"), "13800138000");
        assert_eq!(normalize(" 13800138000 "), "13800138000");
        assert_eq!(normalize("0592-5551234"), "05925551234");
        assert_eq!(normalize("400-820-8820 转 2"), "4008208820");
        assert_eq!(normalize("138****1786"), "138****1786");
    }
}
