//! What the API says about a key: the answer to `GET {base}/models` sent with the key.
//! Matching goes by status, then `code`, then `type`, then message words (older answers have
//! `code: null`), as OpenAI's API error documentation describes them.

use super::signatures::{ResponseKind, api_error, classify_response};
use crate::probe::HttpDetail;

/// The key's standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    /// 200: the key works.
    Valid,
    /// Valid but lacking scopes (401 "insufficient permissions … Missing scopes"): a warning.
    Restricted { missing_scopes: Option<String> },
    /// 401 `invalid_api_key` (or any other 401 with a key).
    Invalid,
    /// 401 `mismatched_organization`: OPENAI_ORG_ID does not match the key.
    OrgMismatch,
    /// 429 `insufficient_quota`: billing; retrying will not help.
    QuotaExhausted,
    /// 429 `rate_limit_exceeded`: retry after the limits reset.
    RateLimited,
    /// 403 region block.
    RegionBlocked,
    /// The edge refused or challenged the request (a challenge page instead of JSON).
    EdgeRefused,
    /// 5xx.
    ServerError,
    /// Some other answer (status kept in the evidence).
    Unexpected,
}

impl KeyStatus {
    /// The stable string used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            KeyStatus::Valid => "valid",
            KeyStatus::Restricted { .. } => "restricted",
            KeyStatus::Invalid => "invalid",
            KeyStatus::OrgMismatch => "org_mismatch",
            KeyStatus::QuotaExhausted => "quota_exhausted",
            KeyStatus::RateLimited => "rate_limited",
            KeyStatus::RegionBlocked => "region_blocked",
            KeyStatus::EdgeRefused => "edge_refused",
            KeyStatus::ServerError => "server_error",
            KeyStatus::Unexpected => "unexpected",
        }
    }
}

/// Rate-limit headers, as sent (`x-ratelimit-*`, `retry-after`, `retry-after-ms`).
pub fn rate_limit_headers(r: &HttpDetail) -> Vec<(String, String)> {
    r.headers
        .iter()
        .filter(|(k, _)| k.starts_with("x-ratelimit-") || k == "retry-after" || k == "retry-after-ms")
        .cloned()
        .collect()
}

