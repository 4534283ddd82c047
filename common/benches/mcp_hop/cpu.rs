//! Server CPU time, read from `/proc`: what the server spent on a run whatever the client and
//! the machine's other tenants did meanwhile (throughput alone blurs that on two shared cores).

use std::sync::OnceLock;
use std::time::Duration;

/// Clock ticks per second of `/proc/*/stat` times.
fn ticks_per_sec() -> f64 {
    static TICKS: OnceLock<f64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// `utime + stime` of one `/proc/…/stat` line, and its process group.
fn stat_times(stat: &str) -> Option<(u64, u64)> {
    // Fields after the parenthesised command name, which may itself hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // rest[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
    let pgrp = f.get(2)?.parse().ok()?;
    let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some((ticks, pgrp))
}

/// Where a server runs: this process's actix-server threads, or a process group.
#[derive(Clone, Copy)]
pub enum Meter {
    /// Threads of this process named `actix-…`: the servers' workers (`actix-rt|system:0|arbiter:N`)
    /// and acceptors (`actix-server acceptor`). Only the server under load is busy, so their sum
    /// is its CPU.
    ActixThreads,
    /// Every process of the group led by this pid (uvicorn and its workers).
    ProcessGroup(u32),
}

impl Meter {
    /// CPU time consumed so far.
    pub fn read(self) -> Duration {
        let ticks: u64 = match self {
            Meter::ActixThreads => std::fs::read_dir("/proc/self/task")
                .into_iter()
                .flatten()
                .flatten()
                .filter(|t| {
                    std::fs::read_to_string(t.path().join("comm"))
                        .is_ok_and(|c| c.starts_with("actix-"))
                })
                .filter_map(|t| std::fs::read_to_string(t.path().join("stat")).ok())
                .filter_map(|s| stat_times(&s).map(|(t, _)| t))
                .sum(),
            Meter::ProcessGroup(leader) => group(leader).map(|(_, t)| t).sum(),
        };
        Duration::from_secs_f64(ticks as f64 / ticks_per_sec())
    }

    /// CPU time consumed so far by each process of a `ProcessGroup` (pid, time); empty for
    /// `ActixThreads`. Shows how a multi-process server spread a run over its workers.
    pub fn by_process(self) -> Vec<(u32, Duration)> {
        match self {
            Meter::ActixThreads => Vec::new(),
            Meter::ProcessGroup(leader) => group(leader)
                .map(|(pid, t)| (pid, Duration::from_secs_f64(t as f64 / ticks_per_sec())))
                .collect(),
        }
    }
}

/// (pid, `utime + stime` ticks) of every process in the group led by `leader`.
fn group(leader: u32) -> impl Iterator<Item = (u32, u64)> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|p| p.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            stat_times(&stat).map(|(t, pgrp)| (pid, t, pgrp))
        })
        .filter(move |&(_, _, pgrp)| pgrp == u64::from(leader))
        .map(|(pid, t, _)| (pid, t))
}
