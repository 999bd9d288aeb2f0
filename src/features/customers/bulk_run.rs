//! The bulk run (in the `bulk_actions` chunk with its dialog): find the
//! customers the selection names, then add or remove a tag on each, delete
//! each, or write them to a file. Each customer is one request, a few at a
//! time (`platform::at_once`); the report fills in as answers arrive, so a
//! stopped run still says what was done. Stopping is the `Job`'s: its
//! future is dropped, which aborts the requests in flight.

use std::collections::BTreeSet;
use std::future::Future;

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::customer::{
    Customer, CustomerPage, DeleteCustomer, DeleteCustomerRequest, UpdateCustomer,
    UpdateCustomerRequest,
};
use scrm_api::ReplyError;

use crate::core::bulk::{within_cap, Report, TagChange, MAX_CUSTOMERS, READ_PAGE};
use crate::core::selection::Selection;
use crate::core::template::fill;
use crate::core::text::grouped;
use crate::features::customers::bulk::BulkState;
use crate::features::customers::export::Format;
use crate::features::customers::export_file::{saved_words, today, ExportFile};
use crate::features::customers::query::CustomerFilter;
use crate::platform::api_client::{ApiClient, ApiError};
use crate::platform::at_once::{at_once, Flow};
use crate::platform::i18n::{t_string, Locale};
use crate::platform::job::Progress;
use crate::ui::error_view::describe;

/// How one customer went.
pub enum Outcome {
    /// Changed or deleted; the record as saved, when the server sent it.
    Done(Option<Box<Customer>>),
    /// Already as asked: nothing was sent.
    Skipped,
    Failed(ApiError),
}

/// The customers the selection names: the rows ticked (as kept), or
/// everyone the filter matches now, read [`READ_PAGE`] at a time with
/// progress, less the unticked. `Err` in words, also when the filter
/// matches more than [`MAX_CUSTOMERS`].
pub async fn resolve(
    api: &ApiClient,
    i18n: I18nContext<Locale>,
    state: BulkState,
    progress: Progress,
) -> Result<Vec<Customer>, String> {
    let selection = state.selection.get_untracked();
    let Selection::AllMatching { .. } = selection else {
        let picked = selection.resolve(&[]);
        return Ok(state.records.with_value(|r| {
            picked
                .iter()
                .filter_map(|id| r.iter().find(|c| c.customer_id == Some(*id)).cloned())
                .collect()
        }));
    };
    let filter: CustomerFilter = state.filter.get_untracked();
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    let mut read = 0u64;
    let mut page_no = 1;
    loop {
        let page = api
            .call::<CustomerPage>(&filter.page_request_at(page_no, READ_PAGE))
            .await
            .map_err(|e| describe(i18n, &e))?
            .page;
        let count = within_cap(page.count.max(0) as u64).map_err(|n| {
            fill(
                t_string!(i18n, bulk_too_many),
                &[("n", &grouped(n)), ("max", &grouped(MAX_CUSTOMERS))],
            )
        })?;
        let got = page.items.len();
        read += got as u64;
        for c in page.items {
            // A customer moved up a page meanwhile is read twice: once is enough.
            if c.customer_id
                .is_some_and(|id| selection.contains(id) && seen.insert(id))
            {
                found.push(c);
            }
        }
        progress.set(read, count);
        if got == 0 || (got as i64) < READ_PAGE || read >= count || read >= MAX_CUSTOMERS {
            return Ok(found);
        }
        page_no += 1;
    }
}

/// Runs `each` on every customer, a few at a time, filling `report` (and
/// the progress) as answers arrive; `after` sees each outcome first.
/// Signed out: the rest are not tried.
pub async fn run_each<Fut>(
    i18n: I18nContext<Locale>,
    customers: Vec<Customer>,
    report: RwSignal<Option<Report>>,
    progress: Progress,
    each: impl Fn(Customer) -> Fut,
    mut after: impl FnMut(i64, &Outcome),
) where
    Fut: Future<Output = Outcome>,
{
    let total = customers.len() as u64;
    report.set(Some(Report::new(total)));
    progress.set(0, total);
    let tasks = customers.into_iter().map(|c| {
        let id = c.customer_id.unwrap_or_default();
        let name = c.display_name().to_owned();
        let outcome = each(c);
        async move { (id, name, outcome.await) }
    });
    at_once(tasks, |(id, name, outcome)| {
        after(id, &outcome);
        let mut flow = Flow::Go;
        let _ = report.try_update(|r| {
            let Some(r) = r else { return };
            match outcome {
                Outcome::Done(_) => r.done += 1,
                Outcome::Skipped => r.skipped += 1,
                Outcome::Failed(e) => {
                    if matches!(e, ApiError::Reply(ReplyError::Unauthorized)) {
                        flow = Flow::Stop;
                    }
                    r.fail(id, &name, describe(i18n, &e));
                }
            }
            progress.set(r.handled(), total);
        });
        flow
    })
    .await;
}

/// Adds or removes a tag on one customer; a customer changed by someone
/// else since it was read is refused by the server, not overwritten.
pub async fn change_tag(api: ApiClient, c: Customer, change: TagChange) -> Outcome {
    let Some(tags) = change.apply(&c.tag_ids()) else {
        return Outcome::Skipped;
    };
    let request = UpdateCustomerRequest {
        customer_id: c.customer_id,
        tags: Some(tags),
        last_update_time: c.last_update_time.clone(),
        ..Default::default()
    };
    match api.call::<UpdateCustomer>(&request).await {
        Ok(reply) => Outcome::Done(reply.customer.map(|e| Box::new(e.record))),
        Err(e) => Outcome::Failed(e),
    }
}

/// Whether the customer is not there (any more): deleted by someone else,
/// say. Still a failure to report, but gone from the selection too.
pub fn is_gone(o: &Outcome) -> bool {
    matches!(
        o,
        Outcome::Failed(ApiError::Reply(
            ReplyError::Code { code: 404, .. } | ReplyError::Http { status: 404, .. }
        ))
    )
}

pub async fn delete(api: ApiClient, c: Customer) -> Outcome {
    let request = DeleteCustomerRequest {
        customer_id: c.customer_id,
    };
    match api.call::<DeleteCustomer>(&request).await {
        Ok(_) => Outcome::Done(None),
        Err(e) => Outcome::Failed(e),
    }
}

/// Writes `customers` to a file through the list export's path (same
/// columns and neutralised cells), named for the count and the day;
/// answers what to say.
pub async fn export(
    i18n: I18nContext<Locale>,
    customers: Vec<Customer>,
    format: Format,
    progress: Progress,
) -> String {
    let file = match ExportFile::start(i18n, format).await {
        Ok(file) => file,
        Err(why) => return why,
    };
    let total = customers.len() as u64;
    let mut written = 0u64;
    for rows in customers.chunks(READ_PAGE as usize) {
        if let Err(why) = file.push(rows) {
            return why;
        }
        written += rows.len() as u64;
        progress.set(written, total);
    }
    let name = CustomerFilter::selection_file_name(total, &today(), format.ext());
    saved_words(i18n, file.save(&name).await, total)
}
