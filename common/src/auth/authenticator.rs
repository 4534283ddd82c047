//! [`Authenticator`] (the orchestrator's callers: end users, staff, operators) and
//! [`ServiceAuthenticator`] (a service's one caller: allow-listed service accounts).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use super::settings::GOOGLE_ISSUERS;
use super::verifier::{Claims, unverified_claims};
use super::{AuthError, AuthSettings, Caller, KeySet, Principal, PrincipalKind, Verifier};
use crate::config::ConfigError;
use crate::domain::Email;

/// Timeout of key fetches.
const KEY_FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// Anything that turns an `Authorization` header into a [`Caller`] (a shared [`Principal`]);
/// what [`super::require`] wraps routes with.
pub trait Authenticate: Send + Sync + 'static {
    /// Authenticates the raw `Authorization` header value (`None` when absent).
    fn authenticate<'a>(
        &'a self,
        authorization: Option<&'a str>,
    ) -> impl Future<Output = Result<Caller, AuthError>> + 'a;
}

/// Any [`Authenticate`] behind one type, so a service's routes can be guarded by whichever
/// authenticator its configuration picks (the kit holds one of these).
#[derive(Clone)]
pub struct SharedAuthenticator(Arc<dyn DynAuthenticate>);

/// The object-safe form of [`Authenticate`].
trait DynAuthenticate: Send + Sync + 'static {
    fn authenticate_boxed<'a>(
        &'a self,
        authorization: Option<&'a str>,
    ) -> futures::future::BoxFuture<'a, Result<Caller, AuthError>>;
}

impl DynAuthenticate for Authenticator {
    fn authenticate_boxed<'a>(
        &'a self,
        authorization: Option<&'a str>,
    ) -> futures::future::BoxFuture<'a, Result<Caller, AuthError>> {
        Box::pin(Authenticator::authenticate(self, authorization))
    }
}

impl DynAuthenticate for ServiceAuthenticator {
    fn authenticate_boxed<'a>(
        &'a self,
        authorization: Option<&'a str>,
    ) -> futures::future::BoxFuture<'a, Result<Caller, AuthError>> {
        Box::pin(ServiceAuthenticator::authenticate(self, authorization))
    }
}

impl SharedAuthenticator {
    /// Shares an authenticator already behind an `Arc`.
    pub fn from_arc(a: Arc<Authenticator>) -> Self {
        Self(a)
    }
}

impl From<Authenticator> for SharedAuthenticator {
    fn from(a: Authenticator) -> Self {
        Self(Arc::new(a))
    }
}

impl From<ServiceAuthenticator> for SharedAuthenticator {
    fn from(a: ServiceAuthenticator) -> Self {
        Self(Arc::new(a))
    }
}

impl Authenticate for SharedAuthenticator {
    fn authenticate<'a>(
        &'a self,
        authorization: Option<&'a str>,
    ) -> impl Future<Output = Result<Caller, AuthError>> + 'a {
        self.0.authenticate_boxed(authorization)
    }
}

/// The token of an `Authorization: Bearer <token>` value. Other schemes count as missing.
pub fn bearer(authorization: Option<&str>) -> Result<&str, AuthError> {
    let value = authorization.ok_or(AuthError::Missing)?.trim();
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::Missing);
    }
    match token.trim() {
        "" => Err(AuthError::Malformed),
        token => Ok(token),
    }
}

/// A claim name and the value that grants a role.
#[derive(Debug, Clone)]
struct ClaimRule {
    name: String,
    value: String,
}

struct EndUsers {
    verifier: Verifier,
    staff: ClaimRule,
    operator: ClaimRule,
}

/// Google ID tokens from allow-listed service accounts.
struct ServiceAccounts {
    verifier: Verifier,
    allowed: Vec<Email>,
}

impl ServiceAccounts {
    fn new(
        settings: &AuthSettings,
        http: &reqwest::Client,
        audience: &str,
        allowed: Vec<Email>,
    ) -> Self {
        let keys = Arc::new(KeySet::new(
            settings.google_oidc_jwks_url.clone(),
            http.clone(),
        ));
        let verifier = Verifier::new(keys, GOOGLE_ISSUERS, [audience])
            .with_clock_skew(Duration::from_secs(settings.auth_clock_skew_secs));
        Self { verifier, allowed }
    }

