use super::*;
use crate::client::{WireHeader, WirePayload};

fn raw(bytes: impl Into<Vec<u8>>) -> RawMessage {
    RawMessage {
        id: "18c0ffee".into(),
        thread_id: "18c0ffee".into(),
        label_ids: vec!["INBOX".into()],
        snippet: "Hi &amp; bye".into(),
        internal_date: Some("1793491200000".into()),
        raw: bytes.into(),
    }
}

fn read(bytes: impl Into<Vec<u8>>) -> Message {
    normalize(raw(bytes), 32 * 1024).expect("a message")
}

#[test]
fn addresses_are_decoded_and_ascii_names_quoted_so_they_read_back() {
    let m = read(concat!(
        "From: =?UTF-8?B?5bGx55Sw?= <Taro@Example.JP>\r\n",
        "To: \"Doe, Jane\" <jane@x.org>, Support <support@y.example>\r\n",
        "Cc: Li Na <li.na@example.cn>, ops@example.cn, Undisclosed:;\r\n",
        "Subject: =?ISO-8859-1?Q?Probl=E8me?= =?UTF-8?B?IMOgIHRvaQ==?=\r\n",
        "\r\n",
        "Hello\r\n",
    ));
    assert_eq!(m.from, "山田 <Taro@Example.JP>");
    assert_eq!(m.from_email, "taro@example.jp");
    assert_eq!(m.subject, "Problème à toi");
    assert_eq!(m.cc, vec!["\"Li Na\" <li.na@example.cn>", "ops@example.cn"]);
    assert_eq!(
        m.to,
        vec![
            "\"Doe, Jane\" <jane@x.org>",
            "\"Support\" <support@y.example>"
        ]
    );
    let quoted = display_name("Doe \"JD\", Jane");
    assert_eq!(quoted, r#""Doe \"JD\", Jane""#);
    assert_eq!(
        common::text::display_name(&format!("{quoted} <jd@x.org>")).as_deref(),
        Some("Doe \"JD\", Jane")
    );
}

#[test]
fn the_date_is_gmails_internal_date_else_the_date_header() {
    let mail = "From: a@b.example\r\nDate: Tue, 3 Nov 2026 10:12:00 +0100\r\n\r\nHi\r\n";
    assert_eq!(read(mail).date.as_deref(), Some("2026-11-01T00:00:00Z"));
    let mut without = raw(mail);
    without.internal_date = None;
    let m = normalize(without, 1024).unwrap();
    assert_eq!(m.date.as_deref(), Some("2026-11-03T09:12:00Z"));
}

#[test]
fn a_charset_the_parser_does_not_know_is_read_as_windows_1252_in_any_transfer_encoding() {
    for (cte, body) in [
        ("8bit", b"tr\xe8s bien \xe0 vous".to_vec()),
        ("quoted-printable", b"tr=E8s bien =E0 vous".to_vec()),
        ("base64", b"dHLocyBiaWVuIOAgdm91cw==".to_vec()),
    ] {
        let mut mail = format!(
            "From: a@b.example\r\nContent-Type: text/plain; charset=x-klingon-1\r\n\
             Content-Transfer-Encoding: {cte}\r\n\r\n"
        )
        .into_bytes();
        mail.extend_from_slice(&body);
        assert_eq!(read(mail).text, "très bien à vous", "{cte}");
    }
}

#[test]
fn text_is_cut_on_a_character_boundary_and_says_so() {
    let mail = format!("From: a@b.example\r\n\r\n{}\r\n", "é".repeat(600));
    let m = normalize(raw(mail), 1001).unwrap();
    assert!(m.truncated);
    assert_eq!(m.text.len(), 1000);
    let m = read("From: a@b.example\r\n\r\nshort\r\n");
    assert!(!m.truncated);
    assert_eq!(m.snippet, "Hi & bye");
}

#[test]
fn a_multipart_without_a_boundary_is_parsed_again_with_the_one_its_body_starts_with() {
    let m = read(concat!(
        "From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\n",
        "--XYZ\r\nContent-Type: text/plain\r\n\r\nError 42.\r\nPriya\r\n",
        "--XYZ\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\n",
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--XYZ--\r\n",
    ));
    assert_eq!(m.text, "Error 42.\nPriya");
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].filename, "a.pdf");
    assert_eq!(m.attachments[0].size, 4);
}

