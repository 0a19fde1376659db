//! OpenAI's status page, read from the Statuspage-compatible `/api/v2/` documents and the native
//! incident.io document (`/proxy/status.openai.com`). Everything here is tolerant: a document
//! that is absent, HTML, or missing fields contributes nothing, never an error. Components are
//! matched by *name* (ids change when the page is restructured).

use serde_json::Value;

use crate::catalog::Surface;

/// The paths read under the status base URL, in order of preference.
pub const STATUS_JSON: &str = "api/v2/status.json";
pub const SUMMARY_JSON: &str = "api/v2/summary.json";
pub const INCIDENTS_JSON: &str = "api/v2/incidents.json";
pub const NATIVE: &str = "proxy/status.openai.com";

/// What part of OpenAI a component belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    ChatGpt,
    Api,
    Other,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::ChatGpt => "ChatGPT",
            Group::Api => "API",
            Group::Other => "other",
        }
    }

    /// The group whose components stand behind a surface.
    pub fn of_surface(s: Surface) -> Option<Group> {
        match s {
            Surface::Web | Surface::App | Surface::Auth | Surface::Assets => Some(Group::ChatGpt),
            Surface::Api => Some(Group::Api),
            Surface::Status | Surface::Control => None,
        }
    }
}

/// Component names known to belong to the API (as of late 2026; the group name decides first).
const API_NAMES: &[&str] = &[
    "responses",
    "chat completions",
    "completions",
    "realtime",
    "batch",
    "files",
    "embeddings",
    "images",
    "moderations",
    "fine-tuning",
    "audio",
    "assistants",
    "vector stores",
    "playground",
    "evals",
    "uploads",
    "video generation",
    "api",
];
/// Component names known to belong to ChatGPT.
const CHATGPT_NAMES: &[&str] = &[
    "conversations",
    "login",
    "voice mode",
    "image generation",
    "gpts",
    "deep research",
    "agent",
    "search",
    "file uploads",
    "connectors",
    "codex",
    "chatgpt",
    "app",
    "sign up",
];

/// Groups a component by its group's name, then its own name.
pub fn group_of(name: &str, group_name: Option<&str>) -> Group {
    if let Some(g) = group_name {
        let g = g.to_lowercase();
        if g.contains("chatgpt") {
            return Group::ChatGpt;
        }
        if g.contains("api") {
            return Group::Api;
        }
    }
    let n = name.to_lowercase();
    if CHATGPT_NAMES
        .iter()
        .any(|k| n == *k || n.starts_with(&format!("{k} ")))
    {
        Group::ChatGpt
    } else if API_NAMES
        .iter()
        .any(|k| n == *k || n.starts_with(&format!("{k} ")))
    {
        Group::Api
    } else {
        Group::Other
    }
}

/// A component that is not operational.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    /// `degraded_performance`, `partial_outage`, `major_outage`, `under_maintenance`, or as given.
    pub status: String,
    pub group: Group,
}

/// An ongoing incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub name: String,
    /// `investigating`, `identified`, `monitoring`, … (as given).
    pub status: String,
    /// `none`, `minor`, `major`, `critical` (Statuspage) or the native worst impact.
    pub impact: Option<String>,
    pub started_at: Option<String>,
    pub latest_update: Option<String>,
    pub latest_update_at: Option<String>,
    /// Groups of the components it names (empty when it names none).
    pub groups: Vec<Group>,
}

/// Scheduled or in-progress maintenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Maintenance {
    pub name: String,
    pub status: String,
    pub in_progress: bool,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
    pub groups: Vec<Group>,
}

/// Everything read from the status page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusPage {
    pub indicator: Option<String>,
    pub description: Option<String>,
    /// Non-operational components only.
    pub components: Vec<Component>,
    pub incidents: Vec<Incident>,
    pub maintenances: Vec<Maintenance>,
    /// Documents that were read (paths).
    pub sources: Vec<String>,
}

impl StatusPage {
    /// True when any document was understood.
    pub fn read(&self) -> bool {
        !self.sources.is_empty()
    }

    /// True when nothing is reported wrong.
    pub fn all_operational(&self) -> bool {
        self.read()
            && self.indicator.as_deref().is_none_or(|i| i == "none")
            && self.components.is_empty()
            && self.incidents.is_empty()
            && !self.maintenances.iter().any(|m| m.in_progress)
    }

