//! The width of the human output and the wrapping of its prose: words kept whole, a hanging
//! indent, columns counted as a terminal counts them (a CJK character takes two, a colour
//! sequence none). Without a width, lines stay whole: scripts and `grep` read them.

use std::fmt::Write as _;

use textwrap::core::Word;
use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};
use unicode_width::UnicodeWidthChar;

use crate::i18n::width;

/// The narrowest and widest widths `--width` accepts (and the narrowest a terminal is taken at).
pub const MIN_WIDTH: usize = 40;

/// How wide the human output may be: `None` keeps every line whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// The width in terminal columns.
    pub width: Option<usize>,
}

/// The width decision: `--width`, else the terminal's width when stdout is one, else `COLUMNS`,
/// else none (whole lines). A terminal narrower than [`MIN_WIDTH`] is taken at that width.
pub fn choose_width(flag: Option<usize>, terminal: Option<usize>, columns: Option<&str>) -> Option<usize> {
    flag.or(terminal)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|c| *c > 0)
        })
        .map(|w| w.max(MIN_WIDTH))
}

impl Layout {
    /// A layout `width` columns wide (`None`: whole lines).
    pub fn new(width: Option<usize>) -> Self {
        Layout { width }
    }

    /// Whether a line of `w` columns fits.
    pub fn fits(&self, w: usize) -> bool {
        self.width.is_none_or(|max| w <= max)
    }

    /// Writes `text` after `first`, wrapped at word boundaries, each further line indented by
    /// `hang`.
    pub fn para(&self, o: &mut String, first: &str, hang: &str, text: &str) {
        for line in self.lines(first, hang, text) {
            let _ = writeln!(o, "{line}");
        }
    }

    /// The lines [`Layout::para`] writes.
    pub fn lines(&self, first: &str, hang: &str, text: &str) -> Vec<String> {
        let Some(w) = self.width else {
            return text
                .split('\n')
                .enumerate()
                .map(|(i, l)| format!("{}{l}", if i == 0 { first } else { hang }))
                .collect();
        };
        let options = Options::new(w)
            .initial_indent(first)
            .subsequent_indent(hang)
            .word_separator(WordSeparator::Custom(words))
            .word_splitter(WordSplitter::NoHyphenation)
            .wrap_algorithm(WrapAlgorithm::FirstFit)
            .break_words(true);
        textwrap::wrap(text, options)
            .into_iter()
            .map(|l| l.trim_end().to_string())
            .collect()
    }

    /// Every line of `text` wider than the width wrapped under its own indent (plus four
    /// columns): the last guard, for the lines no view wrapped itself.
    pub fn fit(&self, text: &str) -> String {
        let Some(w) = self.width else {
            return text.to_string();
        };
        let mut o = String::with_capacity(text.len());
        for line in text.lines() {
            if width(line) <= w {
                let _ = writeln!(o, "{line}");
                continue;
            }
            let body = line.trim_start_matches(' ');
            let indent = " ".repeat(line.len() - body.len());
            let hang = " ".repeat((indent.len() + 4).min(w / 2));
            self.para(&mut o, &indent, &hang, body);
        }
        o
    }
}

/// `s` within `w` columns, shortened in the middle with '…' when it is wider (both ends of a
/// host name say the most).
pub fn shorten_middle(s: &str, w: usize) -> String {
    if width(s) <= w || w < 3 {
        return s.to_string();
    }
    let room = w - 1;
    let mut head = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room.div_ceil(2) {
            break;
        }
        head.push(c);
        used += cw;
    }
    let mut tail = Vec::new();
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        tail.push(c);
        used += cw;
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

/// Words for wrapping: runs between spaces, and each wide (CJK) character a word of its own,
/// so Chinese wraps between characters while Latin words, codes and addresses stay whole; no
/// line starts with closing punctuation or ends with an opening one.
fn words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let boundary = match chars.peek().map(|&(_, n)| n) {
            None => true,
            Some(n) if c == ' ' => n != ' ' && !unit_follows(&line[start..end], &line[end..]),
            Some(' ') => false,
            Some(n) => (is_wide(c) || is_wide(n)) && !closes(n) && !opens(c) && !in_escape(&line[start..end]),
        };
        if boundary {
            out.push(Word::from(&line[start..end]));
            start = end;
        }
    }
    Box::new(out.into_iter())
}

