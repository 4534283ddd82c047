//! `/query` benchmark (prints figures; not a test). Loopback only, bounded loops.
//!
//! 1. L2-hit throughput and p50/p99 beside a bare actix endpoint returning the same bytes,
//!    measured in the same run with the same client and concurrency (the ratio is the figure).
//! 2. Miss-path overhead with instant stand-in services: server total minus tool time
//!    (rules provider, so no model time), p50/p99, from `Server-Timing`.
//! 3. Total latency when three services each take 50 ms (about 50 ms plus overhead, not 150).
//! 4. Model calls for 100 concurrent identical questions (expect 1 plan and 1 synthesis).
//!
//! Run: `cargo bench -p orchestrator --bench query`.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::{App, HttpResponse, HttpServer, web};
use common::kit::{Kit, ServiceInfo, ToolContext, ToolError, Toolbox};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read by the schema and by deserialisation only
struct ByEmail {
    email: String,
    #[serde(default)]
    limit: Option<u32>,
}

#[derive(Serialize, JsonSchema)]
struct Record {
    status: String,
    amount: String,
    items: Vec<String>,
}

/// An instant (or `delay`-slow) stand-in for a data service with `tools`.
fn stand_in(name: &'static str, tools: &[&'static str], delay: Duration) -> String {
    let mut tb = Toolbox::new();
    for t in tools {
        tb = tb.custom::<ByEmail, Record, _, _>(
            t,
            "stand-in",
            common::contract::Effect::Read,
            move |_i: ByEmail, _c: ToolContext| async move {
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                Ok::<_, ToolError>(Record {
                    status: "active".into(),
                    amount: "120.00 USD".into(),
                    items: vec!["inv_1 paid".into(), "inv_2 unpaid".into()],
                })
            },
        );
    }
    let info = ServiceInfo {
        name,
        version: "bench",
        instructions: "stand-in",
        default_port: 0,
    };
    let app = common::Application::build(
        Kit::new(info, tb),
        &common::config::ServerSettings::loopback(),
        |_| {},
    )
    .expect("bind");
    format!("http://127.0.0.1:{}", app.spawn())
}

fn stand_ins(delay: Duration) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        (
            "chargebee",
            stand_in(
                "chargebee",
                &[
                    "billing_summary",
                    "list_invoices",
                    "list_subscriptions",
                    "get_customer",
                ],
                delay,
            ),
        ),
        (
            "hubspot",
            stand_in(
                "hubspot",
                &["get_contact", "get_company", "list_deals", "list_tickets"],
                delay,
            ),
        ),
        (
            "firebase",
            stand_in("firebase", &["get_user", "get_profile"], delay),
        ),
    ])
}

async fn orchestrator(
    services: &BTreeMap<&'static str, String>,
    extra: &[(&str, String)],
) -> String {
    let mut env: Vec<(String, String)> = vec![
        ("PORT".into(), "0".into()),
        ("HOST".into(), "127.0.0.1".into()),
        ("HTTP_WORKERS".into(), "2".into()),
        ("AUTH_DISABLED".into(), "true".into()),
        ("QUERY_RATE_PER_MINUTE".into(), "0".into()),
    ];
    for (n, u) in services {
        env.push((format!("{}_SERVICE_URL", n.to_ascii_uppercase()), u.clone()));
    }
    for (k, v) in extra {
        env.push((k.to_string(), v.clone()));
    }
    let settings = orchestrator::Settings::from_pairs(env).expect("settings");
    let app = orchestrator::build(settings).await.expect("build");
    format!("http://127.0.0.1:{}", app.app.spawn())
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

struct Run {
    per_sec: f64,
    p50: f64,
    p99: f64,
    timings: Vec<BTreeMap<String, f64>>,
}

/// `total` POSTs of `body(i)` to `url` with `concurrency` in flight; latencies in ms.
async fn load(
    http: &reqwest::Client,
    url: &str,
    total: usize,
    concurrency: usize,
    body: impl Fn(usize) -> Value,
) -> Run {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let bodies: Arc<Vec<Vec<u8>>> = Arc::new(
        (0..total)
            .map(|i| body(i).to_string().into_bytes())
            .collect(),
    );
    let started = Instant::now();
    let workers = (0..concurrency).map(|_| {
        let (http, url, next, bodies) =
            (http.clone(), url.to_string(), next.clone(), bodies.clone());
        tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut timings = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let t = Instant::now();
                let resp = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(bodies[i].clone())
                    .send()
                    .await
                    .expect("answer");
                let st = resp
                    .headers()
                    .get("server-timing")
                    .and_then(|v| v.to_str().ok())
                    .map(parse_timing);
                let _ = resp.bytes().await.expect("body");
                lat.push(t.elapsed().as_secs_f64() * 1000.0);
                if let Some(st) = st {
                    timings.push(st);
                }
            }
            (lat, timings)
        })
    });
    let mut lat = Vec::new();
    let mut timings = Vec::new();
    for w in futures::future::join_all(workers).await {
        let (l, t) = w.expect("worker");
        lat.extend(l);
        timings.extend(t);
    }
    let secs = started.elapsed().as_secs_f64();
    lat.sort_by(f64::total_cmp);
    Run {
        per_sec: total as f64 / secs,
        p50: pct(&lat, 0.5),
        p99: pct(&lat, 0.99),
        timings,
    }
}

