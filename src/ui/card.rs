//! A card: one thing (a customer, a profile) on a raised surface, with an optional head (its
//! name and what marks it) and a row of actions at the foot. The card draws the frame only;
//! what goes inside is the caller's, so a card never decides what a customer looks like.

use leptos::prelude::*;

/// `<Card class="call-card">…</Card>`: extra classes go after `card`.
#[component]
pub fn Card(#[prop(into, optional)] class: String, children: Children) -> impl IntoView {
    view! { <div class=format!("card {class}")>{children()}</div> }
}

/// The card's head: its title (a heading the caller picks the level of) and marks beside it.
#[component]
pub fn CardHead(children: Children) -> impl IntoView {
    view! { <div class="card-head">{children()}</div> }
}

/// The card's actions, in one wrapping row under its content.
#[component]
pub fn CardActions(children: Children) -> impl IntoView {
    view! { <div class="card-actions">{children()}</div> }
}
