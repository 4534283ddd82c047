//! Soak benchmark (prints figures; not a test, not run by `scripts/test.sh`).
//!
//! Holds a fixed load for `SOAK_SECS` (default 600) on loopback, in one process: the sandbox,
//! the real services pointed at it (firebase on its memory store, classification and the
//! agent on the built-in model) and the orchestrator with identity on.
//!
//! - `/query`: a fixed rate of questions from several users (their own Firebase ID tokens),
//!   mostly cache hits; a share of misses (answers expire, and some questions are new) and
//!   `no_cache` from an operator token. At most `IN_FLIGHT` requests are out; a tick that
//!   finds them all busy is counted as shed, not queued.
//! - The pipeline: new mail arrives in the sandbox mailbox every minute and a run is started
//!   every `PIPELINE_EVERY`.
//!
//! Prints, per minute: requests done, throughput, p50/p99, errors, pipeline messages
//! processed, and RSS (`VmRSS`, `VmHWM`); at the end the RSS of minute 1 and of the last
//! minute and their ratio (memory must be flat).
//! Run: `SOAK_SECS=600 cargo bench -p orchestrator --bench soak`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::google_auth::TokenSource;
use parking_lot::Mutex;
use sandbox::gmail::NewMessage;
use sandbox::issuer::{TokenKind, TokenRequest};
use sandbox::{Sandbox, credentials};
use serde_json::json;

/// Questions per second offered to `/query`.
const RATE_PER_SEC: u32 = 40;
/// Most requests out at once.
const IN_FLIGHT: usize = 32;
/// Users asking (each about their own data).
const USERS: usize = 6;
/// One request in this many asks a question never asked before (a miss).
const NEW_QUESTION_EVERY: u64 = 20;
/// One request in this many comes from the operator with `no_cache`.
const NO_CACHE_EVERY: u64 = 50;
/// New messages delivered to the mailbox each minute.
const MAIL_PER_MINUTE: usize = 12;
/// How often a pipeline run is started.
const PIPELINE_EVERY: Duration = Duration::from_secs(15);

const QUESTIONS: [&str; 6] = [
    "Do I have unpaid invoices?",
    "What is my subscription status?",
    "Do I have open support tickets?",
    "Which plan am I on and when does it renew?",
    "Show my last invoices",
    "Tell me everything about my account",
];

const MAIL: [(&str, &str); 4] = [
    (
        "Charged twice this month",
        "Hello, my card was charged twice for the same invoice. Please refund the duplicate charge.",
    ),
    (
        "Cannot log in",
        "Hi, since yesterday I cannot log in to my account; the password reset mail never arrives.",
    ),
    (
        "Upgrade to the team plan",
        "We would like to move to the team plan for 25 seats. Can you send a quote this week?",
    ),
    (
        "Export broken",
        "The CSV export fails with an error every time since the last update. This blocks us.",
    ),
];

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The real services, pointed at the sandbox (firebase keeps tasks in memory).
async fn services(sandbox_url: &str) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    let cb: chargebee::ChargebeeSettings = common::config::from_pairs(pairs(&[
        ("CHARGEBEE_BASE_URL", sandbox_url),
        ("CHARGEBEE_SITE", credentials::CHARGEBEE_SITE),
        ("CHARGEBEE_API_KEY", credentials::CHARGEBEE_API_KEY),
    ]))
    .expect("chargebee settings");
    out.insert(
        "chargebee",
        testkit::spawn(chargebee::kit(&cb, Default::default())),
    );
    let hs: hubspot::HubspotSettings = common::config::from_pairs(pairs(&[
        ("HUBSPOT_BASE_URL", sandbox_url),
        ("HUBSPOT_TOKEN", credentials::HUBSPOT_TOKEN),
    ]))
    .expect("hubspot settings");
    out.insert(
        "hubspot",
        testkit::spawn(hubspot::kit(&hs, Default::default())),
    );
    let token_url = format!("{sandbox_url}/token");
    let gm: gmail::GmailSettings = common::config::from_pairs(pairs(&[
        ("GMAIL_BASE_URL", sandbox_url),
        ("GMAIL_USER", sandbox::data::mailbox::MAILBOX),
        ("GMAIL_TOKEN_URL", &token_url),
        ("GMAIL_CLIENT_ID", sandbox::oauth::GMAIL_CLIENT_ID),
        ("GMAIL_CLIENT_SECRET", sandbox::oauth::GMAIL_CLIENT_SECRET),
        ("GMAIL_REFRESH_TOKEN", sandbox::oauth::GMAIL_REFRESH_TOKEN),
    ]))
    .expect("gmail settings");
    out.insert(
        "gmail",
        testkit::spawn(gmail::kit(&gm, Default::default()).expect("gmail")),
    );
    let fb: firebase::FirebaseSettings = common::config::from_pairs(pairs(&[
        ("FIREBASE_PROJECT_ID", credentials::PROJECT_ID),
        ("STORAGE_BACKEND", "memory"),
        ("IDENTITY_TOOLKIT_BASE_URL", sandbox_url),
    ]))
    .expect("firebase settings");
    let metadata = TokenSource::Metadata {
        host: sandbox_url.trim_start_matches("http://").to_string(),
    };
    let fb_kit = firebase::Firebase::build(&fb, Default::default(), Some(metadata))
        .await
        .expect("firebase builds")
        .kit(&fb);
    out.insert("firebase", testkit::spawn(fb_kit));
    let rules: common::llm::LlmSettings =
        common::config::from_pairs(pairs(&[("LLM_PROVIDER", "rules")])).expect("llm settings");
    let cl: classification::ClassificationSettings =
        common::config::from_pairs(Vec::<(String, String)>::new()).expect("settings");
    out.insert(
        "classification",
        testkit::spawn(
            classification::build(&rules, Default::default(), cl).expect("classification"),
        ),
    );
    let ag: llm_agent::AgentSettings =
        common::config::from_pairs(Vec::<(String, String)>::new()).expect("agent settings");
    out.insert(
        "llm_agent",
        testkit::spawn(llm_agent::build(&rules, Default::default(), &ag).expect("agent")),
    );
    out
}

