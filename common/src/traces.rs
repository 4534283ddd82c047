//! Distributed traces with OpenTelemetry, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
//!
//! `tracing` spans become OpenTelemetry spans (`tracing-opentelemetry`), exported over
//! OTLP/HTTP (protobuf) to `{endpoint}/v1/traces` in batches; Cloud Trace accepts the same
//! export (through an OpenTelemetry Collector or its OTLP endpoint). The W3C `traceparent`
//! travels on every HTTP call between the services (and in MCP `_meta` when a client puts it
//! there), so one `/query` or one pipeline run is one trace across the fleet. Span names
//! follow the OpenTelemetry conventions: `POST /query` for requests, `tools/call
//! {tool}` for MCP tool calls (with `mcp.method.name` and `gen_ai.tool.name`), `chat
//! {model}` for model calls (with the GenAI token counts).

use std::sync::OnceLock;

use opentelemetry::propagation::{Extractor, Injector, TextMapPropagator};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{SdkTracer, SdkTracerProvider};
use tracing_opentelemetry::{OpenTelemetryLayer, OpenTelemetrySpanExt};
use tracing_subscriber::registry::LookupSpan;

/// The W3C trace-context header.
pub const TRACEPARENT: &str = "traceparent";
const TRACESTATE: &str = "tracestate";

static PROVIDER: OnceLock<SdkTracerProvider> = OnceLock::new();

/// Whether spans are exported (the first [`layer`] call with an endpoint turned them on).
pub fn enabled() -> bool {
    PROVIDER.get().is_some()
}

/// The layer that exports `service`'s spans to `endpoint`, or `None` when no endpoint is set
/// (or the exporter cannot be built: said in the log, and the service runs without traces).
pub fn layer<S>(
    service: &'static str,
    endpoint: Option<&str>,
) -> Option<OpenTelemetryLayer<S, SdkTracer>>
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
{
    let endpoint = endpoint.map(str::trim).filter(|e| !e.is_empty())?;
    use opentelemetry_otlp::{Protocol, WithExportConfig};
    // The exporter builds a reqwest client.
    crate::tls::install();
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .with_endpoint(format!("{}/v1/traces", endpoint.trim_end_matches('/')))
        .build();
    let exporter = match exporter {
        Ok(e) => e,
        Err(e) => {
            eprintln!("traces are off: the OTLP exporter could not be built: {e}");
            return None;
        }
    };
    let resource = opentelemetry_sdk::Resource::builder()
        .with_service_name(service)
        .build();
    let provider = SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(resource)
        .build();
    let tracer = provider.tracer(service);
    if PROVIDER.set(provider).is_err() {
        return None;
    }
    Some(tracing_opentelemetry::layer().with_tracer(tracer))
}

/// Exports every finished span now (tests; before exit).
pub fn flush() {
    if let Some(p) = PROVIDER.get() {
        let _ = p.force_flush();
    }
}

/// Flushes and stops the exporter (at shutdown).
pub fn shutdown() {
    if let Some(p) = PROVIDER.get() {
        let _ = p.shutdown();
    }
}

/// Makes `span` the child of the remote caller's span carried as `traceparent` (and
/// `tracestate`); a missing or malformed value leaves `span` where it is.
pub fn continue_from(span: &tracing::Span, traceparent: Option<&str>, tracestate: Option<&str>) {
    let Some(traceparent) = traceparent else {
        return;
    };
    if !enabled() {
        return;
    }
    let carrier = Carrier {
        traceparent: Some(traceparent),
        tracestate,
    };
    let cx = TraceContextPropagator::new().extract(&carrier);
    use opentelemetry::trace::TraceContextExt;
    if cx.span().span_context().is_valid() {
        let _ = span.set_parent(cx);
    }
}

/// The `traceparent` (and `tracestate`) naming `span` as the parent of a call it makes.
pub fn propagate(span: &tracing::Span) -> Vec<(&'static str, String)> {
    if !enabled() {
        return Vec::new();
    }
    let mut out = Outgoing(Vec::new());
    TraceContextPropagator::new().inject_context(&span.context(), &mut out);
    out.0
}

struct Carrier<'a> {
    traceparent: Option<&'a str>,
    tracestate: Option<&'a str>,
}

impl Extractor for Carrier<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        match key {
            TRACEPARENT => self.traceparent,
            TRACESTATE => self.tracestate,
            _ => None,
        }
    }

    fn keys(&self) -> Vec<&str> {
        vec![TRACEPARENT, TRACESTATE]
    }
}

struct Outgoing(Vec<(&'static str, String)>);

impl Injector for Outgoing {
    fn set(&mut self, key: &str, value: String) {
        match key {
            TRACEPARENT => self.0.push((TRACEPARENT, value)),
            TRACESTATE if !value.is_empty() => self.0.push((TRACESTATE, value)),
            _ => {}
        }
    }
}
