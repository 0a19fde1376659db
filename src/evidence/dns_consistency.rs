//! Whether the system resolver's answer for a name can be believed (the path layer of the verdict,
//! ARCHITECTURE.md; as in OONI's web_connectivity).
//!
//! An address is *consistent* when a DoH control resolver returned the same address, or when a
//! TLS handshake to it with the real SNI presented a chain for the name that the public store
//! accepted: completing that handshake proves the server holds the name's key, wherever it sits.
//! Only the remaining addresses are judged, and then bogons, Teredo AAAA answers and addresses
//! outside the expected edge ranges weigh as evidence — never alone, and never against a valid
//! handshake (the signatures OONI and censorship studies report).
//!
//! Pure functions over probe data; `diagnose` maps the verdicts to `dns_tampered` and
//! `dns_blocked`.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::LazyLock;

use ipnet::IpNet;

use crate::i18n::{Lang, Message};
use crate::input::EDGE_RANGES_MAX;
use crate::msg;
use crate::probe::observation::DohLookup;
use crate::probe::{DnsDetail, DnsSource, Failure, Family, Outcome, Stage, TlsDetail};
use crate::tr;

/// Special-purpose IPv4 ranges that never answer for a public name on the internet.
const BOGONS_V4: &[&str] = &[
    "0.0.0.0/8",       // "this network" (0.0.0.0 is a common blocking answer)
    "10.0.0.0/8",      // RFC 1918
    "100.64.0.0/10",   // shared address space (CGNAT)
    "127.0.0.0/8",     // loopback
    "169.254.0.0/16",  // link-local
    "172.16.0.0/12",   // RFC 1918
    "192.0.0.0/24",    // IETF protocol assignments
    "192.0.2.0/24",    // documentation (TEST-NET-1)
    "192.88.99.0/24",  // deprecated 6to4 relay anycast
    "192.168.0.0/16",  // RFC 1918
    "198.18.0.0/15",   // benchmarking
    "198.51.100.0/24", // documentation (TEST-NET-2)
    "203.0.113.0/24",  // documentation (TEST-NET-3)
    "224.0.0.0/4",     // multicast
    "240.0.0.0/4",     // reserved, and the limited broadcast 255.255.255.255
];

/// Special-purpose IPv6 ranges (Teredo is not one: see [`is_teredo`]).
const BOGONS_V6: &[&str] = &[
    "::/96",         // unspecified, loopback, deprecated IPv4-compatible
    "100::/64",      // discard-only
    "2001:2::/48",   // benchmarking
    "2001:10::/28",  // ORCHID (deprecated)
    "2001:20::/28",  // ORCHIDv2
    "2001:db8::/32", // documentation
    "3fff::/20",     // documentation (RFC 9637)
    "fc00::/7",      // unique local
    "fe80::/10",     // link-local
    "fec0::/10",     // deprecated site-local
    "ff00::/8",      // multicast
];

static BOGON_NETS: LazyLock<Vec<IpNet>> = LazyLock::new(|| {
    BOGONS_V4
        .iter()
        .chain(BOGONS_V6)
        .filter_map(|n| n.parse().ok())
        .collect()
});

/// True for addresses that cannot be a public server's: RFC 1918, loopback, link-local, CGNAT
/// 100.64/10, 0/8, 240/4, multicast, broadcast, the documentation and benchmarking ranges, ULA
/// fc00::/7, IPv6 link-local, loopback and unspecified, and IPv4 addresses of those kinds carried
/// in IPv6 (IPv4-mapped, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`).
///
/// A bogon only *weighs* as evidence of tampering: a company's split DNS (or this project's lab)
/// answers private addresses that are genuine, which a TLS handshake proves (see [`judge`]).
pub fn is_bogon(ip: IpAddr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return is_bogon(IpAddr::V4(v4));
    }
    BOGON_NETS.iter().any(|n| n.contains(&ip))
}

/// The IPv4 address inside an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.
fn embedded_v4(ip: IpAddr) -> Option<Ipv4Addr> {
    let IpAddr::V6(v6) = ip else { return None };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = v6.segments();
    let octets = v6.octets();
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]));
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(octets[2], octets[3], octets[4], octets[5]));
    }
    None
}

/// True for Teredo addresses (2001::/32): where the Great Firewall's forged AAAA answers point.
pub fn is_teredo(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V6(v6) => v6.segments()[..2] == [0x2001, 0],
        IpAddr::V4(_) => false,
    }
}

/// Cloudflare's published ranges, which OpenAI's hostnames resolve into.
pub const CLOUDFLARE_RANGES: &[&str] = &[
    "173.245.48.0/20",
    "103.21.244.0/22",
    "103.22.200.0/22",
    "103.31.4.0/22",
    "141.101.64.0/18",
    "108.162.192.0/18",
    "190.93.240.0/20",
    "188.114.96.0/20",
    "197.234.240.0/22",
    "198.41.128.0/17",
    "162.158.0.0/15",
    "104.16.0.0/13",
    "104.24.0.0/14",
    "172.64.0.0/13",
    "131.0.72.0/22",
    "2400:cb00::/32",
    "2606:4700::/32",
    "2803:f800::/32",
    "2405:b500::/32",
    "2405:8100::/32",
    "2a06:98c0::/29",
    "2c0f:f248::/32",
];

/// The address ranges the service's edge is expected in. Data, so a flag or file can replace it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EdgeRanges {
    nets: Vec<IpNet>,
}

impl EdgeRanges {
    /// Cloudflare's published ranges ([`CLOUDFLARE_RANGES`]).
    pub fn cloudflare() -> EdgeRanges {
        EdgeRanges {
            nets: CLOUDFLARE_RANGES.iter().filter_map(|n| n.parse().ok()).collect(),
        }
    }

