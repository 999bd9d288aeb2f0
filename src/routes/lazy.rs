//! The pages whose code is fetched on first use. Each is a split point: the
//! splitter (`cargo xtask split`) moves everything only that page reaches
//! into its own wasm file, fetched when the page is first opened or earlier
//! by the idle prefetch.
//!
//! Leptos's `#[lazy_route]` would do this with the non-fallible split, which
//! panics, and so kills the app, when a page's file cannot be fetched (a
//! dropped connection, a deploy that replaced the files). These routes use
//! the fallible split instead: a failed fetch shows [`PageLoadRetry`], and
//! fetching again is possible because the loader keeps only successes.

// The split macro declares the chunk's import and export with
// `unsafe extern "C"`/`#[unsafe(no_mangle)]`; nothing else here is unsafe.
#![allow(unsafe_code)]

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::LazyRoute;
use send_wrapper::SendWrapper;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use scrm_panel::app::quick_find::dialog::QuickFindDialog;
use scrm_panel::app::settings;
use scrm_panel::features::call::extras_chunk::Extras;
use scrm_panel::features::customers::export::ExportRun;
use scrm_panel::features::customers::selection_bar::SelectionBar;
use scrm_panel::features::customers::views_dialog::SavedViewsDialog;
use scrm_panel::features::{call, chat, clinic, customers, manual_tasks};
use scrm_panel::platform::i18n::{t_string, use_i18n, Locale};
use scrm_panel::platform::tr::tr;
use scrm_panel::ui::button::Button;
use scrm_panel::ui::icon::glyph;
use scrm_panel::ui::on_first_use::Local;

/// A page built once its chunk is in, or why not.
type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;
/// Fetches a page's chunk without building the page; true when it is in.
pub type Prefetch = fn() -> Pin<Box<dyn Future<Output = bool>>>;

/// A lazy route `$route` whose page `$page` goes into the chunk `$chunk`.
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $($page:ident)::+) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> AnyView {
                page_or_retry($chunk::load).await
            }

            async fn preload() {
                // A failure is shown by `view`, which fetches once more.
                let _ = $chunk::fetch().await;
            }
        }

        mod $chunk {
            use super::*;

            #[wasm_split($chunk, fallible, preload(fetch))]
            pub fn page() -> Result<AnyView, SplitLoaderError> {
                Ok(view! { <$($page)::+/> }.into_any())
            }

            pub fn load() -> PageFuture {
                Box::pin(page())
            }

            pub fn prefetch() -> Pin<Box<dyn Future<Output = bool>>> {
                Box::pin(async { fetch().await.is_ok() })
            }
        }
    };
}

lazy_page!(CallPage, call_page, call::page::Call);
lazy_page!(
    CustomerEditPage,
    customer_edit,
    customers::edit::CustomerEdit
);
lazy_page!(
    CustomerByContactPage,
    customer_by_contact,
    customers::by_contact::CustomerByContact
);
lazy_page!(
    ContactsByTagPage,
    contacts_by_tag,
    customers::by_tag::ContactsByTag
);
lazy_page!(ChatPage, chat_page, chat::page::Chat);
lazy_page!(
    ManualTaskListPage,
    manual_task_list,
    manual_tasks::list::ManualTaskList
);
lazy_page!(
    ManualTaskNewPage,
    manual_task_new,
    manual_tasks::new::ManualTaskNew
);
lazy_page!(
    ManualTaskImportPage,
    manual_task_import,
    manual_tasks::import::ManualTaskImport
);
lazy_page!(
    ManualTaskDetailPage,
    manual_task_detail,
    manual_tasks::detail::ManualTaskDetail
);
lazy_page!(ClinicPage, clinic_page, clinic::page::Clinic);
lazy_page!(
    ClinicAppointmentsPage,
    clinic_appointments,
    clinic::appointments_page::ClinicAppointments
);
lazy_page!(SettingsPage, settings_page, settings::Settings);

