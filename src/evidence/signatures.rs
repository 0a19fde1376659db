//! What an HTTP answer says about who answered it and why: OpenAI's origin, its Cloudflare edge,
//! or something else (Cloudflare's documented error pages and headers, OpenAI's API error shape).
//! Matching goes by status, then structured fields (headers, JSON codes), then words in the body,
//! so that a changed page still classifies by what is stable.

use serde::Deserialize;

use crate::probe::HttpDetail;

/// Who answered, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    /// A normal answer (any status below 500 that is not one of the kinds below).
    Answer,
    /// OpenAI's origin answered with a JSON error and an `x-request-id` (below 500): the origin
    /// was reached, e.g. 401 for `/v1/models` without a key.
    OriginAnswer,
    /// Cloudflare's challenge (`cf-mitigated: challenge`): normal for non-browsers on web pages,
    /// a fault where clients cannot solve it.
    EdgeChallenge,
    /// The edge refuses this client: WAF block (error 1020, "Sorry, you have been blocked") or
    /// OpenAI's "Unable to load site … VPN" page (the address's reputation).
    EdgeBlocked,
    /// The edge rate-limits this address (error 1015).
    EdgeRateLimited,
    /// The app edge's `cf_details` answer naming a disallowed ISP or VPN.
    AppEdgeBlocked,
    /// OpenAI's region block: 403 `unsupported_country_region_territory`.
    RegionBlocked,
    /// The edge answered 52x: edge reached, origin failing.
    EdgeOriginError,
    /// OpenAI's origin answered 5xx (JSON with `x-request-id`).
    OriginError,
    /// Some other server error (5xx from an unknown source).
    ServerError,
}

impl ResponseKind {
    /// A stable code (snake_case), as in the report's `http.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseKind::Answer => "answer",
            ResponseKind::OriginAnswer => "origin_answer",
            ResponseKind::EdgeChallenge => "edge_challenge",
            ResponseKind::EdgeBlocked => "edge_blocked",
            ResponseKind::EdgeRateLimited => "edge_rate_limited",
            ResponseKind::AppEdgeBlocked => "app_edge_blocked",
            ResponseKind::RegionBlocked => "region_blocked",
            ResponseKind::EdgeOriginError => "edge_origin_error",
            ResponseKind::OriginError => "origin_error",
            ResponseKind::ServerError => "server_error",
        }
    }

    /// True for answers that mean the service is failing.
    pub fn is_server_error(self) -> bool {
        matches!(
            self,
            ResponseKind::EdgeOriginError | ResponseKind::OriginError | ResponseKind::ServerError
        )
    }

    /// True when the edge refuses or challenges this client.
    pub fn is_edge_refusal(self) -> bool {
        matches!(
            self,
            ResponseKind::EdgeChallenge
                | ResponseKind::EdgeBlocked
                | ResponseKind::EdgeRateLimited
                | ResponseKind::AppEdgeBlocked
        )
    }
}

/// True when the edge that answered is Cloudflare (`server: cloudflare` or a `cf-ray`).
pub fn is_cloudflare(r: &HttpDetail) -> bool {
    r.header("cf-ray").is_some()
        || r.header("server")
            .is_some_and(|s| s.eq_ignore_ascii_case("cloudflare"))
}

/// True when OpenAI's origin produced the answer: an `x-request-id` and a JSON body.
pub fn is_origin(r: &HttpDetail) -> bool {
    r.header("x-request-id").is_some()
        && (r.header("content-type").is_some_and(|c| c.contains("json")) || r.body.first() == Some(&b'{'))
}

/// An OpenAI API error: `{"error":{"message","type","param","code"}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiError {
    pub message: Option<String>,
    pub kind: Option<String>,
    pub code: Option<String>,
}

#[derive(Deserialize)]
struct ErrorDoc {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    message: Option<serde_json::Value>,
    #[serde(rename = "type")]
    kind: Option<serde_json::Value>,
    code: Option<serde_json::Value>,
}

