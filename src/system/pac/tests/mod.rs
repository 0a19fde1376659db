//! Tests of the PAC engine, its helpers, hostile scripts and the fetcher. Nothing here leaves
//! the machine: resolvers are tables of documentation addresses, servers listen on 127.0.0.1.

mod choices;
mod fetching;
mod helpers;
mod hostile;
mod messages;
mod real_world;

use std::net::IpAddr;
use std::sync::Arc;

use time::{OffsetDateTime, UtcOffset};
use url::Url;

use super::{PacChoice, PacClock, PacEnvironment, PacError, PacLimits, evaluate};

/// Sunday 30 June 2024, 20:00:00 GMT, which is Monday 1 July, 04:00:00 at UTC+8: the date,
/// weekday, month and hour all differ between GMT and local time.
pub fn clock() -> PacClock {
    let now = OffsetDateTime::from_unix_timestamp(1_719_777_600).expect("instant");
    PacClock::fixed(now, UtcOffset::from_hms(8, 0, 0).expect("offset"))
}

/// A resolver that knows only `table` and counts nothing: names it does not know resolve to
/// nothing.
pub fn table(entries: &[(&str, &str)]) -> super::PacResolver {
    let entries: Vec<(String, IpAddr)> = entries
        .iter()
        .map(|(name, ip)| (name.to_string(), ip.parse().expect("test address")))
        .collect();
    Arc::new(move |name: &str| {
        entries
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, ip)| *ip)
            .collect()
    })
}

/// The environment of most tests: a small table, this machine at 192.0.2.10, the fixed clock.
pub fn env() -> PacEnvironment {
    PacEnvironment {
        resolve: table(&[
            ("intranet.corp.example", "192.0.2.20"),
            ("wpad.corp.example", "192.0.2.21"),
            ("dual.example", "2001:db8::5"),
            ("dual.example", "198.51.100.5"),
            ("v6only.example", "2001:db8::6"),
            ("chatgpt.com", "203.0.113.7"),
        ]),
        my_ip: "192.0.2.10".parse().expect("address"),
        clock: clock(),
        limits: PacLimits::default(),
    }
}

/// Evaluates `script` for `url` (its host as the host argument).
pub fn run_with(script: &str, url: &str, env: &PacEnvironment) -> Result<Vec<PacChoice>, PacError> {
    let url = Url::parse(url).expect("test URL");
    let host = match url.host() {
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        Some(h) => h.to_string(),
        None => String::new(),
    };
    evaluate(script, &url, &host, env)
}

/// As [`run_with`] in the default environment.
pub fn run(script: &str, url: &str) -> Result<Vec<PacChoice>, PacError> {
    run_with(script, url, &env())
}

/// The value of a JavaScript expression, by way of a PAC that returns it as `DIRECT` (true) or
/// `PROXY false.invalid:1` (false): helpers are tested through the same path scripts take.
pub fn truth(expression: &str) -> bool {
    let script = format!(
        "function FindProxyForURL(url, host) {{ return ({expression}) ? 'DIRECT' : 'PROXY false.invalid:1'; }}"
    );
    match run(&script, "http://www.example.com/") {
        Ok(choices) => choices == vec![PacChoice::Direct],
        Err(e) => panic!("{expression}: {e:?}"),
    }
}

/// True when a JavaScript expression is strictly equal to `expected` (JavaScript source).
pub fn equals(expression: &str, expected: &str) -> bool {
    truth(&format!("({expression}) === {expected}"))
}

/// A proxy choice, for comparisons.
pub fn proxy(host: &str, port: u16) -> PacChoice {
    PacChoice::Proxy {
        host: host.to_string(),
        port,
    }
}
