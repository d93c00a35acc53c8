//! Time as the users see it: Asia/Ho_Chi_Minh.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;

/// The local calendar day of an instant.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Ho_Chi_Minh).date_naive()
}

/// The instant of a local day and time of day.
pub fn at_local(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    // Vietnam has no daylight saving time, so every local time exists exactly once.
    match Ho_Chi_Minh.from_local_datetime(&day.and_time(time)).single() {
        Some(t) => t.with_timezone(&Utc),
        None => Utc.from_utc_datetime(&(day.and_time(time) - chrono::Duration::hours(7))),
    }
}

/// The same local time of day as `at`, on `day`.
pub fn same_time_on(at: DateTime<Utc>, day: NaiveDate) -> DateTime<Utc> {
    at_local(day, at.with_timezone(&Ho_Chi_Minh).time())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_fifteen_in_hanoi_is_quarter_past_midnight_utc() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let t = at_local(day, NaiveTime::from_hms_opt(7, 15, 0).unwrap());
        assert_eq!(t.to_rfc3339(), "2026-11-21T00:15:00+00:00");
        assert_eq!(local_day(t), day);
    }
}
