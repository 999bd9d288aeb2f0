//! Many requests, a few at a time: the import's look-up of known numbers,
//! a bulk action on selected customers. At most [`AT_ONCE`] are in flight,
//! so a 1,000-customer action is done in seconds on a near server and the
//! team's server is never crowded.
//!
//! Stopping is dropping: when the future of [`at_once`] is dropped (a
//! `Job` cancelled, a `stoppable` guard dropped, the page gone), the tasks
//! in flight are dropped too, which aborts their requests, and the rest are
//! never started.

use std::future::Future;

use futures::StreamExt;

/// Tasks in flight at once.
pub const AT_ONCE: usize = 4;

/// What to do after a task's answer.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Go,
    /// Start no more tasks and drop those in flight (signed out, say).
    Stop,
}

/// Runs `tasks` at most [`AT_ONCE`] at a time (started in order, answered
/// as they finish) and hands each answer to `each`.
pub async fn at_once<T, Fut>(tasks: impl IntoIterator<Item = Fut>, mut each: impl FnMut(T) -> Flow)
where
    Fut: Future<Output = T>,
{
    let mut answers = futures::stream::iter(tasks).buffer_unordered(AT_ONCE);
    while let Some(answer) = answers.next().await {
        if each(answer) == Flow::Stop {
            break;
        }
    }
}
