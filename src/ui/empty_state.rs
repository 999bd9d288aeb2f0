//! What a list says when it has nothing to show: a small drawing, the words, and the action
//! that gets the user somewhere (clear the filters, add the first entry). The drawing is
//! inline SVG coloured by tokens, hidden from screen readers; the words carry the meaning.

use leptos::prelude::*;

#[component]
pub fn EmptyState(
    /// On the wrapper, for tests and for `aria-describedby`.
    #[prop(into)]
    id: String,
    /// What is (not) there, in one sentence.
    #[prop(into)]
    title: TextProp,
    /// A hint at what to do next.
    #[prop(into, optional)]
    hint: Option<TextProp>,
    /// The action, usually one button.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state" id=id role="status">
            <svg class="empty-art" viewBox="0 0 64 48" aria-hidden="true" focusable="false">
                <rect class="empty-art-back" x="8" y="10" width="40" height="30" rx="4"/>
                <rect class="empty-art-card" x="14" y="4" width="40" height="30" rx="4"/>
                <path class="empty-art-line" d="M21 14h20M21 20h14M21 26h9"/>
                <circle class="empty-art-lens" cx="46" cy="32" r="7"/>
                <path class="empty-art-line" d="M51 37l6 6"/>
            </svg>
            <p class="empty-title">{move || title.get()}</p>
            {hint.map(|h| view! { <p class="empty-hint">{move || h.get()}</p> })}
            {children.map(|c| view! { <div class="empty-action">{c()}</div> })}
        </div>
    }
}
