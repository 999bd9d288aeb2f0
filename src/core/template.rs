//! Fills `{name}` placeholders in translated sentences. The i18n crate's
//! own interpolation into plain strings needs its `interpolate_display`
//! feature, which costs bundle size for a handful of sentences.

/// Replaces every `{key}` of `vars` in `template`; unknown placeholders stay
/// as written so a missing value is visible rather than silently dropped.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in vars {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_every_placeholder_once_per_value() {
        assert_eq!(
            fill(
                "删除 {name} 的全部 {n} 条录入（{name}）",
                &[("name", "李小琳"), ("n", "12")]
            ),
            "删除 李小琳 的全部 12 条录入（李小琳）"
        );
        assert_eq!(fill("{other}", &[("name", "x")]), "{other}");
    }
}
