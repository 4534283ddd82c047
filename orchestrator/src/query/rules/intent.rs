//! What a question asks, read from its words in English, Spanish, German, French, Italian,
//! Dutch, Portuguese and Japanese: the topics it is about, whether it wants a yes or no, and
//! whether it is small talk. Keyword tables rather than a model: deterministic, explainable,
//! and the fallback when the model is down.
//!
//! A pattern is an exact word (`bill`), a word prefix (`invoice*`), a phrase (`log in`,
//! matched on word boundaries), or Japanese text (matched anywhere: Japanese has no spaces).
//! Accents are folded (`sesión` → `sesion`) before matching.

use std::collections::BTreeSet;

use super::scope;
use super::topics::{
    ARRIVAL, DOCUMENTS, DURATIONS, HOW_IT_STANDS, MINE, OFFERS, QUOTES, REPORTED_TO_US,
    SALESPEOPLE, addresses_us, any_match, matches, switched_tier, topics_of, without_phrases,
};
pub use super::topics::{Topic, fold};
use super::words::{Around, any_word};

/// Words that open a yes/no question.
const YES_NO_OPENERS: &[&str] = &[
    "does",
    "do",
    "did",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "can",
    "could",
    "any",
    "will",
    "tiene",
    "tienen",
    "hay",
    "ha",
    "han",
    "esta",
    "es",
    "recibieron",
    "hat",
    "haben",
    "habt",
    "ist",
    "sind",
    "gibt",
    "kann",
    "wurde",
    "est",
    "a",
    "avez",
    "y",
    "ci",
    "avete",
    "e",
    "heeft",
    "hebben",
    "hebt",
    "zijn",
    "kan",
    "tem",
    "ha",
    "voces",
    "ele",
    "ela",
];

/// Greetings and thanks (whole question), small talk the answer can meet without data.
const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
    "hola",
    "buenos dias",
    "buenas",
    "hallo",
    "guten tag",
    "guten morgen",
    "moin",
    "servus",
    "bonjour",
    "salut",
    "bonsoir",
    "ciao",
    "buongiorno",
    "salve",
    "hoi",
    "goedemorgen",
    "goedemiddag",
    "ola",
    "bom dia",
    "boa tarde",
    "oi",
    "こんにちは",
    "おはよう",
    "こんばんは",
    "qué tal",
    "que tal",
    "how are you",
    "hoe gaat het",
    "wie geht",
];
const THANKS: &[&str] = &[
    "thanks",
    "thank you",
    "thx",
    "cheers",
    "ty",
    "gracias",
    "danke",
    "merci",
    "grazie",
    "bedankt",
    "dank je",
    "dank u",
    "obrigado",
    "obrigada",
    "ありがとう",
    "感謝",
    "great",
    "perfect",
];
/// The asker telling that they use the app, in the eight languages.
const USING_THE_APP: &[&str] = &[
    "we use the app",
    "i use the app",
    "we use your app",
    "i use your app",
    "we re using the app",
    "we are using the app",
    "i m using the app",
    "we ve been using the app",
    "we have been using the app",
    "i ve been using the app",
    "wir nutzen die app",
    "ich nutze die app",
    "usamos la app",
    "uso la app",
    "nous utilisons l app",
    "j utilise l app",
    "usiamo l app",
    "uso l app",
    "wij gebruiken de app",
    "we gebruiken de app",
    "ik gebruik de app",
    "usamos o app",
    "uso o app",
    "アプリを使っています",
    "アプリを使っている",
];

/// Requests to write or draft text: answered without looking anyone up.
const DRAFTING: &[&str] = &[
    "translate",
    "write me",
    "write a",
    "write an",
    "draft",
    "compose",
    "redacta",
    "escribe un",
    "escribe una",
    "escribeme",
    "escribir un",
    "escribir una",
    "escribirme",
    "schreib mir",
    "schreibe eine",
    "schreibe einen",
    "ecris moi",
    "ecris un",
    "ecris une",
    "redige",
    "scrivi",
    "scrivimi",
    "schrijf een",
    "escreva",
    "escrever um",
    "escrever uma",
    "help me write",
    // Asking for writing ("書いてください"), not what a mail said ("何と書いてありましたか").
    "書いてください",
    "書いて下さい",
    "書いてほしい",
    "書いて欲しい",
    "書いてくれ",
    "書いてもらえ",
    "書いていただけ",
    // Asking for help to word a message ("me ayudas a redactar…", "hilf mir, … zu verfassen").
    "help me word",
    "how should i word",
    "how do i word",
    "wie formuliere ich",
    "wie schreibe ich",
    // "Was schreibe ich in den Betreff?", "Que mettre dans l'objet d'un mail de relance ?",
    // "督促メールの件名は何がいいですか": what to write.
    "was schreibe ich",
    "que mettre dans",
    "que escribo",
    "que pongo en",
    "que pongo como",
    "cosa metto nell",
    "cosa metto come",
    "que mets je dans",
    "was setze ich in",
    "o que ponho no",
    "o que coloco no",
    "cosa scrivo",
    "wat zet ik in",
    "wat schrijf ik",
    "o que escrevo",
    "件名は何が",
    // "どう返信すればいいですか": how to reply.
    "どう返信すれば",
    "どう返事すれば",
    "返信の仕方",
    "como escribo",
    "comment ecrire",
    "come scrivo",
    "hoe schrijf ik",
    "como escrevo",
    "como redacto",
    "comment formuler",
    "comment relancer",
    "come formulo",
    "hoe formuleer ik",
    "como formulo",
    "help me phrase",
    "redactar",
    "redactarme",
    "verfassen",
    "aufsetzen",
    "rediger",
    "redigez",
    "redigere",
    "scrivere un",
    "scrivere una",
    "opstellen",
    "schrijven",
    "redigir",
    // "…zu formulieren", "m'aider à formuler", "formulare una mail", "文面を考えて".
    "formulieren",
    "formuler",
    "formulare",
    "formuleren",
    "文面を考え",
    "文面を作",
    "文案を",
];

/// How-many questions.
const COUNTING: &[&str] = &[
    "how many",
    "number of",
    "cuantos",
    "cuantas",
    "wie viele",
    "anzahl",
    "combien",
    "quanti",
    "quante",
    "hoeveel",
    "quantos",
    "quantas",
];

/// "Who …" openers: with no pronoun of the conversation's parties, a writing verb asks who
/// wrote a book or a song, not who wrote to us.
const WHO: &[&str] = &["who", "quien", "wer", "qui", "chi", "quem"];
/// Pronouns naming the parties of a mail exchange (us, me, you) in the eight languages.
const PARTIES: &[&str] = &[
    "i", "me", "my", "we", "us", "our", "you", "your", "nos", "nosotros", "os", "mi", "mir",
    "mich", "uns", "euch", "ihnen", "nous", "vous", "moi", "m", "ci", "vi", "ons", "mij", "jullie",
    "u", "voce", "voces", "mim",
];

/// Words that introduce what a mail was about ("my email about the refund").
const ABOUT: &[&str] = &[
    " about ",
    // "Is there a ticket open for the SSO issue?", "mein Ticket zum SSO-Problem": what a case
    // is about.
    " open for the ",
    " opened for the ",
    " raised for the ",
    " zum ",
    " zur ",
    " regarding ",
    " over ",
    " where i ",
    " with the ",
    " re ",
    " w the ",
    " sul ",
    " sulla ",
    " sullo ",
    " sui ",
    " sulle ",
    " sobre ",
    " acerca de ",
    " uber ",
    " wegen ",
    " bezuglich ",
    " au sujet ",
    " concernant ",
    " a propos ",
    " riguardo ",
    " a respeito ",
    " con el ",
    " con la ",
    " con los ",
    " con las ",
    " mit dem ",
    " mit der ",
    " mit den ",
    " avec le ",
    " avec la ",
    " avec les ",
    " con il ",
    " con lo ",
    " con i ",
    " con le ",
    " met de ",
    " met het ",
    " com o ",
    " com a ",
    " com os ",
    " com as ",
];

