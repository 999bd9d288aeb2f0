//! A load's answer on the page (see `platform::load`): inside a
//! `<Transition>`, so a newer answer replaces the shown one only when it
//! has arrived; until the first answer (and after a stopped load) the
//! `loading` view (skeleton rows unless the page gives its own); a failure in words with a retry; otherwise the page's
//! own view of the answer, which says when there is nothing to show.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use leptos::tachys::reactive_graph::OwnedView;

use crate::platform::api_client::ApiError;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::Loaded as Data;
use crate::platform::tr::tr;
use crate::ui::error_view::ErrorView;
use crate::ui::skeleton::SkeletonRows;

/// The view of one answer, once it is there.
type Answer = Pin<Box<dyn Future<Output = AnyView> + Send>>;

#[component]
pub fn Loaded<T, C, V>(
    data: Data<T>,
    /// Shown until the first answer arrives; skeleton rows when not given.
    #[prop(into, optional)]
    loading: Option<ViewFn>,
    /// Set while an answer is on its way, the first or a newer one (the
    /// shown one stays until it arrives): for `aria-busy` and a busy line.
    #[prop(optional)]
    pending: Option<RwSignal<bool>>,
    /// The page's view of an answer.
    children: C,
) -> impl IntoView
where
    T: Clone + 'static,
    C: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let children = Arc::new(children);
    let i18n = use_i18n();
    let loading = loading.unwrap_or_else(|| {
        ViewFn::from(move || view! { <SkeletonRows label=tr(i18n, |i| t_string!(i, loading))/> })
    });
    let shown_until = loading.clone();
    // Each answer's view gets its own owner, a child of this one, that lives as long as the view
    // is on the page. Built under the `<Transition>`'s render effect instead, it would be disposed
    // as soon as a newer load starts, while the view stays shown until the newer answer arrives:
    // its signals (a `Signal` a prop was converted into, a menu's state) would be gone under
    // effects that still run, such as the table's `aria-busy` turning true, and the read panics.
    let parent = Owner::current().unwrap_or_default();
    let answer = move || -> Answer {
        let children = children.clone();
        let loading = loading.clone();
        let owner = parent.child();
        Box::pin(async move {
            let result = data.await;
            let view = owner.with(|| match result {
                // Untracked: labels the view reads while it is built
                // (the locale) must not re-run the load's Suspend; a page
                // that redraws on them would dispose it meanwhile.
                Ok(answer) => untrack(|| children(answer).into_any()),
                Err(ApiError::Aborted) => loading.run(),
                Err(error) => view! {
                    <ErrorView error=error on_retry=move |_| data.refetch()/>
                }
                .into_any(),
            });
            OwnedView::new_with_owner(view, owner).into_any()
        })
    };
    transition(
        shown_until,
        pending.unwrap_or_else(|| RwSignal::new(false)),
        Arc::new(answer),
    )
}

/// The `<Transition>` of every load. Not generic, so its code is in the
/// wasm once rather than once per page (measured in docs/performance.md).
fn transition(
    loading: ViewFn,
    pending: RwSignal<bool>,
    answer: Arc<dyn Fn() -> Answer + Send + Sync>,
) -> AnyView {
    view! {
        <Transition fallback=move || loading.run() set_pending=pending>
            {move || Suspend::new(answer())}
        </Transition>
    }
    .into_any()
}
