//! `endpoints`: the built-in catalog as a table.

use std::fmt::Write as _;

use colored::Colorize;

use crate::i18n::{Lang, pad, width};
use crate::report::EndpointsOutput;
use crate::tr;

/// `endpoints`: the built-in catalog as a table, each probe explained below its row.
pub fn endpoints(o: &EndpointsOutput, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = crate::render::terminal_view(o);
    let o = &*view;
    let mut s = String::new();
    let (surface, target, url) = (
        tr!(lang, "cmd-endpoints-surface"),
        tr!(lang, "cmd-endpoints-target"),
        tr!(lang, "cmd-endpoints-url"),
    );
    let surface_w = o
        .endpoints
        .iter()
        .map(|e| width(e.surface.as_str()))
        .chain([width(&surface)])
        .max()
        .unwrap_or(0)
        + 2;
    let target_w = o
        .endpoints
        .iter()
        .map(|e| width(&e.name))
        .chain([width(&target), 10])
        .max()
        .unwrap_or(10)
        + 2;
    let _ = writeln!(s, "{}{}{url}", pad(&surface, surface_w), pad(&target, target_w));
    for e in &o.endpoints {
        let _ = writeln!(
            s,
            "{}{}{}",
            pad(e.surface.as_str(), surface_w),
            pad(&e.name, target_w),
            e.url
        );
        let _ = writeln!(s, "{}{}", pad("", surface_w), e.probe.dimmed());
    }
    s
}
