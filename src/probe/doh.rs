//! DNS-over-HTTPS control lookups (RFC 8484): what a resolver outside this network says a name
//! resolves to, for comparison with the system resolver's answer (the DNS check of the path layer).
//!
//! A lookup is one `GET {doh}?dns=<base64url query>` sent through [`probe_request`], so it
//! runs on the tool's own pipeline: `--connect-to`, `--resolve`, `--cacert`, `-4`/`-6`, the stage
//! timeout and the run deadline all apply, and its dns/tcp/tls/http stages are recorded like any
//! target's. The DNS messages are built and parsed with hickory-proto; nothing here writes DNS
//! wire format by hand.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hickory_resolver::proto::op::{Message, MessageType, OpCode, Query, ResponseCode};
use hickory_resolver::proto::rr::{Name, RData, RecordType};
use url::Url;

use super::observation::{
    DohLookup, Failure, Family, HttpDetail, Outcome, RequestSpec, Stage, TargetObservation,
};
use super::pipeline::probe_request;
use super::plan::{Plan, ProbeTools};
use crate::catalog::{Surface, Target};

/// Control resolvers, reachable from different regions, addressed by IP so that asking them needs
/// no DNS. Each operator documents DoH on the IP literal, with the address in the certificate:
///
/// * `https://1.1.1.1/dns-query` — Cloudflare (its 1.1.1.1 documentation uses this URL in its
///   DoH examples; the certificate for cloudflare-dns.com lists 1.1.1.1 and 1.0.0.1).
/// * `https://223.5.5.5/dns-query` — AliDNS, reachable in mainland China (Alibaba Cloud's Public
///   DNS FAQ: an IPv4 address may be the host of the DoH/DoT URI and passes certificate
///   verification; IPv6 addresses do not).
///
/// Google (`https://8.8.8.8/dns-query`) and Quad9 (`https://9.9.9.9/dns-query`) are widely used
/// by IP in third-party configurations, but their operators document only the names
/// (`dns.google`, `dns.quad9.net`); they are left out here and can be chosen with `--doh-url`.
pub const DEFAULT_DOH: &[&str] = &["https://1.1.1.1/dns-query", "https://223.5.5.5/dns-query"];

/// The most response body read: a DNS message is at most 65 535 bytes.
pub const DOH_BODY_CAP: usize = 64 * 1024;

/// The media type of RFC 8484 (request `accept` and response `content-type`).
pub const DNS_MESSAGE: &str = "application/dns-message";

/// How many CNAME records are followed inside one answer.
const MAX_CNAME_HOPS: usize = 16;

/// Looks up `name` (A for IPv4, AAAA for IPv6) at the DoH resolver `doh`.
pub async fn doh_lookup(
    doh: &Url,
    name: &str,
    family: Family,
    plan: &Plan,
    tools: &ProbeTools,
    deadline: Instant,
) -> DohLookup {
    let start = Instant::now();
    let name = name.trim_end_matches('.').to_string();
    let record_type = record_type(family);
    let mut lookup = DohLookup {
        resolver: doh.to_string(),
        name: name.clone(),
        family,
        outcome: Outcome::Ok,
        addrs: vec![],
        ttl: None,
        rcode: None,
        cnames: vec![],
        duration: Duration::ZERO,
        observation: TargetObservation {
            target: Target {
                name: format!("doh {} {name} {record_type}", doh.host_str().unwrap_or_default()),
                surface: Surface::Control,
                url: doh.clone(),
            },
            dns: None,
            attempts: vec![],
        },
    };
    let prepared = build_query(&name, family).and_then(|q| query_url(doh, &q).map(|url| (q, url)));
    let (query, url) = match prepared {
        Ok(pair) => pair,
        Err(message) => {
            lookup.outcome = Outcome::failed(Failure::UnknownFailure, message);
            lookup.duration = start.elapsed();
            return lookup;
        }
    };
    lookup.observation.target.url = url.clone();
    let request = RequestSpec {
        headers: vec![("accept".to_string(), DNS_MESSAGE.to_string())],
        body_cap: DOH_BODY_CAP,
        full_body_wait: false,
        browser_handshake: false,
        secret: false,
    };
    let target = lookup.observation.target.clone();
    lookup.observation = probe_request(target, &request, plan, tools, deadline).await;
    match lookup.observation.response() {
        None => {
            let (failure, message) = transport_failure(&lookup.observation);
            lookup.outcome = Outcome::failed(failure, message);
        }
        Some(response) => match read_response(&query, response) {
            Err(message) => lookup.outcome = Outcome::failed(Failure::HttpInvalidResponse, message),
            Ok(answer) => {
                lookup.outcome = answer.outcome;
                lookup.addrs = answer.addrs;
                lookup.ttl = answer.ttl;
                lookup.rcode = Some(answer.rcode);
                lookup.cnames = answer.cnames;
            }
        },
    }
    lookup.duration = start.elapsed();
    lookup
}

