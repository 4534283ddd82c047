//! Execution: every planned call at once, each with a timeout and bounded retries (all
//! plannable tools are read-only, so repeating them is safe), inside one overall deadline.
//! A failing or slow service becomes a source with status `error` or `timeout`; it never
//! fails the question. Results are reused for their freshness through the tool-result cache
//! the services share with the pipeline ([`crate::results`]).

use std::time::{Duration, Instant};

use common::client::{CallError, ToolAnswer};
use common::error::ErrorCode;
use common::upstream::RetryPolicy;
use serde_json::Value;

use super::model::{ErrorInfo, Source, SourceStatus};
use super::plan::PlannedCall;
use crate::metrics::QueryMetrics;
use crate::results::{Answered, Freshness};
use crate::services::Services;
use crate::settings::QuerySettings;

/// What one planned call produced.
#[derive(Debug, Clone)]
pub struct ToolOutcome {
    pub call: PlannedCall,
    pub status: SourceStatus,
    /// The tool's structured output when it answered.
    pub data: Option<Value>,
    /// The tool answered `not_found`: the person has no record there (an answer, not an outage).
    pub not_found: bool,
    pub error: Option<ErrorInfo>,
    pub latency_ms: u64,
    pub cached: bool,
}

impl ToolOutcome {
    /// The public record of this call.
    pub fn source(&self) -> Source {
        Source {
            service: self.call.service(),
            tool: self.call.tool,
            status: self.status,
            latency_ms: self.latency_ms,
            cached: self.cached,
            error: self.error.clone(),
        }
    }
}

/// Runs plans against the services.
pub struct Executor {
    /// The services, with the tool-result cache they share with the pipeline.
    services: Services,
    settings: QuerySettings,
    metrics: QueryMetrics,
}

impl Executor {
    pub fn new(services: Services, settings: QuerySettings, metrics: QueryMetrics) -> Self {
        Self {
            services,
            settings,
            metrics,
        }
    }

    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Drops every cached tool result asked about `email`; how many.
    pub async fn forget(&self, email: &common::Email) -> usize {
        self.services.results().forget(email).await
    }

    /// Runs every call concurrently; the result is in plan order. `freshness` says whether
    /// fresh cached tool results may answer (`no_cache` bypasses them).
    pub async fn run(&self, calls: &[PlannedCall], freshness: Freshness) -> Vec<ToolOutcome> {
        let deadline = tokio::time::Instant::now() + self.settings.deadline();
        let outcomes = futures::future::join_all(
            calls
                .iter()
                .map(|c| self.run_one(c.clone(), deadline, freshness)),
        )
        .await;
        for o in &outcomes {
            self.metrics.tool_call(o.call.tool, o.status);
        }
        outcomes
    }

    #[tracing::instrument(skip_all, fields(service = %call.service(), tool = %call.tool))]
    async fn run_one(
        &self,
        call: PlannedCall,
        deadline: tokio::time::Instant,
        freshness: Freshness,
    ) -> ToolOutcome {
        let started = Instant::now();
        let result = self
            .services
            .call_cached(call.tool, &call.arguments, freshness, |_| async {
                match tokio::time::timeout_at(deadline, self.attempts(&call, deadline)).await {
                    Ok(r) => r,
                    Err(_) => Err(CallError::Timeout {
                        service: call.service(),
                        timeout_ms: self.settings.query_deadline_ms,
                    }),
                }
            })
            .await;
        match result {
            Ok((answered, cached)) => outcome(call, Ok(answered), started, cached),
            Err(e) => outcome(call, Err(e), started, false),
        }
    }

    /// The call, retried within the policy while the error is retryable (every plannable
    /// tool only reads, so repeating it is safe), each attempt bounded by the call timeout and
    /// what is left of the deadline.
    async fn attempts(
        &self,
        call: &PlannedCall,
        deadline: tokio::time::Instant,
    ) -> Result<ToolAnswer, CallError> {
        let Some(client) = self.services.get(call.service()) else {
            return Err(CallError::Tool {
                service: call.service(),
                tool: call.tool,
                code: ErrorCode::NotConfigured,
                message: format!("{} is not configured", call.service()),
            });
        };
        let policy = RetryPolicy {
            max_attempts: self.settings.query_max_attempts.max(1),
            base_delay: Duration::from_millis(50),
            max_delay: Duration::from_millis(500),
            budget: deadline.saturating_duration_since(tokio::time::Instant::now()),
        };
        common::upstream::retry(&policy, |_attempt| {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let timeout = self
                .settings
                .call_timeout()
                .min(left)
                .max(Duration::from_millis(1));
            client.call_answer(call.tool, Value::Object(call.arguments.clone()), timeout)
        })
        .await
    }
}

fn outcome(
    call: PlannedCall,
    result: Result<Answered, CallError>,
    started: Instant,
    cached: bool,
) -> ToolOutcome {
    let latency_ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(Answered::Data(v)) => ToolOutcome {
            call,
            status: SourceStatus::Ok,
            data: Some(v),
            not_found: false,
            error: None,
            latency_ms,
            cached,
        },
        Ok(Answered::NotFound) => ToolOutcome {
            call,
            status: SourceStatus::Ok,
            data: None,
            not_found: true,
            error: None,
            latency_ms,
            cached,
        },
        Err(e) => {
            let status = if matches!(e, CallError::Timeout { .. }) || e.code() == ErrorCode::Timeout
            {
                SourceStatus::Timeout
            } else {
                SourceStatus::Error
            };
            tracing::warn!(error = %e, "tool call failed");
            ToolOutcome {
                call,
                status,
                data: None,
                not_found: false,
                error: Some(ErrorInfo {
                    code: e.code(),
                    message: e.to_string(),
                }),
                latency_ms,
                cached,
            }
        }
    }
}
