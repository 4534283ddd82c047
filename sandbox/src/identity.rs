//! Stand-in for the Identity Toolkit admin API (Firebase Auth):
//! `POST /v1/projects/{project}/accounts:lookup` with an OAuth bearer.
//!
//! Users are the seeded people present in Firebase, with ids and dates derived from their
//! index so every run (and the Firestore `users` profiles) agree.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::data::people::{Person, people};

/// `kind` of every lookup answer.
const LOOKUP_KIND: &str = "identitytoolkit#GetAccountInfoResponse";
/// Accounts were created from 2023-01-01T00:00:00Z on, nine days apart.
const FIRST_CREATED_MS: i64 = 1_672_531_200_000;
const CREATED_STEP_MS: i64 = 9 * 24 * 3600 * 1000;
/// Last sign-ins from 2026-10-01T00:00:00Z on, an hour apart.
const FIRST_LOGIN_MS: i64 = 1_790_812_800_000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/v1/projects/{project}/accounts:lookup",
        web::post().to(lookup),
    );
}

/// The stable Firebase uid (`localId`) of the person at `index`: 28 characters like real ones.
pub fn local_id(index: usize) -> String {
    let digest = Sha256::digest(format!("sandbox-firebase-uid:{index}").as_bytes());
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    digest
        .iter()
        .take(28)
        .map(|b| alphabet[usize::from(*b) % alphabet.len()] as char)
        .collect()
}

/// When the account of the person at `index` was created, in epoch milliseconds.
pub fn created_at_ms(index: usize) -> i64 {
    FIRST_CREATED_MS + CREATED_STEP_MS * index as i64
}

/// Everyone with a Firebase account, in seed order.
pub fn users() -> impl Iterator<Item = &'static Person> {
    people().iter().filter(|p| p.presence.firebase)
}

/// Every fourth account has not verified its email (edge case for the clients).
fn email_verified(p: &Person) -> bool {
    p.index % 4 != 3
}

/// The account of the deleted Chargebee customer is disabled too.
fn disabled(p: &Person) -> bool {
    p.chargebee_deleted
}

/// One user as `accounts:lookup` returns it (admin view).
pub fn user_json(p: &Person) -> Value {
    let created = created_at_ms(p.index);
    let last_login = FIRST_LOGIN_MS + 3_600_000 * p.index as i64;
    let display_name = format!("{} {}", p.first_name, p.last_name);
    let mut providers = vec![json!({
        "providerId": "password",
        "federatedId": p.email,
        "email": p.email,
        "rawId": p.email,
        "displayName": display_name,
    })];
    // Some people also sign in with Google.
    if p.index.is_multiple_of(3) {
        providers.push(json!({
            "providerId": "google.com",
            "federatedId": format!("1{:020}", p.index * 7919),
            "email": p.email,
            "rawId": format!("1{:020}", p.index * 7919),
            "displayName": display_name,
        }));
    }
    json!({
        "localId": local_id(p.index),
        "email": p.email,
        "emailVerified": email_verified(p),
        "displayName": display_name,
        "providerUserInfo": providers,
        // The API redacts hashes unless the caller may read them.
        "passwordHash": "UkVEQUNURUQ=",
        "passwordUpdatedAt": created as f64,
        "validSince": (created / 1000).to_string(),
        "disabled": disabled(p),
        "lastLoginAt": last_login.to_string(),
        "createdAt": created.to_string(),
        "lastRefreshAt": chrono::DateTime::from_timestamp_millis(last_login)
            .unwrap_or_default()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    })
}

/// The identifiers `accounts:lookup` accepts (other fields are ignored, as upstream).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LookupRequest {
    #[serde(default)]
    email: Vec<String>,
    #[serde(default)]
    local_id: Vec<String>,
    #[serde(default)]
    phone_number: Vec<String>,
}

async fn lookup(req: HttpRequest, project: web::Path<String>, body: web::Bytes) -> HttpResponse {
    if !has_oauth_bearer(&req) {
        return unauthenticated();
    }
    if project.as_str() != crate::credentials::PROJECT_ID {
        return identity_error(400, "CONFIGURATION_NOT_FOUND", "INVALID_ARGUMENT");
    }
    let Ok(request) = serde_json::from_slice::<LookupRequest>(&body) else {
        return identity_error(400, "INVALID_JSON_PAYLOAD", "INVALID_ARGUMENT");
    };
    if request.email.is_empty() && request.local_id.is_empty() && request.phone_number.is_empty() {
        return identity_error(400, "MISSING_LOCAL_ID", "INVALID_ARGUMENT");
    }
    // Seeded users have no phone numbers, so phone lookups find nobody.
    let found: Vec<Value> = users()
        .filter(|p| {
            request
                .email
                .iter()
                .any(|e| e.trim().eq_ignore_ascii_case(&p.email))
                || request.local_id.iter().any(|id| *id == local_id(p.index))
        })
        .map(user_json)
        .collect();
    let mut answer = json!({ "kind": LOOKUP_KIND });
    // Upstream omits `users` entirely when nobody matched.
    if !found.is_empty() {
        answer["users"] = Value::Array(found);
    }
    HttpResponse::Ok().json(answer)
}

/// Any token the sandbox metadata server issues (`ya29.…`) is accepted.
fn has_oauth_bearer(req: &HttpRequest) -> bool {
    req.headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| t.starts_with("ya29.") && t.len() > "ya29.".len())
}

fn unauthenticated() -> HttpResponse {
    let message = "Request is missing required authentication credential. Expected OAuth 2 access \
                   token, login cookie or other valid authentication credential.";
    HttpResponse::Unauthorized().json(json!({
        "error": {
            "code": 401,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": "unauthorized"}],
            "status": "UNAUTHENTICATED",
        }
    }))
}

/// Identity Toolkit's own errors: Google's envelope with an upper-case reason as message.
fn identity_error(status: u16, message: &str, gstatus: &str) -> HttpResponse {
    crate::reply::status_builder(status).json(json!({
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": "invalid"}],
            "status": gstatus,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ids_are_stable_unique_and_firebase_shaped() {
        let ids: std::collections::BTreeSet<String> = users().map(|p| local_id(p.index)).collect();
        assert_eq!(ids.len(), users().count());
        assert!(ids.iter().all(|id| id.len() == 28));
        assert_eq!(local_id(0), local_id(0));
    }
}