/// Mail addresses of a team, not mail ("your support address").
const MAIL_ADDRESSES: &[&str] = &[
    // "what email and name is on my contact record", "the same email that's on my CRM
    // contact": the address we hold, beside the name.
    "email and name",
    "name and email",
    "email and phone",
    // "We're switching email providers": the service, not a mail.
    "email provider",
    "email providers",
    "same email that s on",
    "same email as",
    "contact email",
    "contact e mail",
    "contact mail",
    "support address",
    "support email",
    "support inbox",
    "support mailbox",
    "support postfach",
    "billing email",
    "billing e mail",
    "invoice email",
    "work email",
];
/// The address the app account signs in with: an attribute of that account ("what is my
/// login email?"), read as that account.
const LOGIN_ADDRESSES: &[&str] = &[
    "login email",
    // "Which email does my login use?": the address named by what uses it.
    "email does my login use",
    "email my login uses",
    "email does our login use",
    // "Which email do I sign in with?"
    "email do i sign in with",
    "email do i log in with",
    "email do i login with",
    "email do i use to log in",
    "email do i use to sign in",
    "email i sign in with",
    "email i log in with",
    // "Which email is my login?"
    "email address is my login",
    "e mail address is my login",
    "email is my login",
    "e mail is my login",
    "address is my login",
    // "Con quale email accedo all'app?", "¿Con qué correo entro?", "Met welk e-mailadres log
    // ik in?", "Avec quel e-mail je me connecte ?": the address one signs in with.
    "email accedo",
    "e mail accedo",
    "mail accedo",
    "correo accedo",
    // Not "mi email entró en spam" (the mail got in): asked with "con qué".
    "que correo entro",
    "que email entro",
    "que e mail entro",
    "e mail log ik in",
    "email log ik in",
    "emailadres log ik in",
    "e mailadres log ik in",
    "e mail je me connecte",
    "email je me connecte",
    "recovery email",
    // "Meu e-mail de login está confirmado?": the sign-in address, in other languages.
    "e mail de login",
    "email de login",
    "e mail de acesso",
    "email de acesso",
    "e mail de connexion",
    "email de connexion",
    "adresse de connexion",
    "correo de acceso",
    "correo de inicio de sesion",
    "email di accesso",
    "e mail di accesso",
    "mail di accesso",
    "login e mail",
    "login mail",
    "inlog e mail",
    "inlogmail",
    "anmelde e mail",
    "anmeldemail",
    // "Mit welcher E-Mail-Adresse melde ich mich an?": the address one signs in with, by the
    // separable verb.
    "e mail adresse melde ich mich",
    "email adresse melde ich mich",
    "e mail melde ich mich",
    "adresse melde ich mich",
    "mail melde ich mich",
    "e mail adresse logge ich mich",
    "email adresse logge ich mich",
    "e mail logge ich mich",
    "adresse logge ich mich",
    "mail logge ich mich",
    // "Which email is registered?", "Which email did I register with?"
    "email is registered",
    "address is registered",
    "email did i register with",
    "email did we register with",
    // "ログインに使っているメールアドレスはどれですか？"
    "ログインに使っているメールアドレス",
    "ログインしているメールアドレス",
    "ログインに使うメールアドレス",
    "ログイン用のメールアドレス",
    // "What's the email on my account?", "Qual é o e-mail da minha conta?": the address the
    // account holds, named by the account.
    "email on my account",
    "e mail on my account",
    "email on our account",
    "email is on my account",
    "email s on my account",
    "email da minha conta",
    "e mail da minha conta",
    "correo de mi cuenta",
    "email de mi cuenta",
    "correo tiene mi cuenta",
    "email de mon compte",
    "e mail de mon compte",
    "mail de mon compte",
    "email del mio account",
    "e mail del mio account",
    "mail del mio account",
    "e mail van mijn account",
    "email van mijn account",
];
/// Mail words that name a setting of the app account ("email notifications").
const MAIL_SETTINGS: &[&str] = &[
    "go to email",
    "email notification",
    "email notifications",
    "marketing email",
    "marketing emails",
    "email preferences",
    "email settings",
    "mail settings",
];
/// A notification channel: "email or push?", "push, email, or off?", "by SMS or email":
/// how the app notifies the asker, a setting of theirs.
const NOTIFY_CHANNELS: &[&str] = &[
    // "no me llegan avisos al móvil": notifications on the phone, not the phone on file.
    "avisos al movil",
    "notificaciones al movil",
    "alerts on my phone",
    "notifications on my phone",
    "email or push",
    "e mail or push",
    "push or email",
    "push email",
    "email push",
    "sms or email",
    "email or sms",
    "text or email",
    "email or text",
    // "¿Tengo los avisos por correo o por push?": the channel, in the other languages.
    "correo o por push",
    "correo o push",
    "email o push",
    "e mail o push",
    "email ou push",
    "e mail ou push",
    "email oder push",
    "e mail oder push",
    "email of push",
    "e mail of push",
    "e mail ou por push",
    "email ou por push",
    "e mail ou en push",
    "email ou en push",
    "mail ou en push",
    "e mail oder per push",
    "email oder per push",
    "e mail of via push",
    "email of via push",
    "e mail o via push",
    "email o via push",
];
/// Mail the app sends on a schedule: whether it is on is a profile setting, not the mailbox.
const MAIL_DIGESTS: &[&str] = &[
    "digest email",
    "digest emails",
    "weekly digest",
    "daily digest",
    "monthly digest",
    "email digest",
    "reminder emails",
    "email reminders",
    "email alerts",
    // "the invoice-ready notifications": a notice the app sends, not the bill.
    "invoice ready notifications",
    "invoice ready emails",
    "invoice notifications",
    // "I keep getting a Monday summary", "een samenvattingsmail": a summary the app mails.
    "summary email",
    "summary emails",
    "summary mail",
    "summary mails",
    "monday summary",
    "weekly summary",
    "daily summary",
    "samenvattingsmail",
    "samenvattingsmails",
    "zusammenfassungsmail",
    "zusammenfassungsmails",
    "resumen semanal",
    "wochentliche zusammenfassung",
    "resume hebdomadaire",
    "riepilogo settimanale",
    "wekelijkse samenvatting",
    "resumo semanal",
];
/// Notices about mail that did not arrive: a bounce, not a profile notification.
const BOUNCE_NOTICES: &[&str] = &[
    "delivery status notification",
    "delivery failure notification",
    "delivery status notice",
    "non delivery report",
];
/// Bargains: a "deal" on something for sale, not a deal in the CRM.
const BARGAINS: &[&str] = &[
    "great deal",
    "good deal",
    "best deal",
    "nice deal",
    "super deal",
    "mega deal",
    "real deal",
    "black friday deal",
    "black friday deals",
];
/// Asking to confirm that a mail arrived: "confirm receipt" is "did you get it", not a receipt.
const CONFIRM_RECEIPT: &[&str] = &[
    "confirm receipt",
    "acknowledge receipt",
    "acuse de recibo",
    "confirmar recepcion",
    "confirmen recepcion",
    "accuse de reception",
    "accuser reception",
    "empfang bestatigen",
    "empfangsbestatigung",
    "conferma di ricezione",
    "confermare la ricezione",
    "confermate la ricezione",
    "ontvangst bevestigen",
    "ontvangstbevestiging",
    "confirmar o recebimento",
    "confirmar recebimento",
    "受領確認",
];
/// A mail said to come from us: "un mail qui dit venir de vous pour un prélèvement échoué",
/// "an email claiming to be from you about a refund". Whether we wrote it is asked; what it
/// says is its content.
const CLAIMS_FROM_US: &[&str] = &[
    "claiming to be from you",
    "claims to be from you",
    "says it s from you",
    "saying it s from you",
    "supposedly from you",
    "qui dit venir de vous",
    "qui pretend venir de vous",
    "soi disant de vous",
    "que dice ser de ustedes",
    "que dice venir de ustedes",
    "que dice ser de vosotros",
    "supuestamente de ustedes",
    "angeblich von euch",
    "angeblich von ihnen",
    "che dice di essere da voi",
    "che dice di venire da voi",
    "presumibilmente da voi",
    "zogenaamd van jullie",
    "zogenaamd van u",
    "que diz ser de voces",
    "que diz vir de voces",
    "supostamente de voces",
];
/// A mail's content named as such: "the message where you sent me …", "mentioned in any
/// email", "my reply to your renewal reminder", "you said in an email".
const MAIL_CONTENT: &[&str] = &[
    "message where you",
    "email where you",
    "mail where you",
    "message in which you",
    "email in which you",
    "mentioned in any email",
    "mentioned in an email",
    "mentioned in your email",
    "mentioned in the email",
    "mentioned in any of your emails",
    "said in an email",
    "said in your email",
    "said in the email",
    "wrote in your email",
    "wrote in the email",
    "reply to your",
    "replied to your",
    "response to your",
    "answer to your",
];
/// Billing details a mail carries: "I sent you our new billing address by email".
const DETAILS_SENT: &[&str] = &[
    "billing address",
    "billing details",
    "billing info",
    "billing information",
    "invoice address",
    "invoicing address",
    "vat number",
    "bank details",
    "company details",
];
/// Asked whether we got something: "did you receive the direct debit form I emailed?".
const RECEIVED_IT: &[&str] = &[
    "did you receive",
    "have you received",
    "did you get",
    "have you got",
    "did u get",
    "did u receive",
];
/// What a quote is worth: "the amount on", "o valor da", "el importe de".
const QUOTE_VALUE: &[&str] = &[
    "amount", "value", "how much", "total", "worth", "importe", "cuanto", "betrag", "wert",
    "wie viel", "wie hoch", "hoe hoog", "montant", "combien", "importo", "valore", "quanto",
    "bedrag", "hoeveel", "valor", "金額",
];
/// "Did we send … the X?": asks whether a mail went out; the X is what it carried.
const SENT_WHAT: &[&str] = &[
    "did we send",
    "have we sent",
    "did you send",
    "have you sent",
    "did you guys send",
    "did u send",
    "did u guys send",
    "have u sent",
    "did you ever send",
    "did you email me",
    "did you email us",
    "have you emailed me",
    "have you emailed us",
];
/// [`SENT_WHAT`] in the other languages, where it opens the clause ("Mi avete già mandato il
/// promemoria del rinnovo?", "¿Me habéis enviado el presupuesto?"); further in, it may name a
/// record by what we sent ("l'ultima fattura che mi avete mandato risulta pagata?").
const SENT_WHAT_OPENING: &[&str] = &[
    "me habeis enviado",
    "me habeis mandado",
    "me enviasteis",
    "me mandasteis",
    "nos habeis enviado",
    "m avez vous envoye",
    "vous m avez envoye",
    "est ce que vous m avez envoye",
    "mi avete mandato",
    "mi avete gia mandato",
    "mi avete inviato",
    "mi avete gia inviato",
    "avete mandato",
    "avete inviato",
    "voces me mandaram",
    "voces me enviaram",
    "ja me mandaram",
    "ja me enviaram",
];
/// A goodwill gesture is a credit on the bill ("un geste commercial"), not a sales rep.
const GOODWILL: &[&str] = &[
    "goodwill gesture",
    "gesture of goodwill",
    "goodwill credit",
    "gesto comercial",
    "gesto de buena voluntad",
    "kulanzgutschrift",
    "kulanzleistung",
    "geste commercial",
    "gesto commerciale",
    "coulance",
    "gesto de boa vontade",
];
/// Asides saying whose the question is ("asking for my own account"): they name the asker,
/// not the sign-in account.
const ON_MY_BEHALF: &[&str] = &[
    "asking for my own account",
    "asking about my own account",
    "asking for myself",
    "pregunto por mi propia cuenta",
    "pregunto por mi cuenta",
    "frage fur mein eigenes konto",
    "frage fur mich selbst",
    "je demande pour mon propre compte",
    "je demande pour moi",
    "chiedo per il mio account",
    "chiedo per me",
    "ik vraag het voor mijn eigen account",
    "ik vraag het voor mezelf",
    "pergunto pela minha propria conta",
    "pergunto por mim",
];
/// A name or word spelled wrong: "falsch geschrieben" is spelling, not a mail written.
const MISSPELLED: &[&str] = &[
    "spelled wrong",
    "spelt wrong",
    "mal escrito",
    "falsch geschrieben",
    "mal ecrit",
    "mal orthographie",
    "scritto male",
    "scritto sbagliato",
    "verkeerd geschreven",
    "verkeerd gespeld",
    "escrito errado",
    "escrito de forma errada",
];
/// A day's or a weekend's plans: an agenda, not a subscription plan.
const AGENDA: &[&str] = &[
    "plan for today",
    "plan for tomorrow",
    "plan for the day",
    "plan for the weekend",
    "plans for today",
    "plans for tomorrow",
    "plans for the weekend",
    "plans for tonight",
    "weekend plans",
    "plan para hoy",
    "planes para hoy",
    "planes para el fin de semana",
    "plan fur heute",
    "plane fur heute",
    "plane furs wochenende",
    "plan pour aujourd hui",
    "programme de la journee",
    "piano per oggi",
    "programma di oggi",
    "plan voor vandaag",
    "planning voor vandaag",
    "plano para hoje",
    "planos para hoje",
    "今日の予定",
];
/// Praise: "good job" is no job title.
const PRAISE: &[&str] = &[
    "good job",
    "great job",
    "nice job",
    "well done",
    "goed gedaan",
    "gut gemacht",
    "bon travail",
    "buen trabajo",
    "bel lavoro",
    "bom trabalho",
];
/// "Me conta" is "tell me" in Portuguese, not an account ("conta").
const TELL_ME: &[&str] = &["me conta", "conta me", "conta pra mim", "conta para mim"];
/// A world clock, not anyone's setting: a place's time zone now or its daylight saving.
const WORLD_CLOCK: &[&str] = &[
    "right now",
    "daylight saving",
    "daylight savings",
    "horario de verano",
    "sommerzeit",
    "heure d ete",
    "ora legale",
    "zomertijd",
    "horario de verao",
    "夏時間",
];

/// "Since …" introduces a clause that dates the question, not another thing it asks.
const SINCE: &[&str] = &[
    " since ",
    " desde que ",
    " seit ",
    " depuis que ",
    " da quando ",
    " sinds ",
];
/// Nouns for what someone asked for in a mail ("my refund request", "the upgrade inquiry",
/// "la demande de remboursement"): in a question whether it arrived or was answered, what was
/// asked for is the mail's subject, not a record to read.
const REQUEST_NOUNS: &[&str] = &[
    "request",
    "inquiry",
    "enquiry",
    "solicitud",
    "peticion",
    "anfrage",
    "demande",
    "richiesta",
    "aanvraag",
    "verzoek",
    "pedido",
    "solicitacao",
];
/// Words linking a request noun to what it asks for ("request for a refund", "demande de
/// remboursement", "verzoek om"), and the articles that may follow them.
const REQUEST_LINKS: &[&str] = &[
    "for", "of", "to", "de", "di", "om", "voor", "zur", "zum", "a", "an", "the", "un", "una",
    "une", "uno", "la", "le", "el", "il", "lo", "das", "die", "der", "het", "o", "del", "du",
];

/// The clause without what its requests asked for: the word before a request noun
/// ("refund request") and, after a linking word, the words up to the next conjunction or
/// arrival verb ("request to change our postal address received").
fn without_request_subjects(folded: &str) -> String {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut keep = vec![true; words.len()];
    for (i, w) in words.iter().enumerate() {
        if !REQUEST_NOUNS.contains(w) {
            continue;
        }
        if i > 0 && !REQUEST_LINKS.contains(&words[i - 1]) && !PARTIES.contains(&words[i - 1]) {
            keep[i - 1] = false;
        }
        if words.get(i + 1).is_some_and(|n| REQUEST_LINKS.contains(n)) {
            for (j, n) in words.iter().enumerate().skip(i + 1).take(6) {
                let n = format!(" {n} ");
                if any_match(&n, CONJUNCTIONS) || any_match(&n, ARRIVAL) || names_mail_traffic(&n) {
                    break;
                }
                keep[j] = false;
            }
        }
    }
    let kept: Vec<&str> = words
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(w, _)| *w)
        .collect();
    format!(" {} ", kept.join(" "))
}

/// Verbs of the asker sending or answering something, in the eight languages: with an arrival
/// verb in another clause ("I replied to your survey — did that get through?") the question
/// asks whether a mail arrived.
const SENT_BY_ME: &[&str] = &[
    "forwarded",
    "sent",
    "replied",
    "replying",
    "answered",
    "mailed",
    "emailed",
    "envie",
    "mande",
    "respondi",
    "geschickt",
    "gesendet",
    "geantwortet",
    "envoye",
    "repondu",
    "inviato",
    "mandato",
    "risposto",
    "gestuurd",
    "verstuurd",
    "geantwoord",
    "enviei",
    "mandei",
    "送った",
    "送信",
    "返信した",
];

/// "And" in the eight languages: after it, a clause may name another record.
const CONJUNCTIONS: &[&str] = &["and", "y", "e", "und", "et", "en"];
/// "By email" in the eight languages: what was sent this way is the mail's content.
const BY_MAIL: &[&str] = &[
    // "I forwarded you the invoice": what the forward carried.
    "forwarded you",
    "i forwarded",
    "to my inbox",
    "in my inbox",
    "into my inbox",
    "by email",
    "by e mail",
    "by mail",
    "via email",
    "via e mail",
    "por correo",
    "por email",
    "por e mail",
    "per e mail",
    "per email",
    "per mail",
    "par e mail",
    "par email",
    "par mail",
    "via mail",
    "メールで",
];
/// Subscription nouns: with these, a plan next to a quote is the subscription's too.
const SUBSCRIPTION: &[&str] = &[
    "subscri*",
    "suscrip*",
    "abo",
    "abos",
    "abonnement*",
    "abbonament*",
    "assinatura*",
    "サブスク",
    // The plan the asker is on now, named beside a quote: "mon forfait actuel, et où en est
    // le devis".
    "current plan",
    "plan actual",
    "aktueller tarif",
    "aktuellen tarif",
    "forfait actuel",
    "piano attuale",
    "huidige plan",
    "plano atual",
    "現在のプラン",
];
/// Participles of registering that mean "on file" next to a CRM detail ("cadastrado").
const ON_FILE: &[&str] = &[
    "registered",
    "registrad*",
    "registrat*",
    "registriert",
    "enregistre*",
    "geregistreerd",
    "cadastrad*",
    "on file",
];
/// Phrases that set the scene, and the topics they alone would name.
const SCENE: &[(&[&str], &[Topic])] = &[
    (
        &[
            "logged a",
            "logged an",
            "logged the",
            "logged it",
            "logged this",
            "logged that",
            "logged my",
            "logged our",
            "logged anywhere",
            "logged somewhere",
            "logged as",
            // "Is my ticket actually logged?", "the case we logged about …": recorded.
            "actually logged",
            "been logged",
            "get logged",
            "got logged",
            "was logged",
            "is logged",
            "logged about",
            "logged with",
            // "Is there a ticket logged for the compensation I asked for?"
            "logged for",
            "logged yet",
            "the login i use",
            "this is the login",
            "login i use",
            // "Mr. Blythe handed this login over to me", "my late father set this account up":
            // how the asker came to hold the account.
            "handed this login",
            "handed the login",
            "handed over the login",
            "handed over this login",
            "handed me the login",
            "set this account up",
            "set the account up",
            "set up this account",
        ],
        &[Topic::LastLogin, Topic::Account],
    ),
    (
        &[
            "before i renew",
            "before we renew",
            "before renewing",
            "before it renews",
        ],
        &[Topic::Renewal, Topic::Plan],
    ),
    (
        &[
            "keep emailing",
            "keeps emailing",
            "keep mailing",
            "keep sending me",
            "keeps sending me",
        ],
        &[Topic::Mail, Topic::MailSent, Topic::MailReceived],
    ),
    // "La app me pide confirmar el correo": the address to confirm is the login's.
    (
        &[
            "confirm my email",
            "confirm the email",
            "confirm my e mail",
            "confirmar el correo",
            "confirmar mi correo",
            "confirmer mon e mail",
            "confirmer mon adresse",
            "e mail bestatigen",
            "e mail zu bestatigen",
            "confermare l email",
            "confermare la mail",
            "mijn e mail bevestigen",
            "confirmar o e mail",
            "confirmar meu e mail",
        ],
        &[Topic::Mail],
    ),
    // "My apprentice used my phone to log in": the device, not the number on file.
    (
        &[
            "used my phone",
            "on my phone",
            "from my phone",
            "with my phone",
            "lost my phone",
            "my phone got",
            "my phone was",
            // "or is it just following my phone?": the device's own setting.
            "following my phone",
            "follows my phone",
            // "The crew sees 'Test User' on their phones": the devices it shows on.
            "on their phone",
            "on their phones",
            "phone settings",
            "phone s settings",
            // "Sul telefono non mi arriva niente": on the device, in the other languages.
            "sul telefono",
            "sul mio telefono",
            "auf dem handy",
            "auf meinem handy",
            "sur mon telephone",
            "sur le telephone",
            "en el movil",
            "en mi movil",
            "op mijn telefoon",
            "no meu telemovel",
            "no celular",
        ],
        &[Topic::Phone],
    ),
    // "two charges on the company card": the card paid with, not the company on file.
    (
        &[
            "company card",
            "company cards",
            "company credit card",
            "cartao da empresa",
            "tarjeta de la empresa",
            "carte de l entreprise",
            "carte de la societe",
            "carta aziendale",
            "carta della ditta",
            "firmenkarte",
            "bedrijfskaart",
        ],
        &[Topic::Company],
    ),
    (
        // "What's my uid? Support asked me for it": who asked, not a case to look up.
        &[
            "support asked",
            "support team asked",
            "support wants",
            "support needs",
        ],
        &[Topic::Tickets],
    ),
    (
        // "Did I switch to dark mode or is that a bug?": whether something is a bug, asked of
        // us, is no case on file.
        &["is that a bug", "is it a bug", "or a bug"],
        &[Topic::Tickets],
    ),
    (
        // "Before I open a ticket: have I already emailed you about …?": a case the asker may
        // open later is none on file yet.
        &[
            "before i open a ticket",
            "before i raise a ticket",
            "before i log a ticket",
            "before i submit a ticket",
            "before i open a support ticket",
            "before i raise a support ticket",
            "before opening a ticket",
            "before raising a ticket",
        ],
        &[Topic::Tickets],
    ),
    (
        // "wann endet mein trial? sorry, wrong language": the asker's own slip, not the app's
        // language.
        &[
            "sorry wrong language",
            "oops wrong language",
            "wrong language sorry",
        ],
        &[Topic::Language],
    ),
];

