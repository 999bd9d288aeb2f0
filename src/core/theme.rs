//! The colour theme a salesperson picks: follow the system, or always light
//! or dark. The stylesheet holds both palettes (style/tokens.css); the page
//! only says which one applies, on `<html data-theme>`.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// What is kept in local storage and used as the select's value.
    pub fn tag(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// A stored or chosen tag; anything else (an old or edited value) is
    /// the default, never an error.
    pub fn from_tag(tag: Option<&str>) -> ThemeChoice {
        ThemeChoice::ALL
            .into_iter()
            .find(|c| Some(c.tag()) == tag.map(str::trim))
            .unwrap_or_default()
    }

    /// The palette that applies, given whether the system prefers dark.
    pub fn theme(self, system_prefers_dark: bool) -> &'static str {
        match self {
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
            ThemeChoice::System if system_prefers_dark => "dark",
            ThemeChoice::System => "light",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_round_trips_and_junk_follows_the_system() {
        for c in ThemeChoice::ALL {
            assert_eq!(ThemeChoice::from_tag(Some(c.tag())), c);
        }
        assert_eq!(ThemeChoice::from_tag(Some("Dark!")), ThemeChoice::System);
        assert_eq!(ThemeChoice::from_tag(None), ThemeChoice::System);
    }

    #[test]
    fn only_the_system_choice_follows_the_system() {
        assert_eq!(ThemeChoice::System.theme(true), "dark");
        assert_eq!(ThemeChoice::System.theme(false), "light");
        assert_eq!(ThemeChoice::Light.theme(true), "light");
        assert_eq!(ThemeChoice::Dark.theme(false), "dark");
    }
}
