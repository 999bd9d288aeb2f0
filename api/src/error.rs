//! What can go wrong with a reply, as data the panel turns into words.

use std::fmt;

/// A reply that is not the success the caller asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyError {
    /// HTTP 401, or `code`/`errNum` 401: the session is missing or expired.
    Unauthorized,
    /// Vendor reply with `code != 200`; `msg` is the server's own words.
    Code { code: i64, msg: String },
    /// Clinic reply with `errNum != 0`; `err_msg` is the server's own words.
    ErrNum { err_num: i64, err_msg: String },
    /// A non-2xx HTTP status without a readable envelope.
    Http { status: u16, body: String },
    /// A 2xx reply whose body does not match the contract.
    Undecodable(String),
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplyError::Unauthorized => write!(f, "unauthorized"),
            ReplyError::Code { code, msg } => write!(f, "code {code}: {msg}"),
            ReplyError::ErrNum { err_num, err_msg } => write!(f, "errNum {err_num}: {err_msg}"),
            ReplyError::Http { status, body } => write!(f, "HTTP {status}: {body}"),
            ReplyError::Undecodable(e) => write!(f, "undecodable reply: {e}"),
        }
    }
}

impl std::error::Error for ReplyError {}
