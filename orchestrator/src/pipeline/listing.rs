//! What a run lists: windows of received time, each paged newest first from gmail and sent
//! one message at a time into a bounded channel (so a 100k-message mailbox never sits in
//! memory), within the run's message budget, until the run is cancelled.
//!
//! Each window ends as *done*, or *cut* at the oldest message listed so far (the rest of the
//! window is listed by a later run): the cursor then never moves past mail it has not seen.

use chrono::{DateTime, Utc};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::model::{Window, parse_time};
use super::steps::{self, StepError, StepTimeouts};
use crate::services::Services;

/// Ids asked for per gmail page.
const PAGE: u32 = 500;

/// One message to process.
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: String,
    /// When gmail received it (from the listing), if it said.
    pub date: Option<DateTime<Utc>>,
    /// The window it was listed from (`None`: an earlier failure due for a retry).
    pub window: Option<usize>,
}

/// How listing a window ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    /// Never started (the budget ran out or the run was stopped before it).
    NotStarted,
    /// Every page was listed.
    Done,
    /// Stopped after listing messages down to `oldest` (inclusive); `None` when the oldest
    /// listed message had no date or nothing was listed.
    Cut { oldest: Option<DateTime<Utc>> },
}

/// What the lister did.
#[derive(Debug)]
pub struct Report {
    pub windows: Vec<Listing>,
    /// Messages sent for processing.
    pub listed: u64,
    /// The first listing failure, if any (its window is cut there).
    pub error: Option<StepError>,
}

/// Gmail's query for a window. `after:`/`before:` take epoch seconds; the window is widened
/// by a second on each side (mail in the boundary second is listed twice and skipped once
/// recorded, never missed).
pub fn query(w: &Window) -> Option<String> {
    let after = parse_time(&w.after)?.timestamp() - 1;
    let before = parse_time(&w.before)?.timestamp() + 1;
    Some(format!("after:{after} before:{before}"))
}

/// Lists `windows` (newest first as given) after `retries`, sending at most `budget`
/// messages into `tx`, stopping when `stop` is cancelled or the receiver is gone. `on_list`
/// sees each message just before it is sent (the run tracks what it has not recorded yet)
/// and says whether it is new to the run: a message listed again (a retry also inside a
/// window, windows that overlap) counts against the budget but is not sent twice.
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
pub async fn list(
    services: &Services,
    timeouts: &StepTimeouts,
    windows: &[Window],
    retries: Vec<String>,
    budget: u64,
    tx: mpsc::Sender<Listed>,
    stop: CancellationToken,
    on_list: impl Fn(&Listed) -> bool,
) -> Report {
    let mut report = Report {
        windows: vec![Listing::NotStarted; windows.len()],
        listed: 0,
        error: None,
    };
    for id in retries {
        if stop.is_cancelled() || report.listed >= budget {
            return report;
        }
        let item = Listed {
            id,
            date: None,
            window: None,
        };
        if on_list(&item) && tx.send(item).await.is_err() {
            return report;
        }
        report.listed += 1;
    }
    for (i, w) in windows.iter().enumerate() {
        if stop.is_cancelled() || report.listed >= budget {
            break;
        }
        let Some(q) = query(w) else {
            // An unreadable window (hand-edited state): listed as a whole next time is not
            // possible either; drop it loudly rather than loop on it.
            tracing::error!(after = %w.after, before = %w.before, "unreadable listing window dropped");
            report.windows[i] = Listing::Done;
            continue;
        };
        let mut oldest: Option<DateTime<Utc>> = None;
        let mut any = false;
        let mut page_token = None;
        report.windows[i] = loop {
            if stop.is_cancelled() || report.listed >= budget {
                break Listing::Cut { oldest };
            }
            let want = PAGE.min((budget - report.listed).min(u64::from(PAGE)) as u32);
            let page = tokio::select! {
                p = steps::list_page(services, timeouts, &q, want, page_token.take()) => p,
                () = stop.cancelled() => break Listing::Cut { oldest },
            };
            let page = match page {
                Ok(p) => p,
                Err(e) => {
                    tracing::warn!(error = %e, "listing a window failed; the rest waits for the next run");
                    report.error.get_or_insert(e);
                    break if any {
                        Listing::Cut { oldest }
                    } else {
                        Listing::NotStarted
                    };
                }
            };
            let got = page.ids.len();
            for (id, date) in page.ids {
                let date = date.as_deref().and_then(parse_time);
                // Newest first: each message is at least as old as the previous one; a
                // message without a date makes the cut point unknown.
                oldest = if any {
                    oldest.zip(date).map(|(o, d)| o.min(d))
                } else {
                    date
                };
                any = true;
                let item = Listed {
                    id,
                    date,
                    window: Some(i),
                };
                if on_list(&item) && tx.send(item).await.is_err() {
                    return report;
                }
                report.listed += 1;
            }
            match page.next_page_token {
                Some(t) if got > 0 => page_token = Some(t),
                // The last page, or a full page without a continuation token (Gmail caps
                // result sets): done either way, as Gmail offers nothing more.
                _ => break Listing::Done,
            }
        };
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_becomes_a_gmail_query_widened_by_a_second() {
        let w = Window {
            after: "2026-01-01T00:00:00.000Z".into(),
            before: "2026-01-01T01:00:00.000Z".into(),
        };
        assert_eq!(query(&w).unwrap(), "after:1767225599 before:1767229201");
        assert!(
            query(&Window {
                after: "x".into(),
                before: "y".into()
            })
            .is_none()
        );
    }
}
