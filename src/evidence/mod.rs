//! Classifiers: what an HTTP answer, a status page or an API key check says. Pure functions over
//! probe data, called by `diagnose`.

pub mod auth;
pub mod dns_consistency;
pub mod origin;
pub mod signatures;
pub mod status_page;
