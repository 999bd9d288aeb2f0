//! A form field: its label, the control with an optional prefix or suffix (an icon, a unit),
//! and the field's problem right under it, where the eye already is. The control is the
//! caller's `<input>` or `<select>` with `id` and `aria-describedby="{id}-error"`, so the
//! label names it and the problem is read with it.

use leptos::prelude::*;

use crate::ui::icon::{Glyph, Icon};

#[component]
pub fn Field(
    /// The control's id: the label's `for`; the problem is `{id}-error`.
    #[prop(into)]
    id: String,
    #[prop(into)] label: TextProp,
    /// An icon before the control (a search glass, a phone).
    #[prop(optional)]
    prefix: Option<Glyph>,
    /// Words after the control (a unit).
    #[prop(into, optional)]
    suffix: Option<TextProp>,
    /// What is wrong with the value, in words; nothing while it is fine.
    #[prop(into, optional)]
    error: Signal<Option<String>>,
    /// Takes the space of two columns in a form grid.
    #[prop(optional)]
    wide: bool,
    /// The control.
    children: Children,
) -> impl IntoView {
    let adorned = prefix.is_some() || suffix.is_some();
    let class = move || {
        format!(
            "field{}{}",
            if wide { " wide" } else { "" },
            if error.with(Option::is_some) {
                " invalid"
            } else {
                ""
            }
        )
    };
    view! {
        <div class=class>
            <label for=id.clone()>{move || label.get()}</label>
            <div class=if adorned { "field-control adorned" } else { "field-control" }>
                {prefix.map(|glyph| view! { <span class="field-prefix"><Icon glyph/></span> })}
                {children()}
                {suffix.map(|s| view! { <span class="field-suffix">{move || s.get()}</span> })}
            </div>
            <p class="field-error" id=format!("{id}-error") role="alert">{move || error.get()}</p>
        </div>
    }
}
