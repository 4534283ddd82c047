//! Stand-in for the Chargebee API v2: customers, subscriptions and invoices with `[is]`-style
//! filters, `limit`/`offset` paging (`next_offset` is an opaque JSON-array string), sorting,
//! HTTP Basic auth with the API key, and Chargebee's error bodies.

use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use serde_json::{Value, json};

use crate::credentials::CHARGEBEE_API_KEY;
use crate::data::chargebee::{Record, dataset};

/// Largest page Chargebee serves.
const MAX_LIMIT: usize = 100;
const DEFAULT_LIMIT: usize = 10;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v2")
            .route("/customers", web::get().to(list_customers))
            .route("/customers/{id}", web::get().to(get_customer))
            .route("/subscriptions", web::get().to(list_subscriptions))
            .route("/subscriptions/{id}", web::get().to(get_subscription))
            .route("/invoices", web::get().to(list_invoices))
            .route("/invoices/{id}", web::get().to(get_invoice))
            .default_service(web::to(unknown_route)),
    );
}

/// A Chargebee error body: `{message, type?, api_error_code, param?, http_status_code}`.
fn error(
    status: u16,
    kind: Option<&str>,
    code: &str,
    message: &str,
    param: Option<&str>,
) -> HttpResponse {
    let mut body = json!({"message": message, "api_error_code": code, "http_status_code": status});
    if let Some(k) = kind {
        body["type"] = json!(k);
    }
    if let Some(p) = param {
        body["param"] = json!(p);
    }
    crate::reply::status_builder(status).json(body)
}

/// The provider's error body for an injected status.
pub fn error_response(status: u16) -> HttpResponse {
    match status {
        400 => error(
            400,
            Some("invalid_request"),
            "param_wrong_value",
            "Sorry, the request has an invalid value.",
            None,
        ),
        401 => error(
            401,
            None,
            "api_authentication_failed",
            "Sorry, authentication failed. Invalid api key",
            None,
        ),
        403 => error(
            403,
            None,
            "api_authorization_failed",
            "Sorry, authorization failed. The key does not have the required permissions",
            None,
        ),
        404 => error(
            404,
            Some("invalid_request"),
            "resource_not_found",
            "Sorry, we couldn't find that resource",
            None,
        ),
        409 => error(
            409,
            Some("invalid_request"),
            "invalid_state_for_request",
            "The resource is not in a state that allows this request.",
            None,
        ),
        429 => error(
            429,
            None,
            "api_request_limit_exceeded",
            "Sorry, access has been blocked temporarily due to request count exceeding acceptable limits. Please try after some time.",
            None,
        ),
        503 => error(
            503,
            None,
            "internal_temporary_error",
            "Sorry, the request could not be processed at this time. Please try after some time.",
            None,
        ),
        s => error(
            s,
            None,
            "internal_error",
            "Sorry, something went wrong when trying to process the request.",
            None,
        ),
    }
}

/// HTTP Basic with the API key as user name and an empty password.
fn authorised(req: &HttpRequest) -> bool {
    let Some(value) = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(encoded) = value.strip_prefix("Basic ") else {
        return false;
    };
    base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|raw| String::from_utf8(raw).ok())
        .is_some_and(|pair| pair == format!("{CHARGEBEE_API_KEY}:"))
}

fn unauthorised() -> HttpResponse {
    error_response(401)
}

async fn unknown_route() -> HttpResponse {
    error_response(404)
}

fn query_pairs(req: &HttpRequest) -> Vec<(String, String)> {
    serde_urlencoded::from_str(req.query_string()).unwrap_or_default()
}

/// One `field[op]=value` filter.
struct Filter {
    field: String,
    op: String,
    value: String,
}

impl Filter {
    fn matches(&self, actual: &str) -> bool {
        match self.op.as_str() {
            "is" => actual.eq_ignore_ascii_case(&self.value),
            "is_not" => !actual.eq_ignore_ascii_case(&self.value),
            "starts_with" => actual
                .to_lowercase()
                .starts_with(&self.value.to_lowercase()),
            "in" => serde_json::from_str::<Vec<String>>(&self.value)
                .unwrap_or_default()
                .iter()
                .any(|v| v.eq_ignore_ascii_case(actual)),
            _ => false,
        }
    }
}

/// What a list request asks for, validated.
struct ListQuery {
    filters: Vec<Filter>,
    limit: usize,
    position: usize,
    descending: bool,
    include_deleted: bool,
}

