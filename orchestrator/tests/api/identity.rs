//! Who may ask what: every refusal is 401/403 with the common error body and reaches no
//! upstream; users read their own data, staff anyone's (audited), operators run the
//! pipeline; `/mcp` is an OAuth protected resource.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use sandbox::issuer::{Ring, TokenKind, TokenRequest};
use serde_json::{Value, json};

use crate::query_helpers::{Options, Stack, spawn_stack};

pub(crate) const ALICE: &str = "alice@example.com";
pub(crate) const BOB: &str = "bob@example.com";
const SCHEDULER: &str = "scheduler@demo-mcp-orchestrator.iam.gserviceaccount.com";
const PUBLIC: &str = "https://orchestrator.example";

/// A stack whose orchestrator trusts the sandbox as its Firebase issuer and Google.
async fn secured() -> Stack {
    secured_with(Vec::new()).await
}

/// [`secured`], with `extra` settings for the orchestrator.
pub(crate) async fn secured_with(extra: Vec<(&'static str, String)>) -> Stack {
    let stack = spawn_stack(Options::default()).await;
    let sb = stack.sandbox_url.clone();
    let url = crate::query_helpers::spawn_orchestrator(
        &sb,
        &stack.services,
        &Options {
            model: false,
            env: [
                ("AUTH_DISABLED", "false".into()),
                (
                    "FIREBASE_PROJECT_ID",
                    sandbox::credentials::PROJECT_ID.into(),
                ),
                (
                    "AUTH_JWKS_URL",
                    format!("{sb}{}", sandbox::issuer::FIREBASE_JWKS_PATH),
                ),
                (
                    "GOOGLE_OIDC_JWKS_URL",
                    format!("{sb}{}", sandbox::issuer::GOOGLE_JWKS_PATH),
                ),
                ("AUTH_OPERATOR_SERVICE_ACCOUNTS", SCHEDULER.into()),
                ("AUTH_GOOGLE_AUDIENCE", PUBLIC.into()),
                ("PUBLIC_URL", PUBLIC.into()),
            ]
            .into_iter()
            .chain(extra)
            .collect(),
        },
    )
    .await;
    Stack { url, ..stack }
}

pub(crate) fn mint(stack: &Stack, req: TokenRequest) -> String {
    stack.sandbox.state.issuer.mint(&req).expect("minted").token
}

pub(crate) fn user(stack: &Stack, email: &str) -> String {
    mint(stack, TokenRequest::new(TokenKind::User).email(email))
}

async fn post(
    stack: &Stack,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> (u16, Value, Option<String>) {
    let mut req = stack.http.post(format!("{}{path}", stack.url)).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.expect("answers");
    let status = resp.status().as_u16();
    let challenge = resp
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (status, resp.json().await.unwrap_or(Value::Null), challenge)
}

/// Tokens a careful issuer would never accept, each with the status it must get.
fn bad_tokens(stack: &Stack) -> Vec<(&'static str, String, u16)> {
    let issuer = &stack.sandbox.state.issuer;
    let key = issuer.signing_key(Ring::Firebase);
    let good = user(stack, ALICE);
    let claims: Value = {
        let payload = good.split('.').nth(1).unwrap();
        let bytes =
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    let b64 = |v: &Value| {
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            v.to_string(),
        )
    };
    let alg_none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT", "kid": key.kid()})),
        b64(&claims)
    );
    // The classic confusion: HMAC "signed" with the public key as the secret.
    let mut hs = Header::new(Algorithm::HS256);
    hs.kid = Some(key.kid().to_string());
    let public_pem = key.public_key_pem().expect("an RSA key").as_bytes();
    let hs256 = jsonwebtoken::encode(&hs, &claims, &EncodingKey::from_secret(public_pem)).unwrap();
    // A valid signature by a key the issuer never published.
    let stranger = sandbox::issuer::keys::SigningKey::rsa();
    let unknown_kid = stranger.sign(&claims);
    let future = chrono::Utc::now().timestamp() + 3600;
    vec![
        ("malformed", "not.a.jwt".into(), 401),
        (
            "expired",
            mint(
                stack,
                TokenRequest::new(TokenKind::User)
                    .email(ALICE)
                    .ttl_secs(-600),
            ),
            401,
        ),
        (
            "not yet valid",
            mint(
                stack,
                TokenRequest::new(TokenKind::User)
                    .email(ALICE)
                    .claim("nbf", json!(future)),
            ),
            401,
        ),
        (
            "wrong issuer",
            mint(
                stack,
                TokenRequest::new(TokenKind::User).email(ALICE).claim(
                    "iss",
                    json!("https://securetoken.google.com/another-project"),
                ),
            ),
            401,
        ),
        (
            "wrong audience",
            mint(
                stack,
                TokenRequest::new(TokenKind::User)
                    .email(ALICE)
                    .audience("another-project"),
            ),
            401,
        ),
        ("alg none", alg_none, 401),
        ("HS256 with the public key", hs256, 401),
        ("unknown kid", unknown_kid, 401),
        (
            "unverified email",
            mint(
                stack,
                TokenRequest::new(TokenKind::User)
                    .email(ALICE)
                    .email_verified(false),
            ),
            403,
        ),
        ("another customer's email", user(stack, BOB), 403),
    ]
}

#[tokio::test]
async fn every_refused_token_gets_401_or_403_with_the_common_body_and_reaches_no_upstream() {
    let stack = secured().await;
    let ask = json!({"query": "Does Alice have unpaid invoices?", "email": ALICE});
    let (status, body, challenge) = post(&stack, "/query", None, ask.clone()).await;
    assert_eq!(status, 401, "no token: {body}");
    assert_eq!(body["error"]["code"], "unauthorized");
    assert!(body["request_id"].is_string(), "{body}");
    let challenge = challenge.expect("a challenge");
    assert!(
        challenge.starts_with("Bearer")
            && challenge.contains(&format!("{PUBLIC}/.well-known/oauth-protected-resource")),
        "{challenge}"
    );
    for (what, token, expected) in bad_tokens(&stack) {
        let (status, body, _) = post(&stack, "/query", Some(&token), ask.clone()).await;
        assert_eq!(status, expected, "{what}: {body}");
        assert!(body["error"]["code"].is_string(), "{what}: {body}");
        assert!(body["request_id"].is_string(), "{what}: {body}");
    }
    assert!(
        stack.upstream_requests().is_empty(),
        "a refused question reached an upstream: {:?}",
        stack
            .upstream_requests()
            .iter()
            .map(|r| r.path.clone())
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_user_reads_their_own_data_with_or_without_naming_their_email() {
    let stack = secured().await;
    let token = user(&stack, ALICE);
    let (status, body, _) = post(
        &stack,
        "/query",
        Some(&token),
        json!({"query": "What are my invoices?", "email": "Alice@Example.com"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_ne!(body["status"], "error", "{body}");
    let (status, body, _) = post(
        &stack,
        "/query",
        Some(&token),
        json!({"query": "What are my invoices?"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_ne!(body["status"], "error", "the token's email is used: {body}");
    // no_cache is a staff privilege.
    let (_, body, _) = post(
        &stack,
        "/query",
        Some(&token),
        json!({"query": "What are my invoices?", "no_cache": true}),
    )
    .await;
    assert_eq!(body["cache"], "l2", "{body}");
    assert!(
        body["notices"][0].as_str().unwrap().contains("no_cache"),
        "{body}"
    );
}

#[tokio::test]
async fn staff_read_any_customer_and_the_audit_record_names_no_email() {
    let stack = secured().await;
    let staff = mint(&stack, TokenRequest::new(TokenKind::Staff));
    let (status, body, _) = post(
        &stack,
        "/query",
        Some(&staff),
        json!({"query": "Does Bob have open tickets?", "email": BOB, "no_cache": true}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_ne!(body["status"], "error", "{body}");
    assert!(
        body.get("notices").is_none(),
        "staff may skip caches: {body}"
    );
}

#[tokio::test]
async fn the_pipeline_is_for_operators_and_allow_listed_scheduler_accounts_only() {
    let stack = secured().await;
    let alice = user(&stack, ALICE);
    let (status, body, _) = post(&stack, "/tools/get_status", Some(&alice), json!({})).await;
    assert_eq!(status, 403, "a user on an operator route: {body}");
    assert_eq!(body["error"]["code"], "forbidden");
    let (status, _, _) = post(&stack, "/tools/get_status", None, json!({})).await;
    assert_eq!(status, 401);
    let operator = mint(&stack, TokenRequest::new(TokenKind::Operator));
    let (status, body, _) = post(&stack, "/tools/get_status", Some(&operator), json!({})).await;
    assert_eq!(status, 200, "{body}");
    let scheduler = mint(
        &stack,
        TokenRequest::new(TokenKind::GoogleService)
            .email(SCHEDULER)
            .audience(PUBLIC),
    );
    let (status, body, _) = post(&stack, "/tools/get_status", Some(&scheduler), json!({})).await;
    assert_eq!(status, 200, "Cloud Scheduler's OIDC token: {body}");
    let stranger = mint(
        &stack,
        TokenRequest::new(TokenKind::GoogleService)
            .email("someone@evil.iam.gserviceaccount.com")
            .audience(PUBLIC),
    );
    let (status, _, _) = post(&stack, "/tools/get_status", Some(&stranger), json!({})).await;
    assert!(status == 401 || status == 403, "{status}");

    // The failed-message and erasure tools follow the same rule.
    for (path, body) in [
        ("/tools/list_failed_messages", json!({})),
        ("/tools/requeue_messages", json!({"ids": ["abc"]})),
        ("/tools/forget_customer", json!({"email": ALICE})),
    ] {
        let (status, reply, _) = post(&stack, path, Some(&alice), body.clone()).await;
        assert_eq!(status, 403, "a user on {path}: {reply}");
        let (status, _, _) = post(&stack, path, None, body.clone()).await;
        assert_eq!(status, 401, "{path} without a token");
        let (status, reply, _) = post(&stack, path, Some(&operator), body).await;
        assert_eq!(status, 200, "an operator on {path}: {reply}");
    }
}

#[tokio::test]
async fn mcp_is_a_protected_resource_and_tools_apply_the_same_rules() {
    let stack = secured().await;
    // RFC 9728 metadata names the issuer as the authorization server.
    let meta: Value = stack
        .http
        .get(format!(
            "{}/.well-known/oauth-protected-resource",
            stack.url
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(meta["resource"], format!("{PUBLIC}/mcp"));
    assert_eq!(
        meta["authorization_servers"][0],
        sandbox::issuer::firebase_issuer()
    );
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}});
    let resp = stack
        .http
        .post(format!("{}/mcp", stack.url))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25")
        .json(&init)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let challenge = resp.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(challenge.contains("resource_metadata="), "{challenge}");
    // /mcp/call: a user may ask about themselves, not run the pipeline.
    let alice = user(&stack, ALICE);
    let call = |tool: &str, args: Value| json!({"tool": tool, "arguments": args});
    let (status, res, _) = post(
        &stack,
        "/mcp/call",
        Some(&alice),
        call("query", json!({"query": "my invoices"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(res["isError"], false, "{res}");
    let (_, res, _) = post(
        &stack,
        "/mcp/call",
        Some(&alice),
        call("query", json!({"query": "Bob's invoices", "email": BOB})),
    )
    .await;
    assert_eq!(res["structuredContent"]["code"], "forbidden", "{res}");
    let (_, res, _) = post(
        &stack,
        "/mcp/call",
        Some(&alice),
        call("get_status", json!({})),
    )
    .await;
    assert_eq!(res["structuredContent"]["code"], "forbidden", "{res}");
}

#[tokio::test]
async fn a_token_signed_with_a_rotated_key_is_accepted_without_a_restart() {
    let stack = secured().await;
    let before = user(&stack, ALICE);
    let ask = json!({"query": "my subscription"});
    let (status, _, _) = post(&stack, "/query", Some(&before), ask.clone()).await;
    assert_eq!(status, 200);
    let fetches = stack.sandbox.state.issuer.key_fetches();
    stack.sandbox.state.issuer.rotate(Ring::Firebase, false);
    let after = user(&stack, ALICE);
    assert_ne!(before, after);
    let (status, body, _) = post(&stack, "/query", Some(&after), ask.clone()).await;
    assert_eq!(status, 200, "{body}");
    // The new kid cost one refresh; more questions cost none.
    for _ in 0..20 {
        let (status, _, _) = post(&stack, "/query", Some(&after), ask.clone()).await;
        assert_eq!(status, 200);
    }
    assert_eq!(stack.sandbox.state.issuer.key_fetches(), fetches + 1);
}

#[tokio::test]
async fn the_python_mcp_sdk_works_with_a_bearer_token_and_fails_cleanly_without() {
    let stack = secured().await;
    let token = mint(&stack, TokenRequest::new(TokenKind::Operator));
    testkit::python_interop_with_token(
        &format!("{}/mcp", stack.url),
        &token,
        json!({
            "tool": "get_status",
            "arguments": {},
            "bad_arguments": {"unexpected": 1},
            "expect_tools": ["query", "run_pipeline", "get_status"],
        }),
    )
    .await;
    testkit::python_refused_without_token(&format!("{}/mcp", stack.url)).await;
}
