//! `report`: runs the check and writes one Markdown file (and its JSON next to it) that a person
//! can paste into a support ticket, with secrets removed — and with `--anonymize`, what identifies
//! the user too. Gathering the surroundings is I/O; deciding what to replace is
//! [`build_redactor`], pure and tested.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use std::io::IsTerminal;

use super::out::{write_file, write_out};
use crate::check::Check;
use crate::check::progress::run_once;
use crate::check::redact::{Redactor, is_loopback, is_private, percent_decode, proxy_host, strip_userinfo};
use crate::cli::OutputArgs;
use crate::cli::args::ReportArgs;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::render;
use crate::report::Report;
use crate::report::{OUTPUT_SCHEMA_VERSION, ProxySetting, SupportReport, SystemReport, now_rfc3339, tool};
use crate::route::{NO_PROXY_VARIABLES, PROXY_VARIABLES};
use crate::tr;

/// What must not reach the report, or (with `--anonymize`) identifies the user. Gathered from
/// the environment and the system; never serialized.
#[derive(Debug, Default, Clone)]
pub struct Sensitive {
    /// Values of secret-looking variables (`OPENAI_API_KEY`, `*_API_KEY`, `*_TOKEN`, `*_SECRET`,
    /// `*PASSWORD*`), with the variable's name.
    pub secrets: Vec<(String, String)>,
    /// User-info removed from proxy values (`user:password`, as written).
    pub proxy_userinfo: Vec<String>,
    /// Proxy hosts (names or addresses).
    pub proxy_hosts: Vec<String>,
    /// NO_PROXY entries: the user's own hosts and networks.
    pub no_proxy: Vec<String>,
    pub hostname: Option<String>,
    /// The home directory (`HOME`, `USERPROFILE`): in paths it becomes `~`.
    pub home: Option<String>,
    /// The user's names (`USER`, `LOGNAME`, `USERNAME`, the home directory's last part).
    pub user_names: Vec<String>,
    pub search_domains: Vec<String>,
    pub system_nameservers: Vec<IpAddr>,
}

fn secret_variable(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    n == "OPENAI_API_KEY"
        || n.ends_with("_API_KEY")
        || n.ends_with("_TOKEN")
        || n.ends_with("_SECRET")
        || n.contains("PASSWORD")
}

/// The most read of a small system file (`/etc/os-release`, `/proc/sys/kernel/hostname`).
const SYSTEM_FILE_CAP: u64 = 64 * 1024;

