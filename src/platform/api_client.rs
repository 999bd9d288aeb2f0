//! The one HTTP client of the panel. Pages hand it an endpoint type and a
//! request; it builds the URL from configuration, sends credentials or the
//! bearer token, and decodes through scrm-api. A 401 from anywhere tells the
//! session, which sends the user to the login page and back.

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::Update;
use scrm_api::{query_string, Endpoint, Family, Method, ReplyError};
use web_sys::RequestCredentials;

use crate::core::config::AuthMode;
use crate::platform::session::Session;

/// Every way a call can fail, as the user will be told about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: offline, DNS, CORS refusal, aborted.
    Network(String),
    /// An answer that is not success.
    Reply(ReplyError),
}

impl ApiError {
    /// Whether trying the same request again may help.
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::Network(_) => true,
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

    fn prepare(&self, builder: RequestBuilder) -> RequestBuilder {
        let builder = builder.credentials(RequestCredentials::Include);
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
        let sent = match E::METHOD {
            Method::Get => {
                let query = query_string(request)?;
                let url = if query.is_empty() {
                    url
                } else {
                    format!("{url}?{query}")
                };
                self.prepare(Request::get(&url)).send().await
            }
            Method::Post => {
                let req = self
                    .prepare(Request::post(&url))
                    .json(request)
                    .map_err(|e| ApiError::Network(e.to_string()))?;
                req.send().await
            }
        };
        let response = sent.map_err(|e| ApiError::Network(e.to_string()))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
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
