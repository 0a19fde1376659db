//! The language of the words: `--lang`, else LC_ALL / LC_MESSAGES / LANG, else English. Codes,
//! exit codes and JSON field names never change with it; JSON speaks English unless asked.

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::support::run::run_cmd;
use crate::support::*;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The display column where `needle` starts in `line` (CJK characters take two columns).
fn column_of(line: &str, needle: &str) -> Option<usize> {
    line.find(needle).map(|i| UnicodeWidthStr::width(&line[..i]))
}

/// The character at display column `col`, and whether a wide character covers it.
fn char_at_column(line: &str, col: usize) -> Option<char> {
    let mut at = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if col >= at && col < at + w.max(1) {
            return Some(c);
        }
        at += w;
    }
    None
}

#[test]
fn a_check_in_chinese_says_the_same_thing_in_chinese() {
    let w = World::start();
    let en = w.run(["--lang", "en"]);
    let zh = w.run(["--lang", "zh-CN"]);
    assert_eq!(en.code, 0, "{}", en.dump());
    assert_eq!(zh.code, en.code, "the exit code does not depend on the language");
    for layer in ["本机", "本地网络", "网络路径", "服务", "账户"] {
        assert!(zh.stdout.contains(layer), "{layer}\n{}", zh.stdout);
    }
    let verdict = zh
        .stdout
        .lines()
        .find(|l| l.starts_with("结论："))
        .expect("a verdict line");
    assert!(has_cjk(verdict), "{verdict}");
    assert!(
        verdict.contains("[healthy]"),
        "the code stays as it is: {verdict}"
    );
    let advice: Vec<&str> = zh.stdout.lines().filter(|l| l.starts_with("  → ")).collect();
    assert!(
        !advice.is_empty() && advice.iter().all(|a| has_cjk(a)),
        "{}",
        zh.stdout
    );
    assert!(
        !en.stdout.lines().any(has_cjk),
        "English output has no Chinese:\n{}",
        en.stdout
    );
    assert!(en.stdout.contains("Verdict:"));
}

