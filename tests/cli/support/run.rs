//! Running the built binary, and a ready-made "world" of fixtures to run it against.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use super::dns::{DnsAnswer, DnsFixture, DnsRules};
use super::pki::{Leaf, TestCa, Validity};
use super::replay::{OPENAI_HOSTS, Routes};
use super::server::{Behaviour, EdgeConfig, EdgeFixture, ResponseSpec, Router};

/// Subcommands that take the world's flags after them (see [`World::command`]).
pub const SUBCOMMANDS: &[&str] = &["check", "status", "auth", "watch", "report"];

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_chatgpt-doctor");

/// The control name every [`World`] resolves and serves (`https://control.test/`).
pub const CONTROL_HOST: &str = "control.test";

/// How long one run of the binary may take before it is killed.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// Environment variables removed from every run: proxies (both cases), trust-store overrides,
/// colour switches and the locale (so output is English whatever the machine's language; a test
/// that wants another sets it), on top of every `OPENAI_*` variable.
pub const SCRUBBED_ENV: &[&str] = &[
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "RUST_LOG",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "LANGUAGE",
    // Which desktop's proxy setting browsers follow: tests choose it themselves.
    "XDG_CURRENT_DESKTOP",
    "DESKTOP_SESSION",
    "GNOME_DESKTOP_SESSION_ID",
    "KDE_FULL_SESSION",
];

/// `chatgpt-doctor` with a scrubbed environment (see [`SCRUBBED_ENV`] and every `OPENAI_*`),
/// stdin closed, and a 60 s timeout.
pub fn doctor() -> Command {
    let mut cmd = Command::new(BIN);
    for key in SCRUBBED_ENV {
        cmd.env_remove(key);
    }
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("OPENAI_") {
            cmd.env_remove(key);
        }
    }
    // Times are shown in the reader's zone: the tests read them in UTC.
    cmd.env("TZ", "UTC");
    cmd.timeout(RUN_TIMEOUT);
    cmd.write_stdin(Vec::<u8>::new());
    cmd
}

/// What one run produced.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The exit code; -1 when killed by a signal (for instance by the timeout).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Standard output parsed as JSON (`Value::Null` when it is not JSON; [`run_json`] and
    /// [`World::run_json`] never return that).
    pub json: Value,
}

impl Outcome {
    fn from_output(output: std::process::Output) -> Self {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            json,
        }
    }

    /// `verdict.layer`.
    pub fn layer(&self) -> Option<&str> {
        self.json.pointer("/verdict/layer").and_then(Value::as_str)
    }

    /// `verdict.cause`.
    pub fn cause(&self) -> Option<&str> {
        self.json.pointer("/verdict/cause").and_then(Value::as_str)
    }

    /// The entry of `targets[]` whose `name` is `name`.
    pub fn target(&self, name: &str) -> Option<&Value> {
        self.json
            .get("targets")?
            .as_array()?
            .iter()
            .find(|t| t.get("name").and_then(Value::as_str) == Some(name))
    }

    /// The `stages[]` entry `stage` (`dns`, `tcp`, `tls`, `http`, …) of target `name`.
    pub fn stage(&self, name: &str, stage: &str) -> Option<&Value> {
        self.target(name)?
            .get("stages")?
            .as_array()?
            .iter()
            .find(|s| s.get("stage").and_then(Value::as_str) == Some(stage))
    }

    /// `status` of that stage.
    pub fn stage_status(&self, name: &str, stage: &str) -> Option<&str> {
        self.stage(name, stage)?.get("status")?.as_str()
    }

    /// `failure` of that stage.
    pub fn stage_failure(&self, name: &str, stage: &str) -> Option<&str> {
        self.stage(name, stage)?.get("failure")?.as_str()
    }

    /// Everything, for assertion messages.
    pub fn dump(&self) -> String {
        format!(
            "exit code {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs the binary with `args` (nothing added) and collects the outcome. `json` is
/// `Value::Null` when stdout is not JSON; no schema check.
pub fn run<I, S>(args: I) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_cmd(doctor().args(args))
}

/// Runs a prepared command and collects the outcome.
pub fn run_cmd(cmd: &mut Command) -> Outcome {
    Outcome::from_output(cmd.output().expect("spawn chatgpt-doctor"))
}

/// Runs the binary with `args` then `--json` (unless present), and panics unless stdout is one
/// JSON document that validates against `schema/report.schema.json`.
pub fn run_json<I, S>(args: I) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_json_cmd(doctor(), args)
}

