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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CatalogOverrides, targets};
    use crate::route::ConnectTo;

    fn plan(controls: &[&str], connect_to: Vec<ConnectTo>) -> Plan {
        Plan {
            targets: targets(&CatalogOverrides {
                surfaces: vec![],
                controls: controls.iter().map(|c| url::Url::parse(c).unwrap()).collect(),
                status_url: None,
                base_url: None,
            }),
            families: vec![],
            resolve: vec![],
            connect_to,
            timeout: std::time::Duration::from_secs(1),
            max_time: std::time::Duration::from_secs(1),
            status_documents: vec![],
            key_check: None,
            proxies: Default::default(),
            decided: None,
            doh: vec![],
        }
    }

    #[test]
    fn the_names_are_openais_as_dialled_once_each_without_controls() {
        let names = openai_names(&plan(&["https://control.test/", "https://192.0.2.20/"], vec![]));
        assert_eq!(
            names.iter().filter(|n| *n == "chatgpt.com").count(),
            1,
            "{names:?}"
        );
        assert!(names.contains(&"api.openai.com".to_string()), "{names:?}");
        assert!(
            !names.iter().any(|n| n == "control.test" || n == "192.0.2.20"),
            "{names:?}"
        );
        // --connect-to sends api.openai.com to another name: that name is the one looked up.
        let moved = openai_names(&plan(
            &["https://control.test/"],
            vec![ConnectTo {
                host: Some("api.openai.com".into()),
                port: None,
                connect_host: Some("Relay.Example.".into()),
                connect_port: None,
            }],
        ));
        assert!(moved.contains(&"relay.example".to_string()), "{moved:?}");
        assert!(!moved.contains(&"api.openai.com".to_string()), "{moved:?}");
    }
}
