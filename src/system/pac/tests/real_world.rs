//! PAC files as they are found in the wild: corporate ones with internal networks and
//! exceptions, one that sends only OpenAI through a proxy, fallbacks, generated tables.

use super::super::{PacChoice, PacError};
use super::{env, proxy, run, run_with};

/// A corporate PAC in the common shape: plain names, internal domains and networks go direct,
/// a few sites through a special proxy, the rest through the main proxy with a fallback.
const CORPORATE: &str = r#"
// Proxy auto-configuration for CORP (generated 2024-05-02)
var PROXY_MAIN = "PROXY proxy1.corp.example:8080; PROXY proxy2.corp.example:8080";
var PROXY_SPECIAL = "PROXY 198.51.100.40:3128";

function FindProxyForURL(url, host) {
    host = host.toLowerCase();
    if (isPlainHostName(host) ||
        shExpMatch(host, "*.local") ||
        dnsDomainIs(host, ".corp.example") ||
        localHostOrDomainIs(host, "intranet.corp.example")) {
        return "DIRECT";
    }
    if (isInNet(host, "10.0.0.0", "255.0.0.0") ||
        isInNet(host, "172.16.0.0", "255.240.0.0") ||
        isInNet(host, "192.168.0.0", "255.255.0.0") ||
        isInNet(host, "127.0.0.0", "255.0.0.0")) {
        return "DIRECT";
    }
    if (shExpMatch(url, "http://*.partner.example/*") || dnsDomainIs(host, ".vendor.example")) {
        return PROXY_SPECIAL;
    }
    // Resolving names last, as guides recommend: a slow DNS server slows every request.
    var resolved = dnsResolve(host);
    if (resolved && isInNet(resolved, "192.0.2.0", "255.255.255.0")) {
        return "DIRECT";
    }
    return PROXY_MAIN + "; DIRECT";
}
"#;

fn main_proxies() -> Vec<PacChoice> {
    vec![
        proxy("proxy1.corp.example", 8080),
        proxy("proxy2.corp.example", 8080),
        PacChoice::Direct,
    ]
}

#[test]
fn corporate_pac_internal_names_and_networks_go_direct() {
    for url in [
        "http://intranet/",
        "https://printer.local/",
        "https://wiki.corp.example/page",
        "http://10.20.30.40/",
        "http://172.20.1.1/",
        "http://192.168.1.1/",
        "http://127.0.0.1:8080/",
    ] {
        assert_eq!(run(CORPORATE, url), Ok(vec![PacChoice::Direct]), "{url}");
    }
}

#[test]
fn corporate_pac_partners_use_the_special_proxy() {
    assert_eq!(
        run(CORPORATE, "http://www.partner.example/a"),
        Ok(vec![proxy("198.51.100.40", 3128)])
    );
    assert_eq!(
        run(CORPORATE, "https://api.vendor.example/"),
        Ok(vec![proxy("198.51.100.40", 3128)])
    );
    // The https URL has no path for the script, so the http-only pattern cannot match it.
    assert_eq!(
        run(CORPORATE, "https://www.partner.example/a"),
        Ok(main_proxies())
    );
}

#[test]
fn corporate_pac_names_that_resolve_inside_go_direct_the_rest_through_the_proxies() {
    let mut env = env();
    env.resolve = super::table(&[
        ("git.inside.example", "192.0.2.77"),
        ("chatgpt.com", "203.0.113.7"),
    ]);
    assert_eq!(
        run_with(CORPORATE, "https://git.inside.example/", &env),
        Ok(vec![PacChoice::Direct])
    );
    assert_eq!(
        run_with(CORPORATE, "https://chatgpt.com/", &env),
        Ok(main_proxies())
    );
    assert_eq!(
        run_with(CORPORATE, "https://api.openai.com/v1/models", &env),
        Ok(main_proxies())
    );
}

/// The shape people write to reach ChatGPT through one proxy and nothing else.
const OPENAI_ONLY: &str = r#"
function FindProxyForURL(url, host) {
    if (dnsDomainIs(host, ".openai.com") || host == "openai.com" ||
        host == "chatgpt.com" || dnsDomainIs(host, ".chatgpt.com") ||
        shExpMatch(host, "*.oaistatic.com") || shExpMatch(host, "*.oaiusercontent.com")) {
        return "SOCKS5 127.0.0.1:7890; PROXY 127.0.0.1:7890";
    }
    return "DIRECT";
}
"#;

