//! The official Python MCP SDK (both protocol eras) against the service.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_python_sdk_lists_and_calls_the_tools_in_both_eras() {
    let app = spawn_app().await;
    testkit::python_interop(
        &format!("{}/mcp", app.base),
        json!({
            "tool": "list_messages",
            "arguments": {"max": 3},
            "bad_arguments": {"since": "not a date"},
            "expect_tools": ["list_messages", "get_message", "search_messages"],
        }),
    )
    .await;
}
