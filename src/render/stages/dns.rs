//! `dns HOST`, as dig would answer it.

use std::fmt::Write as _;

use colored::Colorize;

use super::common::{dns_source, fail_mark, failure_text, fmt_ms, quiet_line};
use crate::i18n::{Lang, pad, width};
use crate::report::DnsOutput;
use crate::tr;

/// `dns HOST`: one line per record type, as dig's answer section would say it.
pub fn dns(o: &DnsOutput, verbose: u8, quiet: bool, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = crate::render::terminal_view(o);
    let o = &*view;
    let d = &o.dns;
    let mut s = String::new();
    if quiet {
        let line = if o.ok {
            d.detail.clone()
        } else {
            let code = match d.failure {
                Some(f) => f.as_str().to_string(),
                None => tr!(lang, "cmd-failed"),
            };
            format!("{} {code}", fail_mark())
        };
        let _ = writeln!(s, "{}", quiet_line(&d.query, &line, lang));
        return s;
    }
    let _ = writeln!(
        s,
        "{}",
        tr!(
            lang,
            "cmd-dns-head",
            query = d.query.bold().to_string(),
            source = dns_source(d, lang),
            duration = fmt_ms(d.duration_ms)
        )
    );
    let type_width = d
        .lookups
        .iter()
        .map(|l| width(&l.record_type))
        .max()
        .unwrap_or(0)
        .max(5)
        + 1;
    for l in &d.lookups {
        let answer = if l.answers.is_empty() {
            format!(
                "{} {}",
                fail_mark(),
                failure_text(
                    l.failure,
                    if verbose > 0 {
                        l.message.as_deref().unwrap_or("")
                    } else {
                        ""
                    },
                    lang
                )
            )
        } else {
            let answers = l.answers.join(", ");
            match l.ttl {
                Some(t) => format!("{answers}  {}", tr!(lang, "cmd-dns-ttl", ttl = t).dimmed()),
                None => answers,
            }
        };
        let _ = writeln!(
            s,
            "  {}{answer}  {}",
            pad(&l.record_type, type_width),
            fmt_ms(Some(l.duration_ms)).dimmed()
        );
    }
    if !o.ok && d.lookups.is_empty() {
        let _ = writeln!(
            s,
            "  {} {}",
            fail_mark(),
            failure_text(d.failure, &d.detail, lang)
        );
    }
    s
}
