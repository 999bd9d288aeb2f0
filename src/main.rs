//! Browser entry point. On the host this is an empty program: the package's
//! host build only exists for its browser end-to-end tests.

#[cfg(target_arch = "wasm32")]
mod routes;

fn main() {
    #[cfg(target_arch = "wasm32")]
    scrm_panel::app::boot::start(routes::app);
}
