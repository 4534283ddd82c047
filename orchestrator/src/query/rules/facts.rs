//! One fact per tool result: a clause answering the question (the first sentence is built
//! from these), whether it means "yes", and the supporting details, limited to what the
//! question asked about.

use common::contract::ToolName;
use common::contract::currency_exponent as exponent;
use serde_json::{Map, Value};

use super::intent::{Asks, Topic};

/// What one tool result says about the question.
#[derive(Debug, Clone, Default)]
pub struct Fact {
    /// A clause for the first sentence.
    pub first: String,
    /// Whether it answers a yes/no question with yes (`None`: it does not say).
    pub yes: Option<bool>,
    pub details: Vec<String>,
    /// The source has no record for the person or lacks the field asked about.
    pub missing: bool,
}

fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `{"amount": "49.00", "currency": "USD"}` → `49.00 USD`.
fn money(v: Option<&Value>) -> Option<String> {
    let v = v?;
    Some(format!("{} {}", s(v, "amount")?, s(v, "currency")?))
}

/// The date part of an RFC 3339 timestamp.
fn day(v: &Value, key: &str) -> Option<String> {
    s(v, key).map(|d| d.chars().take(10).collect())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Sums amounts of one currency exactly (in minor units); `None` when currencies differ.
fn sum(amounts: &[&Value]) -> Option<String> {
    let currency = s(amounts.first()?, "currency")?;
    let exp = exponent(currency);
    let mut minor: i128 = 0;
    for a in amounts {
        if s(a, "currency")? != currency {
            return None;
        }
        let raw = s(a, "amount")?;
        let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
        let frac = format!("{frac:0<width$}", width = exp as usize);
        let digits = format!("{whole}{}", &frac[..exp as usize]);
        minor += digits.parse::<i128>().ok()?;
    }
    let scale = 10i128.pow(exp);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.abs();
    Some(if exp == 0 {
        format!("{sign}{abs} {currency}")
    } else {
        format!(
            "{sign}{}.{:0w$} {currency}",
            abs / scale,
            abs % scale,
            w = exp as usize
        )
    })
}

fn quoted_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The fact for a source that has no record of the person.
pub fn not_found(tool: ToolName) -> Fact {
    let what = match tool.service().as_str() {
        "chargebee" => "Chargebee has no billing customer with this email",
        "hubspot" => "HubSpot has no contact with this email",
        "firebase" => "the app has no account with this email",
        _ => "the mailbox has nothing for this address",
    };
    Fact {
        first: what.into(),
        yes: Some(false),
        details: Vec::new(),
        missing: true,
    }
}

/// The fact `data` (the output of `tool` called with `args`) gives for `asks`.
pub fn fact(asks: &Asks, tool: ToolName, args: &Map<String, Value>, data: &Value) -> Fact {
    match tool {
        ToolName::ListInvoices => invoices(asks, args, data),
        ToolName::BillingSummary => summary(asks, data),
        ToolName::ListSubscriptions => subscriptions(asks, data),
        ToolName::GetCustomer => customer(data),
        ToolName::ListTickets => tickets(data),
        ToolName::ListDeals => deals(asks, data),
        ToolName::GetContact => contact(asks, data),
        ToolName::GetCompany => company(data),
        ToolName::GetUser => user(asks, data),
        ToolName::GetProfile => profile(asks, data),
        ToolName::SearchMessages => messages(asks, args, data),
        _ => Fact {
            first: format!("{} answered", tool.as_str()),
            ..Fact::default()
        },
    }
}

fn invoice_line(i: &Value, due: bool) -> String {
    let id = s(i, "id").unwrap_or("?");
    if due {
        let amount = money(i.get("amount_due")).unwrap_or_default();
        let when = day(i, "due_date")
            .map(|d| format!(", due {d}"))
            .unwrap_or_default();
        let overdue = if i["overdue"] == true {
            ", overdue"
        } else {
            ""
        };
        format!("invoice {id}: {amount}{when}{overdue}")
    } else {
        let total = money(i.get("total")).unwrap_or_default();
        let date = day(i, "date").unwrap_or_default();
        let status = s(i, "status").unwrap_or_default().replace('_', " ");
        format!("invoice {id} of {date}: {total}, {status}")
    }
}

fn invoices(asks: &Asks, args: &Map<String, Value>, data: &Value) -> Fact {
    let all = list(data, "invoices");
    let more = data["has_more"] == true;
    let filtered = args.contains_key("status");
    let unpaid_asked = asks.any(&[Topic::Unpaid, Topic::Overdue]);
    if filtered || unpaid_asked {
        let only_overdue = asks.has(Topic::Overdue) && !asks.has(Topic::Unpaid);
        let picked: Vec<&Value> = all
            .iter()
            .filter(|i| s(i, "status") != Some("voided") && owes(i))
            .filter(|i| !only_overdue || i["overdue"] == true)
            .collect();
        let kind = if only_overdue { "overdue" } else { "unpaid" };
        if picked.is_empty() {
            return Fact {
                first: format!("there are no {kind} invoices"),
                yes: Some(false),
                details: Vec::new(),
                missing: false,
            };
        }
        let ids: Vec<String> = picked
            .iter()
            .map(|i| s(i, "id").unwrap_or("?").to_string())
            .collect();
        let dues: Vec<&Value> = picked.iter().filter_map(|i| i.get("amount_due")).collect();
        let total = sum(&dues)
            .map(|t| format!(", {t} due in total"))
            .unwrap_or_default();
        let n = if more {
            format!("at least {}", picked.len())
        } else {
            picked.len().to_string()
        };
        let noun = if picked.len() == 1 {
            "invoice"
        } else {
            "invoices"
        };
        return Fact {
            first: format!("{n} {kind} {noun} ({}){total}", quoted_list(&ids)),
            yes: Some(true),
            details: picked.iter().map(|i| invoice_line(i, true)).collect(),
            missing: false,
        };
    }
    let Some(newest) = all.first() else {
        return Fact {
            first: "there are no invoices".into(),
            yes: Some(false),
            ..Fact::default()
        };
    };
    let mut details: Vec<String> = all.iter().take(5).map(|i| invoice_line(i, false)).collect();
    if all.len() > 5 || more {
        details.push(format!(
            "{} older not shown",
            if more {
                "more".to_string()
            } else {
                (all.len() - 5).to_string()
            }
        ));
    }
    let status = s(newest, "status").unwrap_or_default();
    Fact {
        first: format!(
            "the newest invoice, {}, dated {}, is {} ({})",
            s(newest, "id").unwrap_or("?"),
            day(newest, "date").unwrap_or_default(),
            status.replace('_', " "),
            money(newest.get("total")).unwrap_or_default()
        ),
        yes: Some(status == "paid"),
        details,
        missing: false,
    }
}

/// Whether an invoice still waits for money.
fn owes(i: &Value) -> bool {
    i.get("amount_due")
        .and_then(|m| s(m, "amount"))
        .is_some_and(|a| a.chars().any(|c| c.is_ascii_digit() && c != '0'))
        || matches!(s(i, "status"), Some("payment_due" | "not_paid"))
}

fn summary(asks: &Asks, d: &Value) -> Fact {
    let unpaid = d["unpaid_invoices"].as_u64().unwrap_or(0) as usize;
    let overdue_n = d["overdue_invoices"].as_u64().unwrap_or(0) as usize;
    let outstanding = money(d.get("outstanding")).unwrap_or_default();
    let mut details = Vec::new();
    if d["complete"] == false {
        details.push("totals cover the newest invoices only".to_string());
    }
    if asks.has(Topic::Revenue) && !asks.any(&[Topic::Owed, Topic::Unpaid, Topic::Overdue]) {
        let active = d["active_subscriptions"].as_u64().unwrap_or(0) as usize;
        return Fact {
            first: format!(
                "the MRR is {} from {}",
                money(d.get("mrr")).unwrap_or_default(),
                plural(active, "active subscription", "active subscriptions")
            ),
            yes: Some(active > 0),
            details,
            missing: false,
        };
    }
    if asks.has(Topic::BillingOverall) {
        details.push(format!("MRR {}", money(d.get("mrr")).unwrap_or_default()));
        if let Some(last) = d.get("last_invoice").filter(|v| v.is_object()) {
            details.push(format!(
                "last invoice {} of {}, {}",
                s(last, "id").unwrap_or("?"),
                day(last, "date").unwrap_or_default(),
                s(last, "status").unwrap_or_default().replace('_', " ")
            ));
        }
    }
    if unpaid == 0 {
        return Fact {
            first: "nothing is outstanding (no unpaid invoices)".into(),
            yes: Some(false),
            details,
            missing: false,
        };
    }
    let overdue = if overdue_n > 0 {
        format!(
            ", {} of it overdue on {}",
            money(d.get("overdue")).unwrap_or_default(),
            plural(overdue_n, "invoice", "invoices")
        )
    } else {
        String::new()
    };
    Fact {
        first: format!(
            "{outstanding} is outstanding on {}{overdue}",
            plural(unpaid, "unpaid invoice", "unpaid invoices")
        ),
        yes: Some(true),
        details,
        missing: false,
    }
}

fn sub_line(x: &Value) -> String {
    let plan = s(x, "plan").unwrap_or("unknown plan");
    let status = s(x, "status").unwrap_or_default().replace('_', " ");
    let price = match (money(x.get("amount")), s(x, "billing_period")) {
        (Some(m), Some(p)) => format!(", {m} per {p}"),
        (Some(m), None) => format!(", {m}"),
        _ => String::new(),
    };
    let qty = x["quantity"]
        .as_i64()
        .filter(|q| *q > 1)
        .map(|q| format!(", {q} seats"))
        .unwrap_or_default();
    format!("{plan} ({status}{price}{qty})")
}

fn subscriptions(asks: &Asks, d: &Value) -> Fact {
    let subs = list(d, "subscriptions");
    let live = |x: &&Value| matches!(s(x, "status"), Some("active" | "non_renewing" | "in_trial"));
    let details: Vec<String> = subs.iter().take(5).map(sub_line).collect();
    let fact = |first: String, yes: bool| Fact {
        first,
        yes: Some(yes),
        details: details.clone(),
        missing: false,
    };
    if subs.is_empty() {
        return Fact {
            first: "there is no subscription".into(),
            yes: Some(false),
            ..Fact::default()
        };
    }
    if asks.has(Topic::Trial) {
        return match subs.iter().find(|x| s(x, "status") == Some("in_trial")) {
            Some(t) => fact(
                format!(
                    "the {} trial runs until {}",
                    s(t, "plan").unwrap_or("plan"),
                    day(t, "current_term_end").unwrap_or_else(|| "an unknown date".into())
                ),
                true,
            ),
            None => fact("no subscription is in trial".into(), false),
        };
    }
    if asks.has(Topic::Cancelled) {
        if let Some(c) = subs.iter().find(|x| s(x, "status") == Some("cancelled")) {
            return fact(
                format!(
                    "the {} subscription was cancelled on {}",
                    s(c, "plan").unwrap_or("plan"),
                    day(c, "cancelled_at").unwrap_or_else(|| "an unknown date".into())
                ),
                true,
            );
        }
        if let Some(c) = subs.iter().find(|x| s(x, "status") == Some("non_renewing")) {
            return fact(
                format!(
                    "the {} subscription is set to end on {} and will not renew",
                    s(c, "plan").unwrap_or("plan"),
                    day(c, "current_term_end").unwrap_or_else(|| "an unknown date".into())
                ),
                true,
            );
        }
        return fact("no subscription is cancelled".into(), false);
    }
    let Some(current) = subs.iter().find(live) else {
        return fact(
            format!(
                "there is no live subscription (the latest, {})",
                sub_line(&subs[0])
            ),
            false,
        );
    };
    if asks.count {
        let n = subs.iter().filter(live).count();
        return fact(
            format!(
                "{}, {n} of them live: {}",
                plural(subs.len(), "subscription", "subscriptions"),
                quoted_list(&subs.iter().take(5).map(sub_line).collect::<Vec<_>>())
            ),
            n > 0,
        );
    }
    if asks.has(Topic::Renewal) {
        let when = day(current, "next_billing_at").or_else(|| day(current, "current_term_end"));
        return match when {
            Some(w) if s(current, "status") != Some("non_renewing") => fact(
                format!(
                    "the {} subscription renews on {w}",
                    s(current, "plan").unwrap_or("plan")
                ),
                true,
            ),
            _ => fact(
                format!(
                    "the {} subscription does not renew",
                    s(current, "plan").unwrap_or("plan")
                ),
                false,
            ),
        };
    }
    let n = subs.iter().filter(live).count();
    let also = if n > 1 {
        format!(" ({n} live subscriptions)")
    } else {
        String::new()
    };
    fact(format!("the plan is {}{also}", sub_line(current)), true)
}

fn customer(d: &Value) -> Fact {
    let mut parts = vec![format!(
        "the billing customer is {}",
        s(d, "id").unwrap_or("?")
    )];
    if let Some(c) = s(d, "currency") {
        parts.push(format!("billed in {c}"));
    }
    if let Some(c) =
        money(d.get("credits")).filter(|c| c.chars().any(|ch| ch.is_ascii_digit() && ch != '0'))
    {
        parts.push(format!("with {c} in credits"));
    }
    if d["deleted"] == true {
        parts.push("deleted in Chargebee".into());
    }
    Fact {
        first: parts.join(", "),
        yes: Some(d["deleted"] != true),
        details: Vec::new(),
        missing: false,
    }
}

fn tickets(d: &Value) -> Fact {
    let all = list(d, "tickets");
    let open: Vec<&Value> = all.iter().filter(|t| t["open"] == true).collect();
    let line = |t: &Value| {
        format!(
            "ticket {} \"{}\": {}, {} priority, opened {}",
            s(t, "id").unwrap_or("?"),
            s(t, "subject").unwrap_or("no subject"),
            s(t, "status").unwrap_or("open"),
            s(t, "priority").unwrap_or("no").to_lowercase(),
            day(t, "created_at").unwrap_or_else(|| "?".into())
        )
    };
    if open.is_empty() {
        let closed = all.len();
        return Fact {
            first: format!(
                "there are no open support tickets{}",
                if closed > 0 {
                    format!(" ({} closed)", plural(closed, "ticket", "tickets"))
                } else {
                    String::new()
                }
            ),
            yes: Some(false),
            details: Vec::new(),
            missing: false,
        };
    }
    let subjects: Vec<String> = open
        .iter()
        .map(|t| format!("\"{}\"", s(t, "subject").unwrap_or("no subject")))
        .collect();
    Fact {
        first: format!(
            "{} ({})",
            plural(open.len(), "open support ticket", "open support tickets"),
            quoted_list(&subjects)
        ),
        yes: Some(true),
        details: open.iter().map(|t| line(t)).collect(),
        missing: false,
    }
}

fn deals(asks: &Asks, d: &Value) -> Fact {
    let all = list(d, "deals");
    let line = |x: &Value| {
        let amount = money(x.get("amount"))
            .map(|m| format!(", {m}"))
            .unwrap_or_default();
        let close = day(x, "close_date")
            .map(|c| format!(", close date {c}"))
            .unwrap_or_default();
        format!(
            "{} ({}{amount}{close})",
            s(x, "name").unwrap_or("unnamed deal"),
            s(x, "stage_label").or(s(x, "stage")).unwrap_or("no stage")
        )
    };
    let open: Vec<&Value> = all.iter().filter(|x| x["is_closed"] != true).collect();
    let won: Vec<&Value> = all.iter().filter(|x| x["is_won"] == true).collect();
    let details: Vec<String> = all.iter().take(6).map(&line).collect();
    let asks_won = asks.yes_no && !won.is_empty() && open.is_empty();
    if all.is_empty() {
        return Fact {
            first: "there are no deals".into(),
            yes: Some(false),
            ..Fact::default()
        };
    }
    let first = if open.is_empty() {
        format!(
            "there are no open deals ({} won of {})",
            won.len(),
            plural(all.len(), "deal", "deals")
        )
    } else {
        let names: Vec<String> = open.iter().map(|x| line(x)).collect();
        format!(
            "{}: {}",
            plural(open.len(), "open deal", "open deals"),
            quoted_list(&names)
        )
    };
    Fact {
        first,
        yes: Some(!open.is_empty() || asks_won),
        details,
        missing: false,
    }
}

fn contact(asks: &Asks, d: &Value) -> Fact {
    let name = [s(d, "first_name"), s(d, "last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let mut parts = Vec::new();
    let mut missing = false;
    let mut field = |asked: bool, key: &str, what: &str| {
        if asked {
            match s(d, key) {
                Some(v) => parts.push(format!("the {what} is {v}")),
                None => {
                    parts.push(format!("the CRM has no {what} on file"));
                    missing = true;
                }
            }
        }
    };
    field(asks.has(Topic::Phone), "phone", "phone number");
    field(asks.has(Topic::JobTitle), "job_title", "job title");
    field(
        asks.has(Topic::Lifecycle),
        "lifecycle_stage",
        "lifecycle stage",
    );
    if asks.has(Topic::Owner) {
        parts.push("the CRM record does not say who owns the contact".into());
        missing = true;
    }
    if parts.is_empty() {
        let mut p = vec![format!(
            "the CRM contact is {}",
            if name.is_empty() { "unnamed" } else { &name }
        )];
        if let Some(j) = s(d, "job_title") {
            p.push(j.to_string());
        }
        if let Some(c) = s(d, "company_name") {
            p.push(format!("at {c}"));
        }
        if let Some(l) = s(d, "lifecycle_stage") {
            p.push(format!("lifecycle stage {l}"));
        }
        parts.push(p.join(", "));
    }
    Fact {
        first: parts.join(", and "),
        yes: Some(!missing),
        details: Vec::new(),
        missing,
    }
}

fn company(d: &Value) -> Fact {
    let Some(c) = d.get("company").filter(|c| c.is_object()) else {
        return Fact {
            first: "the CRM links no company to this contact".into(),
            yes: Some(false),
            details: Vec::new(),
            missing: true,
        };
    };
    let mut about = Vec::new();
    if let Some(i) = s(c, "industry") {
        about.push(i.replace('_', " ").to_lowercase());
    }
    if let Some(n) = c["employees"].as_u64() {
        about.push(format!("{n} employees"));
    }
    if let Some(dm) = s(c, "domain") {
        about.push(dm.to_string());
    }
    let more = if about.is_empty() {
        String::new()
    } else {
        format!(" ({})", about.join(", "))
    };
    Fact {
        first: format!("the company is {}{more}", s(c, "name").unwrap_or("unnamed")),
        yes: Some(true),
        details: Vec::new(),
        missing: false,
    }
}

fn user(asks: &Asks, d: &Value) -> Fact {
    let mut parts = Vec::new();
    let mut yes = None;
    if asks.has(Topic::Disabled) {
        let disabled = d["disabled"] == true;
        parts.push(if disabled {
            "the app account is disabled".to_string()
        } else {
            "the app account is active (not disabled)".to_string()
        });
        yes = Some(disabled);
    }
    if asks.has(Topic::Verified) {
        let v = d["email_verified"] == true;
        parts.push(format!(
            "the email address is {}verified",
            if v { "" } else { "not " }
        ));
        yes = yes.or(Some(v));
    }
    if asks.has(Topic::Providers) {
        let p: Vec<String> = list(d, "providers")
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect();
        parts.push(format!(
            "sign-in methods: {}",
            if p.is_empty() {
                "none".to_string()
            } else {
                p.join(", ")
            }
        ));
        yes = yes.or(Some(p.iter().any(|x| x != "password")));
    }
    if asks.has(Topic::SignedUp) {
        parts.push(match day(d, "created_at") {
            Some(c) => format!("the app account was created on {c}"),
            None => "the account's creation date is not recorded".into(),
        });
        yes = yes.or(Some(true));
    }
    if asks.has(Topic::LastLogin) || parts.is_empty() {
        parts.push(match s(d, "last_login_at") {
            Some(t) => format!(
                "the last sign-in was on {} at {} UTC",
                &t[..t.len().min(10)],
                t.get(11..16).unwrap_or("")
            ),
            None => "the user has never signed in".into(),
        });
        yes = yes.or(Some(s(d, "last_login_at").is_some()));
        if !asks.any(&[Topic::Disabled, Topic::Verified]) && d["disabled"] == true {
            parts.push("the account is disabled".into());
        }
    }
    Fact {
        first: parts.join(", and "),
        yes,
        details: Vec::new(),
        missing: false,
    }
}

fn profile(asks: &Asks, d: &Value) -> Fact {
    let mut parts = Vec::new();
    let mut missing = false;
    let mut field = |asked: bool, key: &str, what: &str| {
        if asked {
            match s(d, key) {
                Some(v) => parts.push(format!("the {what} is {v}")),
                None => {
                    parts.push(format!("the profile has no {what}"));
                    missing = true;
                }
            }
        }
    };
    field(asks.has(Topic::Timezone), "timezone", "time zone");
    field(asks.has(Topic::Language), "locale", "locale");
    if parts.is_empty() {
        let mut p = Vec::new();
        for (k, what) in [
            ("display_name", "name"),
            ("plan", "plan"),
            ("locale", "locale"),
            ("timezone", "time zone"),
        ] {
            if let Some(v) = s(d, k) {
                p.push(format!("{what} {v}"));
            }
        }
        parts.push(format!("the app profile shows {}", p.join(", ")));
    }
    Fact {
        first: parts.join(", and "),
        yes: Some(!missing),
        details: Vec::new(),
        missing,
    }
}

fn messages(asks: &Asks, args: &Map<String, Value>, d: &Value) -> Fact {
    let person = args
        .get("email")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let all = list(d, "messages");
    let from_them: Vec<&Value> = all
        .iter()
        .filter(|m| s(m, "from_email").is_some_and(|f| f.eq_ignore_ascii_case(&person)))
        .collect();
    let to_them: Vec<&Value> = all
        .iter()
        .filter(|m| !s(m, "from_email").is_some_and(|f| f.eq_ignore_ascii_case(&person)))
        .collect();
    let latest = |m: &Value| {
        format!(
            "\"{}\" on {}",
            s(m, "subject").unwrap_or("(no subject)"),
            day(m, "date").unwrap_or_else(|| "an unknown date".into())
        )
    };
    let details: Vec<String> = all
        .iter()
        .take(5)
        .map(|m| {
            let dir = if from_them.iter().any(|x| std::ptr::eq(*x, m)) {
                "from them"
            } else {
                "from us"
            };
            format!("{dir}: {}", latest(m))
        })
        .collect();
    let received = match from_them.first() {
        Some(m) => format!(
            "we received {} from this address, the latest {}",
            plural(from_them.len(), "message", "messages"),
            latest(m)
        ),
        None => "no mail from this address is in the mailbox".into(),
    };
    let sent = match to_them.first() {
        Some(m) => format!(
            "we wrote to this address {}, the latest {}",
            plural(to_them.len(), "time", "times"),
            latest(m)
        ),
        None => "we have not written to this address".into(),
    };
    let (first, yes) = match (asks.has(Topic::MailReceived), asks.has(Topic::MailSent)) {
        (true, false) => (received, !from_them.is_empty()),
        (false, true) => (sent, !to_them.is_empty()),
        _ if all.is_empty() => ("there is no mail with this address".into(), false),
        _ => (format!("{received}, and {sent}"), true),
    };
    Fact {
        first,
        yes: Some(yes),
        details,
        missing: false,
    }
}