fn as_text(v: Option<serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(s.chars().take(500).collect()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parses an OpenAI error body; `None` for anything else.
pub fn api_error(body: &[u8]) -> Option<ApiError> {
    let doc: ErrorDoc = serde_json::from_slice(body).ok()?;
    Some(ApiError {
        message: as_text(doc.error.message),
        kind: as_text(doc.error.kind),
        code: as_text(doc.error.code),
    })
}

/// The body as lower-case text, for word matching (bounded: bodies are capped).
fn text(r: &HttpDetail) -> String {
    String::from_utf8_lossy(&r.body).to_lowercase()
}

/// True when the body is OpenAI's region block.
pub fn is_region_block(r: &HttpDetail) -> bool {
    if r.status != 403 {
        return false;
    }
    if let Some(e) = api_error(&r.body) {
        if e.code.as_deref() == Some("unsupported_country_region_territory") {
            return true;
        }
        if let Some(m) = &e.message {
            let m = m.to_lowercase();
            return m.contains("country, region, or territory not supported");
        }
    }
    false
}

/// The mobile edge's `cf_details` text, when the body is that JSON.
pub fn cf_details(r: &HttpDetail) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&r.body).ok()?;
    v.get("cf_details")?
        .as_str()
        .map(|s| s.chars().take(300).collect())
}

/// Classifies an answer.
pub fn classify_response(r: &HttpDetail) -> ResponseKind {
    let challenged = r
        .header("cf-mitigated")
        .is_some_and(|v| v.eq_ignore_ascii_case("challenge"));
    let origin = is_origin(r);
    if r.status >= 500 {
        return match r.status {
            520..=530 if !origin => ResponseKind::EdgeOriginError,
            _ if origin => ResponseKind::OriginError,
            _ => ResponseKind::ServerError,
        };
    }
    if challenged {
        return ResponseKind::EdgeChallenge;
    }
    if is_region_block(r) {
        return ResponseKind::RegionBlocked;
    }
    if let Some(details) = cf_details(r) {
        let d = details.to_lowercase();
        if d.contains("disallowed isp") || d.contains("vpn") || d.contains("(1)") || d.contains("(2)") {
            return ResponseKind::AppEdgeBlocked;
        }
        return ResponseKind::Answer;
    }
    if origin {
        return ResponseKind::OriginAnswer;
    }
    let body = text(r);
    if (r.status == 403 || r.status == 429) && !origin {
        if body.contains("error code: 1015")
            || body.contains("error 1015")
            || body.contains("error reference number: 1015")
            || (r.status == 429 && body.contains("1015"))
        {
            return ResponseKind::EdgeRateLimited;
        }
        if body.contains("error code: 1020")
            || body.contains("error 1020")
            || body.contains("error reference number: 1020")
            || body.contains("cf-error-1020")
            || body.contains("sorry, you have been blocked")
            || (is_cloudflare(r) && body.contains("attention required! | cloudflare"))
            || (body.contains("unable to load site") && body.contains("vpn"))
        {
            return ResponseKind::EdgeBlocked;
        }
        if r.status == 403 && is_cloudflare(r) && body.contains("just a moment") {
            return ResponseKind::EdgeChallenge;
        }
    }
    ResponseKind::Answer
}

/// Who produced an answer: `origin` (OpenAI's servers), `edge` (Cloudflare) or `server`.
pub fn responder(r: &HttpDetail) -> &'static str {
    if is_origin(r) {
        "origin"
    } else if is_cloudflare(r) {
        "edge"
    } else {
        "server"
    }
}

/// A short description of an answer: status, who answered, what it means.
pub fn describe(r: &HttpDetail, lang: crate::i18n::Lang) -> String {
    describe_parts(lang, r.status, responder(r), classify_response(r).as_str())
}

/// [`describe`] from a report's fields (`status`, `responder`, `kind`).
pub fn describe_parts(lang: crate::i18n::Lang, status: u16, responder: &str, kind: &str) -> String {
    crate::tr!(
        lang,
        "http-answer",
        status = status,
        responder = responder,
        kind = kind
    )
}

/// What `/cdn-cgi/trace` says: where the edge sees this client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeTrace {
    /// The client's public address as the edge sees it.
    pub ip: Option<String>,
    /// The country the edge places the client in (ISO 3166 alpha-2).
    pub loc: Option<String>,
    /// The edge data centre (IATA code).
    pub colo: Option<String>,
    /// `on`, `off` or `plus`: whether the client comes through Cloudflare WARP.
    pub warp: Option<String>,
    pub http: Option<String>,
    pub tls: Option<String>,
    pub sni: Option<String>,
    /// The fields given in a shape the edge never writes (a `loc` that is no country code, an
    /// `ip` that is no address…): dropped, named here so a warning can say so.
    pub rejected: Vec<&'static str>,
}

