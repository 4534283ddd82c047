//! A service behind `SERVICE_AUTH_*`: only Google ID tokens for its own URL from an allowed
//! invoker get to `/mcp`, `/mcp/call` and `/mcp/tools`; probes stay open; the typed client
//! gets its tokens from the metadata server and never forwards anyone else's.

use std::sync::Arc;

use common::auth::{AuthSettings, IdTokenSource};
use common::client::{CallError, ServiceClient};
use common::contract::Service;
use common::kit::{Access, Kit};
use sandbox::issuer::{TokenKind, TokenRequest};
use serde_json::json;

use crate::helpers::{INFO, toolbox};

const INVOKER: &str = sandbox::credentials::SERVICE_ACCOUNT_EMAIL;

/// The test service guarded by the sandbox's Google keys, with `audience` as its own URL.
fn guarded_service(sandbox_url: &str) -> String {
    // Bind first to learn the URL the tokens must name.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let url = format!("http://127.0.0.1:{port}");
    let settings: AuthSettings = common::config::from_pairs([
        ("SERVICE_AUTH_AUDIENCE".to_string(), url.clone()),
        (
            "SERVICE_AUTH_ALLOWED_INVOKERS".to_string(),
            INVOKER.to_string(),
        ),
        (
            "GOOGLE_OIDC_JWKS_URL".to_string(),
            format!("{sandbox_url}{}", sandbox::issuer::GOOGLE_JWKS_PATH),
        ),
    ])
    .unwrap();
    let kit = Kit::new(INFO, toolbox()).with_access(Access::for_service(&settings).unwrap());
    let server = common::config::ServerSettings {
        port: Some(port),
        ..common::config::ServerSettings::loopback()
    };
    let app = common::Application::build(kit, &server, |_| {}).unwrap();
    app.spawn();
    url
}

#[tokio::test]
async fn only_an_allowed_invokers_token_for_this_service_gets_in() {
    let sb = sandbox::Sandbox::new();
    let sb_url = sb.spawn();
    let url = guarded_service(&sb_url);
    let http = common::tls::client();
    let call = json!({"tool": "add", "arguments": {"a": 1, "b": 2}});
    let mint = |email: &str, audience: &str| {
        sb.state
            .issuer
            .mint(
                &TokenRequest::new(TokenKind::GoogleService)
                    .email(email)
                    .audience(audience),
            )
            .unwrap()
            .token
    };
    let send = |token: Option<String>| {
        let mut req = http.post(format!("{url}/mcp/call")).json(&call);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    let r = send(None).await.unwrap();
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized", "{body}");
    assert_eq!(
        send(Some(mint(INVOKER, "https://other.example")))
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        send(Some(mint("stranger@evil.iam.gserviceaccount.com", &url)))
            .await
            .unwrap()
            .status(),
        403
    );
    // An end user's Firebase token is not a service identity.
    let user = sb
        .state
        .issuer
        .mint(&TokenRequest::new(TokenKind::User))
        .unwrap()
        .token;
    assert_eq!(send(Some(user)).await.unwrap().status(), 401);
    assert_eq!(send(Some(mint(INVOKER, &url))).await.unwrap().status(), 200);
    for path in ["/mcp/tools"] {
        let r = http.get(format!("{url}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 401, "{path}");
    }
    let r = http
        .post(format!("{url}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "/mcp");
    for path in ["/health", "/ready"] {
        let r = http.get(format!("{url}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path} stays open for probes");
    }
}

#[tokio::test]
async fn the_typed_client_calls_with_a_metadata_id_token_for_the_service_url() {
    let sb = sandbox::Sandbox::new();
    let sb_url = sb.spawn();
    let url = guarded_service(&sb_url);
    let http = common::tls::client();
    let tokens = Arc::new(IdTokenSource::new(
        sb_url.trim_start_matches("http://"),
        http.clone(),
    ));
    let client = ServiceClient::new(
        Service::Chargebee,
        &url,
        common::client::Transport::new(),
        std::time::Duration::from_secs(5),
    );
    // Without tokens the service refuses; the error is typed, not a protocol mystery.
    let err = client.list_tools().await.unwrap_err();
    assert!(matches!(err, CallError::Protocol { .. }), "{err:?}");
    let client = client.with_id_tokens(tokens.clone());
    let tools = client.list_tools().await.expect("served with a token");
    assert!(tools.iter().any(|t| t.name == "add"));
    client.list_tools().await.unwrap();
    assert_eq!(tokens.fetches(), 1, "the token is cached until near expiry");
}

#[test]
fn a_service_without_auth_refuses_to_start_on_cloud_run_and_refuses_calls_elsewhere() {
    let none: AuthSettings =
        common::config::from_pairs(std::iter::empty::<(String, String)>()).unwrap();
    let err = Access::for_service_on(&none, true)
        .err()
        .expect("must refuse");
    assert!(err.to_string().contains("SERVICE_AUTH_AUDIENCE"), "{err}");
    // End-user identity settings do not make a service configured.
    let users_only: AuthSettings =
        common::config::from_pairs([("FIREBASE_PROJECT_ID".to_string(), "p".to_string())]).unwrap();
    assert!(Access::for_service_on(&users_only, true).is_err());
    // Off Cloud Run it starts, closed: guarded with no invoker anyone can match.
    let closed = Access::for_service_on(&none, false).unwrap();
    assert!(matches!(closed.policy, common::auth::Policy::Service));
    // Explicitly open is allowed anywhere, and only explicitly.
    let open: AuthSettings =
        common::config::from_pairs([("AUTH_DISABLED".to_string(), "true".to_string())]).unwrap();
    let open = Access::for_service_on(&open, true).unwrap();
    assert!(matches!(open.policy, common::auth::Policy::Any));
}

#[tokio::test]
async fn an_unconfigured_service_refuses_every_tool_call_but_answers_probes() {
    let none: AuthSettings =
        common::config::from_pairs(std::iter::empty::<(String, String)>()).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let kit = Kit::new(INFO, toolbox()).with_access(Access::for_service_on(&none, false).unwrap());
    let server = common::config::ServerSettings {
        port: Some(port),
        ..common::config::ServerSettings::loopback()
    };
    common::Application::build(kit, &server, |_| {})
        .unwrap()
        .spawn();
    let url = format!("http://127.0.0.1:{port}");
    let http = common::tls::client();
    let call = http
        .post(format!("{url}/mcp/call"))
        .json(&json!({"tool": "add", "arguments": {"a": 1, "b": 2}}))
        .send()
        .await
        .unwrap();
    // Nobody can be admitted: the service says it is not configured (never a tool result).
    assert_eq!(call.status(), 503);
    let body: serde_json::Value = call.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_configured", "{body}");
    let tools = http.get(format!("{url}/mcp/tools")).send().await.unwrap();
    assert_eq!(tools.status(), 503);
    let health = http.get(format!("{url}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}
