//! The official Python MCP SDK against the service, in both protocol eras.

use serde_json::json;

use crate::helpers::{message, spawn_rules};

#[tokio::test]
async fn the_python_sdk_lists_and_calls_process_email_in_both_eras() {
    let base = spawn_rules();
    testkit::python_interop(
        &format!("{base}/mcp"),
        json!({
            "tool": "process_email",
            "arguments": {
                "message": message("ana@example.com", "Invoice wrong", "We were charged twice."),
                "classification": {"category": "billing", "priority": "high"}
            },
            "bad_arguments": {"message": 7, "classification": {}},
            "expect_tools": ["process_email"],
        }),
    )
    .await;
}