    /// Parses one CIDR range (or bare address) per line; `#` starts a comment. Host bits are
    /// ignored (`104.16.0.1/13` is `104.16.0.0/13`) and repeats are dropped, in time linear in
    /// the text; more than [`EDGE_RANGES_MAX`] ranges are refused. No ranges at all is allowed:
    /// then no address is judged by range.
    pub fn from_text(text: &str) -> Result<EdgeRanges, Message> {
        let mut nets = Vec::new();
        let mut seen = HashSet::new();
        for (i, line) in text.lines().enumerate() {
            let entry = line.find('#').map_or(line, |at| &line[..at]).trim();
            if entry.is_empty() {
                continue;
            }
            let Some(net) = parse_range(entry) else {
                // Quoted short: the line may be megabytes long.
                let shown: String = entry.chars().take(100).collect();
                return Err(msg!("edge-ranges-bad-line", line = i + 1, entry = shown));
            };
            if seen.insert(net) {
                if nets.len() == EDGE_RANGES_MAX {
                    return Err(msg!("edge-ranges-too-many", limit = EDGE_RANGES_MAX));
                }
                nets.push(net);
            }
        }
        Ok(EdgeRanges { nets })
    }

    /// True when `ip` (or the IPv4 address inside an IPv4-mapped one) is in a range.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 @ IpAddr::V4(_) => v4,
        };
        self.nets.iter().any(|n| n.contains(&ip))
    }

    /// The ranges.
    pub fn nets(&self) -> &[IpNet] {
        &self.nets
    }

    /// True when there are no ranges (range evidence is then not used).
    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }
}

/// `ADDR/PREFIX` (host bits cleared) or a bare address. Parsed with the standard library's
/// address parser, which is fast even in a debug build.
fn parse_range(entry: &str) -> Option<IpNet> {
    let (addr, prefix) = match entry.split_once('/') {
        Some((a, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            (a, Some(p.parse::<u8>().ok()?))
        }
        Some(_) => return None,
        None => (entry, None),
    };
    let ip = addr.parse::<IpAddr>().ok()?;
    match prefix {
        Some(p) => IpNet::new(ip, p).ok().map(|n| n.trunc()),
        None => Some(IpNet::from(ip)),
    }
}

/// What a TLS handshake to an address, with the name as SNI, proved about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// The handshake completed and presented a chain for the name that the public store (plus
    /// `--cacert`) accepted: the address serves the name.
    PublicTrusted,
    /// The handshake was tried and proved nothing: it failed (reset, timeout, …) or showed a
    /// chain the public store rejected. A chain only the system store trusts (a TLS-intercepting
    /// middlebox) is a rejection here: the middlebox answered, not necessarily the address.
    Failed(Failure),
    /// No handshake with this name was tried (the connection did not open, or another SNI).
    NotTried,
}

impl Proof {
    /// Reads a TLS stage. Only a completed handshake counts as proof (a chain verified before
    /// the handshake failed does not show that the server holds the key), and only with `name`
    /// as SNI.
    pub fn from_tls(name: &str, tls: Option<&Stage<TlsDetail>>) -> Proof {
        let Some(stage) = tls else {
            return Proof::NotTried;
        };
        if let Outcome::Skipped { .. } = stage.outcome {
            return Proof::NotTried;
        }
        let detail = stage.detail.as_ref();
        let same_name = detail
            .and_then(|d| d.sni.as_deref())
            .is_some_and(|sni| same_name(sni, name));
        if !same_name {
            return Proof::NotTried;
        }
        let public = detail.and_then(|d| d.public_store.as_ref());
        match (stage.is_ok(), public) {
            (true, Some(v)) if v.is_trusted() => Proof::PublicTrusted,
            (_, Some(crate::probe::Verification::Rejected { failure, .. })) => Proof::Failed(*failure),
            _ => Proof::Failed(stage.outcome.failure().unwrap_or(Failure::SslFailedHandshake)),
        }
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim_end_matches('.')
        .eq_ignore_ascii_case(b.trim_end_matches('.'))
}

/// What the system resolver said about the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemAnswer {
    /// Addresses (any family).
    Addrs(Vec<IpAddr>),
    /// No address in any family, with the DNS stage's failure.
    Failed(Failure),
}

impl SystemAnswer {
    /// Reads a target's DNS stage; `None` when there is nothing to judge (addresses from
    /// `--resolve` or an IP literal, or a stage that did not run).
    pub fn from_stage(stage: &Stage<DnsDetail>) -> Option<SystemAnswer> {
        let detail = stage.detail.as_ref();
        if detail.is_some_and(|d| matches!(d.source, DnsSource::Pinned | DnsSource::Literal)) {
            return None;
        }
        match &stage.outcome {
            Outcome::Ok => Some(SystemAnswer::Addrs(
                detail.map(|d| d.addrs().copied().collect()).unwrap_or_default(),
            )),
            Outcome::Failed { failure, .. } => Some(SystemAnswer::Failed(*failure)),
            Outcome::Skipped { .. } => None,
        }
    }
}

/// What one control resolver said about the name, for one address family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlAnswer {
    /// The resolver (a DoH URL).
    pub resolver: String,
    pub family: Family,
    /// The addresses, or why there are none: `dns_nxdomain_error` and `dns_no_answer` are
    /// answers about the name; any other failure means this control could not be asked.
    pub answer: Result<Vec<IpAddr>, Failure>,
}

impl ControlAnswer {
    /// From a DoH lookup.
    pub fn from_doh(lookup: &DohLookup) -> ControlAnswer {
        ControlAnswer {
            resolver: lookup.resolver.clone(),
            family: lookup.family,
            answer: match lookup.outcome.failure() {
                None => Ok(lookup.addrs.clone()),
                Some(f) => Err(f),
            },
        }
    }

