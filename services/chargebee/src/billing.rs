//! The tools' domain: find the customer by email, then read and trim subscriptions and
//! invoices. Nothing here knows about HTTP or MCP.

use chrono::{DateTime, Utc};
use common::Email;
use common::contract::Money;
use common::contract::chargebee::{Customer, Invoice, Subscription};
use common::upstream::UpstreamError;

use crate::client::ChargebeeClient;
use crate::wire::{CbCustomer, CbInvoice, CbSubscription};

/// Epoch seconds as RFC 3339 UTC.
pub fn rfc3339(secs: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The customer for `email`: the newest live one, else the newest deleted one.
/// Returns it with the ids of the others.
pub async fn find_customer(
    client: &ChargebeeClient,
    email: &Email,
) -> Result<(CbCustomer, Vec<String>), UpstreamError> {
    let mut found = client.customers_by_email(email.as_str()).await?;
    // Stable: keeps the newest-first order within live and deleted.
    found.sort_by_key(|c| c.deleted);
    let mut it = found.into_iter();
    let first = it
        .next()
        .ok_or_else(|| UpstreamError::NotFound("no Chargebee customer has that email".into()))?;
    Ok((first, it.map(|c| c.id).collect()))
}

pub fn customer(c: CbCustomer, others: Vec<String>) -> Customer {
    let money = |v: i64| {
        c.preferred_currency_code
            .as_deref()
            .map(|cur| Money::from_minor(v, cur))
    };
    Customer {
        credits: money(c.promotional_credits + c.refundable_credits),
        unbilled_charges: money(c.unbilled_charges),
        id: c.id,
        email: c.email,
        first_name: c.first_name,
        last_name: c.last_name,
        company: c.company,
        created_at: rfc3339(c.created_at),
        deleted: c.deleted,
        auto_collection: c.auto_collection,
        currency: c.preferred_currency_code,
        other_customer_ids: others,
    }
}

pub fn subscription(s: CbSubscription) -> Subscription {
    let plan_item = s
        .subscription_items
        .iter()
        .find(|i| i.item_type.as_deref().is_none_or(|t| t == "plan"));
    let plan = plan_item
        .map(|i| i.item_price_id.clone())
        .or(s.plan_id.clone());
    let quantity = plan_item.and_then(|i| i.quantity).or(s.plan_quantity);
    let minor = if s.subscription_items.is_empty() {
        s.plan_amount.map(|a| a * s.plan_quantity.unwrap_or(1))
    } else {
        Some(s.subscription_items.iter().filter_map(|i| i.amount).sum())
    };
    let cur = s.currency_code.clone();
    let money = |v: Option<i64>| Some(Money::from_minor(v?, cur.as_deref()?));
    Subscription {
        amount: money(minor),
        mrr: money(s.mrr),
        billing_period: match (s.billing_period, &s.billing_period_unit) {
            (Some(n), Some(u)) => Some(format!("{n} {u}")),
            _ => None,
        },
        started_at: s.started_at.and_then(rfc3339),
        current_term_end: s.current_term_end.and_then(rfc3339),
        next_billing_at: s.next_billing_at.and_then(rfc3339),
        cancelled_at: s.cancelled_at.and_then(rfc3339),
        id: s.id,
        status: s.status,
        plan,
        quantity,
    }
}

pub fn invoice(i: CbInvoice, now: i64) -> Invoice {
    let cur = i.currency_code.as_str();
    let overdue = i.status == "not_paid"
        || (i.amount_due > 0
            && matches!(i.status.as_str(), "payment_due" | "posted")
            && i.due_date.is_some_and(|d| d < now));
    Invoice {
        total: Money::from_minor(i.total, cur),
        amount_paid: Money::from_minor(i.amount_paid, cur),
        amount_due: Money::from_minor(i.amount_due, cur),
        date: i.date.and_then(rfc3339),
        due_date: i.due_date.and_then(rfc3339),
        paid_at: i.paid_at.and_then(rfc3339),
        overdue,
        id: i.id,
        status: i.status,
        subscription_id: i.subscription_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inv(status: &str, due: i64, amount_due: i64) -> CbInvoice {
        CbInvoice {
            id: "1".into(),
            status: status.into(),
            subscription_id: None,
            date: Some(0),
            due_date: Some(due),
            currency_code: "USD".into(),
            total: 4900,
            amount_paid: 4900 - amount_due,
            amount_due,
            paid_at: None,
        }
    }

    #[test]
    fn an_invoice_is_overdue_when_unpaid_past_its_due_date() {
        assert!(invoice(inv("payment_due", 100, 4900), 200).overdue);
        assert!(!invoice(inv("payment_due", 300, 4900), 200).overdue);
        assert!(invoice(inv("not_paid", 300, 4900), 200).overdue);
        assert!(!invoice(inv("paid", 100, 0), 200).overdue);
    }

    #[test]
    fn epoch_seconds_become_rfc3339() {
        assert_eq!(rfc3339(1_793_491_200).unwrap(), "2026-11-01T00:00:00Z");
    }
}
