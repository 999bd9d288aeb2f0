//! Endpoints as data. A page never builds a URL or parses JSON itself: the
//! panel's client asks an [`Endpoint`] for its method and path, serialises its
//! request (query string for GET, JSON body for POST) and hands the reply text
//! to [`decode_reply`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::ReplyError;

/// HTTP method of an endpoint. GET requests carry their parameters as a query
/// string, POST requests as a JSON body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Which of the two reply conventions an endpoint follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Customer module: `{code, msg, data, ...}`; `code == 200` is success.
    /// Paths are absolute (`/wechat_api/...`) below the configured `apiBase`.
    Vendor,
    /// Clinic SDK: `{errNum, errMsg, ...}`; `errNum == 0` is success.
    /// Paths are `/{functionName}` below the configured clinic `apiBase`.
    Clinic,
}

/// One endpoint of the contract.
pub trait Endpoint {
    const METHOD: Method;
    const FAMILY: Family;
    /// Path below the family's base URL, starting with `/`.
    const PATH: &'static str;
    type Request: Serialize + DeserializeOwned;
    type Reply: Serialize + DeserializeOwned;

    /// Turns a reply body into the typed reply. The default unwraps the
    /// family's envelope; endpoints whose reply is not enveloped override it.
    fn decode(status: u16, body: &str) -> Result<Self::Reply, ReplyError> {
        decode_reply::<Self::Reply>(Self::FAMILY, status, body)
    }
}

/// The vendor envelope as it arrives: everything optional, `data` kept raw so
/// the endpoint's own reply type decides how to read it.
#[derive(Deserialize)]
struct VendorEnvelope {
    #[serde(default, deserialize_with = "crate::lenient::opt_i64")]
    code: Option<i64>,
    #[serde(default, deserialize_with = "crate::lenient::opt_string")]
    msg: Option<String>,
}

#[derive(Deserialize)]
struct ClinicEnvelope {
    #[serde(default, rename = "errNum", deserialize_with = "crate::lenient::opt_i64")]
    err_num: Option<i64>,
    #[serde(default, rename = "errMsg", deserialize_with = "crate::lenient::opt_string")]
    err_msg: Option<String>,
}

/// Decodes a reply body of the given family into `T`.
///
/// For [`Family::Vendor`], `T` is deserialised from the whole reply object
/// (reply types pick `data`, `count`, ... themselves) after the `code` check;
/// a missing `code` with HTTP 2xx is accepted, `code == 401` or HTTP 401 is
/// [`ReplyError::Unauthorized`]. For [`Family::Clinic`], `errNum != 0` is
/// [`ReplyError::ErrNum`].
pub fn decode_reply<T: DeserializeOwned>(
    family: Family,
    status: u16,
    body: &str,
) -> Result<T, ReplyError> {
    if status == 401 {
        return Err(ReplyError::Unauthorized);
    }
    // The body is read twice, first for the envelope only (everything else
    // skipped), then straight into `T`: going through a `serde_json::Value`
    // instead would compile every reply type's decoder against the `Value`
    // deserializer too, which costs the panel's wasm size for nothing.
    let not_json = |e: serde_json::Error| {
        if e.is_syntax() || e.is_eof() {
            if (200..300).contains(&status) {
                ReplyError::Undecodable(e.to_string())
            } else {
                ReplyError::Http {
                    status,
                    body: snippet(body),
                }
            }
        } else {
            ReplyError::Undecodable(e.to_string())
        }
    };
    match family {
        Family::Vendor => {
            let env: VendorEnvelope = serde_json::from_str(body).map_err(not_json)?;
            match env.code {
                Some(401) => return Err(ReplyError::Unauthorized),
                Some(200) => {}
                None if (200..300).contains(&status) => {}
                Some(code) => {
                    return Err(ReplyError::Code {
                        code,
                        msg: env.msg.unwrap_or_default(),
                    })
                }
                None => {
                    return Err(ReplyError::Http {
                        status,
                        body: snippet(body),
                    })
                }
            }
        }
        Family::Clinic => {
            let env: ClinicEnvelope = serde_json::from_str(body).map_err(not_json)?;
            match env.err_num {
                Some(0) => {}
                Some(401) => return Err(ReplyError::Unauthorized),
                Some(err_num) => {
                    return Err(ReplyError::ErrNum {
                        err_num,
                        err_msg: env.err_msg.unwrap_or_default(),
                    })
                }
                None => {
                    return Err(ReplyError::Http {
                        status,
                        body: snippet(body),
                    })
                }
            }
        }
    }
    if !(200..300).contains(&status) {
        return Err(ReplyError::Http {
            status,
            body: snippet(body),
        });
    }
    serde_json::from_str(body).map_err(|e| ReplyError::Undecodable(e.to_string()))
}

/// Serialises a GET request as a query string (without the leading `?`).
/// `None` fields are left out.
pub fn query_string<T: Serialize>(request: &T) -> Result<String, ReplyError> {
    serde_urlencoded::to_string(request).map_err(|e| ReplyError::Undecodable(e.to_string()))
}

fn snippet(body: &str) -> String {
    body.chars().take(200).collect()
}
