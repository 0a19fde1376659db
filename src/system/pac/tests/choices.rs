//! Reading what FindProxyForURL returned.

use super::super::{BadEntry, PacChoice, PacError, parse_choices};
use super::proxy;
use crate::route::ProxyScheme;

fn bad(returned: &str) -> BadEntry {
    match parse_choices(returned) {
        Err(PacError::BadResult { problem, .. }) => problem,
        other => panic!("{returned:?} gave {other:?}"),
    }
}

#[test]
fn a_list_is_read_in_order_whatever_the_case_and_spacing() {
    let choices =
        parse_choices("  proxy 192.0.2.1:3128 ;SOCKS5   proxy.example:1080;  Direct ; ").expect("parses");
    assert_eq!(
        choices,
        vec![
            proxy("192.0.2.1", 3128),
            PacChoice::Socks5 {
                host: "proxy.example".into(),
                port: 1080
            },
            PacChoice::Direct,
        ]
    );
}

#[test]
fn every_keyword_gives_its_kind() {
    let choices = parse_choices(
        "PROXY a.example:1; HTTP b.example:2; HTTPS c.example:3; SOCKS d.example:4; SOCKS4 e.example:5; SOCKS5 f.example:6; DIRECT",
    )
    .expect("parses");
    let kinds: Vec<&str> = choices.iter().map(PacChoice::kind).collect();
    assert_eq!(
        kinds,
        ["proxy", "proxy", "https", "socks4", "socks4", "socks5", "direct"]
    );
    let ports: Vec<u16> = choices
        .iter()
        .filter_map(|c| c.endpoint().map(|(_, p)| p))
        .collect();
    assert_eq!(ports, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn a_missing_port_takes_the_schemes_default_as_in_chrome() {
    let choices = parse_choices("PROXY a.example; HTTPS b.example; SOCKS c.example; SOCKS5 [2001:db8::1]")
        .expect("parses");
    let ports: Vec<u16> = choices
        .iter()
        .filter_map(|c| c.endpoint().map(|(_, p)| p))
        .collect();
    assert_eq!(ports, [80, 443, 1080, 1080]);
}

#[test]
fn ipv6_proxies_are_written_in_brackets_and_kept_without() {
    let choices = parse_choices("PROXY [2001:DB8::1]:8080").expect("parses");
    assert_eq!(choices, vec![proxy("2001:db8::1", 8080)]);
    assert_eq!(choices[0].to_string(), "PROXY [2001:db8::1]:8080");
    assert_eq!(bad("PROXY 2001:db8::1:8080"), BadEntry::BadPort);
    assert_eq!(bad("PROXY [2001:db8::zz]:8080"), BadEntry::BadHost);
    assert_eq!(bad("PROXY [2001:db8::1]8080"), BadEntry::BadHost);
    assert_eq!(bad("PROXY [2001:db8::1"), BadEntry::BadHost);
}

#[test]
fn host_names_are_lower_cased() {
    assert_eq!(
        parse_choices("PROXY Proxy.Corp.Example:80").expect("parses"),
        vec![proxy("proxy.corp.example", 80)]
    );
}

#[test]
fn invalid_entries_are_errors_naming_them() {
    assert_eq!(bad("PROXIE a.example:1"), BadEntry::UnknownKeyword);
    assert_eq!(bad("QUIC a.example:443"), BadEntry::UnknownKeyword);
    assert_eq!(bad("PROXY"), BadEntry::MissingAddress);
    assert_eq!(bad("PROXY a.example:1 b.example:2"), BadEntry::ExtraWords);
    assert_eq!(bad("DIRECT a.example:1"), BadEntry::ExtraWords);
    assert_eq!(bad("PROXY a.example:0"), BadEntry::BadPort);
    assert_eq!(bad("PROXY a.example:65536"), BadEntry::BadPort);
    assert_eq!(bad("PROXY a.example:+80"), BadEntry::BadPort);
    assert_eq!(bad("PROXY a.example:"), BadEntry::BadPort);
    assert_eq!(bad("PROXY a.example:80x"), BadEntry::BadPort);
    assert_eq!(bad("PROXY a/b.example:80"), BadEntry::BadHost);
    assert_eq!(bad("PROXY :80"), BadEntry::BadHost);
    assert_eq!(bad("PROXY http://a.example:80"), BadEntry::BadPort);
    assert_eq!(
        bad(&format!("PROXY {}.example:80", "a".repeat(260))),
        BadEntry::BadHost
    );
    match parse_choices("DIRECT; PROXY ok.example:1; BOGUS x:1") {
        Err(PacError::BadResult { entry, .. }) => assert_eq!(entry, "BOGUS x:1"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_long_or_garbled_entry_is_quoted_short_and_clean() {
    let entry = format!("JUNK\u{7}{}", "x".repeat(500));
    match parse_choices(&entry) {
        Err(PacError::BadResult { entry, .. }) => {
            assert!(entry.chars().count() <= 101, "{}", entry.len());
            assert!(!entry.chars().any(char::is_control));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_answer_is_its_own_error() {
    for empty in ["", "   ", ";", " ; ;; "] {
        assert_eq!(parse_choices(empty), Err(PacError::EmptyResult), "{empty:?}");
    }
}

#[test]
fn proxy_and_socks5_choices_become_proxy_settings_the_rest_do_not() {
    let choices = parse_choices(
        "PROXY proxy.example:3128; SOCKS5 [2001:db8::9]:1080; HTTPS s.example:443; SOCKS4 t.example:1080; DIRECT",
    )
    .expect("parses");
    let configs: Vec<_> = choices.iter().map(|c| c.to_proxy_config("PAC test")).collect();
    let http = configs[0].as_ref().expect("http");
    assert_eq!(http.scheme, ProxyScheme::Http);
    assert_eq!(http.display(), "http://proxy.example:3128");
    assert_eq!(http.source, "PAC test");
    let socks = configs[1].as_ref().expect("socks5h");
    assert_eq!(socks.scheme, ProxyScheme::Socks5h);
    assert_eq!(socks.host(), "2001:db8::9");
    assert_eq!(socks.port(), 1080);
    assert!(configs[2..].iter().all(Option::is_none));
}
