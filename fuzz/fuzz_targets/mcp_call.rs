//! A `POST /mcp/call` body, any bytes: the kit's request shape (`common::kit::CallRequest`),
//! then the kit's dispatch (`Kit::call`) into every tool of the product's contract, which
//! deserialises the arguments as that tool's `Input` (the orchestrator's own tools
//! included). The stub handlers check that an accepted input survives serialisation, as it
//! must when the orchestrator sends it on, and answer `not_found`.
#![no_main]

use std::sync::LazyLock;

use common::contract::{
    Effect, Tool, chargebee, classification, firebase, gmail, hubspot, llm_agent,
};
use common::kit::{CallRequest, Kit, ServiceInfo, ToolError, Toolbox};
use libfuzzer_sys::fuzz_target;
use orchestrator::pipeline::api::{
    GetStatusInput, RunPipelineInput, RunPipelineOutput, StatusOutput,
};
use orchestrator::query::http::QueryTool;
use serde_json::Value;

const INFO: ServiceInfo = ServiceInfo {
    name: "fuzz",
    version: "0",
    instructions: "",
    default_port: 0,
};

/// A handler that checks the input it was given and finds nothing.
macro_rules! stub {
    ($input:ty, $output:ty, $what:expr) => {
        |input: $input, _ctx| async move {
            mcp_fuzz::assert_round_trip(&input, $what);
            Err::<$output, _>(ToolError::not_found("fuzz stub"))
        }
    };
}

/// Serves every contract tool `T` with a stub.
macro_rules! contract_tools {
    ($toolbox:expr, $($tool:ty),+ $(,)?) => {
        $toolbox
            $(.serve::<$tool, _, _>(stub!(<$tool as Tool>::Input, <$tool as Tool>::Output, stringify!($tool))))+
    };
}

static KIT: LazyLock<Kit> = LazyLock::new(|| {
    let tools = contract_tools!(
        Toolbox::new(),
        QueryTool,
        chargebee::GetCustomer,
        chargebee::ListSubscriptions,
        chargebee::ListInvoices,
        chargebee::BillingSummary,
        hubspot::GetContact,
        hubspot::GetCompany,
        hubspot::ListDeals,
        hubspot::ListTickets,
        firebase::GetUser,
        firebase::GetProfile,
        firebase::CreateTask,
        firebase::ListTasks,
        firebase::UpdateTask,
        gmail::ListMessages,
        gmail::GetMessage,
        gmail::SearchMessages,
        classification::ClassifyEmail,
        llm_agent::ProcessEmail,
    )
    // The pipeline's tool types are private to the orchestrator; their inputs are not.
    .custom(
        "run_pipeline",
        "",
        Effect::Write { idempotent: true },
        stub!(RunPipelineInput, RunPipelineOutput, "RunPipelineInput"),
    )
    .custom(
        "get_status",
        "",
        Effect::Read,
        stub!(GetStatusInput, StatusOutput, "GetStatusInput"),
    );
    Kit::new(INFO, tools)
});

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime")
});

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("mcp_call"), |data: &[u8]| {
    let Ok(CallRequest { tool, arguments }) = serde_json::from_slice::<CallRequest>(data) else {
        return;
    };
    if tool.is_empty() {
        return; // the route refuses it before any call
    }
    let arguments = arguments.unwrap_or(Value::Null);
    if let Ok(result) = RUNTIME.block_on(KIT.call(&tool, arguments, "/mcp/call")) {
        let code = result.structured_content.as_ref().map(|c| c["code"].clone());
        assert!(
            matches!(code.as_ref().and_then(Value::as_str), Some("not_found" | "invalid_arguments")),
            "{tool}: an input was neither refused nor handed to the tool: {code:?}"
        );
    }
});
