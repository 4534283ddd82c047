//! Amounts as every tool answers them: an exact decimal string and an ISO 4217 currency.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An amount as a decimal string (exact, no float rounding) with its ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Money {
    /// Decimal amount, e.g. `"49.00"` (`"7350"` for JPY, which has no minor unit).
    pub amount: String,
    /// ISO 4217 code, e.g. `"USD"`.
    pub currency: String,
}

/// Digits after the decimal point for an ISO 4217 currency.
pub fn exponent(currency: &str) -> u32 {
    match currency.to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

impl Money {
    /// `minor` units of `currency` as a decimal (Chargebee sends integers in the minor unit).
    pub fn from_minor(minor: i64, currency: &str) -> Self {
        let exp = exponent(currency);
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let amount = if exp == 0 {
            format!("{sign}{abs}")
        } else {
            let scale = 10u64.pow(exp);
            format!(
                "{sign}{}.{:0width$}",
                abs / scale,
                abs % scale,
                width = exp as usize
            )
        };
        Self {
            amount,
            currency: currency.to_ascii_uppercase(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_become_exact_decimals() {
        assert_eq!(Money::from_minor(4900, "usd").amount, "49.00");
        assert_eq!(Money::from_minor(5, "EUR").amount, "0.05");
        assert_eq!(Money::from_minor(-1234, "GBP").amount, "-12.34");
        assert_eq!(Money::from_minor(7350, "JPY").amount, "7350");
        assert_eq!(Money::from_minor(1500, "KWD").amount, "1.500");
        assert_eq!(Money::from_minor(0, "USD").amount, "0.00");
    }
}
