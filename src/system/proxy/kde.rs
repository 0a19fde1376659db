//! The KDE proxy setting (System Settings → Network → Proxy), which KIO, Qt apps and Chrome on
//! KDE follow: `kioslaverc` in `$XDG_CONFIG_HOME` (else `~/.config`), group `[Proxy Settings]`.
//!
//! * `ProxyType`: 0 none, 1 manual (`httpProxy`, `httpsProxy`, `socksProxy`, written `http://h p`,
//!   `h p` or `h:p`), 2 PAC (`Proxy Config Script`), 3 WPAD, 4 environment: the proxy keys and
//!   `NoProxyFor` then hold the *names* of variables (`HTTPS_PROXY`), whose values are read.
//! * `NoProxyFor`: entries separated by commas or spaces, matched as KIO's `revmatch` does;
//!   `<local>` = names without a dot. `ReversedException=true`: only those hosts use the proxy.
//! * https URLs use `httpsProxy`, else `socksProxy` (KIO adds SOCKS as the alternative).
//! * A user name in a proxy URL is noted (`credentials_configured`) and dropped.
//!
//! The file is untrusted: only a regular file is read, at most 64 KiB of it; KConfig escapes
//! (`\s`, `\t`, `\n`, `\\`, `\xNN`) are decoded, `[$e]`-style flags stripped, localised keys
//! ignored, and invalid UTF-8 replaced. The system-wide `/etc/xdg/kioslaverc` is not read.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::endpoint::{DEFAULT_HTTP_PORT, DEFAULT_SOCKS_PORT, ProxyEndpoint};
use super::exceptions::{is_local_marker, split_list};
use super::model::{ProxyPlatform, ProxySource, SourceReading, SystemProxyMode, SystemProxySetting};

/// Largest `kioslaverc` read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;
/// The group that holds the proxy keys.
const GROUP: &str = "Proxy Settings";
/// Longest PAC URL kept.
const MAX_URL_CHARS: usize = 2048;

/// Where `kioslaverc` is: `$XDG_CONFIG_HOME/kioslaverc` when that is an absolute path, else
/// `$HOME/.config/kioslaverc`; `None` without either.
pub fn config_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(dir) = env("XDG_CONFIG_HOME").filter(|d| Path::new(d).is_absolute()) {
        return Some(Path::new(&dir).join("kioslaverc"));
    }
    env("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| Path::new(&h).join(".config").join("kioslaverc"))
}

/// The path as shown in a report: the home directory as `~`, so that no user name is shown.
pub fn display_path(path: &Path, home: Option<&str>) -> String {
    if let Some(rest) = home
        .filter(|h| !h.is_empty())
        .and_then(|h| path.strip_prefix(h).ok())
    {
        return format!("~/{}", rest.display());
    }
    path.display().to_string()
}

/// Reads the KDE setting of the user that `env` describes (`HOME`, `XDG_CONFIG_HOME`; the
/// environment mode reads its variables through it too).
pub fn read(env: &dyn Fn(&str) -> Option<String>) -> ProxySource {
    let Some(path) = config_path(env) else {
        return ProxySource {
            origin: "~/.config/kioslaverc".to_string(),
            reading: SourceReading::Absent,
        };
    };
    let origin = display_path(&path, env("HOME").as_deref());
    let reading = match read_capped(&path, MAX_FILE_BYTES) {
        Err("not_found") => SourceReading::Absent,
        Err(code) => SourceReading::Unreadable(code.to_string()),
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            SourceReading::Read(Box::new(parse_kioslaverc(&text, env, &origin)))
        }
    };
    ProxySource { origin, reading }
}

/// The bytes of a regular file of at most `cap` bytes, or why not (a stable code).
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, &'static str> {
    use crate::input::{CappedReadError, read_capped};
    read_capped(path, cap).map_err(|e| match e {
        CappedReadError::NotFound => "not_found",
        CappedReadError::NotAFile(_) => "not_a_regular_file",
        CappedReadError::TooLarge { .. } => "file_too_large",
        CappedReadError::Io(e) if e.kind() == ErrorKind::PermissionDenied => "permission_denied",
        CappedReadError::Io(_) => "io_error",
    })
}

/// The keys of `[Proxy Settings]` in a KConfig file, values decoded; the last one of a key wins.
fn proxy_group(text: &str) -> Vec<(String, String)> {
    let mut in_group = false;
    let mut keys: Vec<(String, String)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            // `[Proxy Settings]`, maybe with a `[$i]` flag after it.
            let name = line
                .strip_prefix('[')
                .and_then(|l| l.split_once(']'))
                .map(|(n, _)| n);
            in_group = name == Some(GROUP);
            continue;
        }
        let Some((key, value)) = line.split_once('=').filter(|_| in_group) else {
            continue;
        };
        let key = key.trim();
        let key = match key.split_once('[') {
            // `key[$e]` keeps its meaning; `key[de]` is a translation.
            Some((k, flags)) if flags.starts_with('$') => k.trim(),
            Some(_) => continue,
            None => key,
        };
        let value = unescape(value.trim());
        keys.retain(|(k, _)| k != key);
        keys.push((key.to_string(), value));
    }
    keys
}

