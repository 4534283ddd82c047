//! `/query` benchmark (prints figures; not a test). Loopback only, bounded loops.
//!
//! 1. L2-hit throughput and p50/p99 as deployed (every request carries a Firebase ID token that
//!    is verified; the verified-token cache keeps the signature check off the hot path) beside
//!    a bare actix endpoint returning the same bytes to the same request, measured in the same
//!    run with the same client and concurrency (the ratio is the figure, the median of five
//!    interleaved rounds' ratios); then the bare endpoint without the token header, identity
//!    off vs on, and the express lane (`query::express`) off vs on.
//! 2. Latency at a fixed arrival rate (open loop: requests leave on schedule whether or not
//!    earlier ones have answered) at 1,000 and 3,000 req/s, L2 hits and the bare endpoint side
//!    by side in alternating one-second segments: p50, p99, p99.9. The in-process client runs
//!    on the bench's one thread with tokio's millisecond timer; when oha is installed
//!    (`cargo install oha`), 2b repeats both rates from oha as a separate process with latency
//!    correction (latency counted from when a request was due), the fairer reading.
//! 3. Miss-path overhead with instant stand-in services: server total minus tool time
//!    (rules provider, so no model time), p50/p99, from `Server-Timing`.
//! 4. Total latency when three services each take 50 ms (about 50 ms plus overhead, not 150).
//! 5. Model calls for 100 concurrent identical questions (expect 1 plan and 1 synthesis).
//!
//! Section 1 drives the load with `wrk -t1 -c32` as a separate process when wrk is installed
//! (Debian's package), else with the in-process client; the other sections use the in-process
//! client on the main thread (one thread). Each server has 2 workers. On a 2-core machine
//! client and servers share the cores, alike for both sides of every ratio.
//!
//! Run: `cargo bench -p orchestrator --bench query`. `QUERY_BENCH=hit` runs section 1 only,
//! `QUERY_BENCH=open` section 2 only;
//! `QUERY_BENCH=serve` prints the endpoints and the token and serves until stdin closes;
//! `QUERY_BENCH=profile-bare`, `profile-l2` or `profile-usual` (the lane off) sends `QUERY_BENCH_REQUESTS` (default 2,000)
//! sequential requests to one side and nothing else, for instruction counts per request
//! under `valgrind --tool=callgrind` (see `scripts/profile-query.sh`).

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::{App, HttpResponse, HttpServer, web};
use common::kit::{Kit, ServiceInfo, ToolContext, ToolError, Toolbox};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Any person tool's arguments: the email, and whatever filters the planner adds (ignored).
#[derive(Deserialize, JsonSchema)]
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

/// `wrk -t1 -c{conc} -d{secs}s --latency` POSTing `body` (with `authorization`, if any) to
/// `url`, as a separate process, so the load client does not share this process's threads;
/// `None` when wrk is not installed or the run is not clean (an error answer, a socket error:
/// said on stderr with wrk's report, and not counted as throughput).
async fn wrk(
    url: &str,
    body: &str,
    authorization: Option<&str>,
    conc: usize,
    secs: u32,
) -> Option<Run> {
    let mut script = format!(
        "wrk.method = \"POST\"\nwrk.body = {body:?}\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
    );
    if let Some(a) = authorization {
        script.push_str(&format!("wrk.headers[\"Authorization\"] = {a:?}\n"));
    }
    let path = std::env::temp_dir().join(format!("query-bench-{}.lua", std::process::id()));
    std::fs::write(&path, script).ok()?;
    let args = [
        "-t1".to_string(),
        format!("-c{conc}"),
        format!("-d{secs}s"),
        "--latency".into(),
        "-s".into(),
        path.display().to_string(),
        url.to_string(),
    ];
    let out =
        tokio::task::spawn_blocking(move || std::process::Command::new("wrk").args(args).output())
            .await
            .ok()?
            .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let report = testkit::wrk::parse(&text)
        .map_err(|why| eprintln!("wrk run against {url} not counted: {why}\n{text}"))
        .ok()?;
    Some(Run {
        per_sec: report.per_sec,
        p50: report.p50,
        p99: report.p99,
        timings: Vec::new(),
    })
}

/// Latency percentiles (ms) of one open-loop run by oha.
struct Percentiles {
    p50: f64,
    p99: f64,
    p999: f64,
}

