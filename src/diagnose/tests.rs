//! Table tests: hand-made observations in, layer and cause out.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, SystemTime};

use url::Url;

use super::*;
use crate::catalog::{Surface, Target};
use crate::evidence::signatures::tests::answer;
use crate::i18n::Lang;
use crate::probe::SkipReason;
use crate::probe::{
    Attempt, CertInfo, DnsDetail, DnsSource, Family, FamilyLookup, HttpDetail, Stage, TcpDetail, TlsDetail,
    Verification,
};
use crate::probe::{Failure, Observations, Outcome, TargetObservation};
use crate::report::{Cause, Diagnosis, Layer, LayerReport, LayerStatus};

mod corpus;
mod handshakes;

/// How a hand-made target ends.
#[derive(Clone)]
enum Shape {
    Answer(HttpDetail),
    Dns(Failure),
    Tcp(Failure),
    Tls(Failure),
    Http(Failure),
    Deadline,
}
use Shape::*;

/// The exit code of a diagnosis, as the process would exit.
fn exit_code(d: &Diagnosis, strict: bool) -> i32 {
    d.exit_code(strict).code()
}

const MS: Duration = Duration::from_millis(10);

fn ok200() -> Shape {
    Answer(answer(200, &[("server", "cloudflare")], "ok"))
}
/// chatgpt.com's normal answer to a non-browser: the edge's challenge, with its ray.
fn web_ok() -> Shape {
    Answer(answer(
        403,
        &[
            ("cf-mitigated", "challenge"),
            ("server", "cloudflare"),
            ("cf-ray", "8f1e2d3c4b5a6978-FRA"),
        ],
        "Just a moment...",
    ))
}
fn e(status: u16, json: bool) -> Shape {
    if json {
        Answer(answer(
            status,
            &[("content-type", "application/json"), ("x-request-id", "req_x")],
            r#"{"error":{"type":"server_error"}}"#,
        ))
    } else {
        Answer(answer(
            status,
            &[("server", "cloudflare"), ("cf-ray", "8f1e2d3c4b5a6978-FRA")],
            "<html>error</html>",
        ))
    }
}

fn obs(name: &str, surface: Surface, url: &str, shape: Shape) -> TargetObservation {
    let target = Target {
        name: name.into(),
        surface,
        url: Url::parse(url).unwrap(),
    };
    let ip: IpAddr = "192.0.2.1".parse().unwrap();
    let dns = if target.is_ip_literal() {
        None
    } else {
        Some(match &shape {
            Dns(f) => Stage {
                outcome: Outcome::failed(*f, "lookup failed"),
                duration: Some(MS),
                detail: Some(DnsDetail {
                    query: target.host(),
                    source: DnsSource::System { servers: vec![] },
                    lookups: vec![FamilyLookup {
                        family: Family::Ipv4,
                        outcome: Outcome::failed(*f, "lookup failed"),
                        addrs: vec![],
                        ttl: None,
                        duration: MS,
                    }],
                }),
                cut_by_deadline: false,
            },
            Deadline => Stage::skipped(SkipReason::Deadline),
            _ => Stage::ok(
                MS,
                DnsDetail {
                    query: target.host(),
                    source: DnsSource::System { servers: vec![] },
                    lookups: vec![FamilyLookup {
                        family: Family::Ipv4,
                        outcome: Outcome::Ok,
                        addrs: vec![ip],
                        ttl: Some(60),
                        duration: MS,
                    }],
                },
            ),
        })
    };
    let peer = SocketAddr::new(ip, 443);
    let tcp_ok = || {
        Stage::ok(
            MS,
            TcpDetail {
                peer,
                earlier: vec![],
            },
        )
    };
    let tls_ok = || {
        Stage::ok(
            MS,
            TlsDetail {
                sni: Some(target.host()),
                version: Some("TLSv1.3".into()),
                alpn: Some("h2".into()),
                chain: vec![CertInfo {
                    subject: "CN=x".into(),
                    issuer: "CN=CA".into(),
                    not_before: String::new(),
                    not_after: String::new(),
                    san: vec![target.host()],
                }],
                system_store: Some(Verification::Trusted),
                public_store: Some(Verification::Trusted),
                ..Default::default()
            },
        )
    };
    let attempts = match shape {
        Dns(_) | Deadline => vec![],
        Tcp(f) => vec![Attempt {
            family: Family::Ipv4,
            proxy: None,
            tcp: Stage::failed(MS, f, "connect failed"),
            tls: Some(Stage::skipped(SkipReason::TcpFailed)),
            http: Stage::skipped(SkipReason::TcpFailed),
        }],
        Tls(f) => vec![Attempt {
            family: Family::Ipv4,
            proxy: None,
            tcp: tcp_ok(),
            tls: Some(Stage::failed(MS, f, "handshake failed")),
            http: Stage::skipped(SkipReason::TcpFailed),
        }],
        Http(f) => vec![Attempt {
            family: Family::Ipv4,
            proxy: None,
            tcp: tcp_ok(),
            tls: Some(tls_ok()),
            http: Stage::failed(MS, f, "no answer"),
        }],
        Answer(h) => vec![Attempt {
            family: Family::Ipv4,
            proxy: None,
            tcp: tcp_ok(),
            tls: Some(tls_ok()),
            http: Stage::ok(MS, h),
        }],
    };
    TargetObservation {
        target,
        dns,
        attempts,
    }
}

/// A world: the built-in targets' shapes (web, api, app, status) plus a named and a literal control.
struct World {
    web: Shape,
    api: Shape,
    app: Shape,
    status: Shape,
    named_control: Shape,
    literal_control: Shape,
    /// The authenticated key check, when a key is configured.
    key: Option<Shape>,
    /// The status page's summary.json body, when read.
    summary: Option<&'static str>,
}

impl Default for World {
    fn default() -> Self {
        World {
            web: web_ok(),
            api: Answer(answer(
                401,
                &[("content-type", "application/json"), ("x-request-id", "req_1")],
                r#"{"error":{}}"#,
            )),
            app: Answer(answer(
                403,
                &[("server", "cloudflare")],
                r#"{"cf_details":"Request is not allowed. Please try again later.","type":"dc"}"#,
            )),
            status: Answer(answer(
                200,
                &[("content-type", "application/json")],
                r#"{"status":{"indicator":"none","description":"All Systems Operational"}}"#,
            )),
            named_control: ok200(),
            literal_control: ok200(),
            key: None,
            summary: None,
        }
    }
}

impl World {
    fn observations(self) -> Observations {
        Observations {
            targets: vec![
                obs("chatgpt.com", Surface::Web, "https://chatgpt.com/", self.web),
                obs(
                    "api.openai.com",
                    Surface::Api,
                    "https://api.openai.com/v1/models",
                    self.api,
                ),
                obs(
                    "ios.chat.openai.com",
                    Surface::App,
                    "https://ios.chat.openai.com/public-api/mobile/server_status/v1",
                    self.app,
                ),
                obs(
                    "status.openai.com",
                    Surface::Status,
                    "https://status.openai.com/api/v2/status.json",
                    self.status,
                ),
                obs(
                    "control.test",
                    Surface::Control,
                    "https://control.test/",
                    self.named_control,
                ),
                obs(
                    "192.0.2.20",
                    Surface::Control,
                    "https://192.0.2.20/",
                    self.literal_control,
                ),
            ],
            status_documents: self
                .summary
                .map(|b| {
                    obs(
                        "status.openai.com/api/v2/summary.json",
                        Surface::Status,
                        "https://status.openai.com/api/v2/summary.json",
                        Answer(answer(200, &[("content-type", "application/json")], b)),
                    )
                })
                .into_iter()
                .collect(),
            key_check: self.key.map(|k| {
                obs(
                    "api.openai.com (with the API key)",
                    Surface::Api,
                    "https://api.openai.com/v1/models",
                    k,
                )
            }),
            doh: vec![],
            dns_views: vec![],
            started_at: SystemTime::UNIX_EPOCH,
            duration: Duration::from_millis(100),
        }
    }
}

fn judge(w: World) -> Diagnosis {
    let ctx = Context {
        key_source: w.key.is_some().then(|| "OPENAI_API_KEY".to_string()),
        ..Default::default()
    };
    diagnose(&w.observations(), &ctx)
}