/// A small system file's text, read like every named file: capped, regular files only.
fn read_system_file(path: &str) -> Option<String> {
    let bytes = crate::input::read_capped(std::path::Path::new(path), SYSTEM_FILE_CAP).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_trimmed(path: &str) -> Option<String> {
    read_system_file(path)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn os_release() -> Option<String> {
    let text = read_system_file("/etc/os-release")?;
    text.lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim().trim_matches('"').to_string())
        .filter(|v| !v.is_empty())
}

fn hostname(env: &impl Fn(&str) -> Option<String>) -> Option<String> {
    read_trimmed("/proc/sys/kernel/hostname")
        .or_else(|| read_trimmed("/etc/hostname"))
        .or_else(|| env("HOSTNAME"))
        .or_else(|| env("COMPUTERNAME"))
}

/// The system resolver's nameservers and search domains. `LOCALDOMAIN` replaces the search list,
/// as it does for the C library's resolver.
fn system_resolver(env: &impl Fn(&str) -> Option<String>) -> (Vec<IpAddr>, Vec<String>) {
    let (mut servers, mut search) = (Vec::new(), Vec::new());
    if let Ok((config, _)) = hickory_resolver::system_conf::read_system_conf() {
        for ns in config.name_servers() {
            if !servers.contains(&ns.ip) {
                servers.push(ns.ip);
            }
        }
        for name in config.domain().into_iter().chain(config.search()) {
            let s = name.to_string().trim_end_matches('.').to_ascii_lowercase();
            if !s.is_empty() && !search.contains(&s) {
                search.push(s);
            }
        }
    }
    if let Some(local) = env("LOCALDOMAIN") {
        search = local
            .split_whitespace()
            .map(|s| s.trim_end_matches('.').to_ascii_lowercase())
            .collect();
    }
    (servers, search)
}

/// Reads the machine's surroundings for the report: what is shown, and what must be hidden.
pub fn gather(
    env: impl Fn(&str) -> Option<String>,
    all_vars: &[(String, String)],
) -> (SystemReport, Sensitive) {
    let mut sensitive = Sensitive::default();
    for (name, value) in all_vars {
        if secret_variable(name) && !value.trim().is_empty() {
            sensitive.secrets.push((name.clone(), value.clone()));
        }
    }
    let mut proxies = Vec::new();
    for var in PROXY_VARIABLES.iter().chain(NO_PROXY_VARIABLES.iter()) {
        let Some(value) = env(var).filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        if var.eq_ignore_ascii_case("NO_PROXY") {
            for entry in value.split([',', ' ']).map(str::trim).filter(|e| !e.is_empty()) {
                if !sensitive.no_proxy.iter().any(|x| x == entry) {
                    sensitive.no_proxy.push(entry.to_string());
                }
            }
            proxies.push(ProxySetting {
                variable: (*var).into(),
                value,
                had_credentials: false,
            });
            continue;
        }
        let (clean, userinfo) = strip_userinfo(&value);
        if let Some(u) = &userinfo {
            sensitive.proxy_userinfo.push(u.clone());
        }
        if let Some(h) = proxy_host(&clean)
            && !sensitive.proxy_hosts.contains(&h)
        {
            sensitive.proxy_hosts.push(h);
        }
        proxies.push(ProxySetting {
            variable: (*var).into(),
            value: clean,
            had_credentials: userinfo.is_some(),
        });
    }
    let (nameservers, search) = system_resolver(&env);
    sensitive.hostname = hostname(&env);
    sensitive.home = env("HOME")
        .or_else(|| env("USERPROFILE"))
        .map(|h| h.trim_end_matches(['/', '\\']).to_string())
        .filter(|h| !h.is_empty());
    let last_part = sensitive
        .home
        .as_deref()
        .and_then(|h| h.rsplit(['/', '\\']).next())
        .map(str::to_string);
    for name in ["USER", "LOGNAME", "USERNAME"]
        .into_iter()
        .filter_map(&env)
        .chain(last_part)
    {
        if !name.trim().is_empty() && !sensitive.user_names.contains(&name) {
            sensitive.user_names.push(name);
        }
    }
    sensitive.search_domains = search.clone();
    sensitive.system_nameservers = nameservers.clone();
    let set = |k: &str| env(k).is_some_and(|v| !v.trim().is_empty());
    let system = SystemReport {
        os: std::env::consts::OS.into(),
        arch: std::env::consts::ARCH.into(),
        os_release: os_release(),
        kernel: read_trimmed("/proc/sys/kernel/osrelease"),
        hostname: sensitive.hostname.clone(),
        nameservers: nameservers.iter().map(IpAddr::to_string).collect(),
        search_domains: search,
        proxies,
        api_key_set: set("OPENAI_API_KEY"),
        openai_variables: ["OPENAI_ORG_ID", "OPENAI_PROJECT_ID"]
            .into_iter()
            .filter(|k| set(k))
            .map(str::to_string)
            .collect(),
    };
    (system, sensitive)
}

/// What the check saw that the redaction needs: the user's public address (the `ip=` of a
/// `/cdn-cgi/trace` answer, raw or parsed) and the probed hosts (whose names are never replaced).
#[derive(Debug, Default, Clone)]
pub struct ReportIdentifiers {
    pub public_addresses: Vec<IpAddr>,
    pub target_hosts: Vec<String>,
}

fn collect_trace_addresses(v: &serde_json::Value, out: &mut Vec<IpAddr>) {
    match v {
        serde_json::Value::String(s) => {
            for token in s.split_whitespace() {
                if let Some(ip) = token.strip_prefix("ip=").and_then(|v| v.parse::<IpAddr>().ok())
                    && !out.contains(&ip)
                {
                    out.push(ip);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_trace_addresses(i, out)),
        serde_json::Value::Object(map) => {
            // A parsed trace (`edge_trace.ip`) as well as the raw `ip=` line of a body.
            if let Some(ip) = map.get("ip").and_then(|v| v.as_str()?.parse::<IpAddr>().ok())
                && !out.contains(&ip)
            {
                out.push(ip);
            }
            map.values().for_each(|i| collect_trace_addresses(i, out));
        }
        _ => {}
    }
}

/// Reads [`ReportIdentifiers`] from a check report (any string of it may hold a trace).
pub fn report_identifiers(report: &Report) -> ReportIdentifiers {
    let mut public_addresses = Vec::new();
    if let Ok(v) = serde_json::to_value(report) {
        collect_trace_addresses(&v, &mut public_addresses);
    }
    public_addresses.retain(|ip| !is_private(ip) && !is_loopback(ip));
    let target_hosts = report
        .targets
        .iter()
        .filter_map(|t| {
            url::Url::parse(&t.url)
                .ok()?
                .host_str()
                .map(str::to_ascii_lowercase)
        })
        .collect();
    ReportIdentifiers {
        public_addresses,
        target_hosts,
    }
}

/// A name that says nothing about whose network it is (single labels such as `lan` or `local`,
/// `home.arpa`), or one of the probed targets' own names (or a domain above one).
fn generic_name(name: &str, seen: &ReportIdentifiers) -> bool {
    let n = name
        .trim_start_matches("*.")
        .trim_matches('.')
        .to_ascii_lowercase();
    if !n.contains('.') || matches!(n.as_str(), "home.arpa" | "localhost" | "localdomain") {
        return true;
    }
    seen.target_hosts
        .iter()
        .any(|h| *h == n || h.ends_with(&format!(".{n}")))
}

/// A kind of thing the report replaces (listed in the report, in words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redaction {
    /// The value of a secret-looking variable (its name).
    Variable(String),
    ProxyCredentials,
    ApiKeys,
    PublicAddress,
    ResolverAddresses,
    HostName,
    UserName,
    PrivateAddresses,
    NetworkDomains,
}

impl Redaction {
    /// The kind in words.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Redaction::Variable(name) => tr!(lang, "cmd-redaction-variable", name = name),
            Redaction::ProxyCredentials => tr!(lang, "cmd-redaction-proxy-credentials"),
            Redaction::ApiKeys => tr!(lang, "cmd-redaction-api-keys"),
            Redaction::PublicAddress => tr!(lang, "cmd-redaction-public-address"),
            Redaction::ResolverAddresses => tr!(lang, "cmd-redaction-resolver-addresses"),
            Redaction::HostName => tr!(lang, "cmd-redaction-hostname"),
            Redaction::UserName => tr!(lang, "cmd-redaction-user"),
            Redaction::PrivateAddresses => tr!(lang, "cmd-redaction-private-addresses"),
            Redaction::NetworkDomains => tr!(lang, "cmd-redaction-domains"),
        }
    }
}

