//! Ready-made responses in the documented formats of OpenAI, Cloudflare and the status page
//! (written from their documentation, not live captures), and a
//! default router that serves them by host and path.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::server::{RequestInfo, ResponseSpec, Router};

/// The `cf-ray` every replayed Cloudflare response carries.
pub const CF_RAY: &str = "8f1e2d3c4b5a6978-FRA";
/// The `x-request-id` every replayed OpenAI response carries.
pub const REQUEST_ID: &str = "req_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/// The `openai-version` header value.
pub const OPENAI_VERSION: &str = "2020-10-01";
/// An API key the default router accepts (`Authorization: Bearer sk-fixture-valid`).
pub const VALID_API_KEY: &str = "sk-fixture-valid";
/// The address `/cdn-cgi/trace` reports by default (RFC 5737 documentation range).
pub const TRACE_IP: &str = "203.0.113.7";

/// The OpenAI names that the default router knows (the catalog's).
pub const OPENAI_HOSTS: &[&str] = &[
    "chatgpt.com",
    "ios.chat.openai.com",
    "android.chat.openai.com",
    "api.openai.com",
    "auth.openai.com",
    "cdn.oaistatic.com",
    "status.openai.com",
];

/// The message of OpenAI's 401 for a request without a key.
pub const MISSING_KEY_MESSAGE: &str = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.";

fn cloudflare(spec: ResponseSpec) -> ResponseSpec {
    spec.header("server", "cloudflare").header("cf-ray", CF_RAY)
}

/// An OpenAI JSON error `{"error":{"message","type","param":null,"code"}}` (keys in that order,
/// pretty-printed with 4-space indents as the API does) with `x-request-id`, `openai-version`,
/// `openai-processing-ms` and the Cloudflare headers.
pub fn openai_error(status: u16, kind: &str, code: Option<&str>, message: &str) -> ResponseSpec {
    let text = |s: &str| serde_json::Value::from(s).to_string();
    let body = format!(
        "{{\n    \"error\": {{\n        \"message\": {},\n        \"type\": {},\n        \"param\": null,\n        \"code\": {}\n    }}\n}}\n",
        text(message),
        text(kind),
        code.map_or_else(|| "null".to_owned(), text),
    );
    cloudflare(
        ResponseSpec::new(status)
            .header("content-type", "application/json")
            .body(body)
            .header("x-request-id", REQUEST_ID)
            .header("openai-version", OPENAI_VERSION)
            .header("openai-processing-ms", "7"),
    )
}

/// `GET /v1/models` without a key: 401, `invalid_request_error`, code null.
pub fn openai_401_models() -> ResponseSpec {
    openai_error(401, "invalid_request_error", None, MISSING_KEY_MESSAGE)
}

/// A wrong key: 401 `invalid_api_key`.
pub fn openai_invalid_api_key() -> ResponseSpec {
    openai_error(
        401,
        "invalid_request_error",
        Some("invalid_api_key"),
        "Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.",
    )
}

/// The region block: 403 `unsupported_country_region_territory`, type `request_forbidden`.
pub fn openai_region_blocked() -> ResponseSpec {
    openai_error(
        403,
        "request_forbidden",
        Some("unsupported_country_region_territory"),
        "Country, region, or territory not supported",
    )
}

/// Quota exhausted: 429 `insufficient_quota`.
pub fn openai_insufficient_quota() -> ResponseSpec {
    openai_error(
        429,
        "insufficient_quota",
        Some("insufficient_quota"),
        "You exceeded your current quota, please check your plan and billing details.",
    )
}

/// Rate limited: 429 `rate_limit_exceeded` (type `requests`) with `retry-after` and
/// `x-ratelimit-*` headers.
pub fn openai_rate_limited() -> ResponseSpec {
    openai_error(
        429,
        "requests",
        Some("rate_limit_exceeded"),
        "Rate limit reached for requests. Please try again in 20s.",
    )
    .header("retry-after", "20")
    .header("x-ratelimit-limit-requests", "500")
    .header("x-ratelimit-remaining-requests", "0")
    .header("x-ratelimit-reset-requests", "20s")
}

