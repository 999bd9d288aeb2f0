//! App-wide state that outlives every page: the configuration, who is signed
//! in, embed mode and the "a request came back 401" signal. Created once in
//! the App so no page-owned signal is ever read after its owner is gone.

use std::sync::Arc;

use leptos::prelude::*;
use scrm_api::auth::Me;

use crate::core::config::{AuthMode, Config};
use crate::core::nav::embed_param;
use crate::platform::storage;

#[derive(Clone)]
pub struct Session {
    pub config: Arc<Config>,
    pub user: RwSignal<Option<Me>>,
    /// Bumped by the API client on every 401; the shell reacts by sending the
    /// user to the login page and back.
    pub unauthorized: RwSignal<u64>,
    pub embed: RwSignal<bool>,
}

impl Session {
    pub fn new(config: Config) -> Self {
        let from_url = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|s| query_value(&s, "embed"));
        let embed = match embed_param(from_url.as_deref()) {
            Some(on) => {
                storage::session_set(storage::EMBED_KEY, if on { "1" } else { "0" });
                on
            }
            None => storage::session_get(storage::EMBED_KEY).as_deref() == Some("1"),
        };
        Session {
            config: Arc::new(config),
            user: RwSignal::new(None),
            unauthorized: RwSignal::new(0),
            embed: RwSignal::new(embed),
        }
    }

    /// Applies an `embed` query parameter seen after start-up.
    pub fn set_embed(&self, on: bool) {
        storage::session_set(storage::EMBED_KEY, if on { "1" } else { "0" });
        self.embed.set(on);
    }

    pub fn token(&self) -> Option<String> {
        storage::session_get(storage::TOKEN_KEY)
    }

    /// Keeps the login reply's token, in bearer mode only: in cookie mode
    /// the browser's HttpOnly cookie is the session, and a token in web
    /// storage would only be something a script could steal.
    pub fn set_token(&self, token: Option<&str>) {
        match token {
            Some(t) if self.config.auth == AuthMode::Bearer => {
                storage::session_set(storage::TOKEN_KEY, t)
            }
            _ => storage::session_remove(storage::TOKEN_KEY),
        }
    }

    /// Sign-out: the token, every draft, the recent customers and whatever
    /// was kept before the user was known leave web storage; the user's
    /// saved views stay under the user's key. (A 401 keeps everything: the
    /// user signs in again and finds the typed text.)
    pub fn sign_out(&self) {
        storage::session_forget_user_data();
        crate::platform::recent::forget(self);
        crate::platform::per_user::forget_nobodys();
        self.user.set(None);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// One value from a `?a=b&c=d` string, percent-decoded.
pub fn query_value(search: &str, key: &str) -> Option<String> {
    let params = web_sys::UrlSearchParams::new_with_str(search).ok()?;
    params.get(key)
}