/// `oha -q {rate} -z {secs}s --latency-correction` POSTing `body` to `url` as a separate
/// process: a fixed arrival rate whose latencies count from when each request was due, so a
/// late send counts against the server's side it waited for and the client shares no thread
/// with the servers. `None` when oha is not installed (`cargo install oha`).
async fn oha(
    url: &str,
    body: &str,
    authorization: Option<&str>,
    rate: u32,
    secs: u32,
) -> Option<Percentiles> {
    let mut args = vec![
        "--no-tui".to_string(),
        "--output-format".into(),
        "json".into(),
        "--latency-correction".into(),
        "-q".into(),
        rate.to_string(),
        "-z".into(),
        format!("{secs}s"),
        "-c".into(),
        "16".into(),
        "-m".into(),
        "POST".into(),
        "-H".into(),
        "content-type: application/json".into(),
        "-d".into(),
        body.to_string(),
    ];
    if let Some(a) = authorization {
        args.extend(["-H".to_string(), format!("authorization: {a}")]);
    }
    args.push(url.to_string());
    let out =
        tokio::task::spawn_blocking(move || std::process::Command::new("oha").args(args).output())
            .await
            .ok()?
            .ok()?;
    let v: Value = serde_json::from_slice(&out.stdout).ok()?;
    let failed = v["statusCodeDistribution"]
        .as_object()
        .map(|m| m.iter().any(|(code, _)| !code.starts_with('2')))
        .unwrap_or(true);
    if failed {
        eprintln!(
            "oha saw error answers from {url}: {}",
            v["statusCodeDistribution"]
        );
    }
    let p = &v["latencyPercentiles"];
    let ms = |k: &str| p[k].as_f64().map(|s| s * 1000.0);
    Some(Percentiles {
        p50: ms("p50")?,
        p99: ms("p99")?,
        p999: ms("p99.9")?,
    })
}

/// One L2-hit question against two `/query` servers (identity off and on) and the bare
/// endpoint with the same bytes.
struct HitSetup {
    question: Value,
    bare: String,
    open: String,
    authed: String,
    /// The same as `authed` with the express lane off (`QUERY_EXPRESS=false`).
    usual: String,
    authed_http: reqwest::Client,
    authorization: String,
    body_len: usize,
    sandbox: sandbox::Sandbox,
}

async fn hit_setup(http: &reqwest::Client, services: &BTreeMap<&'static str, String>) -> HitSetup {
    let question =
        json!({"query": "Does Alice have unpaid invoices?", "email": "alice@example.com"});
    let sb = sandbox::Sandbox::new();
    let sb_url = sb.clone().spawn();
    let open = format!("{}/query", orchestrator(services, &[]).await);
    let identity = [
        ("AUTH_DISABLED", "false".into()),
        (
            "FIREBASE_PROJECT_ID",
            sandbox::credentials::PROJECT_ID.into(),
        ),
        (
            "AUTH_JWKS_URL",
            format!("{sb_url}{}", sandbox::issuer::FIREBASE_JWKS_PATH),
        ),
    ];
    let authed = orchestrator(services, &identity).await;
    let mut lane_off = identity.to_vec();
    lane_off.push(("QUERY_EXPRESS", "false".into()));
    let usual = format!("{}/query", orchestrator(services, &lane_off).await);
    let token = sb
        .state
        .issuer
        .mint(
            &sandbox::issuer::TokenRequest::new(sandbox::issuer::TokenKind::User)
                .email("alice@example.com"),
        )
        .expect("token")
        .token;
    let authorization = format!("Bearer {token}");
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        authorization.parse().expect("header"),
    );
    let authed_http = common::tls::client_builder()
        .pool_max_idle_per_host(64)
        .default_headers(headers)
        .build()
        .expect("client");
    let authed = format!("{authed}/query");
    // Prime the caches; the second answer is an L2 hit, whose bytes the bare endpoint serves.
    for (client, url) in [
        (http, &open),
        (&authed_http, &authed),
        (&authed_http, &usual),
    ] {
        let _ = client
            .post(url)
            .json(&question)
            .send()
            .await
            .expect("prime")
            .bytes()
            .await;
    }
    let hit = authed_http
        .post(&authed)
        .json(&question)
        .send()
        .await
        .expect("hit")
        .bytes()
        .await
        .expect("bytes");
    let hit_json: Value = serde_json::from_slice(&hit).expect("json");
    assert_eq!(hit_json["cache"], "l2", "{hit_json}");
    HitSetup {
        question,
        bare: bare_endpoint(hit.to_vec()).await,
        open,
        authed,
        usual,
        authed_http,
        authorization,
        body_len: hit.len(),
        sandbox: sb,
    }
}

