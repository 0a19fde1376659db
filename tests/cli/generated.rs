//! Committed generated files must match what the binary generates: a stale completion script or
//! schema fails here. Regenerate with the commands in README "Testing".

use crate::support::run;

fn committed(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

#[test]
fn committed_completions_match_the_binary() {
    for (shell, file) in [
        ("bash", "completions/chatgpt-doctor.bash"),
        ("zsh", "completions/_chatgpt-doctor"),
        ("fish", "completions/chatgpt-doctor.fish"),
        ("powershell", "completions/_chatgpt-doctor.ps1"),
        ("elvish", "completions/chatgpt-doctor.elv"),
    ] {
        let o = run(["completions", shell]);
        assert_eq!(o.code, 0, "{}", o.dump());
        assert!(o.stdout.contains("chatgpt-doctor"), "{shell}");
        assert!(
            o.stdout == committed(file),
            "{file} is stale: run `cargo run -q -- completions {shell} > {file}`"
        );
    }
}

#[test]
fn committed_schema_matches_the_binary() {
    let o = run(["schema"]);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout == committed("schema/report.schema.json"),
        "schema/report.schema.json is stale: run `cargo run -q -- schema > schema/report.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&o.stdout).expect("the schema is JSON");
    assert!(jsonschema::validator_for(&schema).is_ok(), "the schema compiles");
    // The contract's cause vocabulary is all in the schema.
    let causes = schema
        .pointer("/$defs/Cause")
        .expect("Cause definition")
        .to_string();
    for c in [
        "healthy",
        "offline",
        "dns_resolver_down",
        "dns_blocked",
        "tcp_blocked",
        "tls_failed",
        "service_errors",
        "inconclusive",
    ] {
        assert!(causes.contains(&format!("\"{c}\"")), "{c}");
    }
}
