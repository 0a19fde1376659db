//! Probes measure, they never judge and never print.
//!
//! Each stage module returns plain observations: what happened, how long it took, and, when it
//! failed, a stable failure string from OONI's vocabulary ([`Failure`]).

pub mod browser_hello;
pub mod dns;
pub mod doh;
pub mod http;
pub mod observation;
pub mod os_resolver;
pub mod pipeline;
pub mod plan;
pub mod proxy;
pub mod run;
pub mod system_store;
pub mod tcp;
pub mod tls;
pub mod waits;

pub use observation::*;
