//! Turning an email into text the engine can compare: folded (lower-case, accents stripped,
//! full-width forms narrowed), split into words for Latin scripts and into character bigrams
//! for Chinese and Japanese, which are written without spaces.

/// Only the start of a body is read for features: the gist of a mail is in its first
/// paragraphs, and a 1 MB body must still be classified in microseconds.
pub const MAX_FEATURE_BYTES: usize = 16 * 1024;

pub use common::text::truncate_bytes as truncate;

/// Words too common to say anything about the category (after folding), in the eight
/// languages the engine reads.
const STOP_WORDS: &[&str] = &[
    // en
    "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "is",
    "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "he", "she",
    "they", "am", "do", "does", "did", "have", "has", "had", "so", "as", "if", "from", "there",
    "here", "hi", "hello", "dear", "regards", "best", "cheers", "would", "could", "will", "can",
    "just", "also", "all", "any", "some", "about", "into", "up", "out", "what", "which", "who",
    "when", "how", "then", "than", "too", "very", "re", "fw", "fwd", "aw", "wg", "tr",
    // es / pt / it / fr / de / nl
    "el", "la", "los", "las", "lo", "de", "del", "en", "y", "que", "por", "con", "para", "una",
    "un", "es", "al", "se", "su", "o", "os", "as", "da", "do", "das", "dos", "em", "um", "uma",
    "e", "il", "di", "che", "per", "le", "les", "des", "et", "est", "du", "au", "aux", "ce", "der",
    "die", "das", "und", "ist", "zu", "den", "dem", "mit", "von", "im", "ein", "eine", "het",
    "een", "van", "en", "op", "te", "dat", "voor", "met", "ik",
];

/// Lower-cases `c` and strips Latin diacritics (`É` → `e`, `ß` → `ss`), narrows full-width
/// ASCII (`Ｐ` → `p`); pushes the result on `out`. Hand-written rather than full Unicode
/// normalisation: the eight languages the engine reads need only these, and it is one match.
pub fn fold_into(c: char, out: &mut String) {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        let folded = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'œ' => "oe",
            'æ' => "ae",
            'š' | 'ś' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'ł' => "l",
            'ř' => "r",
            'ď' => "d",
            'ť' => "t",
            '\u{2019}' | '\u{2018}' => "'",
            _ => {
                out.push(l);
                continue;
            }
        };
        out.push_str(folded);
    }
}

/// `s` folded (see [`fold_into`]).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_into(c, &mut out);
    }
    out
}

/// Chinese, Japanese and Korean characters: read as bigrams, not as space-separated words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x31F0..=0x31FF // katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF66..=0xFF9F // half-width katakana
        | 0xAC00..=0xD7AF // hangul syllables
        | 0x3005)
}

/// A piece of folded text: a word of letters and digits, or a run of CJK characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Word(&'a str),
    Cjk(&'a str),
}

/// Splits folded text into words and CJK runs; everything else separates.
pub fn pieces(folded: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = folded;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_alphanumeric())?;
        rest = &rest[start..];
        let first = rest.chars().next()?;
        let cjk = is_cjk(first);
        let end = rest
            .find(|c: char| !c.is_alphanumeric() || is_cjk(c) != cjk)
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(if cjk {
            Piece::Cjk(piece)
        } else {
            Piece::Word(piece)
        })
    })
}

/// Whether a folded word carries meaning for the model (not a stop word, a number or a letter).
pub fn is_content_word(w: &str) -> bool {
    w.len() >= 2 && !w.bytes().all(|b| b.is_ascii_digit()) && !STOP_SET.contains(w)
}

static STOP_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// Calls `f` with each character bigram of a CJK run (the run itself when it is one character).
pub fn cjk_bigrams<'a>(run: &'a str, mut f: impl FnMut(&'a str)) {
    let mut starts = run.char_indices().map(|(i, _)| i).peekable();
    let mut prev: Option<usize> = None;
    let mut count = 0;
    while let Some(i) = starts.next() {
        count += 1;
        if let Some(p) = prev {
            let end = starts.peek().copied().unwrap_or(run.len());
            f(&run[p..end]);
        }
        prev = Some(i);
    }
    if count == 1 {
        f(run);
    }
}

/// A sender as given (`Name <addr@host>` or a bare address), split leniently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// The display name, if any.
    pub name: Option<String>,
    /// The address, when one parses.
    pub email: Option<common::Email>,
}

impl Sender {
    /// Never fails: an unparseable sender just has no address.
    pub fn parse(raw: &str) -> Self {
        match common::text::mailbox(truncate(raw.trim(), 512)) {
            Some((name, addr)) => Self {
                name,
                email: common::Email::parse(&addr).ok(),
            },
            None => Self {
                name: None,
                email: None,
            },
        }
    }

    pub fn domain(&self) -> Option<&str> {
        self.email.as_ref().map(|e| e.domain())
    }

    /// The part before the `@`.
    pub fn local(&self) -> Option<&str> {
        self.email
            .as_ref()
            .and_then(|e| e.as_str().rsplit_once('@'))
            .map(|(local, _)| local)
    }
}

/// Public (and commonly abused private) suffixes with two labels.
const SECOND_LEVEL: &[&str] = &[
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "com.au", "net.au", "org.au", "com.br",
    "net.br", "org.br", "gov.br", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "com.mx", "com.ar",
    "com.co", "co.nz", "co.za", "com.tr", "com.sg", "com.hk", "com.cn", "gob.es", "gouv.fr",
    "gov.it", "gov.pt", "com.pt", "co.in", "co.il", "uk.com", "jp.net", "br.com", "eu.com",
    "us.com", "com.es", "co.it", "com.ve", "com.pe",
];

