//! The pop-up's requests in the main wasm: who the number belongs to comes first and draws
//! the card; for a pool answer the customer records with the same number follow. The card's
//! other requests (messages, manual entries, clinic, the note's save) are in the extras chunk
//! ([`extra_lookups`](super::extra_lookups)). Each runs under the pop-up's abort guard and the
//! API client's time limit, so a slow one never holds up the others or a newer call.

use scrm_api::customer::{CustomerPage, CustomerPageRequest};

use crate::core::call_card::same_number;
use crate::features::call::state::PoolRecords;
use crate::platform::api_client::ApiClient;

/// Resolves in a later task of the browser, after the answer that started it has been
/// drawn: the card (and the benchmark's "filled" mark) never waits for the extra
/// requests to be built and sent.
pub async fn after_drawing() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The customer records whose number is `phone` (customerPage filters by
/// a part of the number, so the answer is narrowed to the same number).
pub async fn records_with_phone(api: &ApiClient, phone: &str) -> PoolRecords {
    let request = CustomerPageRequest {
        customer_phone: Some(phone.to_owned()),
        limit: Some(50),
        page_no: Some(1),
        ..Default::default()
    };
    match api.call::<CustomerPage>(&request).await {
        Ok(reply) => PoolRecords::Found(
            reply
                .page
                .items
                .into_iter()
                .filter(|c| same_number(c.customer_phone.as_deref(), phone))
                .collect(),
        ),
        Err(e) => PoolRecords::Failed(e),
    }
}
