//! One probed target as the layers read it: the observation with how its run ended, worked out
//! once.

use crate::catalog::Surface;
use crate::evidence::origin::{Endpoint, Lack, Proof, prove};
use crate::evidence::signatures::{ResponseKind, classify_response};
use crate::i18n::Lang;
use crate::probe::{Failure, Outcome, SkipReason, TargetObservation};
use crate::tr;

/// How a target's run ended: the stage that failed, the deadline, a withheld request or an
/// answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The name did not resolve (or had no address in the allowed family).
    Dns(Failure, String),
    /// The connection failed.
    Tcp(Failure, String),
    /// The TLS handshake failed.
    Tls(Failure, String),
    /// The request failed without an answer.
    Http(Failure, String),
    /// The run deadline came first.
    Deadline,
    /// The proxy itself could not be reached (its tcp stage failed).
    ProxyTcp(Failure, String),
    /// The proxy refused or failed to open the tunnel.
    Proxy(Failure, String),
    /// The request was deliberately not sent (a secret over a connection not verified cleanly).
    Withheld(SkipReason),
    /// An HTTP answer came.
    Answered,
}

fn failed(o: &Outcome) -> Option<(Failure, String)> {
    match o {
        Outcome::Failed { failure, message } => Some((*failure, message.clone())),
        _ => None,
    }
}

impl Ending {
    /// Where `t` stopped, read stage by stage from the user outwards.
    pub fn of(t: &TargetObservation, lang: Lang) -> Ending {
        let cut = t.dns.as_ref().is_some_and(|s| s.cut_by_deadline)
            || t.best().is_some_and(|a| {
                a.tcp.cut_by_deadline
                    || a.tls.as_ref().is_some_and(|s| s.cut_by_deadline)
                    || a.http.cut_by_deadline
            });
        if cut {
            return Ending::Deadline;
        }
        if let Some(dns) = &t.dns {
            match &dns.outcome {
                Outcome::Failed { failure, message } => return Ending::Dns(*failure, message.clone()),
                Outcome::Skipped { .. } => return Ending::Deadline,
                Outcome::Ok => {}
            }
        }
        let Some(a) = t.best() else {
            return Ending::Deadline;
        };
        if let Some(f) = failed(&a.tcp.outcome) {
            return if a.proxy.is_some() {
                Ending::ProxyTcp(f.0, f.1)
            } else {
                Ending::Tcp(f.0, f.1)
            };
        }
        if let Some(f) = a.proxy.as_ref().and_then(|p| failed(&p.outcome)) {
            return Ending::Proxy(f.0, f.1);
        }
        if let Outcome::Skipped { reason } = &a.tcp.outcome {
            // Not the deadline (checked above): no address in the family allowed by -4/-6.
            return Ending::Dns(Failure::DnsNoAnswer, reason.describe(lang));
        }
        if let Some(tls) = &a.tls {
            if let Some(f) = failed(&tls.outcome) {
                return Ending::Tls(f.0, f.1);
            }
            if matches!(tls.outcome, Outcome::Skipped { .. }) {
                return Ending::Deadline;
            }
        }
        match &a.http.outcome {
            Outcome::Ok => Ending::Answered,
            Outcome::Failed { failure, message } => Ending::Http(*failure, message.clone()),
            Outcome::Skipped { reason } => Ending::Withheld(*reason),
        }
    }
}

/// A probed target with how its run ended, precomputed.
pub struct TargetView<'a> {
    /// What the probes recorded for the target.
    pub observation: &'a TargetObservation,
    /// How its run ended.
    pub ending: Ending,
    /// The endpoint it stands for, which says what proves its answer.
    pub endpoint: Endpoint,
    /// What the answer proves about who sent it (`NotApplicable` without an answer), worked
    /// out once.
    pub proof: Proof,
}