/// The label a person registers: `paypal` in `mail.paypal.co.uk`, `hmrc-taxrefund` in
/// `refunds.hmrc-taxrefund.uk.com`.
pub fn registrable_label(domain: &str) -> &str {
    let mut labels = domain.rsplit('.');
    let (Some(tld), Some(second)) = (labels.next(), labels.next()) else {
        return domain;
    };
    let suffix = &domain[domain.len() - tld.len() - second.len() - 1..];
    match labels.next() {
        Some(third) if SECOND_LEVEL.contains(&suffix) => third,
        _ => second,
    }
}

/// Currency signs and codes, folded.
const CURRENCIES: &[&str] = &[
    "€", "$", "£", "¥", "円", "eur", "euro", "euros", "usd", "gbp", "chf", "dollars", "reais",
];

/// Whether folded text names a price: a number beside a currency sign or code ("£389",
/// "EUR 2,190.00", "1.210 €", "R$ 1.890,00", "495 € HT"), not a bare number or a date.
pub fn names_price(text: &str) -> bool {
    CURRENCIES.iter().any(|c| {
        let word = c.chars().all(|ch| ch.is_ascii_alphabetic());
        text.match_indices(c).any(|(i, _)| {
            let before = &text[..i];
            let after = &text[i + c.len()..];
            if word
                && (before.ends_with(|ch: char| ch.is_alphabetic())
                    || after.starts_with(|ch: char| ch.is_alphabetic()))
            {
                return false;
            }
            before.trim_end().ends_with(|ch: char| ch.is_ascii_digit())
                || after
                    .trim_start()
                    .starts_with(|ch: char| ch.is_ascii_digit())
        })
    })
}

/// The largest money-looking number (`$48,000`, `96,400`, `EUR 31,200`, `12.500,00`).
pub fn largest_amount(text: &str) -> Option<f64> {
    let mut best: Option<f64> = None;
    for raw in text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')) {
        let digits = raw.trim_matches(['.', ',']);
        if digits.is_empty() {
            continue;
        }
        // Thousands separators only: "48,000" or "48.000"; decimals after the last separator
        // of two digits are dropped.
        let (int_part, _) = match digits.rfind(['.', ',']) {
            Some(i) if digits.len() - i == 3 => (&digits[..i], &digits[i..]),
            _ => (digits, ""),
        };
        let clean: String = int_part.chars().filter(char::is_ascii_digit).collect();
        // Long digit runs are ids or phone numbers, not money.
        if clean.is_empty()
            || clean.len() > 9
            || (clean.len() >= 5 && !int_part.contains([',', '.']))
        {
            continue;
        }
        if let Ok(v) = clean.parse::<f64>() {
            best = Some(best.map_or(v, |b: f64| b.max(v)));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_is_a_number_beside_a_currency() {
        for text in [
            "renew now for £389 + vat",
            "amount due: eur 2,190.00",
            "la tasa anual de 1.210 € mediante",
            "por r$ 1.890,00 anuais",
            "3,000円",
        ] {
            assert!(names_price(text), "{text}");
        }
        for text in [
            "winners are announced on 5 december; no entry fee applies",
            "registro imprese europeo 2025",
            "the europe 2024 summit",
            "costs in euros",
        ] {
            assert!(!names_price(text), "{text}");
        }
    }

    fn words(s: &str) -> Vec<String> {
        let f = fold(s);
        pieces(&f)
            .filter_map(|p| match p {
                Piece::Word(w) if is_content_word(w) => Some(w.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_are_folded_and_stop_words_dropped() {
        assert_eq!(words("Hi, the INVOICE is wrong!"), vec!["invoice", "wrong"]);
        assert_eq!(
            words("Überweisung für Straße, CAFÉ"),
            vec!["uberweisung", "fur", "strasse", "cafe"]
        );
        assert_eq!(fold("ＰａｙＰａｌ"), "paypal");
    }

    #[test]
    fn numbers_are_not_content_words() {
        assert_eq!(words("order 12 cost 25000 v2"), vec!["order", "cost", "v2"]);
    }

    #[test]
    fn japanese_is_read_as_character_bigrams() {
        let f = fold("至急ご確認ください。Amazonアカウント");
        let p: Vec<Piece<'_>> = pieces(&f).collect();
        assert_eq!(
            p,
            vec![
                Piece::Cjk("至急ご確認ください"),
                Piece::Word("amazon"),
                Piece::Cjk("アカウント")
            ]
        );
        let mut grams = Vec::new();
        cjk_bigrams("至急ご", |g| grams.push(g.to_string()));
        assert_eq!(grams, vec!["至急", "急ご"]);
        let mut one = Vec::new();
        cjk_bigrams("至", |g| one.push(g.to_string()));
        assert_eq!(one, vec!["至"]);
    }

    #[test]
    fn truncation_respects_character_boundaries() {
        let s = "héllo";
        assert_eq!(truncate(s, 2), "h");
        assert_eq!(truncate(s, 3), "hé");
    }

    #[test]
    fn senders_parse_with_and_without_display_names() {
        let s = Sender::parse("\"Ana Pérez\" <Ana@Example.com>");
        assert_eq!(s.name.as_deref(), Some("Ana Pérez"));
        assert_eq!(s.domain(), Some("example.com"));
        assert_eq!(
            Sender::parse("bob@example.org").domain(),
            Some("example.org")
        );
        assert_eq!(Sender::parse("not an address").email, None);
    }
}