#[test]
fn unnamed_text_parts_other_than_html_are_text_and_named_ones_attachments() {
    let m = read(
        [
            &b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"[..],
            b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the notes.\r\n",
            b"--b\r\nContent-Type: text/csv\r\n\r\nid,total\r\n",
            b"--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\n",
            b"Content-Disposition: attachment; filename=\"notes.txt\"\r\n\r\nd\xe9j\xe0\r\n",
            b"--b\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
            b"--b--\r\n",
        ]
        .concat(),
    );
    assert_eq!(m.text, "See the notes.\n\nid,total");
    let described: Vec<_> = m
        .attachments
        .iter()
        .map(|a| (a.filename.as_str(), a.mime_type.as_str(), a.size))
        .collect();
    assert_eq!(
        described,
        vec![("notes.txt", "text/plain", 4), ("", "image/png", 4)]
    );
}

#[test]
fn hostile_nesting_is_walked_without_recursion_and_parts_are_capped() {
    let depth = 5_000;
    let mut mail = String::from("From: a@b.example\r\n");
    for i in 0..depth {
        mail.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    mail.push_str("Content-Type: text/plain\r\n\r\ndeep\r\n");
    for i in (0..depth).rev() {
        mail.push_str(&format!("--b{i}--\r\n"));
    }
    let _ = read(mail);

    let mut wide =
        String::from("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=w\r\n\r\n");
    for i in 0..2 * MAX_PARTS {
        wide.push_str(&format!(
            "--w\r\nContent-Type: application/octet-stream; name=\"{i}.bin\"\r\n\r\nx\r\n"
        ));
    }
    wide.push_str("--w--\r\n");
    let m = read(wide);
    assert_eq!(
        m.attachments.len(),
        MAX_PARTS - 1,
        "the root counts as one part"
    );
}

#[test]
fn an_empty_raw_message_is_an_invalid_response_and_anything_else_is_read() {
    let err = normalize(raw(""), 1024).expect_err("not a message");
    assert!(matches!(err, UpstreamError::InvalidResponse(_)), "{err}");
    assert_eq!(read("\r\n\r\n").text, "");
    assert_eq!(read("no header at all").from, "");
}

#[test]
fn a_listing_decodes_gmails_header_pairs_like_a_read_and_a_line_break_injects_nothing() {
    let header = |name: &str, value: &str| WireHeader {
        name: name.into(),
        value: value.into(),
    };
    let wire = WireMessage {
        id: "1".into(),
        snippet: "&quot;hi&quot;".into(),
        internal_date: Some("1793491200000".into()),
        payload: Some(WirePayload {
            headers: vec![
                header(
                    "From",
                    "\"Alice Example\" <Alice@Example.com>\r\nSubject: forged",
                ),
                header("Subject", "=?UTF-8?B?0KHRh9GR0YI=?= 4471"),
                header("Bad Name", "ignored"),
            ],
        }),
        ..WireMessage::default()
    };
    let h = summary_headers(&wire);
    assert_eq!(h.from, "\"Alice Example\" <Alice@Example.com>");
    assert_eq!(h.from_email, "alice@example.com");
    assert_eq!(h.subject, "Счёт 4471");
    assert_eq!(h.snippet, "\"hi\"");
    assert_eq!(h.date.as_deref(), Some("2026-11-01T00:00:00Z"));
    let empty = summary_headers(&WireMessage::default());
    assert_eq!((empty.from.as_str(), empty.date), ("", None));
}
