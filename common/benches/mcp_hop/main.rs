//! The MCP hop benchmark (prints figures; not a test). Loopback only, bounded loops.
//!
//! One trivial tool (`lookup_customer`: an in-memory lookup returning a four-field JSON
//! object) served three ways, beside a fourth server with no MCP, and the same load driven at each in the same run:
//!
//! 1. **kit**: `common::Application::build(Kit::new(info, toolbox), &ServerSettings::loopback(),
//!    …)`, exactly as a service is deployed: the common middleware (request id, metrics,
//!    trace span, CORS), the auth guard (open access, as `AUTH_DISABLED=true`), the direct
//!    path that answers a stateless `tools/call` itself (`kit::direct`; with
//!    `MCP_DIRECT_CALLS=false` in the environment the kit sends these calls to rmcp too, for
//!    a before/after reading), the auth hook into rmcp, and the kit's `McpServer`; 2 actix
//!    workers.
//! 2. **bare rmcp**: the same tool as an rmcp `#[tool_router]` handler behind
//!    rmcp-actix-web's Streamable HTTP service with the kit's transport settings (stateless,
//!    JSON responses) and nothing else; 2 actix workers.
//! 3. **FastMCP 4.0.10** under uvicorn with 2 worker processes (stateless, JSON responses),
//!    from a venv under the target directory made on first run (`python3 -m venv`,
//!    `pip install fastmcp==4.0.10 uvicorn`); skipped, with the reason printed, when that fails.
//! 4. **HTTP floor**: no MCP at all, a bare actix route (2 workers) answering each POST with a
//!    prepared result for the address in the body. Sent the kit's requests, it shows the most
//!    any actix server serves here, so the ceiling for the kit's ratios: on two cores shared
//!    with the client, `HTTP floor : FastMCP` bounds what `kit : FastMCP` can reach. The wrk
//!    section prints both against FastMCP for the rounds where FastMCP's two workers shared
//!    the load.
//!
//! Each client does what an MCP 2025-11-25 client does: `initialize`,
//! `notifications/initialized`, then `tools/call` POSTs with `MCP-Protocol-Version` (and
//! `Mcp-Session-Id` had a server handed one out; all three are stateless and do not).
//!
//! **Load client.** In-process reqwest (HTTP/1.1 keep-alive, one pooled client) on its own
//! 2-thread tokio runtime, on a thread of its own, so it never shares a runtime with the actix
//! workers; the same client, concurrency (32 in flight), warm-up (1,000 calls) and request
//! count for all three. The measured rounds are interleaved (kit, bare, FastMCP, kit, …) so
//! drift on a shared machine hits all three alike. The same in-process client costs each
//! server alike, but on two cores it takes CPU the servers would otherwise have and caps the
//! fastest one's throughput.
//!
//! **wrk section.** When `wrk` is on `PATH` (Debian's `wrk` 4.1 package; absent on some machines,
//! and then one line says the section is skipped and why), the same servers are loaded again
//! from `wrk -t1 -c32 -d3s --latency` as a separate process (`wrk.rs`). All three are stateless, so
//! the in-process handshake above settles the headers and wrk sends only the calls: a Lua script
//! written to a temp file POSTs the in-process client's first three `tools/call` bodies byte for
//! byte in turn, with its headers (`Accept: application/json, text/event-stream`, `Content-Type:
//! application/json`, `MCP-Protocol-Version`, and `Mcp-Method`/`Mcp-Name` in the 2026-07-28 run);
//! those bodies are checked in-process on each server first, and one again after the rounds. Five
//! interleaved rounds of 3 s per server after a 1 s warm-up each (`MCP_HOP_WRK_SECS` changes the 3
//! seconds). Per server: req/s, p50 and p99 (wrk's `--latency`), each the median of the rounds, and
//! server CPU per call over them; then the kit : bare rmcp ratio (median of paired rounds, with the
//! range) and kit : FastMCP (throughput, latencies, CPU per call). A round in which wrk saw error
//! answers (`Non-2xx or 3xx responses`) or socket errors is not counted: a warning with wrk's
//! output is printed instead. For FastMCP the busiest uvicorn process's share of the server CPU is
//! printed per round: wrk opens its 32 connections at once and uvicorn's workers race to accept
//! them, so one worker often gets most of them and the round runs on about one core.
//!
//! **Figures.** In the in-process section, throughput and p50/p99 over all rounds, and the server's
//! own CPU time per call (from `/proc`: the `actix-server` threads of this process, or the uvicorn
//! process group). On two cores shared with the load client, throughput partly measures the client;
//! CPU per call is the server's cost alone, so it is printed beside it and in the ratios. The kit :
//! bare rmcp ratio is the median over pairs of rounds run back to back (a shared machine's speed
//! drifts by more than the 10 % being judged within a minute), with the range beside it.
//!
//! `MCP_HOP_ERA=2026-07-28` loads the kit and bare rmcp as 2026-07-28 clients instead: no
//! handshake, each call with its protocol version, capabilities and client info in `_meta`
//! and the `Mcp-Method`/`Mcp-Name` headers (FastMCP is left out of that run).
//!
//! Run: `cargo bench -p common --bench mcp_hop`. For profiling, `MCP_HOP_ONLY=kit` (or
//! `bare`, `fastmcp`, comma-separated) limits the servers loaded, `MCP_HOP_REQUESTS` changes
//! the calls per round of the in-process section (default 5,000) and `MCP_HOP_WRK=off` leaves
//! the wrk section out. Instruction counts, deterministic where timings on shared cores are
//! not: `MCP_HOP_ONLY=kit MCP_HOP_REQUESTS=1000 MCP_HOP_WRK=off valgrind --tool=callgrind
//! <bench executable>`, the same with `bare`, and compare the two (4,000 calls each with the
//! warm-up; the client's share is the same in both).