const JSON_ID: &[(&str, &str)] = &[("content-type", "application/json"), ("x-request-id", "req_9")];
const CF: &[(&str, &str)] = &[("server", "cloudflare"), ("cf-ray", "8f1e2d3c4b5a6978-FRA")];

fn api_err(status: u16, typ: &str, code: &str, message: &str) -> Shape {
    let code = if code.is_empty() {
        "null".to_string()
    } else {
        format!("\"{code}\"")
    };
    Answer(answer(
        status,
        JSON_ID,
        &format!(r#"{{"error":{{"message":"{message}","type":"{typ}","param":null,"code":{code}}}}}"#),
    ))
}

fn region() -> Shape {
    api_err(
        403,
        "request_forbidden",
        "unsupported_country_region_territory",
        "Country, region, or territory not supported",
    )
}

const MAJOR_API: &str = r#"{"status":{"indicator":"major","description":"Major outage"},
  "components":[{"id":"g","name":"API","status":"operational","group":true},{"id":"c","name":"Chat Completions","status":"major_outage","group_id":"g"}],
  "incidents":[{"name":"Elevated API errors","status":"investigating","impact":"major","incident_updates":[{"body":"Investigating","created_at":"2026-07-10T10:00:00Z"}],"components":[{"name":"Chat Completions"}]}]}"#;
const MINOR_CHATGPT: &str = r#"{"status":{"indicator":"minor","description":"Partially Degraded Service"},
  "components":[{"id":"g","name":"ChatGPT","status":"operational","group":true},{"id":"c","name":"Conversations","status":"degraded_performance","group_id":"g"}],"incidents":[]}"#;
const MAINTENANCE: &str = r#"{"status":{"indicator":"maintenance","description":"Maintenance"},"components":[],"incidents":[],
  "scheduled_maintenances":[{"name":"Database upgrade","status":"in_progress","components":[]}]}"#;
const OPERATIONAL: &str = r#"{"status":{"indicator":"none","description":"All Systems Operational"},"components":[],"incidents":[]}"#;

