//! The built-in targets, as data, and how flags override them.
//!
//! Hostnames and probe paths are the ones OpenAI's web, app and API clients use. The controls are chosen so that at least one
//! is reachable from any country: an IP literal (no DNS needed), and two large sites that are not
//! blocked where Google is (Microsoft and Apple serve mainland China, Russia and Iran).

use clap::ValueEnum;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use url::Url;

/// What part of ChatGPT a target stands for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ValueEnum, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Surface {
    /// chatgpt.com in a browser
    Web,
    /// The iOS and Android apps' edge
    App,
    /// api.openai.com (or the configured base URL)
    Api,
    /// auth.openai.com, used to log in
    Auth,
    /// Static assets (cdn.oaistatic.com)
    Assets,
    /// OpenAI's status page
    Status,
    /// A neutral control target, not OpenAI
    #[value(skip)]
    Control,
}

impl Surface {
    /// The stable name used in JSON and the human output.
    pub fn as_str(self) -> &'static str {
        match self {
            Surface::Web => "web",
            Surface::App => "app",
            Surface::Api => "api",
            Surface::Auth => "auth",
            Surface::Assets => "assets",
            Surface::Status => "status",
            Surface::Control => "control",
        }
    }

    /// Surfaces a user uses ChatGPT through (the status page and controls are evidence only).
    pub fn is_service(self) -> bool {
        !matches!(self, Surface::Status | Surface::Control)
    }
}

/// One thing to probe: a URL and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Unique, stable name (host, plus path where one host is probed twice).
    pub name: String,
    pub surface: Surface,
    pub url: Url,
}

impl Target {
    /// The host as written in the URL (no brackets for IPv6).
    pub fn host(&self) -> String {
        match self.url.host() {
            Some(url::Host::Ipv6(a)) => a.to_string(),
            Some(h) => h.to_string(),
            None => String::new(),
        }
    }

    /// The port, defaulting by scheme.
    pub fn port(&self) -> u16 {
        self.url.port_or_known_default().unwrap_or(443)
    }

    /// True when the URL names an IP address (no DNS stage).
    pub fn is_ip_literal(&self) -> bool {
        matches!(self.url.host(), Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)))
    }

    /// True for https:// (a TLS stage runs).
    pub fn is_tls(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// The path and query sent in the request.
    pub fn path_and_query(&self) -> String {
        match self.url.query() {
            Some(q) => format!("{}?{}", self.url.path(), q),
            None => self.url.path().to_string(),
        }
    }
}

/// The built-in OpenAI targets: (name, surface, URL).
pub const OPENAI_TARGETS: &[(&str, Surface, &str)] = &[
    ("chatgpt.com", Surface::Web, "https://chatgpt.com/"),
    (
        "chatgpt.com/cdn-cgi/trace",
        Surface::Web,
        "https://chatgpt.com/cdn-cgi/trace",
    ),
    (
        "ios.chat.openai.com",
        Surface::App,
        "https://ios.chat.openai.com/public-api/mobile/server_status/v1",
    ),
    (
        "android.chat.openai.com",
        Surface::App,
        "https://android.chat.openai.com/public-api/mobile/server_status/v1",
    ),
    ("api.openai.com", Surface::Api, "https://api.openai.com/v1/models"),
    (
        "api.openai.com/compliance/cookie_requirements",
        Surface::Api,
        "https://api.openai.com/compliance/cookie_requirements",
    ),
    ("auth.openai.com", Surface::Auth, "https://auth.openai.com/"),
    ("cdn.oaistatic.com", Surface::Assets, "https://cdn.oaistatic.com/"),
    (
        "status.openai.com",
        Surface::Status,
        "https://status.openai.com/api/v2/status.json",
    ),
];

/// The built-in control targets. At least one is an IP literal; the plain-http ones are the
/// operating systems' own captive-portal checks (see [`CAPTIVE_CHECKS`]).
pub const CONTROL_TARGETS: &[&str] = &[
    "https://1.1.1.1/cdn-cgi/trace",
    "https://www.microsoft.com/",
    "https://www.apple.com/",
    "http://captive.apple.com/hotspot-detect.html",
    "http://www.msftconnecttest.com/connecttest.txt",
];

/// Captive-portal checks: plain-http URLs whose true answer is known (what Apple's and
/// Microsoft's systems ask on joining a network). A redirect, or any other answer, is a portal
/// (or a proxy) in the way. Matched by URL, so a `--control` naming one is checked too.
/// (Google's `generate_204` is left out: Google is blocked in several countries.)
pub const CAPTIVE_CHECKS: &[(&str, u16, &str)] = &[
    ("http://captive.apple.com/hotspot-detect.html", 200, "Success"),
    (
        "http://www.msftconnecttest.com/connecttest.txt",
        200,
        "Microsoft Connect Test",
    ),
];

/// The known true answer of a captive-portal check URL: (status, a string the body contains).
pub fn captive_expectation(url: &Url) -> Option<(u16, &'static str)> {
    CAPTIVE_CHECKS
        .iter()
        .find(|(u, _, _)| Url::parse(u).is_ok_and(|c| c == *url))
        .map(|(_, status, body)| (*status, *body))
}

