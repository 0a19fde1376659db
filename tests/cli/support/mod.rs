//! Test fixtures for the `chatgpt-doctor` CLI tests.
//!
//! Everything here runs on loopback only (127.0.0.0/8 and `::1`): a small test PKI ([`pki`]), a DNS
//! responder ([`dns`]), TLS/HTTP edges that replay OpenAI, Cloudflare and status-page answers
//! ([`server`], [`replay`]), and helpers that run the built binary against them ([`run`]).
//!
//! Every fixture owns a single-threaded tokio runtime on a background thread, binds a random port
//! and shuts down (joining its thread and dropping every connection) when dropped, so tests are
//! plain `#[test]` functions.
#![allow(dead_code)]

pub mod dns;
pub mod doh;
pub mod pki;
pub mod proxy;
pub mod replay;
pub mod run;
pub mod server;

mod background;

#[cfg(test)]
mod selftest;

// Shortcuts for the test files; not every test binary uses every one.
#[allow(unused_imports)]
pub use dns::{DnsAnswer, DnsFixture, DnsRules};
#[allow(unused_imports)]
pub use pki::{Leaf, TestCa, Validity};
#[allow(unused_imports)]
pub use replay::Routes;
#[allow(unused_imports)]
pub use run::{Outcome, World, WorldBuilder, doctor, run, run_json, run_json_cmd};
#[allow(unused_imports)]
pub use server::{
    Behaviour, BlackholeListener, Body, EdgeConfig, EdgeFixture, PlainHttpFixture, RequestInfo, ResponseSpec,
    Router,
};
