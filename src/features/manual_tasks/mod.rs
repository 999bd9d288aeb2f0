//! Manual entries: list, detail, new (with add-WeChat-first) and import.
//! `draft`, `import_rows`, `import_known`, `import_wire` and `query` need no browser and are
//! tested natively.

pub mod draft;
pub mod import_known;
pub mod import_rows;
pub mod import_wire;
pub mod query;

#[cfg(target_arch = "wasm32")]
pub mod detail;
#[cfg(target_arch = "wasm32")]
pub mod friend;
#[cfg(target_arch = "wasm32")]
pub mod import;
#[cfg(target_arch = "wasm32")]
pub mod import_check;
#[cfg(target_arch = "wasm32")]
pub mod list;
#[cfg(target_arch = "wasm32")]
pub mod new;
#[cfg(target_arch = "wasm32")]
pub mod pager;
