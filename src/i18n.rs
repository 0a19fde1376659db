//! The words a person reads, in English and Simplified Chinese, kept in Project Fluent files
//! (`locales/<lang>/*.ftl`) compiled into the binary. Rust code names a message and gives its
//! arguments ([`tr!`]); the wording, word order, plurals and punctuation live in the files.
//!
//! Machine output stays language-neutral: layer and cause codes, failure strings and field names
//! never change with the language. The language is `--lang`, else `LC_ALL` / `LC_MESSAGES` /
//! `LANG` (the first one set wins, as POSIX says), else English.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the tool speaks.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
pub enum Lang {
    /// English
    #[default]
    #[value(name = "en")]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese (简体中文)
    #[value(name = "zh-CN")]
    #[serde(rename = "zh-CN")]
    ZhCn,
}

/// The files of each locale, in the order they are loaded. A test checks that this list and the
/// `locales/` directory agree.
pub const FILES: &[&str] = &[
    "main.ftl",
    "diagnose.ftl",
    "commands.ftl",
    "human.ftl",
    "settings.ftl",
];

const EN: &[&str] = &[
    include_str!("../locales/en/main.ftl"),
    include_str!("../locales/en/diagnose.ftl"),
    include_str!("../locales/en/commands.ftl"),
    include_str!("../locales/en/human.ftl"),
    include_str!("../locales/en/settings.ftl"),
];
const ZH_CN: &[&str] = &[
    include_str!("../locales/zh-CN/main.ftl"),
    include_str!("../locales/zh-CN/diagnose.ftl"),
    include_str!("../locales/zh-CN/commands.ftl"),
    include_str!("../locales/zh-CN/human.ftl"),
    include_str!("../locales/zh-CN/settings.ftl"),
];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, as `--lang` takes it and the `locales/` directory names it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The FTL sources of this locale.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => EN,
            Lang::ZhCn => ZH_CN,
        }
    }

    /// Reads a POSIX locale name (`zh_CN.UTF-8`, `zh_SG`, `en_US`, `C`) or a BCP 47 tag
    /// (`zh-Hans-CN`). Simplified Chinese is `zh` with CN/SG/Hans or no region; Traditional
    /// Chinese (TW, HK, MO, Hant) is not Simplified and falls back to English, as gettext does.
    /// `None` for anything else.
    pub fn from_locale(name: &str) -> Option<Lang> {
        // Drop the encoding and modifier: zh_CN.UTF-8@pinyin → zh_CN.
        let base = name.split(['.', '@']).next().unwrap_or("").trim();
        let mut parts = base.split(['_', '-']).map(str::to_ascii_lowercase);
        let language = parts.next().unwrap_or_default();
        let rest: Vec<String> = parts.collect();
        match language.as_str() {
            "c" | "posix" | "en" => Some(Lang::En),
            "zh" => {
                let traditional = rest
                    .iter()
                    .any(|p| matches!(p.as_str(), "tw" | "hk" | "mo" | "hant"));
                (!traditional).then_some(Lang::ZhCn)
            }
            _ => None,
        }
    }

    /// The language from the environment: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
    /// set and not empty decides; English when it names a language the tool does not speak.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k).filter(|v| !v.trim().is_empty()))
            .map(|v| Lang::from_locale(&v).unwrap_or(Lang::En))
            .next()
            .unwrap_or(Lang::En)
    }

    /// `--lang` when given, else the environment.
    pub fn resolve(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| Lang::from_env(|k| std::env::var(k).ok()))
    }

    fn bundle(self) -> &'static Bundle {
        static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
        let all = BUNDLES.get_or_init(|| Lang::ALL.map(build));
        &all[self as usize]
    }
}

type Bundle = FluentBundle<FluentResource>;

fn build(lang: Lang) -> Bundle {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminal text: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    for src in lang.sources() {
        // The files are compiled in and checked by tests; a broken entry is skipped, not fatal.
        let res = match FluentResource::try_new(src.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(res);
    }
    bundle
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    /// Another message, worded in the same language as the one that holds it.
    Msg(Box<Message>),
}

/// A message to be worded later, once the reader's language is known (warnings made while
/// reading settings, errors): `msg!("message-id", name = value, …)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        text(lang, self.id, &self.args)
    }
}

