//! Chargebee's wire format: only the fields the tools read. Unknown fields are ignored, and
//! optional ones default, because Chargebee adds fields and omits empty ones.

use serde::Deserialize;

/// One page of a list: `{"list": [...], "next_offset": "..."}`.
#[derive(Debug, Deserialize)]
pub struct ListPage<T> {
    pub list: Vec<T>,
    #[serde(default)]
    pub next_offset: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct CustomerItem {
    pub customer: CbCustomer,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CbCustomer {
    pub id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    pub created_at: i64,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub auto_collection: Option<String>,
    #[serde(default)]
    pub preferred_currency_code: Option<String>,
    #[serde(default)]
    pub promotional_credits: i64,
    #[serde(default)]
    pub refundable_credits: i64,
    #[serde(default)]
    pub unbilled_charges: i64,
}

#[derive(Debug, Deserialize)]
pub struct SubscriptionItem {
    pub subscription: CbSubscription,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CbSubscription {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub currency_code: Option<String>,
    #[serde(default)]
    pub billing_period: Option<u32>,
    #[serde(default)]
    pub billing_period_unit: Option<String>,
    #[serde(default)]
    pub started_at: Option<i64>,
    #[serde(default)]
    pub current_term_end: Option<i64>,
    #[serde(default)]
    pub next_billing_at: Option<i64>,
    #[serde(default)]
    pub cancelled_at: Option<i64>,
    #[serde(default)]
    pub mrr: Option<i64>,
    /// Product catalog 2.0.
    #[serde(default)]
    pub subscription_items: Vec<CbSubscriptionItem>,
    /// Product catalog 1.0 sites.
    #[serde(default)]
    pub plan_id: Option<String>,
    #[serde(default)]
    pub plan_amount: Option<i64>,
    #[serde(default)]
    pub plan_quantity: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CbSubscriptionItem {
    pub item_price_id: String,
    #[serde(default)]
    pub item_type: Option<String>,
    #[serde(default)]
    pub quantity: Option<i64>,
    #[serde(default)]
    pub amount: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct InvoiceItem {
    pub invoice: CbInvoice,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CbInvoice {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub subscription_id: Option<String>,
    #[serde(default)]
    pub date: Option<i64>,
    #[serde(default)]
    pub due_date: Option<i64>,
    pub currency_code: String,
    #[serde(default)]
    pub total: i64,
    #[serde(default)]
    pub amount_paid: i64,
    #[serde(default)]
    pub amount_due: i64,
    #[serde(default)]
    pub paid_at: Option<i64>,
}