mod cpu;
mod fastmcp;
mod load;
mod servers;
mod wrk;

use std::time::Duration;

use load::{Run, Target, pct};

/// Calls in flight at once, for every server.
const CONCURRENCY: usize = 32;
/// Measured rounds for the two Rust servers; each round is `requests` calls. A round takes
/// a fraction of a second, and a shared machine's speed drifts between rounds, so the ratio
/// is taken per pair of adjacent rounds and the median of those is the figure.
const ROUNDS: usize = 9;
/// Measured rounds for FastMCP, interleaved with the first of the above (each takes seconds).
const PYTHON_ROUNDS: usize = 3;
const REQUESTS: usize = 5_000;
const WARMUP: usize = 1_000;
/// Threads of the load client's runtime.
const CLIENT_THREADS: usize = 2;

/// One server and what was measured on it.
struct Side {
    label: String,
    target: Target,
    meter: cpu::Meter,
    runs: Vec<Run>,
    cpu: Duration,
}

/// The aggregate of a side's rounds.
pub(crate) struct Figures {
    per_sec: f64,
    p50: f64,
    p99: f64,
    /// Server CPU µs per call.
    cpu_us: f64,
}

impl Side {
    fn figures(&self) -> Figures {
        let calls: usize = self.runs.iter().map(|r| r.latencies.len()).sum();
        let secs: f64 = self.runs.iter().map(|r| r.elapsed.as_secs_f64()).sum();
        let mut all: Vec<f64> = self
            .runs
            .iter()
            .flat_map(|r| r.latencies.iter().copied())
            .collect();
        all.sort_by(f64::total_cmp);
        Figures {
            per_sec: calls as f64 / secs,
            p50: pct(&all, 0.5),
            p99: pct(&all, 0.99),
            cpu_us: self.cpu.as_secs_f64() * 1e6 / calls as f64,
        }
    }
}

/// Which servers to load (`MCP_HOP_ONLY`, for profiling one at a time).
fn wanted(name: &str) -> bool {
    std::env::var("MCP_HOP_ONLY").map_or(true, |only| only.split(',').any(|s| s.trim() == name))
}

