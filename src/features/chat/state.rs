//! The state of one conversation view: the loaded messages, the window of
//! them in the DOM, loading older pages, jumping to a date and showing a
//! search hit. Its own module so the view and its toolbar both use it
//! without importing each other.

use crate::features::chat::history::{Conversation, Window, MAX_LOADED};
use crate::features::chat::query::ChatQuery;
use leptos::html;
use leptos::prelude::*;
use scrm_api::chat::GetRedisMessageRecord;
use wasm_bindgen::JsCast;

use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::job::Progress;
use crate::platform::load::{stoppable, AbortGuard};

/// User Timing marks for `cargo xtask bench` (tests/chat_bench.rs) and for
/// anyone profiling in the browser's tools: the first page laid out at the
/// bottom of the view, and an older page laid out with the reader's
/// position restored.
pub const MARK_FIRST_SCREEN: &str = "scrm:chat-first-screen";
pub const MARK_OLDER_SHOWN: &str = "scrm:chat-older-shown";

/// Marks `name` in the animation frame after the ones already asked for
/// (callbacks run in the order they were requested), i.e. once the scroll
/// position they set has been applied.
fn mark_after_frame(name: &'static str) {
    request_animation_frame(move || {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
    });
}

/// Pixels from an edge of the scroller at which the window moves or an
/// older page is asked for.
const EDGE: i32 = 200;

/// The view's state; every field is a handle, so it is `Copy` and methods
/// can be used from any event handler or async continuation.
#[derive(Clone, Copy)]
pub struct ChatState {
    api: StoredValue<ApiClient>,
    query: StoredValue<ChatQuery>,
    /// The older page on its way; leaving the view drops it, which aborts
    /// the request.
    running: StoredValue<Option<AbortGuard>, LocalStorage>,
    pub convo: RwSignal<Conversation>,
    pub(super) window: RwSignal<Window>,
    pub(super) loading: RwSignal<bool>,
    pub(super) error: RwSignal<Option<ApiError>>,
    pub(super) loaded: RwSignal<bool>,
    /// A date the reader asked for that older pages must reach first.
    jump_to: RwSignal<Option<String>>,
    /// The window is being moved; scroll events until it settles are ours.
    shifting: StoredValue<bool>,
    pub(super) scroller: NodeRef<html::Div>,
    /// Set when a jump found nothing on or after the date.
    pub jump_missed: RwSignal<bool>,
}

/// Clears the loading flag when the request is over, however it ended
/// (answered, failed, or dropped because nobody waits for it any more).
struct Busy(RwSignal<bool>);

impl Drop for Busy {
    fn drop(&mut self) {
        let _ = self.0.try_set(false);
    }
}

