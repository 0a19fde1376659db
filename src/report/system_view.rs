//! What this computer says about how its programs reach OpenAI, as the report carries it: the
//! system proxy's sources (each with where it came from), the one browsers and the desktop app
//! follow, what it — or its PAC file — gives each OpenAI URL, and the tunnels (VPN, TUN proxies).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::system::interfaces::TunnelReading;

/// The view of browsers and the desktop app, beside the view this check took.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct SystemViewReport {
    /// Every system proxy source of this computer, in the order read.
    pub proxy_sources: Vec<ProxySourceReport>,
    /// The origin of the source browsers and the desktop app follow, when one is in force.
    pub proxy_in_force: Option<String>,
    /// Why that one (or why none): `only_source`, `per_user`, `policy_per_machine`,
    /// `desktop_gnome`, `desktop_kde`, `no_desktop_setting`.
    pub proxy_in_force_reason: String,
    /// What browsers and the desktop app do with each probed URL.
    pub browser_routes: Vec<BrowserRouteReport>,
    /// The PAC file browsers follow, when the setting in force names one.
    pub pac: Option<PacReport>,
    /// Network interfaces that are tunnels, fake-ip answers, a resolver inside a tunnel.
    pub tunnels: TunnelReading,
}

/// One system proxy source.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ProxySourceReport {
    /// Where it lives (a registry key, `SCDynamicStore`, `gsettings org.gnome.system.proxy`,
    /// `~/.config/kioslaverc`).
    pub origin: String,
    /// `absent`, `unreadable` or `read`.
    pub state: String,
    /// Why it could not be read (a stable code), when `unreadable`.
    pub reason: Option<String>,
    /// `direct`, `manual`, `pac` or `auto_detect`, when read.
    pub mode: Option<String>,
    /// The proxy for `https://` URLs, without credentials.
    pub https: Option<String>,
    /// The proxy for `http://` URLs, without credentials.
    pub http: Option<String>,
    /// The SOCKS proxy.
    pub socks: Option<String>,
    /// The PAC file's URL.
    pub pac_url: Option<String>,
    /// Web Proxy Auto-Discovery is on.
    pub auto_detect: bool,
    /// Hosts that go direct, as written.
    pub exceptions: Vec<String>,
    /// Settings whose value could not be used (names only).
    pub ignored: Vec<String>,
}

/// What browsers and the desktop app do with one URL.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BrowserRouteReport {
    pub url: String,
    /// `direct`, `proxy`, `unknown` (auto-detection, or a PAC that gave no usable answer).
    pub way: String,
    /// The proxy, without credentials, when `proxy`.
    pub proxy: Option<String>,
    /// What decided it: the setting's origin, an exception entry, `PAC`.
    pub decided_by: String,
    /// What this check did with the same URL: `direct` or the proxy it used.
    pub this_check: String,
    /// True when the browsers' way and this check's differ (the verdict then speaks for the
    /// programs that share this check's way).
    pub differs: bool,
}

/// The PAC file browsers follow, fetched and evaluated for the probed URLs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PacReport {
    /// Its URL or path, as configured.
    pub location: String,
    /// `ok` or `failed`.
    pub status: String,
    /// Why it failed (a stable code: `fetch_failed`, `syntax_error`, `threw`, `timed_out`, …).
    pub failure: Option<String>,
    /// The reason in words (in the report's language).
    pub detail: Option<String>,
    /// Its size, when fetched.
    pub bytes: Option<usize>,
    /// What `FindProxyForURL` returned for each probed URL, as returned.
    pub answers: Vec<PacAnswerReport>,
}

/// One `FindProxyForURL` answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PacAnswerReport {
    pub url: String,
    /// The returned string (`PROXY h:p; DIRECT`), or empty when the call failed.
    pub returned: String,
    /// Why the call failed, a stable code.
    pub failure: Option<String>,
}
