//! Rules path end to end over the sandbox's seeded mailbox: every message classified by the
//! classification service's built-in engine, then processed by the agent without a model.

use std::collections::BTreeMap;

use serde_json::json;

use crate::helpers::{assert_only_allowed_actions, ok, process, spawn_rules};

#[tokio::test]
async fn the_seeded_mailbox_is_processed_into_allowed_actions() {
    let classifier = testkit::spawn(
        classification::build(&Default::default(), Default::default(), Default::default())
            .expect("classification builds"),
    );
    let agent = spawn_rules();
    let http = common::tls::client();
    let mut tasks: BTreeMap<String, usize> = BTreeMap::new();
    let mut nones = 0;
    let mail = sandbox::data::mailbox::mailbox();
    for m in mail {
        let cls: serde_json::Value = http
            .post(format!("{classifier}/mcp/call"))
            .json(&json!({"tool": "classify_email", "arguments": {"from": m.from, "subject": m.subject_text, "body": m.plain}}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let message =
            json!({"id": m.id, "from": m.from, "subject": m.subject_text, "text": m.plain});
        let out = process(
            &agent,
            json!({"message": message, "classification": ok(&cls)}),
        )
        .await;
        let out = ok(&out);
        assert_only_allowed_actions(out);
        for a in out["actions"].as_array().unwrap() {
            if a["type"] == "create_task" {
                *tasks
                    .entry(a["assignee"].as_str().unwrap_or("-").to_string())
                    .or_default() += 1;
            } else {
                nones += 1;
            }
        }
    }
    println!(
        "{} messages: tasks by team {tasks:?}, {nones} without a task",
        mail.len()
    );
    assert!(
        tasks.contains_key("billing") && tasks.contains_key("support"),
        "{tasks:?}"
    );
    assert!(nones > 0);
}
