//! OpenAI's status page (Statuspage-compatible `/api/v2/status.json`). Tolerant: anything that
//! is not the documented JSON yields `None`, never an error.

use serde::Deserialize;

/// What the page's overall indicator says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStatus {
    /// `none`, `minor`, `major`, `critical` or `maintenance` (anything else is kept as given).
    pub indicator: String,
    pub description: String,
}

#[derive(Deserialize)]
struct Doc {
    status: DocStatus,
}

#[derive(Deserialize)]
struct DocStatus {
    indicator: String,
    #[serde(default)]
    description: String,
}

/// Parses `/api/v2/status.json` (or `summary.json`, which has the same `status` object).
pub fn parse_status(body: &[u8]) -> Option<PageStatus> {
    let doc: Doc = serde_json::from_slice(body).ok()?;
    let mut indicator = doc.status.indicator;
    indicator.truncate(40);
    let mut description = doc.status.description;
    description.truncate(200);
    Some(PageStatus {
        indicator,
        description,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_fixture_and_tolerates_junk() {
        let fixture = br#"{"page":{"id":"fixture","name":"OpenAI","url":"https://status.openai.com","updated_at":"2026-07-10T10:30:00Z"},"status":{"indicator":"minor","description":"Partially Degraded Service"},"components":[]}"#;
        let s = parse_status(fixture).unwrap();
        assert_eq!(s.indicator, "minor");
        assert_eq!(s.description, "Partially Degraded Service");
        assert_eq!(parse_status(b"<html>404</html>"), None);
        assert_eq!(parse_status(br#"{"status":{}}"#), None);
        assert_eq!(parse_status(b""), None);
    }
}
