//! The signed-in user's recently opened customers (rules in
//! `core::recent`), kept per tenant and user through `platform::per_user`,
//! which also takes in what was opened before the shell knew the user.
//! Sign-out removes them.

use leptos::prelude::*;

use crate::core::recent::{remember as put_first, Recent};
use crate::platform::per_user;
use crate::platform::session::Session;

/// Puts `opened` first in the list (nothing happens outside the shell, or
/// when there is nothing to remember).
pub fn remember(opened: Option<Recent>) {
    let (Some(session), Some(opened)) = (use_context::<Session>(), opened) else {
        return;
    };
    let mut list = per_user::load::<Vec<Recent>>(&session);
    put_first(&mut list, opened);
    per_user::store(&session, &list);
}

/// The list, newest first.
pub fn list(session: &Session) -> Vec<Recent> {
    per_user::load::<Vec<Recent>>(session)
}

/// Sign-out: the list leaves this browser.
pub fn forget(session: &Session) {
    per_user::forget::<Vec<Recent>>(session);
}
