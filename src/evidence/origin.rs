//! Proof of origin: what only the real service answers on each endpoint. A status code and a
//! finished handshake prove nothing by themselves (a block page, a captive portal or a proxy's
//! deny page answers `200` too); each endpoint has its own proof, and an answer without it means
//! something else answered in OpenAI's place.
//!
//! | endpoint | proof |
//! |---|---|
//! | API `…/models` | JSON in the OpenAI error shape (or, with a key, a JSON document), `x-request-id` on OpenAI's hosts, `401` without a key there |
//! | API region probe | a JSON object (`cookie_consent_required`) or the OpenAI error shape |
//! | `/cdn-cgi/trace` | its `key=value` lines with a valid `ip` and an IATA `colo` |
//! | app edge | a JSON object with `cf_details` or `status` |
//! | web pages | the edge's `cf-ray` with a colo, and the challenge or an HTML page (or a redirect within OpenAI's domains) |
//! | status page | its JSON: `status.indicator` or `page` |
//!
//! Every endpoint but the web pages must also end its body within the read caps: an answer that
//! trickles or never ends is not the service's.

use crate::catalog::{Surface, Target, is_openai_domain};
use crate::probe::{BodyEnd, HttpDetail};
use crate::safe_text::one_line;

use super::signatures::{
    ResponseKind, api_error, cf_details, classify_response, is_cloudflare, is_origin, parse_trace,
};

/// What kind of endpoint a target is, for its proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// The API's model list (`GET …/models`). `keyed` when the request carried the user's key;
    /// `openai_host` when the host is OpenAI's own (not a relay or gateway base URL).
    ApiModels { keyed: bool, openai_host: bool },
    /// `api.openai.com/compliance/cookie_requirements`.
    ApiRegion,
    /// The edge's `/cdn-cgi/trace`.
    EdgeTrace,
    /// The mobile apps' edge (`/public-api/mobile/server_status/v1`).
    AppEdge,
    /// A web page (chatgpt.com, auth, assets).
    WebPage,
    /// The status page's JSON.
    StatusJson,
    /// Not an OpenAI endpoint (a control): nothing to prove.
    Unchecked,
}

impl Endpoint {
    /// The endpoint a target stands for; `keyed` for the API key check.
    pub fn of(target: &Target, keyed: bool) -> Endpoint {
        let path = target.url.path();
        match target.surface {
            Surface::Control => Endpoint::Unchecked,
            _ if path == "/cdn-cgi/trace" => Endpoint::EdgeTrace,
            Surface::Api if path.contains("/compliance/") => Endpoint::ApiRegion,
            Surface::Api => Endpoint::ApiModels {
                keyed,
                openai_host: is_openai_domain(&target.host()),
            },
            Surface::App => Endpoint::AppEdge,
            Surface::Web | Surface::Auth | Surface::Assets => Endpoint::WebPage,
            Surface::Status => Endpoint::StatusJson,
        }
    }

    /// A stable code, as in the report's `http.origin.endpoint`.
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::ApiModels { keyed: true, .. } => "api_key",
            Endpoint::ApiModels { .. } => "api_models",
            Endpoint::ApiRegion => "api_region",
            Endpoint::EdgeTrace => "edge_trace",
            Endpoint::AppEdge => "app_edge",
            Endpoint::WebPage => "web_page",
            Endpoint::StatusJson => "status_json",
            Endpoint::Unchecked => "unchecked",
        }
    }
}

/// Why an answer is not the service's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lack {
    /// The body was still arriving at the read deadline (it trickled or stalled).
    BodyUnfinished,
    /// The body ran past the byte cap where the real answer is small.
    BodyTooLong,
    /// The connection broke in the middle of the body.
    BodyBroken,
    /// A redirect to a host outside OpenAI's domains (the host is given).
    RedirectOffSite(String),
    /// A status the real endpoint does not give (`200` where `401` is the rule).
    UnexpectedStatus,
    /// A body that is not the endpoint's format (HTML where JSON is the rule, and the like).
    UnexpectedBody,
    /// No `x-request-id`, which every answer of OpenAI's API carries.
    NoRequestId,
    /// No `cf-ray` with a data centre, which every answer of OpenAI's edge carries.
    NoEdgeRay,
}

