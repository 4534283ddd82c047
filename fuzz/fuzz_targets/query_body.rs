//! A `POST /query` body, any bytes: what the route does before any work. The JSON object the
//! extractor accepts, deserialised as `QueryRequest`, the email scoped by `Access` (which
//! parses it with `common::Email::parse`) and the question parsed by `Query::parse`. Bytes
//! that are no JSON object are tried as an email address on their own.
#![no_main]

use common::Email;
use common::auth::Principal;
use libfuzzer_sys::fuzz_target;
use orchestrator::access::Access;
use orchestrator::query::http::MAX_QUERY_BODY;
use orchestrator::query::model::{Query, QueryRequest, ValidQuery};
use serde_json::{Map, Value};

/// Parse, don't validate: an `Email` is valid by construction, so it parses as itself and
/// survives serialisation (it is sent to services and stored).
fn check_email(raw: &str) {
    if let Ok(email) = Email::parse(raw) {
        assert_eq!(Email::parse(email.as_str()).as_ref(), Ok(&email), "{raw:?}");
        mcp_fuzz::assert_round_trip(&email, "Email");
    }
}

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("query_body"), |data: &[u8]| {
    if data.len() > MAX_QUERY_BODY {
        return; // refused with 413 before it is read
    }
    let Ok(body) = serde_json::from_slice::<Map<String, Value>>(data) else {
        if let Ok(text) = std::str::from_utf8(data) {
            check_email(text);
        }
        return;
    };
    let Ok(request) = serde_json::from_value::<QueryRequest>(Value::Object(body)) else {
        return;
    };
    if let Some(raw) = &request.email {
        check_email(raw);
    }
    let caller = Principal::anonymous();
    let Ok(email) = Access::disabled().scope_email(Some(&caller), request.email.as_deref()) else {
        return;
    };
    let Ok(valid) = ValidQuery::new(&request, email, request.no_cache) else {
        return;
    };
    assert_eq!(Query::parse(valid.query.as_str()), Ok(valid.query.clone()));
    let _cache_key_form = valid.query.normalized();
});