fn requests() -> usize {
    std::env::var("MCP_HOP_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(REQUESTS)
}

#[actix_web::main]
async fn main() {
    // Both Rust servers run on this (actix) system; the load client on a thread of its own.
    let kit = servers::kit();
    let bare = servers::bare();
    let floor = servers::floor();
    let (done, finished) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let client = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(CLIENT_THREADS)
            .thread_name("load-client")
            .enable_all()
            .build()
            .expect("client runtime");
        client.block_on(drive(kit, bare, floor));
        let _ = done.send(());
    });
    finished.await.expect("the load client finished");
}

async fn drive(kit: String, bare: String, floor: String) {
    let http = load::client();
    let requests = requests();
    let mut sides = Vec::new();
    if wanted("kit") {
        sides.push(Side {
            label: "kit (Application::build, 2 workers)".into(),
            target: load::handshake(&http, "kit", kit).await,
            meter: cpu::Meter::ActixThreads,
            runs: Vec::new(),
            cpu: Duration::ZERO,
        });
    }
    if wanted("bare") {
        sides.push(Side {
            label: "bare rmcp (rmcp-actix-web, 2 workers)".into(),
            target: load::handshake(&http, "bare rmcp", bare).await,
            meter: cpu::Meter::ActixThreads,
            runs: Vec::new(),
            cpu: Duration::ZERO,
        });
    }
    if let Some(like) = sides.first().map(|s| &s.target)
        && wanted("floor")
    {
        sides.push(Side {
            label: "HTTP floor (bare actix, no MCP)".into(),
            target: load::floor(&http, floor, like).await,
            meter: cpu::Meter::ActixThreads,
            runs: Vec::new(),
            cpu: Duration::ZERO,
        });
    }
    // Held to the end: dropping it stops uvicorn.
    let mut python = None;
    if wanted("fastmcp") && load::inline_era() {
        println!("   FastMCP skipped: the 2026-07-28 run loads the kit and bare rmcp only");
    } else if wanted("fastmcp") {
        match fastmcp::start(&http).await {
            Ok(server) => {
                sides.push(Side {
                    label: format!("FastMCP 4.0.10 (uvicorn, {} workers)", fastmcp::WORKERS),
                    target: load::handshake(&http, "FastMCP", server.url.clone()).await,
                    meter: cpu::Meter::ProcessGroup(server.pid()),
                    runs: Vec::new(),
                    cpu: Duration::ZERO,
                });
                python = Some(server);
            }
            Err(why) => println!("   FastMCP skipped: {why}"),
        }
    }

    for side in &sides {
        let _ = side.target.load(&http, WARMUP, CONCURRENCY).await;
    }
    for round in 0..ROUNDS {
        for side in &mut sides {
            if side.target.name == "FastMCP" && round >= PYTHON_ROUNDS {
                continue;
            }
            let before = side.meter.read();
            let run = side.target.load(&http, requests, CONCURRENCY).await;
            side.cpu += side.meter.read().saturating_sub(before);
            side.runs.push(run);
        }
    }
    report(&sides, requests);
    wrk::section(&http, &sides).await;
    drop(python);
}

