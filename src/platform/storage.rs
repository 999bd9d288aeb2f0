//! Web storage that never panics: a browser with storage disabled (private
//! mode, sandboxed iframe) simply remembers nothing.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn local_get(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

pub fn local_set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

pub fn local_remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

/// Removes every local key `doomed` picks.
pub fn local_remove_where(doomed: impl Fn(&str) -> bool) {
    let Some(s) = local() else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| doomed(k))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

/// Forgets everything the panel keeps for this tab's session except the
/// language and embed mode: the bearer token and every draft (all keys start
/// with `scrm.`). Called on sign-out, so a shared office PC keeps no
/// customer data after the salesperson leaves.
pub fn session_forget_user_data() {
    let Some(s) = session() else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("scrm.") && k != EMBED_KEY && k != LOCALE_KEY)
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

pub const LOCALE_KEY: &str = "scrm.locale";
pub const THEME_KEY: &str = "scrm.theme";
pub const EMBED_KEY: &str = "scrm.embed";
pub const TOKEN_KEY: &str = "scrm.token";
