//! The time `weekdayRange`, `dateRange` and `timeRange` see: an instant and this machine's offset
//! from GMT, given by the caller so that tests (and replays) are deterministic.

use time::{OffsetDateTime, UtcOffset};

/// "Now" for the date and time helpers: an instant and the local offset from GMT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacClock {
    /// The instant (its own offset is ignored).
    pub now: OffsetDateTime,
    /// Local time's offset from GMT at that instant (what the helpers use without `"GMT"`).
    pub local_offset: UtcOffset,
}

/// A calendar date and a time of day, as the helpers compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallTime {
    pub year: i32,
    /// 1 (January) to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
    /// 0 (Sunday) to 6 (Saturday), as JavaScript's `getDay`.
    pub weekday: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl PacClock {
    /// A fixed instant and offset.
    pub fn fixed(now: OffsetDateTime, local_offset: UtcOffset) -> PacClock {
        PacClock { now, local_offset }
    }

    /// The system clock, with the local offset the C library reports (the one browsers' PAC
    /// engines use too); GMT when it cannot be read.
    pub fn system() -> PacClock {
        let now = OffsetDateTime::now_utc();
        PacClock {
            now,
            local_offset: c_library_offset(now).unwrap_or(UtcOffset::UTC),
        }
    }

    /// The wall time in GMT (`gmt`) or in local time.
    pub fn wall_time(&self, gmt: bool) -> WallTime {
        let offset = if gmt { UtcOffset::UTC } else { self.local_offset };
        let t = self.now.to_offset(offset);
        WallTime {
            year: t.year(),
            month: u8::from(t.month()),
            day: t.day(),
            weekday: t.weekday().number_days_from_sunday(),
            hour: t.hour(),
            minute: t.minute(),
            second: t.second(),
        }
    }
}

/// The local offset at `now`, asked of QuickJS's `Date`, which asks the C library (`localtime_r`
/// on Unix): the `time` crate reads it only with a feature this crate does not enable.
fn c_library_offset(now: OffsetDateTime) -> Option<UtcOffset> {
    let runtime = rquickjs::Runtime::new().ok()?;
    let context = rquickjs::Context::full(&runtime).ok()?;
    let millis = now.unix_timestamp_nanos() / 1_000_000;
    // getTimezoneOffset is minutes *west* of GMT: UTC+8 is -480.
    let minutes_west: i32 = context
        .with(|ctx| ctx.eval(format!("new Date({millis}).getTimezoneOffset()")))
        .ok()?;
    UtcOffset::from_whole_seconds(minutes_west.checked_mul(-60)?).ok()
}
