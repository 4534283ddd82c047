//! [`Principal`]: who is calling, once a token verified, and what that lets them read.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::AuthError;
use super::authenticator::VERIFIED_TTL;
use crate::domain::Email;

/// What kind of caller a principal is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalKind {
    /// An end user (Firebase or the configured OIDC issuer), staff and operators included.
    User,
    /// A Google service account (Cloud Scheduler, a sibling service), by its verified email.
    Service { account: Email },
    /// Authentication is disabled (`AUTH_DISABLED=true`): every policy lets it through.
    Anonymous,
}

/// An authenticated caller.
#[derive(Clone, PartialEq, Eq)]
pub struct Principal {
    /// `sub` of the token.
    pub subject: String,
    /// The user's email, only when the token says it is verified. `None` for services.
    pub email: Option<Email>,
    /// User, service account, or anonymous.
    pub kind: PrincipalKind,
    /// May read any customer's data (audited).
    pub staff: bool,
    /// May run and inspect the pipeline.
    pub operator: bool,
    /// `iss` of the token.
    pub issuer: String,
    /// When the token expires.
    pub expires_at: DateTime<Utc>,
}

/// Emails stay out of logs, even through `{:?}`.
impl std::fmt::Debug for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.kind {
            PrincipalKind::User => "user",
            PrincipalKind::Service { .. } => "service",
            PrincipalKind::Anonymous => "anonymous",
        };
        f.debug_struct("Principal")
            .field("subject", &self.subject)
            .field("email", &self.email.as_ref().map(|_| "<verified>"))
            .field("kind", &kind)
            .field("staff", &self.staff)
            .field("operator", &self.operator)
            .field("issuer", &self.issuer)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl Principal {
    /// The caller when authentication is disabled: staff and operator, on purpose.
    pub fn anonymous() -> Self {
        Self {
            subject: "anonymous".into(),
            email: None,
            kind: PrincipalKind::Anonymous,
            staff: true,
            operator: true,
            issuer: "local".into(),
            expires_at: DateTime::<Utc>::MAX_UTC,
        }
    }

    /// A Google service account.
    pub fn is_service(&self) -> bool {
        matches!(self.kind, PrincipalKind::Service { .. })
    }

    /// The stand-in caller of disabled authentication.
    pub fn is_anonymous(&self) -> bool {
        matches!(self.kind, PrincipalKind::Anonymous)
    }

    /// Whether the caller may read `customer`'s data: their own verified email
    /// (case-insensitively), or any as staff. Staff reads of others' data should be audited
    /// ([`super::audit::authorize_read`] does both).
    pub fn may_read(&self, customer: &Email) -> Result<(), AuthError> {
        if self.staff {
            return Ok(());
        }
        match &self.email {
            // `Email` is lower-cased when parsed, so equality is case-insensitive.
            Some(own) if own == customer => Ok(()),
            Some(_) => Err(AuthError::Forbidden("may only read data of its own email")),
            None => Err(AuthError::Forbidden("the token carries no verified email")),
        }
    }

    /// Whether reading `customer` is a staff read of someone else's data.
    pub fn reads_as_staff(&self, customer: &Email) -> bool {
        self.staff && self.email.as_ref() != Some(customer)
    }

    /// Operators only (run the pipeline, read its status).
    pub fn require_operator(&self) -> Result<(), AuthError> {
        if self.operator {
            Ok(())
        } else {
            Err(AuthError::Forbidden("operator role required"))
        }
    }
}

/// The authenticated caller as a shared handle: what [`super::require`] stores for the
/// request. Extracting it copies a pointer; [`Principal`] (extracted by value) copies the
/// strings.
#[derive(Debug, Clone)]
pub struct Caller {
    principal: Arc<Principal>,
    /// When the token it came from was verified (made into a `Caller`).
    verified: Instant,
}

impl Caller {
    /// Until when the verification this caller came from may be relied on without another:
    /// [`VERIFIED_TTL`] after it, and never past the token's `exp`.
    pub fn fresh_until(&self) -> Instant {
        let now = Instant::now();
        let left = (self.expires_at - Utc::now())
            .to_std()
            .unwrap_or(Duration::ZERO);
        (self.verified + VERIFIED_TTL).min(now + left)
    }

    /// The caller of `req`, when [`super::require`] admitted one.
    pub fn of(req: &actix_web::HttpRequest) -> Option<Caller> {
        use actix_web::HttpMessage;
        req.extensions().get::<Caller>().cloned()
    }

    /// [`Principal::anonymous`], shared: every request of a service with authentication
    /// disabled gets the same one.
    pub fn anonymous() -> Caller {
        static ANONYMOUS: std::sync::LazyLock<Caller> =
            std::sync::LazyLock::new(|| Caller::from(Principal::anonymous()));
        ANONYMOUS.clone()
    }
}

impl From<Principal> for Caller {
    fn from(principal: Principal) -> Self {
        Caller {
            principal: Arc::new(principal),
            verified: Instant::now(),
        }
    }
}

impl std::ops::Deref for Caller {
    type Target = Principal;

    fn deref(&self) -> &Principal {
        &self.principal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: Option<&str>, staff: bool) -> Principal {
        Principal {
            subject: "uid-1".into(),
            email: email.map(|e| Email::parse(e).unwrap()),
            kind: PrincipalKind::User,
            staff,
            operator: false,
            issuer: "https://securetoken.google.com/p".into(),
            expires_at: Utc::now(),
        }
    }

    #[test]
    fn a_verification_is_relied_on_until_the_tokens_exp_or_the_verified_ttl() {
        let caller = |exp_in: i64| {
            let mut p = user(Some("alice@example.com"), false);
            p.expires_at = Utc::now() + chrono::Duration::seconds(exp_in);
            Caller::from(p)
        };
        let soon = caller(30).fresh_until();
        let now = Instant::now();
        assert!(soon > now + Duration::from_secs(20) && soon <= now + Duration::from_secs(30));
        let later = caller(3_600).fresh_until();
        assert!(later <= Instant::now() + VERIFIED_TTL);
        assert!(later > Instant::now() + VERIFIED_TTL - Duration::from_secs(10));
        assert!(caller(-1).fresh_until() <= Instant::now(), "past its exp");
    }

    #[test]
    fn a_user_reads_only_their_own_email_whatever_its_case() {
        let alice = user(Some("alice@example.com"), false);
        assert_eq!(
            alice.may_read(&Email::parse("Alice@Example.com").unwrap()),
            Ok(())
        );
        assert!(matches!(
            alice.may_read(&Email::parse("bob@example.com").unwrap()),
            Err(AuthError::Forbidden(_))
        ));
        assert!(
            user(None, false)
                .may_read(&Email::parse("a@b.co").unwrap())
                .is_err()
        );
    }

    #[test]
    fn staff_read_anyone_and_operators_are_required_by_name() {
        let staff = user(Some("s@example.com"), true);
        let bob = Email::parse("bob@example.com").unwrap();
        assert_eq!(staff.may_read(&bob), Ok(()));
        assert!(staff.reads_as_staff(&bob));
        assert!(staff.require_operator().is_err());
        assert_eq!(Principal::anonymous().require_operator(), Ok(()));
    }

    #[test]
    fn debug_output_never_shows_the_email() {
        let text = format!("{:?}", user(Some("alice@example.com"), false));
        assert!(!text.contains("alice"), "{text}");
    }
}
