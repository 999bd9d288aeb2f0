//! Where the extras chunk's views go on the card, drawn once its code is in, and the one
//! line that says so, with a retry, when that code could not be fetched.

use leptos::prelude::*;

use crate::features::call::extras_chunk::{Extras, ExtrasChunk};
use crate::features::call::result::I18n;
use crate::features::call::state::use_call_pop;
use crate::platform::i18n::t_string;
use crate::ui::button::Button;
use crate::ui::icon::glyph;

/// The chunk's view `part`, once its code is in; nothing until then.
pub fn extras_slot(i18n: I18n, part: fn(&Extras, I18n) -> AnyView) -> impl IntoView {
    let pop = use_call_pop();
    move || match pop.extras.get() {
        ExtrasChunk::Ready(extras) => Some(part(&extras, i18n)),
        ExtrasChunk::Waiting | ExtrasChunk::Failed => None,
    }
}

/// The extras' code could not be fetched: said in words, with a retry that fetches it
/// again and asks the shown call's extras again.
pub fn extras_failed(i18n: I18n) -> impl IntoView {
    let pop = use_call_pop();
    let failed = move || {
        matches!(pop.extras.get(), ExtrasChunk::Failed) && pop.current.with(Option::is_some)
    };
    move || {
        failed().then(|| {
            view! {
                <div class="error-view call-extras-failed" id="call-extras-failed" role="alert">
                    <p>{t_string!(i18n, call_extras_failed)}</p>
                    <Button icon=glyph::RETRY attr:id="call-extras-retry"
                        on:click=move |_| pop.retry_extras()>
                        {t_string!(i18n, retry)}
                    </Button>
                </div>
            }
        })
    }
}
