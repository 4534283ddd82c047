//! The model stand-ins: Vertex endpoint chat completions, Gemini generateContent, OpenAI.

use sandbox::Sandbox;
use sandbox::llm::ScriptedReply;
use serde_json::{Value, json};

const VERTEX: &str =
    "/v1/projects/demo-mcp-orchestrator/locations/us-central1/endpoints/42/chat/completions";

fn chat_body(user: &str) -> Value {
    json!({"model": "", "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": user}], "max_tokens": 16})
}

async fn metadata_token(client: &reqwest::Client, base: &str) -> String {
    let v: Value = client
        .get(format!(
            "{base}/computeMetadata/v1/instance/service-accounts/default/token"
        ))
        .header("Metadata-Flavor", "Google")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn vertex_wants_a_token_from_the_metadata_server() {
    let base = Sandbox::new().spawn();
    let client = common::tls::client();
    let anon = client
        .post(format!("{base}{VERTEX}"))
        .json(&chat_body("hi"))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
    let forged = client
        .post(format!("{base}{VERTEX}"))
        .bearer_auth("ya29.forged")
        .json(&chat_body("hi"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    let body: Value = forged.json().await.unwrap();
    assert_eq!(body["error"]["status"], "UNAUTHENTICATED");

    let token = metadata_token(&client, &base).await;
    let ok: Value = client
        .post(format!("{base}{VERTEX}"))
        .bearer_auth(&token)
        .json(&chat_body("hello there"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ok["object"], "chat.completion");
    assert_eq!(
        ok["choices"][0]["message"]["content"],
        "sandbox echo: hello there"
    );
    assert_eq!(ok["choices"][0]["finish_reason"], "stop");
    assert_eq!(ok["usage"]["prompt_tokens"], 4);
}

#[tokio::test]
async fn scripted_replies_are_served_in_order_then_the_default_returns() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let client = common::tls::client();
    let pushed = client
        .post(format!("{base}/__sandbox/llm/replies"))
        .json(&json!([{"text": "first"}, {"status": 503}, {"text": "cut", "finish_reason": "length"}]))
        .send()
        .await
        .unwrap();
    assert_eq!(pushed.status(), 201);
    let call = || async {
        client
            .post(format!("{base}/v1/chat/completions"))
            .json(&chat_body("x"))
            .send()
            .await
            .unwrap()
    };
    let r: Value = call().await.json().await.unwrap();
    assert_eq!(r["choices"][0]["message"]["content"], "first");
    let r = call().await;
    assert_eq!(r.status(), 503);
    let r: Value = call().await.json().await.unwrap();
    assert_eq!(r["choices"][0]["finish_reason"], "length");
    let r: Value = call().await.json().await.unwrap();
    assert_eq!(r["choices"][0]["message"]["content"], "sandbox echo: x");
    let admin: Value = client
        .get(format!("{base}/__sandbox/llm"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(admin, json!({"calls": 4, "pending": 0}));
    assert_eq!(sb.state.llm.calls(), 4);
}

#[tokio::test]
async fn json_mode_without_a_schema_gets_an_empty_object() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let mut body = chat_body("x");
    body["response_format"] = json!({"type": "json_object"});
    let r: Value = common::tls::client()
        .post(format!("{base}/v1/chat/completions"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["choices"][0]["message"]["content"], "{}");
}

#[tokio::test]
async fn gemini_checks_the_api_key_and_gemma_limits() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let client = common::tls::client();
    let url = format!("{base}/v1beta/models/gemma-3-27b-it:generateContent");
    let plain = json!({"contents": [{"role": "user", "parts": [{"text": "hi"}]}]});
    let send = |key: Option<&'static str>, body: Value| {
        let mut req = client.post(&url).json(&body);
        if let Some(k) = key {
            req = req.header("x-goog-api-key", k);
        }
        req.send()
    };
    assert_eq!(send(None, plain.clone()).await.unwrap().status(), 403);
    assert_eq!(
        send(Some("wrong"), plain.clone()).await.unwrap().status(),
        400
    );

    let mut with_system = plain.clone();
    with_system["systemInstruction"] = json!({"parts": [{"text": "be brief"}]});
    let r = send(Some(sandbox::credentials::GEMINI_API_KEY), with_system)
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(
        e["error"]["message"],
        "Developer instruction is not enabled for models/gemma-3-27b-it"
    );

    let mut json_mode = plain.clone();
    json_mode["generationConfig"] = json!({"responseMimeType": "application/json"});
    let r = send(Some(sandbox::credentials::GEMINI_API_KEY), json_mode)
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("JSON mode is not enabled")
    );

    sb.state.llm.push(ScriptedReply::text("ok"));
    let r: Value = send(Some(sandbox::credentials::GEMINI_API_KEY), plain)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["candidates"][0]["content"]["parts"][0]["text"], "ok");
    assert_eq!(r["candidates"][0]["finishReason"], "STOP");
    assert_eq!(r["usageMetadata"]["candidatesTokenCount"], 1);
}

#[tokio::test]
async fn a_non_gemma_gemini_model_accepts_a_system_instruction() {
    let base = Sandbox::new().spawn();
    let body = json!({
        "contents": [{"role": "user", "parts": [{"text": "hi"}]}],
        "systemInstruction": {"parts": [{"text": "be brief"}]},
        "generationConfig": {"responseMimeType": "application/json"}
    });
    let r = common::tls::client()
        .post(format!(
            "{base}/v1beta/models/gemini-2.5-flash:generateContent"
        ))
        .query(&[("key", sandbox::credentials::GEMINI_API_KEY)])
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["candidates"][0]["content"]["parts"][0]["text"], "{}");
}

#[tokio::test]
async fn model_requests_are_in_the_request_log() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    common::tls::client()
        .post(format!("{base}/v1/chat/completions"))
        .json(&chat_body("logged"))
        .send()
        .await
        .unwrap();
    let logged = sb.requests(Some(sandbox::Upstream::Openai));
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].json()["messages"][1]["content"], "logged");
}
