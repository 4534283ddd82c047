//! Chargebee records derived deterministically from the seeded people: customers,
//! subscriptions and invoices, shaped as the Chargebee API v2 returns them (amounts in minor
//! units, timestamps in epoch seconds).

use std::sync::LazyLock;

use serde_json::{Value, json};

use super::people::{Person, people};

/// Invoice dates count back from here (2026-11-01T00:00:00Z), so the data never moves.
pub const ANCHOR: i64 = 1_793_491_200;
const DAY: i64 = 86_400;
/// Payment terms on every invoice.
const NET_TERM_DAYS: i64 = 30;

/// One record with the keys lists filter and sort on.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub customer_id: String,
    pub status: String,
    /// `created_at` for customers and subscriptions, `date` for invoices.
    pub sort_key: i64,
    pub deleted: bool,
    /// The list item: `{"customer": …}`, `{"subscription": …, "customer": …}` or `{"invoice": …}`.
    pub item: Value,
}

/// Every record of one kind, in ascending `sort_key` order.
pub struct Dataset {
    pub customers: Vec<Record>,
    pub subscriptions: Vec<Record>,
    pub invoices: Vec<Record>,
}

/// The Chargebee customer id of a seeded person.
pub fn customer_id(p: &Person) -> String {
    format!("cust_{:04}", p.index + 1)
}

/// ISO 4217 currency by the person's country (their email's top-level domain).
pub fn currency(p: &Person) -> &'static str {
    match p.email.rsplit('.').next().unwrap_or_default() {
        "jp" => "JPY",
        "fr" | "es" | "it" | "de" | "pt" | "ie" => "EUR",
        "se" => "SEK",
        _ => "USD",
    }
}

/// Price of one billing period of a plan, in minor units of `currency`.
fn price(plan: &str, currency: &str) -> i64 {
    let major = match plan {
        "enterprise-annual" => 12_000,
        "starter-monthly" => 19,
        _ => 49,
    };
    match currency {
        // Zero-decimal currency: the minor unit is the yen itself (and prices are local).
        "JPY" => major * 150,
        "SEK" => major * 1_050,
        _ => major * 100,
    }
}

fn period(plan: &str) -> (&'static str, i64) {
    if plan.ends_with("annual") {
        ("year", 365)
    } else {
        ("month", 30)
    }
}

fn plan_of(p: &Person, i: u8) -> &'static str {
    if i == 0 { p.plan } else { "starter-monthly" }
}

fn created_at(p: &Person) -> i64 {
    // Customers joined between 2022 and 2023, a few days apart in seed order.
    1_640_995_200 + p.index as i64 * 11 * DAY
}

fn customer(p: &Person) -> Value {
    let created = created_at(p);
    let mut c = json!({
        "id": customer_id(p),
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "auto_collection": "on",
        "net_term_days": 0,
        "allow_direct_debit": false,
        "created_at": created,
        "created_from_ip": "203.0.113.7",
        "taxability": "taxable",
        "updated_at": created + 30 * DAY,
        "pii_cleared": "active",
        "channel": "web",
        "resource_version": (created + 30 * DAY) * 1000,
        "deleted": p.chargebee_deleted,
        "object": "customer",
        "card_status": if p.chargebee_deleted { "no_card" } else { "valid" },
        "promotional_credits": 0,
        "refundable_credits": 0,
        "excess_payments": 0,
        "unbilled_charges": 0,
        "preferred_currency_code": currency(p),
        "mrr": 0,
    });
    if let Some(company) = p.company {
        c["company"] = json!(company);
    }
    c
}

fn card(p: &Person) -> Value {
    json!({
        "status": "valid",
        "gateway": "chargebee",
        "gateway_account_id": "gw_sandbox",
        "first_name": p.first_name,
        "last_name": p.last_name,
        "iin": "411111",
        "last4": format!("{:04}", 1111 + p.index * 7),
        "card_type": "visa",
        "funding_type": "credit",
        "expiry_month": 1 + (p.index % 12),
        "expiry_year": 2028,
        "masked_number": format!("************{:04}", 1111 + p.index * 7),
        "object": "card",
        "customer_id": customer_id(p),
        "payment_source_id": format!("pm_{:04}", p.index + 1),
    })
}

