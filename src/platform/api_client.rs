//! The one HTTP client of the panel. Pages hand it an endpoint type and a
//! request; it builds the URL from configuration, sends credentials or the
//! bearer token, and decodes through scrm-api. A 401 from anywhere tells the
//! session, which sends the user to the login page and back.
//!
//! Every request carries an `AbortSignal`: it is aborted when the server has
//! not answered within `requestTimeoutMs` (config.json), and when the future
//! driving it is dropped unfinished. The second is how a page stops what it
//! no longer needs: `platform::load` drops a load's future when a newer
//! query starts or the page goes, and the browser cancels the request.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle, Update};
use scrm_api::{query_string, Endpoint, Family, Method, ReplyError};
use web_sys::{AbortController, RequestCredentials};

use crate::core::config::AuthMode;
use crate::platform::session::Session;

/// Every way a call can fail, as the user will be told about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: offline, DNS, CORS refusal.
    Network(String),
    /// The server did not answer within `requestTimeoutMs`.
    Timeout,
    /// The panel stopped waiting because nobody needs the answer any more (a
    /// newer query replaced it, or its page was left). Never shown.
    Aborted,
    /// An answer that is not success.
    Reply(ReplyError),
}

impl ApiError {
    /// Whether trying the same request again may help.
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout => true,
            ApiError::Aborted => false,
            ApiError::Reply(ReplyError::Http { status, .. }) => *status >= 500,
            ApiError::Reply(_) => false,
        }
    }
}

impl From<ReplyError> for ApiError {
    fn from(e: ReplyError) -> Self {
        ApiError::Reply(e)
    }
}

/// One request on its way: its `AbortController`, fired by the timeout or by
/// dropping this (the request's future was dropped before it finished).
struct InFlight {
    controller: Option<AbortController>,
    timed_out: Rc<Cell<bool>>,
    timer: Option<TimeoutHandle>,
}

impl InFlight {
    fn start(timeout: Duration) -> InFlight {
        let controller = AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().and_then(|c| {
            let flag = timed_out.clone();
            set_timeout_with_handle(
                move || {
                    flag.set(true);
                    c.abort();
                },
                timeout,
            )
            .ok()
        });
        InFlight {
            controller,
            timed_out,
            timer,
        }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// What a failed send or body read means: the timeout, or no answer.
    fn failed(&self, e: gloo_net::Error) -> ApiError {
        if self.timed_out.get() {
            ApiError::Timeout
        } else if self
            .controller
            .as_ref()
            .is_some_and(|c| c.signal().aborted())
        {
            ApiError::Aborted
        } else {
            ApiError::Network(e.to_string())
        }
    }
}

impl Drop for InFlight {
    /// Finished: the timer goes. Unfinished (the future was dropped): the
    /// browser stops the request too. Aborting a finished fetch does nothing.
    fn drop(&mut self) {
        if let Some(t) = self.timer.take() {
            t.clear();
        }
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

#[derive(Clone)]
pub struct ApiClient {
    session: Session,
}

impl ApiClient {
    pub fn new(session: Session) -> Self {
        ApiClient { session }
    }

    fn url<E: Endpoint>(&self) -> String {
        let cfg = &self.session.config;
        let base = match E::FAMILY {
            Family::Vendor => cfg.api_base.as_str(),
            Family::Clinic => cfg.clinic.api_base.as_str(),
        };
        format!("{base}{}", E::PATH)
    }

    fn prepare(&self, builder: RequestBuilder, flight: &InFlight) -> RequestBuilder {
        let builder = builder
            .credentials(RequestCredentials::Include)
            .abort_signal(flight.signal().as_ref());
        match (self.session.config.auth, self.session.token()) {
            (AuthMode::Bearer, Some(token)) => {
                builder.header("Authorization", &format!("Bearer {token}"))
            }
            _ => builder,
        }
    }

    /// Sends one request of endpoint `E` and decodes its reply.
    pub async fn call<E: Endpoint>(&self, request: &E::Request) -> Result<E::Reply, ApiError> {
        let url = self.url::<E>();
        let flight = InFlight::start(Duration::from_millis(u64::from(
            self.session.config.request_timeout_ms,
        )));
        let sent = match E::METHOD {
            Method::Get => {
                let query = query_string(request)?;
                let url = if query.is_empty() {
                    url
                } else {
                    format!("{url}?{query}")
                };
                self.prepare(Request::get(&url), &flight).send().await
            }
            Method::Post => {
                let req = self
                    .prepare(Request::post(&url), &flight)
                    .json(request)
                    .map_err(|e| ApiError::Network(e.to_string()))?;
                req.send().await
            }
        };
        let response = sent.map_err(|e| flight.failed(e))?;
        let status = response.status();
        // The timeout covers the body too: a server that stalls mid-answer
        // is a server that did not answer.
        let body = response.text().await.map_err(|e| flight.failed(e))?;
        drop(flight);
        match E::decode(status, &body) {
            Err(ReplyError::Unauthorized) => {
                self.session.unauthorized.update(|n| *n += 1);
                Err(ApiError::Reply(ReplyError::Unauthorized))
            }
            other => other.map_err(ApiError::Reply),
        }
    }
}

pub fn use_api() -> ApiClient {
    leptos::prelude::expect_context::<ApiClient>()
}
