//! `tcp HOST[:PORT]`: one connect per address family, like `nc -z`.

use std::fmt::Write as _;

use colored::Colorize;

use super::common::{STAGE_COLUMN, dns_line, no_attempts, quiet_line, tcp_text};
use crate::i18n::{Lang, pad};
use crate::report::{StageStatus, TcpOutput};
use crate::tr;

/// `tcp HOST[:PORT]`.
pub fn tcp(o: &TcpOutput, _verbose: u8, quiet: bool, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = crate::render::terminal_view(o);
    let o = &*view;
    let mut s = String::new();
    let target = format!("{}:{}", o.host, o.port);
    if quiet {
        let result = if o.ok {
            tr!(lang, "cmd-tcp-quiet-connected")
        } else {
            tr!(lang, "cmd-failed")
        };
        let _ = writeln!(s, "{}", quiet_line(&target, &result, lang));
        return s;
    }
    let _ = writeln!(s, "{} {}", "tcp".bold(), target.bold());
    dns_line(&mut s, &o.dns, lang);
    for a in &o.attempts {
        let _ = writeln!(
            s,
            "  {}{}",
            pad(a.family.as_str(), STAGE_COLUMN),
            tcp_text(a, lang)
        );
        for t in &a.tried {
            let _ = writeln!(
                s,
                "  {}{}",
                pad("", STAGE_COLUMN),
                tr!(
                    lang,
                    "cmd-tcp-tried-first",
                    address = &t.address,
                    failure = t.failure.as_str()
                )
                .dimmed()
            );
        }
    }
    if o.attempts.is_empty() {
        no_attempts(
            &mut s,
            o.dns.as_ref().is_none_or(|d| d.status == StageStatus::Ok),
            lang,
        );
    }
    s
}