    /// What it said, for evidence: its addresses, "no address" or the failure's code.
    pub fn describe(&self, lang: Lang) -> String {
        match &self.answer {
            Ok(a) if !a.is_empty() => {
                // Addresses separated by spaces, as resolvers print them: raw data.
                let addrs: Vec<String> = a.iter().map(IpAddr::to_string).collect();
                tr!(
                    lang,
                    "diag-control-answer-addresses",
                    resolver = &self.resolver,
                    addresses = addrs.join(" ")
                )
            }
            Ok(_) => tr!(lang, "diag-control-answer-none", resolver = &self.resolver),
            Err(f) => tr!(
                lang,
                "diag-control-answer-failed",
                resolver = &self.resolver,
                code = f.as_str()
            ),
        }
    }

    /// True when the resolver answered about the name (addresses, NXDOMAIN or NODATA).
    pub fn answered(&self) -> bool {
        matches!(
            self.answer,
            Ok(_) | Err(Failure::DnsNxdomainError | Failure::DnsNoAnswer)
        )
    }

    /// The addresses returned (none when it failed).
    pub fn addrs(&self) -> &[IpAddr] {
        self.answer.as_deref().unwrap_or_default()
    }
}

/// Why an address was judged as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A control resolver returned the same address.
    SameAsControl { resolver: String },
    /// TLS with the real SNI presented a publicly trusted chain for the name.
    ProvenByTls,
    /// Every control resolver of this family that answered gave other addresses (or none):
    /// what each said.
    DiffersFromControls { resolvers: Vec<ControlAnswer> },
    /// No control resolver of this family answered: nothing to compare with.
    NoControlAnswer,
    /// The handshake with the real SNI showed a chain that is not the name's publicly trusted
    /// one (wrong name, unknown issuer, invalid): weighs as evidence.
    WrongCertificate(Failure),
    /// The handshake did not complete (reset, silence, …): says nothing of who answered, since
    /// SNI filtering looks the same.
    HandshakeFailed(Failure),
    /// No handshake with the name was tried.
    NotProbed,
    /// A private or reserved address ([`is_bogon`]): weighs as evidence.
    Bogon,
    /// A Teredo AAAA answer ([`is_teredo`]): weighs as evidence.
    Teredo,
    /// Outside the expected edge ranges: weighs as evidence.
    OutsideEdgeRanges,
}

impl Reason {
    /// True for the reasons that weigh towards a forged answer.
    pub fn is_weight(&self) -> bool {
        matches!(
            self,
            Reason::WrongCertificate(_) | Reason::Bogon | Reason::Teredo | Reason::OutsideEdgeRanges
        )
    }

    /// A short phrase for people, in `lang` (`diag-reason-*` in locales/*/diagnose.ftl).
    pub fn describe(&self, name: &str, lang: Lang) -> String {
        match self {
            Reason::SameAsControl { resolver } => {
                tr!(lang, "diag-reason-same-as-control", resolver = resolver)
            }
            Reason::ProvenByTls => tr!(lang, "diag-reason-proven-by-tls", name = name),
            Reason::DiffersFromControls { resolvers } => {
                let said: Vec<String> = resolvers.iter().map(|c| c.describe(lang)).collect();
                let sep = tr!(lang, "list-separator");
                tr!(
                    lang,
                    "diag-reason-differs-from-controls",
                    answers = said.join(&sep)
                )
            }
            Reason::NoControlAnswer => tr!(lang, "diag-reason-no-control-answer"),
            Reason::WrongCertificate(f) => tr!(
                lang,
                "diag-reason-wrong-certificate",
                name = name,
                code = f.as_str(),
                failure = f.describe(lang)
            ),
            Reason::HandshakeFailed(f) => tr!(
                lang,
                "diag-reason-handshake-failed",
                name = name,
                code = f.as_str()
            ),
            Reason::NotProbed => tr!(lang, "diag-reason-not-probed", name = name),
            Reason::Bogon => tr!(lang, "diag-reason-bogon"),
            Reason::Teredo => tr!(lang, "diag-reason-teredo"),
            Reason::OutsideEdgeRanges => tr!(lang, "diag-reason-outside-edge-ranges"),
        }
    }
}

/// The judgement of one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressJudgement {
    /// A control returned it, or TLS proved it.
    Consistent,
    /// It disagrees with every control that answered, TLS did not prove it, and evidence weighs
    /// against it.
    Forged,
    /// Not proven either way.
    Unknown,
}

/// One address of the system resolver's answer, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressVerdict {
    pub addr: IpAddr,
    pub judgement: AddressJudgement,
    pub reasons: Vec<Reason>,
}

/// The verdict on a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consistency {
    /// No address is forged and at least one is consistent; or the name resolves nowhere
    /// (the system resolver and the controls agree it has no address).
    Consistent,
    /// These addresses are forged (→ `dns_tampered`); `reasons` joins theirs.
    Tampered {
        addrs: Vec<IpAddr>,
        reasons: Vec<Reason>,
    },
    /// The system resolver gave no address (`failure`) while these controls resolved the name
    /// (→ `dns_blocked`). Whether other names resolve here — a resolver that is down rather
    /// than blocking — is the caller's check.
    Blocked {
        failure: Failure,
        resolvers: Vec<String>,
    },
    /// Nothing could be proven either way (no control answered, no handshake proved anything).
    Inconclusive,
}

/// The judgement of the system resolver's answer for one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameConsistency {
    pub name: String,
    /// Per address, in the system resolver's order (empty when it gave none).
    pub addresses: Vec<AddressVerdict>,
    pub verdict: Consistency,
}