    /// What the page says about a group: the worst of incidents, components and maintenance.
    pub fn condition_of(&self, group: Group) -> Condition {
        let touches = |groups: &[Group]| groups.is_empty() || groups.contains(&group);
        if self
            .maintenances
            .iter()
            .any(|m| m.in_progress && touches(&m.groups))
            || self
                .components
                .iter()
                .any(|c| c.group == group && c.status == "under_maintenance")
        {
            return Condition::Maintenance;
        }
        let outage_component = self.components.iter().any(|c| {
            c.group == group
                && matches!(
                    c.status.as_str(),
                    "major_outage" | "partial_outage" | "full_outage"
                )
        });
        let serious_incident = self.incidents.iter().any(|i| {
            touches(&i.groups)
                && i.impact
                    .as_deref()
                    .is_none_or(|x| matches!(x, "major" | "critical" | "full_outage" | "partial_outage"))
        });
        if outage_component
            || serious_incident
            || matches!(self.indicator.as_deref(), Some("major" | "critical"))
        {
            return Condition::Outage;
        }
        let degraded = self.components.iter().any(|c| c.group == group)
            || self.incidents.iter().any(|i| touches(&i.groups))
            || self.indicator.as_deref() == Some("minor");
        if degraded {
            Condition::Degraded
        } else {
            Condition::Operational
        }
    }
}

/// The page's word on one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Operational,
    Degraded,
    Outage,
    Maintenance,
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(|s| s.chars().take(300).collect())
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

const MAX_ITEMS: usize = 50;

/// Reads a Statuspage `status.json`, `summary.json` or `incidents.json` into `page`. Returns
/// false when the body is not such a document.
pub fn merge_statuspage(page: &mut StatusPage, body: &[u8], source: &str) -> bool {
    let Ok(doc) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    if !doc.is_object() {
        return false;
    }
    let mut understood = false;
    if let Some(st) = doc.get("status")
        && let Some(i) = text(st, "indicator")
    {
        page.indicator = Some(i);
        page.description = text(st, "description").or(page.description.take());
        understood = true;
    }
    // Components: group entries carry `group: true`; members point at them with `group_id`.
    let comps = array(&doc, "components");
    let group_names: std::collections::HashMap<String, String> = comps
        .iter()
        .filter(|c| c.get("group").and_then(Value::as_bool) == Some(true))
        .filter_map(|c| Some((text(c, "id")?, text(c, "name")?)))
        .collect();
    for c in comps.iter().take(500) {
        if c.get("group").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let (Some(name), Some(status)) = (text(c, "name"), text(c, "status")) else {
            continue;
        };
        understood = true;
        if status == "operational" {
            continue;
        }
        let gname = text(c, "group_id").and_then(|id| group_names.get(&id).cloned());
        let group = group_of(&name, gname.as_deref());
        if !page.components.iter().any(|x| x.name == name) && page.components.len() < MAX_ITEMS {
            page.components.push(Component { name, status, group });
        }
    }
    if let Some(list) = doc.get("incidents").and_then(Value::as_array) {
        understood = true;
        for i in list.iter().take(200) {
            let status = text(i, "status").unwrap_or_default();
            if matches!(status.as_str(), "resolved" | "postmortem" | "completed") {
                continue;
            }
            let Some(name) = text(i, "name") else { continue };
            let updates = array(i, "incident_updates");
            let latest = updates.first();
            let incident = Incident {
                name,
                status,
                impact: text(i, "impact"),
                started_at: text(i, "started_at").or_else(|| text(i, "created_at")),
                latest_update: latest.and_then(|u| text(u, "body")),
                latest_update_at: latest.and_then(|u| text(u, "created_at")),
                groups: groups_named(array(i, "components")),
            };
            push_incident(page, incident);
        }
    }
    if let Some(list) = doc.get("scheduled_maintenances").and_then(Value::as_array) {
        understood = true;
        for m in list.iter().take(100) {
            let status = text(m, "status").unwrap_or_default();
            if matches!(status.as_str(), "completed" | "resolved") {
                continue;
            }
            let Some(name) = text(m, "name") else { continue };
            if page.maintenances.iter().any(|x| x.name == name) || page.maintenances.len() >= MAX_ITEMS {
                continue;
            }
            page.maintenances.push(Maintenance {
                in_progress: matches!(status.as_str(), "in_progress" | "verifying"),
                status,
                name,
                scheduled_for: text(m, "scheduled_for"),
                scheduled_until: text(m, "scheduled_until"),
                groups: groups_named(array(m, "components")),
            });
        }
    }
    if understood {
        page.sources.push(source.to_string());
    }
    understood
}

fn groups_named(components: &[Value]) -> Vec<Group> {
    let mut g: Vec<Group> = components
        .iter()
        .filter_map(|c| text(c, "name"))
        .map(|n| group_of(&n, None))
        .collect();
    g.sort();
    g.dedup();
    g
}

fn push_incident(page: &mut StatusPage, incident: Incident) {
    if page.incidents.len() >= MAX_ITEMS {
        return;
    }
    match page.incidents.iter_mut().find(|x| x.name == incident.name) {
        Some(existing) => {
            // Keep the richer record.
            if existing.latest_update.is_none() {
                existing.latest_update = incident.latest_update;
                existing.latest_update_at = incident.latest_update_at;
            }
            if existing.groups.is_empty() {
                existing.groups = incident.groups;
            }
        }
        None => page.incidents.push(incident),
    }
}