/// Whether a trace field's value has the shape the edge writes: `loc` a country code (two
/// capitals, or a capital and a digit as Tor's `T1`), `colo` an IATA code, `ip` an address,
/// `warp` and `sni` a word of theirs, `http` and `tls` a protocol's short name.
fn trace_value_ok(key: &str, v: &str) -> bool {
    let b = v.as_bytes();
    match key {
        "ip" => v.parse::<std::net::IpAddr>().is_ok(),
        "loc" => {
            b.len() == 2 && b[0].is_ascii_uppercase() && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
        }
        "colo" => b.len() == 3 && b.iter().all(u8::is_ascii_uppercase),
        "warp" => matches!(v, "on" | "off" | "plus"),
        "sni" => matches!(v, "plaintext" | "encrypted" | "off"),
        _ => {
            (1..=16).contains(&b.len())
                && b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'-'))
        }
    }
}

/// Parses a `/cdn-cgi/trace` body (`key=value` lines); `None` when it is not one. A field whose
/// value has not the edge's shape is absent, and named in [`EdgeTrace::rejected`].
pub fn parse_trace(body: &[u8]) -> Option<EdgeTrace> {
    let text = std::str::from_utf8(body).ok()?;
    let mut t = EdgeTrace::default();
    let mut seen = 0;
    let mut located = false;
    for line in text.lines().take(64) {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.trim();
        let (key, slot) = match k.trim() {
            "ip" => ("ip", &mut t.ip),
            "loc" => ("loc", &mut t.loc),
            "colo" => ("colo", &mut t.colo),
            "warp" => ("warp", &mut t.warp),
            "http" => ("http", &mut t.http),
            "tls" => ("tls", &mut t.tls),
            "sni" => ("sni", &mut t.sni),
            _ => continue,
        };
        seen += 1;
        located |= matches!(key, "loc" | "colo");
        if trace_value_ok(key, v) {
            *slot = Some(v.to_string());
        } else {
            *slot = None;
            if !t.rejected.contains(&key) {
                t.rejected.push(key);
            }
        }
    }
    (seen >= 2 && located).then_some(t)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::time::Duration;

    pub(crate) fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> HttpDetail {
        HttpDetail {
            status,
            version: "HTTP/2.0".into(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
            body_truncated: false,
            body_end: crate::probe::BodyEnd::Complete,
            body_duration: Duration::ZERO,
            received_at: std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_783_679_400),
        }
    }

    const JSON_ID: &[(&str, &str)] = &[("content-type", "application/json"), ("x-request-id", "req_1")];
    const CF: &[(&str, &str)] = &[("server", "cloudflare"), ("cf-ray", "8f1e2d3c4b5a6978-FRA")];

    #[test]
    fn classifies_the_reference_answers() {
        let rows: Vec<(&str, HttpDetail, ResponseKind)> = vec![
            (
                "401 for /v1/models without a key",
                answer(
                    401,
                    JSON_ID,
                    r#"{"error":{"message":"You didn't provide an API key.","type":"invalid_request_error","param":null,"code":null}}"#,
                ),
                ResponseKind::OriginAnswer,
            ),
            (
                "challenge header",
                answer(
                    403,
                    &[("cf-mitigated", "challenge"), ("server", "cloudflare")],
                    "<title>Just a moment...</title>",
                ),
                ResponseKind::EdgeChallenge,
            ),
            (
                "challenge page without the header",
                answer(403, CF, "<html><title>Just a moment...</title>"),
                ResponseKind::EdgeChallenge,
            ),
            (
                "522",
                answer(522, CF, "<html>Connection timed out</html>"),
                ResponseKind::EdgeOriginError,
            ),
            (
                "origin 503",
                answer(503, JSON_ID, r#"{"error":{"type":"server_error"}}"#),
                ResponseKind::OriginError,
            ),
            (
                "plain 502",
                answer(502, &[("server", "nginx")], "bad gateway"),
                ResponseKind::ServerError,
            ),
            ("plain 200", answer(200, &[], "ok"), ResponseKind::Answer),
            (
                "WAF 1020",
                answer(403, CF, "<h1>Access denied</h1><p>Error code: 1020</p>"),
                ResponseKind::EdgeBlocked,
            ),
            (
                "blocked page",
                answer(403, CF, "<h1>Sorry, you have been blocked</h1>"),
                ResponseKind::EdgeBlocked,
            ),
            (
                "VPN page",
                answer(
                    403,
                    CF,
                    "<h1>Unable to load site</h1><p>If you are using a VPN, try turning it off. Ray ID: 8f1e</p>",
                ),
                ResponseKind::EdgeBlocked,
            ),
            (
                "1015",
                answer(429, CF, "error code: 1015"),
                ResponseKind::EdgeRateLimited,
            ),
            (
                "region block by code",
                answer(
                    403,
                    JSON_ID,
                    r#"{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}"#,
                ),
                ResponseKind::RegionBlocked,
            ),
            (
                "region block by message only",
                answer(
                    403,
                    JSON_ID,
                    r#"{"error":{"code":null,"message":"Country, region, or territory not supported","type":"request_forbidden"}}"#,
                ),
                ResponseKind::RegionBlocked,
            ),
            (
                "mobile edge, normal",
                answer(
                    403,
                    CF,
                    r#"{"cf_details":"Request is not allowed. Please try again later.","type":"dc"}"#,
                ),
                ResponseKind::Answer,
            ),
            (
                "mobile edge, disallowed ISP",
                answer(
                    403,
                    CF,
                    r#"{"cf_details":"Request is not allowed. Please try again later. (1)","type":"dc"}"#,
                ),
                ResponseKind::AppEdgeBlocked,
            ),
            (
                "mobile edge, VPN words",
                answer(
                    403,
                    CF,
                    r#"{"cf_details":"Your request comes from a disallowed ISP or VPN","type":"dc"}"#,
                ),
                ResponseKind::AppEdgeBlocked,
            ),
        ];
        for (what, r, want) in rows {
            assert_eq!(classify_response(&r), want, "{what}");
        }
    }

    #[test]
    fn api_errors_parse_with_null_codes_and_junk() {
        let e = api_error(br#"{"error":{"message":"m","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#).unwrap();
        assert_eq!(e.code.as_deref(), Some("insufficient_quota"));
        assert_eq!(e.kind.as_deref(), Some("insufficient_quota"));
        let e =
            api_error(br#"{"error":{"message":"m","type":"invalid_request_error","code":null}}"#).unwrap();
        assert_eq!(e.code, None);
        assert_eq!(api_error(b"<html>"), None);
        assert_eq!(api_error(br#"{"error":"just a string"}"#), None);
    }

    #[test]
    fn trace_parses_and_rejects_other_bodies() {
        let t = parse_trace(b"fl=1\nh=chatgpt.com\nip=203.0.113.7\nts=1\nvisit_scheme=https\ncolo=FRA\nhttp=http/2\nloc=DE\ntls=TLSv1.3\nsni=plaintext\nwarp=off\n").unwrap();
        assert_eq!(t.loc.as_deref(), Some("DE"));
        assert_eq!(t.colo.as_deref(), Some("FRA"));
        assert_eq!(t.warp.as_deref(), Some("off"));
        assert_eq!(t.ip.as_deref(), Some("203.0.113.7"));
        assert_eq!(parse_trace(b"<html>Just a moment...</html>"), None);
        assert_eq!(parse_trace(&[0xff, 0xfe]), None);
    }

    #[test]
    fn trace_fields_of_the_wrong_shape_are_absent_and_named() {
        let t = parse_trace(
            "ip=not-an-address\nloc=\u{1b}]0;pwned\u{7}Germany-and-a-very-long-text\ncolo=fra\nwarp=off\nhttp=http/2\n".as_bytes(),
        )
        .expect("still a trace: its keys are the edge's");
        assert_eq!((t.ip, t.loc, t.colo), (None, None, None));
        assert_eq!(t.rejected, vec!["ip", "loc", "colo"]);
        assert_eq!(t.warp.as_deref(), Some("off"));
        for (loc, ok) in [
            ("DE", true),
            ("T1", true),
            ("XX", true),
            ("de", false),
            ("DEU", false),
            ("1D", false),
        ] {
            assert_eq!(trace_value_ok("loc", loc), ok, "{loc}");
        }
        assert!(trace_value_ok("ip", "2001:db8::1") && trace_value_ok("colo", "SJC"));
        assert!(!trace_value_ok("colo", "SJ") && !trace_value_ok("tls", "TLS\u{202e}1.3"));
    }
}
