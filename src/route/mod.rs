//! Where connections go, as plain data that every part of the tool shares: curl's `--resolve`
//! and `--connect-to` rules, how a host is written next to a port, and which proxy (if any)
//! carries a target. Imports nothing of the crate but its words (`i18n`): flags parse into
//! these, settings report them, probes follow them.

mod no_proxy;
mod programs;
mod proxy;
mod rules;

pub use no_proxy::NO_PROXY_VARIABLES;
pub use programs::{DecidedWays, Decision, Programs};
pub use proxy::{DEFAULT_PROXY_PORT, PROXY_VARIABLES, ProxyConfig, ProxyScheme, ProxySettings, Route};
pub use rules::{ConnectTo, ResolveRule, bracket, dial, pinned};
