//! Start-up: read config.json, then mount the app or a readable error page.

use gloo_net::http::Request;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::RequestCache;

use crate::app::config_error::ConfigErrorPage;
use crate::core::config::{Config, ConfigError};

/// Mounts `app` (the route table, which lives in the panel's binary) once
/// config.json is read, or a readable error page when it cannot be.
pub fn start(app: fn(Config) -> AnyView) {
    console_error_panic_hook::set_once();
    // Before anything is drawn, so a dark-theme user never sees a light flash.
    crate::platform::theme::start();
    // The sub-path the panel is served under, from `<base href>` (trunk's
    // public URL): the router and every in-app link use it.
    crate::core::nav::set_base(&document_base_path());
    // Leptos's executor is only set up by mount; the config fetch runs before it.
    wasm_bindgen_futures::spawn_local(async move {
        match load_config().await {
            Ok(config) => leptos::mount::mount_to_body(move || app(config.clone())),
            Err(error) => leptos::mount::mount_to_body(
                move || view! { <ConfigErrorPage error=error.clone()/> },
            ),
        }
    });
}

/// The path of the document's base URL (`/` without a `<base>`), or `/`
/// when the browser cannot say.
fn document_base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_else(|| "/".to_owned())
}

/// index.html's early fetch of config.json when it answered; the panel's
/// own fetch otherwise (a host page without that script, or a failed try).
async fn load_config() -> Result<Config, ConfigError> {
    match early_config_text().await {
        Some(text) => Config::parse(&text),
        None => fetch_config().await,
    }
}

/// The text `window.scrmConfig` (a promise index.html starts before the
/// wasm is fetched) resolved to, if it is there and succeeded.
async fn early_config_text() -> Option<String> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &"scrmConfig".into()).ok()?;
    let promise = early.dyn_into::<js_sys::Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// Fetched relative to `<base href>` (trunk's public URL), so deep links such
/// as /customers/12 and a panel hosted under a sub-path read the right file;
/// never from cache, so a changed config applies on the next load.
async fn fetch_config() -> Result<Config, ConfigError> {
    let response = Request::get("config.json")
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| ConfigError::Unavailable(e.to_string()))?;
    if !response.ok() {
        return Err(ConfigError::Unavailable(format!(
            "HTTP {}",
            response.status()
        )));
    }
    let text = response
        .text()
        .await
        .map_err(|e| ConfigError::Unavailable(e.to_string()))?;
    Config::parse(&text)
}
