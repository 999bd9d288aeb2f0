//! Backoff for password guessing, per username and per client address.
//!
//! Attempts are counted when they start, not when the hash says no, so a
//! burst of concurrent guesses is cut off after the free ones instead of
//! all being hashed. Past the free attempts every further one locks the key
//! for twice as long as the last (1 s, 2 s, 4 s ... at most 15 minutes);
//! a key with no attempt for the window is forgotten. A successful login
//! clears its username and takes back its count from the address, so an
//! office behind one address only adds up its mistakes.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Free attempts per username within the window.
pub const USER_FREE: u32 = 5;
/// Free attempts per client address within the window (several people
/// may share one address).
pub const ADDR_FREE: u32 = 30;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const MAX_LOCK: Duration = Duration::from_secs(15 * 60);
/// Keys kept per book; beyond it stale and harmless keys are dropped first.
const MAX_KEYS: usize = 20_000;

#[derive(Default)]
pub struct Throttle {
    users: Mutex<Book>,
    addrs: Mutex<Book>,
}

#[derive(Default)]
struct Book {
    entries: HashMap<String, Entry>,
}

struct Entry {
    attempts: u32,
    last: Instant,
    locked_until: Instant,
}

impl Book {
    fn locked_for(&self, key: &str, now: Instant) -> Option<Duration> {
        self.entries
            .get(key)
            .map(|e| e.locked_until.saturating_duration_since(now))
            .filter(|d| !d.is_zero())
    }

    fn count(&mut self, key: &str, free: u32, now: Instant) {
        if self.entries.len() >= MAX_KEYS && !self.entries.contains_key(key) {
            self.entries
                .retain(|_, e| now.duration_since(e.last) < WINDOW && e.attempts > free);
        }
        if self.entries.len() >= MAX_KEYS && !self.entries.contains_key(key) {
            return;
        }
        let e = self.entries.entry(key.to_owned()).or_insert(Entry {
            attempts: 0,
            last: now,
            locked_until: now,
        });
        if now.duration_since(e.last) >= WINDOW {
            e.attempts = 0;
        }
        e.attempts = e.attempts.saturating_add(1);
        e.last = now;
        if e.attempts > free {
            e.locked_until = now + lock_for(e.attempts - free);
        }
    }
}

/// The lock after the `n`th attempt over the free ones (n >= 1).
pub fn lock_for(n: u32) -> Duration {
    Duration::from_secs(1u64 << (n - 1).min(20)).min(MAX_LOCK)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Usernames are compared as the login compares them, case aside.
fn user_key(username: &str) -> String {
    username.trim().to_lowercase()
}

impl Throttle {
    /// Counts an attempt for `username` from `addr`, or says how long the
    /// caller must wait (nothing is counted then).
    pub fn attempt(&self, username: &str, addr: Option<IpAddr>) -> Result<(), Duration> {
        let now = Instant::now();
        let user = user_key(username);
        let addr = addr.map(|a| a.to_string());
        let mut users = lock(&self.users);
        let mut addrs = lock(&self.addrs);
        let wait = users
            .locked_for(&user, now)
            .into_iter()
            .chain(addr.as_deref().and_then(|a| addrs.locked_for(a, now)))
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        users.count(&user, USER_FREE, now);
        if let Some(a) = &addr {
            addrs.count(a, ADDR_FREE, now);
        }
        Ok(())
    }

    /// The password was right: the username starts afresh and the address
    /// does not keep this attempt.
    pub fn succeeded(&self, username: &str, addr: Option<IpAddr>) {
        lock(&self.users).entries.remove(&user_key(username));
        if let Some(a) = addr {
            if let Some(e) = lock(&self.addrs).entries.get_mut(&a.to_string()) {
                e.attempts = e.attempts.saturating_sub(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(lock_for(1), Duration::from_secs(1));
        assert_eq!(lock_for(2), Duration::from_secs(2));
        assert_eq!(lock_for(5), Duration::from_secs(16));
        assert_eq!(lock_for(40), MAX_LOCK);
    }

    #[test]
    fn free_attempts_then_locked() {
        let t = Throttle::default();
        let ip = Some(IpAddr::from([10, 0, 0, 1]));
        for _ in 0..=USER_FREE {
            assert!(t.attempt("Demo", ip).is_ok());
        }
        assert!(t.attempt(" demo ", ip).is_err());
        assert!(t.attempt("sales1", ip).is_ok());
        t.succeeded("demo", ip);
        assert!(t.attempt("demo", ip).is_ok());
    }
}