/// The kinds in words, for the report's `redactions`.
pub fn describe_redactions(kinds: &[Redaction], lang: Lang) -> Vec<String> {
    kinds.iter().map(|k| k.describe(lang)).collect()
}

/// Decides what to replace: always the secrets and proxy credentials; with `anonymize`, the
/// public address seen by the edge, private addresses, the system resolver's addresses, the
/// host name and the user's domain names (search domains, proxy hosts, NO_PROXY names). Returns
/// the redactor and a list of what it replaces, by kind.
pub fn build_redactor(
    s: &Sensitive,
    seen: &ReportIdentifiers,
    anonymize: bool,
) -> (Redactor, Vec<Redaction>) {
    let mut r = Redactor::new(anonymize);
    let mut kinds: Vec<Redaction> = Vec::new();
    let mut note = |k: Redaction| {
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    };
    for (name, value) in &s.secrets {
        // Short values of generic *_TOKEN variables are left to the key pattern; OPENAI_API_KEY is
        // always replaced.
        if name == "OPENAI_API_KEY" || value.trim().len() >= 8 {
            r.secret(value, &format!("[REDACTED:{name}]"));
            note(Redaction::Variable(name.clone()));
        }
    }
    for info in &s.proxy_userinfo {
        for form in [info.clone(), percent_decode(info)] {
            r.secret(&form, "[REDACTED:proxy-credentials]");
            if let Some((user, password)) = form.split_once(':') {
                r.secret(password, "[REDACTED:proxy-password]");
                r.name(user, "[REDACTED:proxy-user]");
            } else {
                r.name(&form, "[REDACTED:proxy-user]");
            }
        }
        note(Redaction::ProxyCredentials);
    }
    note(Redaction::ApiKeys);
    if !anonymize {
        return (r, kinds);
    }
    for ip in &seen.public_addresses {
        r.address(*ip, "[public-address]");
        note(Redaction::PublicAddress);
    }
    for (i, ip) in s
        .system_nameservers
        .iter()
        .filter(|ip| !is_loopback(ip))
        .enumerate()
    {
        r.address(*ip, &format!("[resolver-{}]", i + 1));
        note(Redaction::ResolverAddresses);
    }
    let mut domains = 0;
    let mut domain = |r: &mut Redactor, name: &str| {
        if !generic_name(name, seen) {
            domains += 1;
            r.name(name, &format!("[domain-{domains}]"));
        }
    };
    if let Some(h) = &s.hostname {
        r.name(h, "[hostname]");
        if let Some((short, dom)) = h.split_once('.') {
            r.name(short, "[hostname]");
            domain(&mut r, dom);
        }
        note(Redaction::HostName);
    }
    for d in &s.search_domains {
        domain(&mut r, d);
    }
    user_names(&mut r, s, &mut note);
    for (i, host) in s.proxy_hosts.iter().enumerate() {
        match host.parse::<IpAddr>() {
            Ok(ip) if !is_loopback(&ip) => r.address(ip, &format!("[proxy-{}]", i + 1)),
            Ok(_) => {}
            Err(_) if !generic_name(host, seen) || !host.contains('.') => {
                if host != "localhost" {
                    r.name(host, &format!("[proxy-{}]", i + 1));
                }
            }
            Err(_) => {}
        }
    }
    let mut n = 0;
    for entry in &s.no_proxy {
        let e = entry.trim_start_matches("*.").trim_start_matches('.');
        let addr = e.split('/').next().unwrap_or(e);
        match addr.parse::<IpAddr>() {
            Ok(ip) if is_loopback(&ip) || is_private(&ip) => {}
            Ok(ip) => {
                n += 1;
                r.address(ip, &format!("[no-proxy-{n}]"));
            }
            Err(_) if !generic_name(e, seen) => {
                n += 1;
                r.name(e, &format!("[no-proxy-{n}]"));
            }
            Err(_) => {}
        }
    }
    note(Redaction::PrivateAddresses);
    note(Redaction::NetworkDomains);
    (r, kinds)
}

