//! Stand-in for the Gmail API v1 on `/gmail/v1/users/{userId|me}/…`: `messages.list`,
//! `messages.get` (all four formats), `messages.attachments.get`, `history.list`, `getProfile`.
//! Bearer tokens starting with `ya29.` are accepted (the sandbox's `/token` endpoint and
//! metadata server issue them). The mailbox is the seed in [`crate::data::mailbox`], plus
//! messages tests add in-process ([`GmailState::add`]) or by `POST /__sandbox/gmail/messages`.

mod query;
mod render;
mod state;

use std::collections::HashSet;
use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

use crate::SandboxState;
use crate::data::mailbox::{self, MAILBOX, Mail};
use crate::reply::{google_error, status_builder};

pub use query::Query;
pub use render::{raw, snippet};
pub use state::{GmailState, NewMessage};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/gmail/v1/users/{user}")
            .route("/profile", web::get().to(profile))
            .route("/messages", web::get().to(list_messages))
            .route("/messages/{id}", web::get().to(get_message))
            .route(
                "/messages/{id}/attachments/{aid}",
                web::get().to(get_attachment),
            )
            .route("/history", web::get().to(list_history)),
    )
    .route("/__sandbox/gmail/messages", web::get().to(admin_list))
    .route("/__sandbox/gmail/messages", web::post().to(admin_add));
}

/// Google's error envelope with a specific message and reason.
fn gerror(status: u16, gstatus: &str, reason: &str, message: &str) -> HttpResponse {
    status_builder(status).json(json!({"error": {
        "code": status, "message": message, "status": gstatus,
        "errors": [{"message": message, "domain": "global", "reason": reason}],
    }}))
}

fn bad_request(message: &str) -> HttpResponse {
    gerror(400, "INVALID_ARGUMENT", "invalidArgument", message)
}

/// An error answer, boxed (responses are large; handlers return `*refusal`).
type Refusal = Box<HttpResponse>;

/// Bearer `ya29.…` and a user id of `me` or the mailbox.
fn authorize(req: &HttpRequest, user: &str) -> Result<(), Refusal> {
    let bearer = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !bearer.starts_with("ya29.") || bearer.len() < 8 {
        return Err(Box::new(google_error(401)));
    }
    if user != "me" && !user.eq_ignore_ascii_case(MAILBOX) {
        return Err(Box::new(gerror(
            403,
            "PERMISSION_DENIED",
            "forbidden",
            &format!("Delegation denied for {user}"),
        )));
    }
    Ok(())
}

fn pairs(req: &HttpRequest) -> Vec<(String, String)> {
    serde_urlencoded::from_str(req.query_string()).unwrap_or_default()
}

fn one<'a>(p: &'a [(String, String)], key: &str) -> Option<&'a str> {
    p.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn page_size(p: &[(String, String)], default: usize) -> Result<usize, Refusal> {
    match one(p, "maxResults") {
        None => Ok(default),
        Some(v) => v
            .parse::<usize>()
            .map(|n| n.clamp(1, 500))
            .map_err(|_| Box::new(bad_request(&format!("Invalid value for maxResults: {v}")))),
    }
}

fn page_start(p: &[(String, String)]) -> Result<usize, Refusal> {
    let Some(token) = one(p, "pageToken").filter(|t| !t.is_empty()) else {
        return Ok(0);
    };
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("offset:")?.parse().ok())
        .ok_or_else(|| Box::new(bad_request("Invalid pageToken")))
}

fn page_token(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("offset:{offset}"))
}

async fn profile(
    req: HttpRequest,
    user: web::Path<String>,
    st: web::Data<SandboxState>,
) -> HttpResponse {
    if let Err(e) = authorize(&req, &user) {
        return *e;
    }
    let all = st.gmail.messages();
    let threads: HashSet<&str> = all.iter().map(|m| m.thread_id.as_str()).collect();
    HttpResponse::Ok().json(json!({
        "emailAddress": MAILBOX,
        "messagesTotal": all.len(),
        "threadsTotal": threads.len(),
        "historyId": st.gmail.history_id().to_string(),
    }))
}

async fn list_messages(
    req: HttpRequest,
    user: web::Path<String>,
    st: web::Data<SandboxState>,
) -> HttpResponse {
    if let Err(e) = authorize(&req, &user) {
        return *e;
    }
    let p = pairs(&req);
    let (size, start) = match (page_size(&p, 100), page_start(&p)) {
        (Ok(s), Ok(o)) => (s, o),
        (Err(e), _) | (_, Err(e)) => return *e,
    };
    let q = match Query::parse(one(&p, "q").unwrap_or("")) {
        Ok(q) => q,
        Err(m) => return bad_request(&m),
    };
    let labels: Vec<&str> = p
        .iter()
        .filter(|(k, _)| k == "labelIds")
        .map(|(_, v)| v.as_str())
        .collect();
    let spam_trash = one(&p, "includeSpamTrash") == Some("true");
    let mut hits: Vec<Arc<Mail>> = st
        .gmail
        .messages()
        .into_iter()
        .filter(|m| spam_trash || !m.labels.iter().any(|l| l == "SPAM" || l == "TRASH"))
        .filter(|m| labels.iter().all(|l| m.labels.iter().any(|x| x == l)))
        .filter(|m| q.matches(m))
        .collect();
    hits.sort_by(|a, b| (b.internal_date_ms, &b.id).cmp(&(a.internal_date_ms, &a.id)));
    let page: Vec<_> = hits
        .iter()
        .skip(start)
        .take(size)
        .map(|m| json!({"id": m.id, "threadId": m.thread_id}))
        .collect();
    let mut body = json!({"resultSizeEstimate": hits.len()});
    if !page.is_empty() {
        body["messages"] = json!(page);
    }
    if start + size < hits.len() {
        body["nextPageToken"] = json!(page_token(start + size));
    }
    HttpResponse::Ok().json(body)
}

