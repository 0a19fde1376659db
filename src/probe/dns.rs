//! The DNS stage: A and AAAA looked up separately through the system's nameservers or
//! `--dns-server` (hickory). In a check this is the configured-servers view, beside the OS
//! resolver's (`os_resolver`), unless `--dns-server` made it the chain's resolver.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::RData;

use super::observation::{DnsDetail, DnsSource, Failure, Family, FamilyLookup, Outcome, Stage};

/// A resolver, or why there is none (a broken system configuration is a finding, not a crash).
#[derive(Clone)]
pub struct Dns {
    resolver: Result<Arc<TokioResolver>, String>,
    source: DnsSource,
}

impl Dns {
    /// The system resolver (`/etc/resolv.conf` and `/etc/hosts` on Unix), or `server` when given.
    pub fn new(server: Option<SocketAddr>, timeout: Duration) -> Dns {
        Dns::build(server, timeout, ResolveHosts::Auto)
    }

    /// The configured DNS servers asked directly: `server` when given, else the system's
    /// nameservers, and never the hosts file (the OS resolver's view is where it counts).
    pub fn configured(server: Option<SocketAddr>, timeout: Duration) -> Dns {
        Dns::build(server, timeout, ResolveHosts::Never)
    }

    /// True when `--dns-server` chose the resolver: the chain asks it rather than the OS.
    pub fn server_chosen(&self) -> bool {
        matches!(self.source, DnsSource::Server(_))
    }

    fn build(server: Option<SocketAddr>, timeout: Duration, system_hosts: ResolveHosts) -> Dns {
        let (config, mut opts, source) = match server {
            Some(addr) => {
                let mut udp = ConnectionConfig::udp();
                udp.port = addr.port();
                let mut tcp = ConnectionConfig::tcp();
                tcp.port = addr.port();
                let ns = NameServerConfig::new(addr.ip(), true, vec![udp, tcp]);
                let mut opts = ResolverOpts::default();
                // Like `dig @server`: ask that server, not /etc/hosts.
                opts.use_hosts_file = ResolveHosts::Never;
                (
                    ResolverConfig::from_name_servers(vec![ns]),
                    opts,
                    DnsSource::Server(addr),
                )
            }
            None => match hickory_resolver::system_conf::read_system_conf() {
                Ok((config, mut opts)) => {
                    opts.use_hosts_file = system_hosts;
                    let servers = config
                        .name_servers()
                        .iter()
                        .map(|ns| {
                            let port = ns.connections.first().map_or(53, |c| c.port);
                            SocketAddr::new(ns.ip, port)
                        })
                        .collect();
                    (config, opts, DnsSource::System { servers })
                }
                Err(e) => {
                    return Dns {
                        resolver: Err(format!("no usable system resolver configuration: {e}")),
                        source: DnsSource::System { servers: vec![] },
                    };
                }
            },
        };
        // One try per stage timeout: the stage's own timeout bounds the wait, and retries would
        // only hide the symptom we are here to measure.
        opts.timeout = timeout;
        opts.attempts = 1;
        opts.cache_size = 64;
        let resolver = TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
            .with_options(opts)
            .build()
            .map(Arc::new)
            .map_err(|e| format!("cannot start the resolver: {e}"));
        Dns { resolver, source }
    }

    /// Where answers come from (for the report).
    pub fn source(&self) -> &DnsSource {
        &self.source
    }

    /// Looks up `host` for the given families, concurrently.
    pub async fn lookup(&self, host: &str, families: &[Family], wait: Duration) -> Stage<DnsDetail> {
        let start = Instant::now();
        let fqdn = if host.ends_with('.') {
            host.to_string()
        } else {
            format!("{host}.")
        };
        let lookups = match families {
            [one] => vec![self.lookup_family(&fqdn, *one, wait).await],
            [first, second, ..] => {
                let (a, b) = tokio::join!(
                    self.lookup_family(&fqdn, *first, wait),
                    self.lookup_family(&fqdn, *second, wait)
                );
                vec![a, b]
            }
            [] => vec![],
        };
        let detail = DnsDetail {
            query: host.to_string(),
            source: self.source.clone(),
            lookups,
        };
        summarize(detail, start.elapsed())
    }

    async fn lookup_family(&self, fqdn: &str, family: Family, wait: Duration) -> FamilyLookup {
        let start = Instant::now();
        let resolver = match &self.resolver {
            Ok(r) => r.clone(),
            Err(msg) => {
                return FamilyLookup {
                    family,
                    outcome: Outcome::failed(Failure::DnsTemporaryFailure, msg.clone()),
                    addrs: vec![],
                    ttl: None,
                    duration: start.elapsed(),
                };
            }
        };
        let query = async {
            match family {
                Family::Ipv4 => resolver.ipv4_lookup(fqdn).await,
                Family::Ipv6 => resolver.ipv6_lookup(fqdn).await,
            }
        };
        let result = tokio::time::timeout(wait, query).await;
        let duration = start.elapsed();
        match result {
            Err(_) => FamilyLookup {
                family,
                outcome: Outcome::failed(
                    Failure::GenericTimeoutError,
                    format!("no answer within {:.1} s", wait.as_secs_f64()),
                ),
                addrs: vec![],
                ttl: None,
                duration,
            },
            Ok(Ok(lookup)) => {
                let mut addrs = Vec::new();
                let mut ttl: Option<u32> = None;
                for r in lookup.answers() {
                    let ip = match (&r.data, family) {
                        (RData::A(a), Family::Ipv4) => IpAddr::V4(a.0),
                        (RData::AAAA(a), Family::Ipv6) => IpAddr::V6(a.0),
                        _ => continue,
                    };
                    if !addrs.contains(&ip) {
                        addrs.push(ip);
                    }
                    ttl = Some(ttl.map_or(r.ttl, |t| t.min(r.ttl)));
                }
                let outcome = if addrs.is_empty() {
                    Outcome::failed(Failure::DnsNoAnswer, "the answer held no address")
                } else {
                    Outcome::Ok
                };
                FamilyLookup {
                    family,
                    outcome,
                    addrs,
                    ttl,
                    duration,
                }
            }
            Ok(Err(e)) => {
                let (failure, message) = classify_error(&e);
                FamilyLookup {
                    family,
                    outcome: Outcome::failed(failure, message),
                    addrs: vec![],
                    ttl: None,
                    duration,
                }
            }
        }
    }
}

