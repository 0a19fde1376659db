//! The routes of the user's own programs, as the report carries them: each route probed, which
//! programs take it, its way and its own verdict.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names::{Cause, Layer};
use super::targets::TargetReport;

/// One route, judged on its own probes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RouteReport {
    /// `env` (the proxy variables and flags), `system` (the system proxy or its PAC file) or
    /// `direct`.
    pub route: String,
    /// The programs that take it: `terminal_tools_and_sdks`, `browsers_and_desktop_app`.
    pub programs: Vec<String>,
    /// `direct`, or the proxy's `host:port`.
    pub way: String,
    /// What decided the way (a proxy variable, the system proxy's origin, `PAC <url>`).
    pub source: String,
    /// This route's own verdict.
    pub layer: Layer,
    pub cause: Cause,
    pub summary: String,
    pub exit_code: i32,
    /// This route's targets, when it is not the report's main route (whose targets are the
    /// report's `targets`).
    pub targets: Vec<TargetReport>,
}