fn record_type(family: Family) -> RecordType {
    match family {
        Family::Ipv4 => RecordType::A,
        Family::Ipv6 => RecordType::AAAA,
    }
}

/// The query message: one question, recursion desired, id 0 (RFC 8484 §4.1: DoH clients use id 0
/// so that HTTP caches can share answers; HTTPS already ties the answer to the request).
pub fn build_query(name: &str, family: Family) -> Result<Message, String> {
    let mut qname = Name::from_utf8(name.trim_end_matches('.'))
        .map_err(|e| format!("'{name}' is not a valid DNS name: {e}"))?;
    qname.set_fqdn(true);
    let mut message = Message::new(0, MessageType::Query, OpCode::Query);
    message.metadata.recursion_desired = true;
    message.add_query(Query::query(qname, record_type(family)));
    Ok(message)
}

/// `{doh}?dns=<base64url of the query, no padding>` (any query the URL had is kept).
pub fn query_url(doh: &Url, query: &Message) -> Result<Url, String> {
    let wire = query
        .to_vec()
        .map_err(|e| format!("cannot encode the DNS query: {e}"))?;
    let mut url = doh.clone();
    url.set_fragment(None);
    url.query_pairs_mut()
        .append_pair("dns", &URL_SAFE_NO_PAD.encode(wire));
    Ok(url)
}

/// What a DNS answer said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DohAnswer {
    pub outcome: Outcome,
    pub addrs: Vec<IpAddr>,
    pub ttl: Option<u32>,
    pub rcode: String,
    pub cnames: Vec<String>,
}

/// Checks the HTTP answer (200, media type, whole body) and reads the DNS message in it.
fn read_response(query: &Message, response: &HttpDetail) -> Result<DohAnswer, String> {
    if response.status != 200 {
        return Err(format!(
            "the DoH resolver answered HTTP {} instead of a DNS message",
            response.status
        ));
    }
    if let Some(kind) = response.header("content-type") {
        let media = kind.split(';').next().unwrap_or_default().trim();
        if !media.eq_ignore_ascii_case(DNS_MESSAGE) {
            return Err(format!("the DoH answer is '{media}', not {DNS_MESSAGE}"));
        }
    }
    if response.body_truncated {
        return Err(format!(
            "the DoH answer is larger than a DNS message ({DOH_BODY_CAP} bytes read)"
        ));
    }
    let message =
        Message::from_vec(&response.body).map_err(|e| format!("the DoH answer is not a DNS message: {e}"))?;
    interpret(query, &message)
}