impl NameConsistency {
    /// One line per address that is not consistent (or the blocking), for the report's
    /// evidence, in `lang`.
    pub fn evidence(&self, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        if let Consistency::Blocked { failure, resolvers } = &self.verdict {
            lines.push(tr!(
                lang,
                "diag-dns-blocked-evidence",
                name = &self.name,
                code = failure.as_str(),
                resolvers = crate::i18n::list(lang, resolvers)
            ));
        }
        for a in &self.addresses {
            let why: Vec<String> = a.reasons.iter().map(|r| r.describe(&self.name, lang)).collect();
            let why = why.join(&tr!(lang, "diag-clause-separator"));
            let address = a.addr.to_string();
            lines.push(match a.judgement {
                AddressJudgement::Consistent => continue,
                AddressJudgement::Forged => tr!(
                    lang,
                    "diag-dns-address-forged",
                    name = &self.name,
                    address = address,
                    reasons = why
                ),
                AddressJudgement::Unknown => tr!(
                    lang,
                    "diag-dns-address-unconfirmed",
                    name = &self.name,
                    address = address,
                    reasons = why
                ),
            });
        }
        lines
    }
}

/// Judges the system resolver's answer for `name` against control resolvers and TLS proofs.
///
/// Per address: consistent when a control of the same family returned it, or `tls_proof` says
/// [`Proof::PublicTrusted`]. Otherwise the evidence is recorded — bogon, Teredo, outside `ranges`
/// (unless `ranges` is empty), a wrong certificate — and the address is *forged* only when at
/// least one control of its family answered, none returned it, and at least one of those weighs
/// against it; else *unknown*. A failed handshake alone (reset, silence) weighs nothing: SNI
/// filtering of a genuine address looks the same. Overall: any forged address → `Tampered`; else
/// any consistent one → `Consistent`; else `Inconclusive`.
///
/// When the system resolver gave no address: `Blocked` if a control resolved the name,
/// `Consistent` if the controls that answered agree it has none, else `Inconclusive`.
pub fn judge(
    name: &str,
    system: &SystemAnswer,
    controls: &[ControlAnswer],
    tls_proof: &dyn Fn(IpAddr) -> Proof,
    ranges: &EdgeRanges,
) -> NameConsistency {
    let name = name.trim_end_matches('.').to_string();
    let addrs: Vec<IpAddr> = match system {
        SystemAnswer::Addrs(a) if !a.is_empty() => {
            let mut unique = Vec::new();
            for ip in a {
                if !unique.contains(ip) {
                    unique.push(*ip);
                }
            }
            unique
        }
        SystemAnswer::Addrs(_) => return judge_failure(name, Failure::DnsNoAnswer, controls),
        SystemAnswer::Failed(f) => return judge_failure(name, *f, controls),
    };

    let addresses: Vec<AddressVerdict> = addrs
        .iter()
        .map(|&ip| judge_address(ip, controls, tls_proof, ranges))
        .collect();
    let forged: Vec<&AddressVerdict> = addresses
        .iter()
        .filter(|a| a.judgement == AddressJudgement::Forged)
        .collect();
    let verdict = if !forged.is_empty() {
        let mut reasons: Vec<Reason> = Vec::new();
        for r in forged.iter().flat_map(|a| &a.reasons) {
            if !reasons.contains(r) {
                reasons.push(r.clone());
            }
        }
        Consistency::Tampered {
            addrs: forged.iter().map(|a| a.addr).collect(),
            reasons,
        }
    } else if addresses
        .iter()
        .any(|a| a.judgement == AddressJudgement::Consistent)
    {
        Consistency::Consistent
    } else {
        Consistency::Inconclusive
    };
    NameConsistency {
        name,
        addresses,
        verdict,
    }
}

fn judge_address(
    ip: IpAddr,
    controls: &[ControlAnswer],
    tls_proof: &dyn Fn(IpAddr) -> Proof,
    ranges: &EdgeRanges,
) -> AddressVerdict {
    let family = Family::of(&ip);
    let comparable: Vec<&ControlAnswer> = controls
        .iter()
        .filter(|c| c.family == family && c.answered())
        .collect();
    let mut reasons: Vec<Reason> = comparable
        .iter()
        .filter(|c| c.addrs().contains(&ip))
        .map(|c| Reason::SameAsControl {
            resolver: c.resolver.clone(),
        })
        .collect();
    reasons.dedup();
    if !reasons.is_empty() {
        return AddressVerdict {
            addr: ip,
            judgement: AddressJudgement::Consistent,
            reasons,
        };
    }
    let proof = tls_proof(ip);
    if proof == Proof::PublicTrusted {
        return AddressVerdict {
            addr: ip,
            judgement: AddressJudgement::Consistent,
            reasons: vec![Reason::ProvenByTls],
        };
    }
    if comparable.is_empty() {
        reasons.push(Reason::NoControlAnswer);
    } else {
        let mut resolvers: Vec<ControlAnswer> = Vec::new();
        for c in &comparable {
            if !resolvers
                .iter()
                .any(|r| r.resolver == c.resolver && r.answer == c.answer)
            {
                resolvers.push((*c).clone());
            }
        }
        reasons.push(Reason::DiffersFromControls { resolvers });
    }
    reasons.push(match proof {
        Proof::Failed(
            f @ (Failure::SslInvalidHostname | Failure::SslUnknownAuthority | Failure::SslInvalidCertificate),
        ) => Reason::WrongCertificate(f),
        Proof::Failed(f) => Reason::HandshakeFailed(f),
        _ => Reason::NotProbed,
    });
    if is_teredo(ip) {
        reasons.push(Reason::Teredo);
    } else if is_bogon(ip) {
        reasons.push(Reason::Bogon);
    } else if !ranges.is_empty() && !ranges.contains(ip) {
        reasons.push(Reason::OutsideEdgeRanges);
    }
    let judgement = if !comparable.is_empty() && reasons.iter().any(Reason::is_weight) {
        AddressJudgement::Forged
    } else {
        AddressJudgement::Unknown
    };
    AddressVerdict {
        addr: ip,
        judgement,
        reasons,
    }
}