    /// A verified token's service account, if it is verified and allowed.
    async fn principal(&self, token: &str) -> Result<Principal, AuthError> {
        let claims = self.verifier.verify(token).await?;
        let account = claims.verified_email().ok_or(AuthError::Forbidden(
            "service account email is not verified",
        ))?;
        if !self.allowed.contains(&account) {
            return Err(AuthError::Forbidden("service account is not allowed"));
        }
        Ok(principal(&claims, None, PrincipalKind::Service { account }))
    }
}

fn principal(claims: &Claims, email: Option<Email>, kind: PrincipalKind) -> Principal {
    Principal {
        subject: claims.subject().to_string(),
        email,
        kind,
        staff: false,
        operator: false,
        issuer: claims.issuer().to_string(),
        expires_at: claims.expires_at(),
    }
}

fn http_client() -> reqwest::Client {
    crate::upstream::http_client(KEY_FETCH_TIMEOUT)
}

/// Authenticates the orchestrator's callers: end users (Firebase or OIDC, with staff and
/// operator claims) and operator service accounts (Google ID tokens, e.g. Cloud Scheduler).
/// Build one at start-up and share it (`Arc`); keys are cached inside.
pub struct Authenticator {
    disabled: bool,
    users: Option<EndUsers>,
    operators: Option<ServiceAccounts>,
    /// End users' tokens already verified: a client sends the same token with every request
    /// for up to an hour, and one RSA verification per token is enough. Keyed by the token's
    /// SHA-256; an entry is used only until the token's own `exp` (`expires_at`). A hit
    /// shares the caller (no copy of its strings). Hashed with foldhash (randomly seeded),
    /// not SipHash: the keys are digests already. Read when a worker thread's [`recent`]
    /// tokens do not have the token.
    verified: VerifiedCache,
    /// This authenticator's key in each worker thread's [`recent`] tokens.
    id: u64,
}

/// How long a verified token is remembered at most (its `exp` usually ends it sooner): a key
/// withdrawn from the issuer's set stops admitting its tokens within this time. Whatever
/// remembers a caller past a request (the orchestrator's express lane) keeps to it too.
pub const VERIFIED_TTL: Duration = Duration::from_secs(300);
/// How many verified tokens are remembered.
const VERIFIED_CAPACITY: u64 = 50_000;

type VerifiedCache = moka::sync::Cache<[u8; 32], Caller, hashbrown::DefaultHashBuilder>;

fn verified_cache() -> VerifiedCache {
    moka::sync::Cache::builder()
        .max_capacity(VERIFIED_CAPACITY)
        .time_to_live(VERIFIED_TTL)
        .build_with_hasher(hashbrown::DefaultHashBuilder::default())
}

/// Each worker thread's most recently verified tokens, in front of the shared cache: a
/// client sends the same token with every request, and a hit here costs a hash of the token
/// and one comparison, with no lock, no digest and no shared cache's bookkeeping. Keyed by
/// the whole token (compared in full, so no collision can pass for another token) and by the
/// authenticator that verified it. An entry is used only while the shared cache's rules
/// allow (until the token's `exp`, and for at most [`VERIFIED_TTL`] after it was verified).
mod recent {
    use std::cell::RefCell;
    use std::time::Instant;

    use super::Caller;
    use crate::recent::Recent;

    /// Tokens remembered per thread (a token is about 1 KB).
    const CAPACITY: usize = 256;

    thread_local! {
        static RECENT: RefCell<Recent<Caller>> = RefCell::new(Recent::new(CAPACITY));
    }

    /// The caller `token` was verified as by authenticator `id` on this thread, while its
    /// verification may be relied on ([`Caller::fresh_until`]).
    pub(super) fn get(id: u64, token: &str) -> Option<Caller> {
        RECENT.with_borrow(|r| {
            let caller = r.get(id, token)?;
            (caller.fresh_until() > Instant::now()).then(|| caller.clone())
        })
    }

    /// Remembers that authenticator `id` verified `token` as `caller`.
    pub(super) fn put(id: u64, token: &str, caller: &Caller) {
        RECENT.with_borrow_mut(|r| r.insert(id, token, caller.clone()));
    }
}

