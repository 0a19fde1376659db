//! Classifiers: what an HTTP answer or a status page says. Pure functions over probe data,
//! called by `diagnose`.

pub mod signatures;
pub mod status_page;
