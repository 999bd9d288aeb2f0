//! A long job on the page (`platform::job`): while it runs, a progress bar,
//! "done / total" and a cancel button; afterwards, its outcome in words.
//! Every export and whole-result search shows its progress this way.
//!
//! Ids are `{id}-progress`, `{id}-count`, `{id}-cancel` and `{id}-status`.

use leptos::prelude::*;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::job::Job;
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::icon::glyph;

#[component]
pub fn JobProgress(
    job: Job,
    /// Unique on the page; the prefix of the parts' ids.
    id: &'static str,
    /// What the bar measures ("export progress"): its accessible name.
    #[prop(into)]
    label: TextProp,
    /// What the outcome line says after a cancel.
    #[prop(into)]
    cancelled: TextProp,
) -> impl IntoView {
    let i18n = use_i18n();
    let cancelled = StoredValue::new(cancelled);
    let cancel = move |_| job.cancel(cancelled.with_value(|c| c.get().to_string()));
    view! {
        <span class="job-progress">
            <Show when=move || job.running()>
                <progress id=format!("{id}-progress") max=move || job.counts().1.max(1).to_string()
                    value=move || job.counts().0.to_string() aria-label=label.clone()></progress>
                <span id=format!("{id}-count")>{move || {
                    let (done, total) = job.counts();
                    format!("{done} / {total}")
                }}</span>
                <Button small=true icon=glyph::CLOSE attr:id=format!("{id}-cancel") on:click=cancel>
                    {tr(i18n, |i| t_string!(i, cancel))}
                </Button>
            </Show>
            <span id=format!("{id}-status") role="status">{move || job.status()}</span>
        </span>
    }
}
