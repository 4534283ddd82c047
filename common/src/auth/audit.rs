//! Audit records of staff reading customers' data, with a keyed hash in place of the email.

use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

use super::{AuthError, Principal};
use crate::domain::Email;

/// Hex characters kept of the HMAC (128 bits: collisions are not a concern at our scale).
const HASH_HEX_LEN: usize = 32;

/// `hex(HMAC-SHA256(key, email))`, first 32 hex characters: the same customer gets the same
/// hash under one key, and the email cannot be recovered or guessed without the key.
pub fn customer_hash(key: &SecretString, email: &Email) -> String {
    keyed_hash(key, email.as_str())
}

/// The same keyed hash of a caller (issuer and subject): who started a pipeline run, stored
/// without the caller's identity.
pub fn principal_hash(key: &SecretString, principal: &Principal) -> String {
    keyed_hash(key, &format!("{}\n{}", principal.issuer, principal.subject))
}

fn keyed_hash(key: &SecretString, text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.expose_secret().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(text.as_bytes());
    let digest = mac.finalize().into_bytes();
    crate::text::hex(&digest[..HASH_HEX_LEN / 2])
}

/// Emits one `audit` line: the staff member's subject and the customer's keyed hash, never the
/// email.
pub fn audit_staff_access(principal: &Principal, customer: &Email, key: &SecretString) {
    tracing::info!(
        target: "audit",
        event = "staff_access",
        staff_subject = %principal.subject,
        issuer = %principal.issuer,
        customer = %customer_hash(key, customer),
        request_id = crate::request_id::current().as_deref().unwrap_or("-"),
        "staff read another customer's data"
    );
}

/// [`Principal::may_read`], auditing the read when it is allowed only because of the staff claim.
pub fn authorize_read(
    principal: &Principal,
    customer: &Email,
    key: &SecretString,
) -> Result<(), AuthError> {
    principal.may_read(customer)?;
    if principal.reads_as_staff(customer) && !principal.is_anonymous() {
        audit_staff_access(principal, customer, key);
    }
    Ok(())
}
