//! `auth::require` around actix routes: 401 and 403 in the common body, the caller in handlers.

use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, test, web};
use common::ErrorBody;
use common::auth::{self, Authenticator, Policy, Principal};
use sandbox::issuer::{TokenKind, TokenRequest};

use crate::helpers::SandboxIssuer;

const METADATA: &str = "https://orchestrator.example/.well-known/oauth-protected-resource";

async fn whoami(caller: Principal) -> HttpResponse {
    let current = auth::current().map(|p| p.subject);
    HttpResponse::Ok().json(serde_json::json!({
        "subject": caller.subject,
        "current": current,
        "operator": caller.operator,
    }))
}

macro_rules! app {
    ($authn:expr) => {
        test::init_service(
            App::new()
                .service(
                    web::scope("/query")
                        .wrap(from_fn(auth::require(
                            $authn.clone(),
                            Policy::User,
                            Some(METADATA.to_string()),
                        )))
                        .route("", web::post().to(whoami)),
                )
                .service(
                    web::scope("/tools")
                        .wrap(from_fn(auth::require(
                            $authn.clone(),
                            Policy::Operator,
                            None,
                        )))
                        .route("/run_pipeline", web::post().to(whoami)),
                ),
        )
        .await
    };
}

fn challenge_of<B>(
    res: &actix_web::dev::ServiceResponse<B>,
) -> &actix_web::http::header::HeaderValue {
    res.headers()
        .get("www-authenticate")
        .expect("a WWW-Authenticate header")
}

fn authenticator(issuer: &SandboxIssuer) -> Arc<Authenticator> {
    Arc::new(Authenticator::from_settings(&issuer.settings(&[])).unwrap())
}

#[actix_web::test]
async fn a_request_without_a_token_gets_401_with_the_common_body_and_a_challenge() {
    let issuer = SandboxIssuer::start();
    let app = app!(authenticator(&issuer));
    let res = test::call_service(&app, test::TestRequest::post().uri("/query").to_request()).await;
    assert_eq!(res.status(), 401);
    let challenge = challenge_of(&res).to_str().unwrap().to_string();
    assert_eq!(
        challenge,
        format!("Bearer realm=\"mcp-orchestrator\", resource_metadata=\"{METADATA}\"")
    );
    let body: ErrorBody = test::read_body_json(res).await;
    assert_eq!(body.error.code, common::ErrorCode::Unauthorized);
}

#[actix_web::test]
async fn an_expired_token_gets_401_invalid_token_without_echoing_the_token() {
    let issuer = SandboxIssuer::start();
    let app = app!(authenticator(&issuer));
    let token = issuer.mint(TokenRequest::new(TokenKind::User).ttl_secs(-600));
    let req = test::TestRequest::post()
        .uri("/query")
        .insert_header(("authorization", format!("Bearer {token}")))
        .to_request();
    let res = test::call_service(&app, req).await;
    assert_eq!(res.status(), 401);
    let challenge = challenge_of(&res).to_str().unwrap().to_string();
    assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
    assert!(challenge.contains(METADATA), "{challenge}");
    let body = test::read_body(res).await;
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains("token expired"), "{text}");
    assert!(!text.contains(&token[..20]), "{text}");
}

#[actix_web::test]
async fn a_user_on_an_operator_route_gets_403() {
    let issuer = SandboxIssuer::start();
    let app = app!(authenticator(&issuer));
    let token = issuer.mint(TokenRequest::new(TokenKind::User));
    let req = test::TestRequest::post()
        .uri("/tools/run_pipeline")
        .insert_header(("authorization", format!("Bearer {token}")))
        .to_request();
    let res = test::call_service(&app, req).await;
    assert_eq!(res.status(), 403);
    assert!(
        challenge_of(&res)
            .to_str()
            .unwrap()
            .contains("insufficient_scope")
    );
    let body: ErrorBody = test::read_body_json(res).await;
    assert_eq!(body.error.code, common::ErrorCode::Forbidden);
    assert_eq!(body.error.message, "forbidden: operator role required");
}

#[actix_web::test]
async fn an_admitted_caller_reaches_the_handler_as_principal_and_as_current() {
    let issuer = SandboxIssuer::start();
    let app = app!(authenticator(&issuer));
    let token = issuer.mint(TokenRequest::new(TokenKind::Operator));
    for uri in ["/tools/run_pipeline", "/query"] {
        let req = test::TestRequest::post()
            .uri(uri)
            .insert_header(("authorization", format!("Bearer {token}")))
            .to_request();
        let res = test::call_service(&app, req).await;
        assert_eq!(res.status(), 200, "{uri}");
        let body: serde_json::Value = test::read_body_json(res).await;
        assert_eq!(body["subject"], body["current"]);
        assert_eq!(body["operator"], true);
    }
}

#[actix_web::test]
async fn with_authentication_disabled_every_route_admits_the_anonymous_caller() {
    let authn = Arc::new(Authenticator::disabled());
    let app = app!(authn);
    let res = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/tools/run_pipeline")
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 200);
}

#[actix_web::test]
async fn the_caller_travels_to_mcp_handlers_through_the_transport_hook() {
    let req = test::TestRequest::default().to_http_request();
    let caller = Principal::anonymous();
    // What `require` stores for an admitted caller.
    actix_web::HttpMessage::extensions_mut(&req).insert(auth::Caller::from(caller.clone()));
    let mut hook_extensions = rmcp::model::Extensions::new();
    auth::forward_to_mcp(&req, &mut hook_extensions);
    // What the transport does with the hook's extensions: nest them in the request parts.
    let (mut parts, ()) = http::Request::new(()).into_parts();
    parts.extensions.insert(hook_extensions);
    let mut context_extensions = rmcp::model::Extensions::new();
    context_extensions.insert(parts);
    assert_eq!(auth::from_mcp_context(&context_extensions), Some(caller));
}

#[actix_web::test]
async fn an_authorization_header_that_is_not_ascii_gets_401_invalid_token() {
    let issuer = SandboxIssuer::start();
    let app = app!(authenticator(&issuer));
    let value = actix_web::http::header::HeaderValue::from_bytes(b"Bearer \xe9t\xe9.x.y").unwrap();
    let res = test::call_service(
        &app,
        test::TestRequest::post()
            .uri("/query")
            .insert_header(("authorization", value))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 401);
    let challenge = challenge_of(&res).to_str().unwrap().to_string();
    assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
}
