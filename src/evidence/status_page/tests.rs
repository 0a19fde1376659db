//! Status page shapes, in the documented formats (not live captures).

use super::*;

fn summary(indicator: &str, components: &str, incidents: &str, maint: &str) -> String {
    format!(
        r#"{{"page":{{"id":"fixture","name":"OpenAI","url":"https://status.openai.com","updated_at":"2026-07-10T10:30:00Z"}},
        "status":{{"indicator":"{indicator}","description":"d-{indicator}"}},
        "components":[
          {{"id":"g-api","name":"APIs","status":"operational","group":true,"group_id":null}},
          {{"id":"g-chat","name":"ChatGPT","status":"operational","group":true,"group_id":null}},
          {components}
        ],
        "incidents":[{incidents}],
        "scheduled_maintenances":[{maint}]}}"#
    )
}

fn page(body: &str) -> StatusPage {
    let mut p = StatusPage::default();
    assert!(merge_statuspage(&mut p, body.as_bytes(), SUMMARY_JSON), "{body}");
    p
}

const OK_COMPONENTS: &str = r#"{"id":"c1","name":"Responses","status":"operational","group_id":"g-api"},
  {"id":"c2","name":"Conversations","status":"operational","group_id":"g-chat"}"#;

#[test]
fn all_operational() {
    let p = page(&summary("none", OK_COMPONENTS, "", ""));
    assert!(p.all_operational());
    assert_eq!(p.condition_of(Group::Api), Condition::Operational);
    assert_eq!(p.condition_of(Group::ChatGpt), Condition::Operational);
    assert_eq!(p.description.as_deref(), Some("d-none"));
}

#[test]
fn minor_degradation_of_one_chatgpt_component() {
    let comps = r#"{"id":"c1","name":"Responses","status":"operational","group_id":"g-api"},
      {"id":"c2","name":"Voice mode","status":"degraded_performance","group_id":"g-chat"}"#;
    let p = page(&summary("minor", comps, "", ""));
    assert!(!p.all_operational());
    assert_eq!(p.components.len(), 1);
    assert_eq!(p.components[0].group, Group::ChatGpt);
    assert_eq!(p.condition_of(Group::ChatGpt), Condition::Degraded);
    // The indicator is page-wide: a minor indicator colours every group as degraded at most.
    assert_eq!(p.condition_of(Group::Api), Condition::Degraded);
}

#[test]
fn major_outage_with_an_incident() {
    let comps = r#"{"id":"c1","name":"Chat Completions","status":"major_outage","group_id":"g-api"},
      {"id":"c2","name":"Conversations","status":"operational","group_id":"g-chat"}"#;
    let incident = r#"{"id":"i1","name":"Elevated errors on the API","status":"investigating","impact":"major",
      "created_at":"2026-07-10T10:00:00Z","started_at":"2026-07-10T09:58:00Z",
      "incident_updates":[{"status":"investigating","body":"We are investigating elevated error rates.","created_at":"2026-07-10T10:05:00Z"},
                          {"status":"investigating","body":"older","created_at":"2026-07-10T10:00:00Z"}],
      "components":[{"id":"c1","name":"Chat Completions","status":"major_outage"}]}"#;
    let p = page(&summary("major", comps, incident, ""));
    assert_eq!(p.condition_of(Group::Api), Condition::Outage);
    let i = &p.incidents[0];
    assert_eq!(i.name, "Elevated errors on the API");
    assert_eq!(
        i.latest_update.as_deref(),
        Some("We are investigating elevated error rates.")
    );
    assert_eq!(i.started_at.as_deref(), Some("2026-07-10T09:58:00Z"));
    assert_eq!(i.groups, vec![Group::Api]);
}

#[test]
fn resolved_incidents_and_completed_maintenance_are_ignored() {
    let incident = r#"{"id":"i1","name":"Old","status":"resolved","impact":"major","incident_updates":[]}"#;
    let maint = r#"{"id":"m1","name":"Done","status":"completed","components":[]}"#;
    let p = page(&summary("none", OK_COMPONENTS, incident, maint));
    assert!(p.incidents.is_empty() && p.maintenances.is_empty());
    assert!(p.all_operational());
}

#[test]
fn maintenance_in_progress_and_scheduled() {
    let maint = r#"{"id":"m1","name":"Database upgrade","status":"in_progress","scheduled_for":"2026-07-10T10:00:00Z",
        "scheduled_until":"2026-07-10T11:00:00Z","components":[{"name":"Conversations"}]},
      {"id":"m2","name":"Later work","status":"scheduled","scheduled_for":"2026-07-12T10:00:00Z","components":[{"name":"Batch"}]}"#;
    let p = page(&summary("maintenance", OK_COMPONENTS, "", maint));
    assert_eq!(p.maintenances.len(), 2);
    assert!(p.maintenances[0].in_progress && !p.maintenances[1].in_progress);
    assert_eq!(p.condition_of(Group::ChatGpt), Condition::Maintenance);
    assert_ne!(
        p.condition_of(Group::Api),
        Condition::Maintenance,
        "scheduled is not in progress"
    );
}

