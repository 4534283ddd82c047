use super::*;

fn model() -> &'static Model {
    MODEL
        .as_ref()
        .expect("the planning sets in the repository train")
}

#[test]
fn every_planning_set_parses_and_has_both_labels() {
    for (name, text) in FILES {
        let examples = parse(name, text).expect("a planning set parses");
        assert!(examples.iter().any(Example::needs_nothing), "{name}");
        assert!(examples.iter().any(|e| !e.needs_nothing()), "{name}");
    }
}

#[test]
fn training_twice_gives_the_same_model() {
    let a = Model::train_default().expect("trains");
    let b = Model::train_default().expect("trains");
    assert_eq!(a.bias.to_bits(), b.bias.to_bits());
    assert_eq!(a.weights.len(), b.weights.len());
    assert!(
        a.weights
            .iter()
            .zip(&b.weights)
            .all(|(x, y)| x.to_bits() == y.to_bits())
    );
    for q in [
        "hi there",
        "Do I have any unpaid invoices?",
        "請求書は届きましたか",
    ] {
        assert_eq!(a.p_nothing(q).to_bits(), b.p_nothing(q).to_bits(), "{q}");
    }
}

#[test]
fn small_talk_and_general_knowledge_need_nothing() {
    for q in [
        "hi there",
        "thanks a lot, that helped",
        "What is the capital of Australia?",
        "Can you write me a haiku about autumn?",
        "Tell me a joke",
    ] {
        assert!(
            model().p_nothing(q) >= THRESHOLD,
            "{q}: {}",
            model().p_nothing(q)
        );
    }
}

#[test]
fn questions_about_the_askers_records_need_a_source() {
    for q in [
        "Do I have any unpaid invoices?",
        "When does my subscription renew?",
        "Did you get my email about the refund?",
        "Wann habe ich mich zuletzt angemeldet?",
    ] {
        assert!(model().p_nothing(q) < 0.5, "{q}: {}", model().p_nothing(q));
    }
}

#[test]
fn a_record_id_an_address_or_my_record_is_a_hard_sign() {
    for q in [
        "Was invoice INV-20931 paid?",
        "what about ticket #4521",
        "Pull the invoices for accounts@northwind-traders.co.uk",
        "Write a haiku about my invoices",
        "¿Cuándo se renueva mi plan?",
    ] {
        assert!(is_surely_about_records(q), "{q}");
        assert!(overrules(q).is_none(), "{q}");
    }
}

#[test]
fn years_sums_and_what_is_not_asked_are_no_hard_sign() {
    for q in [
        "Who won the world cup in 2014?",
        "whats 17% of 2340",
        "Write a haiku about invoices",
        "Not asking about my invoices - what is a pro forma invoice?",
    ] {
        assert!(!is_surely_about_records(q), "{q}");
    }
}

#[test]
fn the_model_overrules_only_when_confident() {
    assert!(overrules("Tell me a joke").is_some());
    assert!(overrules("Do I have any unpaid invoices?").is_none());
}

#[test]
fn a_name_inside_a_sentence_and_a_third_person_are_flags() {
    let has = |q: &str, flag: &str| {
        let folded = fold(q);
        let words: Vec<&str> = folded.split_whitespace().collect();
        flags(q, &folded, &words).contains(&flag)
    };
    for q in [
        "Is Pixel Press behind on their payments to you?",
        "what's the email on file for Jenna at Westside Wraps",
        "My invoices. And what about Kelly?",
    ] {
        assert!(has(q, "proper-name"), "{q}");
    }
    // A sentence's first word, "I" and acronyms are no names.
    for q in [
        "Hello there",
        "Can I see my CRM record and the VAT on it?",
        "Thanks. Where do I find the PDF?",
    ] {
        assert!(!has(q, "proper-name"), "{q}");
    }
    assert!(has("Has she paid her invoice?", "third-person"));
    assert!(has("Ele pagou a fatura dele?", "third-person"));
    assert!(!has(
        "¿Cuándo vence el plan? ¿Puede ver su factura?",
        "third-person"
    ));
    assert!(!has("Have I paid my invoice?", "third-person"));
}
