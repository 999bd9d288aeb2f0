//! The extras chunk's entry: the table the split point answers. Only the split point in
//! src/routes/lazy.rs names [`table`], so the splitter moves everything it reaches (the
//! card, the requests, their decoders and the views) out of the main wasm.

use leptos::prelude::*;

use crate::features::call::extra_lookups::{
    clinic_part, last_messages, manual_entries, save_remarks,
};
use crate::features::call::extra_views::{clinic_section, manual_section, messages_section};
use crate::features::call::extras_chunk::Extras;
use crate::features::call::result::CallResult;

pub fn table() -> Extras {
    Extras {
        last_messages: |api, user, contact| {
            Box::pin(async move { last_messages(&api, user, contact).await })
        },
        manual_entries: |api, me, name, phone| {
            Box::pin(async move { manual_entries(&api, me, name, &phone).await })
        },
        clinic_part: |api, phone| Box::pin(async move { clinic_part(&api, phone).await }),
        save_remarks: |api, record, remarks| {
            Box::pin(async move { save_remarks(&api, &record, remarks).await })
        },
        messages_view: |i18n| messages_section(i18n).into_any(),
        manual_view: |i18n| manual_section(i18n).into_any(),
        clinic_view: |i18n, part| clinic_section(i18n, part).map(IntoAny::into_any),
        card_view: || view! { <CallResult/> }.into_any(),
    }
}
