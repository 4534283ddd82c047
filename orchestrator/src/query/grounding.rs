//! The grounding check on a model-written answer: every invoice, ticket and deal id, every
//! email, every amount and every date it states must appear in the tool results or the
//! question, after normalising formats (`$1,234.50`, `1.234,50 €`, `1234.50 USD`;
//! `2026-11-01`, `November 1, 2026`, `1 Nov 2026`, `01/11/2026`), or be a count or a sum
//! computed from them. An answer that fails is not served: the caller replaces it with the
//! built-in writer's answer, which is written from the data alone (see [`super::compute`]).
//! Replacing rather than flagging: a flagged wrong number still reads as an answer.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::execute::ToolOutcome;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("static regex")
});
/// An id after the record it names: `invoice 1013`, `ticket #5001`, `deal id: d_42`.
static RECORD_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:invoice|ticket|deal|factura|rechnung|facture|fattura|factuur|fatura|請求書)s?\s*(?:#|no\.?|nr\.?|number|id|n[º°])?\s*:?\s*#?([A-Za-z0-9][A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*)",
    )
    .expect("static regex")
});
/// An amount with its currency before or after it.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:([$€£¥])\s?(\d[\d.,' ]*\d|\d))|(?:(\d[\d.,' ]*\d|\d)\s?(usd|eur|gbp|jpy|chf|cad|aud|dollars?|euros?|pounds?|yen|[$€£¥]))",
    )
    .expect("static regex")
});
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("static regex"));
static NAMED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b")
        .expect("static regex")
});
static SLASH_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").expect("static regex"));

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// A decimal written with `,` or `.` as the thousands or the decimal separator, in cents
/// (hundredths) so `1,234.5` and `1.234,50` compare equal.
fn cents(raw: &str) -> Option<i128> {
    let t: String = raw.chars().filter(|c| !matches!(c, ' ' | '\'')).collect();
    let last_sep = t.rfind(['.', ',']);
    let (whole, frac) = match last_sep {
        // A separator followed by exactly three digits is a thousands separator.
        Some(i) if t.len() - i - 1 == 3 => (t.clone(), String::new()),
        Some(i) => (t[..i].to_string(), t[i + 1..].to_string()),
        None => (t.clone(), String::new()),
    };
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    let frac = format!("{frac:0<2}");
    let w: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: i128 = frac.get(..2)?.parse().ok()?;
    Some(w * 100 + f)
}

/// Which group a list item's amount is summed in.
type Grouping = fn(&Value) -> Option<String>;

/// What the results and the question contain, normalised.
#[derive(Default)]
struct Facts {
    text: String,
    strings: BTreeSet<String>,
    amounts: BTreeSet<i128>,
    dates: BTreeSet<String>,
    counts: usize,
}

impl Facts {
    fn collect(&mut self, v: &Value) {
        match v {
            Value::String(s) => {
                self.strings.insert(s.to_lowercase());
                if let Some(c) = cents(s).filter(|_| {
                    s.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                }) {
                    self.amounts.insert(c);
                }
                if let Some(d) = s.get(..10).filter(|d| ISO_DATE.is_match(d)) {
                    self.dates.insert(d.to_string());
                }
            }
            Value::Number(n) => {
                self.strings.insert(n.to_string());
                if let Some(c) = cents(&n.to_string()) {
                    self.amounts.insert(c);
                }
            }
            Value::Array(items) => {
                self.counts = self.counts.max(items.len());
                for i in items {
                    self.collect(i);
                }
                self.sums(items);
            }
            Value::Object(o) => o.values().for_each(|x| self.collect(x)),
            Value::Bool(_) | Value::Null => {}
        }
    }

    /// Sums of each money field over a list: all items, and the items sharing a status,
    /// an overdue flag or an open flag.
    fn sums(&mut self, items: &[Value]) {
        let keys = ["amount_due", "total", "amount_paid", "amount", "mrr"];
        let groups: [Grouping; 5] = [
            |_| Some(String::new()),
            |i| i.get("status").map(Value::to_string),
            |i| i.get("overdue").map(Value::to_string),
            |i| i.get("open").map(Value::to_string),
            |i| i.get("is_won").map(Value::to_string),
        ];
        for key in keys {
            for g in &groups {
                let mut by: std::collections::BTreeMap<String, i128> = Default::default();
                for i in items {
                    let (Some(group), Some(a)) = (
                        g(i),
                        i.get(key)
                            .and_then(|m| m.get("amount"))
                            .and_then(Value::as_str)
                            .and_then(cents),
                    ) else {
                        continue;
                    };
                    *by.entry(group).or_default() += a;
                }
                self.amounts.extend(by.into_values());
            }
        }
    }
}

