//! A planning reply, any text: parsed as the `ModelPlan` JSON the way the LLM layer parses
//! replies (`common::llm::parse_reply`), then `orchestrator::query::plan::validate` against
//! the catalog of the local default services. Checks the data-scope promise: every call that
//! survives is a catalog tool whose arguments satisfy its schema, carry the request's email,
//! and name no other person.
#![no_main]

use std::sync::{Arc, LazyLock};

use common::Email;
use libfuzzer_sys::fuzz_target;
use orchestrator::query::catalog::Catalog;
use orchestrator::query::plan::{self, ModelPlan};
use orchestrator::services::{ServiceUrls, Services};
use serde_json::Value;

/// The default `QUERY_MAX_CALLS`.
const MAX_CALLS: usize = 6;

static CATALOG: LazyLock<Arc<Catalog>> =
    LazyLock::new(|| Catalog::new(Services::new(&ServiceUrls::local_defaults())));
static EMAIL: LazyLock<Email> = LazyLock::new(|| Email::parse("alice@example.com").unwrap());

/// Whether `s` holds something email-like: an `@` with neither whitespace nor another `@` on
/// either side (the planner's own notion, `[^\s@]+@[^\s@]+`, written without a regex).
fn email_like(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| *c != '@' && !c.is_whitespace());
    (0..chars.len())
        .any(|i| chars[i] == '@' && i > 0 && word(chars.get(i - 1)) && word(chars.get(i + 1)))
}

/// Whether a key or a string anywhere in `v` is email-like.
fn names_someone(v: &Value) -> bool {
    match v {
        Value::String(s) => email_like(s),
        Value::Array(a) => a.iter().any(names_someone),
        Value::Object(o) => o.iter().any(|(k, v)| email_like(k) || names_someone(v)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("plan"), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(reply) = common::llm::parse_reply::<ModelPlan>(text) else {
        return;
    };
    let (calls, _problems) = plan::validate(&reply, &CATALOG, &EMAIL, MAX_CALLS);
    assert!(calls.len() <= MAX_CALLS, "{} calls over the cap", calls.len());
    for call in &calls {
        let spec = CATALOG.get(call.tool).expect("a validated call names a catalog tool");
        let args = Value::Object(call.arguments.clone());
        assert_eq!(spec.check(&args), Ok(()), "{args}");
        assert_eq!(call.arguments.get("email"), Some(&Value::String(EMAIL.to_string())));
        for (k, v) in &call.arguments {
            assert!(k == "email" || !names_someone(v), "`{k}` names someone: {v}");
        }
    }
});
