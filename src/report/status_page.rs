//! What OpenAI's status page said, as the report carries it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::evidence::status_page::{Group, StatusPage};

/// What the status page said.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct StatusPageReport {
    pub url: String,
    /// True when at least one status document was understood.
    pub reachable: bool,
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    pub indicator: Option<String>,
    pub description: Option<String>,
    /// Components that are not operational, grouped as `ChatGPT`, `API` or `other`.
    pub components: Vec<ComponentReport>,
    /// Ongoing (unresolved) incidents.
    pub incidents: Vec<IncidentReport>,
    /// Scheduled and in-progress maintenance.
    pub maintenances: Vec<MaintenanceReport>,
    /// The documents that were read (paths under the status base URL).
    pub sources: Vec<String>,
}

/// A component that is not operational.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ComponentReport {
    pub name: String,
    /// `degraded_performance`, `partial_outage`, `major_outage`, `under_maintenance`, or as the page says.
    pub status: String,
    /// `ChatGPT`, `API` or `other`.
    pub group: String,
}

/// An ongoing incident.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct IncidentReport {
    pub name: String,
    pub status: String,
    pub impact: Option<String>,
    pub started_at: Option<String>,
    pub latest_update: Option<String>,
    pub latest_update_at: Option<String>,
    /// Groups of the components it names (`ChatGPT`, `API`, `other`); empty when it names none.
    pub groups: Vec<String>,
}

/// Scheduled or in-progress maintenance.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct MaintenanceReport {
    pub name: String,
    pub status: String,
    pub in_progress: bool,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
    pub groups: Vec<String>,
}

impl StatusPageReport {
    /// Builds the report part from the parsed page.
    pub fn from_page(url: String, p: &StatusPage) -> StatusPageReport {
        let groups = |g: &[Group]| g.iter().map(|g| g.as_str().to_string()).collect();
        StatusPageReport {
            url,
            reachable: p.read(),
            indicator: p.indicator.clone(),
            description: p.description.clone(),
            components: p
                .components
                .iter()
                .map(|c| ComponentReport {
                    name: c.name.clone(),
                    status: c.status.clone(),
                    group: c.group.as_str().to_string(),
                })
                .collect(),
            incidents: p
                .incidents
                .iter()
                .map(|i| IncidentReport {
                    name: i.name.clone(),
                    status: i.status.clone(),
                    impact: i.impact.clone(),
                    started_at: i.started_at.clone(),
                    latest_update: i.latest_update.clone(),
                    latest_update_at: i.latest_update_at.clone(),
                    groups: groups(&i.groups),
                })
                .collect(),
            maintenances: p
                .maintenances
                .iter()
                .map(|m| MaintenanceReport {
                    name: m.name.clone(),
                    status: m.status.clone(),
                    in_progress: m.in_progress,
                    scheduled_for: m.scheduled_for.clone(),
                    scheduled_until: m.scheduled_until.clone(),
                    groups: groups(&m.groups),
                })
                .collect(),
            sources: p.sources.clone(),
        }
    }
}