pub fn run_json_cmd<I, S>(mut cmd: Command, args: I) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_os_string()).collect();
    cmd.args(&args);
    if !args.iter().any(|a| a == "--json") {
        cmd.arg("--json");
    }
    let outcome = run_cmd(&mut cmd);
    assert!(
        !outcome.json.is_null(),
        "stdout is not a JSON document (args {args:?})\n{}",
        outcome.dump()
    );
    if let Err(errors) = validate_report(&outcome.json) {
        panic!(
            "report does not match schema/report.schema.json:\n{errors}\n{}",
            outcome.dump()
        );
    }
    outcome
}

/// Path of the report schema at the crate root.
pub fn schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json")
}

/// The compiled report schema; `None` (with a note on stderr, once) while the file does not
/// exist. A schema that exists but does not parse or compile is a panic.
fn report_validator() -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let path = schema_path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                eprintln!(
                    "note: {} does not exist yet; JSON reports are NOT validated",
                    path.display()
                );
                return None;
            };
            let schema: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
            Some(
                jsonschema::validator_for(&schema)
                    .unwrap_or_else(|e| panic!("{} is not a valid schema: {e}", path.display())),
            )
        })
        .as_ref()
}

/// Checks `report` against `schema/report.schema.json` (skipped, `Ok`, while the file is
/// missing). The error lists every violation with its JSON pointer.
pub fn validate_report(report: &Value) -> Result<(), String> {
    match report_validator() {
        Some(validator) => validate_with(validator, report),
        None => Ok(()),
    }
}

/// Checks `instance` against `validator`, listing every violation.
pub fn validate_with(validator: &jsonschema::Validator, instance: &Value) -> Result<(), String> {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("  at {:?}: {e}", e.instance_path().as_str()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// Builds a [`World`]: a test PKI, a DNS fixture and an edge fixture set up as a healthy
/// internet, with per-name overrides.
pub struct WorldBuilder {
    trusted: TestCa,
    untrusted: TestCa,
    dns: DnsRules,
    /// What the DoH control resolver answers (by default the same as `dns`).
    doh: Option<DnsRules>,
    certs: HashMap<String, Leaf>,
    behaviours: HashMap<String, Behaviour>,
    routes: Routes,
    ipv6: bool,
}

impl std::fmt::Debug for WorldBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorldBuilder")
            .field("dns", &self.dns)
            .field("certs", &self.certs.keys().collect::<Vec<_>>())
            .field("behaviours", &self.behaviours)
            .finish_non_exhaustive()
    }
}

impl WorldBuilder {
    fn new() -> Self {
        let trusted = TestCa::new("chatgpt-doctor Test CA");
        let untrusted = TestCa::new("Untrusted Interception CA");
        let mut dns = DnsRules::new();
        let mut certs = HashMap::new();
        for host in OPENAI_HOSTS.iter().chain(&[CONTROL_HOST]) {
            dns.set(host, DnsAnswer::localhost());
            certs.insert((*host).to_owned(), trusted.leaf(&[host], &[]));
        }
        Self {
            trusted,
            untrusted,
            doh: None,
            dns,
            certs,
            behaviours: HashMap::new(),
            routes: Routes::new(),
            ipv6: false,
        }
    }

    /// The CA passed to the binary with `--cacert`.
    pub fn trusted_ca(&self) -> &TestCa {
        &self.trusted
    }

    /// The CA that is never passed to the binary.
    pub fn untrusted_ca(&self) -> &TestCa {
        &self.untrusted
    }

    /// Answers `name` with `answer` (default for the OpenAI names and `control.test`:
    /// 127.0.0.1 only).
    pub fn dns(mut self, name: &str, answer: DnsAnswer) -> Self {
        self.dns.set(name, answer);
        self
    }

    /// Answers every OpenAI name of [`OPENAI_HOSTS`] (not `control.test`) with `answer`.
    pub fn dns_openai(mut self, answer: DnsAnswer) -> Self {
        for host in OPENAI_HOSTS {
            self.dns.set(host, answer.clone());
        }
        self
    }