impl Lack {
    /// A stable code, as in the report's `http.origin.lack`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Lack::BodyUnfinished => "body_unfinished",
            Lack::BodyTooLong => "body_too_long",
            Lack::BodyBroken => "body_broken",
            Lack::RedirectOffSite(_) => "redirect_off_site",
            Lack::UnexpectedStatus => "unexpected_status",
            Lack::UnexpectedBody => "unexpected_body",
            Lack::NoRequestId => "no_request_id",
            Lack::NoEdgeRay => "no_edge_ray",
        }
    }
}

/// What an answer proves about who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    /// The endpoint's proof is there: the real service answered.
    Proven,
    /// The answer lacks the proof: something else answered.
    Unproven(Lack),
    /// Nothing to prove here: a control, or an answer another rule judges (a server error, a
    /// refusal or challenge of the edge, a region block).
    NotApplicable,
}

/// True when `ray` is a Cloudflare ray id with its data centre: 16 hex digits, `-`, an IATA code.
pub fn is_ray_with_colo(ray: &str) -> bool {
    let Some((id, colo)) = ray.trim().split_once('-') else {
        return false;
    };
    id.len() == 16
        && id.bytes().all(|b| b.is_ascii_hexdigit())
        && colo.len() == 3
        && colo.bytes().all(|b| b.is_ascii_uppercase())
}

/// True when `code` is an IATA airport code as the edge writes it (`FRA`, `SJC`).
pub fn is_colo(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Proves (or not) that `r`, the answer of `endpoint` on `host`, came from the real service.
pub fn prove(endpoint: Endpoint, host: &str, r: &HttpDetail) -> Proof {
    let kind = classify_response(r);
    if endpoint == Endpoint::Unchecked {
        return Proof::NotApplicable;
    }
    // A server error on OpenAI's own hosts is OpenAI's only with the edge's or the origin's
    // sign: a firewall's deny page served as 503 (Palo Alto's is) is not an outage.
    if kind.is_server_error() && is_openai_domain(host) && !(is_cloudflare(r) || is_origin(r)) {
        return Proof::Unproven(Lack::NoEdgeRay);
    }
    let web_challenge = endpoint == Endpoint::WebPage && kind == ResponseKind::EdgeChallenge;
    if judged_elsewhere(kind) && !web_challenge {
        return Proof::NotApplicable;
    }
    if let Some(lack) = off_site_redirect(r, host) {
        return Proof::Unproven(lack);
    }
    if endpoint != Endpoint::WebPage
        && let Some(lack) = unfinished(r)
    {
        return Proof::Unproven(lack);
    }
    let lack = match endpoint {
        Endpoint::ApiModels { keyed, openai_host } => api_models(r, keyed, openai_host),
        Endpoint::ApiRegion => api_region(r),
        Endpoint::EdgeTrace => edge_trace(r),
        Endpoint::AppEdge => app_edge(r),
        Endpoint::WebPage => web_page(r, kind),
        Endpoint::StatusJson => status_json(r),
        Endpoint::Unchecked => None,
    };
    lack.map_or(Proof::Proven, Proof::Unproven)
}

/// Answers another rule judges: server errors (the service layer), and the edge's refusals,
/// challenges and region blocks (the path layer).
fn judged_elsewhere(kind: ResponseKind) -> bool {
    kind.is_server_error() || kind.is_edge_refusal() || kind == ResponseKind::RegionBlocked
}

/// A body cut by a read cap, or broken.
fn unfinished(r: &HttpDetail) -> Option<Lack> {
    match r.body_end {
        BodyEnd::Complete => None,
        BodyEnd::Cap => Some(Lack::BodyTooLong),
        BodyEnd::Deadline => Some(Lack::BodyUnfinished),
        BodyEnd::Broken => Some(Lack::BodyBroken),
    }
}

/// A redirect whose `location` leaves OpenAI's domains (and the host asked, for a relay).
fn off_site_redirect(r: &HttpDetail, host: &str) -> Option<Lack> {
    if !(300..400).contains(&r.status) {
        return None;
    }
    let location = r.header("location")?;
    let url = url::Url::parse(location).ok()?; // relative: stays on the host
    let to = url
        .host_str()
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let same_site = to == host.to_ascii_lowercase() || is_openai_domain(&to);
    (!same_site).then(|| Lack::RedirectOffSite(to.chars().take(120).collect()))
}

fn is_json(r: &HttpDetail) -> bool {
    serde_json::from_slice::<serde_json::Value>(&r.body).is_ok()
}

fn json_object(r: &HttpDetail) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_slice::<serde_json::Value>(&r.body).ok()? {
        serde_json::Value::Object(m) => Some(m),
        _ => None,
    }
}