/// An OpenAI-side error with JSON `server_error` and `x-request-id` (503 carries the "model is
/// currently overloaded" message).
pub fn openai_5xx(status: u16) -> ResponseSpec {
    let message = if status == 503 {
        "That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists."
    } else {
        "The server had an error while processing your request. Sorry about that!"
    };
    openai_error(status, "server_error", None, message)
}

/// A successful `GET /v1/models` (with a valid key).
pub fn openai_models_ok() -> ResponseSpec {
    let body = json!({
        "object": "list",
        "data": [
            { "id": "gpt-4o", "object": "model", "created": 1_715_367_049, "owned_by": "system" },
            { "id": "gpt-4o-mini", "object": "model", "created": 1_721_172_741, "owned_by": "system" }
        ]
    });
    cloudflare(
        ResponseSpec::json(200, &body)
            .header("x-request-id", REQUEST_ID)
            .header("openai-version", OPENAI_VERSION)
            .header("openai-processing-ms", "12"),
    )
}

/// `api.openai.com/compliance/cookie_requirements` where the region is allowed.
pub fn cookie_requirements() -> ResponseSpec {
    cloudflare(ResponseSpec::json(
        200,
        &json!({ "cookie_consent_required": false }),
    ))
}

/// `/cdn-cgi/trace` of chatgpt.com as seen from [`TRACE_IP`] in country `loc`.
pub fn cf_trace(loc: &str) -> ResponseSpec {
    cf_trace_with("chatgpt.com", TRACE_IP, loc, "chatgpt-doctor", "http/2")
}

/// `/cdn-cgi/trace` with every varying field given.
pub fn cf_trace_with(host: &str, ip: &str, loc: &str, uag: &str, http: &str) -> ResponseSpec {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let body = format!(
        "fl=29f123\nh={host}\nip={ip}\nts={}.{:03}\nvisit_scheme=https\nuag={uag}\ncolo=FRA\nsliver=none\nhttp={http}\nloc={loc}\ntls=TLSv1.3\nsni=plaintext\nwarp=off\ngateway=off\nrbi=off\nkex=X25519\n",
        now.as_secs(),
        now.subsec_millis()
    );
    cloudflare(ResponseSpec::text(200, &body).header("cache-control", "no-cache"))
}

/// Cloudflare's managed challenge: 403, `cf-mitigated: challenge`, HTML "Just a moment...".
/// A plain client gets this from chatgpt.com's pages in normal times.
pub fn cf_challenge() -> ResponseSpec {
    let body = concat!(
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">",
        "<meta name=\"robots\" content=\"noindex,nofollow\"></head><body>",
        "<div class=\"main-wrapper\" role=\"main\"><div class=\"main-content\">",
        "<noscript>Enable JavaScript and cookies to continue</noscript></div></div>",
        "<script>(function(){window._cf_chl_opt={cType:'managed'};var a=document.createElement('script');",
        "a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f1e2d3c4b5a6978';",
        "document.getElementsByTagName('head')[0].appendChild(a);}());</script></body></html>"
    );
    cloudflare(
        ResponseSpec::html(403, body)
            .header("cf-mitigated", "challenge")
            .header(
                "cache-control",
                "private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0",
            )
            .header(
                "critical-ch",
                "Sec-CH-UA-Bitness, Sec-CH-UA-Arch, Sec-CH-UA-Full-Version",
            ),
    )
}

