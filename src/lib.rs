//! chatgpt-doctor: tells whether ChatGPT's trouble is this machine, its network, the path to
//! OpenAI, OpenAI itself, or the account — with evidence.
//!
//! The flow (ARCHITECTURE.md): [`cli`] parses; [`commands`] dispatches; [`check`] reads the
//! settings, plans, runs the [`probe`]s, has [`diagnose`] judge the observations and assembles
//! the [`report`]; [`render`] turns it into text for people or machines.

pub mod catalog;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnose;
pub mod error;
pub mod evidence;
pub mod i18n;
pub mod input;
pub mod probe;
pub mod render;
pub mod report;
pub mod route;
pub mod safe_text;
pub mod system;

pub use commands::main_entry;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
