//! What an HTTP answer says about who answered it: OpenAI's origin, its Cloudflare edge, or
//! something else (REFERENCE.md, "Cloudflare in front of OpenAI" and "OpenAI API errors").

use crate::probe::HttpDetail;

/// Who answered, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    /// A normal answer (any status below 500 that is not one of the kinds below).
    Answer,
    /// OpenAI's origin answered with a JSON error and an `x-request-id` (below 500): the origin
    /// was reached, e.g. 401 for `/v1/models` without a key.
    OriginAnswer,
    /// Cloudflare's challenge (`cf-mitigated: challenge`): normal for non-browsers on web pages.
    EdgeChallenge,
    /// The edge answered 52x: edge reached, origin failing.
    EdgeOriginError,
    /// OpenAI's origin answered 5xx (JSON with `x-request-id`).
    OriginError,
    /// Some other server error (5xx from an unknown source).
    ServerError,
}

impl ResponseKind {
    /// True for answers that mean the service is failing.
    pub fn is_server_error(self) -> bool {
        matches!(
            self,
            ResponseKind::EdgeOriginError | ResponseKind::OriginError | ResponseKind::ServerError
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

/// Classifies an answer.
pub fn classify_response(r: &HttpDetail) -> ResponseKind {
    let challenged = r
        .header("cf-mitigated")
        .is_some_and(|v| v.eq_ignore_ascii_case("challenge"));
    match r.status {
        520..=530 if !is_origin(r) => ResponseKind::EdgeOriginError,
        500..=599 if is_origin(r) => ResponseKind::OriginError,
        500..=599 => ResponseKind::ServerError,
        _ if challenged => ResponseKind::EdgeChallenge,
        _ if is_origin(r) => ResponseKind::OriginAnswer,
        _ => ResponseKind::Answer,
    }
}

/// A one-line description of an answer for people.
pub fn describe(r: &HttpDetail) -> String {
    let who = if is_origin(r) {
        "OpenAI"
    } else if is_cloudflare(r) {
        "edge"
    } else {
        "server"
    };
    let what = match classify_response(r) {
        ResponseKind::EdgeChallenge => "challenge (normal for non-browsers)",
        ResponseKind::EdgeOriginError => "edge reached, origin failing",
        ResponseKind::OriginError => "OpenAI server error",
        ResponseKind::ServerError => "server error",
        ResponseKind::OriginAnswer => "origin reached",
        ResponseKind::Answer => "answered",
    };
    format!("{} {who}: {what}", r.status)
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
            body_duration: Duration::ZERO,
        }
    }

    #[test]
    fn classifies_the_reference_answers() {
        let models_401 = answer(
            401,
            &[
                ("content-type", "application/json"),
                ("x-request-id", "req_1"),
                ("server", "cloudflare"),
            ],
            r#"{"error":{"message":"You didn't provide an API key.","type":"invalid_request_error","param":null,"code":null}}"#,
        );
        assert_eq!(classify_response(&models_401), ResponseKind::OriginAnswer);
        let challenge = answer(
            403,
            &[("cf-mitigated", "challenge"), ("server", "cloudflare")],
            "<title>Just a moment...</title>",
        );
        assert_eq!(classify_response(&challenge), ResponseKind::EdgeChallenge);
        let e522 = answer(
            522,
            &[("server", "cloudflare"), ("cf-ray", "8f1e2d3c4b5a6978-FRA")],
            "<html>Connection timed out</html>",
        );
        assert_eq!(classify_response(&e522), ResponseKind::EdgeOriginError);
        assert!(classify_response(&e522).is_server_error());
        let origin_503 = answer(
            503,
            &[("content-type", "application/json"), ("x-request-id", "r")],
            r#"{"error":{"type":"server_error"}}"#,
        );
        assert_eq!(classify_response(&origin_503), ResponseKind::OriginError);
        let plain_502 = answer(502, &[("server", "nginx")], "bad gateway");
        assert_eq!(classify_response(&plain_502), ResponseKind::ServerError);
        assert_eq!(classify_response(&answer(200, &[], "ok")), ResponseKind::Answer);
    }
}
