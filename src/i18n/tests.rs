//! The message catalogues against each other and against the code that uses them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use super::*;
use crate::report::Cause;

/// Message id → the variables its value and attributes use.
type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn vars_inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for p in &arguments.positional {
                vars_inline(p, out);
            }
            for n in &arguments.named {
                vars_inline(&n.value, out);
            }
        }
        ast::InlineExpression::TermReference {
            arguments: Some(a), ..
        } => {
            for p in &a.positional {
                vars_inline(p, out);
            }
            for n in &a.named {
                vars_inline(&n.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => vars_expr(expression, out),
        _ => {}
    }
}

fn vars_expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => vars_inline(i, out),
        ast::Expression::Select { selector, variants } => {
            vars_inline(selector, out);
            for v in variants {
                vars_pattern(&v.value, out);
            }
        }
    }
}

fn vars_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            vars_expr(expression, out);
        }
    }
}

fn catalogue(lang: Lang) -> Catalogue {
    let mut cat = Catalogue::new();
    for (file, src) in FILES.iter().zip(lang.sources()) {
        let res = fluent_syntax::parser::parse(*src)
            .unwrap_or_else(|(_, errs)| panic!("{}/{file} does not parse: {errs:?}", lang.code()));
        for entry in &res.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(v) = &m.value {
                        vars_pattern(v, &mut vars);
                    }
                    for a in &m.attributes {
                        vars_pattern(&a.value, &mut vars);
                    }
                    assert!(
                        m.value.is_some(),
                        "{}/{file}: {} has no value",
                        lang.code(),
                        m.id.name
                    );
                    let prev = cat.insert(m.id.name.to_string(), vars);
                    assert!(prev.is_none(), "{}: {} is defined twice", lang.code(), m.id.name);
                }
                ast::Entry::Junk { content } => {
                    panic!("{}/{file}: junk in the file: {content}", lang.code())
                }
                _ => {}
            }
        }
    }
    cat
}

#[test]
fn the_file_list_matches_the_locales_directory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut dirs: Vec<String> = std::fs::read_dir(&root)
        .expect("locales/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut codes: Vec<String> = Lang::ALL.iter().map(|l| l.code().to_string()).collect();
    codes.sort();
    assert_eq!(
        dirs, codes,
        "every locale directory is compiled in, and only those"
    );
    for l in Lang::ALL {
        let mut files: Vec<String> = std::fs::read_dir(root.join(l.code()))
            .expect("locale dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut want: Vec<String> = FILES.iter().map(std::string::ToString::to_string).collect();
        want.sort();
        assert_eq!(files, want, "{}: FILES lists every .ftl file", l.code());
    }
}

#[test]
fn every_message_exists_in_every_locale_with_the_same_arguments() {
    let en = catalogue(Lang::En);
    assert!(
        en.len() > 100,
        "the English catalogue is loaded ({} messages)",
        en.len()
    );
    for l in Lang::ALL {
        let other = catalogue(l);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", l.code());
        assert!(
            extra.is_empty(),
            "{} has messages English lacks: {extra:?}",
            l.code()
        );
        for (id, vars) in &en {
            assert_eq!(
                &other[id],
                vars,
                "{}: {id} takes other arguments than in English",
                l.code()
            );
        }
    }
}

#[test]
fn the_bundles_load_every_message() {
    // A message the parser accepts but the bundle rejects (a duplicate across files) would fall
    // back silently; count what the bundle has.
    for l in Lang::ALL {
        for id in catalogue(l).keys() {
            assert!(has(l, id), "{}: {id} is not in the bundle", l.code());
        }
    }
}

/// Every `tr!(lang, "id", name = …)` in the sources: (file, id, argument names).
fn uses() -> Vec<(PathBuf, String, BTreeSet<String>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src/").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = vec![];
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut found = vec![];
    for f in files {
        let src = std::fs::read_to_string(&f).expect("source");
        // tr!(lang, "id", …) names the message second; msg!("id", …) first.
        for (needle, id_at) in [("tr!(", 1), ("msg!(", 0)] {
            let mut pos = 0;
            while let Some(at) = src[pos..].find(needle) {
                let abs = pos + at;
                pos = abs + needle.len();
                let rest = &src[pos..];
                // Skip comments (the macros' own docs) and the macros' definitions.
                let line_start = src[..abs].rfind('\n').map(|i| i + 1).unwrap_or(0);
                let line = src[line_start..abs].trim_start();
                if line.starts_with("//") || line.contains(" //") || line.ends_with("macro_rules! ") {
                    continue;
                }
                let (args, _) = split_args(rest);
                if args.len() <= id_at || !args[id_at].starts_with('"') {
                    continue;
                }
                let id = args[id_at].trim_matches('"').to_string();
                // A needle inside a string (this file's own table) is not a call.
                if id.is_empty()
                    || !id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    continue;
                }
                let names = args[id_at + 1..]
                    .iter()
                    .filter_map(|a| a.split_once('=').map(|(n, _)| n.trim().to_string()))
                    .collect();
                found.push((f.clone(), id, names));
            }
        }
    }
    found
}

