//! The way browsers and the desktop app take, read from the desktop's own settings: GNOME's proxy
//! settings written with `gsettings` (through dconf, as the desktop writes them) in a home of the
//! test's own, a PAC file they name evaluated for real, the browsers' route probed beside the
//! check's own, and what the verdict says of each. Every proxy is a fixture on loopback.

use std::net::TcpListener;
use std::path::Path;
use std::process::Command as StdCommand;

use crate::support::proxy::{ProxyBehaviour, ProxyFixture};
use crate::support::{Outcome, World};

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
        // CI installs it (scripts/install-test-deps.sh): there, its absence is a failure.
        assert!(std::env::var_os("CI").is_none(), "gsettings is missing in CI");
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

/// GNOME set to a manual HTTPS proxy at 127.0.0.1:`port`; `None` without gsettings.
fn manual_proxy(w: &World, name: &str, port: u16) -> Option<Vec<(String, String)>> {
    let env = gnome_env(&w.dir().join(name));
    let port = port.to_string();
    gsettings_set(
        &env,
        &[
            ("org.gnome.system.proxy", "mode", "'manual'"),
            ("org.gnome.system.proxy.https", "host", "'127.0.0.1'"),
            ("org.gnome.system.proxy.https", "port", &port),
        ],
    )
    .then_some(env)
}

/// GNOME set to the PAC file `script`; `None` without gsettings.
fn pac_proxy(w: &World, name: &str, script: &str) -> Option<Vec<(String, String)>> {
    let pac = w.dir().join(format!("{name}.pac"));
    std::fs::write(&pac, script).unwrap();
    let env = gnome_env(&w.dir().join(name));
    let url = format!("'file://{}'", pac.display());
    gsettings_set(
        &env,
        &[
            ("org.gnome.system.proxy", "mode", "'auto'"),
            ("org.gnome.system.proxy", "autoconfig-url", &url),
        ],
    )
    .then_some(env)
}