/// The model list: OpenAI's error shape (or a JSON document when the key was sent), the
/// request id on OpenAI's own hosts, and `401` there when no key was sent.
fn api_models(r: &HttpDetail, keyed: bool, openai_host: bool) -> Option<Lack> {
    let shaped = api_error(&r.body).is_some() || ((keyed || !openai_host) && json_object(r).is_some());
    if !shaped {
        return Some(Lack::UnexpectedBody);
    }
    if openai_host && r.header("x-request-id").is_none() {
        return Some(Lack::NoRequestId);
    }
    if openai_host && !keyed && (200..300).contains(&r.status) {
        return Some(Lack::UnexpectedStatus);
    }
    None
}

/// The region probe: a JSON object (the cookie requirements) or the error shape.
fn api_region(r: &HttpDetail) -> Option<Lack> {
    let ok = api_error(&r.body).is_some()
        || json_object(r).is_some_and(|m| m.contains_key("cookie_consent_required"));
    (!ok).then_some(Lack::UnexpectedBody)
}

/// The trace: its lines, with an IATA data centre and the edge's own fields (`fl`, the edge
/// server; `h`, the host asked), or a valid client address.
fn edge_trace(r: &HttpDetail) -> Option<Lack> {
    let Some(t) = parse_trace(&r.body) else {
        return Some(Lack::UnexpectedBody);
    };
    let text = String::from_utf8_lossy(&r.body);
    let field = |k: &str| {
        text.lines()
            .any(|l| l.strip_prefix(k).is_some_and(|v| v.starts_with('=')))
    };
    let ip_ok =
        t.ip.as_deref()
            .is_some_and(|ip| ip.parse::<std::net::IpAddr>().is_ok());
    let colo_ok = t.colo.as_deref().is_some_and(is_colo);
    let edge_fields = field("fl") && field("h");
    (!(colo_ok && (ip_ok || edge_fields) && r.status == 200)).then_some(Lack::UnexpectedBody)
}

/// The app edge: its JSON (`cf_details`, or a status document).
fn app_edge(r: &HttpDetail) -> Option<Lack> {
    let ok = cf_details(r).is_some() || json_object(r).is_some_and(|m| m.contains_key("status"));
    (!ok).then_some(Lack::UnexpectedBody)
}

/// A web page: the edge's ray with its data centre, and the challenge or a page (HTML, or a
/// redirect, or the edge's own error page).
fn web_page(r: &HttpDetail, kind: ResponseKind) -> Option<Lack> {
    if !r.header("cf-ray").is_some_and(is_ray_with_colo) {
        return Some(Lack::NoEdgeRay);
    }
    let html = r
        .header("content-type")
        .is_some_and(|c| c.to_ascii_lowercase().contains("html"));
    let ok = kind == ResponseKind::EdgeChallenge || html || r.status != 200 || is_json(r);
    (!ok).then_some(Lack::UnexpectedBody)
}

/// The status page: its JSON with the indicator or the page.
fn status_json(r: &HttpDetail) -> Option<Lack> {
    let ok = json_object(r).is_some_and(|m| {
        m.get("status").and_then(|s| s.get("indicator")).is_some()
            || m.get("page").is_some_and(serde_json::Value::is_object)
    });
    (!ok).then_some(Lack::UnexpectedBody)
}

