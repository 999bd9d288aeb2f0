//! Results of actions ("saved", "deleted", "failed: ...") announced politely
//! to screen readers and dismissed after a few seconds.

use std::time::Duration;

use leptos::prelude::*;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{IconButton, Variant};
use crate::ui::icon::glyph;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
    Info,
}

#[derive(Clone, Debug)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toasts {
    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| {
            v.push(Toast {
                id,
                kind,
                text: text.into(),
            })
        });
        let items = self.items;
        set_timeout(
            move || {
                let _ = items.try_update(|v| v.retain(|t| t.id != id));
            },
            Duration::from_secs(6),
        );
    }

    fn dismiss(&self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

#[component]
pub fn ToastProvider(children: Children) -> impl IntoView {
    let toasts = Toasts {
        items: RwSignal::new(Vec::new()),
        next: StoredValue::new(0),
    };
    provide_context(toasts);
    let i18n = use_i18n();
    view! {
        {children()}
        <section class="toasts" aria-live="polite" aria-label=tr(i18n, |i| t_string!(i, notifications))>
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                <div class=format!("toast toast-{:?}", toast.kind).to_lowercase() role="status">
                    <span>{toast.text.clone()}</span>
                    <IconButton glyph=glyph::CLOSE variant=Variant::Text label=tr(i18n, |i| t_string!(i, close))
                        on:click=move |_| toasts.dismiss(toast.id)/>
                </div>
            </For>
        </section>
    }
}
