//! Passwords, sessions and the login/logout/me endpoints.
//!
//! A session token is 32 random bytes shown to the client once (reply body
//! and HttpOnly cookie); the database keeps only its BLAKE2b hash, so a leaked
//! database file does not leak live sessions.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use blake2::{Blake2b, Digest};
use rusqlite::{params, OptionalExtension};
use scrm_api::auth::{Ack, DataReply, LoginData, LoginRequest, Me};

use crate::client_addr::ClientAddr;
use crate::error::{ApiError, Family};
use crate::extract::Body;
pub use crate::password::hash_password;
use crate::password::{dummy_hash, Verdict};
use crate::state::AppState;
use crate::time::now_ms;

pub const COOKIE_NAME: &str = "scrm_session";
/// The name with `--secure-cookies`: browsers accept a `__Host-` cookie only
/// when it is `Secure`, has `Path=/` and no `Domain`, so neither plain HTTP
/// nor a sibling subdomain can plant or overwrite it.
pub const SECURE_COOKIE_NAME: &str = "__Host-scrm_session";

/// How often a session's last use is written down at most: the idle
/// timeout is that much less exact, and reads stay reads.
const TOUCH_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

fn cookie_name(state: &AppState) -> &'static str {
    if state.secure_cookies {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}
const MSG_BAD_LOGIN: &str = "用户名或密码错误";

/// The signed-in caller. Handlers take this as an argument; its presence is
/// the authorisation check, and `tenant_id` scopes every query they run.
#[derive(Clone, Debug)]
pub struct Session {
    pub user_id: i64,
    pub tenant_id: i64,
    pub department_id: Option<i64>,
    pub username: String,
    pub real_name: String,
    pub tenant_name: String,
    token_hash: String,
}

impl Session {
    pub fn me(&self) -> Me {
        Me {
            admin_user_id: Some(self.user_id),
            username: self.username.clone(),
            real_name: Some(self.real_name.clone()),
            tenant_id: Some(self.tenant_id),
            tenant_name: Some(self.tenant_name.clone()),
        }
    }
}

fn token_hash(token: &str) -> String {
    let digest = Blake2b::<blake2::digest::consts::U32>::digest(token.as_bytes());
    hex(&digest)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_token() -> Result<String, ApiError> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(ApiError::internal)?;
    Ok(hex(&raw))
}

/// The token from `Authorization: Bearer` or, failing that, the session
/// cookie `name` (only that one: with `--secure-cookies` a plain-named
/// cookie someone planted is not a session).
fn token_from(headers: &HeaderMap, name: &str) -> Option<String> {
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        return Some(bearer.to_owned());
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let family = Family::of_path(parts.uri.path());
        let Some(token) = token_from(&parts.headers, cookie_name(state)) else {
            return Err(ApiError::unauthorized().family(family));
        };
        let hash = token_hash(&token);
        let idle_ms = millis(state.session_idle);
        let touch_ms = millis(TOUCH_EVERY.min(state.session_idle / 2));
        let found = state
            .db
            .run(move |conn| {
                let now = now_ms();
                let row = conn
                    .query_row(
                        "SELECT u.id, u.tenant_id, u.department_id, u.username, u.real_name, t.name,
                                s.last_seen_at
                           FROM session s
                           JOIN admin_user u ON u.id = s.admin_user_id
                           JOIN tenant t ON t.id = u.tenant_id
                          WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND s.last_seen_at > ?3",
                        params![hash, now, now.saturating_sub(idle_ms)],
                        |r| {
                            Ok((
                                Session {
                                    user_id: r.get(0)?,
                                    tenant_id: r.get(1)?,
                                    department_id: r.get(2)?,
                                    username: r.get(3)?,
                                    real_name: r.get(4)?,
                                    tenant_name: r.get(5)?,
                                    token_hash: hash.clone(),
                                },
                                r.get::<_, i64>(6)?,
                            ))
                        },
                    )
                    .optional()?;
                let Some((session, last_seen)) = row else {
                    return Ok(None);
                };
                if now.saturating_sub(last_seen) >= touch_ms {
                    conn.execute(
                        "UPDATE session SET last_seen_at = ?2 WHERE token_hash = ?1",
                        params![session.token_hash, now],
                    )?;
                }
                Ok(Some(session))
            })
            .await
            .map_err(|e| e.family(family))?;
        found.ok_or_else(|| ApiError::unauthorized().family(family))
    }
}

fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 2)
}