/// `QUERY_BENCH=profile-…`: `n` sequential requests to one side between two markers for
/// callgrind, nothing else printed but the count.
async fn profile(side: &str, http: &reqwest::Client, h: &HitSetup, n: usize) {
    let (client, url) = match side {
        "bare" => (http, &h.bare),
        "l2" => (&h.authed_http, &h.authed),
        "usual" => (&h.authed_http, &h.usual),
        other => panic!(
            "QUERY_BENCH=profile-{other}: expected profile-bare, profile-l2 or profile-usual"
        ),
    };
    let body = h.question.to_string().into_bytes();
    query_bench_window_start();
    for _ in 0..n {
        let r = client
            .post(url)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("answer");
        assert!(r.status().is_success());
        let _ = r.bytes().await.expect("body");
    }
    query_bench_window_end();
    println!("profile-{side}: {n} requests");
}

/// `QUERY_BENCH=serve`: prints the three endpoints, the question and the `Authorization`
/// header, then serves until stdin closes, for an outside load generator and profiler
/// (`perf record -p`, `perf stat -p`).
async fn serve(h: &HitSetup) {
    println!("bare {}", h.bare);
    println!("open {}", h.open);
    println!("authed {}", h.authed);
    println!("usual {}", h.usual);
    println!("question {}", h.question);
    println!("authorization {}", h.authorization);
    let _ =
        tokio::task::spawn_blocking(|| std::io::copy(&mut std::io::stdin(), &mut std::io::sink()))
            .await;
}

/// Marks where the measured requests start, for `callgrind --zero-before` (every thread's
/// costs so far, start-up and key generation included, are dropped there).
#[inline(never)]
fn query_bench_window_start() {
    // Bodies differ, or LLVM merges the two functions into one symbol.
    std::hint::black_box(1_u32);
}

/// Marks where they end, for `callgrind --dump-before`.
#[inline(never)]
fn query_bench_window_end() {
    std::hint::black_box(2_u64);
}

/// Latencies (ms) of requests sent at a fixed `rate` for `secs`, each measured from the moment
/// it left; `late` is how far behind schedule sends were (p99, ms), so a client that could not
/// keep the rate shows it.
#[derive(Default)]
struct OpenLoop {
    /// Latencies (ms), sorted once every segment is in.
    lat: Vec<f64>,
    /// How late each request left (ms), sorted likewise.
    late: Vec<f64>,
    failed: usize,
}

/// [`open_loop`] at `rate` over `segments` alternating segments per side (`secs` in all per
/// side): one server is under load at a time, and the machine's drift over the run falls on
/// both sides alike instead of on whichever ran second.
async fn open_loop_interleaved(
    sides: [(&reqwest::Client, &str); 2],
    body: &[u8],
    rate: u32,
    secs: u32,
    segments: u32,
) -> [OpenLoop; 2] {
    let mut out = [OpenLoop::default(), OpenLoop::default()];
    for _ in 0..segments {
        for ((client, url), acc) in sides.iter().zip(&mut out) {
            let r = open_loop(client, url, body, rate, secs as f64 / f64::from(segments)).await;
            acc.lat.extend(r.lat);
            acc.late.extend(r.late);
            acc.failed += r.failed;
        }
    }
    for r in &mut out {
        r.lat.sort_by(f64::total_cmp);
        r.late.sort_by(f64::total_cmp);
    }
    out
}

async fn open_loop(
    client: &reqwest::Client,
    url: &str,
    body: &[u8],
    rate: u32,
    secs: f64,
) -> OpenLoop {
    let total = (f64::from(rate) * secs).round() as usize;
    let body = web::Bytes::copy_from_slice(body);
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(total);
    let mut late = Vec::with_capacity(total);
    for i in 0..total {
        let due = start + Duration::from_secs_f64(i as f64 / f64::from(rate));
        tokio::time::sleep_until(due).await;
        late.push(due.elapsed().as_secs_f64() * 1000.0);
        let (client, url, body) = (client.clone(), url.to_string(), body.clone());
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let r = client
                .post(&url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .ok()?;
            let ok = r.status().is_success();
            r.bytes().await.ok()?;
            ok.then(|| t.elapsed().as_secs_f64() * 1000.0)
        }));
    }
    let mut lat = Vec::with_capacity(total);
    let mut failed = 0;
    for t in tasks {
        match t.await.ok().flatten() {
            Some(ms) => lat.push(ms),
            None => failed += 1,
        }
    }
    OpenLoop { lat, late, failed }
}

