//! Property tests of every parser that meets untrusted bytes (issue #17): DNS answers, the
//! status page's JSON, the edge's trace text, PAC scripts and their answers, hosts text, edge
//! ranges, PEM files and the values of flags and variables. None may panic on any input, and
//! where a value can be written and read back, it comes back the same. The HTTP CONNECT head
//! parser, private to its module, has its own properties in `probe/proxy/connect.rs`.
//!
//! The number of cases is proptest's (256), or `PROPTEST_CASES`: `scripts/test.sh` runs these
//! longer in release (`cargo test --release --lib proptests`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;

use crate::cli::values;
use crate::evidence::dns_consistency::EdgeRanges;
use crate::input::{pem, value};

/// Bytes that look like text more often than random bytes do: printable ASCII, the separators
/// parsers split on, and some bytes that are not UTF-8.
fn texty_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        6 => 0x20u8..0x7f,
        2 => prop::sample::select(b"\n\r\t:/[],.#=-{}\"".to_vec()),
        1 => any::<u8>(),
    ];
    prop::collection::vec(byte, 0..max)
}

/// Any JSON value, a few levels deep: status documents are judged field by field, so wrong
/// types in the right places are the interesting inputs.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let key = prop::sample::select(vec![
        "status",
        "indicator",
        "description",
        "components",
        "incidents",
        "name",
        "id",
        "group",
        "group_id",
        "impact",
        "summary",
        "ongoing_incidents",
        "affected_components",
        "structure",
        "items",
        "component",
        "scheduled_maintenances",
        "page",
        "updated_at",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec!["operational", "major_outage", "none", "critical", "minor"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| { Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()) }),
        ]
    })
}

fn ip_addr() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<u32>().prop_map(|v| IpAddr::V4(Ipv4Addr::from(v))),
        any::<u128>().prop_map(|v| IpAddr::V6(Ipv6Addr::from(v))),
    ]
}

/// A host name as the validators accept it.
fn host_name() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?){0,3}"
}

