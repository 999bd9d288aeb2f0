//! A clearly marked page that its own issue will fill.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

#[component]
pub fn Placeholder(
    /// The page heading, already translated.
    title: Signal<String>,
    route: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page placeholder" data-route=route>
            <h1>{title}</h1>
            <p class="placeholder-note">{t!(i18n, placeholder_note)}</p>
            <p class="muted">{t!(i18n, placeholder_route)} ": " <code>{route}</code></p>
            {children.map(|c| c())}
        </section>
    }
}
