//! Times as the vendor sends them: epoch milliseconds (number or numeric
//! string) in some replies, `"yyyy-MM-dd HH:mm:ss"` wall-clock text in others,
//! sometimes a bare date. Both systems run on China time, so wall-clock text is
//! read as UTC+8. The civil-date arithmetic is done here rather than pulling in
//! chrono/time, which would cost the browser bundle far more than these lines.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// China Standard Time has had no daylight saving since 1991, so a fixed
/// offset is exact for every date the vendor can plausibly send.
pub const CHINA_OFFSET_MS: i64 = 8 * 3_600_000;

const DAY_MS: i64 = 86_400_000;
/// 0001-01-01 and 9999-12-31 bound the dates that print as four-digit years.
const MIN_DAYS: i64 = -719_162;
const MAX_DAYS: i64 = 2_932_896;

/// How a [`Timestamp`] arrived, so it is sent back the same way: the vendor's
/// Java side parses whichever form it produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeForm {
    /// Epoch milliseconds.
    Millis,
    /// `yyyy-MM-dd HH:mm:ss`.
    DateTime,
    /// `yyyy-MM-dd`, meaning midnight China time.
    Date,
}

/// A point in time with its China-time display form kept alongside, so the
/// panel never formats dates itself and the server can compare epoch values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    epoch_ms: i64,
    display: String,
    form: TimeForm,
}

impl Timestamp {
    /// `None` outside years 1..=9999 (China time).
    pub fn from_epoch_ms(epoch_ms: i64) -> Option<Self> {
        let local = epoch_ms.checked_add(CHINA_OFFSET_MS)?;
        let days = local.div_euclid(DAY_MS);
        if !(MIN_DAYS..=MAX_DAYS).contains(&days) {
            return None;
        }
        let (y, m, d) = civil_from_days(days);
        let secs = local.rem_euclid(DAY_MS) / 1000;
        Some(Timestamp {
            epoch_ms,
            display: format!(
                "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            ),
            form: TimeForm::Millis,
        })
    }

    /// A China-time wall-clock moment; `None` for an impossible date or time.
    pub fn from_civil(y: i64, m: u32, d: u32, hh: u32, mm: u32, ss: u32) -> Option<Self> {
        if !is_valid_date(y, m, d) || hh > 23 || mm > 59 || ss > 59 {
            return None;
        }
        let days = days_from_civil(y, m, d);
        let secs = i64::from(hh * 3600 + mm * 60 + ss);
        Some(Timestamp {
            epoch_ms: days * DAY_MS + secs * 1000 - CHINA_OFFSET_MS,
            display: format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}"),
            form: TimeForm::DateTime,
        })
    }

    /// Midnight China time of a calendar date.
    pub fn from_date(y: i64, m: u32, d: u32) -> Option<Self> {
        let mut t = Self::from_civil(y, m, d, 0, 0, 0)?;
        t.display.truncate(10);
        t.form = TimeForm::Date;
        Some(t)
    }

    /// Reads epoch milliseconds as digits, `yyyy-MM-dd`, or
    /// `yyyy-MM-dd HH:mm[:ss[.SSS]]` (a `T` separator is accepted too).
    /// Text with a non-zero fraction keeps its milliseconds and is treated as
    /// [`TimeForm::Millis`], because the text forms have no place for them.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let digits = t.strip_prefix('-').unwrap_or(t);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Self::from_epoch_ms(t.parse().ok()?);
        }
        parse_text(t)
    }

    pub fn epoch_ms(&self) -> i64 {
        self.epoch_ms
    }

    /// `yyyy-MM-dd HH:mm:ss`, or `yyyy-MM-dd` for a date-only value.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The `yyyy-MM-dd` part.
    pub fn date(&self) -> &str {
        self.display.get(..10).unwrap_or(&self.display)
    }

    pub fn form(&self) -> TimeForm {
        self.form
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

fn parse_text(t: &str) -> Option<Timestamp> {
    let (date, time) = match t.find([' ', 'T']) {
        Some(i) => (t.get(..i)?, Some(t.get(i + 1..)?.trim_start())),
        None => (t, None),
    };
    let mut dp = date.split('-');
    let y = field(dp.next()?, 4, 4)?;
    let m = field(dp.next()?, 1, 2)?;
    let d = field(dp.next()?, 1, 2)?;
    if dp.next().is_some() {
        return None;
    }
    let Some(time) = time else {
        return Timestamp::from_date(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?);
    };
    let (hms, frac) = match time.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (time, None),
    };
    let mut tp = hms.split(':');
    let hh = field(tp.next()?, 1, 2)?;
    let mm = field(tp.next()?, 1, 2)?;
    let ss = match tp.next() {
        Some(s) => field(s, 1, 2)?,
        None => 0,
    };
    if tp.next().is_some() {
        return None;
    }
    let u = |v: i64| u32::try_from(v).ok();
    let ts = Timestamp::from_civil(y, u(m)?, u(d)?, u(hh)?, u(mm)?, u(ss)?)?;
    match frac {
        None => Some(ts),
        Some(f) => {
            if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let ms = f
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(3)
                .fold(0, |a, b| a * 10 + i64::from(b - b'0'));
            if ms == 0 {
                return Some(ts);
            }
            Timestamp::from_epoch_ms(ts.epoch_ms + ms)
        }
    }
}

