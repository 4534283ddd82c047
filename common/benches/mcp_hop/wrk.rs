//! The wrk section: the same three servers driven by `wrk` as a separate process, so the load
//! client shares no runtime, thread or allocator with the servers (it still shares the cores).
//! wrk POSTs the in-process client's `tools/call` bodies, byte for byte and in the same turn,
//! with the headers its handshake settled; each server's handshake and those very bodies are
//! checked in-process first (all three servers are stateless, so a call needs no session),
//! and one call again after the rounds (wrk sees statuses only, and a JSON-RPC error comes in
//! a 200).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::load::{Target, pct};
use crate::{CONCURRENCY, Figures, Side};

/// Measured rounds per server, interleaved (kit, bare, FastMCP, kit, …).
const ROUNDS: usize = 5;
/// Seconds per measured round (`MCP_HOP_WRK_SECS` changes it).
const SECS: u64 = 3;
/// Seconds of the one warm-up run per server, not counted.
const WARMUP_SECS: u64 = 1;
/// A FastMCP round counts as fair when its busiest worker took at most this share of its CPU.
const FAIR_SHARE: f64 = 0.6;
/// Bodies wrk sends in turn: calls 0, 1, 2 of the in-process client (one per address).
const BODIES: usize = crate::servers::EMAILS.len();

/// One clean wrk run (no error answers, no socket errors).
struct Round {
    per_sec: f64,
    /// ms, from `--latency`.
    p50: f64,
    p99: f64,
    /// Calls answered in the run.
    calls: u64,
    /// The server's CPU time over the run.
    cpu: Duration,
    /// For a multi-process server, the busiest process's share of that CPU time (0.5 is an
    /// even split over two workers).
    busiest: Option<f64>,
}

/// A side's aggregate: medians of its clean rounds, CPU per call over all of them.
fn figures(rounds: &[Option<Round>]) -> Option<Figures> {
    let clean: Vec<&Round> = rounds.iter().flatten().collect();
    if clean.is_empty() {
        return None;
    }
    let median = |f: fn(&Round) -> f64| {
        let mut v: Vec<f64> = clean.iter().map(|r| f(r)).collect();
        v.sort_by(f64::total_cmp);
        pct(&v, 0.5)
    };
    let calls: u64 = clean.iter().map(|r| r.calls).sum();
    let cpu: Duration = clean.iter().map(|r| r.cpu).sum();
    Some(Figures {
        per_sec: median(|r| r.per_sec),
        p50: median(|r| r.p50),
        p99: median(|r| r.p99),
        cpu_us: cpu.as_secs_f64() * 1e6 / calls as f64,
    })
}

/// `wrk` on `PATH`, if there.
fn find_wrk() -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("wrk"))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

fn secs() -> u64 {
    std::env::var("MCP_HOP_WRK_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&s| s > 0)
        .unwrap_or(SECS)
}

/// The Lua script for `target`: its headers, and its first [`BODIES`] call bodies formatted
/// once in `init` and sent in turn (a prepared string per request, no Lua per answer).
fn script(target: &Target) -> String {
    let mut lua = String::from("wrk.method = \"POST\"\n");
    for (name, value) in target.headers() {
        lua.push_str(&format!("wrk.headers[{name:?}] = {value:?}\n"));
    }
    lua.push_str("local bodies = {\n");
    for i in 0..BODIES {
        let body = target.call_body(i);
        let body = std::str::from_utf8(&body).expect("UTF-8 body");
        assert!(body.is_ascii(), "{body}");
        lua.push_str(&format!("  {body:?},\n"));
    }
    lua.push_str(
        "}\n\
         local requests = {}\n\
         local n = 0\n\
         function init(args)\n\
         \x20 for i, body in ipairs(bodies) do\n\
         \x20   requests[i] = wrk.format(nil, nil, nil, body)\n\
         \x20 end\n\
         end\n\
         function request()\n\
         \x20 n = n % #requests + 1\n\
         \x20 return requests[n]\n\
         end\n",
    );
    lua
}

/// `wrk -t1 -c{CONCURRENCY} -d{secs}s --latency -s {script} {url}`, killed if it has not
/// finished 30 s after it should have. Its stdout, or why there is none.
async fn run(wrk: &Path, script: &Path, url: &str, secs: u64) -> Result<String, String> {
    let mut cmd = Command::new(wrk);
    cmd.args([
        "-t1",
        &format!("-c{CONCURRENCY}"),
        &format!("-d{secs}s"),
        "--latency",
        "-s",
    ])
    .arg(script)
    .arg(url)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().map_err(|e| format!("wrk: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(secs + 30);
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("wrk still running 30 s after its end; killed".into());
                }
                Err(e) => return Err(format!("wrk: {e}")),
            }
        };
        // wrk's report is a few hundred bytes: the pipes never fill before it exits.
        let (mut out, mut err) = (String::new(), String::new());
        if let Some(mut s) = child.stdout.take() {
            let _ = s.read_to_string(&mut out);
        }
        if let Some(mut s) = child.stderr.take() {
            let _ = s.read_to_string(&mut err);
        }
        if status.success() {
            Ok(out)
        } else {
            Err(format!("wrk exited ({status}):\n{out}{err}"))
        }
    })
    .await
    .map_err(|e| format!("wrk: {e}"))?
}

