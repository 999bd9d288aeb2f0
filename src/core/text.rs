//! How a page shows a record's text fields: the one placeholder for "no
//! value", so every page agrees and no code compares against display text.

/// Shown where a record has no value.
pub const NO_VALUE: &str = "—";

/// The first value with something in it besides spaces (e.g. remark name,
/// else name, else nickname).
pub fn first_filled<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Option<&'a str> {
    values.into_iter().flatten().find(|s| !s.trim().is_empty())
}

/// `value` trimmed, or [`NO_VALUE`] when it is missing or blank.
pub fn shown(value: Option<&str>) -> String {
    first_filled([value])
        .map(str::trim)
        .unwrap_or(NO_VALUE)
        .to_owned()
}

/// A count with thousands grouped (`2,000`), as the list's sentences show
/// counts in every language the panel speaks.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(2000), "2,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn blank_and_missing_show_the_placeholder() {
        assert_eq!(shown(Some("  李雷 ")), "李雷");
        assert_eq!(shown(Some("   ")), NO_VALUE);
        assert_eq!(shown(None), NO_VALUE);
        assert_eq!(
            first_filled([None, Some(" "), Some("Lily"), Some("x")]),
            Some("Lily")
        );
        assert_eq!(first_filled([None, Some("")]), None);
    }
}
