//! Per-user lists in local storage (rules in `core::per_user`): the key of
//! the signed-in user, and what was kept before the user was known taken
//! into it, once, the first time the list is read after that.

use leptos::prelude::*;

use crate::core::per_user::{is_nobodys, storage_key, PerUser};
use crate::platform::session::Session;
use crate::platform::storage;

fn key_of<T: PerUser>(session: &Session) -> String {
    session.user.with_untracked(|me| {
        storage_key(
            T::KIND,
            me.as_ref().and_then(|m| m.tenant_id),
            me.as_ref().map(|m| m.username.as_str()),
        )
    })
}

fn early_key<T: PerUser>() -> String {
    storage_key(T::KIND, None, None)
}

/// The signed-in user's list.
pub fn load<T: PerUser>(session: &Session) -> T {
    let key = key_of::<T>(session);
    let mut list = T::read(storage::local_get(&key).as_deref());
    let early_key = early_key::<T>();
    if key != early_key {
        let early = T::read(storage::local_get(&early_key).as_deref());
        if !early.is_empty() {
            list.take_in(early);
            storage::local_set(&key, &list.store());
            storage::local_remove(&early_key);
        }
    }
    list
}

/// Keeps `list` as the signed-in user's.
pub fn store<T: PerUser>(session: &Session, list: &T) {
    storage::local_set(&key_of::<T>(session), &list.store());
}

/// Sign-out, for what must not outlive it: the user's list and nobody's.
pub fn forget<T: PerUser>(session: &Session) {
    storage::local_remove(&key_of::<T>(session));
    storage::local_remove(&early_key::<T>());
}

/// Sign-out: every list nobody in particular owns (of every kind), which
/// the next person at this browser would otherwise inherit. What the user
/// keeps across sign-outs (saved views) stays under the user's key.
pub fn forget_nobodys() {
    storage::local_remove_where(is_nobodys);
}
