//! The tag editor: chips of the chosen tags, each with a remove button, and a
//! text box that suggests known tag names as the user types (the ARIA 1.2
//! combobox pattern: arrow keys move through the suggestions, Enter takes one,
//! Esc closes the list, Backspace in the empty box removes the last chip).
//! Names come from the reference server's tagList; a chosen id the list does
//! not know (the vendor has no such endpoint, or the tag was removed) is shown
//! as its raw id, and typing a number offers that id, so the editor works
//! against the vendor too. What matches is decided by
//! `tag_suggest`, tested natively.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
pub use scrm_api::customer::tag_label;
use scrm_api::customer::Tag;

use crate::features::customers::tag_suggest::{suggest, with_tag, without_tag, Suggestion};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;

#[component]
pub fn TagPicker(
    /// Prefix for element ids, unique on the page; the text box is
    /// `{id}-input`, for the field's `<label for>`.
    id: &'static str,
    /// The field's name, read out for the chip list and the suggestions.
    #[prop(into)]
    label: Signal<String>,
    /// Shown in the empty box when nothing is chosen.
    #[prop(into)]
    placeholder: Signal<String>,
    #[prop(into)] tags: Signal<Vec<Tag>>,
    #[prop(into)] selected: Signal<Vec<i64>>,
    #[prop(into)] on_change: Callback<Vec<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("{id}-input");
    let list_id = format!("{id}-list");
    let option_id = move |tid: i64| format!("{id}-opt-{tid}");
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let input = NodeRef::<html::Input>::new();

    let suggestions = Memo::new(move |_| suggest(&tags.get(), &selected.get(), &query.get()));
    let name_of = move |s: &Suggestion| match &s.name {
        Some(n) => n.clone(),
        None => format!("{} {}", t_string!(i18n, tag_raw_id), s.tag_id),
    };
    let pick = move |tid: i64| {
        on_change.run(with_tag(&selected.get_untracked(), tid));
        query.set(String::new());
        open.set(false);
        active.set(0);
    };
    let remove = move |tid: i64| {
        on_change.run(without_tag(&selected.get_untracked(), tid));
        // The chip (and its button) is gone: keep the focus in the editor.
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        let len = suggestions.with_untracked(Vec::len);
        match e.key().as_str() {
            "ArrowDown" | "ArrowUp" => {
                e.prevent_default();
                if !open.get_untracked() {
                    open.set(true);
                    active.set(0);
                } else if len > 0 {
                    let a = active.get_untracked().min(len - 1);
                    active.set(if e.key() == "ArrowDown" {
                        (a + 1) % len
                    } else {
                        (a + len - 1) % len
                    });
                }
            }
            "Enter" => {
                // Never submits the surrounding form from the tag box.
                e.prevent_default();
                if open.get_untracked() {
                    let chosen = suggestions
                        .with_untracked(|s| s.get(active.get_untracked()).map(|s| s.tag_id));
                    if let Some(tid) = chosen {
                        pick(tid);
                    }
                }
            }
            "Escape" if open.get_untracked() => {
                e.prevent_default();
                e.stop_propagation();
                open.set(false);
            }
            "Backspace" if query.with_untracked(String::is_empty) => {
                if let Some(last) = selected.get_untracked().last() {
                    on_change.run(without_tag(&selected.get_untracked(), *last));
                }
            }
            _ => {}
        }
    };
    let active_descendant = move || {
        if !open.get() {
            return None;
        }
        suggestions.with(|s| s.get(active.get()).map(|s| option_id(s.tag_id)))
    };
    let chips = move || {
        let known = tags.get();
        selected
            .get()
            .into_iter()
            .map(|tid| (tid, tag_label(&known, tid)))
            .collect::<Vec<_>>()
    };

    view! {
        <div class="tag-picker" id=id>
            <ul class="tag-chips" aria-label=move || label.get()>
                <For each=chips key=|c| c.clone() let:chip>
                    {
                        let (tid, name) = chip;
                        let remove_label = {
                            let name = name.clone();
                            move || format!("{} {}", t_string!(i18n, tag_remove), name)
                        };
                        view! {
                            <li class="tag-chip" data-tag-id=tid.to_string()>
                                <span class="tag-chip-name">{name}</span>
                                <button type="button" class="tag-chip-remove" aria-label=remove_label
                                    on:click=move |_| remove(tid)>"×"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <input id=input_id type="text" role="combobox" autocomplete="off"
                aria-autocomplete="list" aria-controls=list_id.clone()
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=active_descendant
                placeholder=move || if selected.with(Vec::is_empty) { placeholder.get() } else { t_string!(i18n, tag_search_hint).to_string() }
                node_ref=input
                prop:value=move || query.get()
                on:input=move |e| { query.set(event_target_value(&e)); open.set(true); active.set(0); }
                on:click=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:keydown=on_key/>
            <ul id=list_id class="tag-suggestions" role="listbox" aria-label=move || label.get()
                hidden=move || !open.get()>
                <For each=move || suggestions.get() key=|s| s.tag_id let:s>
                    {
                        let tid = s.tag_id;
                        let text = name_of(&s);
                        let raw = s.name.is_none();
                        let is_active = move || {
                            suggestions.with(|all| all.get(active.get()).map(|a| a.tag_id)) == Some(tid)
                        };
                        view! {
                            <li role="option" id=option_id(tid) class="tag-suggestion"
                                class:active=is_active class:raw-id=raw
                                aria-selected=move || is_active().to_string()
                                // Keeps the focus in the box, so its blur does not close the list first.
                                on:mousedown=|e| e.prevent_default()
                                on:click=move |_| pick(tid)>{text}</li>
                        }
                    }
                </For>
                <Show when=move || suggestions.with(Vec::is_empty)>
                    <li class="tag-none" role="option" aria-disabled="true" aria-selected="false">
                        {tr(i18n, |i| t_string!(i, tag_no_match))}
                    </li>
                </Show>
            </ul>
        </div>
    }
}