/// Drops the topics in `named` that only the `context` phrases in `folded` name, when
/// something else is asked.
fn drop_context(topics: &mut BTreeSet<Topic>, folded: &str, context: &[&str], named: &[Topic]) {
    if !any_match(folded, context) || topics.iter().all(|t| named.contains(t)) {
        return;
    }
    let left = topics_of(&without_phrases(folded, context));
    topics.retain(|t| !named.contains(t) || left.contains(t));
}

/// A reply the asker says never came.
const NO_REPLY: &[&str] = &[
    "never got a reply",
    "never got a response",
    "never got an answer",
    "no reply",
    "no response",
    "no answer",
    "nobody replied",
    "no one replied",
    "nobody answered",
    // "… nobody has replied in 3 days".
    "nobody has replied",
    "no one has replied",
    "nobody s replied",
    "no one s replied",
    "nobody has answered",
    "nobody has responded",
    "no one has responded",
    "never heard back",
    "haven t heard back",
    "didn t hear back",
    "did not hear back",
    "not heard back",
];

/// The topics of folded text without the words `dropped` picks: whether a topic is named by
/// anything else.
fn topics_without(folded: &str, dropped: impl Fn(&str) -> bool) -> BTreeSet<Topic> {
    let rest: Vec<&str> = folded.split_whitespace().filter(|w| !dropped(w)).collect();
    topics_of(&format!(" {} ", rest.join(" ")))
}

/// Drops the mail sent or received that only a reply word in `folded` names: a reply to a
/// ticket is the ticket's.
fn drop_replies(topics: &mut BTreeSet<Topic>, folded: &str) {
    let rest = topics_without(folded, |w| any_match(&format!(" {w} "), REPLIES));
    if !rest.contains(&Topic::MailSent) && !rest.contains(&Topic::MailReceived) {
        topics.remove(&Topic::MailSent);
    }
}

/// An address by its kind: "my work email or my Gmail", "Google or plain email".
const KINDS_OF_ADDRESS: &[&str] = &[
    "plain email",
    "work email",
    "personal email",
    "business email",
    "old email",
    "new email",
];

/// The address our mail goes to, asked after as an address: "is the email on my login the same
/// one you send the invoices to?".
const SENT_TO_AN_ADDRESS: &[&str] = &[
    "same one you send",
    "same address you send",
    "you send the invoices to",
    "you send invoices to",
    "you send my invoices to",
    "you send the bills to",
    "you send receipts to",
    "you send the receipts to",
];

/// Words before "locked out" that fear it rather than report it ("don't want the lads locked
/// out", "before we get locked out").
const FEARED: &[&str] = &[
    "don t want",
    "dont want",
    "do not want",
    "before we get",
    "before i get",
    "before they get",
    "in case",
    "worried",
    "afraid",
];

/// Whether a folded clause fears a lockout: a [`FEARED`] phrase within the six words before
/// "locked out".
fn fears_a_lockout(folded: &str) -> bool {
    folded.match_indices(" locked out ").any(|(at, _)| {
        let before: Vec<&str> = folded[..at].split_whitespace().collect();
        let before = &before[before.len().saturating_sub(6)..];
        any_match(&format!(" {} ", before.join(" ")), FEARED)
    })
}

/// Whether a folded clause says the login was handed to the asker: "handed", "given",
/// "inherited" or "passed" and, within the next three words, "login".
fn login_handed_over(folded: &str) -> bool {
    any_word(folded, |words, i, w| {
        matches!(w, "handed" | "given" | "inherited" | "passed")
            && words
                .after(i, 3)
                .iter()
                .any(|n| matches!(*n, "login" | "logins"))
    })
}

/// Records an address is held on: "the email on my login", "the address on our account".
const HOLDS_AN_ADDRESS: &[&str] = &[
    "login",
    "account",
    "profile",
    "user",
    "app",
    "billing",
    "invoice",
    "invoices",
    "subscription",
];

/// Whether a folded clause names the address on a record of the asker's: "email" or "address",
/// then ("is") "on", a possessive and, within two words, [`HOLDS_AN_ADDRESS`] ("the email on my
/// Plinthal login", "what email is on my login?"; not "an email on my behalf", nor someone's
/// mail: "the discount your rep promised in his email on my invoice").
fn email_on_record(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    (0..words.len()).any(|i| {
        let on = i + 1 + usize::from(words.get(i + 1) == Some(&"is"));
        matches!(words[i], "email" | "mail" | "address")
            && !i.checked_sub(1).is_some_and(|p| {
                matches!(
                    words[p],
                    "a" | "an" | "his" | "her" | "their" | "your" | "in"
                )
            })
            && words.get(on) == Some(&"on")
            && words.get(on + 1).is_some_and(|w| MINE.contains(w))
            && words[(on + 2).min(words.len())..(on + 4).min(words.len())]
                .iter()
                .any(|n| HOLDS_AN_ADDRESS.contains(n))
    })
}

/// Whether a folded question asks after an email address, not a mail: the address a record
/// holds ("Is the email on my login the same one you send the invoices to?", "what email is on
/// our account?"), a Japanese email address (メールアドレス) compared or asked after with no mail
/// named beside it ("ログイン用のメールアドレスと請求書の送付先メールアドレスは同じですか？"), or
/// the address a login was made with ("Is my login tied to my personal gmail or the studio's
/// address?", "logged in with Google or plain email?").
fn asks_after_an_address(folded: &str, topics: &BTreeSet<Topic>) -> bool {
    let on_record = email_on_record(folded)
        && (!names_mail_traffic(folded) || any_match(folded, SENT_TO_AN_ADDRESS));
    let japanese_address = folded.contains("メールアドレス")
        && !topics_of(&folded.replace("メールアドレス", " "))
            .iter()
            .any(|t| t.is_mail());
    let made_with = topics
        .iter()
        .any(|t| matches!(t, Topic::LastLogin | Topic::Account | Topic::Providers))
        && (any_match(folded, scope::MAIL_PROVIDERS) || any_match(folded, KINDS_OF_ADDRESS))
        && !names_mail_traffic(folded);
    on_record || japanese_address || made_with
}

/// Whether a folded clause says something was forwarded to us: "forwarded" and, within the
/// next six words, "to you".
fn forwarded_to_us(folded: &str) -> bool {
    any_word(folded, |words, i, w| {
        w == "forwarded"
            && words
                .after(i, 7)
                .windows(2)
                .any(|p| p[0] == "to" && matches!(p[1], "you" | "u"))
    })
}

/// The email address we hold for the asker, asked about: a contact detail. (Read after
/// [`ADDRESS`] phrases are folded to "address".)
const EMAIL_ON_FILE: &[&str] = &[
    "email do you have for",
    "email do you have on",
    "email you have for me",
    "email you have for us",
    "email you have on file",
    "email on file",
    "address do you have for",
    "address do you have on",
    "address you have for me",
    "address you have for us",
    "address you have on file",
    "address on file",
    "welk address hebben",
    "welche address habt",
    "welche address haben",
    "quelle address avez",
    "que correo teneis",
    "que correo tienen",
    "que email teneis",
    "quale email avete",
    "quale address avete",
    "qual email voces tem",
    "que email voces tem",
    "登録されているメールアドレス",
];
/// The email listed among contact details: "the right phone and email for me".
const CONTACT_DETAILS: &[&str] = &[
    "phone and email",
    "email and phone",
    "phone number and email",
    "email and phone number",
    "name and email",
    "email and name",
    "email and job title",
    "phone and address",
    "address and phone",
    "telefono y correo",
    "telefon und e mail",
    "telephone et e mail",
    "telefono e email",
    "telefoon en e mail",
    "telefone e e mail",
];
/// A login made with an address ("did I sign up with my Apple ID or my email?").
const WITH_EMAIL: &[&str] = &[
    "with my email",
    "with email",
    "with an email",
    "or my email",
    "or email",
    "with my e mail",
    "mit meiner e mail",
    "o email",
    "o e mail",
    "o correo",
    "ou email",
    "ou e mail",
    "of email",
    "oder e mail",
    "oder email",
    "con mi correo",
    "avec mon e mail",
    "avec mon adresse",
    "con la mia email",
    "met mijn e mail",
    "com o meu e mail",
    "com meu email",
];
/// The app itself: a plan it shows is the profile's.
const APP: &[&str] = &["app", "aplicacion", "aplicativo", "applicazione", "アプリ"];
/// The asker's bank's app, which is not ours: "my bank app shows it as pending".
const BANK_APPS: &[&str] = &[
    "bank app",
    "banking app",
    "bank s app",
    "app of my bank",
    "app del banco",
    "app de mi banco",
    "app do banco",
    "app da banca",
    "appli de ma banque",
    "app der bank",
    "bankapp",
];
/// The app as what tells the asker something ("the app says I'm on Starter").
const APP_SAYS: &[&str] = &[
    "app says",
    "app shows",
    "app still says",
    "app still shows",
    "appli affiche",
    "app zegt",
    "app sagt",
    "appli dit",
    "app diz",
    "app displays",
    "app dice",
    "app muestra",
    "app zeigt",
    "app affiche",
    "app toont",
    "app mostra",
    // "In der App steht Basic", "in de app staat Basic", "na app aparece Basic".
    "app steht",
    "steht in der app",
    "app staat",
    "staat in de app",
    "app aparece",
    "aparece na app",
    "app c e scritto",
    "appli indique",
    // "L'appli m'affiche la formule Pro": shows the asker.
    "appli m affiche",
    "app m affiche",
];
/// The app as a place a record is kept: "in the app", "nell'app", "en la aplicación".
const IN_THE_APP: &[&str] = &[
    "in the app",
    "on the app",
    "in der app",
    "dans l appli",
    "dans l application",
    "nell app",
    "in de app",
    "no app",
    "na aplicacao",
    "la aplicacion",
];
/// Words that set records side by side: "the same in your CRM and in the app", "vs", "both".
const COMPARED: &[&str] = &[
    "same",
    "match*",
    "vs",
    "both",
    "and in",
    "disagree*",
    "differ*",
    "mismo",
    "misma",
    "gleich*",
    "meme",
    "stesso",
    "stessa",
    "zelfde",
    "hetzelfde",
    "mesmo",
    "mesma",
    // "… en staat dat ook zo in de app?": is it the same there.
    "ook zo",
    "auch so",
    // "Compare what my subscription says with what my profile shows."
    "compar*",
    "vergleich*",
    "vergelijk*",
    "confront*",
];
/// Offered, promised or presented: how a salesperson's offer is told.
const OFFERED: &[&str] = &["offer", "offered", "promised", "提示"];
/// When the asker signed: an offer made then is in what they pay.
const WHEN_SIGNED: &[&str] = &[
    "when i signed",
    "when we signed",
    "when i joined",
    "when we joined",
];

/// Whether a folded clause names a bill by the one name that sent it to the asker: "the
/// invoice Kinetra sent me in April" (our name in place of "you"; not "the invoice they sent
/// me", nor two words of someone's: "the invoice my accountant sent me").
fn bill_sent_by_name(folded: &str) -> bool {
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(4)
        .any(|w| {
            matches!(
                w[0],
                "invoice" | "invoices" | "bill" | "bills" | "receipt" | "receipts"
            ) && !matches!(w[1], "they" | "he" | "she" | "it" | "someone" | "somebody")
                && w[2] == "sent"
                && matches!(w[3], "me" | "us")
        })
}