/// Cloudflare WAF block, error 1020: 403 HTML "Sorry, you have been blocked".
pub fn cf_blocked_1020() -> ResponseSpec {
    let body = concat!(
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>Attention Required! | Cloudflare</title></head>",
        "<body><div id=\"cf-wrapper\"><h1 data-translate=\"block_headline\">Sorry, you have been blocked</h1>",
        "<h2 class=\"cf-subheadline\">You are unable to access chatgpt.com</h2>",
        "<p>Error 1020</p><p>Cloudflare Ray ID: <strong>8f1e2d3c4b5a6978</strong></p></div></body></html>"
    );
    cloudflare(ResponseSpec::html(403, body))
}

/// The app edge's normal answer to a bare probe: 403 JSON
/// `{"cf_details":"Request is not allowed. Please try again later.","type":"dc"}`.
pub fn mobile_server_status() -> ResponseSpec {
    cloudflare(ResponseSpec::json(
        403,
        &json!({
            "cf_details": "Request is not allowed. Please try again later.",
            "type": "dc"
        }),
    ))
}

/// The app edge refusing this client's network ("disallowed ISP", `(1)`). The wording is
/// synthetic, following the documented shape.
pub fn mobile_disallowed_isp() -> ResponseSpec {
    cloudflare(ResponseSpec::json(
        403,
        &json!({
            "cf_details": "Unable to load site. You are connecting from a disallowed ISP. If you are using a VPN, try turning it off. (1)",
            "type": "dc"
        }),
    ))
}

fn edge_title(code: u16) -> &'static str {
    match code {
        520 => "Web server is returning an unknown error",
        521 => "Web server is down",
        522 => "Connection timed out",
        523 => "Origin is unreachable",
        524 => "A timeout occurred",
        525 => "SSL handshake failed",
        526 => "Invalid SSL certificate",
        _ => "Error",
    }
}

/// A Cloudflare-generated 52x page: HTML, `cf-error-type: origin`, no `x-request-id`.
pub fn edge_52x(code: u16) -> ResponseSpec {
    let title = edge_title(code);
    let body = format!(
        "<!DOCTYPE html><html lang=\"en-US\"><head><title>chatgpt.com | {code}: {title}</title></head>\
         <body><div id=\"cf-wrapper\"><h1><span class=\"cf-error-type\">{title}</span> \
         <span class=\"code-label\">Error code {code}</span></h1>\
         <p>Cloudflare Ray ID: <strong class=\"font-semibold\">8f1e2d3c4b5a6978</strong></p>\
         </div></body></html>"
    );
    cloudflare(
        ResponseSpec::html(code, &body)
            .header("cf-error-type", "origin")
            .header(
                "cache-control",
                "private, max-age=0, no-store, no-cache, must-revalidate",
            ),
    )
}

fn indicator_description(indicator: &str) -> &'static str {
    match indicator {
        "none" => "All Systems Operational",
        "minor" => "Partially Degraded Service",
        "major" => "Partial System Outage",
        "critical" => "Major Service Outage",
        "maintenance" => "Service Under Maintenance",
        _ => "Unknown",
    }
}

fn component_status(indicator: &str) -> &'static str {
    match indicator {
        "minor" => "degraded_performance",
        "major" => "partial_outage",
        "critical" => "major_outage",
        "maintenance" => "under_maintenance",
        _ => "operational",
    }
}

/// The Statuspage-compatible `/api/v2/status.json` body (Statuspage's documented format) for an
/// indicator (`none|minor|major|critical|maintenance`): "Responses" stays operational and
/// "Conversations" takes the status that matches the indicator.
pub fn status_page_body(indicator: &str) -> serde_json::Value {
    status_page_body_with(
        indicator,
        indicator_description(indicator),
        &[
            ("Responses", "operational"),
            ("Conversations", component_status(indicator)),
        ],
    )
}

