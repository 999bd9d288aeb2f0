//! Interface text in zh-CN (default), zh-TW and en.
//!
//! Hand-written on purpose: leptos_i18n 0.6 (with only its `csr` feature)
//! was measured at +NN KB brotli on the initial wasm, over the 30 KB budget,
//! because it brings ICU locale data for locale negotiation we do not need
//! (see README, "Bundle size"). Each entry lists all three locales, so a
//! missing translation is a compile error, not a blank label.

mod text;

pub use text::Text;

#[cfg(target_arch = "wasm32")]
mod context;
#[cfg(target_arch = "wasm32")]
pub use context::{use_i18n, I18n, I18nContextProvider};

/// A supported interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    ZhCn,
    ZhTw,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

    /// BCP 47 tag, as used in config.json, storage and `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "简体中文",
            Locale::ZhTw => "繁體中文",
            Locale::En => "English",
        }
    }

    /// Accepts the tags above in any case, plus common aliases
    /// (`zh-Hans`, `zh-Hant`, `zh-HK`, `en-US`, ...).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let t = tag.trim().to_ascii_lowercase().replace('_', "-");
        match t.as_str() {
            "zh-cn" | "zh" | "zh-hans" | "zh-sg" | "zh-hans-cn" => Some(Locale::ZhCn),
            "zh-tw" | "zh-hant" | "zh-hk" | "zh-mo" | "zh-hant-tw" => Some(Locale::ZhTw),
            _ if t == "en" || t.starts_with("en-") => Some(Locale::En),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Locale::ZhCn => 0,
            Locale::ZhTw => 1,
            Locale::En => 2,
        }
    }
}

/// `t!(i18n, key)`: a reactive view of the text, updating when the locale changes.
#[cfg(target_arch = "wasm32")]
macro_rules! t {
    ($i18n:expr, $key:ident) => {{
        let i18n = $i18n;
        move || $crate::i18n::Text::$key(i18n.get_locale())
    }};
}
#[cfg(target_arch = "wasm32")]
pub(crate) use t;

/// `t_string!(i18n, key)`: the text now, as `&'static str` (tracked when read
/// inside a reactive closure).
#[cfg(target_arch = "wasm32")]
macro_rules! t_string {
    ($i18n:expr, $key:ident) => {
        $crate::i18n::Text::$key($i18n.get_locale())
    };
}
#[cfg(target_arch = "wasm32")]
pub(crate) use t_string;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Locale::from_tag("zh-Hant"), Some(Locale::ZhTw));
        assert_eq!(Locale::from_tag("EN-us"), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr"), None);
    }

    #[test]
    fn every_text_differs_between_chinese_and_english() {
        for (key, [cn, tw, en]) in Text::ALL {
            assert!(
                !cn.is_empty() && !tw.is_empty() && !en.is_empty(),
                "{key} is empty"
            );
            assert_ne!(cn, en, "{key} is not translated to English");
            let _ = tw;
        }
        assert_eq!(Text::nav_customers(Locale::ZhTw), "客戶查詢");
    }
}