#[actix_web::main]
async fn main() {
    let http = common::tls::client_builder()
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let question = |q: &str| json!({"query": q, "email": "alice@example.com"});
    let mode = std::env::var("QUERY_BENCH").unwrap_or_else(|_| "all".into());
    let services = stand_ins(Duration::ZERO);
    let h = hit_setup(&http, &services).await;
    if let Some(side) = mode.strip_prefix("profile-") {
        let n = std::env::var("QUERY_BENCH_REQUESTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000);
        profile(side, &http, &h, n).await;
        return;
    }
    if mode == "serve" {
        serve(&h).await;
        return;
    }
    let q = h.question.clone();

    if mode != "open" {
        // 1. L2 hits as deployed (token verified) vs a bare endpoint with the same bytes.
        // Interleaved rounds, so drift on a shared machine hits every side alike; each ratio
        // is the median of the rounds' own ratios (a round's sides ran seconds apart).
        let (rounds, total, conc, secs) = (5, 25_000, 32, 3);
        let body = q.to_string();
        let auth = Some(h.authorization.as_str());
        // Bare twice: sent the very request `/query` gets (the token too: parsing its header
        // is the HTTP server's work for any endpoint behind this identity), and without the
        // token header (the reading of earlier stops).
        let mut runs: [Vec<Run>; 5] = Default::default();
        let client = if wrk(&h.bare, &body, None, conc, 1).await.is_some() {
            let sides = [
                (&h.bare, auth),
                (&h.bare, None),
                (&h.authed, auth),
                (&h.open, None),
                (&h.usual, auth),
            ];
            for (url, a) in sides {
                let _ = wrk(url, &body, a, conc, 1).await; // warm-up
            }
            for _ in 0..rounds {
                for (side, (url, a)) in sides.iter().enumerate() {
                    runs[side].extend(wrk(url, &body, *a, conc, secs).await);
                }
            }
            format!("wrk -t1 -c{conc}, {rounds} interleaved rounds of {secs} s per side")
        } else {
            let sides = [
                (&h.authed_http, &h.bare),
                (&http, &h.bare),
                (&h.authed_http, &h.authed),
                (&http, &h.open),
                (&h.authed_http, &h.usual),
            ];
            for (c, url) in sides {
                let _ = load(c, url, 2_000, conc, |_| q.clone()).await; // warm-up
            }
            for _ in 0..rounds {
                for (side, (c, url)) in sides.iter().enumerate() {
                    runs[side].push(load(c, url, total / rounds, conc, |_| q.clone()).await);
                }
            }
            format!(
                "in-process client (wrk not installed), {total} requests per side in {rounds} interleaved rounds, {conc} in flight"
            )
        };
        let [bare, bare_bare, on, off, usual] = &runs;
        let median = |mut v: Vec<f64>| -> f64 {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
        };
        let rate = |r: &[Run]| median(r.iter().map(|r| r.per_sec).collect());
        // The median of the rounds' ratios a : b, and their lowest and highest.
        let ratio = |a: &[Run], b: &[Run]| -> String {
            let v: Vec<f64> = a
                .iter()
                .zip(b)
                .map(|(a, b)| a.per_sec / b.per_sec)
                .collect();
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            format!("{:.2} (rounds {lo:.2}-{hi:.2})", median(v))
        };
        let line = |name: &str, r: &[Run], note: &str| {
            println!(
                "   {name:<22}: {:>9.0} req/s  p50 {:.3} ms  p99 {:.3} ms{note}",
                rate(r),
                median(r.iter().map(|r| r.p50).collect()),
                median(r.iter().map(|r| r.p99).collect()),
            );
        };
        println!(
            "== 1. L2 hit vs bare actix endpoint (same {} bytes; {client}; 2 workers each; medians of the rounds)",
            h.body_len
        );
        line(
            "bare endpoint",
            bare,
            "  (sent the same request: the token too)",
        );
        line("bare, no token header", bare_bare, "");
        line("/query L2, token on", on, "");
        line(
            "/query L2, token off",
            off,
            "  (anonymous: never the express lane)",
        );
        line(
            "/query L2, lane off",
            usual,
            "  (token on, QUERY_EXPRESS=false)",
        );
        println!(
            "   ratio /query (as deployed, token verified) : bare = {} (throughput; goal at least 0.90)",
            ratio(on, bare)
        );
        println!(
            "   ratio /query (as deployed) : bare sent no token header = {}",
            ratio(on, bare_bare)
        );
        println!(
            "   ratio /query with the express lane off : bare = {}; lane on : off = {}",
            ratio(usual, bare),
            ratio(on, usual)
        );
        println!(
            "   ratio token on : off = {}; JWKS fetches: {}",
            ratio(on, off),
            h.sandbox.state.issuer.key_fetches()
        );
    }
    if mode == "hit" {
        return;
    }

    // 2. A fixed arrival rate, L2 hits (token verified) and the bare endpoint side by side.
    let body = q.to_string().into_bytes();
    let (secs, segments) = (10, 10);
    println!(
        "== 2. Open loop: fixed arrival rate for {secs} s per side in {segments} alternating segments, latency from send to last byte (ms)"
    );
    for rate in [1_000, 3_000] {
        let [b, o] = open_loop_interleaved(
            [(&http, &h.bare), (&h.authed_http, &h.authed)],
            &body,
            rate,
            secs,
            segments,
        )
        .await;
        for (name, r) in [("bare endpoint", &b), ("/query L2 hit", &o)] {
            println!(
                "   {rate:>5} req/s {name:<14}: p50 {:.3}  p99 {:.3}  p99.9 {:.3}  (n {}, failed {}, send lateness p99 {:.3})",
                pct(&r.lat, 0.5),
                pct(&r.lat, 0.99),
                pct(&r.lat, 0.999),
                r.lat.len(),
                r.failed,
                pct(&r.late, 0.99)
            );
        }
        println!(
            "   {rate:>5} req/s ratio of p99 /query : bare = {:.2}; p99 difference {:+.3} ms (goal at 1,000 req/s: within 0.2 ms)",
            pct(&o.lat, 0.99) / pct(&b.lat, 0.99),
            pct(&o.lat, 0.99) - pct(&b.lat, 0.99)
        );
    }

    // 2b. The same rates from a separate process (oha), when installed.
    let body = q.to_string();
    if oha(&h.bare, &body, None, 100, 1).await.is_some() {
        let _ = oha(&h.authed, &body, Some(&h.authorization), 100, 1).await; // warm-up
        let (rounds, secs) = (3, 5);
        println!(
            "== 2b. Open loop from a separate process: oha -q RATE --latency-correction -c16, {rounds} interleaved rounds of {secs} s per side (ms; mean of the rounds' percentiles)"
        );
        for rate in [1_000, 3_000] {
            let (mut bare, mut hit) = (Vec::new(), Vec::new());
            for _ in 0..rounds {
                bare.extend(oha(&h.bare, &body, None, rate, secs).await);
                hit.extend(oha(&h.authed, &body, Some(&h.authorization), rate, secs).await);
            }
            let mean = |v: &[Percentiles], f: fn(&Percentiles) -> f64| {
                v.iter().map(f).sum::<f64>() / v.len().max(1) as f64
            };
            let p99 = |v: &[Percentiles]| mean(v, |p| p.p99);
            for (name, v) in [("bare endpoint", &bare), ("/query L2 hit", &hit)] {
                println!(
                    "   {rate:>5} req/s {name:<14}: p50 {:.3}  p99 {:.3}  p99.9 {:.3}  (rounds {})",
                    mean(v, |p| p.p50),
                    p99(v),
                    mean(v, |p| p.p999),
                    v.len()
                );
            }
            println!(
                "   {rate:>5} req/s ratio of p99 /query : bare = {:.2}; p99 difference {:+.3} ms (goal at 1,000 req/s: within 0.2 ms)",
                p99(&hit) / p99(&bare),
                p99(&hit) - p99(&bare)
            );
        }
    } else {
        println!("== 2b. skipped: oha is not installed (cargo install oha)");
    }

    if mode == "open" {
        return;
    }

    // 3. Miss path with instant stand-ins: no caches, rules provider (no model time).
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
        "== 3. Miss path, instant stand-ins (rules plan: list_invoices + list_tickets; 3,000 distinct questions, 8 in flight)"
    );
    println!(
        "   client        : {:>9.0} req/s  p50 {:.3} ms  p99 {:.3} ms",
        r.per_sec, r.p50, r.p99
    );
    println!(
        "   server total  : p50 {tot50:.3} ms  p99 {tot99:.3} ms;  tools (HTTP to stand-ins): p50 {tools50:.3} ms  p99 {tools99:.3} ms"
    );
    println!("   overhead (total - tools - model[0]): p50 {ov50:.3} ms  p99 {ov99:.3} ms");

    // 4. Three services each taking 50 ms.
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
        "== 4. Three services at 50 ms each (broad question: billing_summary, get_contact, get_user; 200 questions)"
    );
    println!(
        "   server total  : p50 {t50:.1} ms  p99 {t99:.1} ms;  client p50 {:.1} ms  p99 {:.1} ms (sequential would be ~150 ms)",
        r.p50, r.p99
    );

    // 5. 100 concurrent identical questions with a model: calls counted at the sandbox.
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
    println!("== 5. 100 concurrent identical questions with a model");
    println!(
        "   answered {ok}/100; model calls: {} ({plans} plan, {synth} synthesis)",
        calls.len()
    );
}
