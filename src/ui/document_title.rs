//! The browser tab's title while a page names what it shows (a customer's
//! conversation): tabs and window lists then say whose chat is open. The
//! title index.html gives is put back when the page says nothing or goes.

use leptos::prelude::*;

#[component]
pub fn DocumentTitle(
    /// The title to show; `None` keeps the document's own.
    #[prop(into)]
    title: Signal<Option<String>>,
) -> impl IntoView {
    let original = document().title();
    let restore = original.clone();
    Effect::new(move |_| {
        let want = title.get().unwrap_or_else(|| original.clone());
        if document().title() != want {
            document().set_title(&want);
        }
    });
    on_cleanup(move || document().set_title(&restore));
}
