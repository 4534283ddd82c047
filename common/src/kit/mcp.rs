//! The rmcp `ServerHandler` over a [`Kit`]: tools and resource templates for `/mcp`.
//!
//! A service answers exactly what it declares in `initialize` / `server/discover`: `tools`
//! always, `resources` when it has resource templates. Every method of an undeclared
//! capability (`prompts/*`, `completion/complete`, `logging/setLevel`, and `resources/*` for a
//! service without resources) is `-32601` Method not found, never an empty answer that
//! contradicts the declared capabilities.

use std::sync::Arc;

use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResponse, CancelTaskMethod, CancelTaskParams,
    CompleteRequestMethod, CompleteRequestParams, CompleteResult, ConstString, CreateTaskResult,
    GetTaskMethod, GetTaskParams, GetTaskResult, Implementation, ListPromptsRequestMethod,
    ListPromptsResult, ListResourceTemplatesRequestMethod, ListResourceTemplatesResult,
    ListResourcesRequestMethod, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    ReadResourceRequestMethod, ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult,
    ResourceContents, ServerCapabilities, ServerConfig, TASKS_EXTENSION_ID, UpdateTaskMethod,
    UpdateTaskParams,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};

use super::{Kit, ResourceError, TaskError, TaskHost, ToolContext};

/// How long clients may cache the tool list and templates (they change only on deploy).
const LIST_TTL_MS: u64 = 60_000;

/// The `/mcp` handler, cloned for each request (the transport is stateless): every clone
/// shares the kit and the server's `initialize` answer, built once.
#[derive(Clone)]
pub struct McpServer {
    shared: Arc<Shared>,
}

struct Shared {
    kit: Kit,
    info: ServerConfig,
}

impl McpServer {
    pub fn new(kit: Kit) -> Self {
        let info = server_config(&kit);
        Self {
            shared: Arc::new(Shared { kit, info }),
        }
    }

    fn kit(&self) -> &Kit {
        &self.shared.kit
    }

    fn context(ctx: &RequestContext<RoleServer>) -> ToolContext {
        let request_id = ctx
            .extensions
            .get::<http::request::Parts>()
            .and_then(|p| p.headers.get(crate::request_id::HEADER))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| crate::request_id::accept_or_generate(None));
        ToolContext {
            request_id,
            transport: "/mcp",
            caller: crate::auth::from_mcp_context(&ctx.extensions),
        }
    }

    /// `tasks/*` exist only where the tasks extension is declared.
    fn require_tasks<M: ConstString>(&self) -> Result<&dyn TaskHost, McpError> {
        self.kit()
            .tasks
            .as_deref()
            .ok_or_else(McpError::method_not_found::<M>)
    }

    /// `resources/*` exist only where the `resources` capability is declared.
    fn require_resources<M: ConstString>(&self) -> Result<(), McpError> {
        if self.kit().resources.is_empty() {
            Err(McpError::method_not_found::<M>())
        } else {
            Ok(())
        }
    }
}

/// What the server declares in `initialize`: `tools`, `resources` when it has templates, and
/// the tasks extension when it runs tasks.
fn server_config(kit: &Kit) -> ServerConfig {
    let mut caps = if kit.resources.is_empty() {
        ServerCapabilities::builder().enable_tools().build()
    } else {
        ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .build()
    };
    if kit.tasks.is_some() {
        caps.extensions
            .get_or_insert_with(Default::default)
            .insert(TASKS_EXTENSION_ID.to_string(), Default::default());
    }
    ServerConfig::new(caps)
        .with_server_info(Implementation::new(kit.info.name, kit.info.version))
        .with_instructions(kit.info.instructions)
}

impl ServerHandler for McpServer {
    fn get_info(&self) -> ServerConfig {
        self.shared.info.clone()
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let mut result = ListToolsResult::with_all_items(self.kit().tools.list());
        result.ttl_ms = Some(LIST_TTL_MS);
        result.cache_scope = Some(CacheScope::Public);
        Ok(result)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let ctx = Self::context(&context);
        let request_id = ctx.request_id.clone();
        if let Some(host) = self.kit().tasks.as_deref()
            && host.runs_as_task(&request.name)
            && context
                .client_capabilities()
                .is_some_and(|caps| caps.supports_tasks())
        {
            let start = host.start(&request.name, request.arguments, ctx);
            return Ok(match crate::request_id::scope(request_id, start).await {
                Ok(task) => CallToolResponse::Task(CreateTaskResult::new(task)),
                Err(refused) => CallToolResponse::Complete(refused.into_result()),
            });
        }
        // The transport runs this on a task of its own: continue the caller's trace from the
        // request's `_meta` (MCP's place for it) or its HTTP `traceparent`.
        let span = tracing::info_span!("mcp_request");
        let parts = context.extensions.get::<http::request::Parts>();
        let header = |name: &str| {
            parts
                .and_then(|p| p.headers.get(name))
                .and_then(|v| v.to_str().ok())
        };
        let meta = request.meta.as_deref();
        crate::traces::continue_from(
            &span,
            meta.and_then(|m| m.get_traceparent())
                .or_else(|| header(crate::traces::TRACEPARENT)),
            meta.and_then(|m| m.get_tracestate())
                .or_else(|| header("tracestate")),
        );
        let call = self.kit().tools.call(
            &request.name,
            request.arguments,
            ctx,
            Some(&self.kit().metrics),
        );
        let call = tracing::Instrument::instrument(call, span);
        match crate::request_id::scope(request_id, call).await {
            Ok(result) => Ok(CallToolResponse::Complete(result)),
            Err(unknown) => Err(McpError::invalid_params(
                unknown.to_string(),
                Some(serde_json::json!({"code": "unknown_tool", "tool": unknown.0})),
            )),
        }
    }

