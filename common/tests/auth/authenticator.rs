//! Authenticator and ServiceAuthenticator against the sandbox issuer: users, staff, operators
//! and service accounts.

use common::Email;
use common::auth::{AuthError, Authenticator, PrincipalKind, ServiceAuthenticator};
use sandbox::issuer::{TokenKind, TokenRequest};
use serde_json::json;

use crate::helpers::{ORCHESTRATOR_URL, SCHEDULER_SA, SandboxIssuer, settings};

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

const ALICE: &str = "alice@example.com";

#[tokio::test]
async fn a_firebase_user_token_authenticates_with_its_verified_email() {
    let issuer = SandboxIssuer::start();
    let authn = Authenticator::from_settings(&issuer.settings(&[])).unwrap();
    let token = issuer.mint(TokenRequest::new(TokenKind::User).email(ALICE));
    let p = authn.authenticate(Some(&bearer(&token))).await.unwrap();
    assert_eq!(p.kind, PrincipalKind::User);
    assert_eq!(p.email, Some(Email::parse(ALICE).unwrap()));
    assert_eq!(p.subject, sandbox::issuer::firebase_uid(ALICE));
    assert_eq!(
        p.issuer,
        "https://securetoken.google.com/demo-mcp-orchestrator"
    );
    assert!(!p.staff && !p.operator);
    assert!(
        p.may_read(&Email::parse("ALICE@example.com").unwrap())
            .is_ok()
    );
    assert!(
        p.may_read(&Email::parse("bob@example.com").unwrap())
            .is_err()
    );
}

#[tokio::test]
async fn an_unverified_email_is_not_taken_as_the_callers() {
    let issuer = SandboxIssuer::start();
    let authn = Authenticator::from_settings(&issuer.settings(&[])).unwrap();
    let token = issuer.mint(
        TokenRequest::new(TokenKind::User)
            .email(ALICE)
            .email_verified(false),
    );
    let p = authn.authenticate(Some(&bearer(&token))).await.unwrap();
    assert_eq!(p.email, None);
    assert_eq!(
        p.may_read(&Email::parse(ALICE).unwrap()),
        Err(AuthError::Forbidden("the token carries no verified email"))
    );
}

#[tokio::test]
async fn staff_and_operator_claims_are_detected() {
    let issuer = SandboxIssuer::start();
    let authn = Authenticator::from_settings(&issuer.settings(&[])).unwrap();
    let staff = issuer.mint(TokenRequest::new(TokenKind::Staff));
    let p = authn.authenticate(Some(&bearer(&staff))).await.unwrap();
    assert!(p.staff && !p.operator);
    assert!(p.may_read(&Email::parse(ALICE).unwrap()).is_ok());

    let operator = issuer.mint(TokenRequest::new(TokenKind::Operator));
    let p = authn.authenticate(Some(&bearer(&operator))).await.unwrap();
    assert!(p.operator && !p.staff);
    assert!(p.require_operator().is_ok());
}

#[tokio::test]
async fn configured_role_claims_match_values_in_arrays() {
    let issuer = SandboxIssuer::start();
    let authn = Authenticator::from_settings(&issuer.settings(&[
        ("AUTH_STAFF_CLAIM", "https://acme.example/roles"),
        ("AUTH_STAFF_VALUE", "support"),
    ]))
    .unwrap();
    let token = issuer.mint(
        TokenRequest::new(TokenKind::User)
            .claim("https://acme.example/roles", json!(["billing", "support"])),
    );
    assert!(
        authn
            .authenticate(Some(&bearer(&token)))
            .await
            .unwrap()
            .staff
    );
    // The default claim no longer counts.
    let old_style = issuer.mint(TokenRequest::new(TokenKind::Staff));
    assert!(
        !authn
            .authenticate(Some(&bearer(&old_style)))
            .await
            .unwrap()
            .staff
    );
}

