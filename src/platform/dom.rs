//! DOM chores several features share: moving focus, keeping Tab inside a
//! dialog, and handing a generated file to the browser.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};

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

fn main_heading() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector("#main h1")
        .ok()??
        .dyn_into()
        .ok()
}

fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

/// Whether focus may be moved to a new page's heading: it is nowhere (the
/// link that had it went with the old page), on the main area, or still
/// where it was when the navigation began; not when the page or the user
/// put it somewhere since, nor out of an open dialog.
fn focus_is_free(was: Option<&web_sys::Element>) -> bool {
    let Some(active) = active_element() else {
        return true;
    };
    if active.closest("dialog[open]").ok().flatten().is_some() {
        return false;
    }
    active.tag_name().eq_ignore_ascii_case("body") || active.id() == "main" || Some(&active) == was
}

/// After a navigation to `path` (the router's pathname): moves focus to the
/// new page's heading once it is on screen, making it focusable from script
/// only. A lazy page's code may still be on its way, and meanwhile the old
/// page and its heading stay; the router writes the new address only once
/// the new page is drawn. So the heading that was there before counts as
/// the new page's only when the address is already `path` (a change of the
/// route's parameter keeps the same heading element). Looks every 50 ms for
/// 4 s, then every 250 ms up to 20 s in all; focus that the user has put
/// somewhere meanwhile is never taken.
pub fn focus_new_heading(path: String) {
    const FAST: u32 = 80;
    const SLOW: u32 = 64;
    fn shown(path: &str) -> bool {
        web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .is_some_and(|now| now == path)
    }
    fn poll(
        old: Option<web_sys::HtmlElement>,
        was: Option<web_sys::Element>,
        path: String,
        tries: u32,
    ) {
        let new =
            main_heading().filter(|h| old.as_ref() != Some(h) || (tries >= 10 && shown(&path)));
        match new {
            Some(h) if focus_is_free(was.as_ref()) => {
                if !h.has_attribute("tabindex") {
                    let _ = h.set_attribute("tabindex", "-1");
                }
                let _ = h.focus();
            }
            Some(_) => {}
            None if tries < FAST + SLOW => {
                let wait = if tries < FAST { 50 } else { 250 };
                set_timeout(
                    move || poll(old, was, path, tries + 1),
                    Duration::from_millis(wait),
                );
            }
            None => {}
        }
    }
    poll(main_heading(), active_element(), path, 0);
}

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
     select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside a dialog (its `keydown` handler): from the last control
/// to the first and back. A modal dialog already makes the page inert, but
/// the browser would otherwise step out of it to its own toolbar.
pub fn wrap_tab(dialog: &web_sys::Element, ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let (Some(first), Some(last)) = (
        list.get(0),
        list.length().checked_sub(1).and_then(|i| list.get(i)),
    ) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(JsValue::from);
    let at = |node: &web_sys::Node| active.as_ref() == Some(node.as_ref());
    // Focus on the dialog itself (as it opened): either way into its controls.
    let on_dialog = active.as_ref() == Some(dialog.as_ref());
    let target = match (
        ev.shift_key(),
        at(&first) || on_dialog,
        at(&last) || on_dialog,
    ) {
        (true, true, _) => last,
        (false, _, true) => first,
        _ => return,
    };
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        ev.prevent_default();
        let _ = el.focus();
    }
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