/// Splits a macro's arguments at top-level commas, up to its closing parenthesis.
fn split_args(s: &str) -> (Vec<String>, usize) {
    let mut depth = 0i32;
    let mut args = vec![];
    let mut cur = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                cur.push(c);
                while let Some((_, c)) = chars.next() {
                    cur.push(c);
                    if c == '\\' {
                        if let Some((_, n)) = chars.next() {
                            cur.push(n);
                        }
                    } else if c == '"' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' | ']' | '}' if depth > 0 => {
                depth -= 1;
                cur.push(c);
            }
            ')' => {
                if !cur.trim().is_empty() {
                    args.push(cur.trim().to_string());
                }
                return (args, i);
            }
            ',' if depth == 0 => {
                args.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    (args, s.len())
}

#[test]
fn every_message_the_code_names_exists_with_the_arguments_it_is_given() {
    let en = catalogue(Lang::En);
    let uses = uses();
    assert!(
        uses.len() > 50,
        "the scanner finds the tr! calls ({})",
        uses.len()
    );
    for (file, id, names) in &uses {
        let Some(vars) = en.get(id) else {
            panic!("{}: message {id} does not exist", file.display());
        };
        assert_eq!(
            names,
            vars,
            "{}: {id} is given {names:?} but uses {vars:?}",
            file.display()
        );
    }
}

/// Messages whose ids are built from a code at run time (`cause-{code}`, …).
const DYNAMIC: &[&str] = &[
    "cause-", "advice-", "failure-", "skip-", "layer-", "surface-", "status-", "store-", "key-", "proof-",
];

#[test]
fn no_message_is_left_unused() {
    let used: BTreeSet<String> = uses().into_iter().map(|(_, id, _)| id).collect();
    let unused: Vec<String> = catalogue(Lang::En)
        .into_keys()
        .filter(|id| !used.contains(id) && !DYNAMIC.iter().any(|p| id.starts_with(p)))
        .filter(|id| !id.starts_with("list-"))
        .collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

#[test]
fn every_cause_has_a_name_and_advice_in_both_languages() {
    let all: Vec<Cause> = crate::report::Cause::ALL.to_vec();
    assert!(all.len() >= 35);
    for l in Lang::ALL {
        for c in &all {
            let code = c.as_str();
            assert!(
                has(l, &format!("cause-{code}")),
                "{}: cause-{code} missing",
                l.code()
            );
            assert!(
                has(l, &format!("advice-{code}")),
                "{}: advice-{code} missing",
                l.code()
            );
        }
    }
    // The advice is written for each reader, not copied.
    for c in &all {
        let en = crate::diagnose::advice_for(*c, Lang::En);
        let zh = crate::diagnose::advice_for(*c, Lang::ZhCn);
        assert!(!en.is_empty() && !zh.is_empty(), "{c:?} has advice");
        assert_ne!(en, zh, "{c:?}: the Chinese advice is not English");
        assert!(
            zh.iter()
                .any(|a| a.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))),
            "{c:?}: the zh-CN advice is in Chinese"
        );
    }
}

#[test]
fn failures_skip_reasons_and_layers_have_words_in_both_languages() {
    for l in Lang::ALL {
        for f in crate::probe::Failure::ALL {
            assert!(
                has(l, &format!("failure-{}", f.as_str())),
                "{}: failure-{}",
                l.code(),
                f.as_str()
            );
        }
        for r in crate::probe::SkipReason::ALL {
            assert!(
                has(l, &format!("skip-{}", r.as_str())),
                "{}: skip-{}",
                l.code(),
                r.as_str()
            );
        }
        for layer in ["machine", "local_network", "path", "service", "account"] {
            assert!(has(l, &format!("layer-{layer}")), "{}: layer-{layer}", l.code());
        }
    }
}

