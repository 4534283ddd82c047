//! Stand-in for Google's OAuth token endpoint, `POST /token` (form-encoded), with the two grants
//! the gmail service uses:
//!
//! - `urn:ietf:params:oauth:grant-type:jwt-bearer` with an RS256 `assertion` (a service account,
//!   acting for the mailbox through domain-wide delegation when `sub` is set). The payload must
//!   carry `iss`, `scope`, `aud`, `iat` and an unexpired `exp`; `sub`, when present, must be the
//!   seeded mailbox. The signature is NOT verified: the sandbox checks shapes, not keys.
//! - `refresh_token` with [`GMAIL_CLIENT_ID`], [`GMAIL_CLIENT_SECRET`], [`GMAIL_REFRESH_TOKEN`]
//!   (the defaults in `.env.example`).
//!
//! Success: `{"access_token": "ya29.sandbox-…", "expires_in": 3599, "token_type": "Bearer"}`.
//! Failure: `{"error": "invalid_grant" | "invalid_client" | "invalid_request" |
//! "unsupported_grant_type", "error_description": "…"}` with 400 (401 for a wrong client).

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::data::mailbox::MAILBOX;

/// OAuth client id the refresh-token grant accepts.
pub const GMAIL_CLIENT_ID: &str = "sandbox-gmail-client.apps.googleusercontent.com";
/// OAuth client secret the refresh-token grant accepts.
pub const GMAIL_CLIENT_SECRET: &str = "sandbox-gmail-client-secret";
/// Refresh token the refresh-token grant accepts.
pub const GMAIL_REFRESH_TOKEN: &str = "1//sandbox-gmail-refresh-token";
/// A service-account key file for tests. SANDBOX TEST KEY ONLY: it grants nothing anywhere.
pub const TEST_SERVICE_ACCOUNT_JSON: &str =
    include_str!("../data/mail/sandbox-test-service-account.json");
/// Path of [`TEST_SERVICE_ACCOUNT_JSON`] (for settings that take a key file path).
pub const TEST_SERVICE_ACCOUNT_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/mail/sandbox-test-service-account.json"
);
/// Lifetime of issued tokens, as Google reports it.
pub const EXPIRES_IN: u64 = 3599;

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/token", web::post().to(token));
}

fn oauth_error(status: u16, error: &str, description: &str) -> HttpResponse {
    crate::reply::status_builder(status)
        .json(json!({"error": error, "error_description": description}))
}

fn issue() -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "access_token": format!("ya29.sandbox-{}", uuid::Uuid::new_v4().simple()),
        "expires_in": EXPIRES_IN,
        "token_type": "Bearer",
    }))
}

async fn token(body: web::Bytes) -> HttpResponse {
    let Ok(form) = serde_urlencoded::from_bytes::<HashMap<String, String>>(&body) else {
        return oauth_error(400, "invalid_request", "Body must be form-encoded.");
    };
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    match field("grant_type") {
        JWT_BEARER => match check_assertion(field("assertion")) {
            Ok(()) => issue(),
            Err(why) => oauth_error(400, "invalid_grant", &why),
        },
        "refresh_token" => {
            if field("client_id") != GMAIL_CLIENT_ID
                || field("client_secret") != GMAIL_CLIENT_SECRET
            {
                return oauth_error(401, "invalid_client", "The OAuth client was not found.");
            }
            if field("refresh_token") != GMAIL_REFRESH_TOKEN {
                return oauth_error(400, "invalid_grant", "Token has been expired or revoked.");
            }
            issue()
        }
        "" => oauth_error(
            400,
            "invalid_request",
            "Missing required parameter: grant_type",
        ),
        other => oauth_error(
            400,
            "unsupported_grant_type",
            &format!("Invalid grant_type: {other}"),
        ),
    }
}

fn segment(s: &str) -> Result<Value, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|_| "Invalid JWT: segment is not base64url.".to_string())?;
    serde_json::from_slice(&bytes).map_err(|_| "Invalid JWT: segment is not JSON.".to_string())
}

/// Checks the assertion's shape and claims (not its signature).
fn check_assertion(jwt: &str) -> Result<(), String> {
    let parts: Vec<&str> = jwt.split('.').collect();
    let [header, payload, signature] = parts[..] else {
        return Err("Invalid JWT: expected three segments.".into());
    };
    if signature.is_empty() {
        return Err("Invalid JWT Signature.".into());
    }
    let header = segment(header)?;
    if header["alg"] != "RS256" {
        return Err("Invalid JWT: alg must be RS256.".into());
    }
    let claims = segment(payload)?;
    for k in ["iss", "scope", "aud"] {
        if claims[k].as_str().is_none_or(str::is_empty) {
            return Err(format!("Invalid JWT: missing claim {k}."));
        }
    }
    let now = chrono::Utc::now().timestamp();
    let (Some(iat), Some(exp)) = (claims["iat"].as_i64(), claims["exp"].as_i64()) else {
        return Err("Invalid JWT: missing iat or exp.".into());
    };
    if exp <= now || exp - iat > 3600 || iat > now + 300 {
        return Err("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.".into());
    }
    if let Some(sub) = claims.get("sub").and_then(Value::as_str)
        && !sub.eq_ignore_ascii_case(MAILBOX)
    {
        return Err("Invalid email or User ID".into());
    }
    Ok(())
}
