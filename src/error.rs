//! Why a command could not produce its result: the two errors that end a run early.

use crate::report::ExitCode;

/// Why a run could not produce a verdict.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input from the user (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The tool could not run (exit 1).
    #[error("{0}")]
    Run(String),
}

impl AppError {
    /// The exit code this error ends the process with.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            AppError::Usage(_) => ExitCode::Usage,
            AppError::Run(_) => ExitCode::CouldNotRun,
        }
    }
}