fn field(s: &str, min: usize, max: usize) -> Option<i64> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Whether `y-m-d` exists in the proleptic Gregorian calendar.
pub fn is_valid_date(y: i64, m: u32, d: u32) -> bool {
    (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.form {
            TimeForm::Millis => s.serialize_i64(self.epoch_ms),
            TimeForm::DateTime | TimeForm::Date => s.serialize_str(&self.display),
        }
    }
}

struct TsVisitor;

impl Visitor<'_> for TsVisitor {
    type Value = Timestamp;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("epoch milliseconds or a yyyy-MM-dd[ HH:mm:ss] time")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
        Timestamp::from_epoch_ms(v).ok_or_else(|| E::custom("time out of range"))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
        self.visit_i64(i64::try_from(v).map_err(E::custom)?)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            self.visit_i64(v as i64)
        } else {
            Err(E::custom("not an integer"))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse(v).ok_or_else(|| E::custom(format!("not a time: {v:?}")))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TsVisitor)
    }
}

/// For request filters: `null`, `""` and absent mean "no filter", but a value
/// that is not a time is an error, so a typo never silently widens a query.
pub fn opt_timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) if s.trim().is_empty() || s.trim() == "null" => Ok(None),
        other => Timestamp::deserialize(other)
            .map(Some)
            .map_err(de::Error::custom),
    }
}

/// For reply records: a time the vendor garbled becomes `None` instead of
/// failing the whole list.
pub fn lossy_timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(Timestamp::deserialize(v).ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn epoch_and_text_agree_in_china_time() {
        let t = Timestamp::from_epoch_ms(1_565_164_517_924).unwrap();
        assert_eq!(t.display(), "2019-08-07 15:55:17");
        let p = Timestamp::parse("2019-08-07 15:55:17").unwrap();
        assert_eq!(p.epoch_ms(), 1_565_164_517_000);
        assert_eq!(
            Timestamp::parse("1970-01-01 08:00:00").unwrap().epoch_ms(),
            0
        );
        let d = Timestamp::parse("2022-01-04").unwrap();
        assert_eq!(d.display(), "2022-01-04");
        assert_eq!(d.form(), TimeForm::Date);
        assert_eq!(
            Timestamp::parse("1565164517924").unwrap().form(),
            TimeForm::Millis
        );
    }

    #[test]
    fn civil_round_trip_over_leap_years() {
        for days in (MIN_DAYS..=MAX_DAYS).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert!(is_valid_date(y, m, d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert!(is_valid_date(2000, 2, 29));
        assert!(!is_valid_date(1900, 2, 29));
        assert!(!is_valid_date(2023, 4, 31));
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "2022-13-01",
            "2022-02-30",
            "22-01-01",
            "2022-01-01 24:00:00",
            "abc",
            "2022-01-01x",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
        let t = Timestamp::parse("2022-01-04 10:23:14.5").unwrap();
        assert_eq!(t.epoch_ms() % 1000, 500);
    }
}
