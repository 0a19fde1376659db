//! Why a PAC file gave no answer, one variant per reason, the reason kept as data: a stable code
//! ([`PacError::code`]) for machines and a Fluent message ([`PacError::message`]) for people.

use std::time::Duration;

use crate::i18n::Message;
use crate::msg;

/// Why a PAC file could not be fetched or gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.code())]
pub enum PacError {
    /// The location is neither a path nor a `file://`, `http://` or `https://` URL.
    BadLocation { location: String },
    /// The file could not be opened or read (`error` is the system's own text).
    Unreadable { path: String, error: String },
    /// The path names a FIFO, a device, a directory or a socket: refused, never opened.
    NotAFile { path: String, kind: FileKind },
    /// The script is larger than the limit (`bytes` is at least the size seen).
    TooLarge { bytes: u64, limit: usize },
    /// An http(s) fetch failed at a stage: `stage` is `dns`, `tcp`, `tls` or `http`, `failure`
    /// the probe's stable failure string, `detail` what the stage said.
    Fetch {
        url: String,
        stage: &'static str,
        failure: String,
        detail: String,
    },
    /// The server answered with a status other than 2xx (or a redirect without a location).
    HttpStatus { url: String, status: u16 },
    /// More redirects than the limit.
    TooManyRedirects { url: String, limit: usize },
    /// The server sent less than the whole body before the stage's time ran out.
    BodyCut { url: String, bytes: usize },
    /// The deadline came before the file arrived.
    FetchDeadline { location: String },
    /// The script holds a NUL byte at `offset`: no PAC does, and the engine cannot take it.
    NulByte { offset: usize },
    /// The script does not parse: the engine's message and the line, when it named one.
    Syntax { message: String, line: Option<u32> },
    /// The script defines no function `FindProxyForURL`.
    MissingFunction,
    /// The script threw: the exception's text (`name: message`, or the thrown value).
    Threw { phase: Phase, message: String },
    /// The evaluation ran past the time limit. `stuck` when the engine did not even stop at
    /// the limit (a native loop the interrupt cannot reach) and the evaluation was abandoned.
    Timeout { limit: Duration, stuck: bool },
    /// The script used up its memory limit.
    MemoryExhausted { limit: usize },
    /// The script recursed past its stack limit.
    StackExhausted { limit: usize },
    /// `FindProxyForURL` returned something other than a string (`got` is its `typeof`).
    NotAString { got: String },
    /// `FindProxyForURL` returned an empty list (browsers then connect directly).
    EmptyResult,
    /// An entry of the returned list is not a proxy choice.
    BadResult { entry: String, problem: BadEntry },
    /// The engine itself failed (could not start, or its thread ended without an answer).
    Engine { detail: String },
}

/// When a script threw: while it was being loaded (its top-level code) or while
/// `FindProxyForURL` ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Load,
    Call,
}

pub use crate::input::FileKind;

/// What is wrong with one entry of the returned list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadEntry {
    /// Not `DIRECT`, `PROXY`, `HTTP`, `HTTPS`, `SOCKS`, `SOCKS4` or `SOCKS5`.
    UnknownKeyword,
    /// A proxy keyword without `host:port`.
    MissingAddress,
    /// More words than a keyword and an address.
    ExtraWords,
    /// The host is not a host name, an IPv4 address or a bracketed IPv6 address.
    BadHost,
    /// The port is not a number from 1 to 65535.
    BadPort,
}

impl BadEntry {
    /// The stable code: `unknown_keyword`, `missing_address`, `extra_words`, `bad_host`,
    /// `bad_port`.
    pub fn code(self) -> &'static str {
        match self {
            BadEntry::UnknownKeyword => "unknown_keyword",
            BadEntry::MissingAddress => "missing_address",
            BadEntry::ExtraWords => "extra_words",
            BadEntry::BadHost => "bad_host",
            BadEntry::BadPort => "bad_port",
        }
    }

    fn message(self) -> Message {
        match self {
            BadEntry::UnknownKeyword => msg!("pac-entry-unknown-keyword"),
            BadEntry::MissingAddress => msg!("pac-entry-missing-address"),
            BadEntry::ExtraWords => msg!("pac-entry-extra-words"),
            BadEntry::BadHost => msg!("pac-entry-bad-host"),
            BadEntry::BadPort => msg!("pac-entry-bad-port"),
        }
    }
}

