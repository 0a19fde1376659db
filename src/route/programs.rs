//! The routes of the user's own programs. Browsers and the ChatGPT desktop app follow the system
//! proxy (or its PAC file); terminal tools and SDKs follow the `*_PROXY` variables. When the two
//! disagree for some URL, each is probed: `DecidedWays` is the browsers' way, decided per URL
//! before probing, as data the probes can follow.

use url::Url;

use super::proxy::{ProxyConfig, Route};

/// A kind of program, by how it picks its route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Programs {
    /// Terminal tools and SDKs (curl, Python, the OpenAI SDKs): the `*_PROXY` variables.
    Terminal,
    /// Browsers and the ChatGPT desktop app: the system proxy or its PAC file.
    Browsers,
}

impl Programs {
    /// The stable code of these programs, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Programs::Terminal => "terminal_tools_and_sdks",
            Programs::Browsers => "browsers_and_desktop_app",
        }
    }

    /// The stable code of the route these programs take, as in JSON and `--route`.
    pub fn route_code(self) -> &'static str {
        match self {
            Programs::Terminal => "env",
            Programs::Browsers => "system",
        }
    }
}

/// What a route does with one URL, decided before probing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Straight to the target.
    Direct,
    /// Through this proxy.
    Proxy(ProxyConfig),
}

/// A route decided per URL in advance (the system proxy's setting, a PAC file's answers). A URL
/// not listed goes direct.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecidedWays {
    /// What decided (the setting's origin, or `PAC <url>`), for the reports.
    pub source: String,
    pub decisions: Vec<(String, Decision)>,
}

impl DecidedWays {
    /// How a target URL is reached on this route.
    pub fn route(&self, url: &Url) -> Route<'_> {
        match self.decisions.iter().find(|(u, _)| u == url.as_str()) {
            Some((_, Decision::Proxy(p))) => Route::Proxy(p),
            _ => Route::DecidedDirect { by: &self.source },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decided_ways_follow_their_decisions_and_send_the_rest_direct() {
        let proxy = ProxyConfig::parse("http://192.0.2.8:3128", "PAC").unwrap();
        let ways = DecidedWays {
            source: "PAC http://192.0.2.9/proxy.pac".into(),
            decisions: vec![
                ("https://chatgpt.com/".into(), Decision::Proxy(proxy.clone())),
                ("https://192.0.2.20/".into(), Decision::Direct),
            ],
        };
        assert_eq!(
            ways.route(&Url::parse("https://chatgpt.com/").unwrap()),
            Route::Proxy(&proxy)
        );
        for other in ["https://192.0.2.20/", "https://example.test/"] {
            assert!(matches!(
                ways.route(&Url::parse(other).unwrap()),
                Route::DecidedDirect {
                    by: "PAC http://192.0.2.9/proxy.pac"
                }
            ));
        }
    }
}
