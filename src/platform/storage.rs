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

pub const LOCALE_KEY: &str = "scrm.locale";
pub const EMBED_KEY: &str = "scrm.embed";
pub const TOKEN_KEY: &str = "scrm.token";
