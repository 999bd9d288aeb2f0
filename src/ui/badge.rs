//! A badge: a short status word beside what it describes ("starred", "not dialled", "default").
//! The tone says how much it matters; the word itself carries the meaning, never the colour alone.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// Plain information.
    #[default]
    Neutral,
    /// Where something comes from, a default.
    Brand,
    /// Done.
    Success,
    /// Still to do.
    Warning,
    /// Failed or refused.
    Danger,
}

impl Tone {
    /// The class `style/main.css` draws the tone with, after `badge`.
    fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "badge neutral",
            Tone::Brand => "badge",
            Tone::Success => "badge success",
            Tone::Warning => "badge warning",
            Tone::Danger => "badge danger",
        }
    }
}

#[component]
pub fn Badge(#[prop(optional)] tone: Tone, children: Children) -> impl IntoView {
    view! { <span class=tone.class()>{children()}</span> }
}