impl<'a> TargetView<'a> {
    /// Reads where `observation` stopped.
    pub fn new(observation: &'a TargetObservation, lang: Lang) -> Self {
        TargetView::for_endpoint(observation, lang, Endpoint::of(&observation.target, false))
    }
    /// The API key check: the model list asked with the user's key.
    pub fn key_check(observation: &'a TargetObservation, lang: Lang) -> Self {
        TargetView::for_endpoint(observation, lang, Endpoint::of(&observation.target, true))
    }
    fn for_endpoint(observation: &'a TargetObservation, lang: Lang, endpoint: Endpoint) -> Self {
        let ending = Ending::of(observation, lang);
        let proof = match (&ending, observation.response()) {
            (Ending::Answered, Some(r)) => prove(endpoint, &observation.target.host(), r),
            _ => Proof::NotApplicable,
        };
        TargetView {
            observation,
            ending,
            endpoint,
            proof,
        }
    }
    /// Why the answer is not the service's, when something else answered in its place.
    pub fn unproven(&self) -> Option<&Lack> {
        match &self.proof {
            Proof::Unproven(lack) => Some(lack),
            _ => None,
        }
    }
    /// The target's name, as the catalogue spells it.
    pub fn name(&self) -> &str {
        &self.observation.target.name
    }
    /// The surface the target belongs to.
    pub fn surface(&self) -> Surface {
        self.observation.target.surface
    }
    /// The best attempt's TCP connect worked.
    pub fn tcp_ok(&self) -> bool {
        self.observation.best().is_some_and(|a| a.tcp.is_ok())
    }
    /// The connection got through: past the proxy too, where one applies.
    pub fn tunnel_ok(&self) -> bool {
        self.observation.best().is_some_and(|a| {
            a.tcp.is_ok()
                && a.proxy
                    .as_ref()
                    .is_none_or(super::super::probe::observation::Stage::is_ok)
        })
    }
    /// The connection and its TLS handshake (when there is one) worked.
    pub fn tls_ok(&self) -> bool {
        self.observation.best().is_some_and(|a| {
            a.tcp.is_ok()
                && a.tls
                    .as_ref()
                    .is_none_or(super::super::probe::observation::Stage::is_ok)
        })
    }
    /// A name (not an address literal) that the system resolver answered.
    pub fn resolved_by_name(&self) -> bool {
        !self.observation.target.is_ip_literal()
            && self
                .observation
                .dns
                .as_ref()
                .is_some_and(super::super::probe::observation::Stage::is_ok)
    }
    /// The answer's kind when it is a server error.
    /// (Not one without the edge's or the origin's sign: that is someone else's page.)
    pub fn server_error(&self) -> Option<ResponseKind> {
        self.response_kind()
            .filter(|k| k.is_server_error())
            .filter(|_| self.unproven().is_none())
    }
    /// What kind of answer came, when one did.
    pub fn response_kind(&self) -> Option<ResponseKind> {
        self.observation.response().map(classify_response)
    }
    /// The edge refuses or challenges this client where it cannot be solved. A challenge on
    /// the web pages is what every non-browser gets and is not a fault.
    pub fn refused(&self) -> bool {
        match self.response_kind() {
            Some(ResponseKind::EdgeChallenge) => self.surface() != Surface::Web,
            Some(k) => k.is_edge_refusal(),
            None => false,
        }
    }
    /// The answer says OpenAI does not serve this region.
    pub fn region_blocked(&self) -> bool {
        self.response_kind() == Some(ResponseKind::RegionBlocked)
    }
    /// An answer came, the service's own, and it was neither an error, a refusal nor a region
    /// block.
    pub fn worked(&self) -> bool {
        self.ending == Ending::Answered
            && self.server_error().is_none()
            && !self.refused()
            && !self.region_blocked()
            && self.unproven().is_none()
    }
    /// One evidence line saying where the target stopped, in `lang`.
    pub fn describe_ending(&self, lang: Lang) -> String {
        // A library's debug text is no sentence: the failure's words and code say it instead.
        let readable = |m: &str| !m.trim().is_empty() && !crate::safe_text::is_debug_text(m);
        let failed = |stage: &str, f: &Failure, m: &str| {
            if !readable(m) {
                return tr!(
                    lang,
                    "diag-stop-failed-bare",
                    target = self.name(),
                    stage = stage,
                    failure = f.describe(lang),
                    code = f.as_str()
                );
            }
            tr!(
                lang,
                "diag-stop-failed",
                target = self.name(),
                stage = stage,
                failure = f.describe(lang),
                code = f.as_str(),
                message = m
            )
        };
        match &self.ending {
            Ending::Dns(f, m) => failed("dns", f, m),
            Ending::Tcp(f, m) => failed("tcp", f, m),
            Ending::Tls(f, m) => failed("tls", f, m),
            Ending::Http(f, m) => failed("http", f, m),
            Ending::Deadline => tr!(lang, "diag-stop-deadline", target = self.name()),
            Ending::ProxyTcp(f, m) if !readable(m) => tr!(
                lang,
                "diag-stop-proxy-unreachable-bare",
                target = self.name(),
                failure = f.describe(lang),
                code = f.as_str()
            ),
            Ending::Proxy(f, m) if !readable(m) => tr!(
                lang,
                "diag-stop-proxy-bare",
                target = self.name(),
                failure = f.describe(lang),
                code = f.as_str()
            ),
            Ending::ProxyTcp(f, m) => tr!(
                lang,
                "diag-stop-proxy-unreachable",
                target = self.name(),
                failure = f.describe(lang),
                code = f.as_str(),
                message = m
            ),
            Ending::Proxy(f, m) => tr!(
                lang,
                "diag-stop-proxy",
                target = self.name(),
                failure = f.describe(lang),
                code = f.as_str(),
                message = m
            ),
            Ending::Withheld(why) => tr!(
                lang,
                "diag-stop-detail",
                target = self.name(),
                detail = why.describe(lang)
            ),
            Ending::Answered => match self.observation.response() {
                Some(r) => tr!(
                    lang,
                    "diag-stop-detail",
                    target = self.name(),
                    detail = crate::evidence::signatures::describe(r, lang)
                ),
                None => tr!(lang, "diag-stop-answered", target = self.name()),
            },
        }
    }
}