/// `cache;desc="l2";dur=0.1, plan;dur=…` → {stage: ms}.
fn parse_timing(h: &str) -> BTreeMap<String, f64> {
    h.split(',')
        .filter_map(|part| {
            let mut it = part.trim().split(';');
            let name = it.next()?.to_string();
            let dur = it.find_map(|kv| kv.strip_prefix("dur="))?.parse().ok()?;
            Some((name, dur))
        })
        .collect()
}

fn stage_pcts(
    timings: &[BTreeMap<String, f64>],
    f: impl Fn(&BTreeMap<String, f64>) -> f64,
) -> (f64, f64) {
    let mut v: Vec<f64> = timings.iter().map(f).collect();
    v.sort_by(f64::total_cmp);
    (pct(&v, 0.5), pct(&v, 0.99))
}

async fn bare_endpoint(bytes: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let bytes = web::Bytes::from(bytes);
    let server = HttpServer::new(move || {
        let bytes = bytes.clone();
        App::new().route(
            "/query",
            web::post().to(move |_body: web::Bytes| {
                let bytes = bytes.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .body(bytes)
                }
            }),
        )
    })
    .workers(2)
    .listen(listener)
    .expect("listen")
    .run();
    tokio::spawn(server);
    format!("http://127.0.0.1:{port}/query")
}

