//! Two kinds of program, two routes: the check's own (the way terminal tools and SDKs go, by the
//! proxy variables) and the browsers' (the system proxy or its PAC file), each judged on its own
//! probes. The verdict is about the programs that fail: when one route works and the other does
//! not, the failing route's verdict stands, and it names which programs work and what to change.

use crate::i18n::Lang;
use crate::report::{Cause, Diagnosis};
use crate::tr;

/// One route's judgement and what it is, in words.
#[derive(Debug, Clone)]
pub struct RouteJudgement {
    pub diagnosis: Diagnosis,
    /// The way, in words: `direct`, or `host:port` of the proxy.
    pub way: String,
    /// What decided the way (the proxy variables, the system proxy's origin, `PAC …`).
    pub source: String,
}

fn faulty(d: &Diagnosis) -> bool {
    !matches!(d.verdict.cause, Cause::Healthy)
}

/// The verdict over both routes: `terminal` is the check's own route, `browsers` the browsers'
/// when it differs and was probed. The first fault from the user outwards decides; when the
/// routes disagree, the summary says which programs work and the evidence carries the other
/// route's verdict.
pub fn combine(terminal: RouteJudgement, browsers: RouteJudgement, lang: Lang) -> Diagnosis {
    let (t_fault, b_fault) = (faulty(&terminal.diagnosis), faulty(&browsers.diagnosis));
    let same = terminal.diagnosis.verdict.layer == browsers.diagnosis.verdict.layer
        && terminal.diagnosis.verdict.cause == browsers.diagnosis.verdict.cause;
    let browsers_line = tr!(
        lang,
        "diag-route-browsers",
        way = &browsers.way,
        source = &browsers.source,
        summary = &browsers.diagnosis.verdict.summary
    );
    let terminal_line = tr!(
        lang,
        "diag-route-terminal",
        way = &terminal.way,
        source = &terminal.source,
        summary = &terminal.diagnosis.verdict.summary
    );
    if same || (!t_fault && !b_fault) {
        let mut d = terminal.diagnosis;
        d.verdict.evidence.push(browsers_line);
        return d;
    }
    let browsers_first = match (t_fault, b_fault) {
        (false, true) => true,
        (true, false) => false,
        // Layers order from the user outwards.
        _ => browsers.diagnosis.verdict.layer < terminal.diagnosis.verdict.layer,
    };
    let (mut decided, other_line, failing_programs) = if browsers_first {
        // The verdict and the layers are the browsers' route's; what the report shows beside
        // them (the targets' table, the status page, the trace, the key, the DNS views) is the
        // main route's, so it keeps the main route's readings.
        let mut d = browsers.diagnosis;
        let main = &terminal.diagnosis;
        d.status_page = main.status_page.clone();
        d.edge_trace = main.edge_trace.clone();
        d.account = main.account.clone();
        d.dns_consistency = main.dns_consistency.clone();
        d.dns_views = main.dns_views.clone();
        (d, terminal_line, "browsers")
    } else {
        (terminal.diagnosis, browsers_line, "terminal")
    };
    let summary = decided.verdict.summary.clone();
    decided.verdict.summary = if !t_fault || !b_fault {
        let (works_way, works_source) = if browsers_first {
            (&terminal.way, &terminal.source)
        } else {
            (&browsers.way, &browsers.source)
        };
        tr!(
            lang,
            "diag-route-split-summary",
            failing = failing_programs,
            summary = summary,
            way = works_way.as_str(),
            source = works_source.as_str()
        )
    } else {
        tr!(
            lang,
            "diag-route-both-summary",
            failing = failing_programs,
            summary = summary
        )
    };
    decided.verdict.evidence.push(other_line);
    if !browsers_first && !b_fault && browsers.way != "direct" {
        // The browsers' proxy works where the terminal's way fails: the one change to make.
        decided
            .verdict
            .advice
            .insert(0, tr!(lang, "diag-route-advice-use-proxy", proxy = &browsers.way));
    }
    decided
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Layer, Verdict};

    fn judged(layer: Layer, cause: Cause, summary: &str, way: &str) -> RouteJudgement {
        RouteJudgement {
            diagnosis: Diagnosis {
                verdict: Verdict {
                    layer,
                    cause,
                    summary: summary.into(),
                    evidence: vec![],
                    advice: vec!["advice of the cause".into()],
                    working_surfaces: vec![],
                    failing_surfaces: vec![],
                    warnings: vec![],
                },
                layers: vec![],
                status_page: None,
                edge_trace: None,
                account: None,
                dns_consistency: vec![],
                dns_views: vec![],
                lang: Lang::En,
            },
            way: way.into(),
            source: if way == "direct" {
                "*_PROXY".into()
            } else {
                "gsettings org.gnome.system.proxy".into()
            },
        }
    }

    #[test]
    fn browsers_failing_where_terminal_tools_work_is_the_browsers_verdict_naming_both() {
        let d = combine(
            judged(Layer::None, Cause::Healthy, "All is well.", "direct"),
            judged(
                Layer::Machine,
                Cause::ProxyUnreachable,
                "The proxy does not answer.",
                "127.0.0.1:9",
            ),
            Lang::En,
        );
        assert_eq!(
            (d.verdict.layer, d.verdict.cause),
            (Layer::Machine, Cause::ProxyUnreachable)
        );
        assert!(
            d.verdict
                .summary
                .starts_with("Browsers and the desktop app fail: The proxy does not answer.")
        );
        assert!(
            d.verdict
                .summary
                .contains("terminal tools and SDKs work (direct, from *_PROXY)")
        );
        assert!(
            d.verdict
                .evidence
                .iter()
                .any(|e| e.starts_with("terminal tools and SDKs (direct"))
        );
    }

    #[test]
    fn terminal_tools_blocked_where_the_browsers_proxy_works_advise_that_proxy() {
        let d = combine(
            judged(
                Layer::Path,
                Cause::TcpBlocked,
                "OpenAI's addresses do not answer.",
                "direct",
            ),
            judged(Layer::None, Cause::Healthy, "All is well.", "192.0.2.8:3128"),
            Lang::En,
        );
        assert_eq!(
            (d.verdict.layer, d.verdict.cause),
            (Layer::Path, Cause::TcpBlocked)
        );
        assert!(d.verdict.summary.starts_with("Terminal tools and SDKs fail"));
        assert!(
            d.verdict.advice[0].contains("HTTPS_PROXY=http://192.0.2.8:3128"),
            "{:?}",
            d.verdict.advice
        );
    }

    #[test]
    fn both_failing_decides_by_the_layer_nearest_the_user() {
        let d = combine(
            judged(Layer::Path, Cause::TcpBlocked, "Blocked.", "direct"),
            judged(
                Layer::LocalNetwork,
                Cause::ProxyDenied,
                "The proxy refuses OpenAI.",
                "192.0.2.8:3128",
            ),
            Lang::En,
        );
        assert_eq!(d.verdict.cause, Cause::ProxyDenied);
        assert!(
            d.verdict
                .summary
                .starts_with("Browsers and the desktop app fail first")
        );
        let d = combine(
            judged(Layer::Path, Cause::TcpBlocked, "Blocked.", "direct"),
            judged(Layer::Path, Cause::TcpBlocked, "Blocked.", "192.0.2.8:3128"),
            Lang::ZhCn,
        );
        assert_eq!(
            d.verdict.summary, "Blocked.",
            "the same verdict on both routes stays as it is"
        );
        assert_eq!(d.verdict.evidence.len(), 1);
    }
}
