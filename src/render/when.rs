//! Times for people: a status page's dates (RFC 3339, UTC) shown in the reader's zone with their
//! age — `08:13 UTC, 3 minutes ago`. The exact timestamp stays in the JSON.

use std::sync::OnceLock;

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::i18n::Lang;
use crate::tr;

static LOCAL: OnceLock<Option<UtcOffset>> = OnceLock::new();

/// The reader's UTC offset, read once. The platform can only tell it safely while the process
/// has one thread, so `main_entry` asks first; when it cannot be told, times are shown in UTC
/// (and say so).
pub fn local_offset() -> Option<UtcOffset> {
    *LOCAL.get_or_init(|| UtcOffset::current_local_offset().ok())
}

/// The moment a report's check ended: its start plus its duration.
pub fn report_now(started_at: &str, duration_ms: f64) -> Option<OffsetDateTime> {
    let start = OffsetDateTime::parse(started_at, &Rfc3339).ok()?;
    Some(start + time::Duration::milliseconds(duration_ms.max(0.0) as i64))
}

/// `at` (RFC 3339) in `offset`'s zone (UTC when unknown) with its age against `now`; the date
/// too when it is another day there. Text that is no timestamp comes back as it is.
pub fn when(lang: Lang, at: &str, now: Option<OffsetDateTime>, offset: Option<UtcOffset>) -> String {
    let Ok(t) = OffsetDateTime::parse(at, &Rfc3339) else {
        return at.to_string();
    };
    let offset = offset.unwrap_or(UtcOffset::UTC);
    let local = t.to_offset(offset);
    let zone = if offset == UtcOffset::UTC {
        "UTC".to_string()
    } else {
        let (h, m, _) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        match m.unsigned_abs() {
            0 => format!("UTC{sign}{}", h.unsigned_abs()),
            m => format!("UTC{sign}{}:{m:02}", h.unsigned_abs()),
        }
    };
    let clock = format!("{:02}:{:02}", local.hour(), local.minute());
    let same_day = now.is_some_and(|n| n.to_offset(offset).date() == local.date());
    let time = if same_day {
        clock
    } else {
        format!("{} {clock}", local.date())
    };
    match now {
        Some(n) => tr!(
            lang,
            "human-when",
            time = time,
            zone = zone,
            age = age(lang, n - t)
        ),
        None => tr!(lang, "human-when-no-age", time = time, zone = zone),
    }
}

/// How long ago (or how far ahead) a moment is, in the largest whole unit.
fn age(lang: Lang, d: time::Duration) -> String {
    let secs = d.whole_seconds();
    let ahead = secs < 0;
    let secs = secs.unsigned_abs();
    let (unit, n) = match secs {
        0..60 => return tr!(lang, "human-age-now"),
        60..3600 => ("minutes", secs / 60),
        3600..86400 => ("hours", secs / 3600),
        _ => ("days", secs / 86400),
    };
    tr!(
        lang,
        "human-age",
        unit = unit,
        direction = if ahead { "ahead" } else { "ago" },
        n = n
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Option<OffsetDateTime> {
        report_now("2026-12-06T08:16:17Z", 500.0)
    }

    #[test]
    fn a_time_is_shown_in_the_readers_zone_with_its_age() {
        let at = "2026-12-06T08:13:17.000Z";
        assert_eq!(when(Lang::En, at, now(), None), "08:13 UTC, 3 minutes ago");
        let shanghai = UtcOffset::from_hms(8, 0, 0).ok();
        assert_eq!(when(Lang::En, at, now(), shanghai), "16:13 UTC+8, 3 minutes ago");
        let zh = when(Lang::ZhCn, at, now(), shanghai);
        assert!(zh.contains("16:13") && zh.contains("3 分钟前"), "{zh}");
        let kolkata = UtcOffset::from_hms(5, 30, 0).ok();
        assert_eq!(
            when(Lang::En, at, now(), kolkata),
            "13:43 UTC+5:30, 3 minutes ago"
        );
    }

    #[test]
    fn another_day_shows_its_date_and_the_future_is_ahead() {
        assert_eq!(
            when(Lang::En, "2026-12-04T23:00:00Z", now(), None),
            "2026-12-04 23:00 UTC, 1 day ago"
        );
        assert_eq!(
            when(Lang::En, "2026-12-06T10:16:30Z", now(), None),
            "10:16 UTC, in 2 hours"
        );
        assert_eq!(
            when(Lang::En, "2026-12-06T08:16:00Z", now(), None),
            "08:16 UTC, just now"
        );
        assert_eq!(
            when(Lang::En, "soon", now(), None),
            "soon",
            "not a timestamp: as it came"
        );
        assert_eq!(
            when(Lang::En, "2026-12-06T08:13:17Z", None, None),
            "2026-12-06 08:13 UTC"
        );
    }
}