#[test]
fn table_of_worlds() {
    use Cause as C;
    use Failure as F;
    let rows: Vec<(&str, World, Layer, Cause, i32)> = vec![
        ("all answers normal", World::default(), Layer::None, C::Healthy, 0),
        (
            "nothing answers at all",
            World {
                web: Tcp(F::NetworkUnreachable),
                api: Tcp(F::NetworkUnreachable),
                app: Tcp(F::NetworkUnreachable),
                status: Tcp(F::NetworkUnreachable),
                named_control: Tcp(F::NetworkUnreachable),
                literal_control: Tcp(F::NetworkUnreachable),
                key: None,
                summary: None,
            },
            Layer::LocalNetwork,
            C::Offline,
            3,
        ),
        (
            "no name resolves, the link is down too",
            World {
                web: Dns(F::NetworkUnreachable),
                api: Dns(F::NetworkUnreachable),
                app: Dns(F::NetworkUnreachable),
                status: Dns(F::NetworkUnreachable),
                named_control: Dns(F::NetworkUnreachable),
                literal_control: Tcp(F::NetworkUnreachable),
                key: None,
                summary: None,
            },
            Layer::LocalNetwork,
            C::Offline,
            3,
        ),
        (
            "no name resolves but an address answers",
            World {
                web: Dns(F::GenericTimeoutError),
                api: Dns(F::GenericTimeoutError),
                app: Dns(F::GenericTimeoutError),
                status: Dns(F::GenericTimeoutError),
                named_control: Dns(F::GenericTimeoutError),
                ..Default::default()
            },
            Layer::LocalNetwork,
            C::DnsResolverDown,
            3,
        ),
        (
            "only OpenAI names are NXDOMAIN",
            World {
                web: Dns(F::DnsNxdomainError),
                api: Dns(F::DnsNxdomainError),
                app: Dns(F::DnsNxdomainError),
                status: Dns(F::DnsNxdomainError),
                ..Default::default()
            },
            Layer::Path,
            C::DnsBlocked,
            4,
        ),
        (
            "only chatgpt.com fails to resolve",
            World {
                web: Dns(F::DnsServfailError),
                ..Default::default()
            },
            Layer::Path,
            C::DnsBlocked,
            4,
        ),
        (
            "OpenAI addresses time out, controls connect",
            World {
                web: Tcp(F::GenericTimeoutError),
                api: Tcp(F::GenericTimeoutError),
                app: Tcp(F::GenericTimeoutError),
                status: Tcp(F::GenericTimeoutError),
                ..Default::default()
            },
            Layer::Path,
            C::TcpBlocked,
            4,
        ),
        (
            "OpenAI addresses reset, controls connect",
            World {
                api: Tcp(F::ConnectionRefused),
                ..Default::default()
            },
            Layer::Path,
            C::TcpBlocked,
            4,
        ),
        (
            "OpenAI certificates untrusted, controls fine",
            World {
                web: Tls(F::SslUnknownAuthority),
                api: Tls(F::SslUnknownAuthority),
                app: Tls(F::SslUnknownAuthority),
                ..Default::default()
            },
            Layer::Path,
            C::TlsFailed,
            4,
        ),
        (
            "TLS fails for OpenAI and controls alike",
            World {
                web: Tls(F::SslUnknownAuthority),
                api: Tls(F::SslUnknownAuthority),
                app: Tls(F::SslUnknownAuthority),
                status: Tls(F::SslUnknownAuthority),
                named_control: Tls(F::SslUnknownAuthority),
                literal_control: Tls(F::SslUnknownAuthority),
                key: None,
                summary: None,
            },
            Layer::None,
            C::Inconclusive,
            7,
        ),
        (
            "edge 522 on the web, origin 503 on the API",
            World {
                web: e(522, false),
                api: e(503, true),
                ..Default::default()
            },
            Layer::Service,
            C::ServiceErrors,
            5,
        ),
        (
            "edge accepts TLS but never answers HTTP",
            World {
                api: Http(F::GenericTimeoutError),
                ..Default::default()
            },
            Layer::Service,
            C::ServiceErrors,
            5,
        ),
        (
            "a control fails but OpenAI works",
            World {
                named_control: Tcp(F::ConnectionRefused),
                ..Default::default()
            },
            Layer::None,
            C::Healthy,
            0,
        ),
        (
            "only the status page is unreachable",
            World {
                status: Tcp(F::GenericTimeoutError),
                ..Default::default()
            },
            Layer::None,
            C::Healthy,
            0,
        ),
        (
            "the deadline came before the API answered",
            World {
                api: Deadline,
                ..Default::default()
            },
            Layer::None,
            C::Inconclusive,
            7,
        ),
        (
            "OpenAI connections fail and no control connected, though names resolve",
            World {
                web: Tcp(F::GenericTimeoutError),
                api: Tcp(F::GenericTimeoutError),
                app: Tcp(F::GenericTimeoutError),
                status: ok200(),
                named_control: Tcp(F::GenericTimeoutError),
                literal_control: Tcp(F::GenericTimeoutError),
                key: None,
                summary: None,
            },
            Layer::None,
            C::Inconclusive,
            7,
        ),
    ];
    let more: Vec<(&str, World, Layer, Cause, i32)> = vec![
        (
            "the API answers with OpenAI's region block",
            World {
                api: region(),
                ..Default::default()
            },
            Layer::Path,
            C::RegionBlocked,
            4,
        ),
        (
            "the key check is region-blocked",
            World {
                key: Some(region()),
                ..Default::default()
            },
            Layer::Path,
            C::RegionBlocked,
            4,
        ),
        (
            "the API gets a challenge page",
            World {
                api: Answer(answer(
                    403,
                    &[("cf-mitigated", "challenge"), ("server", "cloudflare")],
                    "Just a moment...",
                )),
                ..Default::default()
            },
            Layer::Path,
            C::EdgeChallenge,
            4,
        ),
        (
            "the app edge names a disallowed ISP",
            World {
                app: Answer(answer(
                    403,
                    CF,
                    r#"{"cf_details":"Request is not allowed. Please try again later. (2)","type":"dc"}"#,
                )),
                ..Default::default()
            },
            Layer::Path,
            C::EdgeChallenge,
            4,
        ),
        (
            "the web edge blocks this client (1020)",
            World {
                web: Answer(answer(403, CF, "Access denied. Error code: 1020")),
                ..Default::default()
            },
            Layer::Path,
            C::EdgeChallenge,
            4,
        ),
        (
            "API 5xx and the status page has a major API incident",
            World {
                api: e(503, true),
                summary: Some(MAJOR_API),
                ..Default::default()
            },
            Layer::Service,
            C::ServiceOutage,
            5,
        ),
        (
            "web 52x and the status page shows ChatGPT degraded",
            World {
                web: e(522, false),
                summary: Some(MINOR_CHATGPT),
                ..Default::default()
            },
            Layer::Service,
            C::ServiceDegraded,
            5,
        ),
        (
            "errors during maintenance in progress",
            World {
                web: e(503, false),
                summary: Some(MAINTENANCE),
                ..Default::default()
            },
            Layer::Service,
            C::Maintenance,
            5,
        ),
        (
            "errors while the status page says operational",
            World {
                api: e(500, true),
                summary: Some(OPERATIONAL),
                ..Default::default()
            },
            Layer::Service,
            C::ServiceErrors,
            5,
        ),
        (
            "an incident on the page but every endpoint answers",
            World {
                summary: Some(MAJOR_API),
                ..Default::default()
            },
            Layer::None,
            C::Healthy,
            0,
        ),
        (
            "a valid key",
            World {
                key: Some(Answer(answer(200, JSON_ID, r#"{"object":"list","data":[]}"#))),
                ..Default::default()
            },
            Layer::None,
            C::Healthy,
            0,
        ),
        (
            "an invalid key",
            World {
                key: Some(api_err(
                    401,
                    "invalid_request_error",
                    "invalid_api_key",
                    "Incorrect API key provided: sk-abc***xyz.",
                )),
                ..Default::default()
            },
            Layer::Account,
            C::ApiKeyInvalid,
            6,
        ),
        (
            "a key of another organization",
            World {
                key: Some(api_err(
                    401,
                    "invalid_request_error",
                    "mismatched_organization",
                    "OpenAI-Organization header should match",
                )),
                ..Default::default()
            },
            Layer::Account,
            C::OrgMismatch,
            6,
        ),
        (
            "quota exhausted",
            World {
                key: Some(api_err(
                    429,
                    "insufficient_quota",
                    "insufficient_quota",
                    "You exceeded your current quota",
                )),
                ..Default::default()
            },
            Layer::Account,
            C::QuotaExhausted,
            6,
        ),
        (
            "rate limited",
            World {
                key: Some(api_err(
                    429,
                    "requests",
                    "rate_limit_exceeded",
                    "Rate limit reached",
                )),
                ..Default::default()
            },
            Layer::Account,
            C::RateLimited,
            6,
        ),
        (
            "a restricted key is a warning",
            World {
                key: Some(api_err(
                    401,
                    "invalid_request_error",
                    "",
                    "You have insufficient permissions for this operation. Missing scopes: api.model.read.",
                )),
                ..Default::default()
            },
            Layer::None,
            C::Healthy,
            0,
        ),
        (
            "the key check meets a 5xx",
            World {
                key: Some(e(500, true)),
                ..Default::default()
            },
            Layer::Service,
            C::ServiceErrors,
            5,
        ),
    ];
    for (what, world, layer, cause, code) in rows.into_iter().chain(more) {
        let d = judge(world);
        assert_eq!(
            (d.verdict.layer, d.verdict.cause),
            (layer, cause),
            "{what}: {:#?}",
            d.verdict
        );
        assert_eq!(exit_code(&d, false), code, "{what}");
        assert!(
            !d.verdict.summary.is_empty() && !d.verdict.advice.is_empty(),
            "{what}"
        );
        assert_eq!(d.layers.len(), 5, "{what}");
    }
}

#[test]
fn a_stage_cut_by_the_run_deadline_is_not_evidence_of_a_fault() {
    let mut obs = World::default().observations();
    let api = obs
        .targets
        .iter_mut()
        .find(|t| t.target.name == "api.openai.com")
        .unwrap();
    let mut tls = Stage::<TlsDetail>::failed(MS, Failure::GenericTimeoutError, "no handshake");
    tls.cut_by_deadline = true;
    api.attempts[0].tls = Some(tls);
    api.attempts[0].http = Stage::skipped(SkipReason::Deadline);
    let d = diagnose(&obs, &Context::default());
    assert_eq!(d.verdict.cause, Cause::Inconclusive, "{:#?}", d.verdict);
    assert!(d.verdict.summary.contains("deadline"));
}

#[test]
fn no_ipv6_route_is_one_warning_not_a_fault() {
    let mut obs = World::default().observations();
    for t in &mut obs.targets {
        if !t.attempts.is_empty() {
            t.attempts.push(Attempt {
                family: Family::Ipv6,
                proxy: None,
                tcp: Stage::failed(Duration::ZERO, Failure::NetworkUnreachable, "no route"),
                tls: Some(Stage::skipped(SkipReason::TcpFailed)),
                http: Stage::skipped(SkipReason::TcpFailed),
            });
        }
    }
    let d = diagnose(&obs, &Context::default());
    assert_eq!(d.verdict.cause, Cause::Healthy);
    assert_eq!(
        d.verdict
            .warnings
            .iter()
            .filter(|w| w.contains("no IPv6 route"))
            .count(),
        1
    );
    assert_eq!(exit_code(&d, false), 0);
}

#[test]
fn the_account_layer_reports_the_key_check() {
    let d = judge(World {
        key: Some(Answer(answer(
            429,
            &[
                ("content-type", "application/json"),
                ("x-request-id", "req_7"),
                ("retry-after", "20"),
                ("x-ratelimit-reset-requests", "6m0s"),
            ],
            r#"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
        ))),
        ..Default::default()
    });
    let a = d.account.unwrap();
    assert_eq!(a.status, "rate_limited");
    assert_eq!(a.request_id.as_deref(), Some("req_7"));
    assert_eq!(a.rate_limits.get("retry-after").map(String::as_str), Some("20"));
    assert!(
        d.verdict.summary.contains("retry-after: 20"),
        "{}",
        d.verdict.summary
    );
    let layer = d.layers.iter().find(|l| l.layer == Layer::Account).unwrap();
    assert_eq!(layer.status, LayerStatus::Fail);
}

#[test]
fn a_restricted_key_fails_only_under_strict() {
    let d = judge(World {
        key: Some(api_err(
            401,
            "invalid_request_error",
            "",
            "You have insufficient permissions for this operation. Missing scopes: api.model.read.",
        )),
        ..Default::default()
    });
    assert_eq!(
        d.account.as_ref().unwrap().missing_scopes.as_deref(),
        Some("api.model.read")
    );
    assert_eq!(exit_code(&d, false), 0);
    assert_eq!(exit_code(&d, true), 6);
}

#[test]
fn without_a_key_the_account_layer_is_not_checked() {
    let d = judge(World::default());
    assert!(d.account.is_none());
    let layer = d.layers.iter().find(|l| l.layer == Layer::Account).unwrap();
    assert_eq!(layer.status, LayerStatus::NotChecked);
}

#[test]
fn a_withheld_key_is_a_warning_not_a_verdict() {
    let mut obs = World {
        key: Some(ok200()),
        ..Default::default()
    }
    .observations();
    obs.key_check.as_mut().unwrap().attempts[0].http = Stage::skipped(SkipReason::NotVerified);
    let ctx = Context {
        key_source: Some("OPENAI_API_KEY".into()),
        ..Default::default()
    };
    let d = diagnose(&obs, &ctx);
    assert_eq!(d.verdict.cause, Cause::Healthy);
    assert_eq!(d.account.unwrap().status, "not_sent");
    assert!(d.verdict.warnings.iter().any(|w| w.contains("not checked")));
}

#[test]
fn the_edge_trace_is_read_from_the_web_target() {
    let mut observed = World::default().observations();
    observed.targets.push(obs(
        "chatgpt.com/cdn-cgi/trace",
        Surface::Web,
        "https://chatgpt.com/cdn-cgi/trace",
        Answer(answer(200, CF, "ip=203.0.113.7\ncolo=FRA\nloc=DE\nwarp=off\n")),
    ));
    let d = diagnose(&observed, &Context::default());
    let t = d.edge_trace.unwrap();
    assert_eq!(
        (t.loc.as_deref(), t.colo.as_deref(), t.warp.as_deref()),
        (Some("DE"), Some("FRA"), Some("off"))
    );
}

#[test]
fn a_partial_failure_names_the_surfaces_that_still_work() {
    let d = judge(World {
        app: Tcp(Failure::ConnectionReset),
        ..Default::default()
    });
    assert_eq!(d.verdict.cause, Cause::TcpBlocked);
    assert_eq!(d.verdict.failing_surfaces, vec![Surface::App]);
    assert!(d.verdict.working_surfaces.contains(&Surface::Web));
    assert!(d.verdict.working_surfaces.contains(&Surface::Api));
    assert!(
        d.verdict.summary.contains("Still working: web, api"),
        "{}",
        d.verdict.summary
    );
}

#[test]
fn the_verdict_carries_evidence_from_the_control() {
    let d = judge(World {
        api: Tcp(Failure::GenericTimeoutError),
        ..Default::default()
    });
    assert!(
        d.verdict
            .evidence
            .iter()
            .any(|e| e.contains("api.openai.com") && e.contains("generic_timeout_error"))
    );
    assert!(
        d.verdict
            .evidence
            .iter()
            .any(|e| e.contains("control") && e.contains("accepted"))
    );
}

#[test]
fn status_page_indicator_is_reported_and_warns_when_not_none() {
    let d = judge(World {
        status: Answer(answer(
            200,
            &[],
            r#"{"status":{"indicator":"major","description":"Major Service Outage"}}"#,
        )),
        ..Default::default()
    });
    let p = d.status_page.unwrap();
    assert_eq!(p.indicator.as_deref(), Some("major"));
    assert!(
        d.verdict
            .warnings
            .iter()
            .any(|w| w.contains("Major Service Outage"))
    );
    // A status page that says HTML instead of JSON is simply "not read".
    let d = judge(World {
        status: Answer(answer(404, &[], "<html>not found</html>")),
        ..Default::default()
    });
    assert!(!d.status_page.unwrap().reachable);
}

#[test]
fn strict_turns_warnings_into_a_failing_exit_code() {
    let ctx = Context {
        proxy_warnings: vec!["https_proxy and HTTPS_PROXY disagree".into()],
        ..Default::default()
    };
    let d = diagnose(&World::default().observations(), &ctx);
    assert_eq!(d.verdict.cause, Cause::Healthy);
    assert_eq!(exit_code(&d, false), 0);
    assert_eq!(exit_code(&d, true), 3, "a machine warning under --strict");
}

// ---- networks in the way -------------------------------------------------------------------

fn tls_of(t: &mut TargetObservation) -> &mut TlsDetail {
    t.attempts[0].tls.as_mut().unwrap().detail.as_mut().unwrap()
}

fn target<'a>(obs: &'a mut Observations, name: &str) -> &'a mut TargetObservation {
    obs.targets.iter_mut().find(|t| t.target.name == name).unwrap()
}

fn rejected(problem: crate::probe::CertProblem) -> Option<Verification> {
    Some(Verification::Rejected {
        failure: Failure::SslUnknownAuthority,
        message: "rejected".into(),
        problem,
    })
}

#[test]
fn a_chain_only_the_system_store_trusts_is_tls_intercepted() {
    let mut obs = World::default().observations();
    for t in obs.targets.iter_mut().filter(|t| t.target.is_tls()) {
        let d = tls_of(t);
        d.public_store = rejected(crate::probe::CertProblem::UnknownIssuer);
        d.chain[0].issuer = "CN=Corp Inspection CA".into();
    }
    let d = diagnose(&obs, &Context::default());
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (Layer::LocalNetwork, Cause::TlsIntercepted),
        "{:#?}",
        d.verdict
    );
    assert!(d.verdict.summary.contains("Corp Inspection CA"));
    assert!(d.verdict.advice.iter().any(|a| a.contains("NODE_EXTRA_CA_CERTS")));
    assert_eq!(exit_code(&d, false), 3);
}

