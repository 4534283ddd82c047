//! Audit records: the keyed hash stands in for the customer's email.

use std::io::Write;
use std::sync::Arc;

use common::Email;
use common::auth::audit::{audit_staff_access, authorize_read, customer_hash};
use common::auth::{Principal, PrincipalKind};
use parking_lot::Mutex;
use secrecy::SecretString;

fn key(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

#[test]
fn the_customer_hash_is_stable_keyed_and_does_not_contain_the_email() {
    let alice = Email::parse("alice@example.com").unwrap();
    let k1 = key("first-audit-key-0123456789");
    let hash = customer_hash(&k1, &alice);
    assert_eq!(hash.len(), 32);
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        hash,
        customer_hash(&k1, &Email::parse("ALICE@example.com").unwrap())
    );
    assert!(!hash.contains("alice") && !hash.contains("example"));
    assert_ne!(
        hash,
        customer_hash(&key("second-audit-key-0123456789"), &alice)
    );
    assert_ne!(
        hash,
        customer_hash(&k1, &Email::parse("bob@example.com").unwrap())
    );
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn staff() -> Principal {
    Principal {
        subject: "staff-uid-7".into(),
        email: Some(Email::parse("support@example.com").unwrap()),
        kind: PrincipalKind::User,
        staff: true,
        operator: false,
        issuer: "https://securetoken.google.com/p".into(),
        expires_at: chrono::Utc::now(),
    }
}

fn captured_logs(f: impl FnOnce()) -> String {
    let out = Captured::default();
    let writer = out.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, f);
    String::from_utf8_lossy(&out.0.lock()).into_owned()
}

#[test]
fn a_staff_read_is_audited_with_the_subject_and_hash_but_never_the_email() {
    let alice = Email::parse("alice@example.com").unwrap();
    let k = key("an-audit-key-for-the-tests");
    let logs = captured_logs(|| audit_staff_access(&staff(), &alice, &k));
    assert!(logs.contains("audit"), "{logs}");
    assert!(logs.contains("staff-uid-7"), "{logs}");
    assert!(logs.contains(&customer_hash(&k, &alice)), "{logs}");
    assert!(!logs.contains("alice"), "{logs}");
}

#[test]
fn only_reads_granted_by_the_staff_claim_are_audited() {
    let k = key("an-audit-key-for-the-tests");
    let own = Email::parse("support@example.com").unwrap();
    let logs = captured_logs(|| authorize_read(&staff(), &own, &k).unwrap());
    assert!(logs.is_empty(), "{logs}");
    let other = Email::parse("bob@example.com").unwrap();
    let logs = captured_logs(|| authorize_read(&staff(), &other, &k).unwrap());
    assert_eq!(logs.lines().count(), 1, "{logs}");
}