/// Classifies the answer to an authenticated `GET {base}/models`.
pub fn classify_key(r: &HttpDetail) -> KeyStatus {
    let kind = classify_response(r);
    if kind == ResponseKind::RegionBlocked {
        return KeyStatus::RegionBlocked;
    }
    if kind.is_edge_refusal() {
        return KeyStatus::EdgeRefused;
    }
    if kind.is_server_error() {
        return KeyStatus::ServerError;
    }
    let err = api_error(&r.body).unwrap_or_default();
    let code = err.code.as_deref().unwrap_or("");
    let typ = err.kind.as_deref().unwrap_or("");
    let msg = err.message.as_deref().unwrap_or("").to_lowercase();
    match r.status {
        200..=299 => KeyStatus::Valid,
        401 if code == "mismatched_organization" || msg.contains("organization") && msg.contains("match") => {
            KeyStatus::OrgMismatch
        }
        401 | 403 if msg.contains("insufficient permissions") || msg.contains("missing scopes") => {
            let missing_scopes = err.message.as_deref().and_then(|m| {
                // ASCII lower-casing keeps byte offsets, so `at` indexes `m` too.
                let at = m.to_ascii_lowercase().find("missing scopes:")? + "missing scopes:".len();
                let rest = m.get(at..)?.trim();
                // The list ends with its sentence: "Missing scopes: a.b, c.d. Check that …".
                let list = rest.split(". ").next().unwrap_or(rest).trim_end_matches('.');
                Some(list.chars().take(200).collect())
            });
            KeyStatus::Restricted { missing_scopes }
        }
        401 => KeyStatus::Invalid,
        429 if code == "insufficient_quota"
            || typ == "insufficient_quota"
            || msg.contains("exceeded your current quota") =>
        {
            KeyStatus::QuotaExhausted
        }
        429 => KeyStatus::RateLimited,
        _ => KeyStatus::Unexpected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::signatures::tests::answer;

    const JSON: &[(&str, &str)] = &[("content-type", "application/json"), ("x-request-id", "req_1")];

    fn err(status: u16, typ: &str, code: &str, message: &str) -> HttpDetail {
        let code = if code.is_empty() {
            "null".to_string()
        } else {
            format!("\"{code}\"")
        };
        answer(
            status,
            JSON,
            &format!(r#"{{"error":{{"message":"{message}","type":"{typ}","param":null,"code":{code}}}}}"#),
        )
    }

    #[test]
    fn every_answer_in_the_reference_table() {
        let rows: Vec<(&str, HttpDetail, KeyStatus)> = vec![
            (
                "restricted, longer message",
                err(
                    401,
                    "invalid_request_error",
                    "",
                    "You have insufficient permissions for this operation. Missing scopes: api.model.read, api.files.write. Check that you have the correct role in your organization.",
                ),
                KeyStatus::Restricted {
                    missing_scopes: Some("api.model.read, api.files.write".into()),
                },
            ),
            (
                "non-ASCII before the scopes",
                err(
                    401,
                    "invalid_request_error",
                    "",
                    "Zugriff verweigert – ÄÖÜ insufficient permissions. Missing scopes: api.model.read.",
                ),
                KeyStatus::Restricted {
                    missing_scopes: Some("api.model.read".into()),
                },
            ),
            (
                "valid",
                answer(200, JSON, r#"{"object":"list","data":[]}"#),
                KeyStatus::Valid,
            ),
            (
                "invalid",
                err(
                    401,
                    "invalid_request_error",
                    "invalid_api_key",
                    "Incorrect API key provided: sk-abc***xyz.",
                ),
                KeyStatus::Invalid,
            ),
            (
                "mismatched org",
                err(
                    401,
                    "invalid_request_error",
                    "mismatched_organization",
                    "OpenAI-Organization header should match organization for API key",
                ),
                KeyStatus::OrgMismatch,
            ),
            (
                "restricted",
                err(
                    401,
                    "invalid_request_error",
                    "",
                    "You have insufficient permissions for this operation. Missing scopes: api.model.read.",
                ),
                KeyStatus::Restricted {
                    missing_scopes: Some("api.model.read".into()),
                },
            ),
            (
                "quota",
                err(
                    429,
                    "insufficient_quota",
                    "insufficient_quota",
                    "You exceeded your current quota, please check your plan and billing details.",
                ),
                KeyStatus::QuotaExhausted,
            ),
            (
                "quota by type only",
                err(429, "insufficient_quota", "", "quota"),
                KeyStatus::QuotaExhausted,
            ),
            (
                "rate limited",
                err(
                    429,
                    "requests",
                    "rate_limit_exceeded",
                    "Rate limit reached for requests",
                ),
                KeyStatus::RateLimited,
            ),
            (
                "region",
                err(
                    403,
                    "request_forbidden",
                    "unsupported_country_region_territory",
                    "Country, region, or territory not supported",
                ),
                KeyStatus::RegionBlocked,
            ),
            (
                "server error",
                err(500, "server_error", "server_error", "The server had an error"),
                KeyStatus::ServerError,
            ),
            (
                "overloaded",
                err(
                    503,
                    "server_error",
                    "",
                    "That model is currently overloaded with other requests.",
                ),
                KeyStatus::ServerError,
            ),
            (
                "challenge instead of JSON",
                answer(
                    403,
                    &[("cf-mitigated", "challenge"), ("server", "cloudflare")],
                    "Just a moment...",
                ),
                KeyStatus::EdgeRefused,
            ),
            (
                "a 404 from a relay",
                answer(404, &[], "not found"),
                KeyStatus::Unexpected,
            ),
            (
                "HTML 401 from a relay",
                answer(401, &[], "<html>401</html>"),
                KeyStatus::Invalid,
            ),
        ];
        for (what, r, want) in rows {
            assert_eq!(classify_key(&r), want, "{what}");
        }
    }

    #[test]
    fn rate_limit_headers_are_kept() {
        let r = answer(
            429,
            &[
                ("retry-after", "20"),
                ("x-ratelimit-remaining-requests", "0"),
                ("x-ratelimit-reset-requests", "6m0s"),
                ("server", "cloudflare"),
            ],
            "{}",
        );
        let h = rate_limit_headers(&r);
        assert_eq!(h.len(), 3);
        assert!(
            h.iter()
                .any(|(k, v)| k == "x-ratelimit-reset-requests" && v == "6m0s")
        );
    }
}