/// "The invoice you sent me", "l'ultima fattura che mi avete mandato", "die Rechnung, die
/// Sie mir geschickt haben": a bill we sent, named as the bill. What it says and whether it
/// is paid is the billing record's; the mailbox only when the mail itself is named.
const BILL_WE_SENT: &[&str] = &[
    // "Ich habe eine Mahnung bekommen", "j'ai reçu une relance": a reminder to pay, received.
    "mahnung bekommen",
    "mahnung erhalten",
    "zahlungserinnerung bekommen",
    "zahlungserinnerung erhalten",
    "recu une relance",
    "recu un avis d impaye",
    "recu un rappel de paiement",
    "ricevuto un sollecito",
    "recibido un recordatorio de pago",
    "aanmaning gekregen",
    "aanmaning ontvangen",
    "betalingsherinnering gekregen",
    "betalingsherinnering ontvangen",
    "recebi um lembrete de pagamento",
    "invoice you sent",
    "invoices you sent",
    "invoice have you sent",
    "invoices have you sent",
    "invoice did you send",
    "invoices did you send",
    "bills have you sent",
    "invoice you ve sent",
    "invoices you ve sent",
    "invoice you have sent",
    "invoices you have sent",
    "invoice you ve ever sent",
    "invoices you ve ever sent",
    "invoices you have ever sent",
    "invoices you ever sent",
    "bill you sent",
    "bills you sent",
    "receipt you sent",
    "receipts you sent",
    "fattura che mi avete mandato",
    "fatture che mi avete mandato",
    "fattura che ci avete mandato",
    "fatture che ci avete mandato",
    "fattura che mi avete inviato",
    "fatture che mi avete inviato",
    "factura que me enviaron",
    "facturas que me enviaron",
    "factura que me mandaron",
    "facturas que me mandaron",
    "factura que nos enviaron",
    "facturas que nos enviaron",
    "facture que vous m avez envoyee",
    "factures que vous m avez envoyees",
    "facture que vous nous avez envoyee",
    "factures que vous nous avez envoyees",
    "rechnung die sie mir geschickt",
    "rechnungen die sie mir geschickt",
    "rechnung die ihr mir geschickt",
    "rechnungen die ihr mir geschickt",
    "factuur die jullie stuurden",
    "facturen die jullie stuurden",
    "factuur die jullie mij stuurden",
    "facturen die jullie mij stuurden",
    "factuur die u mij stuurde",
    "fatura que voces me mandaram",
    "faturas que voces me mandaram",
    "fatura que voces me enviaram",
    "faturas que voces me enviaram",
    "fatura que nos enviaram",
    "faturas que nos enviaram",
    "fatura que me enviaram",
    "faturas que me enviaram",
    "fatura que nos mandaram",
    "faturas que nos mandaram",
];

/// An upgrade the asker asked for, or a plan they talked over: beside a salesperson, a deal in
/// progress.
const UPGRADE_ASKED: &[&str] = &[
    "upgrade request",
    "request for the",
    "request to upgrade",
    "asked to upgrade",
    "asked about upgrading",
    "asked for an upgrade",
    "wanted to upgrade",
    // "I spoke to your sales guy about the enterprise tier": a plan talked over with sales.
    "spoke to",
    "spoke with",
    "talked to",
    "talked with",
];
/// The state of a bill, asked: settled, refunded, processed, in the eight languages.
const BILL_STATE: &[&str] = &[
    "marked paid",
    "marked as paid",
    "been paid",
    "been refunded",
    "been processed",
    "been credited",
    "marquee payee",
    "marquee comme payee",
    "ete payee",
    "ete remboursee",
    "ete rembourse",
    "devolvieron",
    "devuelto",
    "reembolsado",
    "marcada como pagada",
    "ya esta pagada",
    "bezahlt",
    "beglichen",
    "erstattet",
    "gutgeschrieben",
    "pagata",
    "rimborsato",
    "rimborsata",
    "betaald",
    "terugbetaald",
    "foi paga",
    "foi reembolsado",
    "foi processado",
];
/// A bill named before and asked after by a pronoun: "how much is it", "has it been
/// processed".
const ITS_STATE: &[&str] = &[
    "how much is it",
    "how much was it",
    "has it been processed",
    "is it processed",
    "has it gone through",
    "has it been paid",
    "was it paid",
    "is it paid",
    "has it been refunded",
    "was it refunded",
    "has it been applied",
    "was it applied",
    "is it applied",
    // "Je vous ai écrit au sujet d'un avoir : est-il appliqué ?"
    "est il applique",
    "a t il ete applique",
    "est il paye",
    "a t il ete paye",
    "a t il ete rembourse",
    "ist sie bezahlt",
    "wurde sie bezahlt",
    "ya esta aplicado",
    "ya esta pagada",
    "e stato applicato",
    "e stata pagata",
    "is die al verwerkt",
    "is het al verwerkt",
    "ja foi aplicado",
    "ja foi paga",
    // "… wegen doppelter Abbuchung, und ist das Geld schon zurück?": the money owed back.
    "ist das geld schon zuruck",
    "ist das geld zuruck",
    "ist das geld schon raus",
    "is the money back",
    "has the money come back",
];

/// Billing topics asked about in their own part of the question (a clause, or what follows
/// "and" in one), when that part names no mail; a part that asks after "it" asks after the
/// bill the rest of the question names.
fn bill_state_asked(clauses: &[String], folded: &str) -> BTreeSet<Topic> {
    let billing = |text: &str| -> BTreeSet<Topic> {
        topics_of(text)
            .into_iter()
            .filter(|t| t.is_billing())
            .collect()
    };
    for clause in clauses {
        let words: Vec<&str> = clause.split_whitespace().collect();
        for part in words.split(|w| CONJUNCTIONS.contains(w)) {
            let part = format!(" {} ", part.join(" "));
            let found = topics_of(&part);
            let names_mail = found.iter().any(|t| t.is_mail()) || any_match(&part, BY_MAIL);
            if names_mail {
                // "I emailed you about a refund, has it been processed?", "Je vous ai écrit au
                // sujet d'un avoir : est-il appliqué ?": "it" asked after a bill the mail was
                // about.
                let asked_at = ITS_STATE
                    .iter()
                    .filter_map(|p| part.find(&format!(" {p} ")))
                    .min();
                if asked_at.is_some_and(|at| !billing(&format!("{} ", &part[..at])).is_empty()) {
                    return billing(folded);
                }
                continue;
            }
            if any_match(&part, BILL_STATE) && found.iter().any(|t| t.is_billing()) {
                return billing(&part);
            }
            if any_match(&part, ITS_STATE) {
                return billing(folded);
            }
        }
    }
    BTreeSet::new()
}

/// An upgrade, in the eight languages.
const UPGRADES: &[&str] = &[
    "upgrade",
    "upgrading",
    "mise a niveau",
    "actualizacion",
    "mejora de plan",
    "aggiornamento",
    "atualizacao",
    "アップグレード",
];
/// Asking at which stage something is, in the eight languages: of an upgrade, a deal's stage.
const STAGE_ASKED: &[&str] = &[
    "what stage",
    "which stage",
    "en que fase",
    "en que etapa",
    "in welcher phase",
    "a quelle etape",
    "a quel stade",
    "in che fase",
    "in welke fase",
    "em que fase",
    "em que etapa",
    "どの段階",
];
/// Something waiting on our side rather than done: an upgrade so described is still a deal.
const WAITING_ON_US: &[&str] = &[
    "on your side",
    "on your end",
    "signed off",
    "still pending",
    "still with sales",
    "with your sales",
    "de su lado",
    "de vuestro lado",
    "de votre cote",
    "bei ihnen",
    "bei euch",
    "da parte vostra",
    "aan jullie kant",
    "do vosso lado",
    "do lado de voces",
];
/// Asking how far something has come: "where are we with …", "any news on …".
const UNDER_WAY: &[&str] = &[
    "where are we with",
    "where are we on",
    "where are we at with",
    "any news on",
    "any update on",
    "any progress on",
];
/// An offer talked over: "the package we discussed", "the price your rep offered us".
const TALKED_OVER: &[&str] = &[
    "we discussed",
    "discussed with",
    "you discussed",
    "offered me",
    "offered us",
    "you offered",
    "you proposed",
    "proposed to us",
    "we agreed",
    "agreed with",
    "hablamos con",
    "besprochen",
    "discute avec",
    "discusso con",
    "besproken",
    "conversamos com",
];
/// A deal named with what it is for ("our deal for the enterprise plan").
const DEAL_FOR: &[&str] = &[
    "deal for",
    "negocio para",
    "deal open for",
    "deal to add",
    "trattativa per",
    "negociacion para",
    "negociacao para",
    "affaire pour",
    "deal voor",
    "verhandlung fur",
    // "Em que fase está a minha negociação do plano anual?": what the negotiation is for.
    "negociacao do",
    "negociacao da",
    "negociacion del",
    "negociacion de la",
    "trattativa del",
    "trattativa per il",
];
/// Whether a subscription is active, asked beside what the profile shows ("mon abonnement
/// est-il actif, et mon profil affiche-t-il la bonne formule ?").
const STILL_ACTIVE: &[&str] = &[
    "active", "actif", "activo", "activa", "attivo", "attiva", "actief", "ativo", "ativa", "aktiv",
];
/// What the asker pays, beside a plan the app shows ("the same plan I'm paying for", "ce que
/// je paie"): the subscription is asked about too.
const PAYING_FOR: &[&str] = &[
    "i m paying",
    "i am paying",
    "i ve been paying",
    "we ve been paying",
    "i pay",
    "we pay",
    "we re paying",
    "je paie",
    "je paye",
    "lo que pago",
    "lo que pagamos",
    "was ich zahle",
    "was wir zahlen",
    "quello che pago",
    "wat ik betaal",
    "wat we betalen",
    "o que pago",
    "o que pagamos",
];
/// The profile as what shows a plan ("what plan does my profile show").
const PROFILE_SHOWS: &[&str] = &[
    "app itself",
    "app think",
    "app thinks",
    "profile show",
    "profile shows",
    "app show",
    "app shows",
    "app says",
    // "Which plan does the app say I'm on?", "is my profile showing the Pro plan?"
    "does the app say",
    "does the app show",
    "profile showing",
    // "… - what plan is on my profile?"
    "on my profile",
    "on my app profile",
    "profile say",
    "profile says",
    "profile actually say",
    "profile actually show",
    "aparece no meu perfil",
    "aparece en mi perfil",
    "profiel in de app zien",
    "profiel laat",
    "profiel toont",
    "perfil muestra",
    "perfil mostra",
    "profil zeigt",
    "profil affiche",
    "profilo mostra",
    // "Che piano risulta sul mio profilo?", "Welcher Tarif steht in meinem Profil?": what
    // the profile shows, told as where the plan stands.
    "risulta sul mio profilo",
    "risulta nel mio profilo",
    "steht in meinem profil",
    "staat in mijn profiel",
    "staat op mijn profiel",
    "figure sur mon profil",
    "apparait sur mon profil",
    "apparait dans mon profil",
    "sale en mi perfil",
    "consta en mi perfil",
    "consta no meu perfil",
];
/// "What X have you got for me": the object comes first, so "have you got" is "do you have",
/// not whether a mail arrived.
const HAVE_FOR: &[&str] = &[
    " have you got for ",
    " have you got on ",
    " you got for me ",
    " you got on file ",
];
/// Words that size a deal as much as a subscription.
const DEAL_SIZE: &[&str] = &[
    "upgrade*",
    "seat",
    "seats",
    "licen*",
    "lizenz*",
    "licenz*",
    "licentie*",
    "tier",
];
/// Replies: on a ticket when a ticket is named and no mail.
const REPLIES: &[&str] = &[
    "repl*",
    "respond*",
    "answer*",
    "contest*",
    "geantwoord",
    "gereageerd",
    "geantwortet",
    "risposto",
    "repondu",
    "返信",
    "返事",
];
/// Nouns that name a support ticket itself, not a complaint that may be a mail.
const TICKET_NOUNS: &[&str] = &[
    "ticket*",
    "case",
    "cases",
    "chamado*",
    "incidencia*",
    "supportticket*",
    "チケット",
];
/// Verbs of a ticket being opened: "was a ticket created", "did you open a case".
const TICKET_OPENED: &[&str] = &[
    "created",
    "opened",
    "open",
    "raised",
    "logged",
    "filed",
    "made",
    "creado",
    "abierto",
    "angelegt",
    "eroffnet",
    "cree",
    "ouvert",
    "creato",
    "aperto",
    "aangemaakt",
    "geopend",
    "criado",
    "aberto",
];
/// Verbs of mail moving between the parties: with these, a settings or verification question
/// asks about a mail too ("did she get our welcome email?").
const MAIL_TRAFFIC: &[&str] = &[
    "between us",
    "get",
    "got",
    "receive*",
    "sent",
    "send",
    "wrote",
    "written",
    "repl*",
    "reach*",
    "arrive*",
    // The same verbs in the other languages ("m'avez-vous écrit", "habt ihr mir geschrieben").
    "escrito",
    "enviado",
    "recibido",
    "geschrieben",
    "gesendet",
    "geschickt",
    "erhalten",
    "ecrit",
    "envoye",
    "recu",
    "scritto",
    "inviato",
    "ricevuto",
    "geschreven",
    "gestuurd",
    "verstuurd",
    "verzonden",
    "ontvangen",
    "escreveu",
    "enviou",
    "recebido",
    // The asker's own sending, in the past: "Les mandé un email pidiendo cambiar el idioma
    // de mi perfil", "mandei um email".
    "mande",
    "envie",
    "escribi",
    "mandei",
    "enviei",
    "mandato",
    "scrissi",
    "schickte",
    "schrieb",
    "stuurde",
    "送っ",
    "送信",
    "届",
];

/// Whether folded text names mail moving between the parties: [`MAIL_TRAFFIC`] or a verb of
/// answering ([`scope::REPLIED`]: "nobody answered my email", "ninguém respondeu ao meu
/// email").
fn names_mail_traffic(folded: &str) -> bool {
    any_match(folded, MAIL_TRAFFIC) || any_match(folded, scope::REPLIED)
}

/// Words that confirm something: they ask whether an address was verified only when the
/// question names an email address or the account.
const CONFIRMED: &[&str] = &[
    "confirmed",
    "confirmad*",
    "confirme",
    "confirmee",
    "confermat*",
    "bevestigd",
    "confirmou",
    "confirmo",
];
/// Something we confirmed in a mail ("the email where you confirmed my discount"): the mail is
/// asked for, not whether an address was verified.
const CONFIRMED_BY_US: &[&str] = &[
    "you confirmed",
    "you guys confirmed",
    "confirmed by you",
    "vous avez confirme",
    "vous m avez confirme",
    "me confirmasteis",
    "me confirmaron",
    "ihr bestatigt habt",
    "sie bestatigt haben",
    "mi avete confermato",
    "jullie bevestigden",
    "voces confirmaram",
    "voces me confirmaram",
];
/// An email address as an attribute of the sign-in account, not the mailbox.
const ADDRESS: &[&str] = &[
    "email address",
    "e mail address",
    "mail address",
    "e mail adresse",
    "mailadresse",
    "emailadresse",
    "adresse e mail",
    "adresse email",
    "adresse mail",
    "direccion de correo",
    "correo electronico",
    "indirizzo email",
    "indirizzo e mail",
    "e mailadres",
    "emailadres",
    "mailadres",
    "endereco de e mail",
    "endereco de email",
    "メールアドレス",
    // "with my school address or my Gmail address?": an address at a mail provider.
    "gmail address",
    "gmail adresse",
    "hotmail address",
    "outlook address",
    // "I've got three email addresses": addresses, not mails.
    "email addresses",
    "e mail addresses",
    "mail addresses",
    "e mail adressen",
    "mailadressen",
    "emailadressen",
    "adresses e mail",
    "adresses email",
    "direcciones de correo",
    "indirizzi email",
    "indirizzi e mail",
    "e mailadressen",
    "enderecos de e mail",
    "enderecos de email",
];

