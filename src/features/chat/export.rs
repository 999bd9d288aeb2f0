//! Hands a generated file to the browser's download machinery.

use wasm_bindgen::JsCast;

/// Offers `content` as a download named `name`. Returns false when the
/// browser refused (the caller tells the user).
pub fn download(name: &str, mime: &str, content: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let Some(a) = anchor else { return false };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoked later rather than now: the download starts asynchronously.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    true
}