/// Gmail ids are hex; anything else is a 400, an unknown hex id a 404.
fn find(st: &SandboxState, id: &str) -> Result<Arc<Mail>, Refusal> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Box::new(bad_request("Invalid id value")));
    }
    st.gmail.get(id).ok_or_else(|| Box::new(google_error(404)))
}

async fn get_message(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    st: web::Data<SandboxState>,
) -> HttpResponse {
    let (user, id) = path.into_inner();
    if let Err(e) = authorize(&req, &user) {
        return *e;
    }
    let p = pairs(&req);
    let format = one(&p, "format").unwrap_or("full");
    if !matches!(format, "full" | "metadata" | "minimal" | "raw") {
        return bad_request(&format!("Invalid value for format: {format}"));
    }
    let wanted: Vec<String> = p
        .iter()
        .filter(|(k, _)| k == "metadataHeaders")
        .map(|(_, v)| v.clone())
        .collect();
    match find(&st, &id) {
        Ok(m) => HttpResponse::Ok().json(render::message(&m, format, &wanted)),
        Err(e) => *e,
    }
}

async fn get_attachment(
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    st: web::Data<SandboxState>,
) -> HttpResponse {
    let (user, id, aid) = path.into_inner();
    if let Err(e) = authorize(&req, &user) {
        return *e;
    }
    let m = match find(&st, &id) {
        Ok(m) => m,
        Err(e) => return *e,
    };
    let part = render::parse_attachment_id(&aid)
        .filter(|(mid, _)| mid == &m.id)
        .and_then(|(_, path)| render::part_at(&m.body, &path).filter(|p| p.filename.is_some()));
    match part {
        Some(p) => HttpResponse::Ok().json(json!({
            "size": p.data.len(),
            "data": render::b64url(&p.data, true),
        })),
        None => bad_request("Invalid attachment token"),
    }
}

async fn list_history(
    req: HttpRequest,
    user: web::Path<String>,
    st: web::Data<SandboxState>,
) -> HttpResponse {
    if let Err(e) = authorize(&req, &user) {
        return *e;
    }
    let p = pairs(&req);
    let Some(start_id) = one(&p, "startHistoryId").and_then(|v| v.parse::<u64>().ok()) else {
        return bad_request("Invalid startHistoryId");
    };
    if start_id < mailbox::FIRST_HISTORY_ID {
        return google_error(404);
    }
    let (size, offset) = match (page_size(&p, 100), page_start(&p)) {
        (Ok(s), Ok(o)) => (s, o),
        (Err(e), _) | (_, Err(e)) => return *e,
    };
    let label = one(&p, "labelId");
    let mut added: Vec<Arc<Mail>> = st
        .gmail
        .messages()
        .into_iter()
        .filter(|m| m.history_id > start_id)
        .filter(|m| label.is_none_or(|l| m.labels.iter().any(|x| x == l)))
        .collect();
    added.sort_by_key(|m| m.history_id);
    let records: Vec<_> = added
        .iter()
        .skip(offset)
        .take(size)
        .map(|m| {
            let short = json!({"id": m.id, "threadId": m.thread_id});
            json!({
                "id": m.history_id.to_string(),
                "messages": [short],
                "messagesAdded": [{"message": {"id": m.id, "threadId": m.thread_id, "labelIds": m.labels}}],
            })
        })
        .collect();
    let mut body = json!({"historyId": st.gmail.history_id().to_string()});
    if !records.is_empty() {
        body["history"] = json!(records);
    }
    if offset + size < added.len() {
        body["nextPageToken"] = json!(page_token(offset + size));
    }
    HttpResponse::Ok().json(body)
}

/// Every message with its category hint and readable text (for the classifier's checks).
async fn admin_list(st: web::Data<SandboxState>) -> HttpResponse {
    let list: Vec<_> = st
        .gmail
        .messages()
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "thread_id": m.thread_id,
                "internal_date": m.internal_date_ms.to_string(),
                "from": m.from,
                "from_email": m.from_email,
                "subject": m.subject_text,
                "labels": m.labels,
                "category": m.category,
                "edge": m.edge,
                "text": m.plain,
            })
        })
        .collect();
    HttpResponse::Ok().json(json!({"mailbox": MAILBOX, "messages": list}))
}

async fn admin_add(st: web::Data<SandboxState>, new: web::Json<NewMessage>) -> HttpResponse {
    let m = st.gmail.add(new.into_inner());
    HttpResponse::Created().json(json!({
        "id": m.id,
        "threadId": m.thread_id,
        "historyId": m.history_id.to_string(),
        "internalDate": m.internal_date_ms.to_string(),
    }))
}