    async fn get_task(
        &self,
        request: GetTaskParams,
        context: RequestContext<RoleServer>,
    ) -> Result<GetTaskResult, McpError> {
        let host = self.require_tasks::<GetTaskMethod>()?;
        let ctx = Self::context(&context);
        host.get(&request.task_id, ctx)
            .await
            .map(GetTaskResult::new)
            .map_err(task_error)
    }

    async fn cancel_task(
        &self,
        request: CancelTaskParams,
        context: RequestContext<RoleServer>,
    ) -> Result<(), McpError> {
        let host = self.require_tasks::<CancelTaskMethod>()?;
        let ctx = Self::context(&context);
        host.cancel(&request.task_id, ctx).await.map_err(task_error)
    }

    /// No task here ever asks its client for input: an update names a task that is not
    /// waiting for any.
    async fn update_task(
        &self,
        request: UpdateTaskParams,
        context: RequestContext<RoleServer>,
    ) -> Result<(), McpError> {
        let host = self.require_tasks::<UpdateTaskMethod>()?;
        let ctx = Self::context(&context);
        host.get(&request.task_id, ctx).await.map_err(task_error)?;
        Err(McpError::invalid_params(
            format!("task {} is not waiting for input", request.task_id),
            None,
        ))
    }

    /// No prompts are declared (rmcp's default answers an empty list).
    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        Err(McpError::method_not_found::<ListPromptsRequestMethod>())
    }

    /// No completions are declared (rmcp's default answers an empty completion).
    async fn complete(
        &self,
        _request: CompleteRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CompleteResult, McpError> {
        Err(McpError::method_not_found::<CompleteRequestMethod>())
    }

    /// The kit serves resource templates only, so the list of concrete resources is empty.
    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        self.require_resources::<ListResourcesRequestMethod>()?;
        let mut result = ListResourcesResult::with_all_items(Vec::new());
        result.ttl_ms = Some(LIST_TTL_MS);
        result.cache_scope = Some(CacheScope::Public);
        Ok(result)
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, McpError> {
        self.require_resources::<ListResourceTemplatesRequestMethod>()?;
        let mut result = ListResourceTemplatesResult::with_all_items(
            self.kit()
                .resources
                .iter()
                .map(|r| r.template.clone())
                .collect(),
        );
        result.ttl_ms = Some(LIST_TTL_MS);
        result.cache_scope = Some(CacheScope::Public);
        Ok(result)
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        self.require_resources::<ReadResourceRequestMethod>()?;
        let uri = request.uri;
        let not_found = |msg: String| {
            McpError::invalid_params(msg, Some(serde_json::json!({"uri": uri.clone()})))
        };
        let Some((def, rest)) = self
            .kit()
            .resources
            .iter()
            .find_map(|d| d.matches(&uri).map(|rest| (d, rest)))
        else {
            return Err(not_found(format!("no resource template matches {uri}")));
        };
        let ctx = Self::context(&context);
        match crate::request_id::scope(ctx.request_id.clone(), def.read(rest, ctx)).await {
            Ok(value) => {
                let text = value.to_string();
                let mut result = ReadResourceResult::new(vec![
                    ResourceContents::text(text, uri.clone()).with_mime_type("application/json"),
                ]);
                // Run state changes while a run is going: do not cache for long.
                result.ttl_ms = Some(0);
                result.cache_scope = Some(CacheScope::Private);
                Ok(ReadResourceResponse::Complete(result))
            }
            Err(ResourceError::NotFound(m)) | Err(ResourceError::Invalid(m)) => Err(not_found(m)),
            Err(ResourceError::Unavailable(m)) => Err(McpError::internal_error(m, None)),
            Err(ResourceError::Forbidden(m)) => Err(McpError::invalid_request(
                m,
                Some(serde_json::json!({"code": "forbidden"})),
            )),
        }
    }
}

/// A task that cannot be read: unknown (or not the caller's) is -32602, storage down -32603.
fn task_error(e: TaskError) -> McpError {
    match e {
        TaskError::NotFound(id) => McpError::invalid_params(
            format!("no task {id}"),
            Some(serde_json::json!({"taskId": id})),
        ),
        TaskError::Unavailable(m) => McpError::internal_error(m, None),
    }
}
