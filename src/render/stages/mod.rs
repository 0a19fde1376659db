//! Human output of the per-stage commands (`dns` like dig, `tcp`, `tls` like `openssl s_client`,
//! `http` like httpstat), `endpoints`, `watch` lines and `report`'s closing lines. Colour is
//! decided once, before rendering (see [`super::use_color`]). The words come from
//! `locales/*/commands.ftl`; columns are padded by display width ([`crate::i18n::pad`]), so
//! wide characters keep them aligned.
//!
//! One file per command; this one only declares and re-exports them.

mod common;
mod dns;
mod endpoints;
mod http;
mod support;
mod tcp;
mod tls;
mod watch;

pub use common::{dns_source_text, fmt_ms, fmt_span};
pub use dns::dns;
pub use endpoints::endpoints;
pub use http::http;
pub use support::report_written;
pub use tcp::tcp;
pub use tls::tls;
pub use watch::watch_line;
