//! The helper functions, one test each, against the fixed clock (GMT: Sunday 30 June 2024,
//! 20:00:00; local, UTC+8: Monday 1 July 2024, 04:00:00) and the table resolver.

use url::Url;

use super::super::{PacChoice, PacLookup, evaluate_detailed, url_for_script};
use super::{env, equals, run, truth};

fn all_true(expressions: &[&str]) {
    for e in expressions {
        assert!(truth(e), "{e} should be true");
    }
}

fn all_false(expressions: &[&str]) {
    for e in expressions {
        assert!(!truth(e), "{e} should be false");
    }
}

#[test]
fn is_plain_host_name() {
    all_true(&["isPlainHostName('intranet')"]);
    all_false(&[
        "isPlainHostName('www.example.com')",
        "isPlainHostName('2001:db8::1')",
    ]);
}

#[test]
fn dns_domain_is_compares_the_tail_as_browsers_do() {
    all_true(&[
        "dnsDomainIs('www.openai.com', '.openai.com')",
        "dnsDomainIs('a.b.openai.com', '.openai.com')",
        // The well-known quirk: no dot boundary is required.
        "dnsDomainIs('notopenai.com', 'openai.com')",
    ]);
    all_false(&[
        "dnsDomainIs('openai.com', '.openai.com')",
        "dnsDomainIs('www.example.com', '.openai.com')",
        "dnsDomainIs('com', '.openai.com')",
    ]);
}

#[test]
fn local_host_or_domain_is() {
    all_true(&[
        "localHostOrDomainIs('www.example.com', 'www.example.com')",
        "localHostOrDomainIs('www', 'www.example.com')",
    ]);
    all_false(&[
        "localHostOrDomainIs('www.other.com', 'www.example.com')",
        "localHostOrDomainIs('home', 'www.example.com')",
    ]);
}

#[test]
fn dns_resolve_gives_the_first_ipv4_address_or_null() {
    all_true(&[
        "dnsResolve('intranet.corp.example') === '192.0.2.20'",
        "dnsResolve('dual.example') === '198.51.100.5'",
        "dnsResolve('192.0.2.1') === '192.0.2.1'",
        "dnsResolve('unknown.example') === null",
        "dnsResolve('v6only.example') === null",
        "dnsResolve(42) === null",
        "dnsResolve() === null",
    ]);
}

#[test]
fn is_resolvable_follows_dns_resolve() {
    all_true(&["isResolvable('intranet.corp.example')"]);
    all_false(&[
        "isResolvable('unknown.example')",
        "isResolvable('v6only.example')",
    ]);
}

#[test]
fn the_microsoft_extensions_see_ipv6() {
    all_true(&[
        "dnsResolveEx('dual.example') === '2001:db8::5;198.51.100.5'",
        "dnsResolveEx('unknown.example') === ''",
        "isResolvableEx('v6only.example')",
        "!isResolvableEx('unknown.example')",
        "isInNetEx('2001:db8::5', '2001:db8::/32')",
        "isInNetEx('198.51.100.5', '198.51.100.0/24')",
        "!isInNetEx('203.0.113.1', '198.51.100.0/24')",
        "!isInNetEx('not an address', '198.51.100.0/24')",
        "!isInNetEx('198.51.100.5', 'garbage')",
        "myIpAddressEx() === '192.0.2.10'",
    ]);
}

#[test]
fn is_in_net_masks_addresses_and_resolves_names() {
    all_true(&[
        "isInNet('192.0.2.20', '192.0.2.0', '255.255.255.0')",
        "isInNet('192.0.2.20', '192.0.2.16', '255.255.255.240')",
        "isInNet('intranet.corp.example', '192.0.2.0', '255.255.255.0')",
        "isInNet('10.1.2.3', '10.0.0.0', '255.0.0.0')",
        "isInNet('203.0.113.9', '0.0.0.0', '0.0.0.0')",
    ]);
    all_false(&[
        "isInNet('192.0.2.20', '192.0.2.0', '255.255.255.248')",
        "isInNet('198.51.100.5', '192.0.2.0', '255.255.255.0')",
        "isInNet('unknown.example', '192.0.2.0', '255.255.255.0')",
        "isInNet('192.0.2.20', '192.0.2', '255.255.255.0')",
        "isInNet('192.0.2.20', '192.0.2.0', '255.255.255.256')",
        "isInNet('v6only.example', '0.0.0.0', '0.0.0.0')",
    ]);
}

#[test]
fn my_ip_address_is_what_the_caller_says() {
    assert!(equals("myIpAddress()", "'192.0.2.10'"));
}

#[test]
fn dns_domain_levels_counts_dots() {
    all_true(&[
        "dnsDomainLevels('www') === 0",
        "dnsDomainLevels('www.example.com') === 2",
    ]);
}

#[test]
fn sh_exp_match_is_a_glob_with_browsers_regex_leaks() {
    all_true(&[
        "shExpMatch('http://home.example.com/x', '*.example.com/*')",
        "shExpMatch('a.b', 'a?b')",
        "shExpMatch('chatgpt.com', '*chatgpt.com')",
        // As in browsers, only '.', '*' and '?' are translated: a class stays a class.
        "shExpMatch('abc', '[ab]bc')",
    ]);
    all_false(&[
        "shExpMatch('chatgpt.com', '*.chatgpt.com')",
        "shExpMatch('axb', 'a.b')",
        "shExpMatch('xa.b', 'a.b')",
    ]);
}