/// An email said changed, without "address": the address it is ("I changed my email in the
/// app").
const EMAIL_CHANGED: &[&str] = &[
    "changed my email",
    "change my email",
    "updated my email",
    "update my email",
    "changed our email",
    "updated our email",
];

/// "Changed", told as done, in the eight languages.
const CHANGED: &[&str] = &[
    "changed",
    "updated",
    "ai change",
    "avons change",
    "he cambiado",
    "cambie",
    "habe geandert",
    "geandert",
    "ho cambiato",
    "ho modificato",
    "heb gewijzigd",
    "gewijzigd",
    "veranderd",
    "mudei",
    "alterei",
    "troquei",
];

/// How a document of the asker's looks: "look more professional".
const LOOKS: &[&str] = &[
    "look more professional",
    "look professional",
    "look more polished",
];

/// Requests for jokes, poems and stories: no customer data in them.
const CREATIVE: &[&str] = &[
    "joke*",
    "poem*",
    "chiste*",
    "poema*",
    "witz*",
    "gedicht*",
    "blague*",
    "barzellett*",
    "grap",
    "grapje*",
    "mop",
    "piada*",
    "冗談",
    // Fiction: a character's inbox is no one's.
    "novel",
    "fiction*",
    "fictional",
    "screenplay",
    "a character",
    "novela",
    "roman",
    "romanzo",
    "romance",
    "小説",
];

/// The asker getting in touch with us: a mail they sent, not their CRM contact record.
const CONTACTED_US: &[&str] = &[
    "last contact",
    "last contacted",
    "did i contact",
    "did we contact",
    "have i contacted",
    "have we contacted",
    "i contacted",
    "we contacted",
    "me puse en contacto",
    "nos pusimos en contacto",
    "kontakt aufgenommen",
    "pris contact",
    "ai je contacte",
    "vous ai contacte",
    "preso contatto",
    "contact opgenomen",
    "entrei em contato",
    "entramos em contato",
];

/// What a question asks.
#[derive(Debug, Clone, Default)]
pub struct Asks {
    pub topics: BTreeSet<Topic>,
    /// The question wants a yes or no first.
    pub yes_no: bool,
    /// The question asks how many ("how many", "wie viele", "何件").
    pub count: bool,
    /// Only a greeting (and no data topic).
    pub greeting: bool,
    /// Only thanks (and no data topic).
    pub thanks: bool,
}

impl Asks {
    pub fn has(&self, t: Topic) -> bool {
        self.topics.contains(&t)
    }

    pub fn any(&self, ts: &[Topic]) -> bool {
        ts.iter().any(|t| self.has(*t))
    }
}

/// "When" opening a clause of time, where a subject follows it ("when we stopped paying",
/// "quand j'ai résilié"); not the question word ("…: when does it renew?"), which the
/// languages that drop the pronoun cannot tell apart.
const WHEN_WORDS: &[&str] = &["when", "quand", "als", "toen", "wenn"];
/// The subjects that follow [`WHEN_WORDS`] in a clause of time.
const WHEN_SUBJECTS: &[&str] = &[
    "i", "we", "you", "they", "ich", "wir", "ihr", "je", "j", "nous", "vous", "on", "ik", "wij",
    "jullie",
];

/// Question words that ask something further after a clause of time (as does one of
/// [`AND_ASKS`]).
const ASKS_MORE: &[&str] = &[
    "what", "which", "whether", "how", "welche", "cual", "que", "quel", "quelle", "quale", "welk",
    "welke", "qual",
];

/// The app's notifications, in the eight languages.
const NOTIFICATIONS: &[&str] = &[
    "notification*",
    "benachrichtigung*",
    "notificacion*",
    "notificacao*",
    "notificacoes",
    "notifica",
    "notifiche",
    "meldingen",
];

/// "Both", in the eight languages: two things asked for ("check both").
const BOTH: &[&str] = &[
    "both", "beide", "beides", "beiden", "ambos", "ambas", "les deux", "entrambi", "entrambe",
    "allebei", "os dois", "as duas", "両方",
];

/// The mail that verifies an address.
const VERIFICATION_MAIL: &[&str] = &[
    "verification email",
    "verification e mail",
    "verification mail",
    "verification link",
];

/// A mail of ours asked after by where it went: "the verification email you sent actually
/// went to me".
const MAIL_WENT_OUT: &[&str] = &["you sent", "went to me", "sent to me", "got to me"];

/// Money that may "come in" (Portuguese "entrou"): a refund, a credit, a payment.
const MONEY_CAME_IN: &[&str] = &[
    "reembolso",
    "credito",
    "pagamento",
    "dinheiro",
    "transferencia",
    "estorno",
];

/// Mailings the app sends that a user subscribes to in their settings.
const MAILINGS: &[&str] = &["newsletter*", "digest*", "mailing list", "mailing lists"];

/// "And" between two things asked in one clause, in the eight languages ("did you get my
/// mail or should I resend it?" asks about the mail both ways).
const AND_ASKS: &[&str] = &["and", "und", "y", "et", "e", "en"];

/// Words naming the app account beside the word "account" itself ([`scope::OF_AN_ACCOUNT`]):
/// "will my login be reactivated?".
const APP_ACCOUNT_WORDS: &[&str] = &["login", "log in", "user", "app", "profile", "アカウント"];

/// Paying us, told of beside a stage: "I've been paying for a year", "betaal al een jaar".
const PAID_A_WHILE: &[&str] = &[
    "paying", "paid", "betaal", "betalen", "pago", "zahle", "paie",
];

/// The folded text without how long the asker has paid: "paid for a year", "we've been
/// paying you for two years" (a verb of paying, then within four words "for" and a
/// [`DURATIONS`] word; not "paid this year"), "two years of paying you".
fn without_paid_for_a_while(folded: &str) -> String {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let span_end = matches!(words[i], "paid" | "paying")
            .then(|| (i + 1..(i + 5).min(words.len())).find(|&k| DURATIONS.contains(&words[k])))
            .flatten()
            .filter(|&end| words[i + 1..end].contains(&"for"));
        // "after two years of paying you": the span told the other way round.
        let told_after = match &words[i..] {
            [d, "of", "paying", "you" | "u", ..] if DURATIONS.contains(d) => Some(i + 3),
            [d, "of", "paying", ..] if DURATIONS.contains(d) => Some(i + 2),
            _ => None,
        };
        match span_end.or(told_after) {
            Some(end) => i = end + 1,
            None => {
                kept.push(words[i]);
                i += 1;
            }
        }
    }
    format!(" {} ", kept.join(" "))
}

/// Italian fees that say "quote" ("le quote d'iscrizione"), which no quote of ours is.
const FEES: &[&str] = &[
    "quote d iscrizione",
    "quota d iscrizione",
    "quote di iscrizione",
    "quota di iscrizione",
    "quote associative",
    "quota associativa",
];

/// Where money lands on an account: "applied to my account", "is it on the account?".
const MONEY_ON_ACCOUNT: &[&str] = &[
    "applied to my account",
    "applied to the account",
    "applied to our account",
    "on the account",
    "on my account",
    "on our account",
    "credited to",
];

