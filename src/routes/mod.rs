//! The route table and the app around it. It lives in the panel's binary
//! crate, not in the library: each lazy page is a split point (an exported
//! symbol), and the XLSX worker binaries link the library, so split points
//! there would pull every page into the workers' wasm.

mod lazy;
mod prefetch;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{path, Lazy};

use scrm_panel::app::quick_find::QuickFindChunk;
use scrm_panel::app::shell::Shell;
use scrm_panel::app::{login, not_found};
use scrm_panel::core::config::Config;
use scrm_panel::features::call::state::CallPop;
use scrm_panel::features::customers;
use scrm_panel::features::customers::bulk::BulkChunk;
use scrm_panel::features::customers::export::CustomerExportChunk;
use scrm_panel::features::customers::saved_views::SavedViewsChunk;
use scrm_panel::platform::api_client::ApiClient;
use scrm_panel::platform::dial::CallOpener;
use scrm_panel::platform::i18n::I18nContextProvider;
use scrm_panel::platform::locale::LocaleBootstrap;
use scrm_panel::platform::session::Session;
use scrm_panel::ui::toast::ToastProvider;

use lazy::*;

/// The whole app for a read configuration. Only the shell, login and the
/// customer list (the first screen) are in the initial wasm; every other
/// page's code is fetched when the page is first opened, or earlier by the
/// idle-time prefetch.
pub fn app(config: Config) -> AnyView {
    view! { <App config/> }.into_any()
}

#[component]
fn App(config: Config) -> impl IntoView {
    let session = Session::new(config);
    provide_context(ApiClient::new(session.clone()));
    // Call screen-pop: app-wide so no page owns it. Widgets open it through
    // the platform's opener, never by importing the call feature.
    let pop = CallPop::new(
        ApiClient::new(session.clone()),
        session.user,
        session.config.clinic.enabled,
        Some(call_extras),
    );
    provide_context(pop);
    provide_context(CallOpener(Callback::new(move |phone| pop.open(phone))));
    provide_context(session);
    // Quick find's dialog: a split point here, handed to the shell.
    provide_context(QuickFindChunk(quick_find_dialog));
    // The customer list's saved-views dialog, likewise.
    provide_context(SavedViewsChunk(saved_views_dialog));
    // The customer list's export, likewise.
    provide_context(CustomerExportChunk(customer_export));
    // Its selection bar with the bulk actions, likewise.
    provide_context(BulkChunk(bulk_actions_bar));
    prefetch::after_first_screen();

    view! {
        <I18nContextProvider>
            <LocaleBootstrap/>
            <ToastProvider>
                // Under a sub-path (`<base href="/panel/">`) routes match below it.
                <Router base=scrm_panel::core::nav::base()>
                    <Routes fallback=|| view! { <not_found::NotFound/> }>
                        <Route path=path!("/login") view=login::Login/>
                        <ParentRoute path=path!("") view=Shell>
                            <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                            <Route path=path!("/customers") view=customers::list::CustomerList/>
                            <Route path=path!("/customers/by-contact") view={Lazy::<CustomerByContactPage>::new()}/>
                            <Route path=path!("/customers/:id") view={Lazy::<CustomerEditPage>::new()}/>
                            <Route path=path!("/chat") view={Lazy::<ChatPage>::new()}/>
                            <Route path=path!("/tags") view={Lazy::<ContactsByTagPage>::new()}/>
                            <Route path=path!("/call") view={Lazy::<CallPage>::new()}/>
                            <Route path=path!("/manual-tasks") view={Lazy::<ManualTaskListPage>::new()}/>
                            <Route path=path!("/manual-tasks/new") view={Lazy::<ManualTaskNewPage>::new()}/>
                            <Route path=path!("/manual-tasks/import") view={Lazy::<ManualTaskImportPage>::new()}/>
                            <Route path=path!("/manual-tasks/:adminUserId") view={Lazy::<ManualTaskDetailPage>::new()}/>
                            <Route path=path!("/clinic") view={Lazy::<ClinicPage>::new()}/>
                            <Route path=path!("/clinic/appointments") view={Lazy::<ClinicAppointmentsPage>::new()}/>
                            <Route path=path!("/settings") view={Lazy::<SettingsPage>::new()}/>
                            <Route path=path!("/*any") view=not_found::NotFound/>
                        </ParentRoute>
                    </Routes>
                </Router>
            </ToastProvider>
        </I18nContextProvider>
    }
}