impl Authenticator {
    /// From validated settings, with its own pooled HTTP client for key fetches.
    pub fn from_settings(settings: &AuthSettings) -> Result<Self, ConfigError> {
        Self::with_http(settings, http_client())
    }

    /// From settings, fetching keys with `http`.
    pub fn with_http(settings: &AuthSettings, http: reqwest::Client) -> Result<Self, ConfigError> {
        settings.validate()?;
        if settings.auth_disabled {
            return Ok(Self::disabled());
        }
        let skew = Duration::from_secs(settings.auth_clock_skew_secs);
        let users = settings.end_user_issuer()?.map(|issuer| {
            let keys = Arc::new(KeySet::new(issuer.jwks_url, http.clone()));
            EndUsers {
                verifier: Verifier::new(keys, [issuer.issuer], [issuer.audience])
                    .with_clock_skew(skew),
                staff: ClaimRule {
                    name: settings.auth_staff_claim.clone(),
                    value: settings.auth_staff_value.clone(),
                },
                operator: ClaimRule {
                    name: settings.auth_operator_claim.clone(),
                    value: settings.auth_operator_value.clone(),
                },
            }
        });
        let accounts = settings.operator_accounts()?;
        let operators = match (&settings.auth_google_audience, accounts.is_empty()) {
            (Some(audience), false) => {
                Some(ServiceAccounts::new(settings, &http, audience, accounts))
            }
            _ => None,
        };
        Ok(Self {
            disabled: false,
            users,
            operators,
            verified: verified_cache(),
            id: crate::recent::next_owner(),
        })
    }

    /// Lets everyone in as [`Principal::anonymous`] (`AUTH_DISABLED=true`; tests, local runs).
    pub fn disabled() -> Self {
        Self {
            disabled: true,
            users: None,
            operators: None,
            verified: verified_cache(),
            id: crate::recent::next_owner(),
        }
    }

    /// Whether every caller is let in (`AUTH_DISABLED=true`).
    pub fn is_disabled(&self) -> bool {
        self.disabled
    }

    /// Fetches every configured key set now (start-up), so the first request does not wait.
    pub async fn warm_up(&self) -> Result<(), AuthError> {
        if let Some(u) = &self.users {
            u.verifier.keys().refresh().await?;
        }
        if let Some(o) = &self.operators {
            o.verifier.keys().refresh().await?;
        }
        Ok(())
    }

    /// The end-user issuer's key set, if configured (tests, metrics).
    pub fn user_keys(&self) -> Option<&Arc<KeySet>> {
        self.users.as_ref().map(|u| u.verifier.keys())
    }

    /// Google's key set for operator service accounts, if configured.
    pub fn google_keys(&self) -> Option<&Arc<KeySet>> {
        self.operators.as_ref().map(|o| o.verifier.keys())
    }

    /// Authenticates an `Authorization` header value. The token goes to the verifier whose
    /// issuer it names (read unverified, only to choose); that verifier checks everything.
    pub async fn authenticate(&self, authorization: Option<&str>) -> Result<Caller, AuthError> {
        if self.disabled {
            return Ok(Caller::anonymous());
        }
        if self.users.is_none() && self.operators.is_none() {
            return Err(AuthError::NotConfigured);
        }
        let token = bearer(authorization)?;
        if let Some(caller) = recent::get(self.id, token) {
            return Ok(caller);
        }
        let digest: [u8; 32] = {
            use sha2::Digest;
            sha2::Sha256::digest(token.as_bytes()).into()
        };
        if let Some(caller) = self.verified.get(&digest) {
            if caller.expires_at > chrono::Utc::now() {
                recent::put(self.id, token, &caller);
                return Ok(caller);
            }
            self.verified.invalidate(&digest);
        }
        let claims = unverified_claims(token)?;
        let iss = claims
            .get("iss")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let mut refusal = None;
        if let Some(users) = self
            .users
            .as_ref()
            .filter(|u| u.verifier.accepts_issuer(iss))
        {
            match users.verifier.verify(token).await {
                Ok(claims) => {
                    let caller = Caller::from(users.principal(&claims));
                    self.verified.insert(digest, caller.clone());
                    recent::put(self.id, token, &caller);
                    return Ok(caller);
                }
                Err(e) => refusal = Some(e),
            }
        }
        // An OIDC end-user issuer may be Google itself: then the operator path gets its turn.
        if let Some(ops) = self
            .operators
            .as_ref()
            .filter(|o| o.verifier.accepts_issuer(iss))
        {
            return match ops.principal(token).await {
                Ok(mut p) => {
                    p.operator = true;
                    Ok(Caller::from(p))
                }
                Err(e) => Err(refusal.unwrap_or(e)),
            };
        }
        Err(refusal.unwrap_or(AuthError::Invalid("wrong issuer")))
    }
}