/// Reads a question: the topics of each clause the scope gate lets through.
pub fn read(question: &str) -> Asks {
    // "Not asking about billing - did you get my mail?": what it is not about names nothing.
    // "I got a mail from tallowmere-billing.net": a domain's words ("billing") ask nothing.
    let split = scope::split_negated(&scope::without_domains(&scope::without_hidden(question)));
    let (not_asked, asked_after) = (topics_of(&fold(&split.cut)), topics_of(&fold(&split.after)));
    let question = &split.kept;
    let folded = fold(question);
    let mut topics = BTreeSet::new();
    let clauses = scope::record_clauses(question);
    // Read only when a clause reads the account alone: one more pass over the whole question.
    let money_named = std::cell::LazyCell::new(|| {
        topics_of(&folded)
            .iter()
            .any(|t| matches!(t, Topic::BillingRecord | Topic::Invoices))
    });
    for clause in &clauses {
        let mut found = clause_topics(clause, question);
        // "We were promised a credit in an email. Was it actually applied to my account?":
        // money named elsewhere in the question, on or applied to "the account", is on the
        // billing account, which that money already reads.
        if found.iter().eq([&Topic::Account]) && any_match(clause, MONEY_ON_ACCOUNT) && *money_named
        {
            found.clear();
        }
        // "Was my user account disabled when we stopped paying?": what follows "when" dates
        // the account's state; the payment it names is no record asked about, unless more is
        // asked after it ("… when it was created, and which plan I pay for").
        let words: Vec<&str> = clause.split_whitespace().collect();
        if let Some(at) = (1..words.len().saturating_sub(1))
            .find(|&i| WHEN_WORDS.contains(&words[i]) && WHEN_SUBJECTS.contains(&words[i + 1]))
        {
            let before = clause_topics(&format!(" {} ", words[..at].join(" ")), question);
            let asks_more = words[at..]
                .iter()
                .any(|w| ASKS_MORE.contains(w) || AND_ASKS.contains(w));
            if before
                .iter()
                .any(|t| matches!(t, Topic::Disabled | Topic::Account))
                && !asks_more
            {
                found.retain(|t| before.contains(t) || !t.is_billing());
            }
        }
        // "Can members pay with gift cards?", "how do I invoice MY members?": the asker's
        // business with their own clientele, except a mail of the asker's about it ("did you
        // get my email about the students' migration?").
        // "My accountant emailed me about my self assessment": a mail in the asker's own
        // mailbox.
        // The plan such a mail tells of is the sender's ("my website host emailed me that my
        // hosting plan renews").
        if scope::mailed_by_their_own(clause) {
            found.retain(|t| !t.is_mail() && !matches!(t, Topic::Plan | Topic::Renewal));
        }
        if scope::about_own_clientele(clause) {
            let own_mail = scope::names_own_mail(clause);
            // "I reported that renters get the wrong pickup time - status?": a case the asker
            // opened with us about their clientele; "why am I not getting notifications when
            // tenants book?": the asker's own settings.
            let reported = any_match(clause, REPORTED_TO_US);
            let notified = any_match(clause, NOTIFICATIONS);
            found.retain(|t| {
                (own_mail && t.is_mail())
                    || (reported && *t == Topic::Tickets)
                    || (notified && *t == Topic::Profile)
            });
        }
        topics.extend(found);
    }
    // "J'ai envoyé la preuve de virement par mail : vous l'avez eue et la facture est-elle
    // marquée payée ?", "I emailed about a refund. Has it been processed yet?": the state of a
    // bill asked in a part of its own is asked, whatever the mail beside it carried or was
    // about.
    // The clauses already part at a lone hyphen between spaces ("I emailed you about a double
    // charge - has it been refunded?"), as at a dash.
    if !topics.is_empty() && topics.iter().all(|t| t.is_mail()) {
        topics.extend(bill_state_asked(&clauses, &folded));
    }
    // "The app shows half the features greyed out. Which plan am I on?": a plan asked after a
    // sentence of its own about what the app shows is the plan the app has too.
    // Not the asker's bank's app ("the bank app shows a different amount").
    let our_app = without_phrases(&folded, BANK_APPS);
    if topics.contains(&Topic::Plan) && clauses.len() > 1 && any_match(&our_app, APP_SAYS) {
        topics.insert(Topic::Profile);
    }
    // "Is my name spelled the same in your CRM and in the app?", "what plan are we on — in
    // billing, in your deals and in the app?": the app named among the places a record is
    // compared across is read too.
    if !topics.is_empty() && any_match(&our_app, IN_THE_APP) && any_match(&folded, COMPARED) {
        topics.insert(Topic::Profile);
    }
    // "Has our upgrade to the Multi-Site plan been signed off on your side?": an upgrade still
    // waiting on us is a deal in progress, when nothing but the plan is asked ("did my upgrade
    // go through?" is the subscription's).
    // "Where are we with the Clinic+ upgrade? Your sales guy said paperwork was coming": one
    // our salespeople are bringing about is a deal too (the rep named beside it is who said
    // so, not who the asker's rep is).
    // "What stage is our upgrade to the Pro tier at?": a stage is a deal's (a sale's pipeline).
    let under_way = any_match(&folded, WAITING_ON_US)
        || any_match(&folded, STAGE_ASKED)
        || (any_match(&folded, UNDER_WAY) && names_our_salespeople(&folded));
    if topics.contains(&Topic::Plan)
        && topics
            .iter()
            .all(|t| matches!(t, Topic::Plan | Topic::Owner | Topic::Deals))
        // "… is that deal closed and is the new subscription active yet?": a subscription
        // named is asked about too.
        && !any_match(&folded, SUBSCRIPTION)
        && (topics.len() == 1 || !WHO.contains(&folded.split_whitespace().next().unwrap_or("")))
        && any_match(&folded, UPGRADES)
        && under_way
    {
        topics.clear();
        topics.insert(Topic::Deals);
    }
    // Words that only set the scene, in the asked clause or in a clause of their own: "she
    // logged a problem under my account" (a case, not a login), "before I renew, …", "your
    // sales people keep emailing me": what they name is not asked unless the rest names it.
    for (context, named) in SCENE {
        drop_context(&mut topics, &folded, context, named);
    }
    // "Is my ticket about SMS reminders closed? Never got a reply": a reply the asker says
    // never came, in a clause of its own, is the ticket's too ("did you reply to my complaint,
    // and is the ticket open?" still asks after the mail).
    if clauses.len() > 1
        && topics.contains(&Topic::Tickets)
        && !topics.contains(&Topic::Mail)
        && any_match(&folded, TICKET_NOUNS)
        && any_match(&folded, NO_REPLY)
    {
        drop_replies(&mut topics, &without_phrases(&folded, NO_REPLY));
    }
    // "I answered your survey by replying directly — did that get through?": what arrived was
    // sent in another clause.
    let asked = clauses.concat();
    if topics.is_empty()
        && clauses.len() > 1
        && any_match(&asked, ARRIVAL)
        && any_match(&asked, SENT_BY_ME)
    {
        topics.extend([Topic::Mail, Topic::MailReceived]);
    }
    // "Help me word an email to my boss? She hates long mails": the mail named beside a
    // drafting request is the one being drafted, not one to look up.
    let drafting = clauses.iter().any(|c| any_match(c, DRAFTING));
    if drafting && !topics.contains(&Topic::MailSent) && !topics.contains(&Topic::MailReceived) {
        topics.remove(&Topic::Mail);
    }
    // "Habt ihr meine E-Mail zur Kündigung erhalten?", "did my email cancelling the extra seat
    // reach you?": whether a mail asking to cancel arrived, not whether the subscription (or
    // the part of it the mail cancels) is cancelled, unless the question asks that too ("…
    // and is it cancelled?").
    if topics.contains(&Topic::MailReceived)
        && topics.contains(&Topic::Cancelled)
        && clauses.len() == 1
        && !folded
            .replace(" e mail ", " email ")
            .split_whitespace()
            .any(|w| AND_ASKS.contains(&w))
    {
        topics.remove(&Topic::Cancelled);
        topics.remove(&Topic::Plan);
    }
    // "Do I get push notifications or only email?", "通知設定は…メールが多すぎて": email as a
    // channel of the app's notifications, not a mail to look up.
    if topics.contains(&Topic::Profile)
        && topics.contains(&Topic::Mail)
        && !topics.contains(&Topic::MailSent)
        && !topics.contains(&Topic::MailReceived)
        && (any_match(&folded, NOTIFICATIONS) || question.contains("通知"))
    {
        topics.remove(&Topic::Mail);
    }
    // "An overview: my plan, open invoices and tickets" asks for what it lists.
    if topics.len() > 1 {
        topics.remove(&Topic::Overview);
    }
    // "Thanks for the invoice!": thanks that ask nothing.
    let asks_nothing = !question.contains(['?', '？']);
    if asks_nothing && THANKS.iter().any(|t| folded.starts_with(&format!(" {t} "))) {
        topics.clear();
    }
    // "Our subscription got cancelled by mistake — did you get my email asking to reactivate
    // it?": turning a subscription back on is the billing's; the app account is asked about
    // only when something else names it.
    if topics.contains(&Topic::Disabled)
        && topics.contains(&Topic::Plan)
        && !any_match(&folded, APP_ACCOUNT_WORDS)
        && !any_match(&folded, scope::OF_AN_ACCOUNT)
    {
        let rest = topics_without(&folded, |w| {
            w.starts_with("reactiv") || w.starts_with("reaktiv")
        });
        if !rest.contains(&Topic::Disabled) {
            topics.remove(&Topic::Disabled);
        }
    }
    // "that weekly digest thing - am i even subscribed to it in my settings?", "am I
    // subscribed to the newsletter?": a mailing the app sends is a setting of the profile, not
    // the subscription, unless a plan is named too ("am I subscribed to Pro?" has no mailing).
    if topics.contains(&Topic::Plan) && any_match(&folded, MAILINGS) {
        let rest = topics_without(&folded, |w| {
            w.starts_with("subscribe") || w.starts_with("unsubscribe")
        });
        if !rest.contains(&Topic::Plan) {
            topics.remove(&Topic::Plan);
            topics.insert(Topic::Profile);
        }
    }
    // "O reembolso já entrou como crédito na conta?": money that "came in" (entrou), not a
    // sign-in.
    if topics.contains(&Topic::LastLogin)
        && any_match(&folded, MONEY_CAME_IN)
        && !topics_without(&folded, |w| w == "entrou").contains(&Topic::LastLogin)
    {
        topics.remove(&Topic::LastLogin);
    }
    // "Still a lead even though I've paid for a year?": how long the asker has paid tells why
    // the stage looks wrong; the billing is not asked.
    if topics.contains(&Topic::Lifecycle) {
        // "… but I've been paying for a year. Check both please.": the billing that says the
        // asker pays is asked after beside the stage.
        if any_match(&folded, BOTH) && any_match(&folded, PAID_A_WHILE) {
            topics.insert(Topic::BillingOverall);
        } else {
            let rest = topics_of(&without_paid_for_a_while(&folded));
            if rest.contains(&Topic::Lifecycle) {
                topics.retain(|t| rest.contains(t) || !t.is_billing());
            }
        }
    }
    // "Under which company name are we billed?", "Welcher Firmenname und welche Währung
    // stehen bei euch im Abrechnungskonto?", "Is my billing under my personal name or the
    // company's?": the name on the bill is the billing customer's, not the CRM's company,
    // unless the CRM is named too (anywhere in the question).
    if topics.contains(&Topic::Company)
        && (any_match(&folded, COMPANY_NAME) || any_match(&folded, NAME_AND_COMPANY))
        && topics.iter().any(|t| {
            matches!(
                t,
                Topic::Invoices | Topic::BillingOverall | Topic::BillingRecord
            )
        })
        // "our billing customer record" is the billing's customer, not the CRM's.
        && !any_match(&folded.replace(" billing customer record", " "), CRM_NAMED)
        // "What do you have as my company name, and does it match my invoices?": the two set
        // side by side.
        && !any_match(&folded, MATCHES_THE_BILL)
    {
        topics.remove(&Topic::Company);
        // "What name and company are on our billing customer record?": the name too.
        if any_match(&folded, NAME_AND_COMPANY) {
            topics.remove(&Topic::Contact);
        }
    }
    // "Don't want the yard lads locked out of the app on Monday": a lockout feared as what
    // else asked could bring, not one that happened.
    if topics.contains(&Topic::Disabled) && topics.len() > 1 && fears_a_lockout(&folded) {
        topics.remove(&Topic::Disabled);
    }
    // "I've been handed the Trussel login with zero handover. Where do we stand money-wise?":
    // the login the asker was given is how they came to ask, not what they ask.
    if topics.contains(&Topic::LastLogin) && topics.len() > 1 && login_handed_over(&folded) {
        topics.remove(&Topic::LastLogin);
    }
    // "Is she still a billing customer?" asks about the customer record, not the totals.
    if topics.contains(&Topic::BillingRecord) && !matches(&folded, "billing s*") {
        topics.remove(&Topic::BillingOverall);
    }
    // "Has my login been switched off because of the unpaid bill? Not asking about the bill
    // itself, just whether my login still works": what the question says it does not ask is
    // not read where it is named as a cause either, as long as something else is asked and
    // the words after the disclaimer do not come back to it ("not my customers' invoices —
    // YOUR invoices to me").
    let shares_a_tool = |t: &Topic, set: &BTreeSet<Topic>| {
        set.iter()
            .any(|n| n.tools().iter().any(|tool| t.tools().contains(tool)))
    };
    let disowned = |t: &Topic| shares_a_tool(t, &not_asked) && !shares_a_tool(t, &asked_after);
    if topics.iter().any(|t| !disowned(t)) {
        topics.retain(|t| !disowned(t));
    }
    topics.extend(topics_of(&scope::pointed_back_records(
        &split.cut, question,
    )));
    let first = folded.split_whitespace().next().unwrap_or_default();
    let yes_no = YES_NO_OPENERS.contains(&first)
        || folded.contains(" est ce ")
        || folded.contains(" a t il ")
        || folded.contains(" a t elle ")
        || folded.contains(" y a t il ")
        || ["ますか", "ましたか", "ですか", "でしたか"]
            .iter()
            .any(|e| question.trim_end_matches(['？', '?', ' ']).ends_with(e))
            && !question.contains("いつ")
            && !question.contains("何");
    let empty = topics.is_empty();
    Asks {
        count: any_match(&folded, COUNTING)
            || question.contains("いくつ")
            || question.contains("何件"),
        yes_no,
        greeting: empty && any_match(&folded, GREETINGS),
        thanks: empty && any_match(&folded, THANKS),
        topics,
    }
}

/// A case waiting on the asker: "waiting on me to reply", "en attente de ma réponse".
const WAITING_ON_ASKER: &[&str] = &[
    "waiting on me",
    "waiting on us",
    "waiting for me",
    "waiting for us",
    "waiting for my reply",
    "waiting for our reply",
    "waiting for my answer",
    "waiting on my reply",
    "awaiting my reply",
    "awaiting our reply",
    "wartet auf mich",
    "warten auf mich",
    "warten auf meine antwort",
    "wartet auf meine antwort",
    "esperando mi respuesta",
    "esperando respuesta mia",
    "en attente de ma reponse",
    "attend ma reponse",
    "in attesa di una mia risposta",
    "in attesa della mia risposta",
    "wacht op mijn antwoord",
    "wachten op mijn antwoord",
    "wachten op mij",
    "aguardando minha resposta",
    "esperando minha resposta",
];

/// Whether what waits on the asker is a mail: "… my open tickets, and any emails you're
/// waiting on me to answer" (the word before the waiting, past "you're" or "that are", is a
/// mail).
fn mail_waits_on_asker(folded: &str) -> bool {
    WAITING_ON_ASKER.iter().any(|p| {
        folded.find(&format!(" {p} ")).is_some_and(|at| {
            folded[..at]
                .split_whitespace()
                .rev()
                .find(|w| !matches!(*w, "you" | "re" | "are" | "that" | "which" | "still"))
                .is_some_and(|w| topics_of(&format!(" {w} ")).iter().any(|t| t.is_mail()))
        })
    })
}

/// Whether the folded question names one of our salespeople ("your rep", "Becky in sales",
/// "営業さん"), not the asker's own ("my sales lady", "our sales team"). A rep or an account
/// manager is ours with any possessive: "my account manager" is the one we assigned.
fn names_our_salespeople(whole: &str) -> bool {
    SALESPEOPLE.iter().any(|p| {
        if !p.is_ascii() {
            return whole.contains(p);
        }
        let assigned = matches!(*p, "rep" | "sales rep" | "account manager");
        // "Has sales tax been added?": bare "sales" before "tax" is no team.
        let bare = p.ends_with(" sales");
        whole.match_indices(&format!(" {p} ")).any(|(at, found)| {
            let after = &whole[at + found.len()..];
            (assigned
                || !whole[..at]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| MINE.contains(&w)))
                && !(bare && (after.starts_with("tax ") || after.starts_with("taxes ")))
        })
    })
}

/// The asker counting out what they ask: "two things", "dos cosas", "zwei Fragen".
const COUNTED_ITEMS: &[&str] = &[
    "two things",
    "three things",
    "two questions",
    "dos cosas",
    "tres cosas",
    "dos preguntas",
    "zwei dinge",
    "zwei sachen",
    "zwei fragen",
    "drei dinge",
    "deux choses",
    "trois choses",
    "deux questions",
    "due cose",
    "tre cose",
    "due domande",
    "twee dingen",
    "drie dingen",
    "twee vragen",
    "duas coisas",
    "tres coisas",
    "duas perguntas",
];

/// Determiners and possessives that may stand between "regarding" and its noun.
const SUBJECT_DETERMINERS: &[&str] = &[
    "the", "our", "my", "a", "an", "der", "die", "das", "den", "dem", "meine", "meiner", "unsere",
    "unserer", "el", "la", "los", "las", "mi", "nuestra", "nuestro", "le", "les", "ma", "mon",
    "notre", "nos", "il", "lo", "mia", "mio", "nostra", "nostro", "de", "het", "mijn", "onze", "o",
    "os", "as", "minha", "meu", "nossa", "nosso",
];

/// The folded clause without the subject a mail was about: "regarding our cancellation"
/// (the word, its determiners and one noun) and a Japanese "…について".
fn without_subject(folded: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut skip = 0;
    let mut after_about = false;
    for w in folded.split_whitespace() {
        if after_about {
            if SUBJECT_DETERMINERS.contains(&w) {
                continue;
            }
            after_about = false;
            continue;
        }
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if [
            "regarding",
            "re",
            "wegen",
            "bezuglich",
            "concernant",
            "riguardo",
            "acerca",
        ]
        .contains(&w)
        {
            after_about = true;
            continue;
        }
        match w.find("について") {
            Some(at) => words.push(w[at + "について".len()..].to_string()),
            None => words.push(w.to_string()),
        }
    }
    format!(" {} ", words.join(" "))
}

