//! Reading a `wrk --latency` report: the one parser both load benchmarks (`common`'s
//! `mcp_hop`, `orchestrator`'s `query`) read wrk's output with.

/// The figures of one clean wrk run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Report {
    pub per_sec: f64,
    /// Median latency, ms.
    pub p50: f64,
    /// 99th-percentile latency, ms.
    pub p99: f64,
    /// Calls answered in the run.
    pub calls: u64,
}

/// Requests/sec, p50/p99 and the calls of one `wrk --latency` report; `Err` (saying why) when
/// the server answered any error status, a socket failed or no call was answered, so the run
/// is not counted as throughput.
pub fn parse(text: &str) -> Result<Report, String> {
    let field = |prefix: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(prefix).map(str::trim))
    };
    if let Some(n) = field("Non-2xx or 3xx responses:") {
        return Err(format!("{n} error answers (non-2xx or 3xx)"));
    }
    if let Some(errors) = field("Socket errors:") {
        return Err(format!("socket errors: {errors}"));
    }
    let unreadable = || "unreadable wrk report".to_string();
    let per_sec = field("Requests/sec:")
        .and_then(|v| v.parse().ok())
        .ok_or_else(unreadable)?;
    let p50 = field("50%").and_then(ms).ok_or_else(unreadable)?;
    let p99 = field("99%").and_then(ms).ok_or_else(unreadable)?;
    let calls = text
        .lines()
        .find_map(|l| l.trim().split_once(" requests in ")?.0.parse().ok())
        .ok_or_else(unreadable)?;
    if calls == 0 {
        return Err("no calls answered".into());
    }
    Ok(Report {
        per_sec,
        p50,
        p99,
        calls,
    })
}

/// A wrk duration ("812.00us", "1.20ms", "2.01s", "1.00m") in ms.
fn ms(v: &str) -> Option<f64> {
    let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic())?);
    let n: f64 = num.parse().ok()?;
    Some(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = "Running 3s test @ http://127.0.0.1:40123/mcp
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms  412.33us   9.87ms   81.20%
    Req/Sec    21.05k     1.02k   22.40k    86.67%
  Latency Distribution
     50%  812.00us
     75%    1.71ms
     90%    2.02ms
     99%    1.05s
  62874 requests in 3.00s, 19.43MB read
Requests/sec:  20946.51
Transfer/sec:      6.47MB
";

    #[test]
    fn a_clean_report_reads_with_every_unit_in_ms() {
        let r = parse(CLEAN).unwrap();
        assert_eq!(
            r,
            Report {
                per_sec: 20946.51,
                p50: 0.812,
                p99: 1050.0,
                calls: 62874,
            }
        );
    }

    #[test]
    fn error_answers_socket_errors_and_no_calls_do_not_count() {
        let non_2xx = CLEAN.replace(
            "Requests/sec:",
            "  Non-2xx or 3xx responses: 17\nRequests/sec:",
        );
        assert_eq!(
            parse(&non_2xx).unwrap_err(),
            "17 error answers (non-2xx or 3xx)"
        );
        let sockets = CLEAN.replace(
            "Requests/sec:",
            "  Socket errors: connect 0, read 2, write 0, timeout 0\nRequests/sec:",
        );
        assert!(parse(&sockets).unwrap_err().starts_with("socket errors"));
        let none = CLEAN.replace("62874 requests", "0 requests");
        assert_eq!(parse(&none).unwrap_err(), "no calls answered");
        assert_eq!(
            parse("wrk: command failed").unwrap_err(),
            "unreadable wrk report"
        );
    }
}