    /// Makes the DoH control resolver answer `name` with `answer` (from then on it keeps its own
    /// rules, starting from the system resolver's as they are at this call).
    pub fn doh(mut self, name: &str, answer: DnsAnswer) -> Self {
        let rules = self.doh.get_or_insert_with(|| self.dns.clone());
        rules.set(name, answer);
        self
    }

    /// The answer for names without a rule (default NXDOMAIN).
    pub fn dns_default(mut self, answer: DnsAnswer) -> Self {
        self.dns.set_default(answer);
        self
    }

    /// Presents `leaf` for SNI `sni`.
    pub fn cert(mut self, sni: &str, leaf: Leaf) -> Self {
        self.certs.insert(sni.to_ascii_lowercase(), leaf);
        self
    }

    /// Presents a certificate for `sni` signed by the untrusted CA (interception, forgery).
    pub fn untrusted_cert(self, sni: &str) -> Self {
        let leaf = self.untrusted.leaf(&[sni], &[]);
        self.cert(sni, leaf)
    }

    /// Presents a trusted-CA certificate for `sni` with the given validity.
    pub fn cert_validity(self, sni: &str, validity: Validity) -> Self {
        let leaf = self.trusted.leaf_with(&[sni], &[], validity);
        self.cert(sni, leaf)
    }

    /// Presents a trusted-CA certificate for `sni` that names only `wrong.example`.
    pub fn wrong_name_cert(self, sni: &str) -> Self {
        let leaf = self.trusted.leaf(&["wrong.example"], &[]);
        self.cert(sni, leaf)
    }

    /// Behaves as `behaviour` for SNI `sni`.
    pub fn behaviour(mut self, sni: &str, behaviour: Behaviour) -> Self {
        self.behaviours.insert(sni.to_ascii_lowercase(), behaviour);
        self
    }

    /// Answers `host` + `path` with `spec` instead of the default route.
    pub fn route(mut self, host: &str, path: &str, spec: ResponseSpec) -> Self {
        self.routes = self.routes.on(host, path, spec);
        self
    }

    /// Answers every path of `host` with `spec`.
    pub fn route_host(mut self, host: &str, spec: ResponseSpec) -> Self {
        self.routes = self.routes.on_host(host, spec);
        self
    }

    /// Replaces the fallback router under the [`WorldBuilder::route`] overrides.
    pub fn router(mut self, router: Router) -> Self {
        self.routes = self.routes.fallback(router);
        self
    }

    /// Also serves on `[::1]` (same port); DNS still only answers what it is told.
    pub fn ipv6(mut self, on: bool) -> Self {
        self.ipv6 = on;
        self
    }

    /// Starts the fixtures and writes the trusted CA's PEM.
    pub fn start(self) -> World {
        let dir = tempfile::tempdir().expect("temp dir");
        let ca_path = self.trusted.write_pem(dir.path());
        let doh = super::doh::DohFixture::start(
            self.doh.unwrap_or_else(|| self.dns.clone()),
            &self.trusted,
            "127.0.0.1",
        );
        let dns = DnsFixture::start(self.dns);
        let default_leaf = self
            .trusted
            .leaf(&["localhost"], &[IpAddr::V4(Ipv4Addr::LOCALHOST)]);
        let mut config = EdgeConfig::new(default_leaf)
            .router(self.routes.into_router())
            .ipv6(self.ipv6);
        for (sni, leaf) in self.certs {
            config = config.cert(&sni, leaf);
        }
        for (sni, behaviour) in self.behaviours {
            config = config.behaviour(&sni, behaviour);
        }
        let edge = EdgeFixture::start(config);
        World {
            dns,
            doh,
            edge,
            trusted_ca: self.trusted,
            untrusted_ca: self.untrusted,
            ca_path,
            dir,
        }
    }
}

/// Running fixtures plus the arguments that point the binary at them. Dropping it stops them.
pub struct World {
    /// The DNS responder (`--dns-server`).
    pub dns: DnsFixture,
    /// The DNS-over-HTTPS control resolver (`--doh-url`), so no test asks a public one.
    pub doh: super::doh::DohFixture,
    /// The TLS edge every port-443 connection goes to (`--connect-to :443::PORT`).
    pub edge: EdgeFixture,
    /// The CA in `--cacert`.
    pub trusted_ca: TestCa,
    /// The CA that is never passed.
    pub untrusted_ca: TestCa,
    ca_path: PathBuf,
    dir: tempfile::TempDir,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World")
            .field("dns", &self.dns)
            .field("edge", &self.edge)
            .field("args", &self.args())
            .finish_non_exhaustive()
    }
}