/// The status body with every field given; components are `(name, status)`.
pub fn status_page_body_with(
    indicator: &str,
    description: &str,
    components: &[(&str, &str)],
) -> serde_json::Value {
    let components: Vec<_> = components
        .iter()
        .enumerate()
        .map(|(i, (name, status))| json!({ "id": format!("fx-{}", i + 1), "name": name, "status": status }))
        .collect();
    json!({
        "page": {
            "id": "fixture",
            "name": "OpenAI",
            "url": "https://status.openai.com",
            "updated_at": "2026-07-10T10:30:00Z"
        },
        "status": { "indicator": indicator, "description": description },
        "components": components
    })
}

/// `/api/v2/status.json` as a response.
pub fn status_page_json(indicator: &str) -> ResponseSpec {
    ResponseSpec::json(200, &status_page_body(indicator))
}

/// `/api/v2/summary.json` (the status body plus empty `incidents` and `scheduled_maintenances`).
pub fn status_summary_json(indicator: &str) -> ResponseSpec {
    let mut body = status_page_body(indicator);
    body["incidents"] = json!([]);
    body["scheduled_maintenances"] = json!([]);
    ResponseSpec::json(200, &body)
}

/// `200 ok` in text/plain — what controls answer.
pub fn plain_ok() -> ResponseSpec {
    ResponseSpec::text(200, "ok\n")
}

/// A 200 HTML page (auth.openai.com's login page stand-in).
pub fn auth_login_page() -> ResponseSpec {
    cloudflare(ResponseSpec::html(
        200,
        "<!DOCTYPE html><html><head><title>Log in - OpenAI</title></head><body><main id=\"root\"></main></body></html>",
    ))
}

/// A captive portal's redirect (what a hotel network answers for any plain-HTTP URL).
pub fn captive_portal_redirect() -> ResponseSpec {
    ResponseSpec::html(
        302,
        "<html><body><a href=\"http://portal.test/login\">Log in to the network</a></body></html>",
    )
    .header("location", "http://portal.test/login?orig=1")
}

pub fn is_openai_host(host: &str) -> bool {
    OPENAI_HOSTS.contains(&host)
        || [
            ".openai.com",
            ".chatgpt.com",
            ".oaistatic.com",
            ".oaiusercontent.com",
        ]
        .iter()
        .any(|s| host.ends_with(s))
}

/// The default routing of an edge: what a healthy world answers.
///
/// * chatgpt.com: `/cdn-cgi/trace` → [`cf_trace`] (loc DE), everything else → [`cf_challenge`].
/// * ios./android.chat.openai.com: `/public-api/mobile/server_status/v1` →
///   [`mobile_server_status`], else 404.
/// * api.openai.com: `/v1/…` → [`openai_401_models`] without a key, [`openai_models_ok`] for
///   `/v1/models` with [`VALID_API_KEY`], [`openai_invalid_api_key`] for any other key;
///   `/compliance/cookie_requirements` → [`cookie_requirements`]; else a JSON 404.
/// * auth.openai.com → [`auth_login_page`].
/// * cdn.oaistatic.com: `*.js`/`*.css` → 200, else 404.
/// * status.openai.com: `/api/v2/status.json` and `/components.json` → indicator `none`,
///   `/summary.json` likewise; `/api/v2/incidents/unresolved.json` → HTML 404; else 200 HTML.
/// * `/cdn-cgi/trace` on any OpenAI name answers the trace for that name.
/// * anything else (controls) → [`plain_ok`].
pub fn default_router() -> Router {
    Arc::new(default_route)
}