/// The topics one folded clause asks about.
fn clause_topics(folded: &str, question: &str) -> BTreeSet<Topic> {
    // The whole question, folded once: some clauses are read in its light. Whether it names
    // our salespeople is found once, when first asked.
    let whole = fold(question);
    let our_sales = std::cell::LazyCell::new(|| names_our_salespeople(&whole));
    // "I changed my email last week": the address, not a mail.
    let folded = EMAIL_CHANGED.iter().fold(folded.to_string(), |f, c| {
        if f.contains(&format!(" {c} address ")) {
            f
        } else {
            f.replace(&format!(" {c} "), &format!(" {c} address "))
        }
    });
    // "le quote d'iscrizione dei ragazzi": Italian "quote" are fees paid, no quote.
    let mut folded = FEES.iter().fold(folded, |f, fee| {
        f.replace(&format!(" {fee} "), " iscrizioni ")
    });
    // "my email address", "your support address": an address is an attribute, not mail.
    let address = [ADDRESS, MAIL_ADDRESSES, LOGIN_ADDRESSES]
        .iter()
        .any(|list| any_match(&folded, list));
    // "I changed my email address in the app": the address the app account signs in with,
    // told as changed there (not "can I change my email address in the app?", a how-to).
    let in_app = any_match(&folded, IN_THE_APP) && any_match(&folded, CHANGED);
    for a in LOGIN_ADDRESSES
        .iter()
        .chain(ADDRESS.iter().filter(|_| in_app))
    {
        // Japanese runs its words together: its phrases match anywhere.
        let phrase = if a.is_ascii() {
            format!(" {a} ")
        } else {
            a.to_string()
        };
        folded = folded.replace(&phrase, " app account address ");
    }
    for a in ADDRESS.iter().chain(MAIL_ADDRESSES) {
        folded = folded.replace(&format!(" {a} "), " address ");
    }
    // "We use the app for all our bookings", "いつもアプリを使っています": telling that the
    // app is used asks nothing of the account ("when did I last use the app?" still does).
    let names_the_app = folded.contains(" app ") || folded.contains("アプリ");
    for p in USING_THE_APP.iter().filter(|_| names_the_app) {
        folded = if p.is_ascii() {
            folded.replace(&format!(" {p} "), " ")
        } else {
            folded.replace(p, " ")
        };
    }
    // "L'appli affiche l'offre Solo mais je paie l'offre Studio": an offer paid for or shown
    // by the app is the plan (French names plans "offres").
    if folded.contains(" l offre ") {
        for verb in ["paie", "paye", "payons", "payer", "affiche", "indique"] {
            folded = folded.replace(
                &format!(" {verb} l offre "),
                &format!(" {verb} mon forfait "),
            );
        }
    }
    // "My co-owner is on holiday": a partner in the asker's business, not the owner of their
    // record with us. "Which company I'm attached to": linked to, not a mail's attachment.
    for (from, to) in [
        (" co owner ", " partner "),
        (" co owners ", " partner "),
        (" i m attached to ", " i m linked to "),
        (" am i attached to ", " am i linked to "),
        (" we re attached to ", " we re linked to "),
        (" are we attached to ", " are we linked to "),
        // "3 problems logged with you": put on record with us, not signed in.
        (" logged with you ", " raised with you "),
        (" logged with your support ", " raised with your support "),
        // "hav u got my surname right?": read as "have you got" below.
        (" have u got ", " have you got "),
        // "Did you actually send one?" ("what name do you actually have for me?" is read as
        // written).
        (" did you actually ", " did you "),
        (" have you actually ", " have you "),
    ] {
        if folded.contains(from) {
            folded = folded.replace(from, to);
        }
    }
    // "the invoice for the wedding-quote add-on": a module named after what it makes, not a
    // quote of ours.
    for m in [" quote add on ", " quote add ons ", " quote module "] {
        folded = folded.replace(m, " add on ");
    }
    for a in MAIL_SETTINGS {
        folded = folded.replace(&format!(" {a} "), " settings ");
    }
    for c in NOTIFY_CHANNELS {
        folded = folded.replace(&format!(" {c} "), " notification preferences ");
    }
    for h in HAVE_FOR {
        folded = folded.replace(h, " have for ");
    }
    // "Which industry have you got our company down as?", "have you got my company name
    // right?": on file, not a mail that arrived.
    let right = matches(&folded, "right")
        && !matches(&folded, "right now")
        && !matches(&folded, "right away");
    // "Have you got my new phone number on file?": a record, not a mail.
    // "What have you got in each?" (the CRM and the billing named before): on record there.
    let on_file = [
        "on file",
        "in your records",
        "in your system",
        "in each",
        "in both",
    ]
    .iter()
    .any(|p| matches(&folded, p));
    // "What industry have you got our company under?": filed under, on record.
    let filed_under = folded.trim_end().ends_with(" under");
    // "What have you got as my company name?": on record as.
    let got_as = ["got as", "got me as", "got us as"]
        .iter()
        .any(|p| matches(&folded, p));
    // "What deals have you got open with us?": the record named just before is what is held.
    let record_held = folded.find(" have you got ").is_some_and(|at| {
        folded[..at]
            .split_whitespace()
            .last()
            .is_some_and(|w| topics_of(&format!(" {w} ")).iter().any(|t| !t.is_mail()))
    });
    if matches(&folded, "down as") || got_as || right || on_file || filed_under || record_held {
        folded = folded.replace(" have you got ", " have for ");
    }
    for d in MAIL_DIGESTS {
        folded = folded.replace(&format!(" {d} "), " notification preferences ");
    }
    // "Am I subscribed to the weekly digest?": a setting, not a subscription we bill.
    for s in [
        "subscribed to the",
        "subscribed to",
        "signed up for the",
        "opted in to the",
    ] {
        folded = folded.replace(
            &format!(" {s} notification preferences "),
            " notification preferences ",
        );
    }
    for b in BOUNCE_NOTICES {
        folded = folded.replace(&format!(" {b} "), " bounce ");
    }
    for b in BARGAINS {
        folded = folded.replace(&format!(" {b} "), " bargain ");
    }
    for r in CONFIRM_RECEIPT {
        folded = folded.replace(&format!(" {r} "), " did you get ");
    }
    for a in AGENDA {
        folded = folded.replace(&format!(" {a} "), " agenda ");
    }
    for p in PRAISE {
        folded = folded.replace(&format!(" {p} "), " well done ");
    }
    for m in MISSPELLED {
        folded = folded.replace(&format!(" {m} "), " misspelled ");
    }
    for g in GOODWILL {
        folded = folded.replace(&format!(" {g} "), " credit ");
    }
    folded = without_phrases(&folded, ON_MY_BEHALF);
    // "When did I last contact your support address?", "entrei em contato": a mail the asker
    // sent, not the CRM contact record (nor a sign-in, "entrei").
    for c in CONTACTED_US {
        folded = folded.replace(&format!(" {c} "), " contacted ");
    }
    for t in TELL_ME {
        folded = folded.replace(&format!(" {t} "), " tell me ");
    }
    // "Has he logged in since we sent the reminder?": the since-clause only dates the question.
    if let Some(cut) = SINCE.iter().filter_map(|a| folded.find(a)).min()
        && !topics_of(&folded[..=cut]).is_empty()
        && !scope::names_whose(&folded[cut..], "")
    {
        folded.truncate(cut + 1);
    }
    let mut topics = topics_of(&folded);
    // "Did you get my mail about the refund?" asks about the mail, "a ticket about the login"
    // about the ticket; what either was about names its subject, not another source to read.
    let mails = |t: &BTreeSet<Topic>| {
        t.contains(&Topic::MailReceived) || t.contains(&Topic::MailSent) || t.contains(&Topic::Mail)
    };
    let record = |t: &BTreeSet<Topic>| mails(t) || t.contains(&Topic::Tickets);
    if record(&topics)
        && let Some(cut) = ABOUT.iter().filter_map(|a| folded.find(a)).min()
    {
        let head = topics_of(&folded[..=cut]);
        // "…about the export bug and also mailed you screenshots": a second mail or ticket
        // after "and" is another record, not more of the subject.
        let tail = CONJUNCTIONS
            .iter()
            .filter_map(|c| folded[cut..].find(&format!(" {c} ")).map(|at| cut + at))
            .min()
            .map(|at| topics_of(&folded[at..]))
            .unwrap_or_default();
        // "I emailed you about the sync bug, was a ticket created for it?": a ticket asked for
        // after the subject is a record of its own.
        let after = &folded[cut..];
        let ticket_after = any_match(after, TICKET_NOUNS) && any_match(after, TICKET_OPENED);
        // "I opened a dispute over invoice INV-4410 … status of both please": with one record
        // named, "both" is it and its subject ("emailed about the charge and opened a ticket
        // … with both?" names two records: the mail and the ticket).
        let records: BTreeSet<Topic> = head
            .iter()
            .chain(record(&tail).then_some(&tail).into_iter().flatten())
            .copied()
            .collect();
        let two_records = (mails(&records) && (records.contains(&Topic::Tickets) || ticket_after))
            || (records.contains(&Topic::Tickets) && ticket_after);
        let both_with_subject = any_match(&whole, BOTH) && !two_records;
        // "tickets about the invoice she got" asks about her invoice too; "my email about
        // our invoices" asks about the mail only.
        if record(&head) && !scope::names_someone(&folded[cut..]) && !both_with_subject {
            topics = head;
            // "Necesito dos cosas: el estado de mi ticket sobre … y el importe de mi próxima
            // renovación": items the asker counts out are each asked.
            if record(&tail) || any_match(&whole, COUNTED_ITEMS) {
                topics.extend(tail);
            }
            if ticket_after {
                topics.insert(Topic::Tickets);
            }
        }
    }
    // "What did I write to you regarding our cancellation?", "was hab ich euch wegen der
    // Kündigung geschrieben?", "請求書について送ったメール": the mail verb comes before or after
    // the subject; the subject named right after "regarding" (or before "について") is what
    // the mail said, not another record.
    if record(&topics)
        && (topics.contains(&Topic::MailSent) || topics.contains(&Topic::MailReceived))
        && !scope::names_someone(&folded)
    {
        let rest = without_subject(&folded);
        let left = topics_of(&rest);
        if record(&left) {
            topics.retain(|t| left.contains(t));
        }
    }
    // "図面登録の不具合について出したチケットは？", "予約の二重登録の件で出したチケット": what a
    // ticket was about comes before "について" or "の件で"; the ticket is what is asked.
    if topics.contains(&Topic::Tickets) {
        let rest = ["について", "の件で"]
            .iter()
            .find_map(|m| folded.split_once(m).map(|(_, rest)| rest));
        if let Some(left) = rest.map(|r| topics_of(&format!(" {r} ")))
            && left.contains(&Topic::Tickets)
        {
            topics.retain(|t| left.contains(t));
        }
    }
    // "Are any of my support requests waiting on me to reply?": a case that waits on the
    // asker is a ticket's status, not a mail to look up.
    if topics.contains(&Topic::Tickets)
        && any_match(&folded, WAITING_ON_ASKER)
        && !mail_waits_on_asker(&folded)
    {
        topics.retain(|t| !t.is_mail());
    }
    // "My assistant Carla says she forwarded my complaint to you": a mail handed to us, by
    // whoever sent it on, is asked after in the mailbox.
    if forwarded_to_us(&folded) {
        topics.insert(Topic::MailReceived);
    }
    let sent_or_received =
        topics.contains(&Topic::MailReceived) || topics.contains(&Topic::MailSent);
    // "Did you send me the invoice by email?": the mail is the record; the invoice is what it
    // carried (an overdue invoice or a trial named beside it is still asked about).
    if sent_or_received && any_match(&folded, BY_MAIL) {
        topics.remove(&Topic::Invoices);
        // "Did I already send you our new billing address by email?": the details it carried
        // (not "the refund you promised by email": has it landed?).
        if any_match(&folded, DETAILS_SENT) {
            topics.remove(&Topic::BillingRecord);
            topics.remove(&Topic::BillingOverall);
        }
        // "Habt ihr meine Kündigung per Mail erhalten?": the notice is what the mail carried.
        topics.remove(&Topic::Cancelled);
    }
    // "Did we send him the password reset instructions?": what was sent is the mail's content,
    // not a record of its own (an overdue or unpaid invoice named beside it is still asked).
    if topics.contains(&Topic::MailSent)
        && (any_match(&folded, SENT_WHAT)
            || SENT_WHAT_OPENING.iter().any(|p| {
                folded
                    .trim_start()
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with(' '))
            }))
    {
        topics.retain(is_mail_or_money_due);
    }
    if sent_or_received && any_match(&folded, CLAIMS_FROM_US) {
        topics.retain(is_mail_or_money_due);
    }
    // "Can you find the message where you sent me the invoice as a PDF?", "Is my trial
    // extension mentioned in any email you sent me?", "Did my reply to your renewal reminder
    // reach you?": what a mail said or answered is its content, the mail what is asked.
    if topics.iter().any(|t| t.is_mail()) && any_match(&folded, MAIL_CONTENT) {
        topics.retain(is_mail_or_money_due);
    }
    // "Did the payment receipt I sent arrive?": a document that arrived is the mail's content,
    // whatever bill it is about.
    if topics.contains(&Topic::MailReceived)
        && (any_match(&folded, ARRIVAL) || any_match(&folded, RECEIVED_IT))
        && any_match(&folded, DOCUMENTS)
    {
        topics.remove(&Topic::Invoices);
    }
    // "I emailed you my new billing address, did that email get through?": what the asker
    // sent is what a mail that arrived carried, not a record to read.
    if topics.contains(&Topic::MailReceived)
        && any_match(&folded, ARRIVAL)
        && any_match(&folded, SENT_BY_ME)
    {
        topics.retain(is_mail_or_money_due);
    }
    // "Is there a reply to my refund request?", "has your team answered the upgrade inquiry I
    // mailed?": what the request asked for is the mail's subject.
    if sent_or_received && any_match(&folded, REQUEST_NOUNS) {
        let rest = topics_of(&without_request_subjects(&folded));
        topics.retain(|t| rest.contains(t) || t.is_mail());
    }
    // A quote or proposal is a deal, unless it is what a mail carried ("have you emailed me
    // the quote?", "anything in your inbox from me re the renewal quote?").
    // So is an offer a salesperson made or mentioned ("an offer on file for the discount your
    // sales rep mentioned").
    // "the thing your sales lady offered us", "Becky in sales promised me a discount",
    // "営業さんから提示された金額": offered, promised or presented by a salesperson.
    // Not what was offered when the asker signed ("your rep promised me 15% off when I
    // signed"): that is what they pay for now.
    let offered_by_sales =
        || any_match(&folded, OFFERED) && !any_match(&folded, WHEN_SIGNED) && *our_sales;
    // "Je suis passé à l'offre annuelle": an offer switched to is the plan, no quote.
    if !sent_or_received
        && !topics.contains(&Topic::Mail)
        && (any_match(&folded, QUOTES) || offered_by_sales())
        && !switched_tier(&folded)
    {
        topics.insert(Topic::Deals);
    }
    // "What's the amount on the offer you sent us?", "Qual o valor da proposta que vocês me
    // enviaram?": what a quote we sent is worth is the deal's, whichever way it came.
    if sent_or_received
        && !topics.contains(&Topic::Mail)
        && any_match(&folded, QUOTES)
        && any_match(&folded, QUOTE_VALUE)
    {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived));
        topics.insert(Topic::Deals);
    }
    // "Your sales guy emailed me a quote. What was the amount and is it still valid?": a quote
    // a salesperson mailed, asked (anywhere in the question) for its worth or whether it
    // stands, is the deal's too; the mail stays asked.
    if topics.contains(&Topic::Mail)
        && (any_match(&folded, QUOTES) || any_match(&folded, OFFERS))
        && *our_sales
        && (any_match(&whole, QUOTE_VALUE) || any_match(&whole, HOW_IT_STANDS))
    {
        topics.insert(Topic::Deals);
    }
    if sent_or_received && !any_match(&folded, TICKET_NOUNS) {
        // "I sent a complaint by email", "did we reply to her complaint?": the mail is the
        // record; the complaint is what it says.
        topics.remove(&Topic::Tickets);
    } else if topics.contains(&Topic::Tickets)
        && any_match(&folded, TICKET_NOUNS)
        && !topics.contains(&Topic::Mail)
    {
        // "I raised a ticket and nobody replied": the reply is the ticket's ("written to us"
        // is still mail).
        drop_replies(&mut topics, &folded);
    }
    // "Où en est le devis que votre commercial m'a envoyé ?", "今どの段階ですか": how a quote
    // stands is the deal's, whoever sent it; a mail named by its noun ("the mail about the
    // quote") is still asked about.
    if (any_match(&folded, QUOTES) || any_match(&folded, OFFERS))
        && any_match(&folded, HOW_IT_STANDS)
    {
        if !topics.contains(&Topic::Mail) {
            topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived));
        }
        topics.insert(Topic::Deals);
    }
    // A deal's seats, upgrade or renewal are the deal's, not the subscription's; so is the
    // plan a quote is for ("the quote for the annual plan"), unless a subscription is named.
    if topics.contains(&Topic::Deals) {
        let quoted = any_match(&folded, QUOTES) || any_match(&folded, OFFERS) || offered_by_sales();
        // "Does the price in our proposal match what I'm paying now?": what the asker pays is
        // the subscription, beside the quote.
        let quoted_plan =
            quoted && !any_match(&folded, SUBSCRIPTION) && !any_match(&folded, PAYING_FOR);
        if quoted_plan
            || !topics_without(&folded, |w| any_match(&format!(" {w} "), DEAL_SIZE))
                .contains(&Topic::Plan)
        {
            topics.remove(&Topic::Plan);
        }
        // "Quel est le montant du devis que votre commercial m'a proposé ?", "営業さんから提示
        // された金額はいくら": how much a quote is, not what is owed ("what do I owe on the
        // quote?" still asks).
        if quoted && topics.contains(&Topic::Owed) {
            let unvalued = QUOTE_VALUE
                .iter()
                .chain(&["いくら"])
                .fold(folded.clone(), |f, v| {
                    if v.is_ascii() {
                        f.replace(&format!(" {v} "), " ")
                    } else {
                        f.replace(v, " ")
                    }
                });
            if !topics_of(&unvalued).contains(&Topic::Owed) {
                topics.remove(&Topic::Owed);
            }
        }
        topics.remove(&Topic::Renewal);
    }
    // "Which phone do you have registered for me?": registered means on file when a CRM
    // detail is what is asked, not when the account was created.
    if topics.contains(&Topic::SignedUp)
        && any_match(&folded, ON_FILE)
        && topics.iter().any(|t| {
            matches!(
                t,
                Topic::Phone | Topic::JobTitle | Topic::Company | Topic::Contact | Topic::Owner
            )
        })
    {
        topics.remove(&Topic::SignedUp);
    }
    // "The app still shows the old plan": the plan the app shows is in the profile. Not the
    // asker's bank's app ("my bank app shows it as pending").
    let ours = without_phrases(&folded, BANK_APPS);
    if topics.contains(&Topic::Plan) && any_match(&ours, APP) {
        topics.insert(Topic::Profile);
    }
    // "The app says I'm on Starter but I'm billed for Academy": what the app says is the
    // profile's, beside the billing asked about.
    if !topics.is_empty() && any_match(&ours, APP_SAYS) {
        topics.insert(Topic::Profile);
    }
    // "Did the quote you emailed me include the add-on?", "Tom sent me an upgrade quote by
    // email", "Have you sent me the quote for the extra seats?": a plan, seats or an upgrade
    // named in a quote that mail carried is what was quoted, not the subscription (unless it
    // is named, or what the asker pays).
    if any_match(&folded, QUOTES)
        && topics.iter().any(|t| t.is_mail())
        && !any_match(&folded, SUBSCRIPTION)
        && !any_match(&folded, PAYING_FOR)
    {
        topics.remove(&Topic::Plan);
    }
    // "Did the proposal your rep sent me get updated?": a quote a salesperson sent is the
    // deal's, unless the mail itself is named ("the email with the quote").
    if any_match(&folded, QUOTES)
        && topics.contains(&Topic::MailSent)
        && !topics.contains(&Topic::Mail)
        // "your rep" is set aside as the vendor's offering: read the whole question.
        && *our_sales
    {
        topics.remove(&Topic::MailSent);
        topics.insert(Topic::Deals);
        // "…the proposal your rep sent me for the Team plan": the plan is what was quoted.
        if !any_match(&folded, SUBSCRIPTION) {
            topics.remove(&Topic::Plan);
        }
    }
    // "What stage is my licence request with your sales rep at?": a stage asked beside a
    // salesperson is the deal's, not the contact's lifecycle, and a plan or licence named in the
    // same clause is what the deal is for.
    if topics.contains(&Topic::Lifecycle)
        && matches(&folded, "stage")
        && *our_sales
        && !matches(&folded, "lifecycle*")
    {
        topics.remove(&Topic::Lifecycle);
        topics.insert(Topic::Deals);
        if !any_match(&folded, SUBSCRIPTION) {
            topics.remove(&Topic::Plan);
        }
    }
    // "Did my request for the Studio plan upgrade make it to your sales people?": an upgrade
    // asked of sales is a deal in progress, not the subscription.
    if topics.contains(&Topic::Plan)
        && *our_sales
        && any_match(&folded, UPGRADE_ASKED)
        && !any_match(&folded, SUBSCRIPTION)
    {
        topics.remove(&Topic::Plan);
        topics.insert(Topic::Deals);
    }
    // "The amount on the training package we discussed with your sales team": an offer
    // talked over with a salesperson, when nothing else is asked, is a deal.
    if topics.is_empty() && *our_sales && any_match(&folded, TALKED_OVER) {
        topics.insert(Topic::Deals);
    }
    // "List every invoice you've ever sent me": the bills are the billing record's, unless
    // the mail is named too ("the email with the invoice you sent").
    if (topics.contains(&Topic::MailSent) || topics.contains(&Topic::MailReceived))
        && !topics.contains(&Topic::Mail)
        && (any_match(&folded, BILL_WE_SENT) || bill_sent_by_name(&folded))
    {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived));
        topics.insert(Topic::Invoices);
    }
    // "What stage is our deal for the enterprise plan at?": the plan is what the deal is for.
    if topics.contains(&Topic::Deals)
        && any_match(&folded, DEAL_FOR)
        && !any_match(&folded, SUBSCRIPTION)
    {
        topics.remove(&Topic::Plan);
    }
    // "What plan does my profile show in the app?": the profile is what is asked about, not
    // the subscription, unless billing is named too; so is "My profile — which plan does it
    // show?", the profile named before what shows it.
    let it_shows = || {
        ["does it show", "does it say", "is it showing"]
            .iter()
            .any(|p| matches(&folded, p))
            && ["profile", "app"].iter().any(|p| matches(&whole, p))
    };
    // Not when it is compared with the subscription ("Is the plan on my profile the same as
    // my subscription?").
    if topics.contains(&Topic::Plan)
        && (any_match(&folded, PROFILE_SHOWS) || it_shows())
        && !topics.contains(&Topic::Invoices)
        && !(any_match(&folded, SUBSCRIPTION) && any_match(&folded, COMPARED))
        && !any_match(&folded, PAYING_FOR)
        && !any_match(&folded, STILL_ACTIVE)
    {
        topics.remove(&Topic::Plan);
    }
    // "What was our total revenue from the bowling lanes?": the asker's own takings, which we
    // do not hold, not what they pay us.
    if topics.contains(&Topic::Revenue) && any_match(&folded, OWN_REVENUE) {
        topics.remove(&Topic::Revenue);
    }
    // Notification and mail settings live in the profile, not the mailbox; a verification
    // mail and the account both asked after ("… never came and now the app won't let me in.
    // Can you check both?") is the mail too.
    let both_checked = any_match(&folded, VERIFICATION_MAIL) && any_match(&fold(question), BOTH);
    if (topics.contains(&Topic::Profile) || topics.contains(&Topic::Verified))
        && !names_mail_traffic(&folded)
        && !both_checked
    {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived | Topic::Mail));
    }
    if asks_after_an_address(&folded, &topics) {
        topics.retain(|t| !t.is_mail());
    }
    // "What email (and job title) do you have for me in your records?", "the right phone and
    // email for me": the address on file is the contact's; "did I sign up with my Apple ID or
    // my email?" asks how the login was made. Neither is mail to search.
    let asks_address = (any_match(&folded, &["what email", "which email", "what address"])
        && any_match(&folded, &["have for", "on file"]))
        || (any_match(&folded, CONTACT_DETAILS)
            && !topics.contains(&Topic::MailSent)
            && !topics.contains(&Topic::MailReceived));
    if asks_address || any_match(&folded, EMAIL_ON_FILE) {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived | Topic::Mail));
        if !topics.contains(&Topic::Verified) {
            topics.insert(Topic::Contact);
        }
    }
    if (topics.contains(&Topic::Providers) || topics.contains(&Topic::SignedUp))
        && any_match(&folded, WITH_EMAIL)
    {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived | Topic::Mail));
    }
    let mail_verb = topics.contains(&Topic::MailReceived) || topics.contains(&Topic::MailSent);
    if any_match(&folded, CONFIRMED)
        && (address || (topics.contains(&Topic::Mail) && !mail_verb))
        && !any_match(&folded, CONFIRMED_BY_US)
    {
        topics.insert(Topic::Verified);
    }
    let first_word = folded.split_whitespace().next().unwrap_or_default();
    if WHO.contains(&first_word) && !folded.split_whitespace().any(|w| PARTIES.contains(&w)) {
        // "Who wrote Les Misérables?" is a question about the world.
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived | Topic::Mail));
    }
    if any_match(&folded, CREATIVE) {
        topics.clear();
    }
    // "How can I make my invoices look more professional?": how the asker's own documents
    // look, advice, asked as what to make (not "why don't your invoices look professional?").
    if any_match(&folded, LOOKS)
        && any_match(&folded, &["make", "making"])
        && !addresses_us(&folded)
    {
        topics.clear();
    }
    // "Is his email verified?" is about the sign-in account, not the mailbox; a drafting
    // request names mail without asking about any.
    // "The verification email never came and now the app won't let me in. Can you check
    // both?", "whether the verification email you sent actually went to me": the mail is
    // asked after too.
    let mail_verbs = topics.contains(&Topic::MailReceived) || topics.contains(&Topic::MailSent);
    let mail_asked = mail_verbs || any_match(&folded, MAIL_WENT_OUT) || both_checked;
    if (!mail_asked && topics.contains(&Topic::Verified))
        || (!mail_verbs && any_match(&folded, DRAFTING))
    {
        topics.remove(&Topic::Mail);
    }
    if any_match(&folded, DRAFTING) && !mail_verbs {
        topics.retain(|t| !matches!(t, Topic::MailSent | Topic::MailReceived));
    }
    // "Write a firm message to a client who's late paying my invoice": a text for the
    // asker's own client, whatever of the asker's it mentions.
    if any_match(&folded, DRAFTING)
        && (!scope::names_whose(&folded, question) || scope::addressed_to_clientele(&folded))
    {
        topics.clear();
    }
    // "Has she contacted us?" is mail, not the CRM contact record.
    if matches(&folded, "contacted") && !matches(&folded, "contact") {
        topics.remove(&Topic::Contact);
    }
    // "What time zone is Auckland in right now?": a world clock, not a setting.
    if any_match(&folded, WORLD_CLOCK) && !scope::names_whose(&folded, question) {
        topics.remove(&Topic::Timezone);
    }
    // "Which company am I under in your CRM?": the CRM is where the company is looked up, not
    // the contact record as well.
    if topics.contains(&Topic::Contact)
        && topics.iter().any(|t| {
            matches!(
                t,
                Topic::Company
                    | Topic::Deals
                    | Topic::Tickets
                    | Topic::Owner
                    | Topic::Lifecycle
                    | Topic::Phone
                    | Topic::JobTitle
            )
        })
        && !topics_of(&folded.replace(" crm ", " ")).contains(&Topic::Contact)
    {
        topics.remove(&Topic::Contact);
    }
    // A deal's stage is the deal's, not the contact's lifecycle.
    if topics.contains(&Topic::Deals) && !matches(&folded, "lifecycle*") {
        topics.remove(&Topic::Lifecycle);
    }
    topics
}

