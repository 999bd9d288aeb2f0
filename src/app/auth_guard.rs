//! Two session duties that need the router: ask who is signed in (only the
//! reference server answers; any other reply is ignored), and send the user
//! to the login page, and back afterwards, whenever a call answered 401.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use scrm_api::auth::{Empty, WhoAmI};

use crate::core::nav::{base, encode_component, strip_base};
use crate::platform::api_client::use_api;
use crate::platform::session::use_session;

#[component]
pub fn AuthGuard() -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let location = use_location();
    let navigate = use_navigate();

    if session.user.get_untracked().is_none() {
        let user = session.user;
        leptos::task::spawn_local(async move {
            if let Ok(reply) = api.call::<WhoAmI>(&Empty {}).await {
                let _ = user.try_set(Some(reply.data));
            }
        });
    }

    let config = session.config.clone();
    Effect::new(move |previous: Option<u64>| {
        let count = session.unauthorized.get();
        // Only a 401 seen while this shell is up counts: the counter is
        // app-wide and still holds the one that sent us to login before.
        if previous.is_some_and(|p| p != count) {
            session.user.set(None);
            // The router's `search` has no leading '?'; its `pathname` has
            // the base in front, which `next` (an app path) must not.
            let path = location.pathname.get_untracked();
            let path = strip_base(base(), &path).to_owned();
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            if config.login_is_internal() {
                if !here.starts_with(&config.login_url) {
                    navigate(
                        &format!("{}?next={}", config.login_url, encode_component(&here)),
                        Default::default(),
                    );
                }
            } else if let Some(w) = web_sys::window() {
                let back = w.location().href().unwrap_or_default();
                let sep = if config.login_url.contains('?') {
                    '&'
                } else {
                    '?'
                };
                let _ = w.location().assign(&format!(
                    "{}{sep}next={}",
                    config.login_url,
                    encode_component(&back)
                ));
            }
        }
        count
    });
}
