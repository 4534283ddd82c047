//! Priority the way a support lead sets it: legal threats, security incidents, outages and
//! data loss are urgent; money or access stuck, work blocked for many, and buyers with a date
//! are high; "no rush" and FYI are low; spam and mail needing no work are low; the rest is
//! normal. Every rule names the phrases that fired it.

use crate::cues::{Cue, Found, Topic};
use crate::labels::{Category, Priority};
use crate::signals::Signals;

/// Amounts this large make a billing mail with a date important.
const LARGE_AMOUNT: f64 = 10_000.0;

/// The priority of a mail put in `category`, with the reason.
pub fn priority(category: Category, s: &Signals) -> (Priority, Option<String>) {
    let c = &s.cues;
    let has = |cue| c.has(cue);
    let why = |label: &str, cues: &[Cue]| -> Option<String> {
        Some(format!("{label}: {}", quote(c, cues)))
    };
    match category {
        Category::Spam => return (Priority::Low, Some("spam is never acted on".into())),
        Category::Other => return (Priority::Low, Some("needs no work from us".into())),
        _ => {}
    }
    if has(Cue::Legal) {
        return (Priority::Urgent, why("legal threat", &[Cue::Legal]));
    }
    if has(Cue::Security) && matches!(category, Category::Account | Category::Support) {
        return (Priority::Urgent, why("security incident", &[Cue::Security]));
    }
    if has(Cue::DataLoss) && matches!(category, Category::Support | Category::Account) {
        return (Priority::Urgent, why("data loss", &[Cue::DataLoss]));
    }
    if has(Cue::Outage) && category == Category::Support {
        return (
            Priority::Urgent,
            why("outage", &[Cue::Outage, Cue::Breadth]),
        );
    }
    // The writer says it can wait: trust them, unless the house is on fire (above).
    if has(Cue::NoRush) {
        return (Priority::Low, why("no action asked", &[Cue::NoRush]));
    }
    let pressing = has(Cue::TimePressure);
    let high = if has(Cue::MoneyOrAccess) || has(Cue::Chargeback) {
        why(
            "money or access stuck",
            &[Cue::MoneyOrAccess, Cue::Chargeback],
        )
    } else if (has(Cue::Deal) || has(Cue::Tender)) && category == Category::Sales {
        why("a buyer with a date", &[Cue::Deal, Cue::Tender])
    } else if has(Cue::Vulnerability) {
        why("security hole reported", &[Cue::Vulnerability])
    } else if has(Cue::Outage) || has(Cue::Security) {
        why("outage or security", &[Cue::Outage, Cue::Security])
    } else if has(Cue::Breadth)
        && (has(Cue::Blocked)
            || pressing
            || has(Cue::PhishReport)
            || s.topics.contains(&Topic::Slow))
    {
        why(
            "many people affected",
            &[Cue::Breadth, Cue::Blocked, Cue::TimePressure],
        )
    } else if has(Cue::Blocked) && (category == Category::Support || pressing) {
        why("work blocked", &[Cue::Blocked, Cue::TimePressure])
    } else if pressing && category == Category::Billing && s.amount.is_some_and(|a| a >= 1000.0) {
        why("money with a date", &[Cue::TimePressure])
    } else if pressing && s.amount.is_some_and(|a| a >= LARGE_AMOUNT) {
        why("large amount with a date", &[Cue::TimePressure])
    } else {
        None
    };
    if high.is_some() {
        return (Priority::High, high);
    }
    // "How do I set up late fees per unit type?": a question about using the product, with
    // no one stuck and no date, can wait for the queue.
    if category == Category::Support
        && s.topics.contains(&Topic::HowTo)
        && !has(Cue::Blocked)
        && !has(Cue::DataLoss)
        && !pressing
    {
        return (
            Priority::Low,
            Some("a how-to question, no one stuck".into()),
        );
    }
    (Priority::Normal, None)
}

