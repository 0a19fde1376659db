//! What the user and the system hand the tool, read as untrusted input: the one reader of named
//! files (a regular file, a cap per kind, never a blocking open), the strict PEM reader, and one
//! validator per kind of value (port, IP address, host). Imports nothing of the crate but `i18n`,
//! so every module can use it.

pub mod file;
pub mod pem;
pub mod value;

pub use file::{CappedReadError, EDGE_RANGES_MAX, FileKind, FileRole, read_capped, read_file};
