//! `/query`'s express lane: a request this worker answered from L2 before is answered again
//! before the middleware stack, with the bytes the usual path writes, and never where the
//! usual path would answer otherwise (another caller, another content type, an `Origin`, an
//! audited read, an exhausted rate limit, an erasure, an expired token).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use sandbox::issuer::{TokenKind, TokenRequest};
use serde_json::{Value, json};

use crate::identity::{ALICE, BOB, mint, secured_with, user};
use crate::query_helpers::Stack;

const QUESTION: &str = "What are my invoices?";

/// How many answers the express lane has given (`query_express_answers_total`).
async fn express_answers(stack: &Stack) -> u64 {
    let text = stack
        .http
        .get(format!("{}/metrics", stack.url))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics text");
    text.lines()
        .find_map(|l| l.strip_prefix("query_express_answers_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no express counter in {text}"))
}

/// `POST /query` with `token`, `body` as raw bytes and `headers`.
async fn ask(
    stack: &Stack,
    token: Option<&str>,
    body: &Value,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = stack
        .http
        .post(format!("{}/query", stack.url))
        .body(body.to_string());
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        req = req.header("content-type", "application/json");
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("answers")
}

async fn json_of(resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Asks twice (a miss, then an L2 hit the lane learns from) and checks that the lane has
/// answered nothing yet.
async fn learn(stack: &Stack, token: &str, body: &Value) {
    let (_, first) = json_of(ask(stack, Some(token), body, &[]).await).await;
    assert_eq!(first["cache"], "miss", "{first}");
    let (_, second) = json_of(ask(stack, Some(token), body, &[]).await).await;
    assert_eq!(second["cache"], "l2", "{second}");
    assert_eq!(
        express_answers(stack).await,
        0,
        "the usual path answered both"
    );
}

fn header_names(resp: &reqwest::Response) -> BTreeSet<String> {
    resp.headers()
        .keys()
        .map(|k| k.as_str().to_string())
        .filter(|k| k != "date")
        .collect()
}

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    resp.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn a_repeated_l2_hit_is_answered_by_the_express_lane_with_the_usual_paths_bytes() {
    let stack = secured_with(Vec::new()).await;
    let alice = user(&stack, ALICE);
    let body = json!({"query": QUESTION, "email": ALICE});
    let (_, first) = json_of(ask(&stack, Some(&alice), &body, &[]).await).await;
    assert_eq!(first["cache"], "miss", "{first}");

    let usual = ask(&stack, Some(&alice), &body, &[("x-request-id", "usual-1")]).await;
    assert_eq!(express_answers(&stack).await, 0);
    let express = ask(
        &stack,
        Some(&alice),
        &body,
        &[("x-request-id", "express-1")],
    )
    .await;
    assert_eq!(
        express_answers(&stack).await,
        1,
        "the third ask took the lane"
    );

    assert_eq!(usual.status(), express.status());
    assert_eq!(header_names(&usual), header_names(&express));
    for name in ["content-type", "vary"] {
        assert_eq!(header(&usual, name), header(&express, name), "{name}");
    }
    // The same names; CORS lists them in an order of its own.
    let exposed = |r: &reqwest::Response| {
        let v = header(r, "access-control-expose-headers").unwrap_or_default();
        v.split(',')
            .map(|n| n.trim().to_string())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(exposed(&usual), exposed(&express));
    assert_eq!(header(&express, "x-request-id"), Some("express-1"));
    let timing = header(&express, "server-timing").expect("server-timing");
    assert!(timing.contains("cache"), "{timing}");
    let (mut usual, mut express): (Value, Value) =
        (usual.json().await.unwrap(), express.json().await.unwrap());
    assert_eq!(express["request_id"], "express-1", "{express}");
    assert_eq!(express["cache"], "l2", "{express}");
    usual.as_object_mut().unwrap().remove("request_id");
    express.as_object_mut().unwrap().remove("request_id");
    assert_eq!(usual, express, "the same answer, field for field");

    // Another question is the usual path's again (and, asked twice more, the lane's).
    let other = json!({"query": "Any open tickets?", "email": ALICE});
    learn_more(&stack, &alice, &other, 1).await;
}

/// [`learn`] for a stack whose lane has answered `before` times already, then one express hit.
async fn learn_more(stack: &Stack, token: &str, body: &Value, before: u64) {
    let (_, a) = json_of(ask(stack, Some(token), body, &[]).await).await;
    let (_, b) = json_of(ask(stack, Some(token), body, &[]).await).await;
    assert_eq!((&a["cache"], &b["cache"]), (&json!("miss"), &json!("l2")));
    assert_eq!(express_answers(stack).await, before);
    let (_, c) = json_of(ask(stack, Some(token), body, &[]).await).await;
    assert_eq!(c["cache"], "l2", "{c}");
    assert_eq!(express_answers(stack).await, before + 1);
}

#[tokio::test]
async fn the_express_lane_never_answers_what_the_usual_path_would_refuse_or_audit() {
    let stack = secured_with(Vec::new()).await;
    let alice = user(&stack, ALICE);
    let body = json!({"query": QUESTION, "email": ALICE});
    learn(&stack, &alice, &body).await;

    // The same bytes from another user: refused, as ever.
    let bob = user(&stack, BOB);
    let (status, reply) = json_of(ask(&stack, Some(&bob), &body, &[]).await).await;
    assert_eq!(status, 403, "{reply}");
    // No token, or another content type: the usual refusals.
    let (status, _) = json_of(ask(&stack, None, &body, &[]).await).await;
    assert_eq!(status, 401);
    let plain = [("content-type", "text/plain")];
    let (status, reply) = json_of(ask(&stack, Some(&alice), &body, &plain).await).await;
    assert_eq!(status, 415, "{reply}");
    // With an Origin, CORS has work to do: the usual path answers.
    let origin = [("origin", "https://app.example")];
    let resp = ask(&stack, Some(&alice), &body, &origin).await;
    assert_eq!(json_of(resp).await.1["cache"], "l2");
    assert_eq!(express_answers(&stack).await, 0);

    // Staff reading a customer's data is audited on every read: never the lane's.
    let staff = mint(&stack, TokenRequest::new(TokenKind::Staff));
    for _ in 0..3 {
        let (status, reply) = json_of(ask(&stack, Some(&staff), &body, &[]).await).await;
        assert_eq!(status, 200, "{reply}");
        assert_eq!(reply["cache"], "l2", "{reply}");
    }
    assert_eq!(express_answers(&stack).await, 0);

    // Alice's own request, unchanged: the lane's.
    let (_, reply) = json_of(ask(&stack, Some(&alice), &body, &[]).await).await;
    assert_eq!(reply["cache"], "l2", "{reply}");
    assert_eq!(express_answers(&stack).await, 1);
}

#[tokio::test]
async fn the_rate_limit_still_applies_on_the_express_lane() {
    let stack = secured_with(vec![
        ("QUERY_RATE_PER_MINUTE", "1".into()),
        ("QUERY_RATE_BURST", "4".into()),
    ])
    .await;
    let alice = user(&stack, ALICE);
    let body = json!({"query": QUESTION, "email": ALICE});
    learn(&stack, &alice, &body).await;
    for _ in 0..2 {
        let (status, reply) = json_of(ask(&stack, Some(&alice), &body, &[]).await).await;
        assert_eq!((status, &reply["cache"]), (200, &json!("l2")), "{reply}");
    }
    assert_eq!(express_answers(&stack).await, 2);
    let resp = ask(&stack, Some(&alice), &body, &[]).await;
    assert!(
        header(&resp, "retry-after").is_some(),
        "{:?}",
        resp.headers()
    );
    let (status, reply) = json_of(resp).await;
    assert_eq!(status, 429, "the fifth question in a minute: {reply}");
    assert_eq!(express_answers(&stack).await, 2);
}

#[tokio::test]
async fn an_erasure_ends_the_express_lane_for_that_customer() {
    let stack = secured_with(Vec::new()).await;
    let alice = user(&stack, ALICE);
    let body = json!({"query": QUESTION, "email": ALICE});
    learn(&stack, &alice, &body).await;
    let (_, reply) = json_of(ask(&stack, Some(&alice), &body, &[]).await).await;
    assert_eq!(reply["cache"], "l2", "{reply}");
    assert_eq!(express_answers(&stack).await, 1);

    let operator = mint(&stack, TokenRequest::new(TokenKind::Operator));
    let erased: Value = stack
        .http
        .post(format!("{}/tools/forget_customer", stack.url))
        .bearer_auth(&operator)
        .json(&json!({"email": ALICE}))
        .send()
        .await
        .expect("erasure")
        .json()
        .await
        .expect("erasure body");
    assert_eq!(erased["complete"], true, "{erased}");
    let (_, reply) = json_of(ask(&stack, Some(&alice), &body, &[]).await).await;
    assert_eq!(
        reply["cache"], "miss",
        "the erased answer is not given: {reply}"
    );
    assert_eq!(express_answers(&stack).await, 1);
}

#[tokio::test]
async fn an_expired_token_is_refused_even_for_a_request_the_lane_holds() {
    let stack = secured_with(vec![("AUTH_CLOCK_SKEW_SECS", "0".into())]).await;
    let ttl = 8;
    let minted = Instant::now();
    let alice = mint(
        &stack,
        TokenRequest::new(TokenKind::User)
            .email(ALICE)
            .ttl_secs(ttl),
    );
    let body = json!({"query": QUESTION, "email": ALICE});
    for _ in 0..3 {
        let (status, reply) = json_of(ask(&stack, Some(&alice), &body, &[]).await).await;
        // On a loaded machine the token may run out while these are asked.
        let expired = minted.elapsed() >= Duration::from_secs(ttl as u64 - 1);
        assert!(
            status == 200 || (status == 401 && expired),
            "{status} {reply}"
        );
    }
    let held = express_answers(&stack).await;
    // `exp` has whole seconds: a second more is past it whatever the rounding.
    let past_exp = Duration::from_secs(ttl as u64 + 1);
    tokio::time::sleep(past_exp.saturating_sub(minted.elapsed())).await;
    let (status, reply) = json_of(ask(&stack, Some(&alice), &body, &[]).await).await;
    assert_eq!(status, 401, "{reply}");
    assert_eq!(express_answers(&stack).await, held);
}