/// One wrk run of `secs` on `side`, with the server's CPU time over it; `Err` holds why it
/// does not count and wrk's output.
async fn once(
    wrk: &Path,
    script: &Path,
    side: &Side,
    secs: u64,
) -> Result<Round, (String, String)> {
    let each_before = side.meter.by_process();
    let before = side.meter.read();
    let out = run(wrk, script, side.target.url(), secs).await;
    let cpu = side.meter.read().saturating_sub(before);
    let busiest = busiest_share(&each_before, &side.meter.by_process());
    let out = out.map_err(|why| (why, String::new()))?;
    let report = testkit::wrk::parse(&out).map_err(|why| (why, out.clone()))?;
    Ok(Round {
        per_sec: report.per_sec,
        p50: report.p50,
        p99: report.p99,
        calls: report.calls,
        cpu,
        busiest,
    })
}

/// The largest of the processes' CPU deltas from `before` to `after`, as a share of their sum.
fn busiest_share(before: &[(u32, Duration)], after: &[(u32, Duration)]) -> Option<f64> {
    let deltas: Vec<f64> = after
        .iter()
        .map(|&(pid, t)| {
            let was = before
                .iter()
                .find(|&&(p, _)| p == pid)
                .map_or(Duration::ZERO, |&(_, t)| t);
            t.saturating_sub(was).as_secs_f64()
        })
        .collect();
    let sum: f64 = deltas.iter().sum();
    (sum > 0.0).then(|| deltas.iter().copied().fold(0.0, f64::max) / sum)
}

/// `once`, printing a warning with wrk's output when the run does not count.
async fn counted(wrk: &Path, script: &Path, side: &Side, secs: u64, what: &str) -> Option<Round> {
    match once(wrk, script, side, secs).await {
        Ok(round) => Some(round),
        Err((why, output)) => {
            println!(
                "   warning: wrk {what} on {} not counted: {why}",
                side.target.name
            );
            for line in output.lines() {
                println!("   | {line}");
            }
            None
        }
    }
}

/// Runs the section over `sides` (already handshaken, warm from the in-process section) and
/// prints it; one line saying why when wrk is not on `PATH` or `MCP_HOP_WRK=off`.
pub async fn section(http: &reqwest::Client, sides: &[Side]) {
    if std::env::var("MCP_HOP_WRK").is_ok_and(|v| v == "off") {
        println!("== MCP hop under wrk: skipped (MCP_HOP_WRK=off)");
        return;
    }
    let Some(wrk) = find_wrk() else {
        println!(
            "== MCP hop under wrk: skipped, `wrk` is not on PATH (install it, e.g. Debian's \
             `wrk` package, to load the servers from a separate process)"
        );
        return;
    };
    if sides.is_empty() {
        return;
    }
    let secs = secs();
    let headers: Vec<&str> = sides[0]
        .target
        .headers()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    println!(
        "== MCP hop under wrk: the same tools/call {} from `wrk` as a separate process",
        crate::servers::TOOL
    );
    println!(
        "   load: wrk -t1 -c{CONCURRENCY} -d{secs}s --latency, {ROUNDS} interleaved rounds per server after \
         a {WARMUP_SECS} s warm-up; figures are medians of clean rounds, CPU per call over them"
    );
    println!(
        "   calls: the in-process client's first {BODIES} tools/call bodies in turn with its headers ({}), \
         each checked in-process first",
        headers.join(", ")
    );
    let mut scripts = Vec::new();
    for (i, side) in sides.iter().enumerate() {
        for call in 0..BODIES {
            side.target.check_call(http, call).await;
        }
        let path = std::env::temp_dir().join(format!("mcp-hop-{}-{i}.lua", std::process::id()));
        std::fs::write(&path, script(&side.target))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        scripts.push(path);
    }

    for (side, script) in sides.iter().zip(&scripts) {
        counted(&wrk, script, side, WARMUP_SECS, "warm-up").await;
    }
    let mut rounds: Vec<Vec<Option<Round>>> = sides.iter().map(|_| Vec::new()).collect();
    for round in 0..ROUNDS {
        for ((side, script), kept) in sides.iter().zip(&scripts).zip(&mut rounds) {
            let what = format!("round {}", round + 1);
            kept.push(counted(&wrk, script, side, secs, &what).await);
        }
    }
    for path in &scripts {
        let _ = std::fs::remove_file(path);
    }
    // wrk sees only statuses; a JSON-RPC error would come in a 200. The bodies answered right
    // before the rounds; check once more that the server still does after them.
    for side in sides {
        side.target.check_call(http, 0).await;
    }
    report(sides, &rounds);
}