/// Judges a DNS response to `query`: it must be a response with the query's id and question;
/// then the response code decides, and addresses of the queried type are collected from the
/// answer section, following CNAME chains that start at the queried name.
pub fn interpret(query: &Message, response: &Message) -> Result<DohAnswer, String> {
    let question = query
        .queries
        .first()
        .ok_or_else(|| "the query has no question".to_string())?;
    if response.metadata.message_type != MessageType::Response {
        return Err("the DoH answer is a DNS query, not a response".to_string());
    }
    if response.metadata.id != query.metadata.id {
        return Err(format!(
            "the DNS answer's id {} is not the query's {}",
            response.metadata.id, query.metadata.id
        ));
    }
    let code = response.metadata.response_code;
    match response.queries.as_slice() {
        [q] if q.name() == question.name() && q.query_type() == question.query_type() => {}
        // Some servers leave the question out of error answers.
        [] if code != ResponseCode::NoError => {}
        other => {
            let asked = other
                .iter()
                .map(|q| format!("{} {}", q.name(), q.query_type()))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "the DNS answer is for [{asked}], not {} {}",
                question.name(),
                question.query_type()
            ));
        }
    }
    let rcode = rcode_name(code);
    let failure = match code {
        ResponseCode::NoError => None,
        ResponseCode::NXDomain => Some(Failure::DnsNxdomainError),
        ResponseCode::Refused => Some(Failure::DnsRefusedError),
        _ => Some(Failure::DnsServfailError),
    };
    if let Some(failure) = failure {
        return Ok(DohAnswer {
            outcome: Outcome::failed(failure, format!("the DoH resolver answered {rcode}")),
            addrs: vec![],
            ttl: None,
            rcode,
            cnames: vec![],
        });
    }

    // Follow CNAMEs from the queried name; ignore records about any other name.
    let mut chain = vec![question.name().clone()];
    let mut ttl: Option<u32> = None;
    let mut fold_ttl = |t: u32| ttl = Some(ttl.map_or(t, |old: u32| old.min(t)));
    for _ in 0..MAX_CNAME_HOPS {
        let current = chain.last().cloned().unwrap_or_else(Name::root);
        let next = response.answers.iter().find_map(|r| match &r.data {
            RData::CNAME(target) if r.name == current => Some((target.0.clone(), r.ttl)),
            _ => None,
        });
        match next {
            Some((target, t)) if !chain.contains(&target) => {
                fold_ttl(t);
                chain.push(target);
            }
            _ => break,
        }
    }
    let mut addrs = Vec::new();
    for r in &response.answers {
        if !chain.contains(&r.name) {
            continue;
        }
        let ip = match (&r.data, question.query_type()) {
            (RData::A(a), RecordType::A) => IpAddr::V4(a.0),
            (RData::AAAA(a), RecordType::AAAA) => IpAddr::V6(a.0),
            _ => continue,
        };
        fold_ttl(r.ttl);
        if !addrs.contains(&ip) {
            addrs.push(ip);
        }
    }
    let outcome = if addrs.is_empty() {
        Outcome::failed(
            Failure::DnsNoAnswer,
            format!(
                "the DoH resolver answered NOERROR without a {} record",
                question.query_type()
            ),
        )
    } else {
        Outcome::Ok
    };
    let cnames = chain
        .iter()
        .skip(1)
        .map(|n| n.to_ascii().trim_end_matches('.').to_string())
        .collect();
    Ok(DohAnswer {
        outcome,
        ttl: if addrs.is_empty() { None } else { ttl },
        addrs,
        rcode,
        cnames,
    })
}

/// The response code as `dig` prints it.
fn rcode_name(code: ResponseCode) -> String {
    match code {
        ResponseCode::NoError => "NOERROR".to_string(),
        ResponseCode::FormErr => "FORMERR".to_string(),
        ResponseCode::ServFail => "SERVFAIL".to_string(),
        ResponseCode::NXDomain => "NXDOMAIN".to_string(),
        ResponseCode::NotImp => "NOTIMP".to_string(),
        ResponseCode::Refused => "REFUSED".to_string(),
        other => format!("RCODE{}", u16::from(other)),
    }
}

