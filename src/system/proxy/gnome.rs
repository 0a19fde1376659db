//! The GNOME proxy setting (Settings → Network → Network Proxy), which GLib apps, Chrome and
//! Firefox on GNOME follow: the `org.gnome.system.proxy` schema, read with one run of
//! `gsettings list-recursively org.gnome.system.proxy` (every key of the schema and its `http`,
//! `https`, `socks` children in one process).
//!
//! * `mode`: `'none'`, `'manual'` (the `host`/`port` of `.http`, `.https`, `.socks`; an empty host
//!   is no proxy, port 0 is the scheme's default as Chrome reads it), `'auto'` (`autoconfig-url`,
//!   or WPAD when it is empty).
//! * `ignore-hosts`: applies in manual and automatic mode, as GLib applies it.
//! * https URLs use the https proxy, else the http proxy, else SOCKS (GLib's order).
//! * The `authentication-user`/`authentication-password` lines are skipped unread; only
//!   `use-authentication` is kept.
//!
//! The program runs for at most two seconds with its output capped, in a clean environment
//! (`HOME`, `XDG_*`, `DBUS_SESSION_BUS_ADDRESS`, `PATH`, and `LC_ALL=C.UTF-8` so that its errors
//! can be recognised). It is run whatever the desktop: a missing program or schema is an absent
//! source, and the desktop decides only whether it is the one in force (`sources`).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::time::Duration;

use super::command::{RunFailure, run_bounded};
use super::endpoint::{DEFAULT_HTTP_PORT, DEFAULT_SOCKS_PORT, ProxyEndpoint};
use super::exceptions::{MAX_EXCEPTION_CHARS, MAX_EXCEPTIONS};
use super::gvariant::{GValue, parse_value};
use super::model::{ProxyPlatform, ProxySource, SourceReading, SystemProxyMode, SystemProxySetting};

/// The origin of the GNOME setting.
pub const ORIGIN: &str = "gsettings org.gnome.system.proxy";
/// The schema read.
pub const SCHEMA: &str = "org.gnome.system.proxy";
/// How long `gsettings` may take.
pub const TIMEOUT: Duration = Duration::from_secs(2);
/// Most output read from it (the schema lists in about 1 KiB).
const OUTPUT_CAP: usize = 256 * 1024;
/// Longest PAC URL kept.
const MAX_URL_CHARS: usize = 2048;

/// Reads the setting by running `gsettings` with the variables it needs from `env` (the process
/// environment in production).
pub fn read(env: &[(OsString, OsString)]) -> ProxySource {
    let ran = run_bounded(
        "gsettings",
        &["list-recursively", SCHEMA],
        &child_environment(env),
        TIMEOUT,
        OUTPUT_CAP,
    );
    let reading = match ran {
        Err(RunFailure::NotFound) => SourceReading::Absent,
        Err(failure) => SourceReading::Unreadable(failure.code().to_string()),
        Ok(ran) if !ran.success => {
            let stderr = String::from_utf8_lossy(&ran.stderr);
            if stderr.contains("No such schema") || stderr.contains("No schemas installed") {
                SourceReading::Absent
            } else {
                SourceReading::Unreadable("exited_with_error".to_string())
            }
        }
        Ok(ran) => match parse_listing(&String::from_utf8_lossy(&ran.stdout), ORIGIN) {
            Some(setting) => SourceReading::Read(Box::new(setting)),
            None => SourceReading::Unreadable("unexpected_output".to_string()),
        },
    };
    ProxySource {
        origin: ORIGIN.to_string(),
        reading,
    }
}

/// The variables `gsettings` may see: `HOME`, `PATH`, `DBUS_SESSION_BUS_ADDRESS`, every `XDG_*`,
/// and `LC_ALL=C.UTF-8` for messages in English.
pub fn child_environment(env: &[(OsString, OsString)]) -> Vec<(OsString, OsString)> {
    let mut kept: Vec<(OsString, OsString)> = env
        .iter()
        .filter(|(k, _)| {
            let k = k.to_string_lossy();
            matches!(k.as_ref(), "HOME" | "PATH" | "DBUS_SESSION_BUS_ADDRESS") || k.starts_with("XDG_")
        })
        .cloned()
        .collect();
    kept.push(("LC_ALL".into(), "C.UTF-8".into()));
    kept
}