#[actix_web::main]
async fn main() {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let question = |q: &str| json!({"query": q, "email": "alice@example.com"});

    // 1. L2 hits vs a bare endpoint with the same bytes.
    let services = stand_ins(Duration::ZERO);
    let orch = orchestrator(&services, &[]).await;
    let q = question("Does Alice have unpaid invoices?");
    let primed = http
        .post(format!("{orch}/query"))
        .json(&q)
        .send()
        .await
        .expect("prime");
    let _ = primed.bytes().await;
    let hit = http
        .post(format!("{orch}/query"))
        .json(&q)
        .send()
        .await
        .expect("hit")
        .bytes()
        .await
        .expect("bytes");
    let hit_json: Value = serde_json::from_slice(&hit).expect("json");
    assert_eq!(hit_json["cache"], "l2");
    let bare = bare_endpoint(hit.to_vec()).await;
    let (total, conc) = (20_000, 32);
    let _ = load(&http, &bare, 2_000, conc, |_| q.clone()).await; // warm-up
    let _ = load(&http, &format!("{orch}/query"), 2_000, conc, |_| q.clone()).await;
    let b = load(&http, &bare, total, conc, |_| q.clone()).await;
    let o = load(&http, &format!("{orch}/query"), total, conc, |_| q.clone()).await;
    println!(
        "== 1. L2 hit vs bare actix endpoint (same {} bytes, {total} requests, {conc} in flight, 2 workers each)",
        hit.len()
    );
    println!(
        "   bare endpoint : {:>9.0} req/s  p50 {:.3} ms  p99 {:.3} ms",
        b.per_sec, b.p50, b.p99
    );
    println!(
        "   /query L2 hit : {:>9.0} req/s  p50 {:.3} ms  p99 {:.3} ms",
        o.per_sec, o.p50, o.p99
    );
    println!(
        "   ratio /query : bare = {:.2} (throughput), p50 latency x{:.2}",
        o.per_sec / b.per_sec,
        o.p50 / b.p50
    );

    // 1b. The same L2 hits with identity on: every request carries a Firebase ID token
    // (RS256, keys from the sandbox's JWKS, fetched once and cached) that is verified.
    let sb = sandbox::Sandbox::new();
    let sb_url = sb.clone().spawn();
    let orch_auth = orchestrator(
        &services,
        &[
            ("AUTH_DISABLED", "false".into()),
            (
                "FIREBASE_PROJECT_ID",
                sandbox::credentials::PROJECT_ID.into(),
            ),
            (
                "AUTH_JWKS_URL",
                format!("{sb_url}{}", sandbox::issuer::FIREBASE_JWKS_PATH),
            ),
        ],
    )
    .await;
    let token = sb
        .state
        .issuer
        .mint(
            &sandbox::issuer::TokenRequest::new(sandbox::issuer::TokenKind::User)
                .email("alice@example.com"),
        )
        .expect("token")
        .token;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse().expect("header"),
    );
    let authed = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .default_headers(headers)
        .build()
        .expect("client");
    let url_auth = format!("{orch_auth}/query");
    let _ = load(&authed, &url_auth, 2_000, conc, |_| q.clone()).await; // warm-up + prime
    // Interleaved halves, so drift on a shared machine hits both sides alike.
    let (mut off, mut on) = (Vec::new(), Vec::new());
    for _ in 0..2 {
        off.push(
            load(&http, &format!("{orch}/query"), total / 2, conc, |_| {
                q.clone()
            })
            .await,
        );
        on.push(load(&authed, &url_auth, total / 2, conc, |_| q.clone()).await);
    }
    let mean = |v: &[Run]| v.iter().map(|r| r.per_sec).sum::<f64>() / v.len() as f64;
    let (off_rps, on_rps) = (mean(&off), mean(&on));
    println!(
        "== 1b. L2 hit, identity off vs on ({total} requests each, interleaved halves, {conc} in flight)"
    );
    println!(
        "   auth off      : {off_rps:>9.0} req/s  p50 {:.3} ms  p99 {:.3} ms",
        off[1].p50, off[1].p99
    );
    println!(
        "   auth on       : {on_rps:>9.0} req/s  p50 {:.3} ms  p99 {:.3} ms",
        on[1].p50, on[1].p99
    );
    println!(
        "   ratio on : off = {:.3} (goal: at least 0.90); JWKS fetches: {}",
        on_rps / off_rps,
        sb.state.issuer.key_fetches()
    );

    // 2. Miss path with instant stand-ins: no caches, rules provider (no model time).
    let orch2 = orchestrator(
        &services,
        &[
            ("CACHE_ENABLED", "false".into()),
            ("QUERY_RESULT_TTL_SECS", "0".into()),
        ],
    )
    .await;
    let r = load(&http, &format!("{orch2}/query"), 3_000, 8, |i| {
        question(&format!(
            "Does Alice have unpaid invoices or support tickets? #{i}"
        ))
    })
    .await;
    let (tot50, tot99) = stage_pcts(&r.timings, |t| t["total"]);
    let (tools50, tools99) = stage_pcts(&r.timings, |t| t["tools"]);
    let (ov50, ov99) = stage_pcts(&r.timings, |t| t["total"] - t["tools"]);
    println!(
        "== 2. Miss path, instant stand-ins (rules plan: list_invoices + list_tickets; 3,000 distinct questions, 8 in flight)"
    );
    println!(
        "   client        : {:>9.0} req/s  p50 {:.3} ms  p99 {:.3} ms",
        r.per_sec, r.p50, r.p99
    );
    println!(
        "   server total  : p50 {tot50:.3} ms  p99 {tot99:.3} ms;  tools (HTTP to stand-ins): p50 {tools50:.3} ms  p99 {tools99:.3} ms"
    );
    println!("   overhead (total - tools - model[0]): p50 {ov50:.3} ms  p99 {ov99:.3} ms");

    // 3. Three services each taking 50 ms.
    let slow = stand_ins(Duration::from_millis(50));
    let orch3 = orchestrator(
        &slow,
        &[
            ("CACHE_ENABLED", "false".into()),
            ("QUERY_RESULT_TTL_SECS", "0".into()),
        ],
    )
    .await;
    let r = load(&http, &format!("{orch3}/query"), 200, 4, |i| {
        question(&format!("Tell me everything #{i}"))
    })
    .await;
    let (t50, t99) = stage_pcts(&r.timings, |t| t["total"]);
    println!(
        "== 3. Three services at 50 ms each (broad question: billing_summary, get_contact, get_user; 200 questions)"
    );
    println!(
        "   server total  : p50 {t50:.1} ms  p99 {t99:.1} ms;  client p50 {:.1} ms  p99 {:.1} ms (sequential would be ~150 ms)",
        r.p50, r.p99
    );

    // 4. 100 concurrent identical questions with a model: calls counted at the sandbox.
    let sb = sandbox::Sandbox::new();
    let sb_url = sb.spawn();
    let plan = json!({"intent": "invoices", "calls": [{"service": "chargebee", "tool": "list_invoices", "arguments": {}}]});
    sb.state.llm.push(
        sandbox::llm::ScriptedReply::text(plan.to_string()).delay(Duration::from_millis(100)),
    );
    sb.state.llm.push_text(
        json!({"answer": "Alice has one unpaid invoice.", "confidence": 0.9}).to_string(),
    );
    let orch4 = orchestrator(
        &services,
        &[
            ("LLM_PROVIDER", "openai".into()),
            ("PROMPTS_DIR", testkit::prompts_dir()),
            ("LLM_MODEL", "gemma-3-27b-it".into()),
            ("OPENAI_BASE_URL", format!("{sb_url}/v1")),
        ],
    )
    .await;
    let q4 = question("Which invoices of Alice are unpaid?");
    let asks = (0..100).map(|_| http.post(format!("{orch4}/query")).json(&q4).send());
    let answers = futures::future::join_all(asks).await;
    let ok = answers
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|r| r.status().is_success()))
        .count();
    let calls = sb.requests(Some(sandbox::Upstream::Openai));
    let plans = calls
        .iter()
        .filter(|r| r.body.contains("planner of a business-data assistant"))
        .count();
    let synth = calls
        .iter()
        .filter(|r| r.body.contains("Write one short"))
        .count();
    println!("== 4. 100 concurrent identical questions with a model");
    println!(
        "   answered {ok}/100; model calls: {} ({plans} plan, {synth} synthesis)",
        calls.len()
    );
}
