//! A synthesis reply, any text: parsed as the `Synthesis` JSON the way the LLM layer parses
//! replies (`common::llm::parse_reply`), then accepted by the orchestrator's writer skill
//! (`WriteSkill::accept`): a non-empty answer and a confidence within 0..1.
#![no_main]

use std::time::Duration;

use common::llm::Skill;
use libfuzzer_sys::fuzz_target;
use orchestrator::query::brain::{Synthesis, WriteInput, WriteSkill};
use orchestrator::query::model::Query;

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("synthesis"), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(reply) = common::llm::parse_reply::<Synthesis>(text) else {
        return;
    };
    let skill = WriteSkill {
        timeout: Duration::from_secs(1),
    };
    let input = WriteInput {
        query: Query::parse("Does she have unpaid invoices?").unwrap(),
        outcomes: Vec::new(),
    };
    if let Ok(written) = skill.accept(&input, reply) {
        assert!(!written.answer.is_empty() && written.answer == written.answer.trim());
        assert!((0.0..=1.0).contains(&written.estimate), "{}", written.estimate);
    }
});
