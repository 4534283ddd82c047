//! MIME trees for the seeded mailbox: what a part is, its headers, and its wire form (the
//! Gmail `raw` format), with quoted-printable and base64 transfer encodings.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Content-Transfer-Encoding of a leaf part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cte {
    SevenBit,
    EightBit,
    QuotedPrintable,
    Base64,
}

impl Cte {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SevenBit => "7bit",
            Self::EightBit => "8bit",
            Self::QuotedPrintable => "quoted-printable",
            Self::Base64 => "base64",
        }
    }

    /// `data` in this transfer encoding, lines ending in CRLF.
    pub fn encode(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::SevenBit | Self::EightBit => crlf(data),
            Self::QuotedPrintable => qp_encode(data),
            Self::Base64 => {
                let text = STANDARD.encode(data);
                let mut out = Vec::with_capacity(text.len() + text.len() / 38);
                for chunk in text.as_bytes().chunks(76) {
                    out.extend_from_slice(chunk);
                    out.extend_from_slice(b"\r\n");
                }
                out
            }
        }
    }
}

/// One MIME part: a leaf with content, or a multipart with children.
#[derive(Debug, Clone)]
pub struct Part {
    pub mime_type: String,
    pub charset: Option<String>,
    pub cte: Cte,
    /// Attachments have a file name (and are served with an `attachmentId`).
    pub filename: Option<String>,
    /// Content after transfer decoding, in the part's own charset.
    pub data: Vec<u8>,
    pub parts: Vec<Part>,
    /// Gmail passes through bodies it could not decode: serve `data` still transfer-encoded.
    pub undecoded: bool,
    /// Broken MIME: a multipart whose `Content-Type` names no boundary (so it has no parts).
    pub no_boundary: bool,
}

impl Part {
    fn leaf(mime: &str, charset: Option<&str>, data: Vec<u8>, cte: Cte) -> Self {
        Self {
            mime_type: mime.to_string(),
            charset: charset.map(str::to_string),
            cte,
            filename: None,
            data,
            parts: Vec::new(),
            undecoded: false,
            no_boundary: false,
        }
    }

    /// `text/plain; charset=UTF-8`, 7bit or 8bit.
    pub fn text(s: &str) -> Self {
        Self::leaf("text/plain", Some("UTF-8"), s.into(), plain_cte(s))
    }

    /// `text/html; charset=UTF-8`, 7bit or 8bit.
    pub fn html(s: &str) -> Self {
        Self::leaf("text/html", Some("UTF-8"), s.into(), plain_cte(s))
    }

    /// A text leaf whose bytes are in `charset`, sent with `cte`.
    pub fn encoded(mime: &str, charset: &str, data: Vec<u8>, cte: Cte) -> Self {
        Self::leaf(mime, Some(charset), data, cte)
    }

    /// A base64 attachment.
    pub fn attachment(mime: &str, filename: &str, data: Vec<u8>) -> Self {
        let mut p = Self::leaf(mime, None, data, Cte::Base64);
        p.filename = Some(filename.to_string());
        p
    }

    /// `multipart/{subtype}` holding `parts`.
    pub fn multipart(subtype: &str, parts: Vec<Part>) -> Self {
        let mut p = Self::leaf(
            &format!("multipart/{subtype}"),
            None,
            Vec::new(),
            Cte::SevenBit,
        );
        p.parts = parts;
        p
    }

    pub fn is_multipart(&self) -> bool {
        self.mime_type.starts_with("multipart/") && !self.parts.is_empty()
    }

    /// The boundary of the part at `path` (Gmail part id; `""` is the root).
    pub fn boundary(path: &str) -> String {
        format!("=_sandbox_{}", if path.is_empty() { "root" } else { path })
    }