#[test]
fn openai_only_pac_sends_openai_and_chatgpt_to_the_proxy_and_the_rest_direct() {
    let through = Ok(vec![
        PacChoice::Socks5 {
            host: "127.0.0.1".into(),
            port: 7890,
        },
        proxy("127.0.0.1", 7890),
    ]);
    for url in [
        "https://chatgpt.com/",
        "https://api.openai.com/v1/models",
        "https://auth.openai.com/",
        "https://ios.chat.openai.com/public-api/mobile/server_status/v1",
        "https://cdn.oaistatic.com/assets/x.js",
        "https://openai.com/",
        "https://ab.chatgpt.com/",
    ] {
        assert_eq!(run(OPENAI_ONLY, url), through, "{url}");
    }
    for url in [
        "https://www.example.com/",
        "https://notchatgpt.com/",
        "http://192.0.2.1/",
    ] {
        assert_eq!(run(OPENAI_ONLY, url), Ok(vec![PacChoice::Direct]), "{url}");
    }
}

#[test]
fn a_pac_with_a_table_of_domains_as_generated_by_tools() {
    // gfwlist2pac-style: an object of domains walked up label by label.
    let script = r#"
var proxy = "PROXY 198.51.100.8:1080; DIRECT";
var domains = { "openai.com": 1, "chatgpt.com": 1, "oaistatic.com": 1 };
var hasOwnProperty = Object.hasOwnProperty;
function FindProxyForURL(url, host) {
    var suffix;
    var pos = host.lastIndexOf('.');
    pos = host.lastIndexOf('.', pos - 1);
    while (1) {
        if (pos <= 0) {
            if (hasOwnProperty.call(domains, host)) { return proxy; }
            return "DIRECT";
        }
        suffix = host.substring(pos + 1);
        if (hasOwnProperty.call(domains, suffix)) { return proxy; }
        pos = host.lastIndexOf('.', pos - 1);
    }
}
"#;
    let through = Ok(vec![proxy("198.51.100.8", 1080), PacChoice::Direct]);
    assert_eq!(run(script, "https://chatgpt.com/"), through);
    assert_eq!(run(script, "https://a.b.api.openai.com/"), through);
    assert_eq!(
        run(script, "https://www.example.com/"),
        Ok(vec![PacChoice::Direct])
    );
}

#[test]
fn sloppy_mode_scripts_with_undeclared_variables_and_with_work() {
    let script = r#"
function FindProxyForURL(url, host) {
    answer = "DIRECT";           // no var: sloppy mode only
    with ({ h: host }) { if (h == "chatgpt.com") answer = "PROXY 192.0.2.30:8080"; }
    return answer;
}
"#;
    assert_eq!(
        run(script, "https://chatgpt.com/"),
        Ok(vec![proxy("192.0.2.30", 8080)])
    );
}

#[test]
fn a_pac_choosing_by_network_and_time() {
    // Office network by day through the proxy; otherwise direct.
    let script = r#"
function FindProxyForURL(url, host) {
    if (isInNet(myIpAddress(), "192.0.2.0", "255.255.255.0") && weekdayRange("MON", "FRI") && timeRange(8, 18)) {
        return "PROXY 192.0.2.1:3128";
    }
    if (isInNet(myIpAddress(), "192.0.2.0", "255.255.255.0") && weekdayRange("MON", "FRI")) {
        return "HTTPS secure-proxy.corp.example:443; DIRECT";
    }
    return "DIRECT";
}
"#;
    // 04:00 local on a Monday: outside office hours.
    assert_eq!(
        run(script, "https://chatgpt.com/"),
        Ok(vec![
            PacChoice::Https {
                host: "secure-proxy.corp.example".into(),
                port: 443
            },
            PacChoice::Direct
        ])
    );
    let mut away = env();
    away.my_ip = "203.0.113.50".parse().expect("address");
    assert_eq!(
        run_with(script, "https://chatgpt.com/", &away),
        Ok(vec![PacChoice::Direct])
    );
}

#[test]
fn a_pac_returning_a_malformed_list_is_named() {
    let script = "function FindProxyForURL(url, host) { return 'PROXY proxy.corp.example:80800; DIRECT'; }";
    match run(script, "https://chatgpt.com/") {
        Err(PacError::BadResult { entry, .. }) => assert_eq!(entry, "PROXY proxy.corp.example:80800"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_fine() {
    let script = "\u{feff}function FindProxyForURL(url, host) {\r\n  return \"DIRECT\";\r\n}\r\n";
    assert_eq!(run(script, "https://chatgpt.com/"), Ok(vec![PacChoice::Direct]));
}