impl World {
    /// A builder with the healthy defaults.
    pub fn builder() -> WorldBuilder {
        WorldBuilder::new()
    }

    /// A healthy world.
    pub fn start() -> World {
        WorldBuilder::new().start()
    }

    /// The standard arguments:
    /// `--dns-server 127.0.0.1:DNS --connect-to :443::EDGE --cacert CA.pem
    /// --control https://control.test/ --control https://127.0.0.1:EDGE/ --timeout 2 --max-time 20
    /// --doh-url https://127.0.0.1:DOH/dns-query`.
    pub fn args(&self) -> Vec<String> {
        let edge = self.edge.port();
        vec![
            "--dns-server".into(),
            self.dns.addr().to_string(),
            "--connect-to".into(),
            format!(":443::{edge}"),
            "--cacert".into(),
            self.ca_path.display().to_string(),
            "--control".into(),
            format!("https://{CONTROL_HOST}/"),
            "--control".into(),
            format!("https://127.0.0.1:{edge}/"),
            "--timeout".into(),
            "2".into(),
            "--max-time".into(),
            "20".into(),
            "--doh-url".into(),
            self.doh.url(),
        ]
    }

    /// Runs the binary with the standard arguments and `extra` on a pseudo-terminal `cols` wide
    /// (util-linux `script`), in English, UTC, colour allowed; returns what the terminal saw, or
    /// `None` when `script` is not there.
    pub fn on_a_terminal(&self, cols: usize, extra: &[&str]) -> Option<String> {
        let mut args = vec![BIN.to_string()];
        args.extend(self.args());
        args.extend(extra.iter().map(std::string::ToString::to_string));
        let quoted: Vec<String> = args
            .iter()
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        let mut cmd = std::process::Command::new("script");
        for key in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "COLUMNS", "NO_COLOR"] {
            cmd.env_remove(key);
        }
        let shell = format!("stty cols {cols} rows 60; exec {}", quoted.join(" "));
        let out = cmd
            .args(["-qfec", &shell, "/dev/null"])
            .env("TERM", "xterm")
            .env("TZ", "UTC")
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The trusted CA's PEM file.
    pub fn ca_path(&self) -> &Path {
        &self.ca_path
    }

    /// A temporary directory that lives as long as the world (for config files and the like).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// [`doctor`] with [`World::args`] already added.
    pub fn doctor(&self) -> Command {
        let mut cmd = doctor();
        cmd.args(self.args());
        cmd
    }

    /// [`doctor`] with `extra` and [`World::args`] in the order the CLI wants: a subcommand that
    /// leads `extra` (`status`, `auth`, …) goes first, so the world's flags land after it.
    pub fn command<I, S>(&self, extra: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut extra: Vec<std::ffi::OsString> =
            extra.into_iter().map(|a| a.as_ref().to_os_string()).collect();
        let mut cmd = doctor();
        if extra
            .first()
            .and_then(|a| a.to_str())
            .is_some_and(|a| SUBCOMMANDS.contains(&a))
        {
            cmd.arg(extra.remove(0));
        }
        cmd.args(self.args()).args(extra);
        cmd
    }

    /// Runs with [`World::args`] and `extra` (see [`World::command`]); no JSON expectations.
    pub fn run<I, S>(&self, extra: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        run_cmd(&mut self.command(extra))
    }

    /// Runs with [`World::args`], `extra` and `--json`; the report must validate (see
    /// [`run_json`]).
    pub fn run_json<I, S>(&self, extra: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        // `--json` twice is harmless (last wins), so it is simply appended.
        run_json_cmd(self.command(extra), Vec::<String>::new())
    }
}

/// Removes a `--control` left without its value (after filtering a control URL out of
/// [`World::args`]).
pub fn strip_dangling_control(args: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--control" && args.get(i + 1).is_none_or(|v| v.starts_with("--")) {
            i += 1;
            continue;
        }
        out.push(args[i].clone());
        i += 1;
    }
    out
}
