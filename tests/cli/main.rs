//! The one integration-test binary: the built `chatgpt-doctor` against in-process fixtures on
//! loopback (`support/`). One binary keeps link time down.

mod answers;
mod causes;
mod commands;
mod evidence;
mod flags;
mod generated;
mod hostile;
mod inputs;
mod language;
mod metrics;
mod networks;
mod report_files;
mod sinks;
mod support;
mod system;
mod terminal;
