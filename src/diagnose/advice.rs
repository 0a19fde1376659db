//! What to do next, per cause. Concrete steps, most useful first.

use crate::i18n::Lang;
use crate::report::Cause;

/// Advice lines for a cause, in `lang` (`advice-<cause>` in the Fluent files: one line per step).
pub fn for_cause(cause: Cause, lang: Lang) -> Vec<String> {
    crate::i18n::text(lang, &format!("advice-{}", cause.as_str()), &[])
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_cause_has_its_own_advice() {
        let generic = for_cause(Cause::ControlsFailed, Lang::En);
        let verdicts = [
            "healthy",
            "inconclusive",
            "clock_skew",
            "proxy_unreachable",
            "offline",
            "dns_resolver_down",
            "captive_portal",
            "proxy_denied",
            "proxy_auth_required",
            "tls_intercepted",
            "network_slow",
            "dns_tampered",
            "dns_blocked",
            "tcp_blocked",
            "sni_filtered",
            "tls_failed",
            "ipv6_broken",
            "region_blocked",
            "edge_challenge",
            "path_slow",
            "service_outage",
            "service_degraded",
            "service_errors",
            "maintenance",
            "api_key_invalid",
            "api_key_missing",
            "org_mismatch",
            "quota_exhausted",
            "rate_limited",
        ];
        for name in verdicts {
            let cause: Cause = serde_json::from_value(serde_json::Value::from(name)).expect(name);
            let advice = for_cause(cause, Lang::En);
            assert!(
                !advice.is_empty() && advice != generic,
                "{name} has only the generic advice"
            );
        }
    }
}
