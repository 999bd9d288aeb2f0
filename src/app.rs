//! Routes and the shell around them.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api_client::ApiClient;
use crate::call_pop::CallPop;
use crate::components::locale::LocaleBootstrap;
use crate::components::shell::Shell;
use crate::components::toast::ToastProvider;
use crate::config::Config;
use crate::i18n::I18nContextProvider;
use crate::pages;
use crate::session::Session;

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
                <Router base=crate::nav::base()>
                    <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                        <Route path=path!("/login") view=pages::login::Login/>
                        <ParentRoute path=path!("") view=Shell>
                            <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                            <Route path=path!("/customers") view=pages::customer_list::CustomerList/>
                            <Route path=path!("/customers/by-contact") view=pages::customer_by_contact::CustomerByContact/>
                            <Route path=path!("/customers/:id") view=pages::customer_edit::CustomerEdit/>
                            <Route path=path!("/chat") view=pages::chat::Chat/>
                            <Route path=path!("/tags") view=pages::contacts_by_tag::ContactsByTag/>
                            <Route path=path!("/call") view=pages::call::Call/>
                            <Route path=path!("/manual-tasks") view=pages::manual_task_list::ManualTaskList/>
                            <Route path=path!("/manual-tasks/new") view=pages::manual_task_new::ManualTaskNew/>
                            <Route path=path!("/manual-tasks/import") view=pages::manual_task_import::ManualTaskImport/>
                            <Route path=path!("/manual-tasks/:adminUserId") view=pages::manual_task_detail::ManualTaskDetail/>
                            <Route path=path!("/clinic") view=pages::clinic::Clinic/>
                            <Route path=path!("/clinic/appointments") view=pages::clinic_appointments::ClinicAppointments/>
                            <Route path=path!("/settings") view=pages::settings::Settings/>
                            <Route path=path!("/*any") view=pages::not_found::NotFound/>
                        </ParentRoute>
                    </Routes>
                </Router>
            </ToastProvider>
        </I18nContextProvider>
    }
}