/// What a model answer states that the data does not hold: `invoice 9999`, `1,234.00 USD`.
pub fn ungrounded(
    answer: &str,
    question: &str,
    person: &str,
    outcomes: &[ToolOutcome],
) -> Vec<String> {
    let mut f = Facts::default();
    for o in outcomes {
        if let Some(d) = &o.data {
            f.collect(d);
        }
    }
    f.text = format!(
        "{} {} {}",
        question.to_lowercase(),
        person.to_lowercase(),
        f.strings.iter().cloned().collect::<Vec<_>>().join(" ")
    );
    // The question's own numbers and dates count as given.
    for m in AMOUNT.captures_iter(question) {
        if let Some(c) = m.get(2).or(m.get(3)).and_then(|n| cents(n.as_str())) {
            f.amounts.insert(c);
        }
    }
    let mut bad = Vec::new();
    for m in EMAIL.find_iter(answer) {
        if !f.text.contains(&m.as_str().to_lowercase()) {
            bad.push("an email address".to_string());
        }
    }
    for c in RECORD_ID.captures_iter(answer) {
        let id = c[1].to_lowercase();
        if !f.strings.contains(&id) && !question.to_lowercase().contains(&id) {
            bad.push(format!("id {id}"));
        }
    }
    for c in AMOUNT.captures_iter(answer) {
        let Some(raw) = c.get(2).or(c.get(3)) else {
            continue;
        };
        let Some(v) = cents(raw.as_str()) else {
            continue;
        };
        // A small whole number next to a currency word may be a count ("3 euros invoices" is
        // rare; "2 invoices" never matches): counts up to the longest list are allowed.
        let is_count = v % 100 == 0 && (v / 100) as usize <= f.counts;
        if !f.amounts.contains(&v) && !is_count {
            bad.push(format!("amount {}", raw.as_str().trim()));
        }
    }
    let date_ok = |y: &str, m: u32, d: u32| {
        let iso = format!("{y}-{m:02}-{d:02}");
        f.dates.contains(&iso) || question.contains(&iso)
    };
    for c in ISO_DATE.captures_iter(answer) {
        let (m, d) = (c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        if !date_ok(&c[1], m, d) {
            bad.push(format!("date {}", &c[0]));
        }
    }
    for c in NAMED_DATE.captures_iter(answer) {
        let (d, m, y) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(d), Some(m), Some(y)) => (d.as_str(), m.as_str(), y.as_str()),
            _ => (&c[5], &c[4], &c[6]),
        };
        let (Some(m), Ok(d)) = (month(m), d.parse::<u32>()) else {
            continue;
        };
        if !date_ok(y, m, d) {
            bad.push(format!("date {}", &c[0]));
        }
    }
    for c in SLASH_DATE.captures_iter(answer) {
        let (a, b) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        if !date_ok(&c[3], b, a) && !date_ok(&c[3], a, b) {
            bad.push(format!("date {}", &c[0]));
        }
    }
    bad.sort();
    bad.dedup();
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_decimals_normalise_to_cents() {
        assert_eq!(cents("1,234.50"), Some(123_450));
        assert_eq!(cents("1.234,50"), Some(123_450));
        assert_eq!(cents("49"), Some(4_900));
        assert_eq!(cents("49.00"), Some(4_900));
        assert_eq!(cents("1,234"), Some(123_400));
    }

    fn outcome(data: Value) -> ToolOutcome {
        let email = common::Email::parse("alice@example.com").unwrap();
        ToolOutcome {
            call: crate::query::plan::PlannedCall::for_person(
                common::contract::ToolName::ListInvoices,
                &email,
            ),
            status: crate::query::model::SourceStatus::Ok,
            data: Some(data),
            not_found: false,
            error: None,
            latency_ms: 1,
            cached: false,
        }
    }

    fn invoices() -> Vec<ToolOutcome> {
        let inv = |id: &str, due: &str, date: &str| {
            serde_json::json!({"id": id, "status": "payment_due", "due_date": date,
                "amount_due": {"amount": due, "currency": "USD"}, "overdue": false})
        };
        vec![outcome(serde_json::json!({"invoices": [
            inv("1013", "49.00", "2026-11-15T00:00:00Z"),
            inv("1012", "1234.50", "2026-10-15T00:00:00Z")
        ]}))]
    }

    #[test]
    fn values_from_the_results_in_any_format_pass() {
        let answer = "Yes: invoice 1013 ($49.00, due November 15, 2026) and invoice #1012                       (1.234,50 €, due 15/10/2026), 1,283.50 USD in total; 2 invoices.";
        assert_eq!(
            ungrounded(answer, "unpaid?", "alice@example.com", &invoices()),
            Vec::<String>::new()
        );
    }

    #[test]
    fn invented_ids_amounts_dates_and_emails_fail() {
        let answer = "Invoice 9999 for $75.00 is due 2026-12-01; write to bob@evil.example.";
        let bad = ungrounded(answer, "unpaid?", "alice@example.com", &invoices());
        assert_eq!(
            bad,
            [
                "amount 75.00",
                "an email address",
                "date 2026-12-01",
                "id 9999"
            ]
        );
    }
}