impl PacError {
    /// The stable code of the reason (`pac_timeout`, `pac_syntax_error`, …), for JSON.
    pub fn code(&self) -> &'static str {
        match self {
            PacError::BadLocation { .. } => "pac_bad_location",
            PacError::Unreadable { .. } => "pac_unreadable",
            PacError::NotAFile { .. } => "pac_not_a_file",
            PacError::TooLarge { .. } => "pac_too_large",
            PacError::Fetch { .. } => "pac_fetch_failed",
            PacError::HttpStatus { .. } => "pac_http_status",
            PacError::TooManyRedirects { .. } => "pac_too_many_redirects",
            PacError::BodyCut { .. } => "pac_body_cut",
            PacError::FetchDeadline { .. } => "pac_fetch_deadline",
            PacError::NulByte { .. } => "pac_nul_byte",
            PacError::Syntax { .. } => "pac_syntax_error",
            PacError::MissingFunction => "pac_no_find_proxy_for_url",
            PacError::Threw { .. } => "pac_threw",
            PacError::Timeout { .. } => "pac_timeout",
            PacError::MemoryExhausted { .. } => "pac_memory_exhausted",
            PacError::StackExhausted { .. } => "pac_stack_exhausted",
            PacError::NotAString { .. } => "pac_not_a_string",
            PacError::EmptyResult => "pac_empty_result",
            PacError::BadResult { .. } => "pac_bad_result",
            PacError::Engine { .. } => "pac_engine_failed",
        }
    }

    /// The reason in words, to be worded in the reader's language.
    pub fn message(&self) -> Message {
        match self {
            PacError::BadLocation { location } => msg!("pac-err-bad-location", location = location),
            PacError::Unreadable { path, error } => {
                msg!("pac-err-unreadable", path = path, error = error)
            }
            PacError::NotAFile { path, kind } => {
                msg!("pac-err-not-a-file", path = path, kind = kind.code())
            }
            PacError::TooLarge { bytes, limit } => {
                msg!("pac-err-too-large", bytes = *bytes, limit = *limit)
            }
            PacError::Fetch {
                url,
                stage,
                failure,
                detail,
            } => msg!(
                "pac-err-fetch",
                url = url,
                stage = *stage,
                failure = failure,
                detail = detail
            ),
            PacError::HttpStatus { url, status } => {
                msg!("pac-err-http-status", url = url, status = *status)
            }
            PacError::TooManyRedirects { url, limit } => {
                msg!("pac-err-redirects", url = url, limit = *limit)
            }
            PacError::BodyCut { url, bytes } => msg!("pac-err-body-cut", url = url, bytes = *bytes),
            PacError::FetchDeadline { location } => {
                msg!("pac-err-fetch-deadline", location = location)
            }
            PacError::NulByte { offset } => msg!("pac-err-nul-byte", offset = *offset),
            PacError::Syntax {
                message,
                line: Some(line),
            } => {
                msg!("pac-err-syntax-line", message = message, line = *line)
            }
            PacError::Syntax { message, line: None } => msg!("pac-err-syntax", message = message),
            PacError::MissingFunction => msg!("pac-err-no-function"),
            PacError::Threw {
                phase: Phase::Load,
                message,
            } => {
                msg!("pac-err-threw-loading", message = message)
            }
            PacError::Threw {
                phase: Phase::Call,
                message,
            } => {
                msg!("pac-err-threw", message = message)
            }
            PacError::Timeout { limit, stuck: false } => {
                msg!("pac-err-timeout", seconds = limit.as_secs_f64())
            }
            PacError::Timeout { limit, stuck: true } => {
                msg!("pac-err-timeout-stuck", seconds = limit.as_secs_f64())
            }
            PacError::MemoryExhausted { limit } => msg!("pac-err-memory", limit = *limit),
            PacError::StackExhausted { limit } => msg!("pac-err-stack", limit = *limit),
            PacError::NotAString { got } => msg!("pac-err-not-a-string", got = got),
            PacError::EmptyResult => msg!("pac-err-empty-result"),
            PacError::BadResult { entry, problem } => {
                msg!("pac-err-bad-result", entry = entry, problem = problem.message())
            }
            PacError::Engine { detail } => msg!("pac-err-engine", detail = detail),
        }
    }
}
