//! What `report` says after writing the support report's files.

use std::fmt::Write as _;

use colored::Colorize;

use crate::i18n::Lang;
use crate::report::{SupportReport, verdict_code};
use crate::tr;

/// What `report` says after writing its files.
pub fn report_written(r: &SupportReport, markdown: &str, json: &str, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = crate::render::terminal_view(r);
    let r = &*view;
    let v = &r.report.verdict;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        tr!(
            lang,
            "cmd-report-verdict",
            label = tr!(lang, "cmd-report-verdict-label").bold().to_string(),
            summary = v.summary.trim(),
            code = format!("[{}]", verdict_code(v.layer, v.cause))
                .dimmed()
                .to_string()
        )
    );
    let _ = writeln!(
        s,
        "{}",
        tr!(lang, "cmd-report-wrote", markdown = markdown, json = json)
    );
    if r.anonymized {
        let _ = writeln!(s, "{}", tr!(lang, "cmd-report-anonymized"));
    } else {
        let _ = writeln!(s, "{}", tr!(lang, "cmd-report-secrets-removed"));
    }
    s
}
