//! Starting the service (and the sandbox's scripted model) for tests.

use classification::{ClassificationSettings, Classifier};
use common::llm::LlmSettings;
use serde_json::{Value, json};

/// The built-in classifier (no LLM), as the service builds it.
pub fn builtin_classifier() -> Classifier {
    let model = classification::model::Model::committed().expect("the committed model reads");
    Classifier::new(
        std::sync::Arc::new(model),
        common::llm::Llm::rules(),
        ClassificationSettings::default(),
    )
}

/// The service without a model; returns its base URL.
pub fn spawn_rules() -> String {
    let kit = classification::build(
        &LlmSettings::default(),
        Default::default(),
        ClassificationSettings::default(),
    )
    .expect("the service builds");
    testkit::spawn(kit)
}

/// A sandbox, and the service pointed at its OpenAI-compatible stand-in.
pub fn spawn_with_llm(settings: ClassificationSettings) -> (sandbox::Sandbox, String) {
    let sandbox = sandbox::Sandbox::new();
    let base = sandbox.spawn();
    let llm: LlmSettings = common::config::from_pairs(
        [
            ("LLM_PROVIDER", "openai".to_string()),
            ("PROMPTS_DIR", testkit::prompts_dir()),
            ("LLM_MODEL", "gemma-test".to_string()),
            ("OPENAI_BASE_URL", format!("{base}/v1")),
            ("LLM_MAX_ATTEMPTS", "1".to_string()),
            ("LLM_RETRY_BASE_MS", "1".to_string()),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    )
    .expect("LLM settings parse");
    let kit =
        classification::build(&llm, Default::default(), settings).expect("the service builds");
    (sandbox, testkit::spawn(kit))
}

/// `POST /mcp/call` for `classify_email`; returns the CallToolResult JSON.
pub async fn classify(base: &str, arguments: Value) -> Value {
    common::tls::client()
        .post(format!("{base}/mcp/call"))
        .json(&json!({"tool": "classify_email", "arguments": arguments}))
        .send()
        .await
        .expect("the service answers")
        .json()
        .await
        .expect("a JSON body")
}

/// The structured content of a successful call (panics on an error result).
pub fn ok(result: &Value) -> &Value {
    assert_ne!(result["isError"], json!(true), "unexpected error: {result}");
    &result["structuredContent"]
}
