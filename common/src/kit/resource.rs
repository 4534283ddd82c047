//! Resource templates (`pipeline_run://{run_id}`), read through the same kit on every transport.

use std::future::Future;
use std::sync::Arc;

use futures::FutureExt;
use futures::future::BoxFuture;
use rmcp::model::ResourceTemplate;
use serde_json::Value;

use super::ToolContext;

/// Why a resource could not be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ResourceError {
    /// The URI is well formed but names nothing.
    #[error("resource not found: {0}")]
    NotFound(String),
    /// The URI is malformed for this template.
    #[error("invalid resource uri: {0}")]
    Invalid(String),
    /// The store behind it failed.
    #[error("resource unavailable: {0}")]
    Unavailable(String),
    /// The caller may not read it.
    #[error("forbidden: {0}")]
    Forbidden(String),
}

type Reader = Arc<
    dyn Fn(String, ToolContext) -> BoxFuture<'static, Result<Value, ResourceError>> + Send + Sync,
>;

/// One template and the function that reads URIs matching its scheme.
#[derive(Clone)]
pub struct ResourceTemplateDef {
    pub template: ResourceTemplate,
    /// The URI scheme with `://` (e.g. `pipeline_run://`) this template answers.
    pub scheme: String,
    reader: Reader,
}

impl ResourceTemplateDef {
    /// `uri_template` must be `scheme://{var}`; `read` receives the part after `scheme://`.
    pub fn new<F, Fut>(uri_template: &str, name: &str, description: &str, read: F) -> Self
    where
        F: Fn(String, ToolContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Value, ResourceError>> + Send + 'static,
    {
        let scheme = uri_template
            .split_once("://")
            .map(|(s, _)| format!("{s}://"))
            .expect("a resource template has a scheme");
        let read = Arc::new(read);
        Self {
            template: ResourceTemplate::new(uri_template, name)
                .with_description(description)
                .with_mime_type("application/json"),
            scheme,
            reader: Arc::new(move |rest, ctx| {
                let read = read.clone();
                async move { read(rest, ctx).await }.boxed()
            }),
        }
    }

    /// Reads `uri` if it has this template's scheme.
    pub fn matches(&self, uri: &str) -> Option<String> {
        uri.strip_prefix(&self.scheme).map(str::to_string)
    }

    pub async fn read(&self, rest: String, ctx: ToolContext) -> Result<Value, ResourceError> {
        (self.reader)(rest, ctx).await
    }
}