fn parse_list(
    pairs: &[(String, String)],
    filterable: &[&str],
    sortable: &str,
) -> Result<ListQuery, Box<HttpResponse>> {
    let mut q = ListQuery {
        filters: Vec::new(),
        limit: DEFAULT_LIMIT,
        position: 0,
        descending: false,
        include_deleted: false,
    };
    for (key, value) in pairs {
        match key.as_str() {
            "limit" => {
                q.limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|l| (1..=MAX_LIMIT).contains(l))
                    .ok_or_else(|| bad_param("limit", value))?;
            }
            "offset" => {
                q.position = parse_offset(value).ok_or_else(|| bad_param("offset", value))?
            }
            "include_deleted" => q.include_deleted = value == "true",
            "sort_by[asc]" | "sort_by[desc]" => {
                if value != sortable {
                    return Err(bad_param(key, value));
                }
                q.descending = key == "sort_by[desc]";
            }
            other => {
                let Some((field, op)) = other.strip_suffix(']').and_then(|k| k.split_once('['))
                else {
                    continue; // Chargebee ignores parameters it does not know.
                };
                if !filterable.contains(&field)
                    || !["is", "is_not", "starts_with", "in"].contains(&op)
                {
                    return Err(bad_param(key, value));
                }
                q.filters.push(Filter {
                    field: field.to_string(),
                    op: op.to_string(),
                    value: value.clone(),
                });
            }
        }
    }
    Ok(q)
}

fn bad_param(param: &str, value: &str) -> Box<HttpResponse> {
    let shown: String = value.chars().take(60).collect();
    Box::new(error(
        400,
        Some("invalid_request"),
        "param_wrong_value",
        &format!("{param} : The value {shown} is invalid"),
        Some(param),
    ))
}

/// `next_offset` looks like `["1609459200000","2300"]`: the sort value, then our position.
fn make_offset(sort_key: i64, position: usize) -> String {
    serde_json::to_string(&[(sort_key * 1000).to_string(), position.to_string()])
        .unwrap_or_default()
}

fn parse_offset(raw: &str) -> Option<usize> {
    let parts: Vec<String> = serde_json::from_str(raw).ok()?;
    match parts.as_slice() {
        [_, pos] => pos.parse().ok(),
        _ => None,
    }
}

/// Filters, sorts and pages `records`; `field` reads a filterable field of one record.
fn list(
    records: &[Record],
    q: &ListQuery,
    field: impl Fn(&Record, &str) -> String,
) -> HttpResponse {
    let mut selected: Vec<&Record> = records
        .iter()
        .filter(|r| q.include_deleted || !r.deleted)
        .filter(|r| q.filters.iter().all(|f| f.matches(&field(r, &f.field))))
        .collect();
    if q.descending {
        selected.reverse();
    }
    let page: Vec<&Value> = selected
        .iter()
        .skip(q.position)
        .take(q.limit)
        .map(|r| &r.item)
        .collect();
    let end = q.position + page.len();
    let mut body = json!({ "list": page });
    if end < selected.len() {
        body["next_offset"] = json!(make_offset(selected[end - 1].sort_key, end));
    }
    HttpResponse::Ok().json(body)
}

fn common_field(r: &Record, field: &str) -> String {
    match field {
        "id" => r.id.clone(),
        "customer_id" => r.customer_id.clone(),
        "status" => r.status.clone(),
        _ => String::new(),
    }
}

async fn list_customers(req: HttpRequest) -> HttpResponse {
    if !authorised(&req) {
        return unauthorised();
    }
    match parse_list(
        &query_pairs(&req),
        &["id", "email", "first_name", "last_name", "company"],
        "created_at",
    ) {
        Ok(q) => list(&dataset().customers, &q, |r, f| match f {
            "id" => r.id.clone(),
            other => r.item["customer"][other]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        }),
        Err(resp) => *resp,
    }
}

async fn list_subscriptions(req: HttpRequest) -> HttpResponse {
    if !authorised(&req) {
        return unauthorised();
    }
    match parse_list(
        &query_pairs(&req),
        &["id", "customer_id", "status"],
        "created_at",
    ) {
        Ok(q) => list(&dataset().subscriptions, &q, common_field),
        Err(resp) => *resp,
    }
}

async fn list_invoices(req: HttpRequest) -> HttpResponse {
    if !authorised(&req) {
        return unauthorised();
    }
    match parse_list(
        &query_pairs(&req),
        &["id", "customer_id", "subscription_id", "status"],
        "date",
    ) {
        Ok(q) => list(&dataset().invoices, &q, |r, f| match f {
            "subscription_id" => r.item["invoice"]["subscription_id"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            other => common_field(r, other),
        }),
        Err(resp) => *resp,
    }
}

/// One record by id: the list item itself (`{"customer": …, "card": …}` etc.).
fn retrieve(req: &HttpRequest, records: &[Record], id: &str) -> HttpResponse {
    if !authorised(req) {
        return unauthorised();
    }
    match records.iter().find(|r| r.id == id) {
        Some(r) => HttpResponse::Ok().json(&r.item),
        None => error_response(404),
    }
}

async fn get_customer(req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    retrieve(&req, &dataset().customers, &id)
}

async fn get_subscription(req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    retrieve(&req, &dataset().subscriptions, &id)
}

async fn get_invoice(req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    retrieve(&req, &dataset().invoices, &id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip() {
        let o = make_offset(1_609_459_200, 23);
        assert_eq!(o, r#"["1609459200000","23"]"#);
        assert_eq!(parse_offset(&o), Some(23));
        assert_eq!(parse_offset("garbage"), None);
    }
}