/// Collects `(id, name, group name)` of components from the native `structure`, wherever they
/// sit (groups hold components; both carry ids and names).
fn native_components(
    v: &Value,
    group: Option<&str>,
    out: &mut Vec<(String, String, Option<String>)>,
    depth: u8,
) {
    if depth > 8 || out.len() > 1000 {
        return;
    }
    match v {
        Value::Object(map) => {
            let name = map.get("name").and_then(Value::as_str);
            let id = map
                .get("component_id")
                .or_else(|| map.get("id"))
                .and_then(Value::as_str);
            let is_group = map.contains_key("components") || map.contains_key("children");
            if let (Some(id), Some(name), false) = (id, name, is_group) {
                out.push((id.to_string(), name.to_string(), group.map(str::to_string)));
            }
            let next_group = if is_group { name.or(group) } else { group };
            for (_, child) in map {
                native_components(child, next_group, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for i in items {
                native_components(i, group, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Reads the native incident.io document (`{"summary":{ongoing_incidents, affected_components,
/// scheduled_maintenances, in_progress_maintenances, structure}}`) into `page`.
pub fn merge_native(page: &mut StatusPage, body: &[u8], source: &str) -> bool {
    let Ok(doc) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    let Some(summary) = doc.get("summary").filter(|s| s.is_object()) else {
        return false;
    };
    let mut comps = Vec::new();
    if let Some(structure) = summary.get("structure") {
        native_components(structure, None, &mut comps, 0);
    }
    let name_of = |id: &str| {
        comps
            .iter()
            .find(|(cid, _, _)| cid == id)
            .map(|(_, n, g)| (n.clone(), g.clone()))
    };
    let component_groups = |v: &Value| -> Vec<Group> {
        let mut g: Vec<Group> = array(v, "affected_components")
            .iter()
            .chain(array(v, "components"))
            .filter_map(|c| {
                let id = text(c, "component_id").or_else(|| text(c, "id"));
                match (text(c, "name"), id.and_then(|i| name_of(&i))) {
                    (_, Some((n, gname))) => Some(group_of(&n, gname.as_deref())),
                    (Some(n), None) => Some(group_of(&n, None)),
                    _ => None,
                }
            })
            .collect();
        g.sort();
        g.dedup();
        g
    };
    for c in array(summary, "affected_components").iter().take(200) {
        let id = text(c, "component_id").or_else(|| text(c, "id"));
        let status = text(c, "status").unwrap_or_else(|| "degraded_performance".into());
        let (name, gname) = match (text(c, "name"), id.as_deref().and_then(name_of)) {
            (_, Some((n, g))) => (n, g),
            (Some(n), None) => (n, None),
            _ => continue,
        };
        if status != "operational"
            && !page.components.iter().any(|x| x.name == name)
            && page.components.len() < MAX_ITEMS
        {
            page.components.push(Component {
                group: group_of(&name, gname.as_deref()),
                name,
                status,
            });
        }
    }
    for i in array(summary, "ongoing_incidents").iter().take(100) {
        let Some(name) = text(i, "name") else { continue };
        push_incident(
            page,
            Incident {
                name,
                status: text(i, "status").unwrap_or_else(|| "ongoing".into()),
                impact: text(i, "current_worst_impact").or_else(|| text(i, "impact")),
                started_at: text(i, "published_at").or_else(|| text(i, "started_at")),
                latest_update: text(i, "last_update_message"),
                latest_update_at: text(i, "last_update_at"),
                groups: component_groups(i),
            },
        );
    }
    for (key, in_progress) in [
        ("in_progress_maintenances", true),
        ("scheduled_maintenances", false),
    ] {
        for m in array(summary, key).iter().take(100) {
            let Some(name) = text(m, "name") else { continue };
            if page.maintenances.iter().any(|x| x.name == name) || page.maintenances.len() >= MAX_ITEMS {
                continue;
            }
            page.maintenances.push(Maintenance {
                status: text(m, "status")
                    .unwrap_or_else(|| if in_progress { "in_progress" } else { "scheduled" }.into()),
                in_progress,
                scheduled_for: text(m, "starts_at").or_else(|| text(m, "scheduled_for")),
                scheduled_until: text(m, "ends_at").or_else(|| text(m, "scheduled_until")),
                groups: component_groups(m),
                name,
            });
        }
    }
    page.sources.push(source.to_string());
    true
}

/// Parses `/api/v2/status.json` alone (used by `check`'s status target).
pub fn parse_status(body: &[u8]) -> Option<StatusPage> {
    let mut page = StatusPage::default();
    merge_statuspage(&mut page, body, STATUS_JSON).then_some(page)
}

#[cfg(test)]
mod tests;
