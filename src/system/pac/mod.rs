//! PAC files, evaluated for real in a sandbox. Browsers and the ChatGPT desktop app often take
//! their proxy from a PAC file: JavaScript whose `FindProxyForURL(url, host)` returns the
//! proxies to try in order (`"PROXY h:p; SOCKS5 h:p; DIRECT"`). A PAC file is untrusted code
//! from the network, so it runs in QuickJS under limits on time, memory, stack and size, sees
//! only the helpers' resolver (the caller's), and every way it can fail is an error naming why.
//!
//! * [`fetch`]: a path, `file://`, `http://` or `https://`, capped and under the deadline.
//! * [`evaluate`] / [`evaluate_detailed`]: one `FindProxyForURL` call in a fresh engine.
//! * [`PacChoice`]: one entry of the answer, and the [`ProxyConfig`](crate::route::ProxyConfig)
//!   it stands for where the route module speaks its protocol.
//! * [`PacError`]: why there is no answer, with a stable code and a Fluent message.

mod choice;
mod clock;
mod engine;
mod environment;
mod error;
mod fetch;
mod natives;

pub use choice::{PacChoice, parse_choices};
pub use clock::{PacClock, WallTime};
pub use engine::{PacEvaluation, evaluate, evaluate_detailed, url_for_script};
pub use environment::{
    DEFAULT_LOOKUP_LIMIT, DEFAULT_MEMORY_LIMIT, DEFAULT_SCRIPT_LIMIT, DEFAULT_STACK_LIMIT,
    DEFAULT_TIME_LIMIT, PacEnvironment, PacLimits, PacResolver,
};
pub use error::{BadEntry, FileKind, PacError, Phase};
pub use fetch::{MAX_REDIRECTS, PAC_MEDIA_TYPES, PacNote, PacScript, fetch};
pub use natives::PacLookup;

#[cfg(test)]
mod tests;
