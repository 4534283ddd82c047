//! The one trivial tool, served by the kit (as a service is deployed) and by bare rmcp.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::Arc;

use actix_web::{App, HttpServer};
use common::config::ServerSettings;
use common::contract::Effect;
use common::kit::{Kit, ServiceInfo, ToolError, Toolbox};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::{Json, ServerHandler, tool, tool_handler, tool_router};
use rmcp_actix_web::transport::{LocalSessionManager, StreamableHttpService};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Serves the app factory on a loopback port with the kit's worker count; evaluates to the
/// server's `/mcp` URL. (A macro: `HttpServer::new`'s bounds over an `App`'s type are long.)
macro_rules! spawn {
    ($app:expr) => {{
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let workers = ServerSettings::loopback().http_workers.unwrap_or(2);
        let server = HttpServer::new($app)
            .workers(workers)
            .listen(listener)
            .expect("listen")
            .run();
        actix_web::rt::spawn(server);
        format!("http://127.0.0.1:{port}/mcp")
    }};
}

/// The tool's name on all three servers.
pub const TOOL: &str = "lookup_customer";

/// The addresses the load asks about, in turn (all known, so every call succeeds).
pub const EMAILS: [&str; 3] = ["alice@example.com", "bob@example.com", "carol@example.com"];

/// The tool's input.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupIn {
    /// Whose record.
    pub email: String,
}

/// The tool's output: a small JSON object.
#[derive(Clone, Serialize, JsonSchema)]
pub struct Customer {
    pub email: String,
    pub name: String,
    pub plan: String,
    pub status: String,
}

type Customers = Arc<HashMap<String, Customer>>;

/// The in-memory table both Rust servers look up (the FastMCP server holds the same rows).
fn customers() -> Customers {
    let rows = [
        ("alice@example.com", "Alice", "pro"),
        ("bob@example.com", "Bob", "free"),
        ("carol@example.com", "Carol", "team"),
    ];
    Arc::new(
        rows.into_iter()
            .map(|(email, name, plan)| {
                let c = Customer {
                    email: email.into(),
                    name: name.into(),
                    plan: plan.into(),
                    status: "active".into(),
                };
                (email.to_string(), c)
            })
            .collect(),
    )
}

/// 1. The kit exactly as a service is deployed: `Application::build` with the common
///    middleware (request ids, metrics, traces, auth guard, CORS) on loopback, 2 workers.
///    Returns the `/mcp` URL.
pub fn kit() -> String {
    let table = customers();
    let tools = Toolbox::new().custom(
        TOOL,
        "Looks a customer up by email.",
        Effect::Read,
        move |i: LookupIn, _ctx| {
            let found = table.get(&i.email).cloned();
            async move { found.ok_or_else(|| ToolError::not_found("no such customer")) }
        },
    );
    let info = ServiceInfo {
        name: "mcp-hop",
        version: "bench",
        instructions: "One in-memory lookup.",
        default_port: 0,
    };
    // `MCP_DIRECT_CALLS=false`: the kit as it was before its direct path, for comparison.
    let settings = ServerSettings {
        mcp_direct_calls: std::env::var("MCP_DIRECT_CALLS").as_deref() != Ok("false"),
        ..ServerSettings::loopback()
    };
    let app =
        common::Application::build(Kit::new(info, tools), &settings, |_| {}).expect("bind the kit");
    format!("http://127.0.0.1:{}/mcp", app.spawn())
}

/// 2. The same tool as a plain rmcp `ServerHandler`.
#[derive(Clone)]
struct Bare {
    customers: Customers,
    // Built once and shared, so no request pays for building it (the kindest baseline).
    tool_router: Arc<ToolRouter<Self>>,
}

#[tool_router]
impl Bare {
    #[tool(
        name = "lookup_customer",
        description = "Looks a customer up by email."
    )]
    async fn lookup_customer(
        &self,
        Parameters(LookupIn { email }): Parameters<LookupIn>,
    ) -> Result<Json<Customer>, String> {
        self.customers
            .get(&email)
            .cloned()
            .map(Json)
            .ok_or_else(|| "no such customer".to_string())
    }
}

#[tool_handler(
    router = self.tool_router,
    name = "mcp-hop-bare",
    version = "bench",
    instructions = "One in-memory lookup."
)]
impl ServerHandler for Bare {}

/// 2. Bare rmcp: the handler above behind rmcp-actix-web's Streamable HTTP service with the
///    kit's transport settings (stateless, JSON responses, no keep-alive pings) and nothing
///    else: no middleware, no guard, no request hook. Same worker count as the kit.
pub fn bare() -> String {
    let bare = Bare {
        customers: customers(),
        tool_router: Arc::new(Bare::tool_router()),
    };
    let mcp = StreamableHttpService::builder()
        .service_factory(Arc::new(move || Ok(bare.clone())))
        .session_manager(Arc::new(LocalSessionManager::default()))
        .stateful_mode(false)
        .json_response(true)
        .disable_sse_keep_alive()
        .build();
    spawn!(move || App::new().service(mcp.clone().scope_with_path("/mcp")))
}

/// 4. The HTTP floor: a bare actix endpoint with no MCP at all. It answers each POST to `/mcp`
///    with a prepared JSON-RPC result for the address found in the body (the same `content`
///    and `structuredContent` as the kit's answer), parsing no JSON and running no tool: the
///    most any actix server with the same worker count serves on this machine for the same
///    requests, so the ceiling for the kit's ratios.
pub fn floor() -> String {
    use actix_web::{HttpResponse, web};
    let answers: Arc<Vec<(Vec<u8>, web::Bytes)>> = Arc::new(
        customers()
            .values()
            .map(|c| {
                let record = serde_json::to_value(c).expect("record");
                let answer = serde_json::json!({"jsonrpc": "2.0", "id": 1, "result": {
                    "content": [{"type": "text", "text": record.to_string()}],
                    "structuredContent": record, "isError": false}});
                let needle = format!("\"{}\"", c.email).into_bytes();
                (needle, web::Bytes::from(answer.to_string()))
            })
            .collect(),
    );
    spawn!(move || {
        let answers = answers.clone();
        App::new().route(
            "/mcp",
            web::post().to(move |body: web::Bytes| {
                let answer = answers
                    .iter()
                    .find(|(needle, _)| body.windows(needle.len()).any(|w| w == &needle[..]))
                    .map(|(_, answer)| answer.clone());
                async move {
                    match answer {
                        Some(a) => HttpResponse::Ok().content_type("application/json").body(a),
                        None => HttpResponse::NotFound().finish(),
                    }
                }
            }),
        )
    })
}