/// Decodes KConfig's escapes.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let byte = (hex.len() == 2)
                    .then(|| u8::from_str_radix(&hex, 16).ok())
                    .flatten();
                if let Some(c) = byte.filter(u8::is_ascii) {
                    out.push(char::from(c));
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Reads the `[Proxy Settings]` group of a `kioslaverc` text; `env` resolves the variables the
/// environment mode names.
pub fn parse_kioslaverc(
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
    origin: &str,
) -> SystemProxySetting {
    let keys = proxy_group(text);
    let get = |k: &str| {
        keys.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let mut setting = SystemProxySetting::direct(ProxyPlatform::Kde, origin);
    let proxy_type = match get("ProxyType").map(|t| t.trim().parse::<u8>()) {
        None => 0,
        Some(Ok(t)) if t <= 4 => t,
        Some(_) => {
            setting.ignore("ProxyType");
            0
        }
    };
    let from_environment = proxy_type == 4;
    // The environment mode stores variable names; the values are what counts.
    let value_of = |key: &str| -> Option<String> {
        let v = get(key)?;
        if from_environment {
            let valid = !v.is_empty() && v.len() <= 255 && !v.contains(['=', '\0']);
            valid.then(|| env(v.trim())).flatten()
        } else {
            Some(v.to_string())
        }
    };
    match proxy_type {
        1 | 4 => {
            setting.mode = SystemProxyMode::Manual;
            setting.http = proxy(value_of("httpProxy"), "httpProxy", false, &mut setting);
            setting.https = proxy(value_of("httpsProxy"), "httpsProxy", false, &mut setting);
            setting.socks = proxy(value_of("socksProxy"), "socksProxy", true, &mut setting);
            read_no_proxy(value_of("NoProxyFor").as_deref(), &mut setting);
            setting.reversed_exceptions = !from_environment
                && get("ReversedException").is_some_and(|v| {
                    matches!(
                        v.trim().to_ascii_lowercase().as_str(),
                        "true" | "on" | "yes" | "1"
                    )
                });
        }
        2 => match get("Proxy Config Script").map(str::trim) {
            Some(url) if url.chars().count() <= MAX_URL_CHARS => {
                setting.mode = SystemProxyMode::Pac;
                setting.pac_url = Some(url.to_string());
            }
            _ => setting.ignore("Proxy Config Script"),
        },
        3 => {
            setting.mode = SystemProxyMode::AutoDetect;
            setting.auto_detect = true;
        }
        _ => {}
    }
    setting
}

/// One proxy key's value: `http://h p`, `h p`, `h:p`, maybe with `user:password@` (noted and
/// dropped). `socks` picks the SOCKS scheme and port.
fn proxy(
    value: Option<String>,
    key: &str,
    socks: bool,
    setting: &mut SystemProxySetting,
) -> Option<ProxyEndpoint> {
    let value = value?;
    let value = value.trim();
    let (scheme, rest) = value.split_once("://").unwrap_or(("", value));
    let rest = match rest.rsplit_once('@') {
        Some((_, host)) => {
            setting.credentials_configured = true;
            host
        }
        None => rest,
    };
    let entry = if scheme.is_empty() {
        rest.to_string()
    } else {
        format!("{scheme}://{rest}")
    };
    let allowed: &[&str] = if socks {
        &["socks", "socks5"]
    } else {
        &["http", "https"]
    };
    let default_port = if socks {
        DEFAULT_SOCKS_PORT
    } else {
        DEFAULT_HTTP_PORT
    };
    match ProxyEndpoint::parse_entry(&entry, default_port) {
        Some((written, e)) if written.as_deref().is_none_or(|w| allowed.contains(&w)) => Some(e),
        _ => {
            setting.ignore(key);
            None
        }
    }
}

/// Fills the exceptions from `NoProxyFor`.
fn read_no_proxy(value: Option<&str>, setting: &mut SystemProxySetting) {
    let Some(list) = value else {
        return;
    };
    let (entries, left_out) = split_list(list, &[',', ' ', '\t']);
    if left_out {
        setting.ignore("NoProxyFor");
    }
    for entry in entries {
        if is_local_marker(&entry) {
            setting.bypass_simple_names = true;
        } else {
            setting.exceptions.push(entry);
        }
    }
}

#[cfg(test)]
mod tests;
