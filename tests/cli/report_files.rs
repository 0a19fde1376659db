//! What `report` leaves on disk: files only the user can read, no directory made from a typo, and
//! with `--anonymize` no home directory or user name.

use crate::support::World;
use crate::support::run::run_cmd;

#[test]
fn report_into_a_missing_directory_is_refused_naming_it() {
    let w = World::start();
    let missing = w.dir().join("no").join("such");
    let target = missing.join("x.md");
    let o = w.run(["report", "-o", target.to_str().unwrap()]);
    assert_eq!(
        o.code,
        2,
        "a path that cannot be written is a usage error\n{}",
        o.dump()
    );
    assert!(o.stderr.contains(&missing.display().to_string()), "{}", o.dump());
    assert!(!w.dir().join("no").exists(), "no directory is created");
}

#[cfg(unix)]
#[test]
fn report_files_are_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let w = World::start();
    let md = w.dir().join("r.md");
    // A file already there with a loose mode is tightened.
    std::fs::write(&md, "old").unwrap();
    std::fs::set_permissions(&md, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = w.run(["report", "-o", md.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.dump());
    for file in [md.clone(), md.with_extension("json")] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", file.display());
    }
}

#[test]
fn anonymize_replaces_the_home_directory_and_the_user_name() {
    const USER: &str = "plantalice";
    let w = World::start();
    let home = w.dir().join(USER);
    std::fs::create_dir_all(&home).unwrap();
    // The trust file sits in the home directory: its path reaches the report.
    let ca = home.join("corp-ca.pem");
    std::fs::copy(w.ca_path(), &ca).unwrap();
    let md = w.dir().join("r.md");
    let mut cmd = w.command([
        "report",
        "-o",
        md.to_str().unwrap(),
        "--cacert",
        ca.to_str().unwrap(),
        "--anonymize",
    ]);
    cmd.env("HOME", &home).env("USER", USER).env("LOGNAME", USER);
    let o = run_cmd(&mut cmd);
    assert_eq!(o.code, 0, "{}", o.dump());
    let both =
        std::fs::read_to_string(&md).unwrap() + &std::fs::read_to_string(md.with_extension("json")).unwrap();
    assert!(both.contains("~/corp-ca.pem"), "the path stays, under ~\n{both}");
    assert!(!both.contains(USER), "the user name is gone\n{both}");
}