fn report(sides: &[Side], requests: usize) {
    let era = if load::inline_era() {
        "2026-07-28, lifecycle in _meta"
    } else {
        "2025-11-25, after initialize"
    };
    println!(
        "== MCP hop: tools/call {} over Streamable HTTP ({era})",
        servers::TOOL
    );
    println!(
        "   load: in-process reqwest on its own {CLIENT_THREADS}-thread runtime, {CONCURRENCY} in flight, \
         {ROUNDS} interleaved rounds ({PYTHON_ROUNDS} for FastMCP) x {requests} calls per server after {WARMUP} warm-up calls"
    );
    let figures: Vec<Figures> = sides.iter().map(Side::figures).collect();
    for (side, f) in sides.iter().zip(&figures) {
        let rounds: Vec<String> = side
            .runs
            .iter()
            .map(|r| format!("{:.0}", r.latencies.len() as f64 / r.elapsed.as_secs_f64()))
            .collect();
        println!(
            "   {:<40}: {:>8.0} req/s  p50 {:>7.3} ms  p99 {:>7.3} ms  server CPU {:>7.1} µs/call  (rounds: {} req/s)",
            side.label,
            f.per_sec,
            f.p50,
            f.p99,
            f.cpu_us,
            rounds.join(", ")
        );
    }
    let find = |name: &str| {
        sides
            .iter()
            .position(|s| s.target.name == name)
            .map(|i| &figures[i])
    };
    let Some(kit) = find("kit") else { return };
    let side = |name: &str| sides.iter().find(|s| s.target.name == name);
    let bare_pairs = side("bare rmcp").map(|b| paired_ratios(side("kit").unwrap(), b));
    ratios(
        kit,
        find("bare rmcp").zip(bare_pairs.as_deref()),
        find("FastMCP").map(|py| (py, &[][..])),
        find("HTTP floor"),
    );
}

/// The ratio lines of a section: kit : bare rmcp (the median and range of `pairs`, the
/// throughput ratios of rounds run back to back, sorted) and kit : FastMCP (with its paired
/// rounds' range when there are any).
pub(crate) fn ratios(
    kit: &Figures,
    bare: Option<(&Figures, &[f64])>,
    fastmcp: Option<(&Figures, &[f64])>,
    floor: Option<&Figures>,
) {
    let range = |pairs: &[f64]| {
        (
            pairs.first().copied().unwrap_or(f64::NAN),
            pairs.last().copied().unwrap_or(f64::NAN),
        )
    };
    if let Some((bare, pairs)) = bare {
        let (low, high) = range(pairs);
        println!(
            "   ratio kit : bare rmcp = {:.3} (median of {} paired rounds, range {low:.3}-{high:.3}; goal >= 0.90); overall {:.3}; p50 x{:.2}, p99 x{:.2}, server CPU per call x{:.2}",
            pct(pairs, 0.5),
            pairs.len(),
            kit.per_sec / bare.per_sec,
            kit.p50 / bare.p50,
            kit.p99 / bare.p99,
            kit.cpu_us / bare.cpu_us
        );
    }
    if let Some((py, pairs)) = fastmcp {
        let paired = if pairs.is_empty() {
            String::new()
        } else {
            let (low, high) = range(pairs);
            format!("; paired rounds {low:.1}-{high:.1}")
        };
        println!(
            "   ratio kit : FastMCP = {:.1} (throughput{paired}; goal >= 50); FastMCP p50 x{:.1}, p99 x{:.1}, server CPU per call x{:.1} the kit's",
            kit.per_sec / py.per_sec,
            py.p50 / kit.p50,
            py.p99 / kit.p99,
            py.cpu_us / kit.cpu_us
        );
    }
    if let Some(floor) = floor {
        let against = fastmcp.map_or(String::new(), |(py, _)| {
            format!(
                "; HTTP floor : FastMCP = {:.1} (the most any actix server reaches against this FastMCP here)",
                floor.per_sec / py.per_sec
            )
        });
        println!(
            "   ratio kit : HTTP floor = {:.2} (throughput), server CPU per call x{:.2}{against}",
            kit.per_sec / floor.per_sec,
            kit.cpu_us / floor.cpu_us
        );
    }
}

/// Throughput of `a` over `b` for each pair of rounds run one after the other, sorted.
fn paired_ratios(a: &Side, b: &Side) -> Vec<f64> {
    let rate = |r: &Run| r.latencies.len() as f64 / r.elapsed.as_secs_f64();
    let mut ratios: Vec<f64> = a
        .runs
        .iter()
        .zip(&b.runs)
        .map(|(x, y)| rate(x) / rate(y))
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios
}
