//! `tls HOST[:PORT]`, like `openssl s_client`: per family the handshake, the chain, both trust
//! stores and the SNI test. The tls block is shared with `http -v`.

use std::fmt::Write as _;

use colored::Colorize;

use super::common::{
    dns_line, fail_mark, failed_after, failure_text, fmt_ms, no_attempts, ok_mark, quiet_line, tcp_text,
};
use crate::i18n::{Lang, pad, width};
use crate::probe::Failure;
use crate::report::{BrowserHandshakeReport, SniTest, StageStatus, StoreStep, TlsOutput, TlsStep};
use crate::tr;

fn store_text(st: &StoreStep, lang: Lang) -> String {
    match st.result.as_str() {
        "trusted" => format!("{} {}", ok_mark(), tr!(lang, "cmd-tls-store-trusted")),
        "rejected" => format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-tls-store-rejected",
                reason = failure_text(st.failure, st.message.as_deref().unwrap_or(""), lang)
            )
        ),
        "not_checked" => format!("· {}", tr!(lang, "cmd-tls-store-not-checked")),
        // A result this version does not know: its code.
        other => format!("· {other}"),
    }
}

/// The labels of a `tls` block, and the width of their column (the widest, plus two).
pub(super) struct TlsLabels {
    chain: String,
    system_store: String,
    public_store: String,
    sni_test: String,
    browser: String,
    width: usize,
}

impl TlsLabels {
    /// The labels in `lang`, measured.
    pub(super) fn new(lang: Lang) -> TlsLabels {
        let chain = tr!(lang, "cmd-tls-label-chain");
        let system_store = tr!(lang, "cmd-tls-label-system-store");
        let public_store = tr!(lang, "cmd-tls-label-public-store");
        let sni_test = tr!(lang, "cmd-tls-label-sni-test");
        let browser = tr!(lang, "cmd-tls-label-browser");
        let width = [
            "tcp",
            "tls",
            &chain,
            &system_store,
            &public_store,
            &sni_test,
            &browser,
        ]
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(0)
            + 2;
        TlsLabels {
            chain,
            system_store,
            public_store,
            sni_test,
            browser,
            width,
        }
    }
}

fn alpn_text(alpn: Option<&str>, lang: Lang) -> String {
    match alpn {
        Some(a) => a.to_string(),
        None => tr!(lang, "cmd-tls-alpn-none"),
    }
}

/// A handshake: its result, the presented chain and both stores' verdicts (the chain and
/// stores only when the handshake ran).
pub(super) fn tls_block(s: &mut String, t: &TlsStep, indent: &str, labels: &TlsLabels, lang: Lang) {
    let w = labels.width;
    let head = match t.status {
        StageStatus::Ok => format!(
            "{} {}",
            ok_mark(),
            tr!(
                lang,
                "cmd-tls-ok",
                version = t.version.as_deref().unwrap_or("?"),
                alpn = alpn_text(t.alpn.as_deref(), lang),
                cipher = t.cipher.as_deref().unwrap_or("?"),
                duration = fmt_ms(t.duration_ms)
            )
        ),
        StageStatus::Fail if t.completed => format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-tls-failed-completed",
                failure = failure_text(t.failure, "", lang),
                version = t.version.as_deref().unwrap_or("?"),
                alpn = alpn_text(t.alpn.as_deref(), lang),
                duration = fmt_ms(t.duration_ms)
            )
        ),
        StageStatus::Fail => failed_after(t.failure, &t.detail, t.duration_ms, lang),
        StageStatus::Skip => format!("— {}", t.detail),
    };
    let _ = writeln!(s, "{indent}{}{head}", pad("tls", w));
    if t.status == StageStatus::Skip {
        return;
    }
    for (i, c) in t.chain.iter().enumerate() {
        let label = if i == 0 { labels.chain.as_str() } else { "" };
        let _ = writeln!(s, "{indent}{}{i} {}", pad(label, w), c.subject);
        let issuer = if c.san.is_empty() {
            tr!(
                lang,
                "cmd-tls-cert-issuer",
                issuer = &c.issuer,
                not_before = &c.not_before,
                not_after = &c.not_after
            )
        } else {
            tr!(
                lang,
                "cmd-tls-cert-issuer-san",
                issuer = &c.issuer,
                not_before = &c.not_before,
                not_after = &c.not_after,
                san = c.san.join(", ")
            )
        };
        let _ = writeln!(s, "{indent}{}  {}", pad("", w), issuer.dimmed());
    }
    if t.completed || !t.chain.is_empty() {
        let _ = writeln!(
            s,
            "{indent}{}{}",
            pad(&labels.system_store, w),
            store_text(&t.system_store, lang)
        );
        let _ = writeln!(
            s,
            "{indent}{}{}",
            pad(&labels.public_store, w),
            store_text(&t.public_store, lang)
        );
    }
}