/// Reads `gsettings list-recursively` output (`SCHEMA KEY VALUE` per line). `None` when it holds
/// no `mode`: not the schema's listing.
pub fn parse_listing(text: &str, origin: &str) -> Option<SystemProxySetting> {
    let mut values: BTreeMap<(&str, &str), GValue> = BTreeMap::new();
    for line in text.lines() {
        let Some((schema, rest)) = line.split_once(' ') else {
            continue;
        };
        let Some((key, value)) = rest.split_once(' ') else {
            continue;
        };
        let Some(child) = schema.strip_prefix(SCHEMA) else {
            continue;
        };
        // Never parse what may be a password.
        if key.starts_with("authentication-") {
            continue;
        }
        values.insert((child, key), parse_value(value));
    }
    let mode = values.get(&("", "mode"))?.clone();
    let mut setting = SystemProxySetting::direct(ProxyPlatform::Gnome, origin);
    read_ignore_hosts(values.get(&("", "ignore-hosts")), &mut setting);
    match mode {
        GValue::Str(m) if m == "none" => {}
        GValue::Str(m) if m == "manual" => {
            setting.mode = SystemProxyMode::Manual;
            setting.http = endpoint(&values, ".http", DEFAULT_HTTP_PORT, &mut setting);
            setting.https = endpoint(&values, ".https", DEFAULT_HTTP_PORT, &mut setting);
            setting.socks = endpoint(&values, ".socks", DEFAULT_SOCKS_PORT, &mut setting);
            setting.credentials_configured =
                values.get(&(".http", "use-authentication")) == Some(&GValue::Bool(true));
        }
        GValue::Str(m) if m == "auto" => match values.get(&("", "autoconfig-url")) {
            Some(GValue::Str(url)) if !url.trim().is_empty() && url.chars().count() <= MAX_URL_CHARS => {
                setting.mode = SystemProxyMode::Pac;
                setting.pac_url = Some(url.trim().to_string());
            }
            Some(GValue::Str(url)) if url.trim().is_empty() => {
                setting.mode = SystemProxyMode::AutoDetect;
                setting.auto_detect = true;
            }
            _ => setting.ignore("autoconfig-url"),
        },
        _ => setting.ignore("mode"),
    }
    Some(setting)
}

/// Fills the exceptions from `ignore-hosts`.
fn read_ignore_hosts(value: Option<&GValue>, setting: &mut SystemProxySetting) {
    match value {
        None => {}
        Some(GValue::StrArray(hosts)) => {
            for host in hosts.iter().map(|h| h.trim()).filter(|h| !h.is_empty()) {
                if host.len() > MAX_EXCEPTION_CHARS || setting.exceptions.len() >= MAX_EXCEPTIONS {
                    setting.ignore("ignore-hosts");
                } else {
                    setting.exceptions.push(host.to_string());
                }
            }
        }
        Some(_) => setting.ignore("ignore-hosts"),
    }
}

/// The proxy of one child schema (`.http`, `.https`, `.socks`): `None` when its host is empty.
fn endpoint(
    values: &BTreeMap<(&str, &str), GValue>,
    child: &str,
    default_port: u16,
    setting: &mut SystemProxySetting,
) -> Option<ProxyEndpoint> {
    let name = |key: &str| format!("{}.{key}", child.trim_start_matches('.'));
    let host = match values.get(&(child, "host")) {
        None => return None,
        Some(GValue::Str(h)) if h.trim().is_empty() => return None,
        Some(GValue::Str(h)) => h.clone(),
        Some(_) => {
            setting.ignore(&name("host"));
            return None;
        }
    };
    let port = match values.get(&(child, "port")) {
        Some(GValue::Int(0)) | None => Some(default_port),
        Some(GValue::Int(p)) => u16::try_from(*p).ok(),
        Some(_) => None,
    };
    let Some(port) = port else {
        setting.ignore(&name("port"));
        return None;
    };
    let found = ProxyEndpoint::new(&host, port);
    if found.is_none() {
        setting.ignore(&name("host"));
    }
    found
}

#[cfg(test)]
mod tests;