fn subscriptions(p: &Person) -> Vec<Record> {
    (0..p.subscriptions)
        .map(|i| {
            let plan = plan_of(p, i);
            let cur = currency(p);
            let (unit, days) = period(plan);
            let amount = price(plan, cur);
            let started = created_at(p) + i as i64 * 40 * DAY;
            // First active, second non-renewing, third cancelled.
            let status = ["active", "non_renewing", "cancelled"][usize::from(i.min(2))];
            let term_start = ANCHOR - (p.index as i64 % 20) * DAY;
            let mut s = json!({
                "id": format!("sub_{:04}_{}", p.index + 1, i + 1),
                "billing_period": 1,
                "billing_period_unit": unit,
                "customer_id": customer_id(p),
                "status": status,
                "current_term_start": term_start,
                "current_term_end": term_start + days * DAY,
                "created_at": started,
                "started_at": started,
                "activated_at": started,
                "updated_at": term_start,
                "has_scheduled_changes": false,
                "channel": "web",
                "resource_version": term_start * 1000,
                "deleted": false,
                "object": "subscription",
                "currency_code": cur,
                "subscription_items": [{
                    "item_price_id": format!("{plan}-{}", cur.to_lowercase()),
                    "item_type": "plan",
                    "quantity": 1,
                    "unit_price": amount,
                    "amount": amount,
                    "free_quantity": 0,
                    "object": "subscription_item",
                }],
                "due_invoices_count": 0,
                "mrr": if status == "cancelled" { 0 } else if unit == "year" { amount / 12 } else { amount },
            });
            match status {
                "cancelled" => {
                    s["cancelled_at"] = json!(term_start);
                    s["cancel_reason"] = json!("not_paid");
                }
                "non_renewing" => s["cancelled_at"] = json!(term_start + days * DAY),
                _ => s["next_billing_at"] = json!(term_start + days * DAY),
            }
            Record {
                id: s["id"].as_str().unwrap_or_default().to_string(),
                customer_id: customer_id(p),
                status: status.to_string(),
                sort_key: started,
                deleted: false,
                item: json!({"subscription": s, "customer": customer(p), "card": card(p)}),
            }
        })
        .collect()
}