fn judge_failure(name: String, failure: Failure, controls: &[ControlAnswer]) -> NameConsistency {
    let mut resolving: Vec<String> = Vec::new();
    for c in controls {
        if !c.addrs().is_empty() && !resolving.contains(&c.resolver) {
            resolving.push(c.resolver.clone());
        }
    }
    let verdict = if !resolving.is_empty() {
        Consistency::Blocked {
            failure,
            resolvers: resolving,
        }
    } else if controls.iter().any(ControlAnswer::answered) {
        Consistency::Consistent
    } else {
        Consistency::Inconclusive
    };
    NameConsistency {
        name,
        addresses: vec![],
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Verification;
    use std::collections::HashMap;
    use std::time::Duration;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an IP address literal")
    }

    const CF: &str = "https://1.1.1.1/dns-query";
    const ALI: &str = "https://223.5.5.5/dns-query";

    fn ctl(resolver: &str, family: Family, answer: Result<&[&str], Failure>) -> ControlAnswer {
        ControlAnswer {
            resolver: resolver.to_string(),
            family,
            answer: answer.map(|a| a.iter().map(|s| ip(s)).collect()),
        }
    }

    /// Both default resolvers agree on chatgpt.com's Cloudflare addresses.
    fn controls_ok() -> Vec<ControlAnswer> {
        let v4: &[&str] = &["104.18.32.47", "172.64.155.209"];
        let v6: &[&str] = &["2606:4700:4400::6812:202f", "2606:4700:4400::ac40:9bd1"];
        vec![
            ctl(CF, Family::Ipv4, Ok(v4)),
            ctl(CF, Family::Ipv6, Ok(v6)),
            ctl(ALI, Family::Ipv4, Ok(v4)),
            ctl(ALI, Family::Ipv6, Ok(v6)),
        ]
    }

    fn controls_down() -> Vec<ControlAnswer> {
        vec![
            ctl(CF, Family::Ipv4, Err(Failure::GenericTimeoutError)),
            ctl(CF, Family::Ipv6, Err(Failure::ConnectionReset)),
            ctl(ALI, Family::Ipv4, Err(Failure::HttpInvalidResponse)),
        ]
    }

    fn addrs(list: &[&str]) -> SystemAnswer {
        SystemAnswer::Addrs(list.iter().map(|s| ip(s)).collect())
    }

    fn proofs(table: &[(&str, Proof)]) -> impl Fn(IpAddr) -> Proof {
        let map: HashMap<IpAddr, Proof> = table.iter().map(|(a, p)| (ip(a), *p)).collect();
        move |a| map.get(&a).copied().unwrap_or(Proof::NotTried)
    }

    fn run(system: SystemAnswer, controls: &[ControlAnswer], proof: &[(&str, Proof)]) -> NameConsistency {
        judge(
            "chatgpt.com",
            &system,
            controls,
            &proofs(proof),
            &EdgeRanges::cloudflare(),
        )
    }

    fn judgement_of(n: &NameConsistency, addr: &str) -> AddressJudgement {
        n.addresses
            .iter()
            .find(|a| a.addr == ip(addr))
            .map(|a| a.judgement)
            .expect("address judged")
    }

    fn tampered(n: &NameConsistency) -> Vec<IpAddr> {
        match &n.verdict {
            Consistency::Tampered { addrs, .. } => addrs.clone(),
            other => panic!("expected Tampered, got {other:?}"),
        }
    }

    #[test]
    fn bogons_cover_the_special_purpose_ranges() {
        let table: &[(&str, bool)] = &[
            ("0.0.0.0", true),
            ("10.1.2.3", true),
            ("100.64.0.1", true),
            ("100.127.255.255", true),
            ("100.128.0.1", false),
            ("127.0.0.1", true),
            ("169.254.169.254", true),
            ("172.16.0.1", true),
            ("172.31.255.255", true),
            ("172.32.0.1", false),
            ("192.0.0.8", true),
            ("192.0.2.10", true),
            ("192.168.1.1", true),
            ("198.18.0.1", true),
            ("198.51.100.7", true),
            ("203.0.113.9", true),
            ("224.0.0.251", true),
            ("239.255.255.250", true),
            ("240.0.0.1", true),
            ("255.255.255.255", true),
            ("104.18.32.47", false),
            ("31.13.94.37", false),
            ("8.8.8.8", false),
            ("::", true),
            ("::1", true),
            ("::7f00:1", true),
            ("fe80::1", true),
            ("fc00::1", true),
            ("fd12:3456::1", true),
            ("fec0::1", true),
            ("ff02::1", true),
            ("100::1", true),
            ("2001:db8::1", true),
            ("3fff::1", true),
            ("2001:2::1", true),
            ("2001:20::1", true),
            ("::ffff:10.0.0.1", true),
            ("::ffff:127.0.0.1", true),
            ("::ffff:104.18.32.47", false),
            ("64:ff9b::a00:1", true),
            ("64:ff9b::6812:202f", false),
            ("2002:c0a8:101::1", true),
            ("2002:6812:202f::1", false),
            ("2606:4700:4400::6812:202f", false),
            ("2001::6ca0:a535", false), // Teredo is its own signal
            ("2a03:2880:f12f:83:face:b00c::25de", false),
        ];
        for (addr, want) in table {
            assert_eq!(is_bogon(ip(addr)), *want, "{addr}");
        }
    }

    #[test]
    fn teredo_is_2001_slash_32_only() {
        for (addr, want) in [
            ("2001::6ca0:a535", true),
            ("2001:0:4136:e378:8000:63bf:3fff:fdd2", true),
            ("2001:1::1", false),
            ("2001:db8::1", false),
            ("2606:4700::1", false),
            ("32.1.0.0", false),
        ] {
            assert_eq!(is_teredo(ip(addr)), want, "{addr}");
        }
    }

    #[test]
    fn cloudflare_ranges_hold_openais_addresses_and_not_the_forged_pool() {
        let cf = EdgeRanges::cloudflare();
        assert_eq!(cf.nets().len(), CLOUDFLARE_RANGES.len());
        for inside in [
            "104.18.32.47",
            "172.64.155.209",
            "162.159.140.229",
            "2606:4700:4400::6812:202f",
            "::ffff:104.18.32.47",
        ] {
            assert!(cf.contains(ip(inside)), "{inside}");
        }
        for outside in [
            "31.13.94.37",     // Facebook
            "104.244.42.1",    // Twitter
            "162.125.2.5",     // Dropbox
            "2001::6ca0:a535", // Teredo
            "10.0.0.1",
        ] {
            assert!(!cf.contains(ip(outside)), "{outside}");
        }
    }

    #[test]
    fn edge_ranges_read_from_text() {
        let text = "# lab edge\n10.77.0.0/16   # the namespace\n\n fd00:77::/48\n192.0.2.1\n10.77.0.5/16\n";
        let r = EdgeRanges::from_text(text).unwrap();
        assert_eq!(
            r.nets().len(),
            3,
            "duplicate after truncation dropped: {:?}",
            r.nets()
        );
        assert!(r.contains(ip("10.77.3.4")));
        assert!(r.contains(ip("fd00:77::9")));
        assert!(r.contains(ip("192.0.2.1")));
        assert!(!r.contains(ip("192.0.2.2")));
        assert!(!r.contains(ip("104.18.32.47")));

        let err = EdgeRanges::from_text("10.0.0.0/8\nchatgpt.com\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(EdgeRanges::from_text("10.0.0.0/33").is_err());
        assert!(EdgeRanges::from_text("# nothing\n").unwrap().is_empty());
    }

    /// `count` distinct /24 ranges, one a line.
    fn distinct_ranges(count: u32) -> String {
        (0..count)
            .map(|i| format!("{}/24\n", Ipv4Addr::from(0x0a00_0000 + (i << 8))))
            .collect()
    }

    /// The repeats were once found with a scan of the list per line: 200,000 lines took minutes.
    #[test]
    fn two_hundred_thousand_lines_parse_in_well_under_a_second() {
        let distinct = distinct_ranges(EDGE_RANGES_MAX as u32);
        let text = format!("{distinct}{distinct}");
        assert_eq!(text.lines().count(), 200_000);
        let start = std::time::Instant::now();
        let ranges = EdgeRanges::from_text(&text).expect("repeats are dropped, not counted");
        let took = start.elapsed();
        println!("200,000 lines (100,000 distinct): {took:?}");
        assert_eq!(ranges.nets().len(), EDGE_RANGES_MAX);
        assert!(took < std::time::Duration::from_secs(1), "{took:?}");

        let too_many = distinct_ranges(200_000);
        let start = std::time::Instant::now();
        let err = EdgeRanges::from_text(&too_many).expect_err("over the count cap");
        let took = start.elapsed();
        println!("200,000 distinct lines refused: {took:?}");
        assert!(
            err.to_string().contains("100000") || err.to_string().contains("100,000"),
            "{err}"
        );
        assert!(took < std::time::Duration::from_secs(1), "{took:?}");
    }

    #[test]
    fn the_great_firewalls_forged_pool_is_tampering() {
        // Forged A from the fixed pool (Facebook, outside Cloudflare) and forged Teredo AAAA; the
        // forged A address answers TLS with Facebook's certificate, the Teredo one never answers.
        let n = run(
            addrs(&["31.13.94.37", "2001::6ca0:a535"]),
            &controls_ok(),
            &[
                ("31.13.94.37", Proof::Failed(Failure::SslInvalidHostname)),
                ("2001::6ca0:a535", Proof::Failed(Failure::GenericTimeoutError)),
            ],
        );
        assert_eq!(tampered(&n), vec![ip("31.13.94.37"), ip("2001::6ca0:a535")]);
        let Consistency::Tampered { reasons, .. } = &n.verdict else {
            unreachable!()
        };
        assert!(reasons.contains(&Reason::OutsideEdgeRanges));
        assert!(reasons.contains(&Reason::Teredo));
        assert!(reasons.contains(&Reason::WrongCertificate(Failure::SslInvalidHostname)));
        let lines = n.evidence(Lang::En);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains("31.13.94.37 looks forged"), "{lines:?}");
        assert!(
            lines[0].contains("104.18.32.47"),
            "controls' answers are shown: {lines:?}"
        );
        assert!(lines[1].contains("Teredo"), "{lines:?}");
    }

    #[test]
    fn a_forged_address_whose_handshake_is_reset_is_still_tampering() {
        // Twitter's address, SNI chatgpt.com reset on the way: the reset proves nothing, the
        // range and the controls do.
        let n = run(
            addrs(&["104.244.42.1"]),
            &controls_ok(),
            &[("104.244.42.1", Proof::Failed(Failure::ConnectionReset))],
        );
        assert_eq!(tampered(&n), vec![ip("104.244.42.1")]);
        let n = run(addrs(&["104.244.42.1"]), &controls_ok(), &[]);
        assert_eq!(tampered(&n), vec![ip("104.244.42.1")], "no handshake tried");
    }

    #[test]
    fn split_horizon_dns_with_private_addresses_proven_by_tls_is_consistent() {
        let n = run(
            addrs(&["10.20.0.5", "10.20.0.6"]),
            &controls_ok(),
            &[
                ("10.20.0.5", Proof::PublicTrusted),
                ("10.20.0.6", Proof::PublicTrusted),
            ],
        );
        assert_eq!(n.verdict, Consistency::Consistent);
        assert!(n.addresses.iter().all(|a| a.reasons == [Reason::ProvenByTls]));
        assert!(n.evidence(Lang::En).is_empty());
    }

    #[test]
    fn a_cdn_address_outside_the_ranges_proven_by_tls_is_consistent() {
        let n = run(
            addrs(&["23.215.0.136"]),
            &controls_ok(),
            &[("23.215.0.136", Proof::PublicTrusted)],
        );
        assert_eq!(n.verdict, Consistency::Consistent);
    }

    #[test]
    fn an_address_a_control_also_returned_is_consistent_without_tls() {
        let n = run(
            addrs(&["104.18.32.47", "2606:4700:4400::6812:202f"]),
            &controls_ok(),
            &[],
        );
        assert_eq!(n.verdict, Consistency::Consistent);
        assert_eq!(
            n.addresses[0].reasons,
            [
                Reason::SameAsControl { resolver: CF.into() },
                Reason::SameAsControl { resolver: ALI.into() }
            ]
        );
    }

    #[test]
    fn no_control_reachable_and_no_proof_is_inconclusive() {
        let n = run(
            addrs(&["31.13.94.37"]),
            &controls_down(),
            &[("31.13.94.37", Proof::Failed(Failure::SslInvalidHostname))],
        );
        assert_eq!(n.verdict, Consistency::Inconclusive);
        assert_eq!(judgement_of(&n, "31.13.94.37"), AddressJudgement::Unknown);
        let reasons = &n.addresses[0].reasons;
        assert!(reasons.contains(&Reason::NoControlAnswer));
        assert!(
            reasons.contains(&Reason::OutsideEdgeRanges),
            "evidence is still recorded"
        );
        let n = run(addrs(&["31.13.94.37"]), &[], &[]);
        assert_eq!(n.verdict, Consistency::Inconclusive);
    }

    #[test]
    fn no_control_reachable_but_tls_proves_the_address() {
        let n = run(
            addrs(&["104.18.32.47"]),
            &controls_down(),
            &[("104.18.32.47", Proof::PublicTrusted)],
        );
        assert_eq!(n.verdict, Consistency::Consistent);
    }

    #[test]
    fn an_edge_address_that_differs_and_is_reset_is_not_called_forged() {
        // Inside Cloudflare's ranges, not what the controls said, and the handshake reset (as SNI
        // filtering does): nothing weighs against it.
        let n = run(
            addrs(&["104.16.1.1"]),
            &controls_ok(),
            &[("104.16.1.1", Proof::Failed(Failure::ConnectionReset))],
        );
        assert_eq!(n.verdict, Consistency::Inconclusive);
        assert_eq!(judgement_of(&n, "104.16.1.1"), AddressJudgement::Unknown);
    }

    #[test]
    fn an_edge_address_that_shows_another_certificate_is_forged() {
        let n = run(
            addrs(&["104.16.1.1"]),
            &controls_ok(),
            &[("104.16.1.1", Proof::Failed(Failure::SslInvalidHostname))],
        );
        assert_eq!(tampered(&n), vec![ip("104.16.1.1")]);
    }

    #[test]
    fn a_blocking_answer_of_0_0_0_0_is_tampering() {
        let n = run(addrs(&["0.0.0.0"]), &controls_ok(), &[]);
        assert_eq!(tampered(&n), vec![ip("0.0.0.0")]);
        let Consistency::Tampered { reasons, .. } = &n.verdict else {
            unreachable!()
        };
        assert!(reasons.contains(&Reason::Bogon));
        assert!(
            !reasons.contains(&Reason::OutsideEdgeRanges),
            "bogon says it already"
        );
    }

    #[test]
    fn a_bogon_with_a_valid_handshake_is_never_forged() {
        // The lab: loopback answers, proven by TLS with the test CA (--cacert).
        let n = run(
            addrs(&["127.0.0.1"]),
            &controls_ok(),
            &[("127.0.0.1", Proof::PublicTrusted)],
        );
        assert_eq!(n.verdict, Consistency::Consistent);
    }

    #[test]
    fn a_genuine_a_answer_with_a_forged_aaaa_is_tampering_of_the_aaaa_only() {
        let n = run(
            addrs(&["104.18.32.47", "2001::6ca0:a535"]),
            &controls_ok(),
            &[("2001::6ca0:a535", Proof::Failed(Failure::GenericTimeoutError))],
        );
        assert_eq!(judgement_of(&n, "104.18.32.47"), AddressJudgement::Consistent);
        assert_eq!(tampered(&n), vec![ip("2001::6ca0:a535")]);
    }

    #[test]
    fn controls_of_the_other_family_do_not_count() {
        // Only A controls answered: a Teredo AAAA has nothing to be compared with.
        let v4: &[&str] = &["104.18.32.47"];
        let controls = vec![
            ctl(CF, Family::Ipv4, Ok(v4)),
            ctl(CF, Family::Ipv6, Err(Failure::GenericTimeoutError)),
        ];
        let n = run(addrs(&["2001::6ca0:a535"]), &controls, &[]);
        assert_eq!(n.verdict, Consistency::Inconclusive);
        assert!(n.addresses[0].reasons.contains(&Reason::Teredo));
    }

    #[test]
    fn a_control_that_says_nxdomain_while_the_system_gives_an_address_disagrees() {
        let controls = vec![ctl(CF, Family::Ipv4, Err(Failure::DnsNxdomainError))];
        let n = run(addrs(&["198.51.100.7"]), &controls, &[]);
        assert_eq!(tampered(&n), vec![ip("198.51.100.7")]);
        assert!(
            n.evidence(Lang::En)[0].contains("dns_nxdomain_error"),
            "{:?}",
            n.evidence(Lang::En)
        );
    }

    #[test]
    fn range_evidence_is_off_with_empty_ranges() {
        let none = EdgeRanges::from_text("").unwrap();
        let n = judge(
            "chatgpt.com",
            &addrs(&["31.13.94.37"]),
            &controls_ok(),
            &proofs(&[("31.13.94.37", Proof::Failed(Failure::ConnectionReset))]),
            &none,
        );
        assert_eq!(n.verdict, Consistency::Inconclusive);
    }

    #[test]
    fn nxdomain_or_servfail_while_a_control_resolves_is_blocking() {
        for failure in [
            Failure::DnsNxdomainError,
            Failure::DnsServfailError,
            Failure::DnsRefusedError,
            Failure::DnsNoAnswer,
        ] {
            let n = run(SystemAnswer::Failed(failure), &controls_ok(), &[]);
            assert_eq!(
                n.verdict,
                Consistency::Blocked {
                    failure,
                    resolvers: vec![CF.into(), ALI.into()]
                },
                "{failure:?}"
            );
            assert!(n.evidence(Lang::En)[0].contains(failure.as_str()));
        }
        let n = run(SystemAnswer::Addrs(vec![]), &controls_ok(), &[]);
        assert!(matches!(
            n.verdict,
            Consistency::Blocked {
                failure: Failure::DnsNoAnswer,
                ..
            }
        ));
    }

    #[test]
    fn a_name_that_resolves_nowhere_is_consistent() {
        let controls = vec![
            ctl(CF, Family::Ipv4, Err(Failure::DnsNxdomainError)),
            ctl(ALI, Family::Ipv4, Err(Failure::GenericTimeoutError)),
        ];
        let n = run(SystemAnswer::Failed(Failure::DnsNxdomainError), &controls, &[]);
        assert_eq!(n.verdict, Consistency::Consistent);
    }

    #[test]
    fn a_system_failure_with_no_control_answer_is_inconclusive() {
        let n = run(
            SystemAnswer::Failed(Failure::DnsServfailError),
            &controls_down(),
            &[],
        );
        assert_eq!(n.verdict, Consistency::Inconclusive);
    }

    fn tls_stage(sni: &str, ok: bool, public: Option<Verification>) -> Stage<TlsDetail> {
        let detail = TlsDetail {
            sni: Some(sni.to_string()),
            public_store: public,
            ..Default::default()
        };
        let mut stage = if ok {
            Stage::ok(Duration::from_millis(5), detail)
        } else {
            let mut s = Stage::failed(Duration::from_millis(5), Failure::ConnectionReset, "reset");
            s.detail = Some(detail);
            s
        };
        stage.cut_by_deadline = false;
        stage
    }

    #[test]
    fn proof_comes_only_from_a_completed_handshake_with_the_name() {
        let rejected = |f| Verification::Rejected {
            failure: f,
            message: "x".into(),
            problem: crate::probe::CertProblem::Invalid,
        };
        let name = "chatgpt.com";
        let cases = [
            (
                tls_stage(name, true, Some(Verification::Trusted)),
                Proof::PublicTrusted,
            ),
            (
                tls_stage("ChatGPT.com.", true, Some(Verification::Trusted)),
                Proof::PublicTrusted,
            ),
            // Completed, but only the system store trusted it (interception).
            (
                tls_stage(name, true, Some(rejected(Failure::SslUnknownAuthority))),
                Proof::Failed(Failure::SslUnknownAuthority),
            ),
            (
                tls_stage(name, false, Some(rejected(Failure::SslInvalidHostname))),
                Proof::Failed(Failure::SslInvalidHostname),
            ),
            // The chain verified but the handshake then died: no proof of the key.
            (
                tls_stage(name, false, Some(Verification::Trusted)),
                Proof::Failed(Failure::ConnectionReset),
            ),
            (
                tls_stage(name, false, None),
                Proof::Failed(Failure::ConnectionReset),
            ),
            // Another SNI (a decoy) proves nothing about this name.
            (
                tls_stage("example.com", true, Some(Verification::Trusted)),
                Proof::NotTried,
            ),
            (
                Stage::skipped(crate::probe::SkipReason::TcpFailed),
                Proof::NotTried,
            ),
        ];
        for (stage, want) in cases {
            assert_eq!(Proof::from_tls(name, Some(&stage)), want, "{stage:?}");
        }
        assert_eq!(Proof::from_tls(name, None), Proof::NotTried);
    }

    #[test]
    fn system_answers_from_pinned_or_literal_addresses_are_not_judged() {
        let stage = |source: DnsSource, outcome: Option<Failure>| {
            let detail = DnsDetail {
                query: "chatgpt.com".into(),
                source,
                lookups: vec![crate::probe::FamilyLookup {
                    family: Family::Ipv4,
                    outcome: Outcome::Ok,
                    addrs: vec![ip("104.18.32.47")],
                    ttl: Some(60),
                    duration: Duration::ZERO,
                }],
            };
            let mut s = Stage::ok(Duration::ZERO, detail);
            if let Some(f) = outcome {
                s.outcome = Outcome::failed(f, "x");
            }
            s
        };
        assert_eq!(SystemAnswer::from_stage(&stage(DnsSource::Pinned, None)), None);
        assert_eq!(SystemAnswer::from_stage(&stage(DnsSource::Literal, None)), None);
        assert_eq!(
            SystemAnswer::from_stage(&stage(DnsSource::System { servers: vec![] }, None)),
            Some(addrs(&["104.18.32.47"]))
        );
        assert_eq!(
            SystemAnswer::from_stage(&stage(
                DnsSource::System { servers: vec![] },
                Some(Failure::DnsNxdomainError)
            )),
            Some(SystemAnswer::Failed(Failure::DnsNxdomainError))
        );
        assert_eq!(
            SystemAnswer::from_stage(&Stage::skipped(crate::probe::SkipReason::Deadline)),
            None
        );
    }
}