/// The home directory as `~` wherever it stands (first: it holds the user name), then the user's
/// names as `[user]` (as whole words; `root` names no one).
fn user_names(r: &mut Redactor, s: &Sensitive, note: &mut impl FnMut(Redaction)) {
    if let Some(home) = s.home.as_deref().filter(|h| h.len() > 1) {
        r.secret(home, "~");
        note(Redaction::UserName);
    }
    for name in s
        .user_names
        .iter()
        .filter(|n| !matches!(n.as_str(), "root" | "Administrator"))
    {
        if r.name(name, "[user]") {
            note(Redaction::UserName);
        }
    }
}

/// Redacts the whole support report: every string of its JSON except fixed vocabularies. Returns
/// the redacted report (for the Markdown) and its JSON text. `kinds` are in the report's
/// language; `lang` is the language of the errors.
pub fn redact(
    mut support: SupportReport,
    redactor: &mut Redactor,
    kinds: Vec<String>,
    lang: Lang,
) -> Result<(SupportReport, String), AppError> {
    support.redactions = kinds;
    let serialize =
        |e: serde_json::Error| AppError::Run(tr!(lang, "cmd-error-serialize-report", error = e.to_string()));
    let mut value = serde_json::to_value(&support).map_err(serialize)?;
    redactor.redact_json(&mut value);
    let redacted: SupportReport = serde_json::from_value(value.clone())
        .map_err(|e| AppError::Run(tr!(lang, "cmd-error-redacted-report", error = e.to_string())))?;
    let mut text = serde_json::to_string_pretty(&value).map_err(serialize)?;
    text.push('\n');
    Ok((redacted, text))
}