/// Code that is not a page but the same kind of split point, `$chunk`: what
/// it answers, `$value` of type `$ty` (a view, or functions the caller runs),
/// is built in the chunk, fetched on first use (or by the prefetch), and
/// `$chunk::load` answers `None` when it cannot be.
macro_rules! lazy_code {
    ($chunk:ident, $ty:path, $value:expr) => {
        mod $chunk {
            use super::*;

            #[wasm_split($chunk, fallible, preload(fetch))]
            fn build() -> Result<$ty, SplitLoaderError> {
                Ok($value)
            }

            pub fn load() -> Local<Option<$ty>> {
                Box::pin(async { build().await.ok() })
            }

            pub fn prefetch() -> Pin<Box<dyn Future<Output = bool>>> {
                Box::pin(async { fetch().await.is_ok() })
            }
        }
    };
}

/// A view `$view` behind the split point `$chunk` (see [`lazy_code`]).
macro_rules! lazy_view {
    ($chunk:ident, $($view:ident)::+) => {
        lazy_code!($chunk, AnyView, view! { <$($view)::+/> }.into_any());
    };
}

// Quick find's dialog, fetched on the first Ctrl+K.
lazy_view!(quick_find, QuickFindDialog);
// The customer list's saved-views dialog, fetched on its first opening.
lazy_view!(saved_views, SavedViewsDialog);
// The customer list's selection bar with the bulk actions' dialog and runner,
// fetched on the first tick of a row.
lazy_view!(bulk_actions, SelectionBar);

// The call pop-up card's extras (messages, manual entries, clinic, the note's
// save): the table of the chunk's functions, which the pop-up calls once the
// chunk is in.
lazy_code!(call_extras, Extras, call::extras_code::table());
// The customer list's export (paging through downLoad, CSV, the XLSX
// worker), fetched on the first press of an export button.
lazy_code!(customer_export, ExportRun, customers::export_job::run);

pub use bulk_actions::load as bulk_actions_bar;
pub use call_extras::load as call_extras;
pub use customer_export::load as customer_export;
pub use quick_find::load as quick_find_dialog;
pub use saved_views::load as saved_views_dialog;

/// Every lazy chunk's prefetch, in the order the idle prefetch takes them:
/// the call pop-up's extras first (an incoming call's card waits for them),
/// then the call page (an incoming call may open it), then the customer
/// pages a list row leads to, then the rest, the list's bulk actions, quick
/// find, the saved-views dialog and the customer export last.
pub const PREFETCH: [Prefetch; 17] = [
    call_extras::prefetch,
    call_page::prefetch,
    customer_edit::prefetch,
    customer_by_contact::prefetch,
    contacts_by_tag::prefetch,
    chat_page::prefetch,
    manual_task_list::prefetch,
    manual_task_detail::prefetch,
    manual_task_new::prefetch,
    manual_task_import::prefetch,
    clinic_page::prefetch,
    clinic_appointments::prefetch,
    settings_page::prefetch,
    bulk_actions::prefetch,
    quick_find::prefetch,
    saved_views::prefetch,
    customer_export::prefetch,
];

/// The page, or the retry view when its chunk could not be fetched.
async fn page_or_retry(load: fn() -> PageFuture) -> AnyView {
    match load().await {
        Ok(page) => page,
        Err(_) => view! { <PageLoadRetry load/> }.into_any(),
    }
}

/// "This page could not be loaded" with a retry that fetches the chunk
/// again and shows the page once it is in.
#[component]
fn PageLoadRetry(load: fn() -> PageFuture) -> impl IntoView {
    let i18n = use_i18n();
    // Each press of retry bumps it and starts one fresh fetch.
    let attempt = RwSignal::new(0u32);
    move || {
        if attempt.get() == 0 {
            return failed(i18n, attempt);
        }
        // The chunk's future is not `Send`; the browser has one thread.
        Suspend::new(SendWrapper::new(async move {
            match load().await {
                Ok(page) => page,
                // Left meanwhile: nothing is shown any more.
                Err(_) if attempt.try_get_untracked().is_none() => ().into_any(),
                Err(_) => failed(i18n, attempt),
            }
        }))
        .into_any()
    }
}

fn failed(i18n: I18nContext<Locale>, attempt: RwSignal<u32>) -> AnyView {
    view! {
        <section class="page page-load-failed" id="page-load-failed">
            <div class="error-view" role="alert">
                <p>{tr(i18n, |i| t_string!(i, page_load_failed))}</p>
                <Button icon=glyph::RETRY attr:id="page-load-retry" on:click=move |_| attempt.update(|n| *n += 1)>
                    {tr(i18n, |i| t_string!(i, retry))}
                </Button>
            </div>
        </section>
    }
    .into_any()
}
