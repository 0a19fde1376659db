//! What to do next, per cause. Concrete steps, most useful first.

use crate::report::Cause;

/// Advice lines for a cause.
pub fn for_cause(cause: Cause) -> Vec<String> {
    let lines: &[&str] = match cause {
        Cause::Healthy => &[
            "If ChatGPT still fails for you, the problem is in the app or browser: sign out and in, clear the site's data, or try a private window.",
            "Run `chatgpt-doctor check -v` to see every stage's timings and answers.",
        ],
        Cause::Inconclusive => &[
            "Run again with -v to see each stage; compare with another network (a phone hotspot).",
            "Add a control you know works here with --control URL (an IP literal such as https://1.1.1.1/ helps tell DNS from the link).",
        ],
        Cause::Offline => &[
            "Check the cable or Wi-Fi connection, then the router; other devices on the same network will tell whether the network or this computer is at fault.",
            "If you use a VPN, disconnect and reconnect it.",
            "Nothing at OpenAI can be judged until the connection is back.",
        ],
        Cause::DnsResolverDown => &[
            "Your DNS resolver does not answer. Restart the router, or set a public resolver (for example 1.1.1.1 or 9.9.9.9) in your network settings.",
            "On Linux, `resolvectl status` (systemd-resolved) or /etc/resolv.conf shows which resolver is used.",
        ],
        Cause::DnsBlocked => &[
            "Your network's resolver will not resolve OpenAI's names. Try another resolver (1.1.1.1, 9.9.9.9) or encrypted DNS (DNS-over-HTTPS) in your browser or OS.",
            "If this is a company or school network, its policy may block ChatGPT: ask its administrators.",
        ],
        Cause::TcpBlocked => &[
            "Something between you and OpenAI refuses or drops connections to its addresses: a firewall, your ISP, or a national filter.",
            "On a company or school network, ask its administrators; elsewhere, try another network (a phone hotspot) to confirm.",
        ],
        Cause::TlsFailed => &[
            "OpenAI's certificate did not verify. Check that this computer's date and time are right.",
            "If a security product or company proxy inspects HTTPS, its certificate must be installed; otherwise the answer may be forged: do not enter passwords.",
            "Run `chatgpt-doctor check -v` to see the certificate chain that was presented.",
        ],
        Cause::ServiceErrors => &[
            "OpenAI's servers are failing for at least some requests; this is not your network. Check https://status.openai.com and retry in a few minutes.",
            "If only one surface fails, use another meanwhile (the web, the app or the API).",
        ],
        Cause::ProxyUnreachable => &[
            "The proxy this computer is set to use does not answer. Check HTTPS_PROXY / https_proxy (and the system's proxy settings): a stale value from another network is common.",
            "If you are not supposed to use a proxy here, unset the variables (or use --proxy \"\" to test without one).",
        ],
        Cause::ProxyAuthRequired => &[
            "The proxy wants you to sign in: put the user name and password in the proxy URL (http://user:pass@proxy:port) or use the credentials your IT department provides.",
            "Many tools cannot answer a Negotiate/NTLM proxy (-v shows what it asks for): a local helper such as cntlm or px may be needed.",
        ],
        Cause::ProxyDenied => &[
            "Your network's proxy has a rule against OpenAI. On a company or school network, ask its administrators; the proxy's block page (shown with -v) may say whom to ask.",
            "Tools that bypass the proxy will not get through either if the network forces all traffic through it.",
        ],
        Cause::DnsTampered => &[
            "Your DNS answers for OpenAI are forged (a national filter or a tampering resolver). Use encrypted DNS (DNS-over-HTTPS or DNS-over-TLS) in your browser or OS, or a VPN that carries DNS.",
            "`chatgpt-doctor check -v` shows the forged addresses and what the independent resolvers answered.",
        ],
        Cause::ClockSkew => &[
            "Set this computer's clock right: turn on automatic time (NTP) in the date and time settings, then run the check again.",
            "Certificates are checked against the local clock: with a wrong clock every secure site looks broken.",
        ],
        Cause::CaptivePortal => &[
            "Open a browser and go to any http:// site (for example http://captive.apple.com): the network's login page should appear; sign in or accept its terms.",
            "Until then nothing beyond this network is reachable, OpenAI included.",
        ],
        Cause::TlsIntercepted => &[
            "A security product or company proxy decrypts HTTPS. Browsers work because its CA is in this computer's store; tools with their own CA bundle must be given it:",
            "Python (requests, httpx, the OpenAI SDK): REQUESTS_CA_BUNDLE / SSL_CERT_FILE pointing at a bundle that includes the company CA.",
            "Node.js: NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem. curl and many others: SSL_CERT_FILE or --cacert.",
            "If you did not expect interception (no company device or antivirus), treat the network as hostile and do not sign in.",
        ],
        Cause::SniFiltered => &[
            "A filter reads the site name in the TLS handshake and blocks OpenAI's. Your network or country censors ChatGPT; a VPN or a proxy that tunnels TLS is the usual way around it, where legal.",
            "Encrypted Client Hello (ECH) hides the name where both browser and site support it.",
        ],
        Cause::Ipv6Broken => &[
            "IPv6 is configured but does not reach OpenAI. Fix the IPv6 route (router, ISP), or turn IPv6 off on this computer until it is fixed.",
            "With a VPN or proxy that carries only IPv4, IPv6 traffic leaks around it: turn IPv6 off or use a VPN that handles it.",
        ],
        Cause::NetworkSlow => &[
            "Every site is slow from here: move closer to the Wi-Fi access point, stop large downloads, or try another network.",
        ],
        Cause::PathSlow => &[
            "Only the way to OpenAI is slow: a VPN exit far away or a congested route; try without the VPN or from another network.",
        ],
        Cause::RegionBlocked => &[
            "OpenAI does not serve the country your connection appears to come from. Its list of supported countries: https://platform.openai.com/docs/supported-countries.",
            "If you are in a supported country, your traffic leaves elsewhere: check VPNs and proxies, and that IPv6 traffic and logins (auth.openai.com) go the same way as the rest.",
        ],
        Cause::EdgeChallenge => &[
            "OpenAI's edge (Cloudflare) distrusts this connection's address: VPNs, proxies and datacenter addresses are the usual reason. Turn the VPN off or change its exit, or use another network.",
            "Retrying from the same address will not help. A browser may pass a challenge that apps and the API cannot.",
            "If the app alone is refused while the web works, the app's QUIC (UDP) traffic may bypass your VPN or proxy.",
        ],
        Cause::ServiceOutage => &[
            "OpenAI has an outage that its status page confirms; nothing on your side will fix it. Follow https://status.openai.com for updates.",
            "If another surface still works (see above), use it meanwhile.",
        ],
        Cause::ServiceDegraded => &[
            "OpenAI reports degraded service; errors may come and go. Retry with backoff, and follow https://status.openai.com.",
        ],
        Cause::Maintenance => {
            &["OpenAI is under maintenance; see https://status.openai.com for when it ends."]
        }
        Cause::ApiKeyInvalid => &[
            "Create a new key at https://platform.openai.com/api-keys and set OPENAI_API_KEY to it; check for stray quotes or spaces.",
            "If you use a relay or gateway (OPENAI_BASE_URL), the key must be one it accepts.",
        ],
        Cause::ApiKeyMissing => &[
            "Set OPENAI_API_KEY (export OPENAI_API_KEY=sk-...) or pass --api-key-file FILE. A key is never taken on the command line.",
        ],
        Cause::OrgMismatch => &[
            "OPENAI_ORG_ID names an organization the key does not belong to: unset it, or set the organization shown for the key at https://platform.openai.com/settings/organization.",
        ],
        Cause::QuotaExhausted => &[
            "The account has no quota left: add credit or raise limits at https://platform.openai.com/settings/organization/billing. Retrying will not help.",
        ],
        Cause::RateLimited => &[
            "Wait for the time in retry-after / x-ratelimit-reset-* above, then retry with exponential backoff; or request higher limits.",
        ],
        _ => &["Run `chatgpt-doctor check -v` for the details behind this verdict."],
    };
    lines.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_cause_has_its_own_advice() {
        let generic = for_cause(Cause::ControlsFailed);
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
            let advice = for_cause(cause);
            assert!(
                !advice.is_empty() && advice != generic,
                "{name} has only the generic advice"
            );
        }
    }
}
