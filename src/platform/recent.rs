//! The signed-in user's recently opened customers (rules in
//! `core::recent`), in local storage under a key naming tenant and user.
//!
//! Pages draw before the shell has learnt who is signed in (and a vendor
//! backend may never say): what is opened meanwhile goes under the key of
//! nobody in particular and moves into the user's list once the user is
//! known. Sign-out removes both.

use leptos::prelude::*;

use crate::core::recent::{read, remember as put_first, storage_key, store, Recent};
use crate::platform::session::Session;
use crate::platform::storage;

fn key_of(session: &Session) -> String {
    session.user.with_untracked(|me| {
        storage_key(
            me.as_ref().and_then(|m| m.tenant_id),
            me.as_ref().map(|m| m.username.as_str()),
        )
    })
}

/// The list and where it is kept, with anything opened before the user was
/// known taken in.
fn load(session: &Session) -> (String, Vec<Recent>) {
    let key = key_of(session);
    let mut list = read(storage::local_get(&key).as_deref());
    let early_key = storage_key(None, None);
    if key != early_key {
        let early = read(storage::local_get(&early_key).as_deref());
        if !early.is_empty() {
            for r in early.into_iter().rev() {
                put_first(&mut list, r);
            }
            storage::local_set(&key, &store(&list));
            storage::local_remove(&early_key);
        }
    }
    (key, list)
}

/// Puts `opened` first in the list (nothing happens outside the shell, or
/// when there is nothing to remember).
pub fn remember(opened: Option<Recent>) {
    let (Some(session), Some(opened)) = (use_context::<Session>(), opened) else {
        return;
    };
    let (key, mut list) = load(&session);
    put_first(&mut list, opened);
    storage::local_set(&key, &store(&list));
}

/// The list, newest first.
pub fn list(session: &Session) -> Vec<Recent> {
    load(session).1
}

/// Sign-out: the list leaves this browser.
pub fn forget(session: &Session) {
    storage::local_remove(&key_of(session));
    storage::local_remove(&storage_key(None, None));
}