#[test]
fn summary_without_incidents_still_reads() {
    let body = r#"{"status":{"indicator":"none","description":"All Systems Operational"},"components":[]}"#;
    let p = page(body);
    assert!(p.all_operational());
}

#[test]
fn html_404_malformed_json_and_empty_bodies_contribute_nothing() {
    for body in [
        &b"<!DOCTYPE html><html><body>404 Not Found</body></html>"[..],
        b"{\"status\": {\"indicator\": ",
        b"",
        b"[]",
        b"{\"unrelated\":true}",
        &[0xff, 0xfe, 0x00],
    ] {
        let mut p = StatusPage::default();
        assert!(!merge_statuspage(&mut p, body, SUMMARY_JSON), "{body:?}");
        assert!(!merge_native(&mut p, body, NATIVE));
        assert!(!p.read());
        assert!(!p.all_operational(), "an unread page is not evidence of health");
    }
}

#[test]
fn fields_of_the_wrong_type_are_skipped_not_fatal() {
    let body = r#"{"status":{"indicator":5},"components":[{"name":7,"status":"major_outage"},{"name":"Login","status":"partial_outage"}],
      "incidents":[{"name":null},{"name":"Real","status":"identified","incident_updates":"nope"}]}"#;
    let p = page(body);
    assert_eq!(p.indicator, None);
    assert_eq!(p.components.len(), 1);
    assert_eq!(p.components[0].group, Group::ChatGpt);
    assert_eq!(p.incidents.len(), 1);
    assert_eq!(p.incidents[0].latest_update, None);
}

#[test]
fn native_incident_io_document() {
    let body = r#"{"summary":{
      "structure":{"items":[
        {"group":{"id":"grp1","name":"APIs","components":[{"component_id":"cmp1","name":"Responses"},{"component_id":"cmp2","name":"Realtime"}]}},
        {"group":{"id":"grp2","name":"ChatGPT","components":[{"component_id":"cmp3","name":"Conversations"}]}}
      ]},
      "affected_components":[{"component_id":"cmp3","status":"partial_outage"}],
      "ongoing_incidents":[{"id":"inc1","name":"ChatGPT unavailable for some users","status":"identified",
        "current_worst_impact":"partial_outage","published_at":"2026-07-10T09:00:00Z",
        "last_update_at":"2026-07-10T09:30:00Z","last_update_message":"A fix is being rolled out.",
        "affected_components":[{"component_id":"cmp3"}]}],
      "in_progress_maintenances":[],
      "scheduled_maintenances":[{"id":"m9","name":"Network work","starts_at":"2026-07-15T01:00:00Z","ends_at":"2026-07-15T02:00:00Z"}]
    }}"#;
    let mut p = StatusPage::default();
    assert!(merge_native(&mut p, body.as_bytes(), NATIVE));
    assert_eq!(
        p.components,
        vec![Component {
            name: "Conversations".into(),
            status: "partial_outage".into(),
            group: Group::ChatGpt
        }]
    );
    assert_eq!(p.incidents[0].groups, vec![Group::ChatGpt]);
    assert_eq!(
        p.incidents[0].latest_update.as_deref(),
        Some("A fix is being rolled out.")
    );
    assert_eq!(p.condition_of(Group::ChatGpt), Condition::Outage);
    assert_eq!(p.condition_of(Group::Api), Condition::Operational);
    assert_eq!(p.maintenances.len(), 1);
    assert!(!p.maintenances[0].in_progress);
}

#[test]
fn both_sources_merge_without_duplicates() {
    let incident = r#"{"id":"i1","name":"ChatGPT unavailable for some users","status":"identified","impact":"major","incident_updates":[]}"#;
    let mut p = page(&summary("major", OK_COMPONENTS, incident, ""));
    let native = r#"{"summary":{"ongoing_incidents":[{"name":"ChatGPT unavailable for some users","last_update_message":"Fix rolling out","affected_components":[{"name":"Conversations"}]}]}}"#;
    assert!(merge_native(&mut p, native.as_bytes(), NATIVE));
    assert_eq!(p.incidents.len(), 1);
    assert_eq!(p.incidents[0].latest_update.as_deref(), Some("Fix rolling out"));
    assert_eq!(p.incidents[0].groups, vec![Group::ChatGpt]);
    assert_eq!(p.sources, vec![SUMMARY_JSON.to_string(), NATIVE.to_string()]);
}

#[test]
fn components_group_by_group_name_then_by_their_own_name() {
    assert_eq!(group_of("Something new", Some("ChatGPT")), Group::ChatGpt);
    assert_eq!(group_of("Something new", Some("API")), Group::Api);
    assert_eq!(group_of("Chat Completions", None), Group::Api);
    assert_eq!(group_of("Voice mode", None), Group::ChatGpt);
    assert_eq!(group_of("Sora", None), Group::Other);
}
