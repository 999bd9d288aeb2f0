//! The panel's pages as navigation entries, one list for the sidebar, the
//! embedded top bar's menu and quick find; the clinic entries only when the
//! clinic module is switched on in config.json. Links carry the base path
//! (`nav::href`) so they stay under a sub-path, and the router marks the
//! current page (`aria-current="page"`).

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

use crate::core::nav::href;
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::session::use_session;
use crate::platform::tr::tr;

/// One page of the navigation.
pub struct NavPage {
    /// In-app path (without the base path).
    pub path: &'static str,
    /// Marked current only on this very path, not below it.
    pub exact: bool,
    /// Only when the clinic module is on.
    pub clinic: bool,
    pub label: fn(I18nContext<Locale>) -> &'static str,
}

/// The pages, in the order the navigation shows them.
pub const PAGES: [NavPage; 9] = [
    NavPage {
        path: "/customers",
        exact: false,
        clinic: false,
        label: |i| t_string!(i, nav_customers),
    },
    NavPage {
        path: "/tags",
        exact: false,
        clinic: false,
        label: |i| t_string!(i, nav_tags),
    },
    NavPage {
        path: "/chat",
        exact: false,
        clinic: false,
        label: |i| t_string!(i, nav_chat),
    },
    NavPage {
        path: "/call",
        exact: false,
        clinic: false,
        label: |i| t_string!(i, nav_call),
    },
    NavPage {
        path: "/manual-tasks",
        exact: true,
        clinic: false,
        label: |i| t_string!(i, nav_manual_tasks),
    },
    NavPage {
        path: "/manual-tasks/new",
        exact: false,
        clinic: false,
        label: |i| t_string!(i, nav_manual_task_new),
    },
    NavPage {
        path: "/clinic",
        exact: true,
        clinic: true,
        label: |i| t_string!(i, nav_clinic),
    },
    NavPage {
        path: "/clinic/appointments",
        exact: false,
        clinic: true,
        label: |i| t_string!(i, nav_clinic_appointments),
    },
    NavPage {
        path: "/settings",
        exact: false,
        clinic: false,
        label: |i| t_string!(i, nav_settings),
    },
];

/// The pages this configuration has.
pub fn pages(clinic: bool) -> impl Iterator<Item = &'static NavPage> {
    PAGES.iter().filter(move |p| clinic || !p.clinic)
}

/// The `<li>` entries; the caller supplies the list around them.
#[component]
pub fn NavLinks() -> impl IntoView {
    let i18n = use_i18n();
    let clinic = use_session().config.clinic.enabled;
    pages(clinic)
        .map(|p| view! { <li><A href=href(p.path) exact=p.exact>{tr(i18n, p.label)}</A></li> })
        .collect_view()
}