/// `report`: runs the check, writes the Markdown and the JSON (or one of them to stdout with
/// `-o -`), and exits with the verdict's code.
///
/// The Markdown is for people (`--lang`, else the locale); the JSON file is machine output
/// (English unless `--lang`). When the two languages differ, the same observations are judged
/// once for each: one probe, two reports.
pub fn run(args: &ReportArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let human = output.human_lang();
    let machine = output.lang.unwrap_or_default();
    if args.output != Path::new("-")
        && let Some(dir) = super::out::missing_parent(&args.output)
    {
        return Err(AppError::Usage(tr!(
            human,
            "cmd-error-no-directory",
            path = args.output.display().to_string(),
            directory = dir.display().to_string()
        )));
    }
    let mut check = Check::prepare(&args.check)?;
    check.lang = machine;
    // With `-o - --json` no Markdown is written: one judgement is enough.
    let markdown_lang = if args.output == Path::new("-") && output.json {
        machine
    } else {
        human
    };
    let progress = (!output.json && !output.quiet && std::io::stderr().is_terminal()).then_some(human);
    let (for_json, for_markdown) = run_once(&check, progress, Some(markdown_lang))?;

    let vars: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();
    let (system, sensitive) = gather(|k| std::env::var(k).ok(), &vars);
    let seen = report_identifiers(&for_json);
    let (mut redactor, kinds) = build_redactor(&sensitive, &seen, args.anonymize);
    let exit_code = for_json.exit_code;
    let support = support_report(for_json, system, args.anonymize);
    let markdown_support = for_markdown.map(|r| SupportReport {
        report: r,
        ..support.clone()
    });
    let (support, json) = redact(
        support,
        &mut redactor,
        describe_redactions(&kinds, machine),
        human,
    )?;
    let support = match markdown_support {
        Some(s) => redact(s, &mut redactor, describe_redactions(&kinds, human), human)?.0,
        None => support,
    };
    let markdown = redactor.redact_secrets(&render::markdown::render(&support, human));

    if args.output == Path::new("-") {
        write_out(if output.json { &json } else { &markdown }, human)?;
        return Ok(exit_code);
    }
    let json_path = json_path(&args.output);
    write_file(&args.output, &markdown, human)?;
    write_file(&json_path, &json, human)?;
    if output.json {
        write_out(&json, human)?;
    } else if !output.quiet {
        colored::control::set_override(render::decide_color(output.color));
        write_out(
            &render::stages::report_written(
                &support,
                &args.output.display().to_string(),
                &json_path.display().to_string(),
                human,
            ),
            human,
        )?;
    }
    Ok(exit_code)
}

/// Assembles the support report around a check report.
pub fn support_report(report: Report, system: SystemReport, anonymized: bool) -> SupportReport {
    SupportReport {
        schema_version: OUTPUT_SCHEMA_VERSION,
        tool: tool(),
        generated_at: now_rfc3339(),
        anonymized,
        redactions: vec![],
        system,
        report,
    }
}