#[test]
fn a_fault_is_worded_in_chinese_with_the_same_layer_and_cause() {
    // The resolver refuses one of OpenAI's names while the controls resolve: a path problem.
    let w = World::builder().dns("api.openai.com", DnsAnswer::Refused).start();
    let en = w.run_json(["--lang", "en"]);
    let zh = w.run_json(["--lang", "zh-CN"]);
    assert_eq!(zh.code, en.code);
    assert_eq!(en.layer(), Some("path"), "{}", en.dump());
    assert_eq!(zh.layer(), en.layer());
    assert_eq!(zh.cause(), en.cause());
    assert_eq!(zh.json["language"], "zh-CN");
    assert_eq!(en.json["language"], "en");
    let summary = zh.json["verdict"]["summary"].as_str().unwrap_or_default();
    assert!(has_cjk(summary), "{summary}");
    for f in ["layer", "cause", "working_surfaces", "failing_surfaces"] {
        assert_eq!(zh.json["verdict"][f], en.json["verdict"][f], "{f} is a code");
    }
    for (a, b) in en.json["targets"]
        .as_array()
        .unwrap()
        .iter()
        .zip(zh.json["targets"].as_array().unwrap())
    {
        let failures = |t: &Value| -> Vec<Value> {
            t["stages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["failure"].clone())
                .collect()
        };
        assert_eq!(failures(a), failures(b), "failure strings never change");
    }
    let human = w.run(["--lang", "zh-CN"]);
    assert!(human.stdout.contains("结论："), "{}", human.stdout);
}

#[test]
fn the_language_comes_from_the_locale_variables_when_not_given() {
    let w = World::start();
    let zh = run_cmd(w.command(Vec::<String>::new()).env("LANG", "zh_CN.UTF-8"));
    assert!(zh.stdout.contains("结论："), "{}", zh.stdout);
    // LC_ALL wins over LANG, and a language the tool does not speak gives English.
    let en = run_cmd(
        w.command(Vec::<String>::new())
            .env("LANG", "zh_CN.UTF-8")
            .env("LC_ALL", "de_DE.UTF-8"),
    );
    assert!(en.stdout.contains("Verdict:"), "{}", en.stdout);
    // LC_MESSAGES wins over LANG.
    let zh = run_cmd(
        w.command(Vec::<String>::new())
            .env("LANG", "en_US.UTF-8")
            .env("LC_MESSAGES", "zh_CN.UTF-8"),
    );
    assert!(zh.stdout.contains("结论："), "{}", zh.stdout);
    // --lang wins over all of them.
    let en = run_cmd(w.command(["--lang", "en"]).env("LC_ALL", "zh_CN.UTF-8"));
    assert!(en.stdout.contains("Verdict:"), "{}", en.stdout);
}

#[test]
fn json_speaks_english_unless_lang_is_given() {
    let w = World::start();
    let mut cmd = w.command(["--json"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    let o = run_cmd(&mut cmd);
    let json: Value = serde_json::from_str(&o.stdout).expect("JSON");
    assert_eq!(json["language"], "en");
    let text = json["verdict"].to_string() + &json["layers"].to_string();
    assert!(
        !has_cjk(&text),
        "a CI script on a Chinese machine sees English: {text}"
    );
    let o = w.run_json(["--lang", "zh-CN"]);
    assert_eq!(o.json["language"], "zh-CN");
    assert!(has_cjk(o.json["verdict"]["summary"].as_str().unwrap_or_default()));
    assert!(
        o.json["verdict"]["advice"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| has_cjk(a.as_str().unwrap()))
    );
    assert_eq!(o.json["verdict"]["cause"], "healthy");
    // OpenMetrics is machine output too: no words to translate, the labels are codes.
    let mut cmd = w.command(["--format", "prometheus"]);
    cmd.env("LANG", "zh_CN.UTF-8");
    let m = run_cmd(&mut cmd);
    assert!(!has_cjk(&m.stdout), "{}", m.stdout);
}

#[test]
fn columns_stay_aligned_with_wide_characters() {
    let w = World::start();
    let o = w.run(["--lang", "zh-CN", "--color", "never"]);
    let lines: Vec<&str> = o.stdout.lines().collect();
    // The layers: every summary starts in the same display column.
    let layer_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| {
            ["✓", "!", "✗", "·"]
                .iter()
                .any(|m| l.starts_with(&format!("  {m} ")))
        })
        .collect();
    assert_eq!(layer_lines.len(), 5, "{}", o.stdout);
    let starts: Vec<usize> = layer_lines
        .iter()
        .map(|l| {
            // "  ✓ 本机           summary": the mark, the label, then the summary.
            let after_mark = l.char_indices().nth(4).map(|(i, _)| i).unwrap();
            let label_end = after_mark + l[after_mark..].find(' ').unwrap();
            let summary = label_end + l[label_end..].find(|c: char| c != ' ').unwrap();
            UnicodeWidthStr::width(&l[..summary])
        })
        .collect();
    assert!(
        starts.windows(2).all(|p| p[0] == p[1]),
        "{starts:?}\n{}",
        o.stdout
    );
    // The table: the result column starts in the same display column in the header and in
    // every row, and the timing columns end in the same column as their heading.
    let header = lines
        .iter()
        .find(|l| l.contains("目标") && l.contains("结果"))
        .expect("header");
    let result_col = column_of(header, "结果").unwrap();
    let http_end = column_of(header, "http").unwrap() + 3;
    let rows: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains(" ms ") && !l.contains("目标"))
        .collect();
    assert!(rows.len() >= 4, "{}", o.stdout);
    for row in rows {
        assert_eq!(char_at_column(row, result_col - 1), Some(' '), "{row}");
        assert_ne!(char_at_column(row, result_col), Some(' '), "{row}\n{header}");
        assert_eq!(
            char_at_column(row, http_end),
            Some('s'),
            "the http cell ends under its heading: {row}\n{header}"
        );
    }
}

#[test]
fn errors_are_worded_in_the_language_asked_for() {
    let o = run(["--lang", "zh-CN", "--timeout", "abc"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("不是秒数"), "{}", o.stderr);
    let mut cmd = doctor();
    cmd.args([
        "--cacert",
        "/nonexistent/ca.pem",
        "--control",
        "https://127.0.0.1:9/",
    ])
    .env("LANG", "zh_CN.UTF-8");
    let o = run_cmd(&mut cmd);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("错误：") && o.stderr.contains("无法读取 --cacert"),
        "{}",
        o.stderr
    );
    let o = run(["--timeout", "abc"]);
    assert!(o.stderr.contains("is not a number of seconds"), "{}", o.stderr);
}
