//! Judgements about the network in the way: the clock, TLS interception, the SNI test, IPv6,
//! captive portals and slowness. Pure functions over observations, with their thresholds here.

use std::time::{Duration, SystemTime};

use crate::catalog::{Surface, captive_expectation};
use crate::i18n::Lang;
use crate::probe::{
    Attempt, CertProblem, Failure, Family, Observations, TargetObservation, TlsDetail, Verification,
};

/// A clock this far from the servers' `Date` headers is wrong (certificates and tokens start
/// failing; TLS libraries tolerate no skew at all on validity).
pub const CLOCK_SKEW_LIMIT: Duration = Duration::from_secs(300);
/// Connection setup (TCP connect plus TLS handshake: two round trips with TLS 1.3) this slow
/// makes a connection feel broken: about 400 ms of round-trip time.
pub const SLOW_SETUP: Duration = Duration::from_millis(800);
/// OpenAI counts as slow on its own when its connects take this many times the controls'.
pub const PATH_SLOW_FACTOR: f64 = 3.0;

/// The local clock against servers' `Date` headers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClockReading {
    /// Positive when this machine's clock is ahead.
    pub skew_secs: f64,
    pub samples: usize,
}

impl ClockReading {
    pub fn is_off(&self) -> bool {
        self.skew_secs.abs() > CLOCK_SKEW_LIMIT.as_secs_f64()
    }
}

fn all_targets(obs: &Observations) -> impl Iterator<Item = &TargetObservation> {
    obs.targets
        .iter()
        .chain(obs.status_documents.iter())
        .chain(obs.key_check.iter())
}

/// The median difference between this machine's clock and the answers' `Date` headers.
pub fn clock(obs: &Observations) -> Option<ClockReading> {
    let mut skews: Vec<f64> = all_targets(obs)
        .flat_map(|t| t.attempts.iter())
        .filter_map(|a| a.http.detail.as_ref())
        .filter_map(|h| {
            let date = httpdate::parse_http_date(h.header("date")?).ok()?;
            Some(match h.received_at.duration_since(date) {
                Ok(ahead) => ahead.as_secs_f64(),
                Err(behind) => -behind.duration().as_secs_f64(),
            })
        })
        .collect();
    if skews.is_empty() {
        return None;
    }
    skews.sort_by(f64::total_cmp);
    Some(ClockReading {
        skew_secs: skews[skews.len() / 2],
        samples: skews.len(),
    })
}

/// Every TLS detail observed (best attempts of targets and key check).
fn tls_details(obs: &Observations) -> impl Iterator<Item = (&TargetObservation, &TlsDetail)> {
    all_targets(obs).flat_map(|t| {
        t.attempts
            .iter()
            .filter_map(|a| a.tls.as_ref()?.detail.as_ref())
            .map(move |d| (t, d))
    })
}

fn problem(v: Option<&Verification>) -> Option<CertProblem> {
    match v {
        Some(Verification::Rejected { problem, .. }) => Some(*problem),
        _ => None,
    }
}

/// Hosts whose certificate looked expired or not yet valid to the stores.
pub fn validity_failures(obs: &Observations) -> Vec<(String, CertProblem)> {
    let mut out: Vec<(String, CertProblem)> = Vec::new();
    for (t, d) in tls_details(obs) {
        let p = problem(d.system_store.as_ref()).or(problem(d.public_store.as_ref()));
        if let Some(p @ (CertProblem::Expired | CertProblem::NotYetValid)) = p {
            let host = t.target.host();
            if !out.iter().any(|(h, _)| *h == host) {
                out.push((host, p));
            }
        }
    }
    out
}

/// An intercepted connection: the system store trusts the chain, the public store does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interception {
    pub target: String,
    /// The issuer of the top certificate presented (the interceptor's CA, usually).
    pub issuer: String,
    /// Why the public store refused it.
    pub public_problem: Option<CertProblem>,
}

/// Connections that only the system store trusts.
pub fn interceptions(obs: &Observations) -> Vec<Interception> {
    let mut out: Vec<Interception> = Vec::new();
    for (t, d) in tls_details(obs) {
        let system_ok = d.system_store.as_ref().is_some_and(Verification::is_trusted);
        let public_rejected = matches!(d.public_store, Some(Verification::Rejected { .. }));
        if system_ok && public_rejected && !out.iter().any(|i| i.target == t.target.name) {
            out.push(Interception {
                target: t.target.name.clone(),
                issuer: d.chain.last().map(|c| c.issuer.clone()).unwrap_or_default(),
                public_problem: problem(d.public_store.as_ref()),
            });
        }
    }
    out
}

