//! `--json`: one pretty-printed document, nothing else on stdout.

use crate::report::Report;

/// Serializes the report, ending in a newline.
pub fn render(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