fn find_row(el: &web_sys::HtmlDivElement, key: &str) -> Option<web_sys::HtmlElement> {
    el.query_selector(&format!(".msg-row[data-key=\"{key}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

impl ChatState {
    pub(super) fn new(query: ChatQuery) -> Self {
        ChatState {
            api: StoredValue::new(use_api()),
            query: StoredValue::new(query),
            running: StoredValue::new_local(None),
            convo: RwSignal::new(Conversation::default()),
            window: RwSignal::new(Window::default()),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            loaded: RwSignal::new(false),
            jump_to: RwSignal::new(None),
            shifting: StoredValue::new(false),
            scroller: NodeRef::new(),
            jump_missed: RwSignal::new(false),
        }
    }

    pub fn query(&self) -> ChatQuery {
        self.query.get_value()
    }

    /// The first row at least partly visible, and its distance from the
    /// top of the scroller, so it can be put back where the reader saw it.
    fn anchor(self) -> Option<(String, i32)> {
        let el = self.scroller.get_untracked()?;
        let top = el.scroll_top();
        let rows = el.query_selector_all(".msg-row").ok()?;
        (0..rows.length())
            .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|row| row.offset_top() + row.offset_height() > top)
            .and_then(|row| Some((row.get_attribute("data-key")?, row.offset_top() - top)))
    }

    /// After the DOM has caught up, scrolls so `key` sits `offset` below the top.
    fn settle(self, target: Option<(String, i32)>) {
        self.shifting.set_value(true);
        request_animation_frame(move || {
            if let (Some(Some(el)), Some((key, offset))) =
                (self.scroller.try_get_untracked(), target)
            {
                if let Some(row) = find_row(&el, &key) {
                    el.set_scroll_top(row.offset_top() - offset);
                }
            }
            self.shifting.try_update_value(|s| *s = false);
        });
    }

    fn to_bottom(self) {
        request_animation_frame(move || {
            if let Some(Some(el)) = self.scroller.try_get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    fn move_window(self, w: Window) {
        let a = self.anchor();
        self.window.set(w);
        self.settle(a);
    }

    pub fn on_scroll(self) {
        if self.shifting.get_value() {
            return;
        }
        let Some(el) = self.scroller.get_untracked() else {
            return;
        };
        let top = el.scroll_top();
        let len = self.convo.with_untracked(Conversation::len);
        let w = self.window.get_untracked();
        if top < EDGE {
            if let Some(up) = w.up(len) {
                self.move_window(up);
            } else if self.error.with_untracked(Option::is_none) {
                self.load_older();
            }
        } else if el.scroll_height() - top - el.client_height() < EDGE {
            if let Some(down) = w.down(len) {
                self.move_window(down);
            }
        }
    }

    /// Asks for the next older page, unless one is on its way or the
    /// history is complete. Loaded messages stay whatever the answer.
    pub fn load_older(self) {
        if self.loading.get_untracked() || !self.convo.with_untracked(Conversation::more) {
            return;
        }
        let (guard, run) = stoppable(self.fetch_older(true));
        self.running.set_value(Some(guard));
        leptos::task::spawn_local(async move {
            if run.await.is_ok() {
                self.continue_jump();
            }
        });
    }

    /// Fetches the next older page and puts it in front, keeping the
    /// reader's place; a failure is shown above the messages. What
    /// scrolling up, jumping and searching the whole conversation all use.
    /// `reveal`: the reader asked for older messages, so the window moves
    /// up a step to show some; otherwise (a search loading in the
    /// background) it keeps the same messages and the DOM is not touched.
    /// Dropped unfinished, it aborts its request.
    async fn fetch_older(self, reveal: bool) -> Result<(), ApiError> {
        let page = self.convo.with_untracked(Conversation::next_page);
        let req = self.query.with_value(|q| q.request(page));
        let api = self.api.get_value();
        self.loading.set(true);
        self.error.set(None);
        let busy = Busy(self.loading);
        let result = api.call::<GetRedisMessageRecord>(&req).await;
        drop(busy);
        if self.convo.is_disposed() {
            return Err(ApiError::Aborted);
        }
        let reply = match result {
            Ok(reply) => reply,
            Err(e) => {
                if e != ApiError::Aborted {
                    self.error.set(Some(e.clone()));
                }
                return Err(e);
            }
        };
        let w = self.window.get_untracked();
        let reveal = reveal || w.end == 0;
        // Where the reader is now, not when the request left.
        let anchor = if reveal { self.anchor() } else { None };
        let total = reply.page.count;
        let mut added = 0;
        self.convo
            .update(|c| added = c.add_older_page(reply.page.items, total));
        let len = self.convo.with_untracked(Conversation::len);
        self.loaded.set(true);
        if !reveal {
            self.window.set(w.shifted(added));
            return Ok(());
        }
        self.window.set(w.after_prepend(added, len));
        if page == 1 {
            self.to_bottom();
            mark_after_frame(MARK_FIRST_SCREEN);
        } else {
            self.settle(anchor);
            mark_after_frame(MARK_OLDER_SHOWN);
        }
        Ok(())
    }

    /// Loads every older page (up to [`MAX_LOADED`] messages), reporting
    /// messages loaded of the conversation's total, so a search covers the
    /// whole conversation. Stops at the first failure, which is shown above
    /// the messages with a retry. Run inside a `platform::job::Job`: its
    /// cancel aborts the page in flight.
    pub async fn load_all(self, progress: Progress) -> Result<(), ApiError> {
        // A page the reader's scrolling asked for is asked again here.
        self.running.set_value(None);
        loop {
            if !self.convo.with_untracked(Conversation::more) {
                return Ok(());
            }
            self.fetch_older(false).await?;
            let (len, total) = self.convo.with_untracked(|c| (c.len(), c.total()));
            let total = usize::try_from(total).unwrap_or(0).min(MAX_LOADED);
            progress.set(len as u64, total as u64);
        }
    }

    pub fn retry(self) {
        self.error.set(None);
        self.load_older();
    }

    /// Scrolls message `i` into view, moving the window to it if needed.
    pub fn show(self, i: usize) {
        let len = self.convo.with_untracked(Conversation::len);
        let w = self.window.get_untracked();
        if !(w.start <= i && i < w.end) {
            self.window.set(Window::around(i, len));
        }
        let key = self.convo.with_untracked(|c| c.key(i).map(str::to_owned));
        self.settle(key.map(|k| (k, 8)));
    }

    /// Shows the first message on or after `date`, loading older pages
    /// until they reach it.
    pub fn jump(self, date: String) {
        self.jump_missed.set(false);
        self.jump_to.set(Some(date));
        self.continue_jump();
    }

    fn continue_jump(self) {
        let Some(date) = self.jump_to.get_untracked() else {
            return;
        };
        let (more, found) = self.convo.with_untracked(|c| {
            (
                c.needs_older_for(&date) && c.more(),
                c.first_on_or_after(&date),
            )
        });
        if more {
            if self.error.with_untracked(Option::is_none) {
                self.load_older();
            }
            return;
        }
        self.jump_to.set(None);
        match found {
            Some(i) => self.show(i),
            None => self.jump_missed.set(true),
        }
    }
}