/// One minute's figures.
#[derive(Default)]
struct Minute {
    latencies_ms: Vec<f64>,
    errors: u64,
    shed: u64,
}

/// A value of `/proc/self/status` in kB (`VmRSS`, `VmHWM`).
fn proc_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One asker: a user's token, and an operator token with the same email (an operator may
/// skip the caches, but reads only its own email's data like any non-staff caller).
struct Asker {
    email: String,
    user: String,
    operator: String,
}

/// The `i`-th request: who asks what, with which `Authorization`.
fn request(i: u64, askers: &[Asker]) -> (String, serde_json::Value) {
    let asker = &askers[i as usize % askers.len()];
    let question = QUESTIONS[(i as usize / askers.len()) % QUESTIONS.len()];
    if i.is_multiple_of(NO_CACHE_EVERY) {
        let body = json!({"query": question, "no_cache": true});
        return (asker.operator.clone(), body);
    }
    let question = if i % NEW_QUESTION_EVERY == 1 {
        format!("{question} (asked as #{i})")
    } else {
        question.to_string()
    };
    (asker.user.clone(), json!({"query": question}))
}

#[actix_web::main]
async fn main() {
    let soak = Duration::from_secs(
        std::env::var("SOAK_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(600)
            .max(60),
    );
    let minutes = soak.as_secs() / 60;
    let sb = Sandbox::new();
    let sb_url = sb.spawn();
    let services = services(&sb_url).await;
    let mut env = pairs(&[
        ("PORT", "0"),
        ("HOST", "127.0.0.1"),
        ("HTTP_WORKERS", "2"),
        ("AUTH_DISABLED", "false"),
        ("FIREBASE_PROJECT_ID", credentials::PROJECT_ID),
        ("QUERY_RATE_PER_MINUTE", "0"),
        // Answers expire within the run: every question is a miss again each minute.
        ("CACHE_TTL_SECS", "60"),
        ("PIPELINE_WAIT", "60s"),
    ]);
    env.push((
        "AUTH_JWKS_URL".into(),
        format!("{sb_url}{}", sandbox::issuer::FIREBASE_JWKS_PATH),
    ));
    for (name, url) in &services {
        env.push((
            format!("{}_SERVICE_URL", name.to_ascii_uppercase()),
            url.clone(),
        ));
    }
    let settings = orchestrator::Settings::from_pairs(env).expect("settings");
    let built = orchestrator::build(settings).await.expect("orchestrator");
    let pipeline = built.pipeline.clone();
    let url = format!("http://127.0.0.1:{}/query", built.app.spawn());

    let mint = |req: TokenRequest| sb.state.issuer.mint(&req).expect("token").token;
    let askers: Vec<Asker> = sandbox::identity::users()
        .take(USERS)
        .map(|p| Asker {
            email: p.email.clone(),
            user: format!(
                "Bearer {}",
                mint(TokenRequest::new(TokenKind::User).email(&p.email))
            ),
            operator: format!(
                "Bearer {}",
                mint(TokenRequest::new(TokenKind::Operator).email(&p.email))
            ),
        })
        .collect();
    let senders: Vec<String> = askers.iter().map(|a| a.email.clone()).collect();
    let http = common::tls::client_builder()
        .pool_max_idle_per_host(IN_FLIGHT)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");

    println!(
        "soak: {} s; /query at {RATE_PER_SEC}/s ({} users, 1 in {NEW_QUESTION_EVERY} new, 1 in {NO_CACHE_EVERY} no_cache by an operator, at most {IN_FLIGHT} in flight); pipeline every {} s, {MAIL_PER_MINUTE} new mails a minute",
        soak.as_secs(),
        askers.len(),
        PIPELINE_EVERY.as_secs()
    );
    let minute = Arc::new(Mutex::new(Minute::default()));
    let processed = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let end = tokio::time::Instant::now() + soak;

    // The /query load: one tick per request; a tick with every slot busy is shed.
    let load = {
        let (minute, http, url) = (minute.clone(), http.clone(), url.clone());
        let slots = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
        async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1) / RATE_PER_SEC);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            let mut i = 0u64;
            while tick.tick().await < end {
                i += 1;
                let Ok(slot) = slots.clone().try_acquire_owned() else {
                    minute.lock().shed += 1;
                    continue;
                };
                let (auth, body) = request(i, &askers);
                let (minute, http, url) = (minute.clone(), http.clone(), url.clone());
                actix_web::rt::spawn(async move {
                    let t = Instant::now();
                    let ok = match http
                        .post(&url)
                        .header("authorization", auth)
                        .json(&body)
                        .send()
                        .await
                    {
                        Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    let mut m = minute.lock();
                    m.latencies_ms.push(ms);
                    if !ok {
                        m.errors += 1;
                    }
                    drop(slot);
                });
            }
        }
    };

    // The pipeline: a run every PIPELINE_EVERY over whatever mail has arrived.
    let runs = {
        let processed = processed.clone();
        async move {
            while tokio::time::Instant::now() < end {
                match pipeline.run_pipeline(None, None).await {
                    Ok(out) => {
                        processed.fetch_add(out.counts.processed, Ordering::Relaxed);
                    }
                    Err(e) => eprintln!("pipeline run failed: {e}"),
                }
                tokio::time::sleep_until((tokio::time::Instant::now() + PIPELINE_EVERY).min(end))
                    .await;
            }
        }
    };

    // Each minute: new mail, then the minute's row.
    let report = {
        let (minute, processed, sb) = (minute.clone(), processed.clone(), sb.clone());
        async move {
            println!(
                "{:>4} {:>8} {:>8} {:>9} {:>9} {:>6} {:>6} {:>9} {:>9} {:>9}",
                "min",
                "done",
                "req/s",
                "p50 ms",
                "p99 ms",
                "errors",
                "shed",
                "pipeline",
                "RSS MiB",
                "HWM MiB"
            );
            let mut rss = Vec::new();
            for m in 1..=minutes {
                for k in 0..MAIL_PER_MINUTE {
                    let (subject, text) = MAIL[k % MAIL.len()];
                    let from = &senders[k % senders.len()];
                    sb.state.gmail.add(NewMessage::new(from, subject, text));
                }
                tokio::time::sleep_until(
                    tokio::time::Instant::from_std(started) + Duration::from_secs(60 * m),
                )
                .await;
                let taken = std::mem::take(&mut *minute.lock());
                // The sandbox logs every request (a test double): keep it from growing.
                sb.clear_requests();
                let mut lat = taken.latencies_ms;
                lat.sort_by(f64::total_cmp);
                let (now_rss, hwm) = (proc_kb("VmRSS:"), proc_kb("VmHWM:"));
                rss.push(now_rss);
                println!(
                    "{m:>4} {:>8} {:>8.1} {:>9.2} {:>9.2} {:>6} {:>6} {:>9} {:>9.1} {:>9.1}",
                    lat.len(),
                    lat.len() as f64 / 60.0,
                    pct(&lat, 0.5),
                    pct(&lat, 0.99),
                    taken.errors,
                    taken.shed,
                    processed.swap(0, Ordering::Relaxed),
                    now_rss as f64 / 1024.0,
                    hwm as f64 / 1024.0
                );
            }
            if let (Some(first), Some(last)) = (rss.first(), rss.last()) {
                println!(
                    "RSS minute 1: {:.1} MiB; minute {minutes}: {:.1} MiB; ratio {:.3}",
                    *first as f64 / 1024.0,
                    *last as f64 / 1024.0,
                    *last as f64 / (*first).max(1) as f64
                );
            }
        }
    };
    tokio::join!(load, runs, report);
}