/// What stays of a question whose record words turned out to be a mail's content: the mail
/// itself and money still due (an overdue or unpaid invoice named beside it is still asked).
fn is_mail_or_money_due(t: &Topic) -> bool {
    t.is_mail() || matches!(t, Topic::Overdue | Topic::Unpaid)
}

/// The asker's own takings: "our revenue", "unser Umsatz", "nuestros ingresos".
const OWN_REVENUE: &[&str] = &[
    "our revenue",
    "my revenue",
    "our total revenue",
    "our monthly revenue",
    "our takings",
    "our turnover",
    "unser umsatz",
    "unseren umsatz",
    "mein umsatz",
    "notre chiffre d affaires",
    "mon chiffre d affaires",
    "nuestros ingresos",
    "mis ingresos",
    "il nostro fatturato",
    "il mio fatturato",
    "onze omzet",
    "mijn omzet",
    "nossa receita",
    "minha receita",
    "nosso faturamento",
];

/// A name on file held against the bill: "does it match my invoices?".
const MATCHES_THE_BILL: &[&str] = &[
    "does it match",
    "do they match",
    "match my invoice*",
    "match the invoice*",
    "match my bill*",
    "match the bill*",
];
/// The name asked beside the company: "What name and company have you got on my billing
/// account?"
const NAME_AND_COMPANY: &[&str] = &[
    "name and company",
    "company and name",
    "name or the company",
    "name or company",
];
/// A company's name, as a bill or a record carries it.
const COMPANY_NAME: &[&str] = &[
    "company name",
    "business name",
    "firmenname",
    "nom de l entreprise",
    "nom de la societe",
    "nombre de la empresa",
    "nome dell azienda",
    "bedrijfsnaam",
    "nome da empresa",
    "nome de empresa",
    "razao social",
    "raison sociale",
    "ragione sociale",
    "razon social",
    "nombre de empresa",
    "会社名",
];

/// The CRM, named: a company's name asked about there is the CRM's company record.
const CRM_NAMED: &[&str] = &[
    "crm",
    "hubspot",
    "contact",
    "contacts",
    "sales",
    "customer record",
    "customer records",
    // "Is our company record right, and does the billing company name match it?"
    "company record",
    "company records",
];