/// The `<title>` of an HTML body, when it has one (for evidence: whose page answered).
pub fn title(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(&body[..body.len().min(16 * 1024)]);
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let end = open_end + lower[open_end..].find("</title")?;
    let t = one_line(&text[open_end..end], 120);
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::signatures::tests::answer;

    const KEYLESS: Endpoint = Endpoint::ApiModels {
        keyed: false,
        openai_host: true,
    };
    const JSON_ID: &[(&str, &str)] = &[("content-type", "application/json"), ("x-request-id", "req_1")];
    const RAY: &[(&str, &str)] = &[
        ("server", "cloudflare"),
        ("cf-ray", "8f1e2d3c4b5a6978-FRA"),
        ("content-type", "text/html"),
    ];
    const ERR: &str = r#"{"error":{"message":"You didn't provide an API key.","type":"invalid_request_error","param":null,"code":null}}"#;

    fn cut(mut r: HttpDetail, end: BodyEnd) -> HttpDetail {
        r.body_end = end;
        r.body_truncated = true;
        r
    }

    #[test]
    fn each_endpoint_has_its_proof() {
        let trace = "fl=1\nh=chatgpt.com\nip=203.0.113.7\nts=1\ncolo=FRA\nloc=DE\n";
        let rows: Vec<(&str, Endpoint, HttpDetail, Proof)> = vec![
            ("api 401", KEYLESS, answer(401, JSON_ID, ERR), Proof::Proven),
            (
                "api 200 without a key",
                KEYLESS,
                answer(200, JSON_ID, r#"{"object":"list","data":[]}"#),
                Proof::Unproven(Lack::UnexpectedBody),
            ),
            (
                "api 200 error shape without a key",
                KEYLESS,
                answer(200, JSON_ID, ERR),
                Proof::Unproven(Lack::UnexpectedStatus),
            ),
            (
                "api without request id",
                KEYLESS,
                answer(401, &[("content-type", "application/json")], ERR),
                Proof::Unproven(Lack::NoRequestId),
            ),
            (
                "api html",
                KEYLESS,
                answer(200, &[("content-type", "text/html")], "<html>blocked</html>"),
                Proof::Unproven(Lack::UnexpectedBody),
            ),
            (
                "keyed list",
                Endpoint::ApiModels {
                    keyed: true,
                    openai_host: true,
                },
                answer(200, JSON_ID, r#"{"object":"list","data":[]}"#),
                Proof::Proven,
            ),
            (
                "relay without request id",
                Endpoint::ApiModels {
                    keyed: false,
                    openai_host: false,
                },
                answer(200, &[], r#"{"object":"list","data":[]}"#),
                Proof::Proven,
            ),
            (
                "trace",
                Endpoint::EdgeTrace,
                answer(200, RAY, trace),
                Proof::Proven,
            ),
            (
                "trace with a bad colo",
                Endpoint::EdgeTrace,
                answer(200, RAY, "ip=203.0.113.7\ncolo=<script>\nloc=DE\n"),
                Proof::Unproven(Lack::UnexpectedBody),
            ),
            (
                "app edge",
                Endpoint::AppEdge,
                answer(
                    403,
                    RAY,
                    r#"{"cf_details":"Request is not allowed. Please try again later.","type":"dc"}"#,
                ),
                Proof::Proven,
            ),
            (
                "app edge html",
                Endpoint::AppEdge,
                answer(200, &[], "<html>portal</html>"),
                Proof::Unproven(Lack::UnexpectedBody),
            ),
            (
                "web challenge",
                Endpoint::WebPage,
                answer(
                    403,
                    &[("cf-mitigated", "challenge"), ("cf-ray", "8f1e2d3c4b5a6978-SJC")],
                    "<title>Just a moment...</title>",
                ),
                Proof::Proven,
            ),
            (
                "web page without a ray",
                Endpoint::WebPage,
                answer(
                    200,
                    &[("content-type", "text/html")],
                    "<html>Access denied</html>",
                ),
                Proof::Unproven(Lack::NoEdgeRay),
            ),
            (
                "web page with a ray but no colo",
                Endpoint::WebPage,
                answer(
                    200,
                    &[("cf-ray", "blocked"), ("content-type", "text/html")],
                    "<html></html>",
                ),
                Proof::Unproven(Lack::NoEdgeRay),
            ),
            (
                "status json",
                Endpoint::StatusJson,
                answer(
                    200,
                    &[],
                    r#"{"page":{"id":"x"},"status":{"indicator":"none","description":"ok"}}"#,
                ),
                Proof::Proven,
            ),
            (
                "status html",
                Endpoint::StatusJson,
                answer(200, &[], "<html>blocked</html>"),
                Proof::Unproven(Lack::UnexpectedBody),
            ),
            (
                "redirect off site",
                Endpoint::WebPage,
                answer(
                    302,
                    &[
                        ("location", "http://portal.example.net/login?x=1"),
                        ("cf-ray", "8f1e2d3c4b5a6978-FRA"),
                    ],
                    "",
                ),
                Proof::Unproven(Lack::RedirectOffSite("portal.example.net".into())),
            ),
            (
                "redirect within OpenAI",
                Endpoint::WebPage,
                answer(
                    302,
                    &[
                        ("location", "https://auth.openai.com/log-in"),
                        ("cf-ray", "8f1e2d3c4b5a6978-FRA"),
                    ],
                    "",
                ),
                Proof::Proven,
            ),
            (
                "a 502 through the edge is the service layer's",
                KEYLESS,
                answer(502, &[("server", "cloudflare")], "bad gateway"),
                Proof::NotApplicable,
            ),
            (
                "a 503 with no sign of the edge or the origin is someone else's",
                KEYLESS,
                answer(503, &[("server", "PanOS")], "<html>Web Page Blocked</html>"),
                Proof::Unproven(Lack::NoEdgeRay),
            ),
            (
                "a control proves nothing",
                Endpoint::Unchecked,
                answer(200, &[], "<html>whatever</html>"),
                Proof::NotApplicable,
            ),
        ];
        for (what, endpoint, r, want) in rows {
            assert_eq!(prove(endpoint, "chatgpt.com", &r), want, "{what}");
        }
    }

    #[test]
    fn a_body_cut_by_time_or_size_is_not_proof_except_on_web_pages() {
        let r = cut(answer(401, JSON_ID, ERR), BodyEnd::Deadline);
        assert_eq!(
            prove(KEYLESS, "api.openai.com", &r),
            Proof::Unproven(Lack::BodyUnfinished)
        );
        let r = cut(answer(401, JSON_ID, ERR), BodyEnd::Cap);
        assert_eq!(
            prove(KEYLESS, "api.openai.com", &r),
            Proof::Unproven(Lack::BodyTooLong)
        );
        let page = cut(answer(403, RAY, "<title>Just a moment...</title>"), BodyEnd::Cap);
        assert_eq!(prove(Endpoint::WebPage, "chatgpt.com", &page), Proof::Proven);
    }

    #[test]
    fn ray_ids_and_titles() {
        assert!(is_ray_with_colo("8f1e2d3c4b5a6978-FRA"));
        assert!(!is_ray_with_colo("8f1e2d3c4b5a6978"));
        assert!(!is_ray_with_colo("8f1e2d3c4b5a697-FRA"));
        assert!(!is_ray_with_colo("8f1e2d3c4b5a6978-fra1"));
        assert_eq!(
            title(b"<html><head><TITLE>\n  Web Page  Blocked </title>").as_deref(),
            Some("Web Page Blocked")
        );
        assert_eq!(title(b"<html><title></title>"), None);
        assert_eq!(title(b"{\"a\":1}"), None);
        assert_eq!(title(&[0xff, b'<', b't']), None);
    }

    #[test]
    fn endpoints_come_from_the_catalogue() {
        let targets = crate::catalog::targets(&crate::catalog::CatalogOverrides::default());
        let code = |name: &str| {
            let t = targets.iter().find(|t| t.name == name).unwrap();
            Endpoint::of(t, false).as_str()
        };
        assert_eq!(code("chatgpt.com"), "web_page");
        assert_eq!(code("chatgpt.com/cdn-cgi/trace"), "edge_trace");
        assert_eq!(code("ios.chat.openai.com"), "app_edge");
        assert_eq!(code("api.openai.com"), "api_models");
        assert_eq!(
            code("api.openai.com/compliance/cookie_requirements"),
            "api_region"
        );
        assert_eq!(code("status.openai.com"), "status_json");
        assert_eq!(code("www.apple.com"), "unchecked");
    }
}
