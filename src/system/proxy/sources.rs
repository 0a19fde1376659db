//! Which sources this computer has, each read on its own thread within a time limit, and which
//! one is in force.
//!
//! * **Windows**: `HKCU\…\Internet Settings`; also `HKLM\…\Internet Settings` when the policy
//!   `ProxySettingsPerUser` is 0, and then that one is in force (`policy_per_machine`), else the
//!   user's (`per_user`).
//! * **macOS**: `SCDynamicStore`, in force (`only_source`).
//! * **Linux and the other Unix systems**: GNOME (`gsettings`) and KDE (`kioslaverc`) are both read
//!   (each is absent when its program or file is); the desktop decides which one the browser
//!   follows, as Chrome decides: `XDG_CURRENT_DESKTOP` (a `:`-separated list, the first known
//!   name wins: `KDE` → KDE; `GNOME`, `Unity`, `X-Cinnamon`/`Cinnamon`, `Pantheon`, `Deepin`,
//!   `UKUI`, `Budgie` → GNOME), else `DESKTOP_SESSION`, else `KDE_FULL_SESSION` /
//!   `GNOME_DESKTOP_SESSION_ID`. Any other desktop (XFCE, LXQt, MATE, none) has no system proxy of
//!   its own: none is in force (`no_desktop_setting`) and programs follow the `*_PROXY`
//!   variables.

use std::ffi::OsString;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::gnome;
use super::kde;
use super::model::{ProxySource, SourceReading, SystemProxy};

/// How long reading the sources may take in all (they are read at the same time; `gsettings`
/// has its own two-second limit inside this one).
pub const SOURCES_TIMEOUT: Duration = Duration::from_secs(3);

/// The desktops whose proxy setting a browser follows on Linux.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desktop {
    Gnome,
    Kde,
}

/// The desktop the variables describe (see the module docs), `None` for one without a proxy
/// setting of its own.
pub fn desktop_from_env(env: &dyn Fn(&str) -> Option<String>) -> Option<Desktop> {
    let known = |name: &str| -> Option<Desktop> {
        match name.trim().to_ascii_lowercase().as_str() {
            "kde" => Some(Desktop::Kde),
            "gnome" | "unity" | "x-cinnamon" | "cinnamon" | "pantheon" | "deepin" | "ukui" | "budgie" => {
                Some(Desktop::Gnome)
            }
            _ => None,
        }
    };
    if let Some(d) = env("XDG_CURRENT_DESKTOP").and_then(|list| list.split(':').find_map(known)) {
        return Some(d);
    }
    if let Some(session) = env("DESKTOP_SESSION").map(|s| s.to_ascii_lowercase()) {
        if session.contains("kde") || session.contains("plasma") {
            return Some(Desktop::Kde);
        }
        let gnome_like = [
            "gnome", "ubuntu", "unity", "cinnamon", "pantheon", "deepin", "budgie",
        ];
        if gnome_like.iter().any(|g| session.contains(g)) {
            return Some(Desktop::Gnome);
        }
    }
    if env("KDE_FULL_SESSION").is_some() {
        return Some(Desktop::Kde);
    }
    env("GNOME_DESKTOP_SESSION_ID").map(|_| Desktop::Gnome)
}

/// The value of variable `name` in `vars`, when it is valid UTF-8.
fn variable(vars: &[(OsString, OsString)], name: &str) -> Option<String> {
    vars.iter()
        .rev()
        .find(|(k, _)| k.as_os_str() == name)
        .and_then(|(_, v)| v.to_str().map(str::to_string))
}

/// Starts `read` on its own thread.
fn start<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> mpsc::Receiver<T> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(read());
    });
    receiver
}

/// The source a started reading gave by `deadline`, else a source of `origin` that timed out (the
/// thread is left to end on its own).
fn finish(receiver: &mpsc::Receiver<ProxySource>, deadline: Instant, origin: &str) -> ProxySource {
    let left = deadline.saturating_duration_since(Instant::now());
    receiver.recv_timeout(left).unwrap_or_else(|_| ProxySource {
        origin: origin.to_string(),
        reading: SourceReading::Unreadable("timed_out".to_string()),
    })
}

