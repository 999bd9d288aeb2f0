//! Routes and the shell around them.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::app::shell::Shell;
use crate::app::{login, not_found, settings};
use crate::core::config::Config;
use crate::features::call::state::CallPop;
use crate::features::{call, chat, clinic, customers, manual_tasks};
use crate::platform::api_client::ApiClient;
use crate::platform::i18n::I18nContextProvider;
use crate::platform::locale::LocaleBootstrap;
use crate::platform::session::Session;
use crate::ui::toast::ToastProvider;

#[component]
pub fn App(config: Config) -> impl IntoView {
    let session = Session::new(config);
    provide_context(ApiClient::new(session.clone()));
    // Call screen-pop: app-wide so no page owns it.
    provide_context(CallPop::new(
        ApiClient::new(session.clone()),
        session.config.clinic.enabled,
    ));
    provide_context(session);

    view! {
        <I18nContextProvider>
            <LocaleBootstrap/>
            <ToastProvider>
                // Under a sub-path (`<base href="/panel/">`) routes match below it.
                <Router base=crate::core::nav::base()>
                    <Routes fallback=|| view! { <not_found::NotFound/> }>
                        <Route path=path!("/login") view=login::Login/>
                        <ParentRoute path=path!("") view=Shell>
                            <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                            <Route path=path!("/customers") view=customers::list::CustomerList/>
                            <Route path=path!("/customers/by-contact") view=customers::by_contact::CustomerByContact/>
                            <Route path=path!("/customers/:id") view=customers::edit::CustomerEdit/>
                            <Route path=path!("/chat") view=chat::page::Chat/>
                            <Route path=path!("/tags") view=customers::by_tag::ContactsByTag/>
                            <Route path=path!("/call") view=call::page::Call/>
                            <Route path=path!("/manual-tasks") view=manual_tasks::list::ManualTaskList/>
                            <Route path=path!("/manual-tasks/new") view=manual_tasks::new::ManualTaskNew/>
                            <Route path=path!("/manual-tasks/import") view=manual_tasks::import::ManualTaskImport/>
                            <Route path=path!("/manual-tasks/:adminUserId") view=manual_tasks::detail::ManualTaskDetail/>
                            <Route path=path!("/clinic") view=clinic::page::Clinic/>
                            <Route path=path!("/clinic/appointments") view=clinic::appointments_page::ClinicAppointments/>
                            <Route path=path!("/settings") view=settings::Settings/>
                            <Route path=path!("/*any") view=not_found::NotFound/>
                        </ParentRoute>
                    </Routes>
                </Router>
            </ToastProvider>
        </I18nContextProvider>
    }
}