impl EndUsers {
    fn principal(&self, claims: &Claims) -> Principal {
        let mut p = principal(claims, claims.verified_email(), PrincipalKind::User);
        p.staff = claims.matches(&self.staff.name, &self.staff.value);
        p.operator = claims.matches(&self.operator.name, &self.operator.value);
        p
    }
}

impl Authenticate for Authenticator {
    fn authenticate<'a>(
        &'a self,
        authorization: Option<&'a str>,
    ) -> impl Future<Output = Result<Caller, AuthError>> + 'a {
        Authenticator::authenticate(self, authorization)
    }
}

/// Authenticates calls to a service: Google ID tokens with `aud` = `SERVICE_AUTH_AUDIENCE`
/// from an account in `SERVICE_AUTH_ALLOWED_INVOKERS` (verified email).
pub struct ServiceAuthenticator {
    disabled: bool,
    accounts: Option<ServiceAccounts>,
}

impl ServiceAuthenticator {
    /// From validated settings, with its own pooled HTTP client for key fetches. When service
    /// auth is not configured (and not disabled), every call is refused as not configured.
    pub fn from_settings(settings: &AuthSettings) -> Result<Self, ConfigError> {
        Self::with_http(settings, http_client())
    }

    /// From settings, fetching keys with `http`.
    pub fn with_http(settings: &AuthSettings, http: reqwest::Client) -> Result<Self, ConfigError> {
        settings.validate()?;
        if settings.auth_disabled {
            return Ok(Self::disabled());
        }
        let invokers = settings.allowed_invokers()?;
        let accounts = match (&settings.service_auth_audience, invokers.is_empty()) {
            (Some(audience), false) => {
                Some(ServiceAccounts::new(settings, &http, audience, invokers))
            }
            _ => None,
        };
        Ok(Self {
            disabled: false,
            accounts,
        })
    }

    /// Lets everyone in as [`Principal::anonymous`].
    pub fn disabled() -> Self {
        Self {
            disabled: true,
            accounts: None,
        }
    }

    /// Whether every caller is let in (`AUTH_DISABLED=true`).
    pub fn is_disabled(&self) -> bool {
        self.disabled
    }

    /// Google's key set, if configured.
    pub fn keys(&self) -> Option<&Arc<KeySet>> {
        self.accounts.as_ref().map(|a| a.verifier.keys())
    }

    /// Authenticates an `Authorization` header value.
    pub async fn authenticate(&self, authorization: Option<&str>) -> Result<Caller, AuthError> {
        if self.disabled {
            return Ok(Caller::anonymous());
        }
        let accounts = self.accounts.as_ref().ok_or(AuthError::NotConfigured)?;
        accounts
            .principal(bearer(authorization)?)
            .await
            .map(Caller::from)
    }
}

impl Authenticate for ServiceAuthenticator {
    fn authenticate<'a>(
        &'a self,
        authorization: Option<&'a str>,
    ) -> impl Future<Output = Result<Caller, AuthError>> + 'a {
        ServiceAuthenticator::authenticate(self, authorization)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_credentials_are_read_case_insensitively() {
        assert_eq!(bearer(Some("Bearer abc")), Ok("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Ok("abc"));
        assert_eq!(bearer(None), Err(AuthError::Missing));
        assert_eq!(bearer(Some("Basic dXNlcg==")), Err(AuthError::Missing));
        assert_eq!(bearer(Some("Bearer")), Err(AuthError::Malformed));
        assert_eq!(bearer(Some("Bearer   ")), Err(AuthError::Malformed));
    }
}
