//! The proxy stage: the tunnel through the proxy a target's route names (which proxy applies,
//! and how it is configured, is decided in `crate::route`).
//!
//! [`connect_via`] measures TCP to the proxy (a `tcp` stage, with the tcp failure strings; a proxy
//! name that does not resolve fails it with a dns string) and then the CONNECT or SOCKS5
//! handshake (the `proxy` stage): `proxy_auth_required` (407, or SOCKS5 credentials missing or
//! refused), `proxy_denied` (403, or SOCKS5 "connection not allowed by ruleset"), `proxy_error`
//! (any other non-2xx answer, an answer that is not HTTP, any other SOCKS5 error),
//! `generic_timeout_error`, and `eof_error`/`connection_reset` when the proxy hangs up. Every read
//! is bounded by the stage timeout and a byte cap.
//!
//! Credentials go only into the `Proxy-Authorization` header or the SOCKS5 username/password
//! exchange; every recorded detail shows the proxy without them, and what a proxy sends back is
//! scrubbed of them before it is recorded.

mod connect;
mod detail;
mod resolve;
mod socks;
mod tunnel;

pub use connect::{EXCERPT_CHARS, HEAD_CAP};
pub(crate) use tunnel::connect_to_proxy;
pub use tunnel::{ProxyOutcome, connect_via};