#[test]
fn weekday_range_in_local_time_and_gmt() {
    all_true(&[
        "weekdayRange('MON')",
        "weekdayRange('SUN', 'GMT')",
        "weekdayRange('MON', 'FRI')",
        "weekdayRange('SAT', 'MON')",
        "weekdayRange('FRI', 'SUN', 'GMT')",
    ]);
    all_false(&[
        "weekdayRange('MON', 'GMT')",
        "weekdayRange('TUE', 'FRI')",
        "weekdayRange('mon')",
        "weekdayRange()",
        "weekdayRange('MON', 'TUE', 'WED')",
    ]);
}

#[test]
fn date_range_single_fields() {
    all_true(&[
        "dateRange(1)",
        "dateRange(30, 'GMT')",
        "dateRange('JUL')",
        "dateRange('JUN', 'GMT')",
        "dateRange(2024)",
        "dateRange('2024')",
    ]);
    all_false(&[
        "dateRange(30)",
        "dateRange('JUN')",
        "dateRange(2023)",
        "dateRange('jul')",
        "dateRange()",
    ]);
}

#[test]
fn date_range_spans_wrap_and_mix_fields() {
    all_true(&[
        "dateRange('JUN', 'AUG')",
        "dateRange('NOV', 'JUL')",
        "dateRange(28, 2)",
        "dateRange(1, 'JUL', 2024, 31, 'DEC', 2024)",
        "dateRange('JUN', 2024, 'JUL', 2024)",
        "dateRange(1, 'JUN', 30, 'JUN', 'GMT')",
        "dateRange(15, 'DEC', 15, 'JUL')",
    ]);
    all_false(&[
        "dateRange('AUG', 'JUN')",
        "dateRange(2, 28)",
        "dateRange(1, 'JUN', 30, 'JUN')",
        "dateRange('JUL', 1, 'AUG', 1)",
        "dateRange(1, 'JUL', 'AUG')",
        "dateRange(1, 'JUL', 2025, 31, 'DEC', 2025)",
        "dateRange(1, 'JUL', 31, 'DEC', 2024)",
    ]);
}

#[test]
fn time_range_forms() {
    all_true(&[
        "timeRange(4)",
        "timeRange(20, 'GMT')",
        "timeRange(3, 5)",
        "timeRange(3, 30, 4, 0)",
        "timeRange(23, 0, 4, 30)",
        "timeRange(4, 0, 0, 4, 0, 0)",
        "timeRange('4')",
    ]);
    all_false(&[
        "timeRange(5)",
        // As in Chrome and Firefox, an hour range does not wrap past midnight.
        "timeRange(22, 6)",
        "timeRange(4, 1, 5, 0)",
        "timeRange(4, 0, 1, 5, 0, 0)",
        "timeRange(1, 2, 3)",
        "timeRange()",
    ]);
}

#[test]
fn alert_is_harmless() {
    assert!(truth("alert('debugging') === undefined"));
}

#[test]
fn the_script_sees_https_urls_without_path_query_or_credentials() {
    let script = "function FindProxyForURL(url, host) {
        return url === 'https://chatgpt.com/' && host === 'chatgpt.com' ? 'DIRECT' : 'PROXY x.invalid:1';
    }";
    assert_eq!(
        run(
            script,
            "https://user:secret@chatgpt.com/backend-api/conversation?q=1#f"
        ),
        Ok(vec![PacChoice::Direct])
    );
    let script = "function FindProxyForURL(url, host) {
        return url === 'http://example.com/a/b?c=1' ? 'DIRECT' : 'PROXY x.invalid:1';
    }";
    assert_eq!(
        run(script, "http://u:p@example.com/a/b?c=1#frag"),
        Ok(vec![PacChoice::Direct])
    );
}

#[test]
fn url_for_script_keeps_scheme_host_and_port() {
    let shown = |u: &str| url_for_script(&Url::parse(u).expect("URL"));
    assert_eq!(shown("https://chatgpt.com:8443/x?y"), "https://chatgpt.com:8443/");
    assert_eq!(shown("https://[2001:db8::1]/v1/models"), "https://[2001:db8::1]/");
    assert_eq!(shown("wss://chatgpt.com/ws?token=abc"), "wss://chatgpt.com/");
    assert_eq!(shown("http://chatgpt.com/x?y"), "http://chatgpt.com/x?y");
}

#[test]
fn the_detailed_result_lists_the_lookups_and_the_string() {
    let script = "function FindProxyForURL(url, host) {
        if (isInNet(dnsResolve(host), '203.0.113.0', '255.255.255.0')) { return 'PROXY proxy.corp.example:8080; DIRECT'; }
        isResolvable('unknown.example');
        return 'DIRECT';
    }";
    let url = Url::parse("https://chatgpt.com/").expect("URL");
    let detailed = evaluate_detailed(script, &url, "chatgpt.com", &env()).expect("evaluates");
    assert_eq!(detailed.returned, "PROXY proxy.corp.example:8080; DIRECT");
    assert_eq!(detailed.choices.len(), 2);
    assert_eq!(
        detailed.lookups,
        vec![PacLookup {
            name: "chatgpt.com".into(),
            addresses: vec!["203.0.113.7".parse().expect("address")]
        }]
    );
    println!("one evaluation: {:?}", detailed.elapsed);
}
