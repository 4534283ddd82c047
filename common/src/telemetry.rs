//! Logging: JSON for Google Cloud Logging in production, readable lines locally, and email
//! addresses redacted in every line either way.

use serde_json::{Map, Value};
use std::io::Write;
use tracing::{Event, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::{FormatEvent, FormatFields, JsonFields, Writer};
use tracing_subscriber::fmt::{FmtContext, FormattedFields, MakeWriter};
use tracing_subscriber::registry::LookupSpan;

use crate::config::LogFormat;

/// Replaces every email address in `text` by `***@domain`, keeping the domain for debugging.
///
/// An address is a local part of letters, digits and `._%+-'`, an `@`, and a domain of two or
/// more dot-separated labels of letters, digits and `-` (the longest such run; a trailing dot
/// is not the domain's). Letters and digits in any script count, so internationalised
/// addresses ("ünï@müller.de") are redacted too. A scan rather than a regular expression:
/// every log line passes through here, and a compiled pattern would keep the regex engine's
/// code and tables resident in every process that logs.
pub fn redact_emails(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    // Where the text not yet copied to `out` starts (also where the next local part may).
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = text[from..].find('@').map(|i| from + i) {
        from = at + 1;
        let start = text[copied..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_local(c))
            .last()
            .map_or(at, |(i, _)| copied + i);
        if start == at {
            continue;
        }
        let Some(end) = domain_end(text, at + 1) else {
            continue;
        };
        out.push_str(&text[copied..start]);
        out.push_str("***@");
        out.push_str(&text[at + 1..end]);
        copied = end;
        from = end;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

fn is_local(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn is_label(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The end of the domain starting at `from`: a label, then one or more `.label`; `None` without
/// a dot and a label after it.
fn domain_end(text: &str, from: usize) -> Option<usize> {
    let label = |i: usize| {
        text[i..]
            .char_indices()
            .find(|&(_, c)| !is_label(c))
            .map_or(text.len(), |(k, _)| i + k)
    };
    let mut end = label(from);
    if end == from {
        return None;
    }
    let mut labels = 1;
    while text[end..].starts_with('.') && text[end + 1..].chars().next().is_some_and(is_label) {
        end = label(end + 1);
        labels += 1;
    }
    (labels > 1).then_some(end)
}

/// Installs the global subscriber. `RUST_LOG` filters (default `info`).
///
/// Safe to call more than once (tests): later calls are ignored.
pub fn init(service: &'static str, format: LogFormat) {
    init_with_traces(service, format, None);
}

/// As [`init`], exporting spans to `otlp_endpoint` (`OTEL_EXPORTER_OTLP_ENDPOINT`) when set
/// (see [`crate::traces`]).
pub fn init_with_traces(service: &'static str, format: LogFormat, otlp_endpoint: Option<&str>) {
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = match format {
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .fmt_fields(JsonFields::new())
            .event_format(CloudLoggingJson { service })
            .with_writer(Redacting(std::io::stdout))
            .with_filter(filter())
            .boxed(),
        LogFormat::Pretty => tracing_subscriber::fmt::layer()
            .with_target(false)
            .with_writer(Redacting(std::io::stderr))
            .with_filter(filter())
            .boxed(),
    };
    // Spans are exported whatever RUST_LOG says about log lines (info and above).
    let traces = crate::traces::layer(service, otlp_endpoint)
        .map(|l| l.with_filter(tracing_subscriber::filter::LevelFilter::INFO));
    let result = tracing_subscriber::registry()
        .with(logs)
        .with(traces)
        .try_init();
    // Already initialised (a second app in one test process): keep the first.
    drop(result);
}

/// Installs a subscriber for tests only when `TEST_LOG` is set, so test output stays quiet.
pub fn init_for_tests() {
    if std::env::var_os("TEST_LOG").is_some() {
        init("test", LogFormat::Pretty);
    }
}

/// A writer that redacts email addresses from each formatted event before it is written.
#[derive(Clone, Copy)]
pub struct Redacting<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter(self.0.make_writer())
    }
}

/// See [`Redacting`]. tracing-subscriber writes each event with one `write_all`.
pub struct RedactingWriter<W>(W);

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(redact_emails(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// One JSON object per line with the fields Cloud Logging understands: `severity`, `message`,
/// `time`, plus every field of the event and of its spans (`request_id`, `run_id`, …).
struct CloudLoggingJson {
    service: &'static str,
}

impl<S, N> FormatEvent<S, N> for CloudLoggingJson
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> std::fmt::Result {
        let meta = event.metadata();
        let mut obj = Map::new();
        obj.insert(
            "severity".into(),
            Value::from(match *meta.level() {
                tracing::Level::ERROR => "ERROR",
                tracing::Level::WARN => "WARNING",
                tracing::Level::INFO => "INFO",
                tracing::Level::DEBUG | tracing::Level::TRACE => "DEBUG",
            }),
        );
        obj.insert(
            "time".into(),
            Value::from(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
        );
        obj.insert("service".into(), Value::from(self.service));
        obj.insert("target".into(), Value::from(meta.target()));
        // Span fields, outermost first, so inner spans win on clashes.
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                let ext = span.extensions();
                if let Some(fields) = ext.get::<FormattedFields<N>>()
                    && let Ok(Value::Object(map)) = serde_json::from_str::<Value>(fields)
                {
                    obj.extend(map);
                }
            }
        }
        let mut visitor = JsonVisitor(&mut obj);
        event.record(&mut visitor);
        if let Some(Value::String(trace)) = obj.get("trace_id").cloned() {
            obj.insert("logging.googleapis.com/trace".into(), Value::from(trace));
        }
        let line = serde_json::to_string(&obj).map_err(|_| std::fmt::Error)?;
        writeln!(writer, "{line}")
    }
}

struct JsonVisitor<'a>(&'a mut Map<String, Value>);

impl tracing::field::Visit for JsonVisitor<'_> {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name().into(), Value::from(value));
    }

    fn record_i64(&mut self, field: &tracing::field::Field, value: i64) {
        self.0.insert(field.name().into(), Value::from(value));
    }

    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        self.0.insert(field.name().into(), Value::from(value));
    }

    fn record_f64(&mut self, field: &tracing::field::Field, value: f64) {
        self.0.insert(field.name().into(), Value::from(value));
    }

    fn record_bool(&mut self, field: &tracing::field::Field, value: bool) {
        self.0.insert(field.name().into(), Value::from(value));
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name().into(), Value::from(format!("{value:?}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_redacted_but_domains_kept() {
        let out = redact_emails("user alice.smith+x@example.com asked about bob@corp.co.uk");
        assert_eq!(out, "user ***@example.com asked about ***@corp.co.uk");
    }

    #[test]
    fn addresses_are_found_where_they_begin_and_end() {
        for (text, redacted) in [
            ("", ""),
            ("no address here", "no address here"),
            ("@example.com", "@example.com"),
            ("bob@localhost says hi", "bob@localhost says hi"),
            (
                "Mail Bob.O'Neil@Corp-1.Example.COM.",
                "Mail ***@Corp-1.Example.COM.",
            ),
            ("<a@b.co>,c%d@e.fr;", "<***@b.co>,***@e.fr;"),
            ("a@b@c.com", "a@***@c.com"),
            ("x@y.z@w.io", "***@y.z@w.io"),
            ("trailing@dot.", "trailing@dot."),
            ("für ünï@müller.de", "für ***@müller.de"),
            ("メール：山田@例え.jp です", "メール：***@例え.jp です"),
            ("\"anna@example.org\":1", "\"***@example.org\":1"),
        ] {
            assert_eq!(redact_emails(text), redacted, "{text}");
        }
    }

    #[test]
    fn the_writer_redacts_what_passes_through() {
        let mut buf = Vec::new();
        {
            let mut w = RedactingWriter(&mut buf);
            w.write_all(b"{\"message\":\"lookup carol@example.org\"}\n")
                .unwrap();
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "{\"message\":\"lookup ***@example.org\"}\n"
        );
    }
}
