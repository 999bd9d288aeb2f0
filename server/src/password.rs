//! Password hashing. Each argon2 run needs 19 MiB and a core for tens of
//! milliseconds, so runs are limited to one per core, each with a memory
//! block that is allocated once and reused: a flood of logins queues here
//! instead of growing the heap or taking every blocking thread the
//! database also needs. A queue longer than a few runs per core is refused
//! outright (the caller answers 503), so nobody waits seconds to log in.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// How many verifications may wait per hashing slot before new ones are refused.
const QUEUE_PER_SLOT: usize = 16;

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(ApiError::internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(ApiError::internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(ApiError::internal)
}

/// Verifying against this when the user does not exist makes a wrong
/// username cost as much time as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-password").unwrap_or_default())
}

/// `password` against a PHC string, computed in `memory` (grown as needed,
/// never shrunk). The comparison is constant-time (`Output`'s `==`).
pub fn verify_in(password: &str, stored: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(expected), Some(salt)) = (hash.hash, hash.salt) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let (Ok(params), Ok(algorithm), Ok(salt)) = (
        Params::try_from(&hash),
        Algorithm::try_from(hash.algorithm),
        salt.decode_b64(&mut salt_buf),
    ) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::new());
    }
    let Some(work) = memory.get_mut(..blocks) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, work)
        .is_ok()
        && argon2::password_hash::Output::new(&out).is_ok_and(|o| o == expected)
}

/// What [`Hasher::verify`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Match,
    Mismatch,
    /// Too many verifications are already waiting; nothing was computed.
    Busy,
}

/// The bounded verification queue described above; cheap to clone.
#[derive(Clone)]
pub struct Hasher {
    slots: Arc<Semaphore>,
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    waiting: Arc<AtomicUsize>,
    max_waiting: usize,
}

impl Hasher {
    /// One slot per core the process may use.
    pub fn for_this_machine() -> Self {
        Hasher::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    pub fn new(slots: usize) -> Self {
        let slots = slots.max(1);
        Hasher {
            slots: Arc::new(Semaphore::new(slots)),
            memory: Arc::new(Mutex::new(Vec::new())),
            waiting: Arc::new(AtomicUsize::new(0)),
            max_waiting: slots * QUEUE_PER_SLOT,
        }
    }

    /// Whether `password` matches `stored`, once a slot is free. The slot
    /// is held until the computation ends even if the caller goes away, so
    /// a client that disconnects cannot start more runs than there are slots.
    pub async fn verify(&self, password: String, stored: String) -> Result<Verdict, ApiError> {
        let permit = {
            if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
                self.waiting.fetch_sub(1, Ordering::SeqCst);
                return Ok(Verdict::Busy);
            }
            let _queued = Queued(&self.waiting);
            self.slots
                .clone()
                .acquire_owned()
                .await
                .map_err(ApiError::internal)?
        };
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let mut memory = lock(&pool).pop().unwrap_or_default();
            let ok = verify_in(&password, &stored, &mut memory);
            lock(&pool).push(memory);
            drop(permit);
            Ok(if ok {
                Verdict::Match
            } else {
                Verdict::Mismatch
            })
        })
        .await
        .map_err(|e| ApiError::internal(format!("password task failed: {e}")))?
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Leaves the queue count when the wait ends, however it ends.
struct Queued<'a>(&'a AtomicUsize);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_in_reused_memory() {
        let stored = hash_password("s3cret").unwrap_or_default();
        let mut memory = Vec::new();
        assert!(verify_in("s3cret", &stored, &mut memory));
        assert!(!verify_in("s3cret!", &stored, &mut memory));
        assert!(verify_in("s3cret", &stored, &mut memory));
        assert!(!verify_in("s3cret", "not a hash", &mut memory));
    }

    #[tokio::test]
    async fn a_full_queue_is_refused_without_hashing() {
        let stored = hash_password("s3cret").unwrap_or_default();
        let hasher = Hasher::new(1);
        let tries: Vec<_> = (0..40)
            .map(|_| {
                let (hasher, stored) = (hasher.clone(), stored.clone());
                tokio::spawn(async move { hasher.verify("wrong".into(), stored).await.ok() })
            })
            .collect();
        let mut verdicts = Vec::new();
        for t in tries {
            verdicts.push(t.await.ok().flatten());
        }
        let busy = verdicts
            .iter()
            .filter(|v| **v == Some(Verdict::Busy))
            .count();
        let checked = verdicts
            .iter()
            .filter(|v| **v == Some(Verdict::Mismatch))
            .count();
        assert_eq!(busy + checked, 40, "{verdicts:?}");
        assert!(checked <= 1 + QUEUE_PER_SLOT, "{checked} were hashed");
        assert!(busy > 0);
        assert_eq!(
            hasher.verify("s3cret".into(), stored).await.ok(),
            Some(Verdict::Match)
        );
    }
}