fn run_in(w: &World, env: &[(String, String)], extra: &[&str]) -> Outcome {
    let mut args = vec!["--json"];
    args.extend_from_slice(extra);
    let mut cmd = w.command(args);
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    crate::support::run_json_cmd(cmd, Vec::<String>::new())
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
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
fn browsers_behind_a_working_system_proxy_and_terminal_tools_going_direct_are_both_healthy() {
    let w = World::start();
    let proxy = ProxyFixture::start(ProxyBehaviour::Tunnel, w.edge.addr());
    let Some(env) = manual_proxy(&w, "home-working", proxy.port()) else {
        return;
    };
    let o = run_in(&w, &env, &[]);
    assert_eq!((o.cause(), o.code), (Some("healthy"), 0), "{}", o.stdout);
    let view = &o.json["system_view"];
    assert_eq!(view["proxy_in_force"], "gsettings org.gnome.system.proxy");
    assert_eq!(view["proxy_in_force_reason"], "desktop_gnome");
    let routes = o.json["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 2, "{routes:#?}");
    assert_eq!(routes[0]["route"], "env");
    assert_eq!(routes[0]["programs"][0], "terminal_tools_and_sdks");
    assert_eq!(routes[1]["route"], "system");
    assert_eq!(routes[1]["programs"][0], "browsers_and_desktop_app");
    assert_eq!(routes[1]["way"], format!("127.0.0.1:{}", proxy.port()));
    assert_eq!(routes[1]["cause"], "healthy");
    assert!(
        proxy.connects("chatgpt.com") >= 1,
        "the browsers' route went through the system proxy"
    );
}

#[test]
fn a_system_proxy_that_does_not_answer_breaks_the_browsers_while_terminal_tools_work() {
    let w = World::start();
    let Some(env) = manual_proxy(&w, "home-dead", closed_port()) else {
        return;
    };
    let o = run_in(&w, &env, &[]);
    assert_eq!(
        (o.layer(), o.cause(), o.code),
        (Some("machine"), Some("proxy_unreachable"), 3),
        "{}",
        o.stdout
    );
    let summary = o.json["verdict"]["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("Browsers and the desktop app fail"),
        "{summary}"
    );
    assert!(summary.contains("terminal tools and SDKs work"), "{summary}");
    let routes = o.json["routes"].as_array().unwrap();
    assert_eq!(routes[0]["cause"], "healthy");
    assert_eq!(routes[1]["cause"], "proxy_unreachable");
    assert!(!routes[1]["targets"].as_array().unwrap().is_empty());
}

#[test]
fn pinned_to_its_own_route_the_check_names_the_browsers_way_in_a_warning() {
    let w = World::start();
    let Some(env) = manual_proxy(&w, "home-pinned", closed_port()) else {
        return;
    };
    let o = run_in(&w, &env, &["--route", "env"]);
    assert_eq!((o.cause(), o.code), (Some("healthy"), 0), "{}", o.stdout);
    assert_eq!(o.json["routes"].as_array().unwrap().len(), 1);
    let chatgpt = o.json["system_view"]["browser_routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == "https://chatgpt.com/")
        .cloned()
        .expect("chatgpt.com's way");
    assert_eq!(chatgpt["way"], "proxy");
    assert_eq!(chatgpt["this_check"], "direct");
    assert_eq!(chatgpt["differs"], true);
    assert!(finding_causes(&o.json).contains(&"browser_route_differs".to_string()));
}

#[test]
fn a_pac_file_that_throws_leaves_browsers_without_a_proxy_and_is_proxy_misconfigured() {
    let w = World::start();
    let script = "function FindProxyForURL(url, host) { throw new Error('no rule for ' + host); }\n";
    let Some(env) = pac_proxy(&w, "home-throws", script) else {
        return;
    };
    let o = run_in(&w, &env, &[]);
    assert_eq!(
        (o.layer(), o.cause(), o.code),
        (Some("machine"), Some("proxy_misconfigured"), 3),
        "{}",
        o.stdout
    );
    let pac_report = &o.json["system_view"]["pac"];
    assert_eq!(pac_report["status"], "failed");
    assert_eq!(pac_report["failure"], "pac_threw");
    let evidence = o.json["verdict"]["evidence"].to_string();
    assert!(evidence.contains("no rule for"), "{evidence}");
}

#[test]
fn a_pac_file_that_sends_openai_to_a_proxy_is_evaluated_per_url_and_its_route_probed() {
    let w = World::start();
    let proxy = ProxyFixture::start(ProxyBehaviour::Tunnel, w.edge.addr());
    let script = format!(
        r#"function FindProxyForURL(url, host) {{
  if (dnsDomainIs(host, "openai.com") || host == "chatgpt.com" || shExpMatch(host, "*.chatgpt.com"))
    return "PROXY 127.0.0.1:{}; DIRECT";
  return "DIRECT";
}}
"#,
        proxy.port()
    );
    let Some(env) = pac_proxy(&w, "home-pac", &script) else {
        return;
    };
    let o = run_in(&w, &env, &[]);
    assert_eq!(o.cause(), Some("healthy"), "{}", o.stdout);
    let view = &o.json["system_view"];
    assert_eq!(view["pac"]["status"], "ok", "{view}");
    let ways = view["browser_routes"].as_array().unwrap();
    let way = |u: &str| ways.iter().find(|r| r["url"] == u).map(|r| r["way"].clone());
    assert_eq!(way("https://chatgpt.com/"), Some("proxy".into()));
    assert_eq!(way("https://api.openai.com/v1/models"), Some("proxy".into()));
    assert_eq!(way("https://control.test/"), Some("direct".into()));
    assert!(
        view["pac"]["answers"]
            .to_string()
            .contains(&format!("PROXY 127.0.0.1:{}; DIRECT", proxy.port()))
    );
    let routes = o.json["routes"].as_array().unwrap();
    assert_eq!(routes[1]["route"], "system");
    assert!(routes[1]["source"].as_str().unwrap().starts_with("PAC "));
    assert!(
        proxy.connects("api.openai.com") >= 1,
        "the browsers' route followed the PAC file"
    );
    assert_eq!(
        proxy.connects("control.test"),
        0,
        "the PAC file sends the control direct"
    );
}

#[test]
fn the_human_view_lists_each_route_with_its_programs_and_verdict() {
    let w = World::start();
    let Some(env) = manual_proxy(&w, "home-human", closed_port()) else {
        return;
    };
    let mut cmd = w.command(["--color", "never"]);
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert!(text.contains("Routes of your programs:"), "{text}");
    assert!(
        text.contains("✓ terminal tools and SDKs (direct, from *_PROXY)"),
        "{text}"
    );
    assert!(
        text.contains("✗ browsers and the desktop app (through 127.0.0.1:"),
        "{text}"
    );
    eprintln!("{text}");
}
