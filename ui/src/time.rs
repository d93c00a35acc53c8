//! Times as the users read them: Asia/Ho_Chi_Minh (UTC+7, no daylight saving, so a
//! fixed offset is exact), `dd/MM/yyyy HH:mm`, weekdays Thứ Hai … Chủ Nhật.
//! Pure functions: the clock is read once, in [`now`].

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::i18n::{Lang, weekday};

const OFFSET_SECONDS: i32 = 7 * 3600;

pub fn zone() -> FixedOffset {
    FixedOffset::east_opt(OFFSET_SECONDS).expect("UTC+7 is a valid offset")
}

/// The browser's clock. Only called from the wasm side.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

pub fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&zone())
}

pub fn local_day(t: DateTime<Utc>) -> NaiveDate {
    local(t).date_naive()
}

/// `25/11/2026 07:15`
pub fn date_time(t: DateTime<Utc>) -> String {
    local(t).format("%d/%m/%Y %H:%M").to_string()
}

pub fn date_of(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `07:15`
pub fn clock(t: DateTime<Utc>) -> String {
    local(t).format("%H:%M").to_string()
}

/// `Thứ Tư, 25/11/2026 07:15 – 08:00`
pub fn span(lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let wd = weekday(lang, local(start).weekday().num_days_from_monday());
    if local_day(start) == local_day(end) {
        format!("{wd}, {} – {}", date_time(start), clock(end))
    } else {
        format!("{wd}, {} – {}", date_time(start), date_time(end))
    }
}

/// Parse `dd/MM/yyyy` (also `d/M/yyyy`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y").ok()
}

/// Parse `HH:mm` (also `H:mm`).
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// A local day and time of day in Asia/Ho_Chi_Minh, as an instant.
pub fn at_local(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = NaiveDateTime::new(day, time);
    zone().from_local_datetime(&naive).single().expect("a fixed offset has no gaps").with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_in_ho_chi_minh_time() {
        let t = DateTime::parse_from_rfc3339("2026-11-25T00:15:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(date_time(t), "25/11/2026 07:15");
        let end = t + chrono::Duration::minutes(45);
        assert_eq!(span(Lang::Vi, t, end), "Thứ Tư, 25/11/2026 07:15 – 08:00");
        // 23:30 UTC is already the next day in Việt Nam.
        let late = DateTime::parse_from_rfc3339("2026-11-24T23:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(local_day(late), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }

    #[test]
    fn typed_dates_round_trip() {
        let d = parse_date("5/1/2027").unwrap();
        let t = parse_clock("7:15").unwrap();
        let at = at_local(d, t);
        assert_eq!(date_time(at), "05/01/2027 07:15");
        assert!(parse_date("2027-01-05").is_none());
        assert!(parse_clock("25:00").is_none());
    }
}