/// The JSON file that goes with a Markdown file: `x.md` → `x.json`, anything else gets `.json`
/// appended.
pub fn json_path(markdown: &Path) -> PathBuf {
    match markdown.extension() {
        Some(e) if e.eq_ignore_ascii_case("md") => markdown.with_extension("json"),
        _ => {
            let mut s = markdown.as_os_str().to_owned();
            s.push(".json");
            PathBuf::from(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identifiers() -> ReportIdentifiers {
        ReportIdentifiers {
            public_addresses: vec!["203.0.113.77".parse().unwrap()],
            target_hosts: vec!["chatgpt.com".into(), "api.openai.com".into()],
        }
    }

    fn sensitive() -> Sensitive {
        Sensitive {
            secrets: vec![(
                "OPENAI_API_KEY".into(),
                "sk-test-PLANTEDKEY0123456789abcdef".into(),
            )],
            proxy_userinfo: vec!["alice:s%40cret-pw".into()],
            proxy_hosts: vec!["proxy.corp-7f3a.example".into()],
            no_proxy: vec![
                "localhost".into(),
                ".corp-7f3a.example".into(),
                "10.20.0.0/16".into(),
                "openai.com".into(),
            ],
            hostname: Some("build-box-42.corp-7f3a.example".into()),
            home: Some("/home/bobby".into()),
            user_names: vec!["bobby".into()],
            search_domains: vec!["corp-7f3a.example".into(), "lan".into()],
            system_nameservers: vec!["10.255.255.53".parse().unwrap(), "127.0.0.53".parse().unwrap()],
        }
    }

    #[test]
    fn secrets_are_always_replaced_and_names_only_when_anonymizing() {
        let text = "key sk-test-PLANTEDKEY0123456789abcdef proxy alice:s@cret-pw s%40cret-pw on build-box-42 \
                    via 10.255.255.53 and 127.0.0.53, proxy.corp-7f3a.example, ip=203.0.113.77 chatgpt.com openai.com lan";
        let (mut plain, kinds) = build_redactor(&sensitive(), &identifiers(), false);
        let out = plain.redact(text);
        for gone in ["PLANTEDKEY", "s@cret-pw", "s%40cret-pw", "alice"] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert!(
            out.contains("build-box-42") && out.contains("10.255.255.53"),
            "{out}"
        );
        assert!(kinds.contains(&Redaction::Variable("OPENAI_API_KEY".into())));
        assert_eq!(describe_redactions(&kinds, Lang::En)[0], "OPENAI_API_KEY value");
        assert_eq!(describe_redactions(&kinds, Lang::ZhCn)[0], "OPENAI_API_KEY 的值");

        let (mut anon, _) = build_redactor(&sensitive(), &identifiers(), true);
        let out = anon.redact(text);
        for gone in [
            "PLANTEDKEY",
            "s@cret-pw",
            "alice",
            "build-box-42",
            "10.255.255.53",
            "corp-7f3a",
            "203.0.113.77",
        ] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        for kept in ["127.0.0.53", "chatgpt.com", "openai.com", " lan"] {
            assert!(out.contains(kept), "{kept} in {out}");
        }
        assert!(
            out.contains("[public-address]") && out.contains("[resolver-1]") && out.contains("[hostname]"),
            "{out}"
        );
        // The home directory becomes ~ and the user name [user], the same every time.
        let paths = anon.redact("--cacert /home/bobby/ca.pem; user bobby; /srv/bobby/x");
        assert_eq!(paths, "--cacert ~/ca.pem; user [user]; /srv/[user]/x");
        assert_eq!(anon.redact("/home/bobby"), "~");
    }

    #[test]
    fn the_json_file_sits_next_to_the_markdown() {
        assert_eq!(json_path(Path::new("a/r.md")), PathBuf::from("a/r.json"));
        assert_eq!(json_path(Path::new("r.txt")), PathBuf::from("r.txt.json"));
    }
}