#[test]
fn a_reset_with_the_real_name_and_a_completed_decoy_is_sni_filtered() {
    for (decoy_answers, cause) in [(true, Cause::SniFiltered), (false, Cause::TlsFailed)] {
        let mut obs = World {
            web: Tls(Failure::ConnectionReset),
            api: Tls(Failure::ConnectionReset),
            ..Default::default()
        }
        .observations();
        for name in ["chatgpt.com", "api.openai.com"] {
            let t = target(&mut obs, name);
            let stage = t.attempts[0].tls.as_mut().unwrap();
            let decoy_tls = if decoy_answers {
                Stage::ok(
                    MS,
                    TlsDetail {
                        version: Some("TLSv1.3".into()),
                        ..Default::default()
                    },
                )
            } else {
                Stage::failed(MS, Failure::ConnectionReset, "reset")
            };
            stage.detail = Some(TlsDetail {
                decoy: Some(Box::new(crate::probe::Decoy {
                    sni: "example.com".into(),
                    tcp: Stage::ok(
                        MS,
                        TcpDetail {
                            peer: "192.0.2.1:443".parse().unwrap(),
                            earlier: vec![],
                        },
                    ),
                    tls: Some(decoy_tls),
                })),
                ..Default::default()
            });
        }
        let d = diagnose(&obs, &Context::default());
        assert_eq!(
            (d.verdict.layer, d.verdict.cause),
            (Layer::Path, cause),
            "{:#?}",
            d.verdict
        );
        if !decoy_answers {
            assert!(d.verdict.summary.contains("MTU"), "{}", d.verdict.summary);
        }
    }
}

#[test]
fn ipv6_failing_with_a_route_while_ipv4_works_is_ipv6_broken() {
    let mut obs = World::default().observations();
    for t in obs.targets.iter_mut().filter(|t| t.target.surface.is_service()) {
        t.attempts.push(Attempt {
            family: Family::Ipv6,
            proxy: None,
            tcp: Stage::failed(Duration::from_secs(2), Failure::GenericTimeoutError, "no answer"),
            tls: Some(Stage::skipped(SkipReason::TcpFailed)),
            http: Stage::skipped(SkipReason::TcpFailed),
        });
    }
    let d = diagnose(&obs, &Context::default());
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (Layer::Path, Cause::Ipv6Broken),
        "{:#?}",
        d.verdict
    );
}

#[test]
fn a_redirected_captive_check_is_a_captive_portal() {
    let mut obs = World::default().observations();
    obs.targets.push(obs_captive(Answer(answer(
        302,
        &[("location", "http://login.hotel.example/")],
        "",
    ))));
    let d = diagnose(&obs, &Context::default());
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (Layer::LocalNetwork, Cause::CaptivePortal),
        "{:#?}",
        d.verdict
    );
    assert!(d.verdict.evidence[0].contains("login.hotel.example"));
    // The true answer is not a portal; foreign content is.
    let mut ok = World::default().observations();
    ok.targets.push(obs_captive(Answer(answer(
        200,
        &[],
        "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>",
    ))));
    assert_eq!(diagnose(&ok, &Context::default()).verdict.cause, Cause::Healthy);
    let mut foreign = World::default().observations();
    foreign.targets.push(obs_captive(Answer(answer(
        200,
        &[],
        "<html><form action=/login>",
    ))));
    assert_eq!(
        diagnose(&foreign, &Context::default()).verdict.cause,
        Cause::CaptivePortal
    );
}

fn obs_captive(shape: Shape) -> TargetObservation {
    obs(
        "captive.apple.com",
        Surface::Control,
        "http://captive.apple.com/hotspot-detect.html",
        shape,
    )
}

