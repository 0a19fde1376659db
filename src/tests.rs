//! The shape of the crate, held by a test: which top-level module may import which. The arrows run
//! one way — cli → commands → check → probe / diagnose → report → render — and the shared
//! vocabularies (`i18n`, `input`, `safe_text`, `catalog`, `route`, `probe::observation`, `report::exit`) import nothing
//! above them. A new import against the flow fails here, naming the file and the line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may import (besides itself and `i18n`, whose
/// `tr!`/`msg!` macros every module may use).
const ALLOWED: &[(&str, &[&str])] = &[
    ("i18n", &[]),
    ("input", &[]),
    ("safe_text", &[]),
    ("catalog", &[]),
    ("route", &["input"]),
    ("error", &["report"]),
    ("probe", &["catalog", "input", "route"]),
    ("system", &["catalog", "input", "probe", "route"]),
    ("evidence", &["catalog", "input", "probe"]),
    ("report", &["catalog", "evidence", "probe", "system"]),
    ("diagnose", &["catalog", "evidence", "probe", "report", "system"]),
    ("render", &["catalog", "evidence", "probe", "report"]),
    ("cli", &["catalog", "input", "probe", "render", "report", "route"]),
    (
        "check",
        &[
            "catalog", "cli", "diagnose", "error", "evidence", "input", "probe", "report", "route", "system",
        ],
    ),
    (
        "commands",
        &[
            "catalog", "check", "cli", "error", "evidence", "input", "probe", "render", "report", "route",
            "system",
        ],
    ),
];

/// Files inside a module that are shared vocabulary: they import nothing of the crate but
/// `i18n` and the listed modules.
const LEAVES: &[(&str, &[&str])] = &[
    ("probe/observation.rs", &["catalog", "route"]),
    ("report/exit.rs", &[]),
    ("render/color.rs", &[]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its `#[cfg(test)]` modules (tests may reach
/// anywhere).
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut skipping_tests = false;
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            skipping_tests = true;
        }
        if skipping_tests {
            continue;
        }
        let code = line.split("//").next().unwrap_or("");
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The top-level modules a piece of code names as `crate::NAME`, with the line of each.
fn imports(code: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push((name, n + 1));
        }
        // A grouped import names several: `use crate::{a, b::c}`.
        if let Some(i) = line.find("crate::{") {
            let group = &line[i + "crate::{".len()..];
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                found.push((name, n + 1));
            }
        }
    }
    found
}

/// What every module may import: the words, and the sanitizers of text from outside.
const ANYWHERE: &[&str] = &["i18n", "tr", "msg", "safe_text", ""];

#[test]
fn imports_run_one_way_between_the_top_level_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = BTreeSet::new();
    let mut checked = 0;
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "tests.rs" || rel.ends_with("/tests.rs") || rel == "proptests.rs" || rel == "main.rs" {
            continue;
        }
        let top = rel.split(['/', '.']).next().unwrap_or("").to_string();
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let allowed: Vec<&str> = match LEAVES.iter().find(|(f, _)| *f == rel) {
            Some((_, a)) => a.to_vec(),
            None if top == "lib" => vec!["commands"],
            None => match ALLOWED.iter().find(|(m, _)| *m == top) {
                Some((_, a)) => a.iter().copied().chain([top.as_str()]).collect(),
                None => panic!("src/{rel}: the module `{top}` is not in ALLOWED; say where it sits"),
            },
        };
        let leaf = LEAVES.iter().any(|(f, _)| *f == rel);
        for (name, line) in imports(&code) {
            let own_module = !leaf && name == top;
            if !ANYWHERE.contains(&name.as_str()) && !own_module && !allowed.contains(&name.as_str()) {
                wrong.insert(format!("src/{rel}:{line} imports crate::{name}"));
            }
        }
        checked += 1;
    }
    assert!(checked > 50, "only {checked} files were read");
    assert!(
        wrong.is_empty(),
        "imports against the flow:\n{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_import_reader_sees_plain_and_grouped_paths() {
    let code = "use crate::report::Report;\nuse crate::{cli, probe::Family};\nlet x = crate::render::json::render(&r);";
    let names: Vec<String> = imports(code).into_iter().map(|(n, _)| n).collect();
    for want in ["report", "cli", "probe", "render"] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    assert!(
        code_of("use crate::cli; // crate::commands\n#[cfg(test)]\nmod tests { use crate::commands; }")
            .contains("crate::cli")
    );
    assert!(!code_of("#[cfg(test)]\nmod tests { use crate::commands; }").contains("commands"));
}
