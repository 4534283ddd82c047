//! Traces: with `OTEL_EXPORTER_OTLP_ENDPOINT` set, one `/query` is one trace across the
//! orchestrator and every service it calls (W3C `traceparent` on each call), with spans named
//! by the OpenTelemetry conventions, received here by an OTLP/HTTP receiver.

use std::collections::BTreeMap;
use std::time::Duration;

use common::config::LogFormat;
use serde_json::json;
use testkit::{OtlpReceiver, ReceivedSpan};

use crate::query_helpers::{Options, spawn_stack};

/// `span`'s ancestors up to the root (bounded by the number of spans).
fn ancestry<'a>(span: &'a ReceivedSpan, by_id: &BTreeMap<&str, &'a ReceivedSpan>) -> Vec<&'a str> {
    let mut chain = vec![span.name.as_str()];
    let mut at = span;
    for _ in 0..by_id.len() {
        match by_id.get(at.parent_span_id.as_str()) {
            Some(parent) => {
                chain.push(parent.name.as_str());
                at = parent;
            }
            None => break,
        }
    }
    chain
}

#[tokio::test]
async fn one_query_is_one_trace_with_a_child_per_service_called() {
    let receiver = OtlpReceiver::start();
    // This process's subscriber, before anything logs: every in-process service exports
    // through it (each span says which service served it in `mcp.server.name`).
    common::telemetry::init_with_traces("orchestrator", LogFormat::Pretty, Some(&receiver.url));
    let stack = spawn_stack(Options {
        model: true,
        ..Options::default()
    })
    .await;
    let llm = &stack.sandbox.state.llm;
    llm.push_text(
        json!({"intent": "billing and crm", "calls": [
            {"service": "chargebee", "tool": "billing_summary", "arguments": {}},
            {"service": "hubspot", "tool": "get_contact", "arguments": {}}
        ]})
        .to_string(),
    );
    llm.push_text(json!({"answer": "Here is what I found.", "confidence": 0.8}).to_string());
    let body = stack
        .ask("What does Alice owe and who is she?", "alice@example.com")
        .await;
    assert_eq!(body["sources"].as_array().map(Vec::len), Some(2), "{body}");

    // Export what is finished (the exporter posts from its own thread), then wait for the
    // query's root span (bounded).
    let mut spans = Vec::new();
    for _ in 0..50 {
        tokio::task::spawn_blocking(common::traces::flush)
            .await
            .unwrap();
        spans = receiver.spans();
        if spans.iter().any(|s| s.name == "POST /query") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let root = spans
        .iter()
        .find(|s| s.name == "POST /query")
        .unwrap_or_else(|| panic!("no POST /query span among {spans:#?}"));
    assert!(root.parent_span_id.is_empty(), "/query starts the trace");
    assert_eq!(root.kind, "SPAN_KIND_SERVER");
    let trace: Vec<&ReceivedSpan> = spans
        .iter()
        .filter(|s| s.trace_id == root.trace_id)
        .collect();
    let by_id: BTreeMap<&str, &ReceivedSpan> =
        trace.iter().map(|s| (s.span_id.as_str(), *s)).collect();

    // One server-side tool call per service called, each inside the query's trace.
    let mut served: Vec<(String, String)> = trace
        .iter()
        .filter(|s| s.kind == "SPAN_KIND_SERVER" && s.name.starts_with("tools/call "))
        .map(|s| {
            let chain = ancestry(s, &by_id);
            assert_eq!(chain.last(), Some(&"POST /query"), "{chain:?}");
            assert_eq!(s.attributes["mcp.method.name"], "tools/call");
            (
                s.attributes["mcp.server.name"].clone(),
                s.attributes["gen_ai.tool.name"].clone(),
            )
        })
        .collect();
    served.sort();
    assert_eq!(
        served,
        vec![
            ("chargebee".to_string(), "billing_summary".to_string()),
            ("hubspot".to_string(), "get_contact".to_string()),
        ],
        "{trace:#?}"
    );
    // The orchestrator's side of each call is a client span whose child is the service's
    // request span (the traceparent crossed the wire).
    let clients: Vec<&&ReceivedSpan> = trace
        .iter()
        .filter(|s| s.kind == "SPAN_KIND_CLIENT" && s.name.starts_with("tools/call "))
        .collect();
    assert_eq!(clients.len(), 2, "{trace:#?}");
    for c in clients {
        assert!(
            trace
                .iter()
                .any(|s| s.parent_span_id == c.span_id && s.name == "POST /mcp/call"),
            "no service request under {c:?}"
        );
    }
    // The model calls are GenAI spans with token counts.
    let chats: Vec<&&ReceivedSpan> = trace
        .iter()
        .filter(|s| s.name == "chat gemma-3-27b-it")
        .collect();
    assert_eq!(chats.len(), 2, "plan and answer: {trace:#?}");
    for c in chats {
        assert_eq!(c.attributes["gen_ai.operation.name"], "chat");
        assert!(
            c.attributes.contains_key("gen_ai.usage.input_tokens"),
            "{c:?}"
        );
    }
}