fn set_dates(obs: &mut Observations, offset: i64) {
    let received = SystemTime::UNIX_EPOCH + Duration::from_secs(1_783_679_400);
    let server = if offset >= 0 {
        received - Duration::from_secs(offset as u64)
    } else {
        received + Duration::from_secs((-offset) as u64)
    };
    let date = httpdate::fmt_http_date(server);
    for t in &mut obs.targets {
        for a in &mut t.attempts {
            if let Some(h) = a.http.detail.as_mut() {
                h.received_at = received;
                h.headers.push(("date".into(), date.clone()));
            }
        }
    }
}

#[test]
fn expired_certificates_with_a_clock_off_by_hours_are_clock_skew() {
    let mut obs = World {
        web: Tls(Failure::SslInvalidCertificate),
        api: Tls(Failure::SslInvalidCertificate),
        ..Default::default()
    }
    .observations();
    for name in ["chatgpt.com", "api.openai.com"] {
        let t = target(&mut obs, name);
        t.attempts[0].tls.as_mut().unwrap().detail = Some(TlsDetail {
            system_store: rejected(crate::probe::CertProblem::Expired),
            public_store: rejected(crate::probe::CertProblem::Expired),
            ..Default::default()
        });
    }
    set_dates(&mut obs, 3 * 3600);
    let d = diagnose(&obs, &Context::default());
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (Layer::Machine, Cause::ClockSkew),
        "{:#?}",
        d.verdict
    );
    assert!(
        d.verdict.evidence[0].contains("10800 s ahead"),
        "{:?}",
        d.verdict.evidence
    );
    // The same failures with a right clock are a TLS problem of the path.
    set_dates(&mut obs, 0);
    for t in &mut obs.targets {
        for a in &mut t.attempts {
            if let Some(h) = a.http.detail.as_mut() {
                h.headers.retain(|(k, _)| k != "date");
            }
        }
    }
    set_dates(&mut obs, 2);
    assert_eq!(
        diagnose(&obs, &Context::default()).verdict.cause,
        Cause::TlsFailed
    );
}

#[test]
fn a_clock_that_is_off_with_nothing_failing_is_a_warning() {
    let mut obs = World::default().observations();
    set_dates(&mut obs, -7200);
    let d = diagnose(&obs, &Context::default());
    assert_eq!(d.verdict.cause, Cause::Healthy);
    assert!(
        d.verdict.warnings.iter().any(|w| w.contains("behind")),
        "{:?}",
        d.verdict.warnings
    );
}

fn slow_connects(obs: &mut Observations, control_ms: u64, openai_ms: u64) {
    for t in &mut obs.targets {
        let ms = if t.target.surface == Surface::Control {
            control_ms
        } else {
            openai_ms
        };
        for a in &mut t.attempts {
            a.tcp.duration = Some(Duration::from_millis(ms / 2));
            if let Some(tls) = a.tls.as_mut() {
                tls.duration = Some(Duration::from_millis(ms / 2));
            }
        }
    }
}

#[test]
fn slow_everywhere_is_network_slow_and_slow_to_openai_only_is_path_slow() {
    let mut obs = World::default().observations();
    slow_connects(&mut obs, 1400, 1500);
    let d = diagnose(&obs, &Context::default());
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (Layer::LocalNetwork, Cause::NetworkSlow),
        "{:#?}",
        d.verdict
    );
    let mut obs = World::default().observations();
    slow_connects(&mut obs, 60, 1800);
    let d = diagnose(&obs, &Context::default());
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (Layer::Path, Cause::PathSlow),
        "{:#?}",
        d.verdict
    );
    let mut obs = World::default().observations();
    slow_connects(&mut obs, 220, 240);
    assert_eq!(
        diagnose(&obs, &Context::default()).verdict.cause,
        Cause::Healthy,
        "100 ms RTT is fine"
    );
}

// ---- the words in Simplified Chinese ---------------------------------------------------------

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Diagnoses `obs` in English and in Simplified Chinese: the codes agree, the words differ and
/// the Chinese ones are Chinese. Returns the Chinese diagnosis.
fn judged_in_both(obs: &Observations, ctx: Context, want: (Layer, Cause)) -> Diagnosis {
    let en = diagnose(obs, &ctx);
    let zh = diagnose(
        obs,
        &Context {
            lang: Lang::ZhCn,
            ..ctx
        },
    );
    assert_eq!((en.verdict.layer, en.verdict.cause), want, "{:#?}", en.verdict);
    assert_eq!((zh.verdict.layer, zh.verdict.cause), want, "{:#?}", zh.verdict);
    assert_eq!(zh.lang, Lang::ZhCn);
    assert_eq!(en.verdict.working_surfaces, zh.verdict.working_surfaces);
    assert_eq!(en.verdict.failing_surfaces, zh.verdict.failing_surfaces);
    assert_eq!(en.verdict.evidence.len(), zh.verdict.evidence.len());
    assert_eq!(en.verdict.warnings.len(), zh.verdict.warnings.len());
    assert!(!has_cjk(&en.verdict.summary), "{}", en.verdict.summary);
    assert!(has_cjk(&zh.verdict.summary), "{}", zh.verdict.summary);
    // A healthy run's evidence is the answers' descriptions (signatures), raw data.
    assert!(
        want.1 == Cause::Healthy || zh.verdict.evidence.iter().any(|e| has_cjk(e)),
        "{:?}",
        zh.verdict.evidence
    );
    assert!(zh.verdict.advice.iter().all(|a| !a.is_empty()));
    for (e, z) in en.layers.iter().zip(&zh.layers) {
        assert_eq!((e.layer, e.status), (z.layer, z.status));
        let codes = |l: &LayerReport| {
            l.findings
                .iter()
                .map(|f| (f.cause, f.severity))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(e), codes(z), "{:?}", e.layer);
        assert!(has_cjk(&z.summary), "{:?}: {}", z.layer, z.summary);
        for f in &z.findings {
            assert!(has_cjk(&f.message), "{:?}: {}", z.layer, f.message);
        }
    }
    for w in &zh.verdict.warnings {
        assert!(has_cjk(w), "{w}");
    }
    zh
}

#[test]
fn a_forged_dns_answer_is_told_in_chinese() {
    let mut obs = World {
        web: Tls(Failure::SslUnknownAuthority),
        ..Default::default()
    }
    .observations();
    let t = target(&mut obs, "chatgpt.com");
    t.attempts[0].tls.as_mut().unwrap().detail = Some(TlsDetail {
        sni: Some("chatgpt.com".into()),
        public_store: rejected(crate::probe::CertProblem::WrongHostname),
        ..Default::default()
    });
    obs.doh.push(crate::probe::DohLookup {
        resolver: "https://cloudflare-dns.com/dns-query".into(),
        name: "chatgpt.com".into(),
        family: Family::Ipv4,
        outcome: Outcome::Ok,
        addrs: vec!["104.18.32.47".parse().unwrap()],
        ttl: Some(60),
        rcode: Some("NOERROR".into()),
        cnames: vec![],
        duration: MS,
        observation: self::obs(
            "cloudflare-dns.com",
            Surface::Control,
            "https://cloudflare-dns.com/dns-query",
            ok200(),
        ),
    });
    let d = judged_in_both(&obs, Context::default(), (Layer::Path, Cause::DnsTampered));
    assert!(d.verdict.summary.contains("chatgpt.com"), "{}", d.verdict.summary);
    assert!(
        d.verdict
            .evidence
            .iter()
            .any(|e| e.contains("192.0.2.1") && e.contains("伪造")),
        "{:?}",
        d.verdict.evidence
    );
    // The report's DNS part speaks the same language.
    assert!(d.dns_consistency[0].evidence.iter().all(|e| has_cjk(e)));
}

#[test]
fn an_outage_confirmed_by_the_status_page_is_told_in_chinese() {
    let obs = World {
        api: e(503, true),
        summary: Some(MAJOR_API),
        ..Default::default()
    }
    .observations();
    let d = judged_in_both(&obs, Context::default(), (Layer::Service, Cause::ServiceOutage));
    assert!(
        d.verdict.summary.contains("api.openai.com"),
        "{}",
        d.verdict.summary
    );
    assert!(d.verdict.summary.contains("状态页"), "{}", d.verdict.summary);
    assert!(
        d.verdict.evidence.iter().any(|e| e.contains("Chat Completions")),
        "OpenAI's own words stay: {:?}",
        d.verdict.evidence
    );
}