/// Reads the GNOME and KDE settings of the user that `vars` describes (the process environment
/// in production; `HOME`, `XDG_*`, `PATH`, `DBUS_SESSION_BUS_ADDRESS` and the desktop variables
/// matter), both at once, and chooses the one in force by desktop. Sources: GNOME first, then
/// KDE.
pub fn read_desktop_proxy(vars: Vec<(OsString, OsString)>) -> SystemProxy {
    let deadline = Instant::now() + SOURCES_TIMEOUT;
    let desktop = desktop_from_env(&|name| variable(&vars, name));
    let Some(desktop) = desktop else {
        // Without a desktop session no desktop setting is in force (browsers then follow the
        // proxy variables), so none is read: a server or a CI runner spends nothing on it.
        return SystemProxy {
            sources: vec![],
            in_force: None,
            in_force_reason: "no_desktop_setting".to_string(),
        };
    };
    let gnome_vars = vars.clone();
    let gnome = start(move || gnome::read(&gnome_vars));
    let kde = start(move || kde::read(&|name| variable(&vars, name)));
    let sources = vec![
        finish(&gnome, deadline, gnome::ORIGIN),
        finish(&kde, deadline, "~/.config/kioslaverc"),
    ];
    let (in_force, reason) = match desktop {
        Desktop::Gnome => (Some(0), "desktop_gnome"),
        Desktop::Kde => (Some(1), "desktop_kde"),
    };
    SystemProxy {
        sources,
        in_force,
        in_force_reason: reason.to_string(),
    }
}

/// Every system proxy source of this computer, read within [`SOURCES_TIMEOUT`], and the one in
/// force.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn read_system_proxy() -> SystemProxy {
    read_desktop_proxy(std::env::vars_os().collect())
}

/// Every system proxy source of this computer, read within [`SOURCES_TIMEOUT`], and the one in
/// force.
#[cfg(target_os = "macos")]
pub fn read_system_proxy() -> SystemProxy {
    use super::macos;
    let deadline = Instant::now() + SOURCES_TIMEOUT;
    let source = finish(&start(macos::read), deadline, macos::ORIGIN);
    SystemProxy {
        sources: vec![source],
        in_force: Some(0),
        in_force_reason: "only_source".to_string(),
    }
}

/// Every system proxy source of this computer, read within [`SOURCES_TIMEOUT`], and the one in
/// force.
#[cfg(windows)]
pub fn read_system_proxy() -> SystemProxy {
    use super::windows;
    let deadline = Instant::now() + SOURCES_TIMEOUT;
    let left = deadline.saturating_duration_since(Instant::now());
    match start(windows::read).recv_timeout(left) {
        Ok((sources, machine_wide)) => SystemProxy {
            in_force: Some(if machine_wide {
                sources.len().saturating_sub(1)
            } else {
                0
            }),
            in_force_reason: if machine_wide {
                "policy_per_machine"
            } else {
                "per_user"
            }
            .to_string(),
            sources,
        },
        Err(_) => SystemProxy {
            sources: vec![ProxySource {
                origin: windows::USER_ORIGIN.to_string(),
                reading: SourceReading::Unreadable("timed_out".to_string()),
            }],
            in_force: Some(0),
            in_force_reason: "per_user".to_string(),
        },
    }
}

