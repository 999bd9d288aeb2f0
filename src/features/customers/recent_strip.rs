//! The customers opened last, above the list: one tap back to the person
//! on the phone a minute ago. Read when the list opens and again once the
//! shell knows who is signed in; hidden when empty.

use leptos::prelude::*;

use crate::core::nav::href;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::recent;
use crate::platform::session::use_session;
use crate::platform::tr::tr;

#[component]
pub fn RecentStrip() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Memo::new(move |_| {
        session.user.track();
        recent::list(&session)
    });
    move || {
        let list = list.get();
        (!list.is_empty()).then(|| {
            let label = tr(i18n, |i| t_string!(i, recent_label));
            view! {
                <nav class="recent-strip" id="recent-customers" aria-label=label>
                    <span class="muted" aria-hidden="true">{label}</span>
                    <ul>
                        {list.into_iter().map(|r| view! {
                            <li><a href=href(&r.href) title=r.phone.unwrap_or_default()>{r.name}</a></li>
                        }).collect_view()}
                    </ul>
                </nav>
            }
        })
    }
}
