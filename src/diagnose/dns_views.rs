//! Each OpenAI name as apps resolve it (the OS resolver) beside what DNS answers, with the hosts
//! file's lines for it: whether those lines decided what apps got, and whether what they got
//! serves the name. Facts for the machine layer's `hosts_override` and for the report.
//!
//! A hosts line *decides* the OS view when every address the OS resolver gave is one of the
//! name's hosts addresses (the OS answered from the file, whatever its configuration's order), or
//! when the OS gave no address in the families asked (`-4`/`-6`) while the file names the name: it
//! answered from the file, in the other family only (`::1 api.openai.com` under `-4`).
//! An address it gave is *proven* when a handshake to it with the real name presented a chain for
//! the name that the public store accepts: genuine, wherever it came from. It does *not serve*
//! the name when it cannot be a server's (unspecified, `0.0.0.0/8`, loopback: what blocklists
//! write) or when the handshake to it showed another certificate (another name, an unknown or
//! self-signed issuer) that the system store does not trust either. A handshake that died (reset,
//! silence) says nothing: SNI filtering of a genuine address looks the same.

use std::net::IpAddr;

use super::network::targets_of;
use crate::evidence::dns_consistency::Proof;
use crate::probe::{
    CertProblem, DnsDetail, Failure, NameViews, Observations, Outcome, Stage, TargetObservation, Verification,
};
use crate::system::hosts::{HostsEntry, HostsReading};

/// Why an address the hosts file gave apps does not serve the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotServing {
    /// Unspecified (`0.0.0.0`, `::`) or in `0.0.0.0/8`: no server has it.
    Unspecified,
    /// Loopback (`127.0.0.0/8`, `::1`): this computer itself.
    Loopback,
    /// The handshake with the real name showed a certificate that is not the name's.
    WrongCertificate(Failure),
}

/// One address of the OS view, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressCheck {
    pub addr: IpAddr,
    /// A handshake with the real name verified against the public store.
    pub proven: bool,
    /// Why it cannot serve the name, when that is known.
    pub not_serving: Option<NotServing>,
}

/// One OpenAI name's views with the hosts file's say.
pub struct NameView<'a> {
    /// The two resolvers' answers.
    pub views: &'a NameViews,
    /// The hosts file's lines for the name, in file order.
    pub hosts: Vec<&'a HostsEntry>,
    /// The hosts file gave apps every address they got.
    pub from_hosts_file: bool,
    /// The addresses apps got, judged: the OS view's, or the hosts file's when it decided a view
    /// with no address in the families asked (empty when neither).
    pub addresses: Vec<AddressCheck>,
}

impl NameView<'_> {
    /// The hosts file decides what apps get for the name, no address it gives is proven, and one
    /// cannot serve the name: apps are sent away from OpenAI.
    pub fn overridden(&self) -> bool {
        self.from_hosts_file
            && !self.addresses.iter().any(|a| a.proven)
            && self.addresses.iter().any(|a| a.not_serving.is_some())
    }

    /// Whether the OS resolver and the configured servers gave the same addresses (both failing
    /// counts as agreeing); `None` when one of them was not asked or did not finish.
    pub fn agree(&self) -> Option<bool> {
        let answered = |s: &Stage<DnsDetail>| !matches!(s.outcome, Outcome::Skipped { .. });
        if !answered(&self.views.os) || !answered(&self.views.configured) {
            return None;
        }
        let mut os = addresses(&self.views.os);
        let mut configured = addresses(&self.views.configured);
        os.sort();
        configured.sort();
        Some(os == configured)
    }
}

/// A stage's addresses, every family (none when it failed or did not run).
pub fn addresses(stage: &Stage<DnsDetail>) -> Vec<IpAddr> {
    match &stage.detail {
        Some(d) if stage.is_ok() => d.addrs().copied().collect(),
        _ => vec![],
    }
}

/// Every name's views, judged against the hosts file and the handshakes.
pub fn name_views<'a>(obs: &'a Observations, hosts: &'a HostsReading) -> Vec<NameView<'a>> {
    obs.dns_views
        .iter()
        .map(|views| {
            let entries: Vec<&HostsEntry> = hosts.entries_for(&views.name).collect();
            let (from_hosts_file, given) = given_by_hosts(&views.os, &entries);
            let targets = targets_of(obs, &views.name);
            let addresses = given
                .iter()
                .map(|&addr| check_address(&views.name, addr, &targets))
                .collect();
            NameView {
                views,
                hosts: entries,
                from_hosts_file,
                addresses,
            }
        })
        .collect()
}

/// Whether the hosts file's `entries` decided the OS view, and the addresses apps got: the OS
/// view's when it gave some; the file's when the OS gave none in the families asked although the
/// file names the name (it answered from the file, in another family).
fn given_by_hosts(os: &Stage<DnsDetail>, entries: &[&HostsEntry]) -> (bool, Vec<IpAddr>) {
    let got = addresses(os);
    if got.is_empty() {
        let no_address = os.outcome.failure() == Some(Failure::DnsNoAnswer);
        if no_address && !entries.is_empty() {
            let mut file: Vec<IpAddr> = Vec::new();
            for e in entries {
                if !file.contains(&e.address) {
                    file.push(e.address);
                }
            }
            return (true, file);
        }
        return (false, got);
    }
    let all_from_file = got.iter().all(|ip| {
        entries
            .iter()
            .any(|e| e.address.to_canonical() == ip.to_canonical())
    });
    (all_from_file, got)
}

/// What is known of one address: proven by a handshake, or unable to serve the name.
fn check_address(name: &str, addr: IpAddr, targets: &[&TargetObservation]) -> AddressCheck {
    let mut proven = false;
    let mut wrong: Option<Failure> = None;
    for a in targets.iter().flat_map(|t| t.attempts.iter()) {
        if a.tcp.detail.as_ref().is_none_or(|d| d.peer.ip() != addr) {
            continue;
        }
        if Proof::from_tls(name, a.tls.as_ref()) == Proof::PublicTrusted {
            proven = true;
        }
        wrong = wrong.or_else(|| wrong_certificate(name, a.tls.as_ref()?));
    }
    let canonical = addr.to_canonical();
    let not_serving = if unspecified(canonical) {
        Some(NotServing::Unspecified)
    } else if canonical.is_loopback() {
        Some(NotServing::Loopback)
    } else {
        wrong.map(NotServing::WrongCertificate)
    };
    AddressCheck {
        addr,
        proven,
        not_serving,
    }
}

/// `0.0.0.0/8` and `::`: addresses no server has.
fn unspecified(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.octets()[0] == 0,
        IpAddr::V6(v6) => v6.is_unspecified(),
    }
}

/// The failure of a handshake with `name` whose chain is another name's or an unknown issuer's,
/// which neither store trusts (an intercepting proxy the system trusts is the local network's
/// matter, and dates are the clock's).
fn wrong_certificate(name: &str, tls: &Stage<crate::probe::TlsDetail>) -> Option<Failure> {
    let d = tls.detail.as_ref()?;
    let same_name = d.sni.as_deref().is_some_and(|s| {
        s.trim_end_matches('.')
            .eq_ignore_ascii_case(name.trim_end_matches('.'))
    });
    if !same_name || d.system_store.as_ref().is_some_and(Verification::is_trusted) {
        return None;
    }
    match d.public_store.as_ref()? {
        Verification::Rejected {
            failure,
            problem:
                CertProblem::WrongHostname
                | CertProblem::UnknownIssuer
                | CertProblem::SelfSigned
                | CertProblem::Invalid,
            ..
        } => Some(*failure),
        _ => None,
    }
}
