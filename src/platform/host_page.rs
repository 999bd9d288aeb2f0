//! The embedding page, when the panel runs in a frame: who it is and how to post it a message
//! (rules in `crate::core::embed`, protocol in docs/embedding.md). Here rather than in the
//! call feature because more than the pop-up talks to it: any phone's call button asks the
//! page to dial.

use std::cell::RefCell;

use crate::core::config::Config;
use crate::core::embed::{origin_of, target_origin, Outbound};

thread_local! {
    /// The last origin whose `scrm:call` was accepted: proof that it is the
    /// page talking to us when the browser does not name the parent.
    static LAST_SENDER: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Remembers `origin` as the embedding page's (its `scrm:call` was accepted).
pub fn heard_from(origin: String) {
    LAST_SENDER.with(|s| *s.borrow_mut() = Some(origin));
}

/// The embedding page's window, when the panel runs in a frame.
pub fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    window
        .parent()
        .ok()
        .flatten()
        .filter(|p| !js_sys::Object::is(p, &window))
}

/// Posts `message` to the embedding page, if there is one and its origin is
/// configured; otherwise says on the console why nothing was sent. Answers
/// whether it was sent.
pub fn post(config: &Config, message: &Outbound) -> bool {
    let (Some(window), Some(parent)) = (web_sys::window(), parent()) else {
        return false;
    };
    let ancestor = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into())
        .ok()
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|o| o.as_string());
    let referrer = window
        .document()
        .map(|d| d.referrer())
        .and_then(|r| origin_of(&r));
    let sender = LAST_SENDER.with(|s| s.borrow().clone());
    let candidates = [ancestor, referrer, sender];
    let Some(target) = target_origin(
        &config.embed_origins,
        candidates.iter().flatten().map(String::as_str),
    ) else {
        web_sys::console::warn_1(
            &"scrm: the embedding page's origin is not in embedOrigins; message not sent".into(),
        );
        return false;
    };
    let Ok(data) = js_sys::JSON::parse(&message.to_json()) else {
        return false;
    };
    parent.post_message(&data, &target).is_ok()
}