/// Why no HTTP answer came: the failure of the stage where the furthest attempt stopped.
fn transport_failure(obs: &TargetObservation) -> (Failure, String) {
    fn failed<T>(stage: &Stage<T>) -> Option<(Failure, String)> {
        match &stage.outcome {
            Outcome::Failed { failure, message } => Some((*failure, message.clone())),
            Outcome::Skipped { reason } if stage.cut_by_deadline => Some((
                Failure::GenericTimeoutError,
                reason.describe(crate::i18n::Lang::En),
            )),
            _ => None,
        }
    }
    if let Some((failure, message)) = obs.dns.as_ref().and_then(failed) {
        return (
            failure,
            format!("the DoH resolver's name did not resolve: {message}"),
        );
    }
    let Some(best) = obs.best() else {
        return (
            Failure::UnknownFailure,
            "no address of the allowed families to reach the DoH resolver".to_string(),
        );
    };
    let stage = failed(&best.tcp)
        .map(|f| ("tcp", f))
        .or_else(|| best.tls.as_ref().and_then(failed).map(|f| ("tls", f)))
        .or_else(|| failed(&best.http).map(|f| ("http", f)));
    match stage {
        Some((name, (failure, message))) => (
            failure,
            format!("the DoH resolver could not be asked ({name}): {message}"),
        ),
        None => {
            let reason = match &best.http.outcome {
                Outcome::Skipped { reason } => reason.describe(crate::i18n::Lang::En),
                _ => "no answer".to_string(),
            };
            (
                Failure::UnknownFailure,
                format!("the DoH resolver could not be asked: {reason}"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::Record;
    use hickory_resolver::proto::rr::rdata::{A, AAAA, CNAME};

    fn name(s: &str) -> Name {
        Name::from_ascii(s).unwrap()
    }

    fn reply(query: &Message, code: ResponseCode, answers: Vec<Record>) -> Message {
        let mut r = Message::response(query.metadata.id, OpCode::Query);
        r.metadata.recursion_desired = true;
        r.metadata.recursion_available = true;
        r.metadata.response_code = code;
        r.queries = query.queries.clone();
        r.answers = answers;
        r
    }

    fn a(owner: &str, ttl: u32, ip: &str) -> Record {
        Record::from_rdata(name(owner), ttl, RData::A(A(ip.parse().unwrap())))
    }

    fn aaaa(owner: &str, ttl: u32, ip: &str) -> Record {
        Record::from_rdata(name(owner), ttl, RData::AAAA(AAAA(ip.parse().unwrap())))
    }

    fn cname(owner: &str, ttl: u32, target: &str) -> Record {
        Record::from_rdata(name(owner), ttl, RData::CNAME(CNAME(name(target))))
    }

    #[test]
    fn the_query_url_carries_the_message_in_base64url_without_padding() {
        let query = build_query("chatgpt.com", Family::Ipv6).unwrap();
        let doh = Url::parse("https://1.1.1.1/dns-query").unwrap();
        let url = query_url(&doh, &query).unwrap();
        assert_eq!(url.path(), "/dns-query");
        let (key, value) = url.query_pairs().next().unwrap();
        assert_eq!(key, "dns");
        assert!(!value.contains('='), "no padding: {value}");
        let wire = URL_SAFE_NO_PAD.decode(value.as_bytes()).unwrap();
        let decoded = Message::from_vec(&wire).unwrap();
        assert_eq!(decoded.metadata.id, 0);
        assert!(decoded.metadata.recursion_desired);
        assert_eq!(decoded.queries.len(), 1);
        assert_eq!(decoded.queries[0].name(), &name("chatgpt.com."));
        assert_eq!(decoded.queries[0].query_type(), RecordType::AAAA);
    }

    #[test]
    fn a_url_with_its_own_query_keeps_it() {
        let query = build_query("chatgpt.com", Family::Ipv4).unwrap();
        let doh = Url::parse("https://doh.example/q?key=1#frag").unwrap();
        let url = query_url(&doh, &query).unwrap();
        let keys: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
        assert_eq!(keys, ["key", "dns"]);
        assert_eq!(url.fragment(), None);
    }

    #[test]
    fn an_invalid_name_is_refused_before_sending() {
        assert!(build_query(&"x".repeat(64), Family::Ipv4).is_err());
    }

    #[test]
    fn addresses_are_collected_along_the_cname_chain() {
        let query = build_query("chatgpt.com", Family::Ipv4).unwrap();
        let answer = reply(
            &query,
            ResponseCode::NoError,
            vec![
                cname("chatgpt.com.", 300, "edge.example.net."),
                cname("edge.example.net.", 120, "edge-v4.example.net."),
                a("edge-v4.example.net.", 60, "104.18.32.47"),
                a("edge-v4.example.net.", 90, "172.64.155.209"),
                // Not on the chain (an injected extra): ignored.
                a("other.example.", 5, "198.51.100.7"),
                // Another type: ignored.
                aaaa("edge-v4.example.net.", 5, "2606:4700::1"),
            ],
        );
        let got = interpret(&query, &answer).unwrap();
        assert_eq!(got.outcome, Outcome::Ok);
        assert_eq!(
            got.addrs,
            vec![
                "104.18.32.47".parse::<IpAddr>().unwrap(),
                "172.64.155.209".parse().unwrap()
            ]
        );
        assert_eq!(got.ttl, Some(60));
        assert_eq!(got.rcode, "NOERROR");
        assert_eq!(got.cnames, ["edge.example.net", "edge-v4.example.net"]);
    }

    #[test]
    fn names_compare_without_regard_to_case() {
        let query = build_query("ChatGPT.com", Family::Ipv6).unwrap();
        let answer = reply(
            &query,
            ResponseCode::NoError,
            vec![aaaa("chatgpt.COM.", 30, "2606:4700:4400::6812:202f")],
        );
        let got = interpret(&query, &answer).unwrap();
        assert_eq!(
            got.addrs,
            vec!["2606:4700:4400::6812:202f".parse::<IpAddr>().unwrap()]
        );
    }

    #[test]
    fn a_cname_loop_ends() {
        let query = build_query("a.example", Family::Ipv4).unwrap();
        let answer = reply(
            &query,
            ResponseCode::NoError,
            vec![
                cname("a.example.", 1, "b.example."),
                cname("b.example.", 1, "a.example."),
            ],
        );
        let got = interpret(&query, &answer).unwrap();
        assert_eq!(got.outcome.failure(), Some(Failure::DnsNoAnswer));
        assert_eq!(got.cnames, ["b.example"]);
    }

    #[test]
    fn response_codes_map_to_failure_strings() {
        let query = build_query("chatgpt.com", Family::Ipv4).unwrap();
        for (code, failure, rcode) in [
            (ResponseCode::NXDomain, Failure::DnsNxdomainError, "NXDOMAIN"),
            (ResponseCode::ServFail, Failure::DnsServfailError, "SERVFAIL"),
            (ResponseCode::Refused, Failure::DnsRefusedError, "REFUSED"),
            (ResponseCode::NotImp, Failure::DnsServfailError, "NOTIMP"),
        ] {
            let got = interpret(&query, &reply(&query, code, vec![])).unwrap();
            assert_eq!(got.outcome.failure(), Some(failure), "{rcode}");
            assert_eq!(got.rcode, rcode);
            assert!(got.addrs.is_empty());
        }
        let nodata = interpret(&query, &reply(&query, ResponseCode::NoError, vec![])).unwrap();
        assert_eq!(nodata.outcome.failure(), Some(Failure::DnsNoAnswer));
        assert_eq!(nodata.ttl, None);
    }

    #[test]
    fn an_answer_to_another_query_is_rejected() {
        let query = build_query("chatgpt.com", Family::Ipv4).unwrap();
        let mut wrong_id = reply(
            &query,
            ResponseCode::NoError,
            vec![a("chatgpt.com.", 1, "1.2.3.4")],
        );
        wrong_id.metadata.id = 4242;
        assert!(interpret(&query, &wrong_id).unwrap_err().contains("4242"));

        let other = build_query("example.com", Family::Ipv4).unwrap();
        let wrong_question = reply(
            &other,
            ResponseCode::NoError,
            vec![a("example.com.", 1, "1.2.3.4")],
        );
        assert!(
            interpret(&query, &wrong_question)
                .unwrap_err()
                .contains("example.com")
        );

        let other_type = build_query("chatgpt.com", Family::Ipv6).unwrap();
        let wrong_type = reply(&other_type, ResponseCode::NoError, vec![]);
        assert!(interpret(&query, &wrong_type).is_err());

        let mut no_question = reply(
            &query,
            ResponseCode::NoError,
            vec![a("chatgpt.com.", 1, "1.2.3.4")],
        );
        no_question.queries.clear();
        assert!(interpret(&query, &no_question).is_err());

        // An error answer without the question is still an answer.
        let mut bare_error = reply(&query, ResponseCode::ServFail, vec![]);
        bare_error.queries.clear();
        assert_eq!(
            interpret(&query, &bare_error).unwrap().outcome.failure(),
            Some(Failure::DnsServfailError)
        );

        assert!(interpret(&query, &query).unwrap_err().contains("not a response"));
    }

    #[test]
    fn only_dns_answers_about_the_name_count_as_answered() {
        let mut lookup = DohLookup {
            resolver: "https://1.1.1.1/dns-query".into(),
            name: "chatgpt.com".into(),
            family: Family::Ipv4,
            outcome: Outcome::Ok,
            addrs: vec![],
            ttl: None,
            rcode: None,
            cnames: vec![],
            duration: Duration::ZERO,
            observation: TargetObservation {
                target: Target {
                    name: "doh".into(),
                    surface: Surface::Control,
                    url: Url::parse("https://1.1.1.1/dns-query").unwrap(),
                },
                dns: None,
                attempts: vec![],
            },
        };
        for (failure, answered) in [
            (None, true),
            (Some(Failure::DnsNxdomainError), true),
            (Some(Failure::DnsNoAnswer), true),
            (Some(Failure::DnsServfailError), false),
            (Some(Failure::HttpInvalidResponse), false),
            (Some(Failure::GenericTimeoutError), false),
        ] {
            lookup.outcome = failure.map_or(Outcome::Ok, |f| Outcome::failed(f, "x"));
            assert_eq!(lookup.answered(), answered, "{failure:?}");
        }
    }

    #[test]
    fn the_default_resolvers_are_https_ip_literals() {
        for doh in DEFAULT_DOH {
            let url = Url::parse(doh).unwrap();
            assert_eq!(url.scheme(), "https");
            assert!(
                matches!(url.host(), Some(url::Host::Ipv4(_) | url::Host::Ipv6(_))),
                "{doh}"
            );
        }
    }
}