/// English, for logs and tests.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

/// The language of errors and other words printed outside a report (set once by `main` from
/// `--lang` and the locale variables; the locale variables until then).
pub fn ui() -> Lang {
    *UI.get_or_init(|| Lang::resolve(None))
}

/// Sets the language of [`ui`]; the first call wins.
pub fn set_ui(lang: Lang) {
    let _ = UI.set(lang);
}

static UI: OnceLock<Lang> = OnceLock::new();

macro_rules! arg_from_num {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Num(v as f64)
            }
        }
    )*};
}
arg_from_num!(i32, i64, u8, u16, u32, u64, usize, f64);

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Str(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Str(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Str(v.clone())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(v: Cow<'_, str>) -> Arg {
        Arg::Str(v.into_owned())
    }
}

/// Formats message `id` in `lang`; a message missing from `lang` falls back to English, and one
/// missing from English shows its id (tests keep both from happening).
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Str(s) => fargs.set(*k, FluentValue::from(s.as_str())),
            Arg::Num(n) => fargs.set(*k, FluentValue::from(*n)),
            Arg::Msg(m) => fargs.set(*k, FluentValue::from(m.text(lang))),
        }
    }
    for l in [lang, Lang::En] {
        let bundle = l.bundle();
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = vec![];
            return bundle
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}

/// The word for a code with a message `<prefix><code>` (`status-major_outage`); a code without
/// one (a status page may invent new ones) is shown as it is, underscores as spaces.
pub fn code_word(lang: Lang, prefix: &str, code: &str) -> String {
    let id = format!("{prefix}{code}");
    if has(Lang::En, &id) {
        text(lang, &id, &[])
    } else {
        code.replace('_', " ")
    }
}

/// True when `id` exists in `lang` itself (no fallback).
pub fn has(lang: Lang, id: &str) -> bool {
    lang.bundle().has_message(id)
}

/// A message: `tr!(lang, "message-id")` or `tr!(lang, "message-id", name = value, …)`. The
/// argument names are the Fluent variables (`{ $name }`); values are strings or numbers.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal $(,)?) => {
        $crate::i18n::text($lang, $id, &[])
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// A message to word later: `msg!("message-id")` or `msg!("message-id", name = value, …)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(,)?) => {
        $crate::i18n::Message { id: $id, args: vec![] }
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Message {
            id: $id,
            args: vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        }
    };
}

/// Every item, joined with `lang`'s list separator and none left out (evidence and reports keep
/// every name; [`list`] shortens).
pub fn joined<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let sep = text(lang, "list-separator", &[]);
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(&sep)
}

/// Joins items as a reader of `lang` expects: "a, b and c" / "a、b 和 c"; after four, the first
/// two and how many more.
pub fn list<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(std::convert::AsRef::as_ref).collect();
    match items.len() {
        0 => String::new(),
        1 => items[0].to_string(),
        n if n <= 4 => {
            let sep = tr!(lang, "list-separator");
            tr!(
                lang,
                "list-and",
                head = items[..n - 1].join(&sep),
                last = items[n - 1]
            )
        }
        n => {
            let sep = tr!(lang, "list-separator");
            tr!(
                lang,
                "list-and-more",
                head = items[..2].join(&sep),
                more = (n - 2) as u64
            )
        }
    }
}

/// The width of `s` on a terminal: CJK characters take two columns (not `len()`, not chars).
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(strip_ansi(s).as_ref())
}

/// `s` padded with spaces on the right to `w` terminal columns.
pub fn pad(s: &str, w: usize) -> String {
    let have = width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(have)))
}

/// `s` padded with spaces on the left to `w` terminal columns.
pub fn pad_left(s: &str, w: usize) -> String {
    let have = width(s);
    format!("{}{s}", " ".repeat(w.saturating_sub(have)))
}

/// `s` without ANSI colour sequences (they take no columns).
fn strip_ansi(s: &str) -> Cow<'_, str> {
    if !s.contains('\u{1b}') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ … final byte in @–~.
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
