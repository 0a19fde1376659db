//! The process exit codes: one definition that `--help`, the README and the code all come from.

/// What the process exit status says. Scripts match on the numbers; they are never renumbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExitCode {
    /// Healthy (warnings allowed unless `--strict`).
    Healthy,
    /// The tool could not run.
    CouldNotRun,
    /// A usage error.
    Usage,
    /// The fault is on this machine or its local network.
    Local,
    /// The fault is on the path between the network and OpenAI.
    Path,
    /// The fault is at OpenAI.
    Service,
    /// The fault is with the API key or account.
    Account,
    /// The evidence points two ways.
    Inconclusive,
    /// A per-stage command saw its stage fail for every address family.
    StageFailed,
}

impl ExitCode {
    /// Every code, in numeric order.
    pub const ALL: [ExitCode; 9] = [
        ExitCode::Healthy,
        ExitCode::CouldNotRun,
        ExitCode::Usage,
        ExitCode::Local,
        ExitCode::Path,
        ExitCode::Service,
        ExitCode::Account,
        ExitCode::Inconclusive,
        ExitCode::StageFailed,
    ];

    /// The number the process exits with.
    pub fn code(self) -> i32 {
        match self {
            ExitCode::Healthy => 0,
            ExitCode::CouldNotRun => 1,
            ExitCode::Usage => 2,
            ExitCode::Local => 3,
            ExitCode::Path => 4,
            ExitCode::Service => 5,
            ExitCode::Account => 6,
            ExitCode::Inconclusive => 7,
            ExitCode::StageFailed => 8,
        }
    }

    /// What the code means, as `--help` and the README say it (Markdown code spans allowed).
    pub fn meaning(self) -> &'static str {
        match self {
            ExitCode::Healthy => "healthy (warnings allowed unless `--strict`)",
            ExitCode::CouldNotRun => "the tool could not run (unreadable file, internal error)",
            ExitCode::Usage => "usage error (bad flag, malformed URL or environment variable)",
            ExitCode::Local => "the fault is on this machine or its local network",
            ExitCode::Path => "the fault is on the path between your network and OpenAI",
            ExitCode::Service => "the fault is at OpenAI (service errors)",
            ExitCode::Account => "the fault is with the API key or account",
            ExitCode::Inconclusive => "inconclusive: the evidence points two ways",
            ExitCode::StageFailed => {
                "a per-stage command (`dns`, `tcp`, `tls`, `http`) saw its stage fail for every address family"
            }
        }
    }

    /// The `Exit codes:` block of `--help`.
    pub fn help_block() -> String {
        let mut s = String::from("Exit codes:\n");
        for c in Self::ALL {
            s.push_str(&format!("  {}  {}\n", c.code(), c.meaning().replace('`', "")));
        }
        s
    }

    /// The README's table of exit codes.
    pub fn markdown_table() -> String {
        let mut s = String::from("| code | meaning |\n|---|---|\n");
        for c in Self::ALL {
            s.push_str(&format!("| {} | {} |\n", c.code(), c.meaning()));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_are_numbered_in_order() {
        for (i, c) in ExitCode::ALL.iter().enumerate() {
            assert_eq!(c.code(), i as i32);
        }
    }

    #[test]
    fn the_readme_lists_every_exit_code_as_defined() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&ExitCode::markdown_table()),
            "README.md's exit-code table differs from report::ExitCode:\n{}",
            ExitCode::markdown_table()
        );
    }
}
