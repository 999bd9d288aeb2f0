//! A button that opens a small list of actions or links: the page menu in embed mode, a row's
//! "more" actions, an export menu. It follows the disclosure pattern (a button with
//! `aria-expanded` and the list it controls) rather than an ARIA menu, so the entries keep
//! their own roles. Opening moves focus to the first entry and the arrow keys move between
//! entries; Esc closes and puts focus back on the button; choosing an entry, clicking elsewhere
//! or tabbing out closes it too.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::dom::focus;
use crate::ui::button::Variant;
use crate::ui::icon::{Glyph, Icon};

/// How the opening button looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Opener {
    /// Icon and words.
    #[default]
    Labelled,
    /// Only the icon; the words become its accessible name and tooltip (row actions).
    IconOnly,
}

#[component]
pub fn Menu(
    /// Unique on the page: the button is `{id}-button`, the list `{id}-list`.
    #[prop(into)]
    id: String,
    #[prop(into)] label: TextProp,
    glyph: Glyph,
    #[prop(optional)] opener: Opener,
    #[prop(optional)] variant: Variant,
    /// Extra class on the wrapper, for where the list opens (`menu-end` aligns it right).
    #[prop(optional)]
    class: &'static str,
    /// The entries: links and buttons, each closes the menu when chosen.
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();
    let panel = NodeRef::<leptos::html::Div>::new();
    let button_id = format!("{id}-button");
    let list_id = format!("{id}-list");

    // A click anywhere else closes it.
    let outside = window_event_listener(ev::click, move |e| {
        if open.try_get_untracked() == Some(true) && !inside(root, e.target()) {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());

    let toggle = move |_| {
        let now = !open.get_untracked();
        open.set(now);
        if now {
            // Once the list is drawn.
            request_animation_frame(move || move_focus(panel, Step::First));
        }
    };
    let back_to = button_id.clone();
    let on_key = move |e: ev::KeyboardEvent| {
        if !open.get_untracked() {
            return;
        }
        let step = match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                open.set(false);
                focus(&back_to);
                return;
            }
            "ArrowDown" => Step::Next,
            "ArrowUp" => Step::Previous,
            "Home" => Step::First,
            "End" => Step::Last,
            _ => return,
        };
        e.prevent_default();
        move_focus(panel, step);
    };
    // Tabbing past the last entry (or back before the button) leaves the menu.
    let on_focus_out = move |e: ev::FocusEvent| {
        if !inside(root, e.related_target()) {
            open.set(false);
        }
    };

    let icon_only = opener == Opener::IconOnly;
    let (name, tooltip, words) = (label.clone(), label.clone(), label);
    let button_class = format!(
        "btn menu-button {}{}",
        variant.modifier(),
        if icon_only { " icon-only" } else { "" }
    );
    view! {
        <div class=format!("menu {class}") node_ref=root on:keydown=on_key on:focusout=on_focus_out>
            <button type="button" id=button_id class=button_class aria-controls=list_id.clone()
                aria-expanded=move || open.get().to_string()
                aria-label=move || icon_only.then(|| name.get())
                title=move || icon_only.then(|| tooltip.get())
                on:click=toggle>
                <Icon glyph/>
                {(!icon_only).then(|| view! { <span>{move || words.get()}</span> })}
            </button>
            <div class="menu-panel" id=list_id node_ref=panel hidden=move || !open.get()
                on:click=move |_| open.set(false)>
                {children()}
            </div>
        </div>
    }
}

/// Whether an event's target (or focus's next stop) is within the menu.
fn inside(root: NodeRef<leptos::html::Div>, target: Option<web_sys::EventTarget>) -> bool {
    let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    match (root.get_untracked(), node) {
        (Some(r), Some(n)) => r.contains(Some(&n)),
        _ => false,
    }
}

#[derive(Clone, Copy)]
enum Step {
    First,
    Last,
    Next,
    Previous,
}

/// Moves focus among the list's enabled links and buttons, wrapping at either end.
fn move_focus(panel: NodeRef<leptos::html::Div>, step: Step) {
    let Some(panel) = panel.get_untracked() else {
        return;
    };
    let Ok(nodes) = panel.query_selector_all("a[href], button:not(:disabled)") else {
        return;
    };
    let entries: Vec<web_sys::HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let Some(last) = entries.len().checked_sub(1) else {
        return;
    };
    let current = document()
        .active_element()
        .and_then(|a| entries.iter().position(|e| e.is_same_node(Some(&a))));
    let target = match (step, current) {
        (Step::First, _) | (Step::Next, None) => 0,
        (Step::Last, _) | (Step::Previous, None) => last,
        (Step::Next, Some(i)) => {
            if i >= last {
                0
            } else {
                i + 1
            }
        }
        (Step::Previous, Some(i)) => i.checked_sub(1).unwrap_or(last),
    };
    if let Some(entry) = entries.get(target) {
        let _ = entry.focus();
    }
}
