//! What the panel keeps in local storage for one signed-in user (recent
//! customers, saved list views). The key names tenant and user, so two
//! people sharing a browser never see each other's. Pages draw before the
//! shell has learnt who is signed in (and a vendor backend may never say):
//! what is kept meanwhile goes under the key of nobody in particular and is
//! taken into the user's own once the user is known (`platform::per_user`).

/// One kind of per-user list, with its rules for reading stored text.
pub trait PerUser: Default {
    /// The key's middle part: `scrm.<KIND>.<tenant>.<user>`.
    const KIND: &'static str;
    /// The stored text read back; anything unreadable or foreign is dropped.
    fn read(stored: Option<&str>) -> Self;
    fn store(&self) -> String;
    fn is_empty(&self) -> bool;
    /// Takes in what was kept before the user was known.
    fn take_in(&mut self, early: Self);
}

/// The storage key of one user's `kind`; `None`s make the key of nobody in
/// particular.
pub fn storage_key(kind: &str, tenant: Option<i64>, user: Option<&str>) -> String {
    let tenant = tenant.map(|t| t.to_string()).unwrap_or_default();
    format!("scrm.{kind}.{tenant}.{}", user.unwrap_or_default())
}

/// Whether `key` is the key of nobody in particular, of any kind.
pub fn is_nobodys(key: &str) -> bool {
    key.strip_prefix("scrm.")
        .and_then(|rest| rest.strip_suffix(".."))
        .is_some_and(|kind| !kind.is_empty() && !kind.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_user_of_each_tenant_has_a_key() {
        assert_eq!(
            storage_key("recent", Some(1), Some("demo")),
            "scrm.recent.1.demo"
        );
        assert_ne!(
            storage_key("views", Some(2), Some("demo")),
            storage_key("views", Some(1), Some("demo"))
        );
        assert_eq!(storage_key("views", None, None), "scrm.views..");
        assert!(is_nobodys(&storage_key("views", None, None)));
        assert!(is_nobodys(&storage_key("recent", None, None)));
        assert!(!is_nobodys(&storage_key("views", Some(1), Some("demo"))));
        assert!(!is_nobodys("scrm.theme"));
    }
}