fn sni_block(s: &mut String, t: &SniTest, indent: &str, labels: &TlsLabels, lang: Lang) {
    let w = labels.width;
    let head = if t.completed {
        format!(
            "{} {}",
            ok_mark(),
            tr!(
                lang,
                "cmd-sni-completed",
                decoy = &t.decoy_sni,
                version = t.version.as_deref().unwrap_or("?"),
                duration = fmt_ms(t.duration_ms)
            )
        )
    } else {
        format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-sni-failed",
                decoy = &t.decoy_sni,
                failure = failure_text(t.failure, &t.detail, lang)
            )
        )
    };
    let _ = writeln!(s, "{indent}{}{head}", pad(&labels.sni_test, w));
    let _ = writeln!(s, "{indent}{}{}", pad("", w), t.conclusion);
}

/// The browser-shaped handshake beside the small one: answered (and the group the server chose,
/// against the small handshake's), or how it died.
fn browser_block(
    s: &mut String,
    b: &BrowserHandshakeReport,
    small: &TlsStep,
    labels: &TlsLabels,
    lang: Lang,
) {
    let unknown = || "?".to_string();
    let head = match b.status {
        StageStatus::Ok => format!(
            "{} {}",
            ok_mark(),
            tr!(
                lang,
                "cmd-tls-browser-ok",
                bytes = b.hello_bytes.unwrap_or_default(),
                duration = fmt_ms(b.duration_ms),
                group = b
                    .group
                    .clone()
                    .or_else(|| b.alert.clone())
                    .unwrap_or_else(unknown),
                small = small.group.clone().unwrap_or_else(unknown)
            )
        ),
        _ => format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-tls-browser-failed",
                failure = failure_text(b.failure, "", lang),
                duration = fmt_ms(b.duration_ms)
            )
        ),
    };
    let _ = writeln!(s, "    {}{head}", pad(&labels.browser, labels.width));
}

/// `tls HOST[:PORT]`: per family, the handshake, the chain, both stores and the SNI test.
pub fn tls(o: &TlsOutput, _verbose: u8, quiet: bool, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = crate::render::terminal_view(o);
    let o = &*view;
    let mut s = String::new();
    let target = format!("{}:{}", o.host, o.port);
    if quiet {
        let best = o
            .attempts
            .iter()
            .find(|a| a.tls.status == StageStatus::Ok)
            .or(o.attempts.first());
        let code = |f: Option<Failure>| match f {
            Some(f) => f.as_str().to_string(),
            None => tr!(lang, "cmd-failed"),
        };
        let what = match best {
            Some(a) if a.tls.status == StageStatus::Ok => {
                let version = a.tls.version.as_deref().unwrap_or("?");
                match a.tls.alpn.as_deref() {
                    Some(alpn) => format!("{version} {alpn}"),
                    None => version.to_string(),
                }
            }
            Some(a) if a.tls.status == StageStatus::Fail => code(a.tls.failure),
            Some(a) => code(a.tcp.failure),
            None => tr!(lang, "cmd-no-address"),
        };
        let _ = writeln!(s, "{}", quiet_line(&target, &what, lang));
        return s;
    }
    let head = match o.attempts.first().and_then(|a| a.tls.sni.clone()) {
        Some(sni) => tr!(
            lang,
            "cmd-tls-head-sni",
            target = target.bold().to_string(),
            sni = sni
        ),
        None => tr!(lang, "cmd-tls-head-no-sni", target = target.bold().to_string()),
    };
    let _ = writeln!(s, "{} {head}", "tls".bold());
    dns_line(&mut s, &o.dns, lang);
    let labels = TlsLabels::new(lang);
    for a in &o.attempts {
        let _ = writeln!(s, "  {}", a.family.as_str().bold());
        let _ = writeln!(s, "    {}{}", pad("tcp", labels.width), tcp_text(&a.tcp, lang));
        tls_block(&mut s, &a.tls, "    ", &labels, lang);
        if let Some(t) = &a.sni_test {
            sni_block(&mut s, t, "    ", &labels, lang);
        }
        if let Some(b) = &a.browser_handshake {
            browser_block(&mut s, b, &a.tls, &labels, lang);
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
