//! A model's reply, any text: `common::llm::extract_json`, which finds the JSON value in
//! bare, fenced or prose-wrapped replies (balanced-bracket scan, bounded work).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("llm_json"), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return; // model replies arrive as JSON strings: always UTF-8
    };
    if let Ok(value) = common::llm::extract_json(text) {
        // What was found is JSON: it prints and reads back as itself.
        let printed = value.to_string();
        let again: serde_json::Value = serde_json::from_str(&printed).expect("printed JSON parses");
        assert_eq!(again, value);
    }
});