/// The stage succeeds when any family has an address; otherwise it carries the most telling
/// failure (a family that merely has no records is normal when the other answered).
pub fn summarize(detail: DnsDetail, duration: Duration) -> Stage<DnsDetail> {
    let any = detail.lookups.iter().any(|l| !l.addrs.is_empty());
    if any {
        return Stage::ok(duration, detail);
    }
    // Prefer the first family's failure (IPv4 when both were asked), unless it only had no answer.
    let pick = detail
        .lookups
        .iter()
        .find(|l| !matches!(l.outcome.failure(), Some(Failure::DnsNoAnswer) | None))
        .or(detail.lookups.first());
    let outcome = match pick.map(|l| &l.outcome) {
        Some(Outcome::Failed { failure, message }) => Outcome::failed(*failure, message.clone()),
        _ => Outcome::failed(Failure::DnsNoAnswer, "no address in any answer"),
    };
    Stage {
        outcome,
        duration: Some(duration),
        detail: Some(detail),
        cut_by_deadline: false,
    }
}

/// Maps a resolver error to a failure string and a message.
fn classify_error(e: &NetError) -> (Failure, String) {
    let failure = match e {
        NetError::Dns(DnsError::NoRecordsFound(nr)) => match nr.response_code {
            ResponseCode::NXDomain => Failure::DnsNxdomainError,
            _ => Failure::DnsNoAnswer,
        },
        NetError::Dns(DnsError::ResponseCode(code)) => match code {
            ResponseCode::NXDomain => Failure::DnsNxdomainError,
            ResponseCode::Refused => Failure::DnsRefusedError,
            _ => Failure::DnsServfailError,
        },
        NetError::Timeout => Failure::GenericTimeoutError,
        NetError::Io(io) => match Failure::from_io(io) {
            f @ (Failure::NetworkUnreachable | Failure::HostUnreachable) => f,
            _ => Failure::DnsTemporaryFailure,
        },
        _ => Failure::DnsTemporaryFailure,
    };
    // hickory's text for a negative answer is its query's debug form (`Query { name: Name(…) }`):
    // said in words instead, with the answer's code.
    let mut message = match e {
        NetError::Dns(DnsError::NoRecordsFound(nr)) => format!(
            "no {} records for {} ({})",
            nr.query.query_type(),
            nr.query.name().to_ascii().trim_end_matches('.'),
            rcode_name(nr.response_code)
        ),
        NetError::Dns(DnsError::ResponseCode(code)) => {
            format!("the server answered {}", rcode_name(*code))
        }
        _ => e.to_string(),
    };
    if crate::safe_text::is_debug_text(&message) {
        message = "the resolver failed without a readable reason".to_string();
    }
    if message.len() > 300 {
        let mut end = 300;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
    }
    (failure, message)
}

/// A DNS response code as it is written in zone files and `dig` (`NXDOMAIN`, `SERVFAIL`).
fn rcode_name(code: ResponseCode) -> String {
    match code {
        ResponseCode::NoError => "NOERROR".into(),
        ResponseCode::FormErr => "FORMERR".into(),
        ResponseCode::ServFail => "SERVFAIL".into(),
        ResponseCode::NXDomain => "NXDOMAIN".into(),
        ResponseCode::NotImp => "NOTIMP".into(),
        ResponseCode::Refused => "REFUSED".into(),
        other => format!("RCODE {}", u16::from(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::net::NoRecords;
    use hickory_resolver::proto::op::Query;
    use hickory_resolver::proto::rr::{Name, RecordType};

    #[test]
    fn a_negative_answer_is_said_in_words_not_in_the_librarys_debug_form() {
        let query = Query::query(Name::from_ascii("chatgpt.com.").unwrap(), RecordType::A);
        for (code, failure, said) in [
            (
                ResponseCode::NXDomain,
                Failure::DnsNxdomainError,
                "no A records for chatgpt.com (NXDOMAIN)",
            ),
            (
                ResponseCode::NoError,
                Failure::DnsNoAnswer,
                "no A records for chatgpt.com (NOERROR)",
            ),
        ] {
            let e = NetError::from(NoRecords::new(query.clone(), code));
            assert!(e.to_string().contains("Query {"), "hickory's own text: {e}");
            let (f, message) = classify_error(&e);
            assert_eq!(f, failure);
            assert_eq!(message, said);
            assert!(!crate::safe_text::is_debug_text(&message));
        }
        let (_, message) = classify_error(&NetError::Dns(DnsError::ResponseCode(ResponseCode::Refused)));
        assert_eq!(message, "the server answered REFUSED");
    }
}
