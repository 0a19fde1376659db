//! Every error and note has a stable code and words in both languages that carry its data.

use std::time::Duration;

use super::super::{BadEntry, FileKind, PacError, PacNote, Phase};
use super::clock;
use crate::i18n::Lang;

fn every_error() -> Vec<PacError> {
    vec![
        PacError::BadLocation {
            location: "ftp://192.0.2.1/p.pac".into(),
        },
        PacError::Unreadable {
            path: "/etc/p.pac".into(),
            error: "permission denied".into(),
        },
        PacError::NotAFile {
            path: "/tmp/fifo.pac".into(),
            kind: FileKind::Fifo,
        },
        PacError::TooLarge {
            bytes: 5000,
            limit: 1024,
        },
        PacError::Fetch {
            url: "http://192.0.2.1/p.pac".into(),
            stage: "tcp",
            failure: "connection_refused".into(),
            detail: "refused".into(),
        },
        PacError::HttpStatus {
            url: "http://192.0.2.1/p.pac".into(),
            status: 404,
        },
        PacError::TooManyRedirects {
            url: "http://192.0.2.1/loop".into(),
            limit: 5,
        },
        PacError::BodyCut {
            url: "http://192.0.2.1/p.pac".into(),
            bytes: 12,
        },
        PacError::FetchDeadline {
            location: "http://192.0.2.1/p.pac".into(),
        },
        PacError::NulByte { offset: 7 },
        PacError::Syntax {
            message: "unexpected token".into(),
            line: Some(3),
        },
        PacError::Syntax {
            message: "unexpected token".into(),
            line: None,
        },
        PacError::MissingFunction,
        PacError::Threw {
            phase: Phase::Load,
            message: "TypeError: x".into(),
        },
        PacError::Threw {
            phase: Phase::Call,
            message: "TypeError: x".into(),
        },
        PacError::Timeout {
            limit: Duration::from_secs(1),
            stuck: false,
        },
        PacError::Timeout {
            limit: Duration::from_secs(1),
            stuck: true,
        },
        PacError::MemoryExhausted { limit: 16 },
        PacError::StackExhausted { limit: 8 },
        PacError::NotAString { got: "object".into() },
        PacError::EmptyResult,
        PacError::BadResult {
            entry: "PROXY x:0".into(),
            problem: BadEntry::BadPort,
        },
        PacError::Engine {
            detail: "evaluation_thread_ended".into(),
        },
    ]
}

#[test]
fn every_error_has_a_snake_case_code_and_words_in_both_languages() {
    let mut codes = std::collections::BTreeSet::new();
    for e in every_error() {
        let code = e.code();
        assert!(
            code.starts_with("pac_") && code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{code}"
        );
        assert_eq!(e.to_string(), code, "Display is the code, never words");
        codes.insert(code);
        let message = e.message();
        for lang in Lang::ALL {
            let text = message.text(lang);
            assert!(!text.is_empty() && text != message.id, "{code} in {lang:?}");
            assert!(!text.contains("{ $"), "{code} in {lang:?}: {text}");
        }
    }
    assert_eq!(codes.len(), 20, "one code per variant");
}

#[test]
fn the_words_carry_the_data() {
    let text = PacError::NotAFile {
        path: "/tmp/fifo.pac".into(),
        kind: FileKind::Fifo,
    }
    .message()
    .text(Lang::En);
    assert!(text.contains("/tmp/fifo.pac") && text.contains("fifo"), "{text}");
    let text = PacError::BadResult {
        entry: "PROXY x:0".into(),
        problem: BadEntry::BadPort,
    }
    .message()
    .text(Lang::ZhCn);
    assert!(text.contains("PROXY x:0") && text.contains("65535"), "{text}");
    let text = PacError::Syntax {
        message: "unexpected token".into(),
        line: Some(3),
    }
    .message()
    .text(Lang::En);
    assert!(
        text.contains("line 3") && text.contains("unexpected token"),
        "{text}"
    );
}

#[test]
fn every_note_has_a_code_and_words() {
    for note in [
        PacNote::UnexpectedMediaType {
            media_type: "text/plain".into(),
        },
        PacNote::NotUtf8,
        PacNote::Redirected {
            from: "http://192.0.2.1/a".into(),
            to: "http://192.0.2.1/b".into(),
        },
    ] {
        for lang in Lang::ALL {
            let text = note.message().text(lang);
            assert!(!text.is_empty() && text != note.message().id, "{}", note.code());
        }
    }
}

#[test]
fn the_clock_gives_gmt_and_local_wall_times() {
    let gmt = clock().wall_time(true);
    assert_eq!(
        (gmt.year, gmt.month, gmt.day, gmt.weekday, gmt.hour),
        (2024, 6, 30, 0, 20)
    );
    let local = clock().wall_time(false);
    assert_eq!(
        (local.year, local.month, local.day, local.weekday, local.hour),
        (2024, 7, 1, 1, 4)
    );
}

#[test]
fn the_system_clock_has_a_plausible_offset() {
    let offset = super::super::PacClock::system().local_offset;
    assert!(offset.whole_hours().abs() <= 14, "{offset}");
}