fn report(sides: &[Side], rounds: &[Vec<Option<Round>>]) {
    let figures: Vec<Option<Figures>> = rounds.iter().map(|r| figures(r)).collect();
    for ((side, kept), f) in sides.iter().zip(rounds).zip(&figures) {
        let each: Vec<String> = kept
            .iter()
            .map(|r| {
                r.as_ref()
                    .map_or("error".into(), |r| format!("{:.0}", r.per_sec))
            })
            .collect();
        match f {
            Some(f) => println!(
                "   {:<40}: {:>8.0} req/s  p50 {:>7.3} ms  p99 {:>7.3} ms  server CPU {:>7.1} µs/call  (rounds: {} req/s)",
                side.label,
                f.per_sec,
                f.p50,
                f.p99,
                f.cpu_us,
                each.join(", ")
            ),
            None => println!(
                "   {:<40}: no clean round (rounds: {})",
                side.label,
                each.join(", ")
            ),
        }
        let shares: Vec<String> = kept
            .iter()
            .flatten()
            .filter_map(|r| r.busiest)
            .map(|b| format!("{:.0} %", b * 100.0))
            .collect();
        if !shares.is_empty() {
            println!(
                "   {:<40}  busiest process's share of its CPU per clean round: {} (an even split over \
                 {} workers is {:.0} %; uvicorn's workers race to accept wrk's {CONCURRENCY} connections)",
                "",
                shares.join(", "),
                crate::fastmcp::WORKERS,
                100.0 / crate::fastmcp::WORKERS as f64
            );
        }
    }
    let find = |name: &str| sides.iter().position(|s| s.target.name == name);
    let Some(k) = find("kit") else { return };
    let Some(kit) = &figures[k] else { return };
    // Throughput of the kit over `other` for each round both ran cleanly, sorted.
    let paired = |o: usize| {
        let mut ratios: Vec<f64> = rounds[k]
            .iter()
            .zip(&rounds[o])
            .filter_map(|(a, b)| Some(a.as_ref()?.per_sec / b.as_ref()?.per_sec))
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios
    };
    let with_pairs = |name: &str| {
        let o = find(name)?;
        Some((figures[o].as_ref()?, paired(o)))
    };
    let (bare, fastmcp) = (with_pairs("bare rmcp"), with_pairs("FastMCP"));
    if let Some(py) = find("FastMCP") {
        fair_rounds(
            &rounds[py],
            &[
                ("kit", &rounds[k]),
                (
                    "HTTP floor",
                    find("HTTP floor").map_or(&[][..], |f| &rounds[f][..]),
                ),
            ],
        );
    }
    crate::ratios(
        kit,
        bare.as_ref().map(|(f, p)| (*f, &p[..])),
        fastmcp.as_ref().map(|(f, p)| (*f, &p[..])),
        find("HTTP floor").and_then(|o| figures[o].as_ref()),
    );
}

/// The throughput ratios against FastMCP in the rounds where its two workers shared the load
/// (the busiest took at most [`FAIR_SHARE`] of its CPU): the rounds in which FastMCP ran as
/// configured, on both workers, rather than on one.
fn fair_rounds(fastmcp: &[Option<Round>], others: &[(&str, &[Option<Round>])]) {
    let fair: Vec<usize> = fastmcp
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.as_ref()
                .is_some_and(|r| r.busiest.is_some_and(|b| b <= FAIR_SHARE))
        })
        .map(|(i, _)| i)
        .collect();
    let lines: Vec<String> = others
        .iter()
        .filter(|(_, rounds)| !rounds.is_empty())
        .map(|(name, rounds)| {
            let each: Vec<String> = fair
                .iter()
                .filter_map(|&i| {
                    let other = rounds.get(i)?.as_ref()?;
                    let py = fastmcp[i].as_ref()?;
                    Some(format!("{:.1}", other.per_sec / py.per_sec))
                })
                .collect();
            format!("{name} : FastMCP {}", each.join(", "))
        })
        .collect();
    println!(
        "   rounds where FastMCP's workers shared the load (busiest at most {:.0} %): {} of {}{}{}",
        FAIR_SHARE * 100.0,
        fair.len(),
        fastmcp.len(),
        if fair.is_empty() { "" } else { "; " },
        if fair.is_empty() {
            String::new()
        } else {
            lines.join("; ")
        }
    );
}
