//! Contract tests of the LLM layer against the sandbox's Vertex, Gemini, OpenAI-compatible and
//! metadata stand-ins, plus the prompt files (golden renders, hostile input).

mod gemini;
mod openai;
mod prompts;
mod structured;
mod vertex;

use common::llm::{Llm, LlmRequest, LlmSettings};
use common::metrics::MetricsRegistry;
use sandbox::{LoggedRequest, Sandbox, Upstream};

/// A sandbox on port 0 and a model client pointed at it.
pub struct Harness {
    pub sandbox: Sandbox,
    pub base: String,
    pub llm: Llm,
    pub registry: MetricsRegistry,
}

impl Harness {
    /// `provider` with settings aimed at the sandbox, then `extra` pairs on top.
    pub fn start(provider: &str, extra: &[(&str, &str)]) -> Self {
        testkit::init_logs();
        let sandbox = Sandbox::new();
        let base = sandbox.spawn();
        let host = base.trim_start_matches("http://").to_string();
        let openai = format!("{base}/v1");
        let prompts = testkit::prompts_dir();
        let mut pairs = vec![
            ("LLM_PROVIDER", provider),
            ("PROMPTS_DIR", prompts.as_str()),
            ("VERTEX_PROJECT", "demo-mcp-orchestrator"),
            ("VERTEX_LOCATION", "europe-west4"),
            ("VERTEX_ENDPOINT_ID", "1234567890"),
            ("VERTEX_BASE_URL", base.as_str()),
            ("GCE_METADATA_HOST", host.as_str()),
            ("GEMINI_API_KEY", sandbox::credentials::GEMINI_API_KEY),
            ("GEMINI_BASE_URL", base.as_str()),
            ("OPENAI_BASE_URL", openai.as_str()),
            // Fast retries: tests assert attempts, not waiting.
            ("LLM_RETRY_BASE_MS", "1"),
        ];
        pairs.extend_from_slice(extra);
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let settings: LlmSettings =
            common::config::from_pairs(pairs.clone()).expect("test settings are valid");
        // `BREAKER_*` as every binary reads them beside its model settings.
        let breakers: common::breaker::BreakerSettings =
            common::config::from_pairs(pairs).expect("breaker settings are valid");
        let registry = MetricsRegistry::new();
        let llm = Llm::from_settings(&settings, breakers, &registry).expect("the provider builds");
        assert!(llm.has_model(), "a model is configured");
        Self {
            sandbox,
            base,
            llm,
            registry,
        }
    }

    /// Requests the sandbox received for `upstream`, in order.
    pub fn sent(&self, upstream: Upstream) -> Vec<LoggedRequest> {
        self.sandbox.requests(Some(upstream))
    }
}

/// A small plain-text request.
pub fn ask(purpose: &'static str) -> LlmRequest {
    LlmRequest::new(purpose, "You answer briefly.", "What is 2 + 2?").with_max_tokens(64)
}

#[test]
fn rules_is_the_default_and_builds_no_model() {
    let settings: LlmSettings = common::config::from_pairs(Vec::<(String, String)>::new()).unwrap();
    let llm = Llm::from_settings(&settings, Default::default(), &MetricsRegistry::new()).unwrap();
    assert!(!llm.has_model());
    assert_eq!(llm.model(), common::llm::RULES_MODEL);
}

#[test]
fn a_provider_without_its_settings_names_the_missing_variable() {
    for (provider, var) in [
        ("vertex", "VERTEX_PROJECT"),
        ("gemini", "GEMINI_API_KEY"),
        ("openai", "OPENAI_BASE_URL"),
    ] {
        let settings: LlmSettings =
            common::config::from_pairs([("LLM_PROVIDER".to_string(), provider.to_string())])
                .unwrap();
        let err =
            Llm::from_settings(&settings, Default::default(), &MetricsRegistry::new()).unwrap_err();
        assert!(err.to_string().contains(var), "{provider}: {err}");
        assert_eq!(err.code(), common::ErrorCode::NotConfigured);
    }
}

#[test]
fn an_unknown_provider_is_refused_at_load() {
    let err = common::config::from_pairs::<LlmSettings>([(
        "LLM_PROVIDER".to_string(),
        "gpt".to_string(),
    )])
    .unwrap_err();
    assert!(
        err.to_string().to_lowercase().contains("llm_provider") || err.to_string().contains("gpt"),
        "{err}"
    );
}
