//! The navigation column beside the pages (not in embed mode, where the
//! top bar's menu lists the same entries).

use leptos::prelude::*;

use crate::app::nav_links::NavLinks;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;

#[component]
pub fn Sidebar() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="sidebar" aria-label=tr(i18n, |i| t_string!(i, nav_main))>
            <div class="brand">{tr(i18n, |i| t_string!(i, app_title))}</div>
            <ul>
                <NavLinks/>
            </ul>
        </nav>
    }
}