fn invoices(p: &Person) -> Vec<Record> {
    let cur = currency(p);
    let recurring = p.subscriptions > 0;
    let plan = plan_of(p, 0);
    let (_, spacing) = if recurring {
        period(plan)
    } else {
        ("month", 30)
    };
    let amount = if recurring {
        price(plan, cur)
    } else {
        // One-off charges (setup, services) for customers without a subscription.
        25_000
    };
    let n = i64::from(p.invoices);
    (0..n)
        .map(|k| {
            // k = 0 is the oldest; the newest is a few days before the anchor.
            let age = n - 1 - k;
            let date = ANCHOR - (p.index as i64 % 20) * DAY - age * spacing * DAY;
            let due = date + NET_TERM_DAYS * DAY;
            // Unpaid people: the newest invoice is due, the one before it overdue.
            let status = match (p.unpaid_invoices, age) {
                (true, 0) => "payment_due",
                (true, 1) => "not_paid",
                _ => "paid",
            };
            let paid = status == "paid";
            let id = (1000 + p.index * 20 + k as usize).to_string();
            let mut inv = json!({
                "id": id,
                "customer_id": customer_id(p),
                "recurring": recurring,
                "status": status,
                "price_type": "tax_exclusive",
                "date": date,
                "due_date": due,
                "net_term_days": NET_TERM_DAYS,
                "exchange_rate": 1.0,
                "currency_code": cur,
                "total": amount,
                "amount_paid": if paid { amount } else { 0 },
                "amount_adjusted": 0,
                "write_off_amount": 0,
                "credits_applied": 0,
                "amount_due": if paid { 0 } else { amount },
                "updated_at": if paid { date + 2 * DAY } else { date },
                "resource_version": date * 1000,
                "deleted": false,
                "object": "invoice",
                "first_invoice": k == 0,
                "amount_to_collect": if paid { 0 } else { amount },
                "round_off_amount": 0,
                "has_advance_charges": false,
                "sub_total": amount,
                "tax": 0,
                "line_items": [{
                    "id": format!("li_{id}"),
                    "date_from": date,
                    "date_to": date + spacing * DAY,
                    "unit_amount": amount,
                    "quantity": 1,
                    "amount": amount,
                    "is_taxed": false,
                    "tax_amount": 0,
                    "object": "line_item",
                    "subscription_id": if recurring { json!(format!("sub_{:04}_1", p.index + 1)) } else { Value::Null },
                    "customer_id": customer_id(p),
                    "description": if recurring { plan.to_string() } else { "Professional services".into() },
                    "entity_type": if recurring { "plan_item_price" } else { "charge_item_price" },
                }],
            });
            if recurring {
                inv["subscription_id"] = json!(format!("sub_{:04}_1", p.index + 1));
            }
            if paid {
                inv["paid_at"] = json!(date + 2 * DAY);
            } else {
                inv["dunning_status"] = json!(if status == "not_paid" { "exhausted" } else { "in_progress" });
            }
            Record {
                id,
                customer_id: customer_id(p),
                status: status.to_string(),
                sort_key: date,
                deleted: false,
                item: json!({ "invoice": inv }),
            }
        })
        .collect()
}

/// The whole Chargebee dataset, built once.
pub fn dataset() -> &'static Dataset {
    static DATA: LazyLock<Dataset> = LazyLock::new(|| {
        let in_chargebee: Vec<&Person> = people().iter().filter(|p| p.presence.chargebee).collect();
        let mut customers: Vec<Record> = in_chargebee
            .iter()
            .map(|p| {
                let mut item = json!({ "customer": customer(p) });
                if !p.chargebee_deleted {
                    item["card"] = card(p);
                }
                Record {
                    id: customer_id(p),
                    customer_id: customer_id(p),
                    status: String::new(),
                    sort_key: created_at(p),
                    deleted: p.chargebee_deleted,
                    item,
                }
            })
            .collect();
        let mut subscriptions: Vec<Record> =
            in_chargebee.iter().flat_map(|p| subscriptions(p)).collect();
        let mut invoices: Vec<Record> = in_chargebee.iter().flat_map(|p| invoices(p)).collect();
        // Subscriptions' MRR rolls up onto the customer, as Chargebee reports it.
        for c in &mut customers {
            let mrr: i64 = subscriptions
                .iter()
                .filter(|s| s.customer_id == c.id)
                .filter_map(|s| s.item["subscription"]["mrr"].as_i64())
                .sum();
            c.item["customer"]["mrr"] = json!(mrr);
        }
        for v in [&mut customers, &mut subscriptions, &mut invoices] {
            v.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.id.cmp(&b.id)));
        }
        Dataset {
            customers,
            subscriptions,
            invoices,
        }
    });
    &DATA
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_follow_the_seeded_people() {
        let d = dataset();
        let alice = super::super::people::person("alice@example.com").unwrap();
        let id = customer_id(alice);
        assert_eq!(
            d.invoices.iter().filter(|r| r.customer_id == id).count(),
            14
        );
        let unpaid: Vec<_> = d
            .invoices
            .iter()
            .filter(|r| r.customer_id == id && r.status != "paid")
            .collect();
        assert_eq!(unpaid.len(), 2);
        assert!(d.customers.iter().any(|c| c.deleted));
        let only_hubspot = super::super::people::person("emma@example.com").unwrap();
        assert!(
            !d.customers
                .iter()
                .any(|c| c.id == customer_id(only_hubspot))
        );
    }
}
