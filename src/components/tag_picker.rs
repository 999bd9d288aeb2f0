//! Choosing tags by name. Names come from the reference server's tagList;
//! a chosen id the list does not know (the vendor has no such endpoint, or
//! the tag was removed) is still shown, as its raw id, and can be unticked.

use leptos::prelude::*;
pub use scrm_api::customer::tag_label;
use scrm_api::customer::Tag;

#[component]
pub fn TagPicker(
    /// Prefix for element ids, unique on the page.
    id: &'static str,
    /// The field's name, read out with the summary and as the group's legend.
    #[prop(into)]
    label: Signal<String>,
    /// Shown when nothing is chosen.
    #[prop(into)]
    placeholder: Signal<String>,
    #[prop(into)] tags: Signal<Vec<Tag>>,
    #[prop(into)] selected: Signal<Vec<i64>>,
    #[prop(into)] on_change: Callback<Vec<i64>>,
) -> impl IntoView {
    let options = move || {
        let known = tags.get();
        let mut ids: Vec<i64> = known.iter().filter_map(|t| t.tag_id).collect();
        for s in selected.get() {
            if !ids.contains(&s) {
                ids.push(s);
            }
        }
        ids.into_iter()
            .map(|tid| (tid, tag_label(&known, tid)))
            .collect::<Vec<_>>()
    };
    let summary = move || {
        let known = tags.get();
        let chosen = selected.get();
        if chosen.is_empty() {
            placeholder.get()
        } else {
            chosen
                .iter()
                .map(|i| tag_label(&known, *i))
                .collect::<Vec<_>>()
                .join("、")
        }
    };
    view! {
        <details class="tag-picker" id=id>
            <summary><span class="visually-hidden">{move || label.get()} ": "</span>{summary}</summary>
            <fieldset>
                <legend class="visually-hidden">{move || label.get()}</legend>
                <For each=options key=|(tid, name)| (*tid, name.clone()) let:opt>
                    {
                        let (tid, name) = opt;
                        let box_id = format!("{id}-{tid}");
                        let input_id = box_id.clone();
                        view! {
                            <label class="tag-option" for=box_id.clone()>
                                <input type="checkbox" id=input_id value=tid.to_string()
                                    prop:checked=move || selected.get().contains(&tid)
                                    on:change=move |_| {
                                        let mut now = selected.get_untracked();
                                        if let Some(pos) = now.iter().position(|x| *x == tid) {
                                            now.remove(pos);
                                        } else {
                                            now.push(tid);
                                            now.sort_unstable();
                                        }
                                        on_change.run(now);
                                    }/>
                                <span>{name}</span>
                            </label>
                        }
                    }
                </For>
            </fieldset>
        </details>
    }
}

/// The tenant's tags, fetched once for the page. Any failure leaves the list
/// empty: pages then show raw tag ids, never an error (the vendor's backend
/// has no tagList at all).
pub fn use_tag_list() -> RwSignal<Vec<Tag>> {
    let tags = RwSignal::new(Vec::new());
    let api = crate::api_client::use_api();
    leptos::task::spawn_local(async move {
        let request = scrm_api::customer::TagListRequest {};
        if let Ok(reply) = api.call::<scrm_api::customer::TagList>(&request).await {
            let _ = tags.try_set(reply.data);
        }
    });
    tags
}
