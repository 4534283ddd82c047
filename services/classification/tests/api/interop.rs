//! The official Python MCP SDK against the service, in both protocol eras.

use serde_json::json;

use crate::helpers::spawn_rules;

#[tokio::test]
async fn the_python_sdk_lists_and_calls_classify_email_in_both_eras() {
    let base = spawn_rules();
    testkit::python_interop(
        &format!("{base}/mcp"),
        json!({
            "tool": "classify_email",
            "arguments": {"from": "ana@example.com", "subject": "Invoice wrong", "body": "We were charged twice."},
            "bad_arguments": {"from": 7},
            "expect_tools": ["classify_email"],
        }),
    )
    .await;
}
