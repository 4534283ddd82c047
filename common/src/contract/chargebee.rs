//! Billing (Chargebee): customers, subscriptions, invoices and totals, trimmed to what a
//! question needs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ByEmail, Effect, Money, person_tool, tool};
use crate::Email;

/// Most invoices `list_invoices` returns in one call.
pub const MAX_INVOICES: u32 = 100;
/// Invoices `list_invoices` returns when no `limit` is given.
pub const DEFAULT_INVOICES: u32 = 10;

tool!(
    /// The billing customer with this email.
    GetCustomer: GetCustomer, Effect::Read, ByEmail => Customer,
    "The Chargebee billing customer with this email: id, name, company, currency, credits, whether deleted."
);
person_tool!(GetCustomer, 60);

tool!(
    /// The person's subscriptions.
    ListSubscriptions: ListSubscriptions, Effect::Read, ByEmail => Subscriptions,
    "The person's Chargebee subscriptions (newest first): plan, status, price per period, MRR, renewal and cancellation dates."
);
person_tool!(ListSubscriptions, 60);

tool!(
    /// The person's newest invoices.
    ListInvoices: ListInvoices, Effect::Read, ListInvoicesInput => Invoices,
    "The person's newest Chargebee invoices (default 10, at most 100 per call): status, dates, total, amount paid and due, overdue flag. `status` keeps only invoices in those statuses (unpaid = [\"payment_due\", \"not_paid\"]); pass `next_offset` back as `offset` for older ones."
);
person_tool!(ListInvoices, 60);

tool!(
    /// Billing totals for the person.
    BillingSummary: BillingSummary, Effect::Read, ByEmail => BillingTotals,
    "Billing totals for the person: outstanding and overdue amounts, unpaid and overdue invoice counts, active subscriptions, MRR, last invoice."
);
person_tool!(BillingSummary, 60);

/// `list_invoices` arguments.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListInvoicesInput {
    /// The person's email address.
    pub email: Email,
    /// How many of the newest invoices to return (1–100, default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub limit: Option<u32>,
    /// Only invoices in one of these statuses (Chargebee's `status[in]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 6))]
    pub status: Option<Vec<InvoiceStatus>>,
    /// Continue where the previous call stopped (its `next_offset`; Chargebee's `offset`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 256))]
    pub offset: Option<String>,
}

/// An invoice status, as Chargebee names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Paid,
    Posted,
    PaymentDue,
    NotPaid,
    Voided,
    Pending,
}

impl InvoiceStatus {
    /// The statuses of an invoice still waiting for money.
    pub const UNPAID: [InvoiceStatus; 2] = [InvoiceStatus::PaymentDue, InvoiceStatus::NotPaid];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Paid => "paid",
            Self::Posted => "posted",
            Self::PaymentDue => "payment_due",
            Self::NotPaid => "not_paid",
            Self::Voided => "voided",
            Self::Pending => "pending",
        }
    }
}

/// A billing customer, trimmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Customer {
    pub id: String,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company: Option<String>,
    /// RFC 3339.
    pub created_at: Option<String>,
    /// The customer was deleted in Chargebee (history may remain).
    pub deleted: bool,
    /// `on`: cards are charged automatically; `off`: invoices are paid offline.
    pub auto_collection: Option<String>,
    pub currency: Option<String>,
    /// Promotional plus refundable credits.
    pub credits: Option<Money>,
    /// Charges not invoiced yet.
    pub unbilled_charges: Option<Money>,
    /// Other Chargebee customers with the same email (Chargebee allows duplicates).
    pub other_customer_ids: Vec<String>,
}

/// A subscription, trimmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Subscription {
    pub id: String,
    /// `future`, `in_trial`, `active`, `non_renewing`, `paused` or `cancelled`.
    pub status: String,
    /// The plan's item price id.
    pub plan: Option<String>,
    pub quantity: Option<i64>,
    /// Price of one billing period.
    pub amount: Option<Money>,
    /// E.g. `1 month`, `1 year`.
    pub billing_period: Option<String>,
    /// Monthly recurring revenue of this subscription.
    pub mrr: Option<Money>,
    pub started_at: Option<String>,
    pub current_term_end: Option<String>,
    pub next_billing_at: Option<String>,
    pub cancelled_at: Option<String>,
}

impl Subscription {
    /// Whether it still bills (counts towards MRR and "active").
    pub fn is_live(&self) -> bool {
        is_live(&self.status)
    }
}

/// Whether a subscription status still bills (counts towards MRR and "active").
pub fn is_live(status: &str) -> bool {
    matches!(status, "active" | "non_renewing" | "in_trial")
}

/// An invoice, trimmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Invoice {
    pub id: String,
    /// `paid`, `posted`, `payment_due`, `not_paid`, `voided` or `pending`.
    pub status: String,
    pub date: Option<String>,
    pub due_date: Option<String>,
    pub total: Money,
    pub amount_paid: Money,
    pub amount_due: Money,
    pub paid_at: Option<String>,
    /// Unpaid past its due date (or dunning exhausted).
    pub overdue: bool,
    pub subscription_id: Option<String>,
}

/// `list_subscriptions` result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Subscriptions {
    pub customer_id: String,
    /// Newest first.
    pub subscriptions: Vec<Subscription>,
    pub total: usize,
    /// Subscriptions that still bill (active, non-renewing, in trial).
    pub active: usize,
    /// False when the page budget ran out before the list ended.
    pub complete: bool,
}

/// `list_invoices` result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Invoices {
    pub customer_id: String,
    /// Newest first.
    pub invoices: Vec<Invoice>,
    pub returned: usize,
    /// More (older) invoices exist.
    pub has_more: bool,
    /// Pass as `offset` to read the next (older) invoices; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<String>,
}

/// The newest invoice, briefly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LastInvoice {
    pub id: String,
    pub status: String,
    pub date: Option<String>,
    pub total: Money,
}

/// `billing_summary` result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BillingTotals {
    pub customer_id: String,
    pub customer_deleted: bool,
    /// The currency of the totals below.
    pub currency: String,
    pub active_subscriptions: usize,
    /// Monthly recurring revenue of the live subscriptions.
    pub mrr: Money,
    /// Unpaid amount on all invoices.
    pub outstanding: Money,
    /// Unpaid amount past its due date.
    pub overdue: Money,
    pub unpaid_invoices: usize,
    pub overdue_invoices: usize,
    pub invoice_count: usize,
    pub last_invoice: Option<LastInvoice>,
    /// Invoices in another currency are not in the totals; their count.
    pub invoices_in_other_currencies: usize,
    /// False when the page budget ran out: totals cover the newest invoices only.
    pub complete: bool,
}