/// What the SNI test says for a target whose TLS failed: `Some(true)` a TLS server answered the
/// decoy (the name is filtered), `Some(false)` the decoy died too, `None` no test ran.
pub fn sni_test(t: &TargetObservation) -> Option<bool> {
    let tls = t.best()?.tls.as_ref()?;
    let decoy = tls.detail.as_ref()?.decoy.as_ref()?;
    Some(decoy.answered())
}

/// The name the SNI test offered instead of the real one, when it ran.
pub fn decoy_sni(t: &TargetObservation) -> Option<&str> {
    let tls = t.best()?.tls.as_ref()?;
    Some(tls.detail.as_ref()?.decoy.as_ref()?.sni.as_str())
}

fn attempt_of(t: &TargetObservation, family: Family) -> Option<&Attempt> {
    t.attempts.iter().find(|a| a.family == family)
}

/// OpenAI targets answered over IPv4 whose IPv6 attempt failed other than "no route": IPv6 is
/// configured but broken (apps that prefer IPv6 hang before falling back).
pub fn ipv6_broken<'a>(targets: impl Iterator<Item = &'a TargetObservation>) -> Vec<(String, Failure)> {
    targets
        .filter(|t| t.target.surface.is_service())
        .filter_map(|t| {
            let v4 = attempt_of(t, Family::Ipv4)?;
            let v6 = attempt_of(t, Family::Ipv6)?;
            if v4.progress() < 2 || v6.progress() >= 2 {
                return None;
            }
            let f = v6
                .tcp
                .outcome
                .failure()
                .or_else(|| v6.tls.as_ref().and_then(|s| s.outcome.failure()))?;
            (f != Failure::NetworkUnreachable && !v6.tcp.cut_by_deadline).then(|| (t.target.name.clone(), f))
        })
        .collect()
}

/// A captive-portal check that did not get its known answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portal {
    pub target: String,
    pub sign: PortalSign,
}

/// What gave a captive portal away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalSign {
    /// A redirect (`status`), to `location` when the answer named one.
    Redirected { status: u16, location: Option<String> },
    /// Another status than the check's known one.
    WrongStatus { status: u16, expected: u16 },
    /// The known status, but a page without the check's token.
    ForeignContent { token: String },
}

impl PortalSign {
    /// In words, for evidence.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            PortalSign::Redirected {
                status,
                location: Some(l),
            } => crate::tr!(lang, "diag-portal-redirected", status = *status, location = l),
            PortalSign::Redirected {
                status,
                location: None,
            } => {
                crate::tr!(lang, "diag-portal-redirected-unnamed", status = *status)
            }
            PortalSign::WrongStatus { status, expected } => crate::tr!(
                lang,
                "diag-portal-wrong-status",
                status = *status,
                expected = *expected
            ),
            PortalSign::ForeignContent { token } => {
                crate::tr!(lang, "diag-portal-foreign-content", token = token)
            }
        }
    }
}

/// Captive-portal checks answered with a redirect or foreign content.
pub fn captive_portals<'a>(targets: impl Iterator<Item = &'a TargetObservation>) -> Vec<Portal> {
    targets
        .filter(|t| t.target.surface == Surface::Control)
        .filter_map(|t| {
            let (status, token) = captive_expectation(&t.target.url)?;
            let r = t.response()?;
            let sign = if (300..400).contains(&r.status) {
                PortalSign::Redirected {
                    status: r.status,
                    location: r.header("location").map(str::to_string),
                }
            } else if r.status != status {
                PortalSign::WrongStatus {
                    status: r.status,
                    expected: status,
                }
            } else if !String::from_utf8_lossy(&r.body).contains(token) {
                PortalSign::ForeignContent {
                    token: token.to_string(),
                }
            } else {
                return None;
            };
            Some(Portal {
                target: t.target.name.clone(),
                sign,
            })
        })
        .collect()
}

/// Setup times: the median of the controls' and of OpenAI's successful connection setups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Speeds {
    pub controls: Option<Duration>,
    pub openai: Option<Duration>,
}

fn median(mut v: Vec<Duration>) -> Option<Duration> {
    v.sort();
    v.get(v.len() / 2).copied()
}

