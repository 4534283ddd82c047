//! The GCE metadata server stand-in.

use sandbox::Sandbox;

const TOKEN: &str = "/computeMetadata/v1/instance/service-accounts/default/token";

#[tokio::test]
async fn tokens_need_the_metadata_flavor_header() {
    let base = Sandbox::new().spawn();
    let r = common::tls::get(format!("{base}{TOKEN}")).await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("Metadata-Flavor"));
}

#[tokio::test]
async fn each_token_request_issues_a_new_numbered_token_with_the_configured_lifetime() {
    let sb = Sandbox::new();
    let base = sb.spawn();
    let client = common::tls::client();
    let get = || async {
        client
            .get(format!("{base}{TOKEN}"))
            .header("Metadata-Flavor", "Google")
            .send()
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap()
    };
    let first = get().await;
    assert_eq!(first["access_token"], "ya29.sandbox-1");
    assert_eq!(first["expires_in"], 3599);
    assert_eq!(first["token_type"], "Bearer");
    let set = client
        .post(format!("{base}/__sandbox/metadata"))
        .json(&serde_json::json!({"expires_in": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 200);
    let second = get().await;
    assert_eq!(second["access_token"], "ya29.sandbox-2");
    assert_eq!(second["expires_in"], 5);
    assert_eq!(sb.state.metadata.issued(), 2);
    assert_eq!(
        sb.state.metadata.check("ya29.sandbox-2"),
        sandbox::metadata::TokenStatus::Valid
    );
    sb.state.metadata.expire_all();
    assert_eq!(
        sb.state.metadata.check("ya29.sandbox-2"),
        sandbox::metadata::TokenStatus::Expired
    );
    assert_eq!(
        sb.state.metadata.check("ya29.forged"),
        sandbox::metadata::TokenStatus::Unknown
    );
}

#[tokio::test]
async fn identity_tokens_look_like_jwts_for_the_audience() {
    let base = Sandbox::new().spawn();
    let client = common::tls::client();
    let r = client
        .get(format!(
            "{base}/computeMetadata/v1/instance/service-accounts/default/identity"
        ))
        .query(&[("audience", "https://chargebee.example.run.app")])
        .header("Metadata-Flavor", "Google")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let jwt = r.text().await.unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);
    use base64::Engine;
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts[1])
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["aud"], "https://chargebee.example.run.app");

    let missing = client
        .get(format!(
            "{base}/computeMetadata/v1/instance/service-accounts/default/identity"
        ))
        .header("Metadata-Flavor", "Google")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 400);
}

#[tokio::test]
async fn the_project_id_is_plain_text() {
    let base = Sandbox::new().spawn();
    let r = common::tls::client()
        .get(format!("{base}/computeMetadata/v1/project/project-id"))
        .header("Metadata-Flavor", "Google")
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), sandbox::credentials::PROJECT_ID);
}
