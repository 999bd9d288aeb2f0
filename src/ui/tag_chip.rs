//! Tags as chips: a customer's tags read at a glance as separate pills instead of a comma list.
//! A chip may carry a remove button (pickers); a read-only chip is just its name.

use leptos::prelude::*;

/// `<ul class="tag-chips">` around [`TagChip`]s; empty, it takes no room.
#[component]
pub fn TagChips(#[prop(into, optional)] class: String, children: Children) -> impl IntoView {
    view! { <ul class=format!("tag-chips {class}")>{children()}</ul> }
}

/// One tag. With `on_remove`, a small × button named `remove_label` follows the name.
#[component]
pub fn TagChip(
    #[prop(into)] name: Signal<String>,
    #[prop(optional)] on_remove: Option<Callback<()>>,
    #[prop(into, optional)] remove_label: String,
) -> impl IntoView {
    view! {
        <li class="tag-chip">
            <span class="tag-chip-name">{move || name.get()}</span>
            {on_remove.map(|remove| view! {
                <button type="button" class="tag-chip-remove" aria-label=remove_label.clone()
                    title=remove_label on:click=move |_| remove.run(())>"×"</button>
            })}
        </li>
    }
}
