//! Stand-in for the HubSpot CRM v3 objects API: search (`filterGroups`, `properties`, `limit`,
//! `after`), object reads with `properties` and `associations`, batch reads, lists, bearer
//! auth with the private app token, and HubSpot's error bodies.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::credentials::HUBSPOT_TOKEN;
use crate::data::hubspot::{Object, TYPES, crm, default_properties};

const MAX_SEARCH_LIMIT: usize = 200;
const MAX_LIST_LIMIT: usize = 100;
const MAX_BATCH: usize = 100;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/crm/v3/objects")
            .route("/{kind}/search", web::post().to(search))
            .route("/{kind}/batch/read", web::post().to(batch_read))
            .route("/{kind}/{id}", web::get().to(get_object))
            .route("/{kind}", web::get().to(list_objects))
            .default_service(web::to(unknown_route)),
    );
}

/// HubSpot's error body: `{status, message, correlationId, category, context?}`.
fn error(status: u16, category: &str, message: &str, context: Option<Value>) -> HttpResponse {
    let mut body = json!({
        "status": "error",
        "message": message,
        "correlationId": uuid::Uuid::new_v4().to_string(),
        "category": category,
    });
    if let Some(c) = context {
        body["context"] = c;
    }
    crate::reply::status_builder(status).json(body)
}

/// The provider's error body for an injected status.
pub fn error_response(status: u16) -> HttpResponse {
    match status {
        400 => error(
            400,
            "VALIDATION_ERROR",
            "Invalid input JSON on line 1",
            None,
        ),
        401 => error(
            401,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            None,
        ),
        403 => error(
            403,
            "MISSING_SCOPES",
            "This app hasn't been granted all required scopes to make this call.",
            None,
        ),
        404 => error(404, "OBJECT_NOT_FOUND", "resource not found", None),
        429 => crate::reply::status_builder(429).json(json!({
            "status": "error",
            "message": "You have reached your secondly limit.",
            "errorType": "RATE_LIMIT",
            "correlationId": uuid::Uuid::new_v4().to_string(),
            "policyName": "SECONDLY",
        })),
        s => error(
            s,
            "INTERNAL_ERROR",
            "An internal error occurred. Please try again later.",
            None,
        ),
    }
}

fn authorised(req: &HttpRequest) -> bool {
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| t.trim() == HUBSPOT_TOKEN)
}

async fn unknown_route() -> HttpResponse {
    error_response(404)
}

fn validation(message: &str) -> HttpResponse {
    error(400, "VALIDATION_ERROR", message, None)
}

/// Checks auth and the object type; the error response when either is wrong.
fn guard(req: &HttpRequest, kind: &str) -> Result<(), Box<HttpResponse>> {
    if !authorised(req) {
        return Err(Box::new(error_response(401)));
    }
    if !TYPES.contains(&kind) {
        return Err(Box::new(error(
            400,
            "OBJECT_NOT_FOUND",
            &format!("Unable to infer object type from: {kind}"),
            None,
        )));
    }
    Ok(())
}

/// The object as HubSpot returns it, with the requested properties (unset ones as `null`).
fn render(kind: &str, o: &Object, requested: &[String]) -> Value {
    let mut names: Vec<String> = if requested.is_empty() {
        default_properties(kind)
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        requested.to_vec()
    };
    // These always come back, whatever was asked for.
    for always in ["hs_object_id", "createdate"] {
        if !names.iter().any(|n| n == always) {
            names.push(always.to_string());
        }
    }
    let mut properties = Map::new();
    for n in names {
        let v = o.properties.get(&n).map_or(Value::Null, |v| json!(v));
        properties.insert(n, v);
    }
    json!({
        "id": o.id,
        "properties": properties,
        "createdAt": o.created_at,
        "updatedAt": o.updated_at,
        "archived": false,
    })
}

