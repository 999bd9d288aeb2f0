//! The browser side of the embedding protocol (rules in `crate::core::embed`,
//! description in docs/embedding.md): listens for `scrm:call` from the
//! configured origins, and tells the embedding page `scrm:ready` and
//! `scrm:resize` (posting itself, and `scrm:dial`, are `platform::host_page`'s).
//! Mounted once by the shell.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::config::Config;
use crate::core::embed::{read_message, Inbound, Outbound};
use crate::features::call::state::use_call_pop;
use crate::platform::host_page::{heard_from, parent, post};
use crate::platform::session::use_session;

thread_local! {
    /// The last height posted, so an unchanged layout posts nothing.
    static LAST_HEIGHT: RefCell<u32> = const { RefCell::new(0) };
}

/// The page's height as the embedding page should size the iframe: the
/// document, or the open pop-up if that is taller.
fn content_height() -> u32 {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let page = doc
        .document_element()
        .map(|e| e.scroll_height())
        .unwrap_or(0);
    let pop = doc
        .get_element_by_id("call-pop")
        .filter(|e| e.has_attribute("open"))
        .map(|e| e.scroll_height() + 32)
        .unwrap_or(0);
    page.max(pop).max(0) as u32
}

fn post_height(config: &Config) {
    let height = content_height();
    if LAST_HEIGHT.with(|h| h.replace(height)) != height {
        post(config, &Outbound::Resize { height });
    }
}

#[component]
pub fn EmbedBridge() -> impl IntoView {
    let session = use_session();
    let pop = use_call_pop();
    let config = session.config.clone();

    let listener = {
        let config = config.clone();
        window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
            let origin = ev.origin();
            let data = ev.data();
            let text = match data.as_string() {
                // A string payload is passed on as a JSON string literal.
                Some(s) => serde_json::to_string(&s).unwrap_or_default(),
                None => js_sys::JSON::stringify(&data)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default(),
            };
            match read_message(&config.embed_origins, &origin, &text) {
                Ok(Inbound::Call { phone }) => {
                    heard_from(origin);
                    pop.incoming(phone);
                }
                Err(why) => web_sys::console::warn_1(&JsValue::from_str(&why.to_string())),
            }
        })
    };
    on_cleanup(move || listener.remove());

    // Only a framed panel has someone to tell; `?embed=1` at the top level
    // just means the compact layout.
    let framed = parent().is_some();
    let embed = session.embed;
    if framed && embed.get_untracked() {
        post(&config, &Outbound::Ready);
    }

    // Report the content height while embedded: on every layout change of
    // the body, and whenever the pop-up opens, changes or closes.
    let observer: StoredValue<Option<web_sys::ResizeObserver>, LocalStorage> =
        StoredValue::new_local(None);
    {
        let config = config.clone();
        Effect::new(move |_| {
            if !framed || !embed.get() {
                return;
            }
            if let Some(old) = observer.get_value() {
                old.disconnect();
            }
            let config = config.clone();
            let callback = Closure::<dyn FnMut()>::new(move || post_height(&config));
            if let (Ok(ro), Some(body)) = (
                web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()),
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.body()),
            ) {
                ro.observe(&body);
                observer.set_value(Some(ro));
            }
            callback.forget();
        });
    }
    {
        let config = config.clone();
        Effect::new(move |_| {
            pop.current.track();
            if framed && embed.get() {
                let config = config.clone();
                request_animation_frame(move || post_height(&config));
            }
        });
    }
    on_cleanup(move || {
        if let Some(ro) = observer.try_get_value().flatten() {
            ro.disconnect();
        }
    });
}
