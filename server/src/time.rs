//! The server's clock. Calendar arithmetic and parsing are scrm-api's
//! [`Timestamp`], shared with the panel, so both read a time the same way.

use std::time::{SystemTime, UNIX_EPOCH};

use scrm_api::time::{TimeForm, Timestamp};

const DAY_MS: i64 = 86_400_000;

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// `yyyy-MM-dd HH:mm:ss` China time: the clinic tables store times as this
/// text so that they order and compare as text. Empty outside years 1–9999,
/// which no clock or stored time reaches.
pub fn format_ms(ms: i64) -> String {
    Timestamp::from_epoch_ms(ms)
        .map(|t| t.display().to_owned())
        .unwrap_or_default()
}

/// A stored moment sent as wall-clock text rather than epoch milliseconds,
/// for replies whose documented times are text.
pub fn wall_clock(ms: i64) -> Option<Timestamp> {
    Timestamp::parse(Timestamp::from_epoch_ms(ms)?.display())
}

/// The last millisecond a filter's end covers: an end given as a bare date
/// means the whole of that day.
pub fn inclusive_end_ms(end: &Timestamp) -> i64 {
    if end.form() == TimeForm::Date {
        end.epoch_ms() + DAY_MS - 1
    } else {
        end.epoch_ms()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_text_round_trips_through_the_shared_parser() {
        assert_eq!(format_ms(1_565_164_517_924), "2019-08-07 15:55:17");
        let t = wall_clock(1_565_164_517_924);
        assert_eq!(t.as_ref().map(Timestamp::form), Some(TimeForm::DateTime));
        assert_eq!(t.map(|t| t.epoch_ms()), Some(1_565_164_517_000));
        assert_eq!(format_ms(i64::MAX), "");
    }

    #[test]
    fn a_date_end_covers_its_whole_day() {
        let day = Timestamp::parse("2024-02-29");
        let moment = Timestamp::parse("2024-02-29 12:00:00");
        let (Some(day), Some(moment)) = (day, moment) else {
            panic!("unparsable test times");
        };
        assert_eq!(format_ms(inclusive_end_ms(&day)), "2024-02-29 23:59:59");
        assert_eq!(inclusive_end_ms(&moment), moment.epoch_ms());
    }
}
