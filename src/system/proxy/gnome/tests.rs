use std::path::Path;

use url::Url;

use super::*;
use crate::system::proxy::model::SystemProxyChoice;

/// What `gsettings list-recursively org.gnome.system.proxy` prints (GLib 2.74).
const LISTING: &str = "\
org.gnome.system.proxy autoconfig-url ''
org.gnome.system.proxy ignore-hosts ['localhost', '127.0.0.0/8', '::1', \".corp.test\", \"it's.test\"]
org.gnome.system.proxy mode 'manual'
org.gnome.system.proxy use-same-proxy true
org.gnome.system.proxy.ftp host ''
org.gnome.system.proxy.ftp port 0
org.gnome.system.proxy.http authentication-password 'hunter2'
org.gnome.system.proxy.http authentication-user 'alice'
org.gnome.system.proxy.http enabled false
org.gnome.system.proxy.http host 'h.test'
org.gnome.system.proxy.http port 8080
org.gnome.system.proxy.http use-authentication true
org.gnome.system.proxy.https host ''
org.gnome.system.proxy.https port 0
org.gnome.system.proxy.socks host '2001:db8::5'
org.gnome.system.proxy.socks port uint32 0
";

fn choice(s: &SystemProxySetting, u: &str) -> String {
    match s.choice_for(&Url::parse(u).unwrap()) {
        SystemProxyChoice::Proxy(p) => p.display(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_manual_listing() {
    let s = parse_listing(LISTING, ORIGIN).unwrap();
    assert_eq!(s.mode, SystemProxyMode::Manual);
    assert_eq!(
        s.exceptions,
        ["localhost", "127.0.0.0/8", "::1", ".corp.test", "it's.test"]
    );
    assert!(s.credentials_configured);
    assert_eq!(
        choice(&s, "https://chatgpt.com/"),
        "http://h.test:8080",
        "https falls back to http"
    );
    assert_eq!(
        s.socks.as_ref().map(ToString::to_string).as_deref(),
        Some("[2001:db8::5]:1080")
    );
    assert!(choice(&s, "https://a.corp.test/").contains("Bypassed"));
    assert!(choice(&s, "http://127.0.0.1:8080/").contains("Bypassed"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    assert!(!format!("{s:?}").contains("hunter2") && !format!("{s:?}").contains("alice"));
}

#[test]
fn none_auto_and_wpad() {
    let with = |mode: &str, url: &str| {
        let text = format!(
            "org.gnome.system.proxy mode {mode}\norg.gnome.system.proxy autoconfig-url {url}\n\
             org.gnome.system.proxy.https host 'ignored.test'\norg.gnome.system.proxy.https port 1\n"
        );
        parse_listing(&text, ORIGIN).unwrap()
    };
    let s = with("'none'", "''");
    assert_eq!((s.mode, s.https.is_none()), (SystemProxyMode::Direct, true));
    let s = with("'auto'", "'http://wpad.corp.test/wpad.dat'");
    assert_eq!(s.mode, SystemProxyMode::Pac);
    assert_eq!(s.pac_url.as_deref(), Some("http://wpad.corp.test/wpad.dat"));
    assert!(
        s.https.is_none(),
        "manual proxies are not in force in automatic mode"
    );
    let s = with("'auto'", "''");
    assert_eq!((s.mode, s.auto_detect), (SystemProxyMode::AutoDetect, true));
    let s = with("'auto'", "5");
    assert_eq!(
        (s.mode, s.ignored.clone()),
        (SystemProxyMode::Direct, vec!["autoconfig-url".into()])
    );
    let s = with("'sideways'", "''");
    assert_eq!(
        (s.mode, s.ignored.clone()),
        (SystemProxyMode::Direct, vec!["mode".into()])
    );
}

#[test]
fn hostile_listings() {
    assert!(parse_listing("", ORIGIN).is_none());
    assert!(parse_listing("No such schema\n", ORIGIN).is_none());
    assert!(parse_listing("org.gnome.other mode 'manual'\n", ORIGIN).is_none());
    let text = "org.gnome.system.proxy mode 'manual'\n\
                org.gnome.system.proxy ignore-hosts 'not an array'\n\
                org.gnome.system.proxy.http host 'bad host'\n\
                org.gnome.system.proxy.http port 8080\n\
                org.gnome.system.proxy.https host 's.test'\n\
                org.gnome.system.proxy.https port 70000\n\
                org.gnome.system.proxy.socks host 42\n\
                garbage\n\
                org.gnome.system.proxy.http\n";
    let s = parse_listing(text, ORIGIN).unwrap();
    assert_eq!(
        s.ignored,
        ["ignore-hosts", "http.host", "https.port", "socks.host"]
    );
    assert_eq!(choice(&s, "https://chatgpt.com/"), "Direct");
    let many = format!(
        "org.gnome.system.proxy mode 'none'\norg.gnome.system.proxy ignore-hosts [{}, '{}']\n",
        vec!["'a.test'"; MAX_EXCEPTIONS + 3].join(","),
        "b".repeat(MAX_EXCEPTION_CHARS + 1)
    );
    let s = parse_listing(&many, ORIGIN).unwrap();
    assert_eq!(
        (s.exceptions.len(), s.ignored.clone()),
        (MAX_EXCEPTIONS, vec!["ignore-hosts".into()])
    );
    let invalid_utf8 = String::from_utf8_lossy(b"org.gnome.system.proxy mode '\xff\xfe'\n");
    let s = parse_listing(&invalid_utf8, ORIGIN).unwrap();
    assert_eq!(s.ignored, ["mode"]);
}

#[test]
fn the_child_environment_is_clean() {
    let env: Vec<(OsString, OsString)> = [
        ("HOME", "/home/u"),
        ("PATH", "/usr/bin"),
        ("XDG_CONFIG_HOME", "/home/u/.config"),
        ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1/bus"),
        ("OPENAI_API_KEY", "sk-secret"),
        ("LD_PRELOAD", "/tmp/x.so"),
        ("DISPLAY", ":0"),
        ("LC_ALL", "de_DE.UTF-8"),
    ]
    .into_iter()
    .map(|(k, v)| (k.into(), v.into()))
    .collect();
    let names: Vec<String> = child_environment(&env)
        .iter()
        .map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy()))
        .collect();
    assert_eq!(
        names,
        [
            "HOME=/home/u",
            "PATH=/usr/bin",
            "XDG_CONFIG_HOME=/home/u/.config",
            "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1/bus",
            "LC_ALL=C.UTF-8"
        ]
    );
}

/// A home of its own for the real `gsettings`: the variables that point dconf at it.
fn own_home(dir: &Path) -> Vec<(OsString, OsString)> {
    let run = dir.join("run");
    std::fs::create_dir_all(&run).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    vec![
        ("HOME".into(), dir.into()),
        ("XDG_CONFIG_HOME".into(), dir.join(".config").into()),
        ("XDG_CACHE_HOME".into(), dir.join(".cache").into()),
        ("XDG_RUNTIME_DIR".into(), run.into()),
        ("PATH".into(), std::env::var_os("PATH").unwrap_or_default()),
    ]
}

fn gsettings_installed() -> bool {
    let installed = run_bounded("gsettings", &["--version"], &[], TIMEOUT, 4096).is_ok();
    // CI installs it (scripts/install-test-deps.sh): there, its absence is a failure.
    assert!(
        installed || std::env::var_os("CI").is_none(),
        "gsettings is missing in CI"
    );
    installed
}

/// Writes through `dbus-run-session -- gsettings set …` (dconf writes through its D-Bus service).
fn gsettings_set(env: &[(OsString, OsString)], settings: &[(&str, &str, &str)]) {
    let script: Vec<String> = settings
        .iter()
        .map(|(schema, key, value)| format!("gsettings set {schema} {key} \"{value}\" || exit 1"))
        .collect();
    let ran = run_bounded(
        "dbus-run-session",
        &["--", "sh", "-c", &script.join("\n")],
        env,
        Duration::from_secs(30),
        64 * 1024,
    )
    .expect("dbus-run-session (Debian package dbus) runs");
    assert!(
        ran.success,
        "gsettings set failed: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
}

#[test]
fn reads_back_what_the_real_gsettings_wrote() {
    if !gsettings_installed() {
        eprintln!(
            "skipped: gsettings is not installed (Debian: libglib2.0-bin gsettings-desktop-schemas dconf-gsettings-backend dconf-service dbus)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let env = own_home(dir.path());
    let fresh = read(&env);
    assert_eq!(fresh.origin, ORIGIN);
    match &fresh.reading {
        SourceReading::Read(s) => assert_eq!(s.mode, SystemProxyMode::Direct, "the default is 'none'"),
        other => panic!("{other:?}"),
    }
    gsettings_set(
        &env,
        &[
            (SCHEMA, "mode", "'manual'"),
            ("org.gnome.system.proxy.https", "host", "'192.0.2.10'"),
            ("org.gnome.system.proxy.https", "port", "3128"),
            ("org.gnome.system.proxy.socks", "host", "'2001:db8::5'"),
            ("org.gnome.system.proxy.socks", "port", "1081"),
            ("org.gnome.system.proxy.http", "use-authentication", "true"),
            (
                "org.gnome.system.proxy.http",
                "authentication-password",
                "'hunter2'",
            ),
            (
                SCHEMA,
                "ignore-hosts",
                "['localhost', '.corp.test', 'it\\\\'s.test', '198.51.100.0/24']",
            ),
        ],
    );
    let source = read(&env);
    let SourceReading::Read(s) = &source.reading else {
        panic!("{source:?}");
    };
    assert_eq!(s.mode, SystemProxyMode::Manual);
    assert_eq!(
        s.exceptions,
        ["localhost", ".corp.test", "it's.test", "198.51.100.0/24"]
    );
    assert_eq!(choice(s, "https://chatgpt.com/"), "http://192.0.2.10:3128");
    assert_eq!(choice(s, "http://chatgpt.com/"), "socks5h://[2001:db8::5]:1081");
    assert!(choice(s, "https://198.51.100.7/").contains("198.51.100.0/24"));
    assert!(s.credentials_configured && !format!("{source:?}").contains("hunter2"));
    gsettings_set(
        &env,
        &[
            (SCHEMA, "mode", "'auto'"),
            (SCHEMA, "autoconfig-url", "'http://192.0.2.1/proxy.pac'"),
        ],
    );
    let SourceReading::Read(s) = read(&env).reading else {
        panic!("not read");
    };
    assert_eq!(
        (s.mode, s.pac_url.as_deref()),
        (SystemProxyMode::Pac, Some("http://192.0.2.1/proxy.pac"))
    );
}

#[test]
fn a_missing_schema_is_an_absent_source() {
    if !gsettings_installed() {
        eprintln!("skipped: gsettings is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut env = own_home(dir.path());
    // No schemas anywhere: XDG_DATA_DIRS names only an empty directory.
    env.push(("XDG_DATA_DIRS".into(), dir.path().join("empty").into()));
    env.push(("XDG_DATA_HOME".into(), dir.path().join("empty").into()));
    assert_eq!(read(&env).reading, SourceReading::Absent);
    let no_path = vec![("PATH".into(), dir.path().join("nothing").into())];
    assert_eq!(
        read(&no_path).reading,
        SourceReading::Absent,
        "no gsettings on PATH"
    );
}
