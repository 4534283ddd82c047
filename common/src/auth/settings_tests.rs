use super::*;
use crate::config::from_pairs;

fn load(p: &[(&str, &str)]) -> Result<AuthSettings, ConfigError> {
    let s: AuthSettings = from_pairs(p.iter().map(|(k, v)| (k.to_string(), v.to_string())))?;
    s.validate()?;
    Ok(s)
}

#[test]
fn nothing_set_means_firebase_defaults_and_nothing_configured() {
    let s = load(&[]).unwrap();
    assert_eq!(s.auth_provider, AuthProvider::Firebase);
    assert_eq!(s.auth_staff_claim, "staff");
    assert_eq!(s.auth_operator_value, "true");
    assert_eq!(s.auth_clock_skew_secs, 60);
    assert_eq!(s.google_oidc_jwks_url, GOOGLE_JWKS_URL);
    assert!(!s.is_configured());
}

#[test]
fn a_firebase_project_derives_issuer_audience_and_key_url() {
    let s = load(&[("FIREBASE_PROJECT_ID", "demo-x")]).unwrap();
    let issuer = s.end_user_issuer().unwrap().unwrap();
    assert_eq!(issuer.issuer, "https://securetoken.google.com/demo-x");
    assert_eq!(issuer.audience, "demo-x");
    assert_eq!(issuer.jwks_url, FIREBASE_JWKS_URL);
    let s = load(&[
        ("FIREBASE_PROJECT_ID", "demo-x"),
        ("AUTH_JWKS_URL", "http://127.0.0.1:8200/keys"),
    ])
    .unwrap();
    assert_eq!(
        s.end_user_issuer().unwrap().unwrap().jwks_url,
        "http://127.0.0.1:8200/keys"
    );
}

#[test]
fn inconsistent_settings_name_the_variable() {
    for (pairs, var) in [
        (vec![("AUTH_PROVIDER", "oidc")], "AUTH_ISSUER"),
        (
            vec![
                ("AUTH_PROVIDER", "oidc"),
                ("AUTH_ISSUER", "https://i.example"),
            ],
            "AUTH_AUDIENCE",
        ),
        (
            vec![("FIREBASE_PROJECT_ID", "p"), ("AUTH_ISSUER", "https://i")],
            "AUTH_ISSUER",
        ),
        (
            vec![(
                "AUTH_OPERATOR_SERVICE_ACCOUNTS",
                "a@p.iam.gserviceaccount.com",
            )],
            "AUTH_GOOGLE_AUDIENCE",
        ),
        (
            vec![("AUTH_OPERATOR_SERVICE_ACCOUNTS", "not-an-email")],
            "AUTH_OPERATOR_SERVICE_ACCOUNTS",
        ),
        (
            vec![("SERVICE_AUTH_AUDIENCE", "https://svc.example")],
            "SERVICE_AUTH_ALLOWED_INVOKERS",
        ),
        (
            vec![("FIREBASE_PROJECT_ID", "p"), ("AUTH_JWKS_URL", "ftp://x")],
            "AUTH_JWKS_URL",
        ),
        (
            vec![("AUTH_CLOCK_SKEW_SECS", "3600")],
            "AUTH_CLOCK_SKEW_SECS",
        ),
        (vec![("AUTH_AUDIT_KEY", "short")], "AUTH_AUDIT_KEY"),
        (vec![("AUTH_DISABLED", "maybe")], "AUTH_DISABLED"),
    ] {
        let err = load(&pairs).unwrap_err().to_string();
        assert!(err.contains(var), "{pairs:?}: {err}");
    }
}

#[test]
fn lists_of_service_accounts_are_parsed() {
    let s = load(&[
        (
            "SERVICE_AUTH_ALLOWED_INVOKERS",
            "a@p.iam.gserviceaccount.com, B@p.iam.gserviceaccount.com",
        ),
        ("SERVICE_AUTH_AUDIENCE", "https://svc.example"),
    ])
    .unwrap();
    let invokers = s.allowed_invokers().unwrap();
    assert_eq!(invokers.len(), 2);
    assert_eq!(invokers[1].as_str(), "b@p.iam.gserviceaccount.com");
    assert!(s.is_configured());
}

#[test]
fn cloud_run_without_auth_refuses_to_start_unless_disabled_explicitly() {
    let open = load(&[]).unwrap();
    let reason = open.must_refuse_start(true).unwrap();
    assert!(reason.contains("AUTH_DISABLED"), "{reason}");
    assert_eq!(open.must_refuse_start(false), None);
    let disabled = load(&[("AUTH_DISABLED", "true")]).unwrap();
    assert_eq!(disabled.must_refuse_start(true), None);
    let configured = load(&[("FIREBASE_PROJECT_ID", "p")]).unwrap();
    assert_eq!(configured.must_refuse_start(true), None);
}

#[test]
fn the_settings_flatten_into_a_binarys_settings() {
    #[derive(Deserialize)]
    struct Binary {
        port: Option<u16>,
        #[serde(flatten)]
        auth: AuthSettings,
    }
    let b: Binary = from_pairs(
        [
            ("PORT", "8080"),
            ("FIREBASE_PROJECT_ID", "demo"),
            ("AUTH_DISABLED", "true"),
            ("AUTH_CLOCK_SKEW_SECS", "30"),
            ("AUTH_STAFF_VALUE", "true"),
            ("AUTH_OPERATOR_VALUE", "42"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string())),
    )
    .unwrap();
    assert_eq!(b.port, Some(8080));
    assert!(b.auth.auth_disabled);
    assert_eq!(b.auth.auth_clock_skew_secs, 30);
    assert_eq!(b.auth.firebase_project_id.as_deref(), Some("demo"));
    assert_eq!(b.auth.auth_staff_value, "true");
    assert_eq!(b.auth.auth_operator_value, "42");
}
