//! Writing text to the clipboard: the asynchronous Clipboard API where the page may use it
//! (HTTPS or localhost), else the older copy command through a hidden text area, because the
//! panel is often served over plain HTTP on an intranet, where the new API does not exist.
//! Both are reached through `Reflect` so no extra web-sys bindings are linked.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Copies `text`; answers whether the browser took it.
pub async fn copy(text: &str) -> bool {
    if let Some(promise) = clipboard_write(text) {
        if JsFuture::from(promise).await.is_ok() {
            return true;
        }
    }
    copy_command(text)
}

/// `navigator.clipboard.writeText(text)`, when the page has the API.
fn clipboard_write(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// The copy command on a selected, off-screen text area; focus goes back where it was.
fn copy_command(text: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let (Ok(area), Some(body)) = (doc.create_element("textarea"), doc.body()) else {
        return false;
    };
    let before = doc.active_element();
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    let _ = area.set_attribute("class", "clipboard-helper");
    let _ = js_sys::Reflect::set(&area, &"value".into(), &JsValue::from_str(text));
    if body.append_child(&area).is_err() {
        return false;
    }
    let select = js_sys::Reflect::get(&area, &"select".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(select) = select {
        let _ = select.call0(&area);
    }
    let copied = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    if let Some(el) = before.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    copied
}