#[test]
fn a_wrong_clock_is_told_in_chinese() {
    let mut obs = World {
        web: Tls(Failure::SslInvalidCertificate),
        api: Tls(Failure::SslInvalidCertificate),
        ..Default::default()
    }
    .observations();
    for name in ["chatgpt.com", "api.openai.com"] {
        target(&mut obs, name).attempts[0].tls.as_mut().unwrap().detail = Some(TlsDetail {
            system_store: rejected(crate::probe::CertProblem::Expired),
            public_store: rejected(crate::probe::CertProblem::Expired),
            ..Default::default()
        });
    }
    set_dates(&mut obs, 3 * 3600);
    let d = judged_in_both(&obs, Context::default(), (Layer::Machine, Cause::ClockSkew));
    assert!(
        d.verdict.evidence[0].contains("快 10800 秒"),
        "{:?}",
        d.verdict.evidence
    );
    // Behind, and only a warning when nothing fails.
    let mut obs = World::default().observations();
    set_dates(&mut obs, -7200);
    let d = judged_in_both(&obs, Context::default(), (Layer::None, Cause::Healthy));
    assert!(
        d.verdict.warnings.iter().any(|w| w.contains("慢 7200 秒")),
        "{:?}",
        d.verdict.warnings
    );
}

#[test]
fn an_unreachable_proxy_is_told_in_chinese() {
    let mut obs = World::default().observations();
    for t in &mut obs.targets {
        for a in &mut t.attempts {
            a.tcp = Stage::failed(MS, Failure::ConnectionRefused, "connection refused");
            a.proxy = Some(Stage {
                outcome: Outcome::Skipped {
                    reason: crate::probe::SkipReason::TcpFailed,
                },
                duration: None,
                detail: Some(crate::probe::ProxyDetail {
                    proxy: "http://127.0.0.1:3128".into(),
                    source: "HTTPS_PROXY".into(),
                    scheme: crate::route::ProxyScheme::Http,
                    credentials_sent: false,
                    status: None,
                    reason: None,
                    headers: vec![],
                    body_excerpt: None,
                }),
                cut_by_deadline: false,
            });
            a.tls = Some(Stage::skipped(SkipReason::TcpFailed));
            a.http = Stage::skipped(SkipReason::TcpFailed);
        }
    }
    let d = judged_in_both(
        &obs,
        Context::default(),
        (Layer::Machine, Cause::ProxyUnreachable),
    );
    assert!(
        d.verdict.summary.contains("http://127.0.0.1:3128") && d.verdict.summary.contains("HTTPS_PROXY"),
        "{}",
        d.verdict.summary
    );
    let en = diagnose(&obs, &Context::default());
    assert!(
        en.verdict.summary.contains("cannot be reached"),
        "{}",
        en.verdict.summary
    );
}

#[test]
fn the_surfaces_that_still_work_are_named_in_chinese() {
    let obs = World {
        app: Tcp(Failure::ConnectionReset),
        ..Default::default()
    }
    .observations();
    let d = judged_in_both(&obs, Context::default(), (Layer::Path, Cause::TcpBlocked));
    assert!(
        d.verdict.summary.contains("仍可用：网页"),
        "{}",
        d.verdict.summary
    );
    assert!(
        d.verdict
            .evidence
            .iter()
            .any(|e| e.contains("对照目标") && e.contains("接受了连接")),
        "{:?}",
        d.verdict.evidence
    );
}

// ---- the hosts file ------------------------------------------------------------------------

/// A dns stage of `source` with `addrs`, split by family as the probes record it.
fn dns_stage(name: &str, source: DnsSource, addrs: &[&str]) -> Stage<DnsDetail> {
    let ips: Vec<IpAddr> = addrs.iter().map(|a| a.parse().unwrap()).collect();
    let ttl = (source != DnsSource::Os).then_some(300);
    let lookups = [Family::Ipv4, Family::Ipv6]
        .into_iter()
        .map(|family| {
            let a: Vec<IpAddr> = ips
                .iter()
                .copied()
                .filter(|ip| Family::of(ip) == family)
                .collect();
            FamilyLookup {
                family,
                outcome: if a.is_empty() {
                    Outcome::failed(Failure::DnsNoAnswer, "none")
                } else {
                    Outcome::Ok
                },
                addrs: a,
                ttl,
                duration: MS,
            }
        })
        .collect();
    crate::probe::dns::summarize(
        DnsDetail {
            query: name.into(),
            source,
            lookups,
        },
        MS,
    )
}

/// Target `name` resolved through the OS resolver to `os` and ended as `shape` at its first
/// address; the configured servers answered `configured`. Records both views.
fn resolved_by_os(obs: &mut Observations, name: &str, os: &[&str], configured: &[&str], shape: Shape) {
    let t = target(obs, name);
    let fresh = self::obs(name, t.target.surface, t.target.url.as_str(), shape);
    *t = fresh;
    let first: IpAddr = os[0].parse().unwrap();
    t.dns = Some(dns_stage(name, DnsSource::Os, os));
    for a in &mut t.attempts {
        a.family = Family::of(&first);
        if let Some(d) = a.tcp.detail.as_mut() {
            d.peer = SocketAddr::new(first, 443);
        }
    }
    obs.dns_views.push(crate::probe::NameViews {
        name: name.into(),
        os: dns_stage(name, DnsSource::Os, os),
        configured: dns_stage(name, DnsSource::System { servers: vec![] }, configured),
    });
}

/// A hosts file with these lines (line, address, name).
fn hosts_file(lines: &[(usize, &str, &str)]) -> crate::system::hosts::HostsReading {
    crate::system::hosts::HostsReading {
        file: "/etc/hosts".into(),
        entries: lines
            .iter()
            .map(|(line, address, name)| crate::system::hosts::HostsEntry {
                file: "/etc/hosts".into(),
                line: *line,
                address: address.parse().unwrap(),
                name: (*name).into(),
            })
            .collect(),
        error: None,
    }
}

/// A handshake whose chain neither store accepts (another name's certificate).
fn wrong_certificate() -> Shape {
    Tls(Failure::SslInvalidHostname)
}

fn with_wrong_chain(obs: &mut Observations, name: &str) {
    let t = target(obs, name);
    t.attempts[0].tls.as_mut().unwrap().detail = Some(TlsDetail {
        sni: Some(name.into()),
        public_store: Some(Verification::Rejected {
            failure: Failure::SslInvalidHostname,
            message: "certificate is for blockpage.example".into(),
            problem: crate::probe::CertProblem::WrongHostname,
        }),
        system_store: Some(Verification::Rejected {
            failure: Failure::SslInvalidHostname,
            message: "certificate is for blockpage.example".into(),
            problem: crate::probe::CertProblem::WrongHostname,
        }),
        ..Default::default()
    });
}