/// Elsewhere there is no system proxy setting to read.
#[cfg(not(any(unix, windows)))]
pub fn read_system_proxy() -> SystemProxy {
    SystemProxy {
        sources: Vec::new(),
        in_force: None,
        in_force_reason: "no_desktop_setting".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desktop(vars: &[(&str, &str)]) -> Option<Desktop> {
        desktop_from_env(&|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn the_desktop_decides_which_source_is_in_force() {
        assert_eq!(
            desktop(&[("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")]),
            Some(Desktop::Gnome)
        );
        assert_eq!(desktop(&[("XDG_CURRENT_DESKTOP", "KDE")]), Some(Desktop::Kde));
        assert_eq!(
            desktop(&[("XDG_CURRENT_DESKTOP", "X-Cinnamon")]),
            Some(Desktop::Gnome)
        );
        assert_eq!(
            desktop(&[("XDG_CURRENT_DESKTOP", "Budgie:GNOME")]),
            Some(Desktop::Gnome)
        );
        assert_eq!(desktop(&[("XDG_CURRENT_DESKTOP", "XFCE")]), None);
        assert_eq!(desktop(&[("XDG_CURRENT_DESKTOP", "MATE")]), None);
        assert_eq!(
            desktop(&[("XDG_CURRENT_DESKTOP", "XFCE"), ("DESKTOP_SESSION", "plasma")]),
            Some(Desktop::Kde)
        );
        assert_eq!(
            desktop(&[("DESKTOP_SESSION", "gnome-xorg")]),
            Some(Desktop::Gnome)
        );
        assert_eq!(desktop(&[("KDE_FULL_SESSION", "true")]), Some(Desktop::Kde));
        assert_eq!(
            desktop(&[("GNOME_DESKTOP_SESSION_ID", "this-is-deprecated")]),
            Some(Desktop::Gnome)
        );
        assert_eq!(desktop(&[]), None);
    }

    #[cfg(unix)]
    fn home(dir: &std::path::Path, desktop: &str) -> Vec<(OsString, OsString)> {
        vec![
            ("HOME".into(), dir.into()),
            ("XDG_CONFIG_HOME".into(), dir.join("config").into()),
            ("XDG_CURRENT_DESKTOP".into(), desktop.into()),
            ("PATH".into(), std::env::var_os("PATH").unwrap_or_default()),
        ]
    }

    #[cfg(unix)]
    #[test]
    fn both_desktops_are_read_and_the_desktop_picks_one() {
        use super::super::model::{SystemProxyChoice, SystemProxyMode};
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(
            dir.path().join("config/kioslaverc"),
            "[Proxy Settings]\nProxyType=1\nhttpsProxy=http://192.0.2.50 3128\n",
        )
        .unwrap();
        let started = Instant::now();
        let kde = read_desktop_proxy(home(dir.path(), "KDE"));
        assert!(started.elapsed() < SOURCES_TIMEOUT + Duration::from_secs(1));
        assert_eq!(
            (kde.in_force, kde.in_force_reason.as_str()),
            (Some(1), "desktop_kde")
        );
        assert_eq!(kde.sources[0].origin, gnome::ORIGIN);
        assert_eq!(kde.sources[1].origin, "~/config/kioslaverc");
        let url = url::Url::parse("https://chatgpt.com/").unwrap();
        match kde.choice_for(&url) {
            SystemProxyChoice::Proxy(p) => {
                assert_eq!(p.display(), "http://192.0.2.50:3128");
                assert_eq!(p.source, "~/config/kioslaverc");
            }
            other => panic!("{other:?}"),
        }
        let gnome = read_desktop_proxy(home(dir.path(), "GNOME"));
        assert_eq!(gnome.in_force, Some(0));
        // GNOME's own source says direct (the default) or is absent without gsettings.
        let direct = match &gnome.sources[0].reading {
            SourceReading::Absent => true,
            SourceReading::Read(s) => s.mode == SystemProxyMode::Direct,
            SourceReading::Unreadable(_) => false,
        };
        assert!(direct, "{:?}", gnome.sources[0]);
        assert_eq!(gnome.choice_for(&url), SystemProxyChoice::Direct);
        let none = read_desktop_proxy(home(dir.path(), "XFCE"));
        assert_eq!(
            (none.in_force, none.choice_for(&url)),
            (None, SystemProxyChoice::Direct)
        );
    }
}
