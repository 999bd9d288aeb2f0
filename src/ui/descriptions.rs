//! A descriptions list: labelled facts in a grid, label beside value on a wide screen and label
//! above value in a 360 px side panel. A fact with nothing to say is left out rather than shown
//! empty, so the grid only holds what the reader can use.

use leptos::prelude::*;

/// `<dl class="descriptions">`: its children are [`Item`]s (or [`fact`]s).
#[component]
pub fn Descriptions(#[prop(into, optional)] class: String, children: Children) -> impl IntoView {
    view! { <dl class=format!("descriptions {class}")>{children()}</dl> }
}

/// One labelled fact; the value may be any view (chips, a phone with its actions).
#[component]
pub fn Item(
    #[prop(into)] label: String,
    /// A class on the value, for styling or for tests to find it.
    #[prop(into, optional)]
    class: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="descriptions-item">
            <dt>{label}</dt>
            <dd class=class>{children()}</dd>
        </div>
    }
}

/// A text fact, or nothing when the value is missing or blank. Server text is shown as text.
pub fn fact(label: &str, value: Option<String>) -> Option<impl IntoView> {
    let value = value.filter(|v| !v.trim().is_empty())?;
    let label = label.to_owned();
    Some(view! {
        <div class="descriptions-item">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    })
}