/// One row: the hosts file, each name's OS view (addresses, how its target ended there) and the
/// configured servers' view, and the verdict.
struct HostsRow {
    what: &'static str,
    lines: &'static [(usize, &'static str, &'static str)],
    names: Vec<(&'static str, &'static [&'static str], Shape)>,
    configured: &'static [&'static str],
    want: (Layer, Cause, i32),
}

fn hosts_world(row: &HostsRow) -> (Observations, Context) {
    let mut obs = World::default().observations();
    for (name, os, shape) in &row.names {
        resolved_by_os(&mut obs, name, os, row.configured, shape.clone());
        if matches!(shape, Tls(Failure::SslInvalidHostname)) {
            with_wrong_chain(&mut obs, name);
        }
    }
    let ctx = Context {
        hosts: hosts_file(row.lines),
        ..Default::default()
    };
    (obs, ctx)
}

#[test]
fn hosts_file_table() {
    use Cause as C;
    use Failure as F;
    const DNS: &[&str] = &["192.0.2.1", "2001:db8::1"];
    let rows = vec![
        HostsRow {
            what: "a blocklist's 0.0.0.0 and ::1 lines",
            lines: &[(3, "0.0.0.0", "chatgpt.com"), (4, "::1", "api.openai.com")],
            names: vec![
                ("chatgpt.com", &["0.0.0.0"], Tcp(F::ConnectionRefused)),
                ("api.openai.com", &["::1"], Tcp(F::ConnectionRefused)),
            ],
            configured: &["192.0.2.1"],
            want: (Layer::Machine, C::HostsOverride, 3),
        },
        HostsRow {
            what: "an IPv4 sinkhole while DNS has IPv6 too: apps see only the sinkhole",
            lines: &[(1, "0.0.0.0", "chatgpt.com")],
            names: vec![("chatgpt.com", &["0.0.0.0"], Tcp(F::ConnectionRefused))],
            configured: DNS,
            want: (Layer::Machine, C::HostsOverride, 3),
        },
        HostsRow {
            what: "a loopback line something local answers, with its own certificate",
            lines: &[(9, "127.0.0.1", "chatgpt.com")],
            names: vec![("chatgpt.com", &["127.0.0.1"], Tls(F::SslUnknownAuthority))],
            configured: DNS,
            want: (Layer::Machine, C::HostsOverride, 3),
        },
        HostsRow {
            what: "a stale line to a server with another name's certificate",
            lines: &[(7, "198.51.100.66", "chatgpt.com")],
            names: vec![("chatgpt.com", &["198.51.100.66"], wrong_certificate())],
            configured: DNS,
            want: (Layer::Machine, C::HostsOverride, 3),
        },
        HostsRow {
            what: "a line whose address proves the name: reported, not blamed",
            lines: &[(2, "192.0.2.1", "chatgpt.com")],
            names: vec![("chatgpt.com", &["192.0.2.1"], web_ok())],
            configured: DNS,
            want: (Layer::None, C::Healthy, 0),
        },
        HostsRow {
            what: "a sinkhole line the OS did not answer from (DNS before files)",
            lines: &[(2, "0.0.0.0", "chatgpt.com")],
            names: vec![("chatgpt.com", DNS, web_ok())],
            configured: DNS,
            want: (Layer::None, C::Healthy, 0),
        },
        HostsRow {
            what: "a pinned address whose handshake is reset: SNI filtering looks the same",
            lines: &[(5, "198.51.100.7", "chatgpt.com")],
            names: vec![("chatgpt.com", &["198.51.100.7"], Tls(F::ConnectionReset))],
            configured: DNS,
            want: (Layer::Path, C::TlsFailed, 4),
        },
    ];
    for row in &rows {
        let (obs, ctx) = hosts_world(row);
        let d = diagnose(&obs, &ctx);
        assert_eq!(
            (d.verdict.layer, d.verdict.cause, exit_code(&d, false)),
            row.want,
            "{}: {:#?}",
            row.what,
            d.verdict
        );
        if row.want.1 == C::HostsOverride {
            let (line, address, name) = row.lines[0];
            let cited = format!("/etc/hosts line {line} gives apps {address} for {name}");
            assert!(
                d.verdict.evidence.iter().any(|e| e.starts_with(&cited)),
                "{}: {:?}",
                row.what,
                d.verdict.evidence
            );
            assert!(d.verdict.summary.contains("/etc/hosts"), "{}", d.verdict.summary);
            assert!(
                d.verdict.advice.iter().any(|a| a.contains("Remove the line")),
                "{:?}",
                d.verdict.advice
            );
        }
    }
}

#[test]
fn an_interceptor_the_system_trusts_is_not_the_hosts_files_fault() {
    let row = HostsRow {
        what: "interception",
        lines: &[(5, "198.51.100.7", "chatgpt.com")],
        names: vec![("chatgpt.com", &["198.51.100.7"], web_ok())],
        configured: &["192.0.2.1"],
        want: (Layer::LocalNetwork, Cause::TlsIntercepted, 3),
    };
    let (mut obs, ctx) = hosts_world(&row);
    for t in obs.targets.iter_mut().filter(|t| t.target.is_tls()) {
        tls_of(t).public_store = rejected(crate::probe::CertProblem::UnknownIssuer);
    }
    let d = diagnose(&obs, &ctx);
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (row.want.0, row.want.1),
        "{:#?}",
        d.verdict
    );
}

#[test]
fn the_views_and_the_hosts_lines_are_reported() {
    let row = HostsRow {
        what: "sinkhole",
        lines: &[(3, "0.0.0.0", "chatgpt.com"), (12, "0.0.0.0", "auth.openai.com")],
        names: vec![("chatgpt.com", &["0.0.0.0"], Tcp(Failure::ConnectionRefused))],
        configured: &["192.0.2.1", "2001:db8::1"],
        want: (Layer::Machine, Cause::HostsOverride, 3),
    };
    let (obs, ctx) = hosts_world(&row);
    let d = diagnose(&obs, &ctx);
    assert_eq!(d.dns_views.len(), 1);
    let v = &d.dns_views[0];
    assert_eq!(v.name, "chatgpt.com");
    assert_eq!(v.os.source.as_deref(), Some("os"));
    assert_eq!(v.os.addresses, ["0.0.0.0"]);
    assert!(v.os.from_hosts_file);
    assert_eq!(v.os.hosts_entries.len(), 1, "only the name's own lines");
    assert_eq!(
        (v.os.hosts_entries[0].file.as_str(), v.os.hosts_entries[0].line),
        ("/etc/hosts", 3)
    );
    assert_eq!(v.os.ttl, None);
    assert_eq!(v.configured.source.as_deref(), Some("system"));
    assert_eq!(v.configured.addresses, ["192.0.2.1", "2001:db8::1"]);
    assert_eq!(v.configured.ttl, Some(300));
    assert!(!v.configured.from_hosts_file);
    assert_eq!(v.agree, Some(false));
    // The machine layer names the cause; the path is not assessed after it, and says why.
    let machine = &d.layers[0];
    assert_eq!(machine.status, LayerStatus::Fail);
    assert_eq!(machine.findings[0].cause, Cause::HostsOverride);
    assert_eq!(d.layers[2].summary, "not assessed: this computer failed first");
    // DNS's own answer is part of the evidence.
    assert!(
        d.verdict
            .evidence
            .iter()
            .any(|e| e.contains("DNS itself answers chatgpt.com with 192.0.2.1 2001:db8::1")),
        "{:?}",
        d.verdict.evidence
    );
}

#[test]
fn a_view_skipped_for_dns_server_is_reported_as_not_asked() {
    let mut obs = World::default().observations();
    obs.dns_views.push(crate::probe::NameViews {
        name: "chatgpt.com".into(),
        os: Stage::skipped(SkipReason::DnsServerChosen),
        configured: dns_stage(
            "chatgpt.com",
            DnsSource::Server("127.0.0.1:53".parse().unwrap()),
            &["192.0.2.1"],
        ),
    });
    let d = diagnose(&obs, &Context::default());
    assert_eq!(d.verdict.cause, Cause::Healthy);
    let v = &d.dns_views[0];
    assert_eq!(v.os.skip_reason, Some(SkipReason::DnsServerChosen));
    assert_eq!(v.agree, None);
    assert_eq!(v.configured.source.as_deref(), Some("server"));
    assert_eq!(v.configured.servers, ["127.0.0.1:53"]);
}

#[test]
fn a_hosts_override_is_told_in_chinese() {
    let row = HostsRow {
        what: "sinkhole",
        lines: &[(3, "0.0.0.0", "chatgpt.com")],
        names: vec![("chatgpt.com", &["0.0.0.0"], Tcp(Failure::ConnectionRefused))],
        configured: &["192.0.2.1"],
        want: (Layer::Machine, Cause::HostsOverride, 3),
    };
    let (obs, ctx) = hosts_world(&row);
    let d = judged_in_both(&obs, ctx, (Layer::Machine, Cause::HostsOverride));
    assert!(
        d.verdict
            .evidence
            .iter()
            .any(|e| e.contains("/etc/hosts 第 3 行")),
        "{:?}",
        d.verdict.evidence
    );
}