#[test]
fn the_language_comes_from_the_flag_then_lc_all_lc_messages_lang() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    };
    assert_eq!(Lang::from_env(env(&[])), Lang::En);
    assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
    assert_eq!(Lang::from_env(env(&[("LANG", "zh_SG.UTF-8")])), Lang::ZhCn);
    assert_eq!(Lang::from_env(env(&[("LANG", "zh")])), Lang::ZhCn);
    assert_eq!(Lang::from_env(env(&[("LANG", "zh-Hans-CN")])), Lang::ZhCn);
    assert_eq!(Lang::from_env(env(&[("LANG", "zh_TW.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_env(env(&[("LANG", "zh_HK.Big5")])), Lang::En);
    assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_env(env(&[("LANG", "C.UTF-8")])), Lang::En);
    // LC_ALL wins over the others, LC_MESSAGES over LANG; empty values are not set.
    assert_eq!(
        Lang::from_env(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_env(env(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")])),
        Lang::ZhCn
    );
    assert_eq!(
        Lang::from_env(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN.UTF-8")])),
        Lang::ZhCn
    );
    // A language the tool does not speak still decides (it is the user's choice): English.
    assert_eq!(
        Lang::from_env(env(&[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
    assert_eq!(Lang::resolve(Some(Lang::ZhCn)), Lang::ZhCn);
}

#[test]
fn lists_read_naturally_in_each_language() {
    assert_eq!(list(Lang::En, &["a"]), "a");
    assert_eq!(list(Lang::En, &["a", "b", "c"]), "a, b and c");
    assert_eq!(list(Lang::En, &["a", "b", "c", "d", "e", "f"]), "a, b and 4 more");
    assert_eq!(list(Lang::ZhCn, &["a", "b", "c"]), "a、b 和 c");
    assert_eq!(
        list(Lang::ZhCn, &["a", "b", "c", "d", "e", "f"]),
        "a、b 及其他 4 项"
    );
}

#[test]
fn wide_characters_take_two_columns() {
    assert_eq!(width("path"), 4);
    assert_eq!(width("本地网络"), 8);
    assert_eq!(width("\u{1b}[32m✓\u{1b}[0m"), 1);
    assert_eq!(pad("本地网络", 10), "本地网络  ");
    assert_eq!(pad_left("毫秒", 5), " 毫秒");
    assert_eq!(width(&pad("服务", 14)), 14);
}

#[test]
fn arguments_are_formatted_without_isolation_marks() {
    let s = tr!(Lang::En, "list-and", head = "a", last = "b");
    assert_eq!(s, "a and b");
    assert!(!s.contains('\u{2068}'));
    // A message missing in a locale falls back to English, then to its id.
    assert_eq!(text(Lang::ZhCn, "no-such-message", &[]), "no-such-message");
}

/// The codes a schema allows (its `enum` and `const` strings).
fn schema_codes(schema: serde_json::Value) -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("const", serde_json::Value::String(s)) => {
                            out.insert(s.clone());
                        }
                        ("enum", serde_json::Value::Array(a)) => {
                            out.extend(a.iter().filter_map(|x| x.as_str().map(str::to_string)));
                        }
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(&schema, &mut out);
    out
}

#[test]
fn the_lists_of_codes_that_need_words_are_complete() {
    // Cause::ALL, Failure::ALL and SkipReason::ALL decide which codes the tests above demand words for: a code
    // added to an enum but not to its list would go without words unnoticed.
    let codes = |v: Vec<serde_json::Value>| -> BTreeSet<String> {
        v.into_iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    };
    let all = |s: &[Cause]| codes(s.iter().map(|c| serde_json::to_value(c).unwrap()).collect());
    assert_eq!(
        all(&Cause::ALL),
        schema_codes(serde_json::to_value(schemars::schema_for!(Cause)).unwrap())
    );
    let failures = codes(
        crate::probe::Failure::ALL
            .iter()
            .map(|f| serde_json::to_value(f).unwrap())
            .collect(),
    );
    assert_eq!(
        failures,
        schema_codes(serde_json::to_value(schemars::schema_for!(crate::probe::Failure)).unwrap())
    );
    let skips = codes(
        crate::probe::SkipReason::ALL
            .iter()
            .map(|f| serde_json::to_value(f).unwrap())
            .collect(),
    );
    assert_eq!(
        skips,
        schema_codes(serde_json::to_value(schemars::schema_for!(crate::probe::SkipReason)).unwrap())
    );
}
