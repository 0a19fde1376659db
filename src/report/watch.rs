//! What `watch --json` prints: one JSON line per change of verdict (or, with `-v`, per check).
//! Its JSON Schema (`schema/watch.schema.json`) is derived from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names::{Cause, Layer};

/// One line of `watch --json` (JSON Lines): a change of verdict, or with `-v` every check.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct WatchEvent {
    /// Always 1 for this shape.
    pub schema_version: u32,
    /// When the check finished (RFC 3339, UTC).
    pub time: String,
    /// The number of the check, from 1.
    pub run: u64,
    /// True when the verdict differs from the previous check's (always true for the first).
    pub changed: bool,
    pub verdict: WatchVerdict,
    /// The exit code that goes with this verdict.
    pub exit_code: i32,
    /// The verdict before this change, and since when it held (null on the first check and on
    /// unchanged lines).
    pub previous: Option<WatchPrevious>,
    /// How long the check took.
    pub duration_ms: f64,
    /// The wait before the next check (null when the watch ends here).
    pub next_check_ms: Option<f64>,
}

/// A verdict, briefly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WatchVerdict {
    pub layer: Layer,
    pub cause: Cause,
    pub summary: String,
}

/// The verdict that held before a change.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct WatchPrevious {
    pub layer: Layer,
    pub cause: Cause,
    /// When it was first seen (RFC 3339, UTC).
    pub since: String,
    /// How long it held.
    pub held_ms: f64,
}