proptest! {
    // DNS answers: the DoH answer's wire format, read by hickory, judged by `interpret`.
    #[test]
    fn dns_answers_of_any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let query = crate::probe::doh::build_query("chatgpt.com", crate::probe::Family::Ipv4).unwrap();
        if let Ok(message) = hickory_resolver::proto::op::Message::from_vec(&bytes) {
            let _ = crate::probe::doh::interpret(&query, &message);
        }
    }

    #[test]
    fn dns_answers_read_back_the_addresses_they_carry(
        addrs in prop::collection::vec(any::<u32>(), 1..8),
        ttl in 0u32..1_000_000,
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        use hickory_resolver::proto::op::{Message, OpCode};
        use hickory_resolver::proto::rr::{RData, Record, rdata::A};
        let query = crate::probe::doh::build_query("chatgpt.com", crate::probe::Family::Ipv4).unwrap();
        let mut reply = Message::response(query.metadata.id, OpCode::Query);
        reply.queries = query.queries.clone();
        let owner = query.queries[0].name().clone();
        reply.answers = addrs
            .iter()
            .map(|a| Record::from_rdata(owner.clone(), ttl, RData::A(A(Ipv4Addr::from(*a)))))
            .collect();
        let mut wire = reply.to_vec().unwrap();
        let read = Message::from_vec(&wire).unwrap();
        let answer = crate::probe::doh::interpret(&query, &read).unwrap();
        let want: Vec<IpAddr> = addrs.iter().map(|a| IpAddr::V4(Ipv4Addr::from(*a))).collect();
        prop_assert_eq!(answer.addrs, want);
        // The same answer damaged in a few bytes: read or refused, never a panic.
        for (at, byte) in flips {
            let i = at.index(wire.len());
            wire[i] = byte;
        }
        if let Ok(m) = Message::from_vec(&wire) {
            let _ = crate::probe::doh::interpret(&query, &m);
        }
    }

    // The status page's documents.
    #[test]
    fn status_documents_of_any_bytes_never_panic(bytes in texty_bytes(400)) {
        let _ = crate::evidence::status_page::parse_status(&bytes);
        let mut page = crate::evidence::status_page::StatusPage::default();
        crate::evidence::status_page::merge_statuspage(&mut page, &bytes, "summary");
        crate::evidence::status_page::merge_native(&mut page, &bytes, "native");
    }

    #[test]
    fn status_documents_of_any_json_never_panic(doc in json_value()) {
        let bytes = serde_json::to_vec(&doc).unwrap();
        let _ = crate::evidence::status_page::parse_status(&bytes);
        let mut page = crate::evidence::status_page::StatusPage::default();
        crate::evidence::status_page::merge_statuspage(&mut page, &bytes, "summary");
        crate::evidence::status_page::merge_native(&mut page, &bytes, "native");
    }

    // The edge's `/cdn-cgi/trace` text.
    #[test]
    fn trace_text_of_any_bytes_never_panics(bytes in texty_bytes(600)) {
        let _ = crate::evidence::signatures::parse_trace(&bytes);
    }

    #[test]
    fn trace_text_of_key_value_lines_never_panics(
        lines in prop::collection::vec(
            (prop::sample::select(vec!["fl", "h", "ip", "ts", "visit_scheme", "uag", "colo",
                "sliver", "http", "loc", "tls", "sni", "warp", "gateway", "rbi", "kex", "x"]),
             ".{0,40}"),
            0..20),
    ) {
        let text: String = lines.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        let _ = crate::evidence::signatures::parse_trace(text.as_bytes());
    }

    // Hosts text.
    #[test]
    fn hosts_text_of_any_bytes_never_panics(bytes in texty_bytes(600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = crate::system::hosts::lines(&text).count();
        let names = ["chatgpt.com".to_string(), "api.openai.com".to_string()];
        let _ = crate::system::hosts::entries_for(&text, "hosts", &names);
    }

    #[test]
    fn hosts_lines_read_back_what_they_say(
        rows in prop::collection::vec((ip_addr(), prop::collection::vec(host_name(), 1..4)), 0..12),
    ) {
        let text: String = rows
            .iter()
            .map(|(ip, names)| format!("{ip}\t{}  # comment\n", names.join(" ")))
            .collect();
        let read: Vec<(IpAddr, Vec<String>)> = crate::system::hosts::lines(&text)
            .map(|l| (l.address, l.names))
            .collect();
        prop_assert_eq!(read, rows);
    }

    // Edge ranges.
    #[test]
    fn edge_ranges_of_any_bytes_never_panic(bytes in texty_bytes(600)) {
        let _ = EdgeRanges::from_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn edge_ranges_read_back_each_range_once(
        nets in prop::collection::vec((ip_addr(), 0u8..=128), 0..40),
    ) {
        let nets: Vec<ipnet::IpNet> = nets
            .into_iter()
            .map(|(ip, p)| {
                let max = if ip.is_ipv4() { 32 } else { 128 };
                ipnet::IpNet::new(ip, p % (max + 1)).unwrap().trunc()
            })
            .collect();
        let text: String = nets.iter().chain(&nets).map(|n| format!("{n} # twice\n")).collect();
        let ranges = EdgeRanges::from_text(&text).unwrap();
        let mut want = nets.clone();
        let mut seen = std::collections::HashSet::new();
        want.retain(|n| seen.insert(*n));
        prop_assert_eq!(ranges.nets(), want.as_slice());
        for n in &nets {
            prop_assert!(ranges.contains(n.network()));
        }
    }

    // PEM files (--cacert, SSL_CERT_FILE).
    #[test]
    fn pem_of_any_bytes_never_panics(bytes in texty_bytes(800)) {
        let _ = pem::certificates(&bytes);
    }

    #[test]
    fn pem_blocks_of_any_body_never_panic(
        label in prop::sample::select(vec!["CERTIFICATE", "PRIVATE KEY", "X509 CRL", "X"]),
        body in "[A-Za-z0-9+/=\n!-]{0,200}",
        end in prop::bool::ANY,
    ) {
        let end = if end { format!("-----END {label}-----\n") } else { String::new() };
        let text = format!("-----BEGIN {label}-----\n{body}\n{end}");
        let _ = pem::certificates(text.as_bytes());
    }

    // PAC answers (the string FindProxyForURL returns).
    #[test]
    fn pac_answers_of_any_text_never_panic(text in "[ -~;]{0,120}") {
        let _ = crate::system::pac::parse_choices(&text);
    }

    // The values of flags and variables.
    #[test]
    fn flag_values_of_any_text_never_panic(s in "\\PC{0,60}") {
        let _ = values::parse_resolve(&s);
        let _ = values::parse_connect_to(&s);
        let _ = values::parse_dns_server(&s);
        let _ = values::parse_secs(&s);
        let _ = values::parse_target_url(&s);
        let _ = values::parse_https_url(&s);
        let _ = values::parse_name(&s);
        let _ = values::parse_host_port(&s);
        let _ = value::port(&s);
        let _ = value::ip(&s);
        let _ = value::host(&s);
        let _ = crate::route::ProxyConfig::parse(&s, "HTTPS_PROXY");
        let env = |k: &str| (k == "NO_PROXY" || k == "HTTPS_PROXY").then(|| s.clone());
        let _ = crate::route::ProxySettings::from_sources(env, None, Some(&s));
    }

    #[test]
    fn flag_values_of_colons_and_brackets_never_panic(s in "[\\[\\]:0-9a-f.,]{0,40}") {
        let _ = values::parse_resolve(&s);
        let _ = values::parse_connect_to(&s);
        let _ = values::parse_dns_server(&s);
        let _ = values::parse_host_port(&s);
        let _ = value::ip(&s);
    }

    #[test]
    fn ports_read_back_and_only_digits_pass(p in 1u16..=65535, junk in "[+ -]?[0-9]{1,6}") {
        prop_assert_eq!(value::port(&p.to_string()).unwrap(), p);
        if let Ok(q) = value::port(&junk) {
            prop_assert!(junk.bytes().all(|b| b.is_ascii_digit()) && q > 0);
        }
    }

    #[test]
    fn addresses_read_back_bare_and_in_brackets(ip in ip_addr()) {
        prop_assert_eq!(value::ip(&ip.to_string()).unwrap(), ip);
        let bracketed = value::ip(&format!("[{ip}]"));
        match ip {
            IpAddr::V6(_) => prop_assert_eq!(bracketed.unwrap(), ip),
            IpAddr::V4(_) => prop_assert!(bracketed.is_err()),
        }
        let (open, close) = (value::ip(&format!("[{ip}")), value::ip(&format!("{ip}]")));
        prop_assert!(open.is_err() && close.is_err());
    }

    #[test]
    fn resolve_rules_read_back(host in host_name(), port in 1u16..=65535, addrs in prop::collection::vec(ip_addr(), 1..4)) {
        let written: Vec<String> = addrs
            .iter()
            .map(|a| if a.is_ipv6() { format!("[{a}]") } else { a.to_string() })
            .collect();
        let rule = values::parse_resolve(&format!("{host}:{port}:{}", written.join(","))).unwrap();
        prop_assert_eq!(rule.host, host);
        prop_assert_eq!(rule.port, port);
        prop_assert_eq!(rule.addrs, addrs);
    }

    #[test]
    fn proxy_urls_read_back_from_their_display(
        scheme in prop::sample::select(vec!["http", "socks5", "socks5h"]),
        host in prop_oneof![host_name(), ip_addr().prop_map(|a| crate::route::bracket(&a.to_string()))],
        port in 1u16..=65535,
    ) {
        let url = format!("{scheme}://{host}:{port}");
        let parsed = crate::route::ProxyConfig::parse(&url, "--proxy").unwrap();
        let again = crate::route::ProxyConfig::parse(&parsed.display(), "--proxy").unwrap();
        prop_assert_eq!(parsed.port(), port);
        prop_assert_eq!(again.display(), parsed.display());
    }
}

/// PAC scripts run in QuickJS on a thread of their own under a time limit: a few cases (an
/// eighth of the others') with a 100 ms limit keep the run short.
fn pac_config() -> ProptestConfig {
    let base = ProptestConfig::default();
    ProptestConfig {
        cases: (base.cases / 8).max(4),
        ..base
    }
}

proptest! {
    #![proptest_config(pac_config())]

    #[test]
    fn pac_scripts_of_any_text_end_in_a_result_or_an_error(
        body in "[ -~\n]{0,160}",
        returned in "[ -~]{0,60}",
    ) {
        use crate::system::pac::{PacClock, PacEnvironment, PacLimits};
        let env = PacEnvironment {
            resolve: std::sync::Arc::new(|_: &str| Vec::new()),
            my_ip: IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10)),
            clock: PacClock::fixed(
                time::OffsetDateTime::UNIX_EPOCH,
                time::UtcOffset::UTC,
            ),
            limits: PacLimits {
                time: std::time::Duration::from_millis(100),
                ..PacLimits::default()
            },
        };
        let url = url::Url::parse("https://chatgpt.com/").unwrap();
        let literal = serde_json::to_string(&returned).unwrap();
        for script in [
            body.clone(),
            format!("function FindProxyForURL(url, host) {{ {body} }}"),
            format!("function FindProxyForURL(url, host) {{ return {literal}; }}"),
        ] {
            let start = std::time::Instant::now();
            let _ = crate::system::pac::evaluate(&script, &url, "chatgpt.com", &env);
            prop_assert!(start.elapsed() < std::time::Duration::from_secs(2));
        }
    }
}
