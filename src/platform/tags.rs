//! The tenant's customer tags, shared by every view that names or picks
//! tags (customer list and filters, edit form, contacts by tag, call
//! pop-up). The signed-in shell provides one list, fetched the first time a
//! view reads it and kept while the shell lives; a new sign-in builds a new
//! shell and so a fresh list. A failed fetch is kept, so a view can say it
//! and offer a retry; tags are shown by id meanwhile (the vendor's backend
//! has no tagList at all, so pages never treat a failure as an error).

use leptos::prelude::*;
use scrm_api::customer::{Tag, TagList, TagListRequest};

use crate::platform::api_client::{use_api, ApiClient, ApiError};

#[derive(Clone, Copy)]
pub struct Tags {
    list: RwSignal<Vec<Tag>>,
    error: RwSignal<Option<ApiError>>,
    asked: StoredValue<bool>,
    api: StoredValue<ApiClient>,
}

impl Tags {
    fn new() -> Self {
        Tags {
            list: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            asked: StoredValue::new(false),
            api: StoredValue::new(use_api()),
        }
    }

    /// The known tags (empty until the first answer).
    pub fn list(self) -> Signal<Vec<Tag>> {
        if !self.asked.get_value() {
            self.reload();
        }
        self.list.into()
    }

    /// Why the last fetch failed, if it did.
    pub fn error(self) -> Signal<Option<ApiError>> {
        self.error.into()
    }

    /// Asks the server again (first use, or retry after a failure).
    pub fn reload(self) {
        self.asked.set_value(true);
        let api = self.api.get_value();
        leptos::task::spawn_local(async move {
            match api.call::<TagList>(&TagListRequest {}).await {
                Ok(reply) => {
                    let _ = self.list.try_set(reply.data);
                    let _ = self.error.try_set(None);
                }
                Err(e) => {
                    let _ = self.error.try_set(Some(e));
                }
            }
        });
    }
}

/// Called by the signed-in shell.
pub fn provide_tags() {
    provide_context(Tags::new());
}

/// The shell's tag list (a private one outside the shell).
pub fn use_tags() -> Tags {
    use_context::<Tags>().unwrap_or_else(|| {
        let tags = Tags::new();
        provide_context(tags);
        tags
    })
}