/// The session cookie; `Secure` always with `--secure-cookies`, otherwise
/// when the request came over HTTPS through a TLS-terminating proxy
/// (`X-Forwarded-Proto: https`), so plain-HTTP development keeps working.
fn session_cookie(
    state: &AppState,
    token: &str,
    max_age_secs: u64,
    headers: &HeaderMap,
) -> Result<HeaderValue, ApiError> {
    let secure = state.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        cookie_name(state),
        if secure { "; Secure" } else { "" }
    ))
    .map_err(ApiError::internal)
}

/// A 429 or 503 telling the client when to come back.
fn come_back_later(status: StatusCode, msg: String, wait: std::time::Duration) -> Response {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    (
        [(header::RETRY_AFTER, secs.max(1).to_string())],
        ApiError::new(status, msg),
    )
        .into_response()
}

/// `POST /wechat_api/login`: throttled per username and address before any
/// hashing; the password is checked in the bounded hasher, never while a
/// database connection is held.
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Body(req): Body<LoginRequest>,
) -> Result<Response, ApiError> {
    if let Err(wait) = state.throttle.attempt(&req.username, addr) {
        let msg = format!("登录尝试过于频繁，请{}秒后再试", wait.as_secs().max(1));
        return Ok(come_back_later(StatusCode::TOO_MANY_REQUESTS, msg, wait));
    }
    let username = req.username.trim().to_owned();
    let user = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT u.id, u.tenant_id, u.username, u.real_name, t.name, u.password_hash
                       FROM admin_user u JOIN tenant t ON t.id = u.tenant_id
                      WHERE u.username = ?1",
                    params![username],
                    |r| {
                        Ok((
                            Me {
                                admin_user_id: Some(r.get(0)?),
                                tenant_id: Some(r.get(1)?),
                                username: r.get(2)?,
                                real_name: Some(r.get(3)?),
                                tenant_name: Some(r.get(4)?),
                            },
                            r.get::<_, String>(5)?,
                        ))
                    },
                )
                .optional()?)
        })
        .await?;
    let stored = match &user {
        Some((_, stored)) => stored.clone(),
        None => dummy_hash().to_owned(),
    };
    let verdict = state.hasher.verify(req.password, stored).await?;
    let user = match (verdict, user) {
        (Verdict::Busy, _) => {
            let wait = std::time::Duration::from_secs(1);
            return Ok(come_back_later(
                StatusCode::SERVICE_UNAVAILABLE,
                "登录请求过多，请稍后再试".into(),
                wait,
            ));
        }
        (Verdict::Match, Some((me, _))) => me,
        _ => return Err(ApiError::bad_request(MSG_BAD_LOGIN)),
    };
    state.throttle.succeeded(&req.username, addr);
    let ttl = state.session_ttl;
    let idle_ms = millis(state.session_idle);
    let token = new_token()?;
    let hash = token_hash(&token);
    let user_id = user.admin_user_id;
    state
        .db
        .run(move |conn| {
            let now = now_ms();
            conn.execute(
                "DELETE FROM session WHERE expires_at <= ?1 OR last_seen_at <= ?2",
                params![now, now.saturating_sub(idle_ms)],
            )?;
            conn.execute(
                "INSERT INTO session (token_hash, admin_user_id, created_at, expires_at, last_seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?3)",
                params![hash, user_id, now, now.saturating_add(millis(ttl))],
            )?;
            Ok(())
        })
        .await?;
    let cookie = session_cookie(&state, &token, ttl.as_secs().max(1), &headers)?;
    let body = DataReply {
        code: Some(200),
        msg: Some("登录成功".into()),
        data: LoginData { token, user },
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}

/// `POST /wechat_api/logout`: the session ends for every holder of the token.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: Session,
) -> Result<Response, ApiError> {
    let hash = session.token_hash.clone();
    state
        .db
        .run(move |conn| {
            conn.execute("DELETE FROM session WHERE token_hash = ?1", params![hash])?;
            Ok(())
        })
        .await?;
    let cookie = session_cookie(&state, "", 0, &headers)?;
    let body = Ack {
        code: Some(200),
        msg: Some("已退出登录".into()),
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}

/// `GET /wechat_api/me`
pub async fn me(session: Session) -> Json<DataReply<Me>> {
    Json(DataReply {
        code: Some(200),
        msg: Some("操作成功!".into()),
        data: session.me(),
    })
}

/// Creates a user; used by demo seeding and tests.
pub fn create_user(
    conn: &rusqlite::Connection,
    tenant_id: i64,
    department_id: Option<i64>,
    username: &str,
    real_name: &str,
    password: &str,
) -> Result<i64, ApiError> {
    let hash = hash_password(password)?;
    conn.execute(
        "INSERT INTO admin_user (tenant_id, department_id, username, real_name, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![tenant_id, department_id, username, real_name, hash, now_ms()],
    )?;
    Ok(conn.last_insert_rowid())
}