    /// `Content-Type`, `Content-Transfer-Encoding`, `Content-Disposition` for the part at `path`.
    pub fn content_headers(&self, path: &str) -> Vec<(String, String)> {
        let mut ct = self.mime_type.clone();
        if let Some(cs) = &self.charset {
            ct.push_str(&format!("; charset=\"{cs}\""));
        }
        if let Some(f) = &self.filename {
            ct.push_str(&format!("; name=\"{f}\""));
        }
        if self.is_multipart() && !self.no_boundary {
            ct.push_str(&format!("; boundary=\"{}\"", Self::boundary(path)));
        }
        let mut h = vec![("Content-Type".to_string(), ct)];
        if !self.is_multipart() {
            h.push((
                "Content-Transfer-Encoding".to_string(),
                self.cte.as_str().to_string(),
            ));
        }
        if let Some(f) = &self.filename {
            h.push((
                "Content-Disposition".to_string(),
                format!("attachment; filename=\"{f}\""),
            ));
        }
        h
    }

    /// What Gmail's `full` format puts in `body.data`: transfer-decoded, unless `undecoded`.
    pub fn served_data(&self) -> Vec<u8> {
        if self.undecoded {
            self.cte.encode(&self.data)
        } else {
            self.data.clone()
        }
    }

    /// The part's body in wire form (after its headers and the blank line).
    pub fn write_wire(&self, path: &str, out: &mut Vec<u8>) {
        if !self.is_multipart() {
            out.extend_from_slice(&self.cte.encode(&self.data));
            return;
        }
        let b = Self::boundary(path);
        out.extend_from_slice(b"This is a multi-part message in MIME format.\r\n");
        for (i, child) in self.parts.iter().enumerate() {
            let child_path = child_path(path, i);
            out.extend_from_slice(format!("\r\n--{b}\r\n").as_bytes());
            for (k, v) in child.content_headers(&child_path) {
                out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            child.write_wire(&child_path, out);
        }
        out.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    }
}

/// Gmail's part id of child `i` under `path`.
pub fn child_path(path: &str, i: usize) -> String {
    if path.is_empty() {
        i.to_string()
    } else {
        format!("{path}.{i}")
    }
}

fn plain_cte(s: &str) -> Cte {
    if s.is_ascii() {
        Cte::SevenBit
    } else {
        Cte::EightBit
    }
}

/// An RFC 2047 encoded word (`=?UTF-8?B?…?=`) for a header value.
pub fn encode_words(s: &str) -> String {
    format!("=?UTF-8?B?{}?=", STANDARD.encode(s.as_bytes()))
}

/// A simple HTML rendering of plain text (the HTML half of multipart/alternative mail).
pub fn html_of(text: &str) -> String {
    let esc = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let paras: Vec<String> = esc
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>\n")))
        .collect();
    format!(
        "<html><head><style>p {{ margin: 0 0 1em }}</style></head><body>\n{}\n</body></html>",
        paras.join("\n")
    )
}

fn crlf(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 40);
    let mut prev = 0u8;
    for &b in data {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}

/// Quoted-printable (RFC 2045): lines of at most 76 characters, soft breaks `=\r\n`.
pub fn qp_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 3 / 2);
    let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    for (li, line) in lines.iter().enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mut col = 0;
        for (i, &b) in line.iter().enumerate() {
            let last = i + 1 == line.len();
            let literal =
                (b == b' ' || b == b'\t') && !last || (33..=126).contains(&b) && b != b'=';
            let token = if literal {
                vec![b]
            } else {
                format!("={b:02X}").into_bytes()
            };
            if col + token.len() > 75 {
                out.extend_from_slice(b"=\r\n");
                col = 0;
            }
            col += token.len();
            out.extend_from_slice(&token);
        }
        if li + 1 < lines.len() {
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_escapes_and_wraps() {
        let enc = qp_encode(format!("{}\nend ", "Grüße = 100% ".repeat(10)).as_bytes());
        let text = String::from_utf8(enc).unwrap();
        assert!(text.contains("Gr=C3=BC=C3=9Fe =3D 100%"));
        assert!(text.lines().all(|l| l.len() <= 76), "{text}");
        assert!(text.contains("=\r\n"));
        assert!(text.ends_with("\r\nend=20"), "{text}");
    }
}