/// Under `-4`, a hosts file that names api.openai.com only with `::1` leaves apps no IPv4
/// address at all: the OS answered from the file, and that is the cause, not DNS.
#[test]
fn a_sinkhole_in_the_other_family_still_decides_under_a_family_flag() {
    let mut obs = World {
        api: Dns(Failure::DnsNoAnswer),
        ..Default::default()
    }
    .observations();
    let os = {
        let t = target(&mut obs, "api.openai.com");
        let stage = t.dns.as_mut().unwrap();
        if let Some(d) = stage.detail.as_mut() {
            d.source = DnsSource::Os;
        }
        stage.clone()
    };
    obs.dns_views.push(crate::probe::NameViews {
        name: "api.openai.com".into(),
        os,
        configured: dns_stage(
            "api.openai.com",
            DnsSource::System { servers: vec![] },
            &["192.0.2.1"],
        ),
    });
    let ctx = Context {
        hosts: hosts_file(&[(4, "::1", "api.openai.com")]),
        ..Default::default()
    };
    let d = diagnose(&obs, &ctx);
    assert_eq!(
        (d.verdict.layer, d.verdict.cause),
        (Layer::Machine, Cause::HostsOverride),
        "{:#?}",
        d.verdict
    );
    assert!(
        d.verdict
            .evidence
            .iter()
            .any(|e| e.starts_with("/etc/hosts line 4 gives apps ::1 for api.openai.com")),
        "{:?}",
        d.verdict.evidence
    );
    assert!(d.dns_views[0].os.from_hosts_file);
    // Without the line it is DNS's matter again.
    let d = diagnose(&obs, &Context::default());
    assert_eq!(d.verdict.cause, Cause::DnsBlocked, "{:#?}", d.verdict);
}

/// A healthy world's report with hostile text in a target's name, the verdict and a layer: the
/// terminal view and the OpenMetrics labels carry none of it; every report type reads back its
/// JSON (what `render::terminal_view` relies on).
#[test]
fn hostile_text_in_a_report_reaches_no_sink_raw() {
    const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2JEvil\u{202e}txt\u{9b}2J";
    let obs = World::default().observations();
    let d = diagnose(&obs, &Context::default());
    let mut report = crate::report::build(&obs, d, 0, crate::report::Environment::default());
    let json = serde_json::to_value(&report).unwrap();
    let back: crate::report::Report = serde_json::from_value(json.clone()).expect("the report reads back");
    assert_eq!(serde_json::to_value(&back).unwrap(), json);
    report.targets[0].name = format!("{HOSTILE}\"\\\nx");
    report.verdict.summary = HOSTILE.into();
    report.layers[0].summary = HOSTILE.into();
    let unsafe_in = |s: &str| {
        s.chars()
            .filter(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{202A}'..='\u{202E}'))
            .count()
    };
    for format in [
        crate::render::prometheus::Exposition::OpenMetrics,
        crate::render::prometheus::Exposition::Text004,
    ] {
        let metrics = crate::render::prometheus::render(&report, format);
        assert_eq!(unsafe_in(&metrics), 0, "{metrics:?}");
        assert!(
            metrics.contains("target=\"]0;pwned[2JEviltxt2J\\\"\\\\x\""),
            "{metrics}"
        );
    }
    colored::control::set_override(false);
    let human = crate::render::human::render(&report, 2, false, Default::default());
    colored::control::unset_override();
    assert_eq!(unsafe_in(&human), 0, "{human:?}");
    assert!(human.contains("Eviltxt"), "{human}");
}

/// The observations of a path that resets the handshake carrying OpenAI's names while a decoy
/// name completes: SNI filtering.
fn sni_filtered_observations() -> Observations {
    let mut obs = World {
        web: Tls(Failure::ConnectionReset),
        api: Tls(Failure::ConnectionReset),
        ..Default::default()
    }
    .observations();
    for name in ["chatgpt.com", "api.openai.com"] {
        let stage = target(&mut obs, name).attempts[0].tls.as_mut().unwrap();
        stage.detail = Some(TlsDetail {
            decoy: Some(Box::new(crate::probe::Decoy {
                sni: "example.com".into(),
                tcp: Stage::ok(
                    MS,
                    TcpDetail {
                        peer: "192.0.2.1:443".parse().unwrap(),
                        earlier: vec![],
                    },
                ),
                tls: Some(Stage::ok(
                    MS,
                    TlsDetail {
                        version: Some("TLSv1.3".into()),
                        ..Default::default()
                    },
                )),
            })),
            ..Default::default()
        });
    }
    obs
}

/// The words of a rendering: runs between spaces, cut at every wide (CJK) character, so a Latin
/// word, a code or an address is one word in both languages.
fn words_of(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || unicode_width::UnicodeWidthChar::width(c) == Some(2))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_human_report_fits_80_and_120_columns_in_both_languages_with_no_word_broken() {
    use crate::render::layout::Layout;
    let outage = World {
        api: e(503, true),
        summary: Some(MAJOR_API),
        ..Default::default()
    }
    .observations();
    let worlds = [
        ("healthy", World::default().observations(), Cause::Healthy),
        ("sni", sni_filtered_observations(), Cause::SniFiltered),
        ("outage", outage, Cause::ServiceOutage),
    ];
    colored::control::set_override(false);
    for (name, obs, cause) in &worlds {
        for lang in [Lang::En, Lang::ZhCn] {
            let d = diagnose(
                obs,
                &Context {
                    lang,
                    ..Default::default()
                },
            );
            assert_eq!(d.verdict.cause, *cause, "{name}");
            let report = crate::report::build(obs, d, 0, crate::report::Environment::default());
            for verbose in [0, 1] {
                let whole = crate::render::human::render(&report, verbose, false, Layout::new(None));
                assert!(
                    whole.lines().any(|l| crate::i18n::width(l) > 80),
                    "{name} {lang:?}: the unwrapped report has long lines to wrap"
                );
                for width in [80, 120] {
                    let out = crate::render::human::render(&report, verbose, false, Layout::new(Some(width)));
                    for line in out.lines() {
                        assert!(
                            crate::i18n::width(line) <= width,
                            "{name} {lang:?} -v{verbose} at {width}: {} columns:\n{line}\n\n{out}",
                            crate::i18n::width(line)
                        );
                    }
                    let have = words_of(&out);
                    // The compact table names no surface or result column.
                    let headers = words_of(&format!(
                        "{} {}",
                        crate::tr!(lang, "human-col-surface"),
                        crate::tr!(lang, "human-col-result")
                    ));
                    for w in words_of(&whole).difference(&headers) {
                        assert!(
                            have.contains(w),
                            "{name} {lang:?} -v{verbose} at {width}: '{w}' is broken or lost:\n{out}"
                        );
                    }
                    if std::env::var_os("SHOW_RENDER").is_some() && verbose == 0 {
                        println!("----- {name} {lang:?} at {width} columns\n{out}");
                    }
                }
            }
        }
    }
    colored::control::unset_override();
}

#[test]
fn a_dns_failure_in_a_librarys_debug_words_reaches_the_reader_as_a_sentence_and_its_code() {
    const DEBUG: &str =
        r#"no records found for Query { name: Name("chatgpt.com."), query_type: A, query_class: IN }"#;
    let mut obs = World {
        web: Dns(Failure::DnsNxdomainError),
        api: Dns(Failure::DnsNxdomainError),
        ..Default::default()
    }
    .observations();
    for name in ["chatgpt.com", "api.openai.com"] {
        let dns = target(&mut obs, name).dns.as_mut().unwrap();
        dns.outcome = Outcome::failed(Failure::DnsNxdomainError, DEBUG);
    }
    colored::control::set_override(false);
    for lang in [Lang::En, Lang::ZhCn] {
        let d = diagnose(
            &obs,
            &Context {
                lang,
                ..Default::default()
            },
        );
        let report = crate::report::build(&obs, d, 0, crate::report::Environment::default());
        let human = crate::render::human::render(&report, 2, false, Default::default());
        let json = serde_json::to_value(&report.verdict).unwrap().to_string();
        for read in [human.as_str(), json.as_str()] {
            for debug in ["Query", "Name(", "query_type"] {
                assert!(!read.contains(debug), "{lang:?}: {debug} in\n{read}");
            }
        }
        assert!(
            report
                .verdict
                .evidence
                .iter()
                .any(|e| e.contains("dns_nxdomain_error")),
            "the stable code stays: {:?}",
            report.verdict.evidence
        );
    }
    colored::control::unset_override();
}
