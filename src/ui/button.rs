//! Buttons by what they mean: one filled primary action per view, outlines for the rest,
//! text buttons for minor actions inside a row, danger for what destroys data.
//!
//! Attributes and listeners given at the call site (`on:click`, `attr:id`, `attr:type`) land
//! on the `<button>`, so this stays a thin layer over the element and its keyboard behaviour.

use leptos::prelude::*;

use crate::ui::icon::{Glyph, Icon};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Variant {
    /// The one action the view exists for (filled).
    Primary,
    /// Every other action (outline).
    #[default]
    Secondary,
    /// Minor actions that should not draw the eye (no outline).
    Text,
    /// Deleting and other actions that cannot be undone.
    Danger,
}

impl Variant {
    /// The class `style/main.css` draws this variant with, after `btn`.
    pub fn modifier(self) -> &'static str {
        match self {
            Variant::Primary => "primary",
            Variant::Secondary => "",
            Variant::Text => "text",
            Variant::Danger => "danger",
        }
    }
}

/// A button (`submit` makes it its form's submit button). While `loading` it is busy and
/// disabled, so a second click cannot send the request twice.
#[component]
pub fn Button(
    #[prop(optional)] variant: Variant,
    #[prop(optional)] small: bool,
    /// Submits its form (the default is a plain `type="button"`).
    #[prop(optional)]
    submit: bool,
    #[prop(optional)] icon: Option<Glyph>,
    #[prop(into, optional)] loading: Signal<bool>,
    #[prop(into, optional)] disabled: Signal<bool>,
    /// A name for tests and page styles (`manage`), added after the variant's classes.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let class = format!(
        "btn {}{} {class}",
        variant.modifier(),
        if small { " small" } else { "" }
    );
    view! {
        <button type=if submit { "submit" } else { "button" } class=class
            disabled=move || disabled.get() || loading.get()
            aria-busy=move || loading.get().then_some("true")>
            {icon.map(|glyph| view! { <Icon glyph/> })}
            {children()}
        </button>
    }
}

/// A button that shows only its icon: the words are its accessible name and its tooltip, so
/// the action is announced and explained on hover without taking room.
#[component]
pub fn IconButton(
    glyph: Glyph,
    #[prop(into)] label: TextProp,
    #[prop(optional)] variant: Variant,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let tooltip = label.clone();
    view! {
        <button type="button" class=format!("btn icon-only {}", variant.modifier())
            aria-label=move || label.get() title=move || tooltip.get()
            disabled=move || disabled.get()>
            <Icon glyph/>
        </button>
    }
}
