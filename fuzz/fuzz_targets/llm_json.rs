//! A model's reply, any text: `common::llm::extract_json`, which finds the JSON value in
//! bare, fenced or prose-wrapped replies (balanced-bracket scan, bounded work).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// `a` and `b` are the same JSON, floats within a few ULPs: serde_json's default float
/// parser (no `float_roundtrip` feature) may read a long decimal 1 ULP off, so a float
/// printed and read back need not be bit-identical (the first finding of this target).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fuzz_target!(init: mcp_fuzz::write_seeds_if_asked("llm_json"), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return; // model replies arrive as JSON strings: always UTF-8
    };
    if let Ok(value) = common::llm::extract_json(text) {
        // What was found is JSON: it prints and reads back as itself.
        let printed = value.to_string();
        let again: Value = serde_json::from_str(&printed).expect("printed JSON parses");
        assert!(same(&again, &value), "{value} printed as {printed} reads back as {again}");
    }
});
