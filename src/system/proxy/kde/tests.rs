use std::collections::BTreeMap;
use std::time::Duration;

use url::Url;

use super::*;
use crate::system::proxy::command::run_bounded;
use crate::system::proxy::model::SystemProxyChoice;
use std::fs;

const ORIGIN: &str = "~/.config/kioslaverc";

fn no_env(_: &str) -> Option<String> {
    None
}

fn choice(s: &SystemProxySetting, u: &str) -> String {
    match s.choice_for(&Url::parse(u).unwrap()) {
        SystemProxyChoice::Proxy(p) => p.display(),
        other => format!("{other:?}"),
    }
}

/// What the KDE Plasma 5 proxy page writes.
const MANUAL: &str = "\
[Cache]
CacheEnabled=true

[Proxy Settings]
AuthMode=0
NoProxyFor=localhost,127.0.0.1,.corp.test,<local>
Proxy Config Script=
ProxyType=1
ReversedException=false
ftpProxy=
httpProxy=http://192.0.2.20 3128
httpsProxy=http://user:pw@proxy.corp.test 8443
socksProxy=socks://[2001:db8::6] 1080
";

#[test]
fn a_manual_setting_as_plasma_writes_it() {
    let s = parse_kioslaverc(MANUAL, &no_env, ORIGIN);
    assert_eq!(s.mode, SystemProxyMode::Manual);
    assert_eq!(choice(&s, "https://chatgpt.com/"), "http://proxy.corp.test:8443");
    assert_eq!(choice(&s, "http://chatgpt.com/"), "http://192.0.2.20:3128");
    assert_eq!(
        s.socks.as_ref().map(ToString::to_string).as_deref(),
        Some("[2001:db8::6]:1080")
    );
    assert_eq!(s.exceptions, ["localhost", "127.0.0.1", ".corp.test"]);
    assert!(s.bypass_simple_names && s.credentials_configured && !s.reversed_exceptions);
    assert!(!format!("{s:?}").contains("pw"), "credentials are dropped");
    assert!(choice(&s, "https://a.corp.test/").contains("Bypassed"));
    assert!(choice(&s, "https://intranet/").contains("<local>"));
    assert!(s.ignored.is_empty(), "{:?}", s.ignored);
}

#[test]
fn every_proxy_type() {
    let with = |body: &str| parse_kioslaverc(&format!("[Proxy Settings]\n{body}\n"), &no_env, ORIGIN);
    assert_eq!(
        with("ProxyType=0\nhttpProxy=h.test 1").mode,
        SystemProxyMode::Direct
    );
    assert_eq!(with("").mode, SystemProxyMode::Direct);
    let pac = with("ProxyType=2\nProxy Config Script=http://wpad.corp.test/p.pac");
    assert_eq!(
        (pac.mode, pac.pac_url.as_deref()),
        (SystemProxyMode::Pac, Some("http://wpad.corp.test/p.pac"))
    );
    let wpad = with("ProxyType=3");
    assert_eq!((wpad.mode, wpad.auto_detect), (SystemProxyMode::AutoDetect, true));
    let bad = with("ProxyType=9");
    assert_eq!(
        (bad.mode, bad.ignored.clone()),
        (SystemProxyMode::Direct, vec!["ProxyType".into()])
    );
    let no_script = with("ProxyType=2");
    assert_eq!(no_script.ignored, ["Proxy Config Script"]);
    let reversed =
        with("ProxyType=1\nhttpsProxy=h.test:8080\nNoProxyFor=.openai.test\nReversedException=true");
    assert!(reversed.reversed_exceptions);
    assert_eq!(
        choice(&reversed, "https://api.openai.test/"),
        "http://h.test:8080"
    );
    assert_eq!(choice(&reversed, "https://other.test/"), "Direct");
    let socks_only = with("ProxyType=1\nsocksProxy=k.test");
    assert_eq!(
        choice(&socks_only, "https://chatgpt.com/"),
        "socks5h://k.test:1080"
    );
}