/// Whether the space before `rest` sits between a number ending `before` and its unit
/// (`10 ms`, `3.1 s`): the two stay on one line.
fn unit_follows(before: &str, rest: &str) -> bool {
    let unit = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    matches!(unit, "ms" | "s" | "毫秒" | "秒") && before.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// Punctuation no line starts with.
fn closes(c: char) -> bool {
    "，。、；：！？）」』》】”’…·,.;:!?)]".contains(c)
}

/// Punctuation no line ends with.
fn opens(c: char) -> bool {
    "（「『《【“‘([".contains(c)
}

/// Whether `s` ends inside a colour sequence (ESC `[` … letter): no break there.
fn in_escape(s: &str) -> bool {
    s.rfind('\u{1b}')
        .is_some_and(|at| !s[at..].chars().skip(2).any(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_comes_from_the_flag_then_the_terminal_then_columns() {
        assert_eq!(choose_width(Some(90), Some(120), Some("100")), Some(90));
        assert_eq!(choose_width(None, Some(120), Some("100")), Some(120));
        assert_eq!(choose_width(None, None, Some("100")), Some(100));
        assert_eq!(choose_width(None, Some(20), None), Some(MIN_WIDTH));
        assert_eq!(choose_width(None, None, Some("wide")), None);
        assert_eq!(
            choose_width(None, None, None),
            None,
            "not a terminal: whole lines"
        );
    }

    #[test]
    fn prose_wraps_at_words_with_a_hanging_indent() {
        let l = Layout::new(Some(40));
        let text = "the connection to chatgpt.com was reset right after the name was sent";
        let lines = l.lines("  → ", "    ", text);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|x| width(x) <= 40), "{lines:?}");
        assert!(lines[1..].iter().all(|x| x.starts_with("    ")));
        let joined: Vec<&str> = lines.iter().flat_map(|x| x.split_whitespace()).collect();
        let words: Vec<&str> = format!("→ {text}").leak().split_whitespace().collect();
        assert_eq!(joined, words, "no word broken");
        let timed = l.lines(
            "",
            "  ",
            "two controls answered (control.test 10 ms, 192.0.2.20 10 ms)",
        );
        assert!(timed.iter().all(|x| !x.trim().starts_with("ms")), "{timed:?}");
    }

    #[test]
    fn chinese_wraps_between_characters_and_keeps_latin_words_whole() {
        let l = Layout::new(Some(40));
        let text =
            "到 chatgpt.com 的连接在发送名称之后立即被重置，说明网络路径上有设备按名称（SNI）过滤流量。";
        let lines = l.lines("  ", "    ", text);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|x| width(x) <= 40), "{lines:?}");
        assert!(lines.iter().any(|x| x.contains("chatgpt.com")));
        assert!(lines.iter().all(|x| !x.trim_start().starts_with('，')));
    }

    #[test]
    fn colour_takes_no_columns() {
        let l = Layout::new(Some(40));
        let red = "\u{1b}[31mreset\u{1b}[0m";
        let text = [red; 12].join(" ");
        let lines = l.lines("", "", &text);
        assert!(lines.iter().all(|x| width(x) <= 40), "{lines:?}");
        assert_eq!(lines.len(), 2, "six words of five columns a line: {lines:?}");
    }

    #[test]
    fn whole_lines_without_a_width() {
        let text = "a ".repeat(200);
        assert_eq!(Layout::new(None).lines("", "  ", &text), vec![text.clone()]);
        assert_eq!(Layout::new(None).fit(&text), text);
    }

    #[test]
    fn long_names_are_shortened_in_the_middle() {
        let s = shorten_middle("a-very-long-region-specific-endpoint.api.openai.com", 24);
        assert_eq!(width(&s), 24, "{s}");
        assert!(s.starts_with("a-very") && s.ends_with("openai.com") && s.contains('…'));
        assert_eq!(shorten_middle("chatgpt.com", 24), "chatgpt.com");
        assert!(width(&shorten_middle("很长很长很长很长很长的名字", 9)) <= 9);
    }
}