fn split_csv(raw: Option<&str>) -> Vec<String> {
    raw.map(|r| {
        r.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// Query parameters may repeat (`properties=a&properties=b`) or be comma-separated.
fn query_list(req: &HttpRequest, key: &str) -> Vec<String> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| split_csv(Some(v)))
        .collect()
}

fn query_one(req: &HttpRequest, key: &str) -> Option<String> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    pairs.into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// `paging.next` when more results follow position `end`.
fn paging(end: usize, total: usize) -> Option<Value> {
    (end < total)
        .then(|| json!({"next": {"after": end.to_string(), "link": format!("?after={end}")}}))
}

fn parse_after(after: Option<&str>) -> Result<usize, Box<HttpResponse>> {
    match after {
        None | Some("") => Ok(0),
        Some(a) => a
            .parse()
            .map_err(|_| Box::new(validation(&format!("Invalid after value: {a}")))),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchBody {
    #[serde(default)]
    filter_groups: Vec<FilterGroup>,
    #[serde(default)]
    properties: Vec<String>,
    #[serde(default)]
    limit: Option<usize>,
    #[serde(default)]
    after: Option<Value>,
}

#[derive(Deserialize)]
struct FilterGroup {
    #[serde(default)]
    filters: Vec<SearchFilter>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchFilter {
    property_name: String,
    operator: String,
    #[serde(default)]
    value: Option<Value>,
    #[serde(default)]
    values: Vec<Value>,
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl SearchFilter {
    fn matches(&self, o: &Object) -> Result<bool, String> {
        let actual = o.properties.get(&self.property_name);
        let value = self.value.as_ref().map(as_text).unwrap_or_default();
        Ok(match self.operator.as_str() {
            // HubSpot compares email (and most strings) case-insensitively.
            "EQ" => actual.is_some_and(|a| a.eq_ignore_ascii_case(&value)),
            "NEQ" => !actual.is_some_and(|a| a.eq_ignore_ascii_case(&value)),
            "HAS_PROPERTY" => actual.is_some(),
            "NOT_HAS_PROPERTY" => actual.is_none(),
            "CONTAINS_TOKEN" => {
                actual.is_some_and(|a| a.to_lowercase().contains(&value.to_lowercase()))
            }
            "IN" => actual.is_some_and(|a| {
                self.values
                    .iter()
                    .any(|v| as_text(v).eq_ignore_ascii_case(a))
            }),
            other => return Err(format!("Unsupported operator: {other}")),
        })
    }
}

async fn search(req: HttpRequest, kind: web::Path<String>, body: web::Bytes) -> HttpResponse {
    if let Err(resp) = guard(&req, &kind) {
        return *resp;
    }
    let body: SearchBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => return validation(&format!("Invalid input JSON: {e}")),
    };
    let limit = body.limit.unwrap_or(10);
    if limit > MAX_SEARCH_LIMIT {
        return validation(&format!(
            "Limit must be less than or equal to {MAX_SEARCH_LIMIT}"
        ));
    }
    let after = match parse_after(body.after.as_ref().map(as_text).as_deref()) {
        Ok(a) => a,
        Err(resp) => return *resp,
    };
    let mut hits = Vec::new();
    for o in &crm().objects[kind.as_str()] {
        // Groups are OR-ed, filters within a group AND-ed; no groups matches everything.
        let mut any = body.filter_groups.is_empty();
        for g in &body.filter_groups {
            let mut all = true;
            for f in &g.filters {
                match f.matches(o) {
                    Ok(m) => all &= m,
                    Err(msg) => return validation(&msg),
                }
            }
            any |= all;
        }
        if any {
            hits.push(o);
        }
    }
    let results: Vec<Value> = hits
        .iter()
        .skip(after)
        .take(limit)
        .map(|o| render(&kind, o, &body.properties))
        .collect();
    let mut out = json!({"total": hits.len(), "results": results});
    if let Some(p) = paging(after + limit, hits.len()) {
        out["paging"] = p;
    }
    HttpResponse::Ok().json(out)
}

async fn get_object(req: HttpRequest, path: web::Path<(String, String)>) -> HttpResponse {
    let (kind, id) = path.into_inner();
    if let Err(resp) = guard(&req, &kind) {
        return *resp;
    }
    let Some(o) = crm().get(&kind, &id) else {
        return error(
            404,
            "OBJECT_NOT_FOUND",
            "Object not found.  objectId are usually numeric.",
            Some(json!({"id": [id]})),
        );
    };
    let mut out = render(&kind, o, &query_list(&req, "properties"));
    let mut assoc = Map::new();
    for wanted in query_list(&req, "associations") {
        // HubSpot leaves out association types with no results.
        if let Some(links) = o.associations.get(wanted.as_str()) {
            let results: Vec<Value> = links
                .iter()
                .map(|(id, label)| json!({"id": id, "type": label}))
                .collect();
            assoc.insert(wanted, json!({ "results": results }));
        }
    }
    if !assoc.is_empty() {
        out["associations"] = Value::Object(assoc);
    }
    HttpResponse::Ok().json(out)
}

async fn list_objects(req: HttpRequest, kind: web::Path<String>) -> HttpResponse {
    if let Err(resp) = guard(&req, &kind) {
        return *resp;
    }
    let limit = match query_one(&req, "limit").map(|l| l.parse::<usize>()) {
        None => 10,
        Some(Ok(l)) if (1..=MAX_LIST_LIMIT).contains(&l) => l,
        Some(_) => return validation("limit must be between 1 and 100"),
    };
    let after = match parse_after(query_one(&req, "after").as_deref()) {
        Ok(a) => a,
        Err(resp) => return *resp,
    };
    let props = query_list(&req, "properties");
    let all = &crm().objects[kind.as_str()];
    let results: Vec<Value> = all
        .iter()
        .skip(after)
        .take(limit)
        .map(|o| render(&kind, o, &props))
        .collect();
    let mut out = json!({ "results": results });
    if let Some(p) = paging(after + limit, all.len()) {
        out["paging"] = p;
    }
    HttpResponse::Ok().json(out)
}

#[derive(Deserialize)]
struct BatchBody {
    inputs: Vec<BatchInput>,
    #[serde(default)]
    properties: Vec<String>,
}

#[derive(Deserialize)]
struct BatchInput {
    id: String,
}

async fn batch_read(req: HttpRequest, kind: web::Path<String>, body: web::Bytes) -> HttpResponse {
    if let Err(resp) = guard(&req, &kind) {
        return *resp;
    }
    let body: BatchBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => return validation(&format!("Invalid input JSON: {e}")),
    };
    if body.inputs.len() > MAX_BATCH {
        return validation(&format!("Batch size must be at most {MAX_BATCH}"));
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut results = Vec::new();
    let mut missing = Vec::new();
    for input in &body.inputs {
        match crm().get(&kind, &input.id) {
            Some(o) => results.push(render(&kind, o, &body.properties)),
            None => missing.push(input.id.clone()),
        }
    }
    let mut out = json!({
        "status": "COMPLETE",
        "results": results,
        "startedAt": now,
        "completedAt": now,
    });
    if missing.is_empty() {
        return HttpResponse::Ok().json(out);
    }
    // Some ids unknown: HubSpot answers 207 Multi-Status with the found ones and the errors.
    let singular = match kind.as_str() {
        "companies" => "COMPANY",
        "deals" => "DEAL",
        "tickets" => "TICKET",
        _ => "CONTACT",
    };
    out["numErrors"] = json!(1);
    out["errors"] = json!([{
        "status": "error",
        "category": "OBJECT_NOT_FOUND",
        "message": format!("Could not get some {singular} objects, they may be deleted or not exist. Check that ids are valid."),
        "context": {"ids": missing},
    }]);
    crate::reply::status_builder(207).json(out)
}