fn quote(found: &Found, cues: &[Cue]) -> String {
    cues.iter()
        .flat_map(|c| found.phrases(*c))
        .take(3)
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Scan;
    use crate::sender::Protected;
    use crate::signals::Folded;
    use crate::text::largest_amount;

    fn assess(category: Category, subject: &str, body: &str) -> (Priority, Option<String>) {
        let folded = Folded::new(subject, body);
        let (s, b) = (Scan::new(&folded.subject), Scan::new(&folded.body));
        let signals = Signals::read(
            "a@customer.example",
            subject,
            &folded,
            &s,
            &b,
            &Protected::default(),
        );
        priority(category, &signals)
    }

    #[test]
    fn an_outage_in_a_support_mail_is_urgent() {
        let (p, why) = assess(Category::Support, "P1", "Our production is down since 6am");
        assert_eq!(p, Priority::Urgent);
        assert!(why.unwrap().contains("outage"));
        let (p, _) = assess(
            Category::Support,
            "Panne",
            "Depuis 7h, personne ne peut se connecter.",
        );
        assert_eq!(p, Priority::Urgent);
    }

    #[test]
    fn a_legal_threat_is_urgent_whatever_the_category() {
        let (p, _) = assess(
            Category::Billing,
            "Invoice",
            "Our attorney will contact you.",
        );
        assert_eq!(p, Priority::Urgent);
        let (p, _) = assess(
            Category::Billing,
            "Rechnung",
            "Wir übergeben die Sache unserem Anwalt.",
        );
        assert_eq!(p, Priority::Urgent);
    }

    #[test]
    fn a_compromised_account_is_urgent_and_a_lockout_high() {
        let (p, _) = assess(
            Category::Account,
            "Help",
            "Someone logged into my account, it wasn't me.",
        );
        assert_eq!(p, Priority::Urgent);
        let (p, _) = assess(
            Category::Account,
            "不正ログイン",
            "身に覚えのないログインがありました。",
        );
        assert_eq!(p, Priority::Urgent);
        let (p, _) = assess(
            Category::Account,
            "Locked",
            "I'm locked out and need access today.",
        );
        assert_eq!(p, Priority::High);
    }

    #[test]
    fn the_word_urgent_without_impact_stays_normal() {
        let (p, _) = assess(
            Category::Support,
            "URGENT question",
            "Where is the setting for the reminder text?",
        );
        assert_eq!(p, Priority::Normal);
    }

    #[test]
    fn spam_and_other_are_low_and_no_rush_is_low() {
        assert_eq!(
            assess(Category::Spam, "Winner", "Claim your prize today").0,
            Priority::Low
        );
        assert_eq!(
            assess(Category::Other, "Out of office", "Back Monday").0,
            Priority::Low
        );
        assert_eq!(
            assess(Category::Support, "How to", "How do I export? No rush.").0,
            Priority::Low
        );
        assert_eq!(
            assess(Category::Sales, "Plans", "What do the plans include?").0,
            Priority::Normal
        );
    }

    #[test]
    fn regulators_takeovers_lost_work_odd_charges_and_tenders_raise_priority() {
        let (p, _) = assess(
            Category::Account,
            "Still waiting",
            "If my data is not erased this week I will file a complaint with the data protection authority.",
        );
        assert_eq!(p, Priority::Urgent);
        let (p, _) = assess(
            Category::Account,
            "Accesso sospetto",
            "Abbiamo visto un accesso sospetto sull'account dell'amministratore.",
        );
        assert_eq!(p, Priority::Urgent);
        let (p, _) = assess(
            Category::Support,
            "Sync problem",
            "The tablet sync failed and we lost a day of inspections.",
        );
        assert_eq!(p, Priority::Urgent);
        let (p, _) = assess(
            Category::Billing,
            "Cobrança",
            "Fomos cobrados em dobro este mês, podem verificar?",
        );
        assert_eq!(p, Priority::High);
        let (p, _) = assess(
            Category::Account,
            "Ex-collega",
            "Een collega is vorige week vertrokken maar heeft nog toegang tot ons account.",
        );
        assert_eq!(p, Priority::High);
        let (p, _) = assess(
            Category::Sales,
            "Ausschreibung Zeiterfassung",
            "Wir laden Sie zur Ausschreibung ein, Angebotsfrist ist der 15. Januar.",
        );
        assert_eq!(p, Priority::High);
    }

    #[test]
    fn a_reported_security_hole_is_high_in_any_language() {
        for (subject, body) in [
            (
                "Stored XSS in comments",
                "Hi, I found a stored XSS in the comment field; a script runs for every viewer.",
            ),
            (
                "Sicherheitslücke",
                "Ich habe eine Sicherheitslücke in Ihrem Upload-Formular gefunden (responsible disclosure).",
            ),
            (
                "Faille",
                "Bonjour, j'ai trouvé une faille de sécurité dans votre API de partage.",
            ),
        ] {
            let (p, why) = assess(Category::Support, subject, body);
            assert_eq!(p, Priority::High, "{subject}");
            assert!(
                why.is_some_and(|w| w.contains("security hole")),
                "{subject}"
            );
        }
    }

    #[test]
    fn amounts_ignore_ids_and_read_separators() {
        assert_eq!(largest_amount("invoice 48812 for $1,980.00"), Some(1980.0));
        assert_eq!(largest_amount("eur 31,200 total"), Some(31200.0));
    }
}
