//! The pipeline's surface without the mail services: bad input, triggers, concurrency,
//! schemas, OpenAPI and MCP interop.

use serde_json::{Value, json};

use crate::pipeline_helpers::{hanging_service, spawn};

fn env(pairs: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    pairs
        .iter()
        .map(|(k, v)| {
            (
                Box::leak(k.to_string().into_boxed_str()) as &str,
                v.to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_malformed_or_future_since_is_refused_and_starts_nothing() {
    let o = spawn(&[]).await;
    for since in ["yesterday", "2025-13-01T00:00:00Z", "2999-01-01T00:00:00Z"] {
        let r = o.call("run_pipeline", json!({ "since": since })).await;
        assert_eq!(r["isError"], json!(true), "{since}: {r}");
        assert_eq!(r["structuredContent"]["code"], "invalid_arguments");
        let rest = o
            .http
            .post(format!("{}/tools/run_pipeline", o.url))
            .json(&json!({ "since": since }))
            .send()
            .await
            .unwrap();
        assert_eq!(rest.status(), 400, "{since}");
    }
    let r = o
        .call("run_pipeline", json!({ "since": 5, "extra": 1 }))
        .await;
    assert_eq!(r["structuredContent"]["code"], "invalid_arguments");
    let s = o.status().await;
    assert_eq!(s["running"], false);
    assert_eq!(
        s["last_run"],
        Value::Null,
        "a refused call started a run: {s}"
    );
}

#[tokio::test]
async fn malformed_and_unknown_run_ids_get_clear_errors() {
    let o = spawn(&[]).await;
    let long = "x".repeat(200);
    for (id, status) in [
        ("..%2F..%2Fetc", 400),
        ("run%20one", 400),
        (long.as_str(), 400),
        ("run-does-not-exist", 404),
    ] {
        let r = o
            .http
            .get(format!("{}/resources/pipeline_run/{id}", o.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{id}");
        let body: Value = r.json().await.unwrap();
        assert!(body["error"]["code"].is_string(), "{body}");
    }
}

const PUSH_ACCOUNT: &str = "gmail-push@demo-mcp-orchestrator.iam.gserviceaccount.com";
const PUSH_AUDIENCE: &str = "https://orchestrator.example/webhooks/gmail";

/// A Pub/Sub push token from the sandbox's Google key ring.
fn push_token(sb: &sandbox::Sandbox, email: &str, audience: &str) -> String {
    use sandbox::issuer::{TokenKind, TokenRequest};
    sb.state
        .issuer
        .mint(
            &TokenRequest::new(TokenKind::GoogleService)
                .email(email)
                .audience(audience),
        )
        .expect("minted")
        .token
}

#[tokio::test]
async fn the_webhook_accepts_only_the_push_identity_for_our_mailbox_and_starts_nothing_otherwise() {
    let sb = sandbox::Sandbox::new();
    let sb_url = sb.spawn();
    let o = spawn(&env(&[
        ("PIPELINE_WEBHOOK_AUDIENCE", PUSH_AUDIENCE),
        ("PIPELINE_WEBHOOK_SERVICE_ACCOUNT", PUSH_ACCOUNT),
        ("GMAIL_USER", "support@example.com"),
        ("GOOGLE_OIDC_JWKS_URL", &format!("{sb_url}/oauth2/v3/certs")),
    ]))
    .await;
    let push = |address: &str| {
        let data = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!(r#"{{"emailAddress":"{address}","historyId":"123"}}"#),
        );
        json!({"message": {"data": data, "messageId": "1"}, "subscription": "projects/p/subscriptions/gmail"})
    };
    let post = |body: Value, bearer: Option<String>| {
        let mut req = o.http.post(format!("{}/webhooks/gmail", o.url)).json(&body);
        if let Some(b) = bearer {
            req = req.bearer_auth(b);
        }
        req.send()
    };
    let good = push("support@example.com");
    let right = push_token(&sb, PUSH_ACCOUNT, PUSH_AUDIENCE);
    assert_eq!(
        post(good.clone(), None).await.unwrap().status(),
        401,
        "no token"
    );
    assert_eq!(
        post(good.clone(), Some("not-a-jwt".into()))
            .await
            .unwrap()
            .status(),
        401
    );
    let other_account = push_token(&sb, "someone@evil.iam.gserviceaccount.com", PUSH_AUDIENCE);
    assert_eq!(
        post(good.clone(), Some(other_account))
            .await
            .unwrap()
            .status(),
        403
    );
    let other_audience = push_token(&sb, PUSH_ACCOUNT, "https://elsewhere.example/");
    assert_eq!(
        post(good.clone(), Some(other_audience))
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        post(json!({"message": {}}), Some(right.clone()))
            .await
            .unwrap()
            .status(),
        400
    );
    let r = post(push("attacker@example.com"), Some(right.clone()))
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "another mailbox");
    // The old shared token in the query string is not a way in.
    let r = o
        .http
        .post(format!("{}/webhooks/gmail?token=s3cret", o.url))
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(o.status().await["last_run"], Value::Null);

    let r = post(good, Some(right)).await.unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["action"], "started", "{body}");
    let s = o.wait_status(|s| s["last_run"].is_object()).await;
    assert_eq!(s["last_run"]["run_id"], body["run_id"]);
}

#[tokio::test]
async fn without_a_push_identity_configured_the_webhook_is_disabled() {
    let o = spawn(&[]).await;
    let r = o
        .http
        .post(format!("{}/webhooks/gmail", o.url))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test]
async fn the_timer_starts_runs_and_status_shows_the_next_one() {
    let o = spawn(&env(&[("PIPELINE_INTERVAL", "1s")])).await;
    let s = o.status().await;
    assert_eq!(s["triggers"]["timer"]["enabled"], true);
    assert!(s["next_scheduled_run"].is_string(), "{s}");
    let s = o.wait_status(|s| s["last_run"].is_object()).await;
    let id = s["last_run"]["run_id"].as_str().unwrap().to_string();
    let run = o.pipeline.get_run(&id).await.unwrap();
    assert_eq!(run.details.trigger, "timer");
}

#[tokio::test]
async fn a_run_that_cannot_list_mail_fails_with_the_reason() {
    let o = spawn(&[]).await;
    let out = o.call_ok("run_pipeline", json!({})).await;
    assert_eq!(out["status"], "failed", "{out}");
    assert!(out["summary"].as_str().unwrap().contains("gmail"), "{out}");
    let s = o.status().await;
    assert_eq!(s["last_run"]["status"], "failed");
}

#[tokio::test]
async fn two_concurrent_runs_start_one_and_report_it_to_the_other() {
    let gmail = hanging_service().await;
    let o = spawn(&env(&[
        ("GMAIL_SERVICE_URL", &gmail),
        ("PIPELINE_WAIT", "200ms"),
        ("PIPELINE_GMAIL_TIMEOUT", "3s"),
    ]))
    .await;
    let (a, b) = tokio::join!(
        o.call_ok("run_pipeline", json!({})),
        o.call_ok("run_pipeline", json!({})),
    );
    let mut statuses = [a["status"].as_str().unwrap(), b["status"].as_str().unwrap()];
    statuses.sort();
    assert_eq!(statuses, ["already_running", "running"], "{a} {b}");
    assert_eq!(
        a["run_id"], b["run_id"],
        "already_running names the active run"
    );
    let s = o.status().await;
    assert_eq!(s["running"], true);
    assert_eq!(s["current_run"]["run_id"], a["run_id"]);
    // A webhook-like trigger while it runs is refused too; the run then ends (gmail times out).
    let s = o.wait_status(|s| s["running"] == false).await;
    assert_eq!(s["last_run"]["status"], "failed");
}

#[tokio::test]
async fn every_tool_output_matches_its_declared_output_schema() {
    let o = spawn(&[]).await;
    let tools: Value = o
        .http
        .get(format!("{}/mcp/tools", o.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schema_of = |name: &str| {
        tools["tools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("{name} not listed"))["outputSchema"]
            .clone()
    };
    for (tool, args) in [("run_pipeline", json!({})), ("get_status", json!({}))] {
        let out = o.call_ok(tool, args).await;
        let schema = schema_of(tool);
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        let errors: Vec<String> = validator.iter_errors(&out).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "{tool} output breaks its schema: {errors:?}\n{out}"
        );
    }
}

#[tokio::test]
async fn the_openapi_document_is_valid_and_lists_the_rest_mirror() {
    let o = spawn(&[]).await;
    let script = testkit::workspace_root().join("testkit/interop/openapi_check.py");
    let mut cmd = tokio::process::Command::new(testkit::python());
    cmd.arg(&script).arg(format!("{}/openapi.json", o.url));
    for p in [
        "/query",
        "/tools/run_pipeline",
        "/tools/get_status",
        "/resources/pipeline_run/{run_id}",
    ] {
        cmd.arg("--expect-path").arg(p);
    }
    let out = cmd.output().await.expect("python runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = o.http.get(format!("{}/docs/", o.url)).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(
        docs.text().await.unwrap().contains("swagger"),
        "the docs page is Swagger UI"
    );
    // The page loads the one document `/openapi.json` serves, as JSON.
    let init = o
        .http
        .get(format!("{}/docs/swagger-initializer.js", o.url))
        .send()
        .await
        .unwrap();
    assert_eq!(init.status(), 200);
    assert!(init.text().await.unwrap().contains("\"/openapi.json\""));
    let doc = o
        .http
        .get(format!("{}/openapi.json", o.url))
        .send()
        .await
        .unwrap();
    assert_eq!(doc.status(), 200);
    assert_eq!(doc.headers()["content-type"], "application/json");
    let doc: serde_json::Value = doc.json().await.unwrap();
    assert_eq!(doc, orchestrator::openapi::document());
}

#[tokio::test]
async fn the_python_sdk_runs_the_pipeline_reads_status_and_the_run_resource() {
    let o = spawn(&[]).await;
    let first = o.call_ok("run_pipeline", json!({})).await;
    let id = first["run_id"].as_str().unwrap();
    testkit::python_interop(
        &format!("{}/mcp", o.url),
        json!({
            "tool": "get_status",
            "arguments": {},
            "bad_arguments": {"unexpected": 1},
            "expect_tools": ["run_pipeline", "get_status"],
            "calls": [{"tool": "run_pipeline", "arguments": {}}],
            "expect_templates": ["pipeline_run://{run_id}"],
            "resource_uri": format!("pipeline_run://{id}"),
        }),
    )
    .await;
}