#[tokio::test]
async fn a_google_service_token_is_an_operator_only_from_an_allowed_account_for_our_audience() {
    let issuer = SandboxIssuer::start();
    let authn = Authenticator::from_settings(&issuer.settings(&[])).unwrap();
    let scheduler = TokenRequest::new(TokenKind::GoogleService).email(SCHEDULER_SA);

    let ok = issuer.mint(scheduler.clone().audience(ORCHESTRATOR_URL));
    let p = authn.authenticate(Some(&bearer(&ok))).await.unwrap();
    assert!(p.operator && !p.staff);
    assert_eq!(
        p.kind,
        PrincipalKind::Service {
            account: Email::parse(SCHEDULER_SA).unwrap()
        }
    );
    assert_eq!(p.email, None);

    let wrong_audience = issuer.mint(scheduler.clone().audience("https://elsewhere.example"));
    assert_eq!(
        authn
            .authenticate(Some(&bearer(&wrong_audience)))
            .await
            .err(),
        Some(AuthError::Invalid("wrong audience"))
    );
    let stranger = issuer.mint(
        TokenRequest::new(TokenKind::GoogleService)
            .email("intruder@other-project.iam.gserviceaccount.com")
            .audience(ORCHESTRATOR_URL),
    );
    assert_eq!(
        authn.authenticate(Some(&bearer(&stranger))).await.err(),
        Some(AuthError::Forbidden("service account is not allowed"))
    );
}

#[tokio::test]
async fn a_user_token_signed_by_the_google_keys_is_refused() {
    let issuer = SandboxIssuer::start();
    let authn = Authenticator::from_settings(&issuer.settings(&[])).unwrap();
    // A Firebase-shaped token, but minted on the Google key ring by claiming Google's issuer
    // shape with a Firebase audience: neither verifier accepts it.
    let token = issuer.mint(
        TokenRequest::new(TokenKind::GoogleService)
            .email(SCHEDULER_SA)
            .audience(sandbox::credentials::PROJECT_ID)
            .claim("iss", json!(sandbox::issuer::firebase_issuer())),
    );
    assert_eq!(
        authn.authenticate(Some(&bearer(&token))).await.err(),
        Some(AuthError::Invalid("unknown signing key"))
    );
}

#[tokio::test]
async fn missing_and_malformed_credentials_are_told_apart() {
    let issuer = SandboxIssuer::start();
    let authn = Authenticator::from_settings(&issuer.settings(&[])).unwrap();
    assert_eq!(
        authn.authenticate(None).await.err(),
        Some(AuthError::Missing)
    );
    assert_eq!(
        authn.authenticate(Some("Basic YTpi")).await.err(),
        Some(AuthError::Missing)
    );
    assert_eq!(
        authn.authenticate(Some("Bearer x.y.z")).await.err(),
        Some(AuthError::Malformed)
    );
}

#[tokio::test]
async fn disabled_or_unconfigured_authentication_is_explicit() {
    let p = Authenticator::from_settings(&settings(&[("AUTH_DISABLED", "true")]))
        .unwrap()
        .authenticate(None)
        .await
        .unwrap();
    assert!(p.is_anonymous() && p.staff && p.operator);
    assert_eq!(
        Authenticator::from_settings(&settings(&[]))
            .unwrap()
            .authenticate(Some("Bearer a.b.c"))
            .await
            .err(),
        Some(AuthError::NotConfigured)
    );
}

