//! The accept loop, in place of `axum::serve`, for limits it has no knobs
//! for: a bounded number of open connections (the next one waits in the
//! kernel's backlog), a deadline for a request's header (a client that
//! sends half a header and stalls is dropped) and, in [`deadline`], for
//! the whole request. Each request carries its peer address as
//! [`ConnectInfo`].

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use crate::error::{ApiError, Family};

/// How long connections and requests may take.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_read: Duration,
    pub max_connections: usize,
}

/// Serves `app` on `listener` until `stop` resolves, then lets open
/// connections finish their current request.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (closing, closing_rx) = watch::channel(false);
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            _ = &mut stop => break,
            slot = slots.clone().acquire_owned() => slot,
        };
        let Ok(slot) = slot else { break };
        let (stream, peer) = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    eprintln!("scrm-server: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = app.clone().map_request(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        });
        let mut closing_rx = closing_rx.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = async { closing_rx.wait_for(|c| *c).await.is_ok() } => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    let _ = closing.send(true);
    drop(closing_rx);
    // Every connection task holds a receiver until it ends.
    closing.closed().await;
}

/// The longest a request may take, body upload included; beyond it the
/// client gets a 503 in the family's envelope instead of waiting on.
#[derive(Clone, Copy)]
pub struct Deadline(pub Duration);

pub const MSG_TIMEOUT: &str = "请求处理超时，请稍后再试";

pub async fn deadline(
    State(Deadline(limit)): State<Deadline>,
    req: Request,
    next: Next,
) -> Response {
    let family = Family::of_path(req.uri().path());
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, MSG_TIMEOUT)
            .family(family)
            .into_response(),
    }
}