/// Median setup times (tcp + tls) of controls and OpenAI's service targets (best attempts that
/// completed their setup).
pub fn speeds(obs: &Observations) -> Speeds {
    let connect = |pred: &dyn Fn(Surface) -> bool| {
        median(
            obs.targets
                .iter()
                .filter(|t| pred(t.target.surface))
                .filter_map(|t| {
                    let a = t.best()?;
                    let tls = match &a.tls {
                        Some(s) if s.is_ok() => s.duration?,
                        Some(_) => return None,
                        None => Duration::ZERO,
                    };
                    a.tcp.is_ok().then_some(a.tcp.duration? + tls)
                })
                .collect(),
        )
    };
    Speeds {
        controls: connect(&|s| s == Surface::Control),
        openai: connect(&|s| s.is_service()),
    }
}

/// Which slowness, if any: `Some(true)` the whole network is slow, `Some(false)` only the path
/// to OpenAI, `None` neither.
pub fn slowness(s: Speeds) -> Option<bool> {
    match (s.controls, s.openai) {
        (Some(c), _) if c >= SLOW_SETUP => Some(true),
        (Some(c), Some(o)) if o >= SLOW_SETUP && o.as_secs_f64() >= PATH_SLOW_FACTOR * c.as_secs_f64() => {
            Some(false)
        }
        _ => None,
    }
}

/// The targets whose dns stage looked `name` up (trailing dots and case aside).
pub fn targets_of<'a>(obs: &'a Observations, name: &str) -> Vec<&'a TargetObservation> {
    let same = |q: &str| {
        q.trim_end_matches('.')
            .eq_ignore_ascii_case(name.trim_end_matches('.'))
    };
    obs.targets
        .iter()
        .filter(|t| {
            t.dns
                .as_ref()
                .and_then(|d| d.detail.as_ref())
                .is_some_and(|d| same(&d.query))
        })
        .collect()
}

/// Judges every OpenAI name that was asked of the DoH controls: the system resolver's answer
/// against the controls' and against what the TLS handshakes proved (the path layer's DNS check, as OONI).
pub fn dns_checks(
    obs: &Observations,
    ranges: &crate::evidence::dns_consistency::EdgeRanges,
) -> Vec<crate::evidence::dns_consistency::NameConsistency> {
    use crate::evidence::dns_consistency::{ControlAnswer, Proof, SystemAnswer, judge};
    let mut names: Vec<&str> = obs.doh.iter().map(|d| d.name.as_str()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let targets = targets_of(obs, name);
            let system = SystemAnswer::from_stage(targets.first()?.dns.as_ref()?)?;
            let controls: Vec<ControlAnswer> = obs
                .doh
                .iter()
                .filter(|d| d.name == name)
                .map(ControlAnswer::from_doh)
                .collect();
            let proof = |ip: std::net::IpAddr| -> Proof {
                let mut best = Proof::NotTried;
                for a in targets.iter().flat_map(|t| t.attempts.iter()) {
                    if a.tcp.detail.as_ref().is_some_and(|d| d.peer.ip() == ip) {
                        match Proof::from_tls(name, a.tls.as_ref()) {
                            Proof::PublicTrusted => return Proof::PublicTrusted,
                            p @ Proof::Failed(_) => best = p,
                            Proof::NotTried => {}
                        }
                    }
                }
                best
            };
            Some(judge(name, &system, &controls, &proof, ranges))
        })
        .collect()
}

/// A time of this machine's clock as RFC 3339, for evidence.
pub fn rfc3339(t: SystemTime) -> String {
    time::OffsetDateTime::from(t)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slowness_thresholds() {
        let ms = Duration::from_millis;
        let s = |c: Option<u64>, o: Option<u64>| {
            slowness(Speeds {
                controls: c.map(ms),
                openai: o.map(ms),
            })
        };
        assert_eq!(s(Some(40), Some(60)), None, "fast");
        assert_eq!(
            s(Some(220), Some(240)),
            None,
            "100 ms of RTT (two round trips) is not slow"
        );
        assert_eq!(
            s(Some(1200), Some(1300)),
            Some(true),
            "everything slow: the network"
        );
        assert_eq!(s(Some(80), Some(1500)), Some(false), "only OpenAI slow: the path");
        assert_eq!(
            s(Some(500), Some(900)),
            None,
            "OpenAI slower, but not by the factor"
        );
        assert_eq!(s(None, Some(1500)), None, "no control to compare with");
    }

    #[test]
    fn clock_reading_limit() {
        assert!(
            !ClockReading {
                skew_secs: 120.0,
                samples: 3
            }
            .is_off()
        );
        assert!(
            ClockReading {
                skew_secs: -3600.0,
                samples: 3
            }
            .is_off()
        );
    }
}
