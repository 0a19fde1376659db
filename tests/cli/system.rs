//! The way browsers and the desktop app take, read from the desktop's own settings: GNOME's proxy
//! settings written with `gsettings` (through dconf, as the desktop writes them) in a home of the
//! test's own, a PAC file they name evaluated for real, and what the verdict says of each.

use std::path::Path;
use std::process::Command as StdCommand;

use crate::support::World;

/// The environment of a GNOME session whose settings live under `home`.
fn gnome_env(home: &Path) -> Vec<(String, String)> {
    let run = home.join("run");
    std::fs::create_dir_all(&run).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    vec![
        ("HOME".into(), home.display().to_string()),
        (
            "XDG_CONFIG_HOME".into(),
            home.join(".config").display().to_string(),
        ),
        ("XDG_CACHE_HOME".into(), home.join(".cache").display().to_string()),
        ("XDG_RUNTIME_DIR".into(), run.display().to_string()),
        ("XDG_CURRENT_DESKTOP".into(), "GNOME".into()),
    ]
}

/// Writes GNOME proxy settings as the desktop does (dconf through its D-Bus service). `false`
/// when `gsettings` is not installed (the CI installs it).
fn gsettings_set(env: &[(String, String)], settings: &[(&str, &str, &str)]) -> bool {
    if StdCommand::new("gsettings").arg("--version").output().is_err() {
        eprintln!(
            "skipped: gsettings is not installed (Debian: libglib2.0-bin gsettings-desktop-schemas dconf-gsettings-backend dbus)"
        );
        return false;
    }
    let script: Vec<String> = settings
        .iter()
        .map(|(schema, key, value)| format!("gsettings set {schema} {key} \"{value}\" || exit 1"))
        .collect();
    let out = StdCommand::new("dbus-run-session")
        .args(["--", "sh", "-c", &script.join("\n")])
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .expect("dbus-run-session (Debian package dbus) runs");
    assert!(
        out.status.success(),
        "gsettings set: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

fn finding_causes(json: &serde_json::Value) -> Vec<String> {
    json["layers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["findings"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f["cause"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_system_proxy_the_check_did_not_take_is_named_in_a_warning() {
    let w = World::start();
    let home = w.dir().join("home-manual");
    let env = gnome_env(&home);
    if !gsettings_set(
        &env,
        &[
            ("org.gnome.system.proxy", "mode", "'manual'"),
            ("org.gnome.system.proxy.https", "host", "'192.0.2.80'"),
            ("org.gnome.system.proxy.https", "port", "3128"),
        ],
    ) {
        return;
    }
    let mut cmd = w.command(["--json"]);
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let o = crate::support::run_json_cmd(cmd, Vec::<String>::new());
    assert_eq!(o.cause(), Some("healthy"), "{}", o.stdout);
    let view = &o.json["system_view"];
    assert_eq!(view["proxy_in_force"], "gsettings org.gnome.system.proxy");
    assert_eq!(view["proxy_in_force_reason"], "desktop_gnome");
    let chatgpt = view["browser_routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == "https://chatgpt.com/")
        .expect("chatgpt.com's way");
    assert_eq!(chatgpt["way"], "proxy");
    assert_eq!(chatgpt["proxy"], "192.0.2.80:3128");
    assert_eq!(chatgpt["this_check"], "direct");
    assert_eq!(chatgpt["differs"], true);
    assert!(finding_causes(&o.json).contains(&"browser_route_differs".to_string()));
    let warning = o.json["verdict"]["warnings"].to_string();
    assert!(warning.contains("192.0.2.80:3128"), "{warning}");
}

#[test]
fn a_pac_file_that_throws_leaves_browsers_without_a_proxy_and_is_proxy_misconfigured() {
    let w = World::start();
    let home = w.dir().join("home-pac-throws");
    let pac = w.dir().join("throws.pac");
    std::fs::write(
        &pac,
        "function FindProxyForURL(url, host) { throw new Error('no rule for ' + host); }\n",
    )
    .unwrap();
    let env = gnome_env(&home);
    let url = format!("'file://{}'", pac.display());
    if !gsettings_set(
        &env,
        &[
            ("org.gnome.system.proxy", "mode", "'auto'"),
            ("org.gnome.system.proxy", "autoconfig-url", &url),
        ],
    ) {
        return;
    }
    let mut cmd = w.command(["--json"]);
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let o = crate::support::run_json_cmd(cmd, Vec::<String>::new());
    assert_eq!(o.layer(), Some("machine"), "{}", o.stdout);
    assert_eq!(o.cause(), Some("proxy_misconfigured"));
    assert_eq!(o.code, 3);
    let pac_report = &o.json["system_view"]["pac"];
    assert_eq!(pac_report["status"], "failed");
    assert_eq!(pac_report["failure"], "pac_threw");
    let evidence = o.json["verdict"]["evidence"].to_string();
    assert!(evidence.contains("no rule for"), "{evidence}");
}

#[test]
fn a_pac_file_that_sends_openai_to_a_proxy_is_evaluated_per_url() {
    let w = World::start();
    let home = w.dir().join("home-pac");
    let pac = w.dir().join("openai.pac");
    std::fs::write(
        &pac,
        r#"function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, "openai.com") || host == "chatgpt.com" || shExpMatch(host, "*.chatgpt.com"))
    return "PROXY 192.0.2.81:8080; DIRECT";
  return "DIRECT";
}
"#,
    )
    .unwrap();
    let env = gnome_env(&home);
    let url = format!("'file://{}'", pac.display());
    if !gsettings_set(
        &env,
        &[
            ("org.gnome.system.proxy", "mode", "'auto'"),
            ("org.gnome.system.proxy", "autoconfig-url", &url),
        ],
    ) {
        return;
    }
    let mut cmd = w.command(["--json"]);
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let o = crate::support::run_json_cmd(cmd, Vec::<String>::new());
    let view = &o.json["system_view"];
    assert_eq!(view["pac"]["status"], "ok", "{}", view);
    let routes = view["browser_routes"].as_array().unwrap();
    let way = |u: &str| routes.iter().find(|r| r["url"] == u).map(|r| r["way"].clone());
    assert_eq!(way("https://chatgpt.com/"), Some("proxy".into()));
    assert_eq!(way("https://api.openai.com/v1/models"), Some("proxy".into()));
    assert_eq!(way("https://control.test/"), Some("direct".into()));
    let answers = view["pac"]["answers"].to_string();
    assert!(answers.contains("PROXY 192.0.2.81:8080; DIRECT"), "{answers}");
    assert!(finding_causes(&o.json).contains(&"browser_route_differs".to_string()));
}