/// The domains OpenAI's services live under (REFERENCE.md): a redirect within them stays with
/// OpenAI, one outside them does not.
pub const OPENAI_DOMAINS: &[&str] = &[
    "chatgpt.com",
    "openai.com",
    "oaistatic.com",
    "oaiusercontent.com",
    "oaistatsig.com",
    "chat.com",
    "sora.com",
];

/// True when `host` is one of [`OPENAI_DOMAINS`] or under one.
pub fn is_openai_domain(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    OPENAI_DOMAINS
        .iter()
        .any(|d| host == *d || host.strip_suffix(d).is_some_and(|rest| rest.ends_with('.')))
}

/// The default API base URL (as the OpenAI SDKs have it).
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// The default status page base.
pub const DEFAULT_STATUS_URL: &str = "https://status.openai.com";

/// What the plan needs from flags to pick targets.
#[derive(Debug, Clone, Default)]
pub struct CatalogOverrides {
    pub surfaces: Vec<Surface>,
    pub controls: Vec<Url>,
    pub status_url: Option<Url>,
    pub base_url: Option<Url>,
}

/// Joins a base URL and a relative path the way the SDKs do (`{base}/models`).
pub fn join_base(base: &Url, tail: &str) -> Url {
    let mut s = base.as_str().trim_end_matches('/').to_string();
    s.push('/');
    s.push_str(tail.trim_start_matches('/'));
    Url::parse(&s).unwrap_or_else(|_| base.clone())
}

/// The targets of a run: the built-in catalog, narrowed and overridden by flags.
pub fn targets(o: &CatalogOverrides) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    for (name, surface, url) in OPENAI_TARGETS {
        if !o.surfaces.is_empty() && !o.surfaces.contains(surface) {
            continue;
        }
        // The region probe is api.openai.com's own; a relay or gateway base URL has none.
        if url.contains("/compliance/") && o.base_url.is_some() {
            continue;
        }
        let default = Url::parse(url).expect("built-in URLs parse");
        let url = match surface {
            Surface::Api => o
                .base_url
                .as_ref()
                .map(|b| join_base(b, "models"))
                .unwrap_or(default),
            Surface::Status => o
                .status_url
                .as_ref()
                .map(|b| join_base(b, "api/v2/status.json"))
                .unwrap_or(default),
            _ => default,
        };
        let name = match surface {
            Surface::Api if o.base_url.is_some() => url.host_str().unwrap_or(name).to_string(),
            Surface::Status if o.status_url.is_some() => url.host_str().unwrap_or(name).to_string(),
            _ => (*name).to_string(),
        };
        push_unique(&mut out, name, *surface, url);
    }
    let controls: Vec<Url> = if o.controls.is_empty() {
        CONTROL_TARGETS
            .iter()
            .map(|u| Url::parse(u).expect("built-in URLs parse"))
            .collect()
    } else {
        o.controls.clone()
    };
    for url in controls {
        let name = url.host_str().unwrap_or("control").to_string();
        push_unique(&mut out, name, Surface::Control, url);
    }
    out
}

fn push_unique(out: &mut Vec<Target>, name: String, surface: Surface, url: Url) {
    let mut unique = name.clone();
    let mut n = 2;
    while out.iter().any(|t| t.name == unique) {
        unique = format!("{name}#{n}");
        n += 1;
    }
    out.push(Target {
        name: unique,
        surface,
        url,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_covers_every_surface_and_has_an_ip_literal_control() {
        let t = targets(&CatalogOverrides::default());
        for s in [
            Surface::Web,
            Surface::App,
            Surface::Api,
            Surface::Auth,
            Surface::Assets,
            Surface::Status,
        ] {
            assert!(t.iter().any(|x| x.surface == s), "{s:?}");
        }
        let controls: Vec<_> = t.iter().filter(|x| x.surface == Surface::Control).collect();
        assert!(controls.len() >= 2);
        assert!(controls.iter().any(|c| c.is_ip_literal()));
        assert!(controls.iter().any(|c| !c.is_ip_literal()));
        let names: std::collections::HashSet<_> = t.iter().map(|x| &x.name).collect();
        assert_eq!(names.len(), t.len(), "names are unique");
    }

    #[test]
    fn surface_filter_keeps_controls() {
        let t = targets(&CatalogOverrides {
            surfaces: vec![Surface::Api],
            ..Default::default()
        });
        assert!(
            t.iter()
                .all(|x| matches!(x.surface, Surface::Api | Surface::Control))
        );
        assert!(t.iter().any(|x| x.surface == Surface::Api));
    }

    #[test]
    fn base_url_and_status_url_replace_their_targets() {
        let t = targets(&CatalogOverrides {
            base_url: Some(Url::parse("http://127.0.0.1:8080/v1/").unwrap()),
            status_url: Some(Url::parse("https://status.example").unwrap()),
            controls: vec![Url::parse("https://127.0.0.1:9/").unwrap()],
            ..Default::default()
        });
        let api = t.iter().find(|x| x.surface == Surface::Api).unwrap();
        assert_eq!(api.url.as_str(), "http://127.0.0.1:8080/v1/models");
        let st = t.iter().find(|x| x.surface == Surface::Status).unwrap();
        assert_eq!(st.url.as_str(), "https://status.example/api/v2/status.json");
        let c: Vec<_> = t.iter().filter(|x| x.surface == Surface::Control).collect();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].port(), 9);
    }
}