#[test]
fn the_environment_mode_reads_the_named_variables() {
    let vars: BTreeMap<&str, &str> = [
        ("HTTPS_PROXY", "http://192.0.2.30:3128"),
        ("NO_PROXY", "localhost,.corp.test"),
    ]
    .into();
    let env = |k: &str| vars.get(k).map(ToString::to_string);
    let text = "[Proxy Settings]\nProxyType=4\nhttpsProxy=HTTPS_PROXY\nhttpProxy=HTTP_PROXY\n\
                NoProxyFor=NO_PROXY\nsocksProxy=A=B\nReversedException=true\n";
    let s = parse_kioslaverc(text, &env, ORIGIN);
    assert_eq!(s.mode, SystemProxyMode::Manual);
    assert_eq!(choice(&s, "https://chatgpt.com/"), "http://192.0.2.30:3128");
    assert_eq!(s.http, None);
    assert_eq!(s.exceptions, ["localhost", ".corp.test"]);
    assert!(!s.reversed_exceptions, "KIO reverses only manual exceptions");
}

#[test]
fn kconfig_syntax_and_hostile_values() {
    let text = "# comment\n[Other]\nProxyType=1\n[Proxy Settings][$i]\n  ProxyType = 1 \n\
                httpsProxy[$e]=h.test\\s8080\nhttpsProxy[de]=ignored.test 1\nhttpProxy=bad host here\n\
                socksProxy=https://k.test 1\nNoProxyFor=a.test\\x2cb.test\nweird line\n=\n\
                [Proxy Settings]\nhttpProxy=http://ok.test:81\n";
    let s = parse_kioslaverc(text, &no_env, ORIGIN);
    assert_eq!(
        s.https.as_ref().map(ToString::to_string).as_deref(),
        Some("h.test:8080")
    );
    assert_eq!(
        s.http.as_ref().map(ToString::to_string).as_deref(),
        Some("ok.test:81"),
        "last wins"
    );
    assert_eq!(s.ignored, ["socksProxy"]);
    assert_eq!(s.exceptions, ["a.test", "b.test"]);
    let hostile = format!(
        "[Proxy Settings]\nProxyType=1\nhttpsProxy={}\nNoProxyFor={}\n\\\n",
        "a".repeat(100_000),
        "x,".repeat(5000)
    );
    let s = parse_kioslaverc(&hostile, &no_env, ORIGIN);
    assert_eq!(s.ignored, ["httpsProxy", "NoProxyFor"]);
    let lossy = String::from_utf8_lossy(b"[Proxy Settings]\nProxyType=1\nhttpsProxy=h\xff.test 1\n");
    assert_eq!(parse_kioslaverc(&lossy, &no_env, ORIGIN).ignored, ["httpsProxy"]);
    assert_eq!(unescape("a\\"), "a");
    assert_eq!(unescape("\\x4"), "");
    assert_eq!(unescape("\\xff"), "");
}

#[test]
fn the_path_and_how_it_is_shown() {
    let env = |k: &str| match k {
        "HOME" => Some("/home/u".to_string()),
        "XDG_CONFIG_HOME" => Some("relative/dir".to_string()),
        _ => None,
    };
    let path = config_path(&env).unwrap();
    assert_eq!(
        path,
        Path::new("/home/u/.config/kioslaverc"),
        "a relative XDG_CONFIG_HOME is ignored"
    );
    assert_eq!(display_path(&path, Some("/home/u")), "~/.config/kioslaverc");
    assert_eq!(display_path(Path::new("/etc/k"), Some("/home/u")), "/etc/k");
    let xdg = |k: &str| (k == "XDG_CONFIG_HOME").then(|| "/cfg".to_string());
    assert_eq!(config_path(&xdg).unwrap(), Path::new("/cfg/kioslaverc"));
    assert_eq!(config_path(&no_env), None);
    assert_eq!(read(&no_env).reading, SourceReading::Absent);
}