/// The function behind [`default_router`], for composing routers.
pub fn default_route(req: &RequestInfo) -> ResponseSpec {
    let host = req.host.as_str();
    let path = req.path.as_str();
    if path == "/cdn-cgi/trace" && is_openai_host(host) {
        let http = if req.version == "HTTP/2" {
            "http/2"
        } else {
            "http/1.1"
        };
        let uag = req.header("user-agent").unwrap_or("");
        return cf_trace_with(host, TRACE_IP, "DE", uag, http);
    }
    match host {
        "chatgpt.com" => cf_challenge(),
        "ios.chat.openai.com" | "android.chat.openai.com" => {
            if path == "/public-api/mobile/server_status/v1" {
                mobile_server_status()
            } else {
                cloudflare(ResponseSpec::text(404, "Not Found"))
            }
        }
        "api.openai.com" => api_route(req),
        "auth.openai.com" => auth_login_page(),
        "cdn.oaistatic.com" => {
            if path.ends_with(".js") || path.ends_with(".css") {
                cloudflare(
                    ResponseSpec::new(200)
                        .header("content-type", "application/javascript")
                        .body("/* fixture */\n"),
                )
            } else {
                cloudflare(ResponseSpec::text(404, "Not Found"))
            }
        }
        "status.openai.com" => match path {
            "/api/v2/status.json" | "/api/v2/components.json" => status_page_json("none"),
            "/api/v2/summary.json" => status_summary_json("none"),
            "/api/v2/incidents.json" => ResponseSpec::json(
                200,
                &serde_json::json!({ "page": status_page_body("none")["page"], "incidents": [] }),
            ),
            p if p.starts_with("/api/v2/incidents/") => {
                ResponseSpec::html(404, "<!DOCTYPE html><html><body>Not found</body></html>")
            }
            _ => ResponseSpec::html(
                200,
                "<!DOCTYPE html><html><head><title>OpenAI Status</title></head><body></body></html>",
            ),
        },
        _ => plain_ok(),
    }
}

fn api_route(req: &RequestInfo) -> ResponseSpec {
    let path = req.path.as_str();
    if path == "/compliance/cookie_requirements" {
        return cookie_requirements();
    }
    if path == "/v1" || path.starts_with("/v1/") {
        let key = req
            .header("authorization")
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        return match key {
            None | Some("") => openai_401_models(),
            Some(VALID_API_KEY) if path == "/v1/models" => openai_models_ok(),
            Some(VALID_API_KEY) => openai_error(
                404,
                "invalid_request_error",
                None,
                &format!("Invalid URL ({} {path})", req.method),
            ),
            Some(_) => openai_invalid_api_key(),
        };
    }
    openai_error(
        404,
        "invalid_request_error",
        None,
        &format!("Invalid URL ({} {path})", req.method),
    )
}

/// A router that answers given `(host, path)` pairs with fixed responses and falls back to
/// another router (by default [`default_router`]).
#[derive(Clone)]
pub struct Routes {
    overrides: Vec<(String, Option<String>, ResponseSpec)>,
    fallback: Router,
}

impl std::fmt::Debug for Routes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routes")
            .field("overrides", &self.overrides)
            .finish_non_exhaustive()
    }
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    /// No overrides over [`default_router`].
    pub fn new() -> Self {
        Self {
            overrides: Vec::new(),
            fallback: default_router(),
        }
    }

    /// Answers `host` + `path` (path without query) with `spec`. Later overrides win.
    pub fn on(mut self, host: &str, path: &str, spec: ResponseSpec) -> Self {
        self.overrides
            .push((host.to_ascii_lowercase(), Some(path.to_owned()), spec));
        self
    }

    /// Answers every path of `host` with `spec`. Later overrides win.
    pub fn on_host(mut self, host: &str, spec: ResponseSpec) -> Self {
        self.overrides.push((host.to_ascii_lowercase(), None, spec));
        self
    }

    /// Falls back to `router` instead of [`default_router`].
    pub fn fallback(mut self, router: Router) -> Self {
        self.fallback = router;
        self
    }

    /// The response for `req`.
    pub fn route(&self, req: &RequestInfo) -> ResponseSpec {
        self.overrides
            .iter()
            .rev()
            .find(|(host, path, _)| *host == req.host && path.as_deref().is_none_or(|p| p == req.path))
            .map_or_else(|| (self.fallback)(req), |(_, _, spec)| spec.clone())
    }

    /// As a [`Router`].
    pub fn into_router(self) -> Router {
        Arc::new(move |req| self.route(req))
    }
}
