//! DOM chores several features share: moving focus and handing a generated
//! file to the browser.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id`: the first field with a
/// problem, a panel that just opened, or the button that opened it.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Shows the `<dialog>` behind `node` as a modal while `open` is true and closes it when it
/// turns false: the browser then keeps focus inside it and makes the page behind inert.
pub fn modal_while(
    node: leptos::prelude::NodeRef<leptos::html::Dialog>,
    open: leptos::prelude::Signal<bool>,
) {
    use leptos::prelude::{Effect, Get};
    Effect::new(move |_| {
        let want = open.get();
        if let Some(d) = node.get() {
            if want && !d.open() {
                let _ = d.show_modal();
            } else if !want && d.open() {
                d.close();
            }
        }
    });
}

/// Offers `parts` (strings and byte arrays, as a `Blob` takes them) as a
/// download named `name`. Returns false when the browser refused, so the
/// caller can say so.
///
/// The object URL is revoked in a later task, not right after the click:
/// the browser starts the download asynchronously, and Firefox and Safari
/// drop a download whose URL is already gone. Revoking it then frees the
/// file's memory as soon as the download has it.
pub fn download(name: &str, mime: &str, parts: &js_sys::Array) -> bool {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let document = web_sys::window().and_then(|w| w.document());
    let anchor = document
        .as_ref()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let Some(a) = anchor else {
        let _ = web_sys::Url::revoke_object_url(&url);
        return false;
    };
    a.set_href(&url);
    a.set_download(name);
    // In the document while clicked: older browsers ignore a detached link.
    let body = document.and_then(|d| d.body());
    if let Some(b) = &body {
        let _ = b.append_child(&a);
    }
    a.click();
    a.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::ZERO,
    );
    true
}

/// Work that waits for a pause in typing: each [`Debounce::after`] replaces
/// the one waiting, [`Debounce::cancel`] drops it (an Enter that acts at
/// once), and nothing runs once the view that made it is gone.
#[derive(Clone, Copy)]
pub struct Debounce(leptos::prelude::StoredValue<u64>);

impl Debounce {
    pub fn new() -> Self {
        Debounce(leptos::prelude::StoredValue::new(0))
    }

    /// Runs `then` after `wait` unless a newer call or a cancel came first.
    pub fn after(self, wait: Duration, then: impl FnOnce() + 'static) {
        use leptos::prelude::{GetValue, SetValue};
        let n = self.0.get_value().wrapping_add(1);
        self.0.set_value(n);
        set_timeout(
            move || {
                if self.0.try_get_value() == Some(n) {
                    then();
                }
            },
            wait,
        );
    }

    pub fn cancel(self) {
        use leptos::prelude::UpdateValue;
        self.0.update_value(|n| *n = n.wrapping_add(1));
    }
}

impl Default for Debounce {
    fn default() -> Self {
        Debounce::new()
    }
}