fn env_of(dir: &Path) -> impl Fn(&str) -> Option<String> + use<> {
    let home = dir.to_string_lossy().into_owned();
    let config = dir.join("config").to_string_lossy().into_owned();
    move |k: &str| match k {
        "HOME" => Some(home.clone()),
        "XDG_CONFIG_HOME" => Some(config.clone()),
        _ => None,
    }
}

#[test]
fn files_that_are_missing_huge_or_not_regular() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_of(dir.path());
    let source = read(&env);
    assert_eq!(
        (source.origin.as_str(), &source.reading),
        ("~/config/kioslaverc", &SourceReading::Absent)
    );
    let config = dir.path().join("config");
    fs::create_dir_all(config.join("kioslaverc")).unwrap();
    assert_eq!(
        read(&env).reading,
        SourceReading::Unreadable("not_a_regular_file".into())
    );
    fs::remove_dir(config.join("kioslaverc")).unwrap();
    let mut huge = b"[Proxy Settings]\nProxyType=1\n".to_vec();
    huge.resize(10 * 1024 * 1024, b'#');
    fs::write(config.join("kioslaverc"), &huge).unwrap();
    assert_eq!(
        read(&env).reading,
        SourceReading::Unreadable("file_too_large".into())
    );
    fs::write(config.join("kioslaverc"), MANUAL).unwrap();
    assert!(matches!(read(&env).reading, SourceReading::Read(ref s) if s.mode == SystemProxyMode::Manual));
    fs::write(
        config.join("kioslaverc"),
        b"\xff\xfe\x00\n[Proxy Settings]\nProxyType=3\n",
    )
    .unwrap();
    assert!(matches!(read(&env).reading, SourceReading::Read(ref s) if s.auto_detect));
    #[cfg(unix)]
    {
        fs::remove_file(config.join("kioslaverc")).unwrap();
        let made = run_bounded(
            "mkfifo",
            &[&config.join("kioslaverc").to_string_lossy()],
            &[("PATH".into(), "/usr/bin:/bin".into())],
            Duration::from_secs(5),
            1024,
        );
        if made.is_ok_and(|r| r.success) {
            assert_eq!(
                read(&env).reading,
                SourceReading::Unreadable("not_a_regular_file".into())
            );
        }
    }
}

#[test]
fn reads_back_what_kwriteconfig5_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_of(dir.path());
    let vars = vec![
        ("HOME".into(), dir.path().into()),
        ("XDG_CONFIG_HOME".into(), dir.path().join("config").into()),
        ("PATH".into(), std::env::var_os("PATH").unwrap_or_default()),
    ];
    let write = |key: &str, value: &str| {
        let args = [
            "--file",
            "kioslaverc",
            "--group",
            "Proxy Settings",
            "--key",
            key,
            value,
        ];
        run_bounded("kwriteconfig5", &args, &vars, Duration::from_secs(20), 64 * 1024)
    };
    match write("ProxyType", "1") {
        Err(_) => {
            assert!(std::env::var_os("CI").is_none(), "kwriteconfig5 is missing in CI");
            eprintln!("skipped: kwriteconfig5 is not installed (Debian: libkf5config-bin)");
            return;
        }
        Ok(r) => assert!(r.success, "{}", String::from_utf8_lossy(&r.stderr)),
    }
    for (key, value) in [
        ("httpsProxy", "http://192.0.2.40 8080"),
        ("NoProxyFor", "localhost, .corp.test"),
        ("socksProxy", "socks://198.51.100.4 1080"),
    ] {
        assert!(write(key, value).is_ok_and(|r| r.success), "{key}");
    }
    let SourceReading::Read(s) = read(&env).reading else {
        panic!("not read");
    };
    assert_eq!(choice(&s, "https://chatgpt.com/"), "http://192.0.2.40:8080");
    assert_eq!(choice(&s, "http://chatgpt.com/"), "socks5h://198.51.100.4:1080");
    assert_eq!(s.exceptions, ["localhost", ".corp.test"]);
}
