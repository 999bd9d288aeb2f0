//! The built panel (`--dist`): files as they are, index.html for client-side
//! routes, and cache headers that let browsers keep trunk's hashed files forever
//! while always revalidating the two files that name them.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeader;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const NO_CACHE: &str = "no-cache";

/// The panel under `base` (`/` or `/panel/`, normalised): at the root
/// [`router`] answers everything; under a sub-path it answers below the
/// prefix (index.html for client-side routes there too), `/panel` and `/`
/// redirect to `/panel/`, and anything else outside is a plain 404 rather
/// than the panel, whose `<base href>` would not match.
pub fn router_at(dist: Option<&Path>, base: &str) -> Router {
    let prefix = base.trim_end_matches('/');
    if prefix.is_empty() {
        return router(dist);
    }
    let target = base.to_owned();
    let to_base = get(move || async move { Redirect::permanent(&target) });
    // Files are looked up in dist by the path below the prefix.
    let under = base.to_owned();
    let files = router(dist).layer(middleware::map_request(move |req: Request| {
        let under = under.clone();
        async move { below_base(req, &under) }
    }));
    Router::new()
        .route(prefix, to_base.clone())
        .route("/", to_base)
        .fallback_service(files)
}

/// The request with the base taken off its path (`/panel/x?q` -> `/x?q`),
/// or a 404 for a path outside it.
#[allow(clippy::result_large_err)]
fn below_base(mut req: Request, base: &str) -> Result<Request, Response> {
    let uri = req.uri();
    let Some(rest) = uri.path().strip_prefix(base) else {
        return Err((
            StatusCode::NOT_FOUND,
            "scrm-server: the panel is served under --base-path, not here\n",
        )
            .into_response());
    };
    let below = match uri.query() {
        Some(q) => format!("/{rest}?{q}"),
        None => format!("/{rest}"),
    };
    if let Ok(new) = below.parse() {
        *req.uri_mut() = new;
    }
    Ok(req)
}

/// A router answering every request it is given from `dist`.
pub fn router(dist: Option<&Path>) -> Router {
    match dist {
        Some(dir) => {
            // The fallback is index.html under another URL: never immutable.
            let index = SetResponseHeader::overriding(
                ServeFile::new(dir.join("index.html")),
                header::CACHE_CONTROL,
                HeaderValue::from_static(NO_CACHE),
            );
            // `cargo xtask dist` writes brotli-11 `.br` files beside the
            // code: served as they are, they are ~20% smaller than what the
            // on-the-fly compression (quality 4) makes, and cost no CPU.
            let files = ServeDir::new(dir)
                .precompressed_br()
                .append_index_html_on_directories(true)
                .fallback(index);
            Router::new()
                .fallback_service(files)
                .layer(middleware::from_fn(cache_control))
        }
        None => Router::new().fallback(no_dist),
    }
}

async fn no_dist() -> Response {
    (
        StatusCode::NOT_FOUND,
        "scrm-server: no --dist directory given, only the API is served\n",
    )
        .into_response()
}

async fn cache_control(req: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(req.uri().path());
    let mut res = next.run(req).await;
    let ok = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    if ok && !res.headers().contains_key(header::CACHE_CONTROL) {
        let value = if hashed { IMMUTABLE } else { NO_CACHE };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// Content-addressed names, trunk's and the route split's (`cargo xtask
/// split`): `<stem>-<16 hex>.<ext>` and `<stem>-<16 hex>_bg.wasm`.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some(dash) = name.rfind('-') else {
        return false;
    };
    let rest = &name[dash + 1..];
    // trunk writes its 64-bit hash as `{:x}`, so a leading zero shortens it.
    let hash_len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
    if !(12..=16).contains(&hash_len) {
        return false;
    }
    let (hash, tail) = rest.split_at(hash_len);
    let hex = hash.bytes().all(|b| b.is_ascii_hexdigit());
    let tail_ok = tail == "_bg.wasm"
        || (tail.starts_with('.')
            && tail.len() > 1
            && tail[1..].bytes().all(|b| b.is_ascii_alphanumeric()));
    dash > 0 && hex && tail_ok
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn trunk_names() {
        assert!(is_hashed_asset("/scrm-panel-0123456789abcdef.js"));
        assert!(is_hashed_asset("/scrm-panel-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789ABCDEF.css"));
        // trunk drops a hash's leading zeros: one build in sixteen.
        assert!(is_hashed_asset("/main-ba9e0a77ef2447f.css"));
        assert!(is_hashed_asset("/scrm-panel-1efc814e107fac9_bg.wasm"));
        // The route split's loader, page modules and shared chunks.
        assert!(is_hashed_asset("/split-loader-0123456789abcdef.js"));
        assert!(is_hashed_asset(
            "/panel/split_call_page-0123456789abcdef.wasm"
        ));
        assert!(is_hashed_asset("/chunk_12-0123456789abcdef.wasm"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/scrm-panel.js"));
        assert!(!is_hashed_asset("/customers/some-route"));
        assert!(!is_hashed_asset("/x-0123456789abcdeg.js"));
    }
}