#[tokio::test]
async fn a_service_admits_allowed_invokers_with_its_own_audience_only() {
    let issuer = SandboxIssuer::start();
    let me = "https://chargebee.example.run.app";
    let svc = ServiceAuthenticator::from_settings(&issuer.settings(&[
        ("SERVICE_AUTH_AUDIENCE", me),
        (
            "SERVICE_AUTH_ALLOWED_INVOKERS",
            sandbox::credentials::SERVICE_ACCOUNT_EMAIL,
        ),
    ]))
    .unwrap();
    let call = TokenRequest::new(TokenKind::GoogleService);
    let ok = issuer.mint(call.clone().audience(me));
    let p = svc.authenticate(Some(&bearer(&ok))).await.unwrap();
    assert!(p.is_service() && !p.operator);

    let for_another = issuer.mint(call.clone().audience("https://hubspot.example.run.app"));
    assert_eq!(
        svc.authenticate(Some(&bearer(&for_another))).await.err(),
        Some(AuthError::Invalid("wrong audience"))
    );
    let unverified = issuer.mint(call.clone().audience(me).email_verified(false));
    assert_eq!(
        svc.authenticate(Some(&bearer(&unverified))).await.err(),
        Some(AuthError::Forbidden(
            "service account email is not verified"
        ))
    );
    let not_allowed = issuer.mint(call.audience(me).email(SCHEDULER_SA));
    assert_eq!(
        svc.authenticate(Some(&bearer(&not_allowed))).await.err(),
        Some(AuthError::Forbidden("service account is not allowed"))
    );
    let user = issuer.mint(TokenRequest::new(TokenKind::User).audience(me));
    assert_eq!(
        svc.authenticate(Some(&bearer(&user))).await.err(),
        Some(AuthError::Invalid("unknown signing key"))
    );
}

#[tokio::test]
async fn firebase_tokens_verify_against_googles_x509_certificate_map_too() {
    let issuer = SandboxIssuer::start();
    let x509 = format!("{}{}", issuer.base, sandbox::issuer::FIREBASE_X509_PATH);
    let authn =
        Authenticator::from_settings(&issuer.settings(&[("AUTH_JWKS_URL", &x509)])).unwrap();
    let token = issuer.mint(TokenRequest::new(TokenKind::User).email(ALICE));
    let p = authn.authenticate(Some(&bearer(&token))).await.unwrap();
    assert_eq!(p.email, Some(Email::parse(ALICE).unwrap()));
    assert_eq!(authn.user_keys().unwrap().url(), x509);
}

#[tokio::test]
async fn a_verified_token_is_remembered_only_until_it_expires() {
    let issuer = SandboxIssuer::start();
    let authn =
        Authenticator::from_settings(&issuer.settings(&[("AUTH_CLOCK_SKEW_SECS", "0")])).unwrap();
    let token = issuer.mint(TokenRequest::new(TokenKind::User).email(ALICE).ttl_secs(2));
    for _ in 0..3 {
        let p = authn.authenticate(Some(&bearer(&token))).await.unwrap();
        assert_eq!(p.email, Some(Email::parse(ALICE).unwrap()));
    }
    // Past `exp` the remembered principal is not used: the token is verified again, and refused.
    tokio::time::sleep(std::time::Duration::from_millis(3_100)).await;
    let err = authn.authenticate(Some(&bearer(&token))).await.unwrap_err();
    assert!(matches!(err, AuthError::Expired), "{err:?}");
    // A token that differs by one byte is not the remembered one.
    let fresh = issuer.mint(TokenRequest::new(TokenKind::User).email(ALICE));
    authn.authenticate(Some(&bearer(&fresh))).await.unwrap();
    let mut tampered = fresh.clone();
    tampered.pop();
    tampered.push(if fresh.ends_with('A') { 'B' } else { 'A' });
    assert!(authn.authenticate(Some(&bearer(&tampered))).await.is_err());
}

#[tokio::test]
async fn a_token_one_authenticator_verified_is_not_taken_by_another() {
    // One thread (the test runtime's): the first authenticator's verified tokens are in this
    // thread's recent tokens when the second is asked.
    let issuer = SandboxIssuer::start();
    let ours = Authenticator::from_settings(&issuer.settings(&[])).unwrap();
    let theirs = Authenticator::from_settings(
        &issuer.settings(&[("FIREBASE_PROJECT_ID", "another-project")]),
    )
    .unwrap();
    let token = issuer.mint(TokenRequest::new(TokenKind::User).email(ALICE));
    for _ in 0..2 {
        ours.authenticate(Some(&bearer(&token))).await.unwrap();
    }
    let err = theirs
        .authenticate(Some(&bearer(&token)))
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::Invalid(_)), "{err:?}");
    // And the refusal leaves the first one's answer as it was.
    ours.authenticate(Some(&bearer(&token))).await.unwrap();
}
