//! What this computer says that a check weighs beside its probes: the hosts file's lines for the
//! OpenAI names the check looks up (apps resolve through the OS, and the OS reads that file
//! before DNS).

use crate::catalog::Surface;
use crate::probe::plan::Plan;
use crate::route::dial;
use crate::system::hosts::{self, HostsReading};

/// The names of the plan's OpenAI targets as they are dialled (`--connect-to` applied), lower
/// case, once each; addresses are left out.
pub fn openai_names(plan: &Plan) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let targets = plan
        .targets
        .iter()
        .chain(&plan.status_documents)
        .chain(plan.key_check.iter().map(|(t, _)| t))
        .filter(|t| t.surface != Surface::Control);
    for t in targets {
        let (host, _) = dial(&t.host(), t.port(), &plan.connect_to);
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if host.parse::<std::net::IpAddr>().is_err() && !names.contains(&host) {
            names.push(host);
        }
    }
    names
}

/// This system's hosts file, read (capped, regular files only) for the plan's OpenAI names.
pub fn hosts_reading(plan: &Plan) -> HostsReading {
    hosts::read_for(&hosts::system_path(), &openai_names(plan))
}
