//! Passwords, sessions and the login/logout/me endpoints.
//!
//! A session token is 32 random bytes shown to the client once (reply body
//! and HttpOnly cookie); the database keeps only its BLAKE2b hash, so a leaked
//! database file does not leak live sessions.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use blake2::{Blake2b, Digest};
use rusqlite::{params, OptionalExtension};
use scrm_api::auth::{Ack, DataReply, LoginData, LoginRequest, Me};

use crate::error::{ApiError, Family};
use crate::extract::Body;
use crate::state::AppState;
use crate::time::now_ms;

pub const COOKIE_NAME: &str = "scrm_session";
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

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(ApiError::internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(ApiError::internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(ApiError::internal)
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .and_then(|h| Argon2::default().verify_password(password.as_bytes(), &h))
        .is_ok()
}

/// Verifying against this when the user does not exist makes a wrong
/// username cost as much time as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-password").unwrap_or_default())
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

/// The token from `Authorization: Bearer` or, failing that, the session cookie.
fn token_from(headers: &HeaderMap) -> Option<String> {
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
        .find(|(k, v)| *k == COOKIE_NAME && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let family = Family::of_path(parts.uri.path());
        let Some(token) = token_from(&parts.headers) else {
            return Err(ApiError::unauthorized().family(family));
        };
        let hash = token_hash(&token);
        let found = state
            .db
            .run(move |conn| {
                let row = conn
                    .query_row(
                        "SELECT u.id, u.tenant_id, u.department_id, u.username, u.real_name, t.name
                           FROM session s
                           JOIN admin_user u ON u.id = s.admin_user_id
                           JOIN tenant t ON t.id = u.tenant_id
                          WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                        params![hash, now_ms()],
                        |r| {
                            Ok(Session {
                                user_id: r.get(0)?,
                                tenant_id: r.get(1)?,
                                department_id: r.get(2)?,
                                username: r.get(3)?,
                                real_name: r.get(4)?,
                                tenant_name: r.get(5)?,
                                token_hash: hash.clone(),
                            })
                        },
                    )
                    .optional()?;
                Ok(row)
            })
            .await
            .map_err(|e| e.family(family))?;
        found.ok_or_else(|| ApiError::unauthorized().family(family))
    }
}

/// The session cookie; `Secure` when the request came over HTTPS through a
/// TLS-terminating proxy (`X-Forwarded-Proto: https`), so it is never sent
/// back over plain HTTP there, while plain-HTTP development keeps working.
fn session_cookie(
    token: &str,
    max_age_secs: u64,
    headers: &HeaderMap,
) -> Result<HeaderValue, ApiError> {
    let secure = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    ))
    .map_err(ApiError::internal)
}

/// `POST /wechat_api/login`
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(req): Body<LoginRequest>,
) -> Result<Response, ApiError> {
    let ttl = state.session_ttl;
    let token = new_token()?;
    let hash = token_hash(&token);
    let me = state
        .db
        .run(move |conn| {
            let user = conn
                .query_row(
                    "SELECT u.id, u.tenant_id, u.username, u.real_name, t.name, u.password_hash
                       FROM admin_user u JOIN tenant t ON t.id = u.tenant_id
                      WHERE u.username = ?1",
                    params![req.username.trim()],
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
                .optional()?;
            let Some((me, stored)) = user else {
                verify_password(&req.password, dummy_hash());
                return Ok(None);
            };
            if !verify_password(&req.password, &stored) {
                return Ok(None);
            }
            let now = now_ms();
            let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX / 2);
            conn.execute("DELETE FROM session WHERE expires_at <= ?1", params![now])?;
            conn.execute(
                "INSERT INTO session (token_hash, admin_user_id, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![hash, me.admin_user_id, now, now.saturating_add(ttl_ms)],
            )?;
            Ok(Some(me))
        })
        .await?;
    let Some(user) = me else {
        return Err(ApiError::bad_request(MSG_BAD_LOGIN));
    };
    let cookie = session_cookie(&token, ttl.as_secs().max(1), &headers)?;
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
    let cookie = session_cookie("", 0, &headers)?;
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
