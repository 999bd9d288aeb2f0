//! Wall-clock helpers. The vendor shows local times in China Standard Time
//! (UTC+8, no daylight saving), so formatting and parsing use that fixed
//! offset whatever the host's time zone is.

use std::time::{SystemTime, UNIX_EPOCH};

const OFFSET_MS: i64 = 8 * 3600 * 1000;
const DAY_MS: i64 = 86_400_000;

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD HH:MM:SS` in UTC+8.
pub fn format_ms(ms: i64) -> String {
    let local = ms + OFFSET_MS;
    let days = local.div_euclid(DAY_MS);
    let secs = local.rem_euclid(DAY_MS) / 1000;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// `YYYY-MM-DD` in UTC+8.
pub fn format_date(ms: i64) -> String {
    let mut s = format_ms(ms);
    s.truncate(10);
    s
}

/// Parses what people and date pickers send: `YYYY-MM-DD`, optionally
/// followed by ` HH:MM` or ` HH:MM:SS` (or `T` instead of the space), read as
/// UTC+8; or a bare number of Unix milliseconds. `None` when unreadable.
pub fn parse_ms(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) && t.len() >= 11 {
        return t.parse().ok();
    }
    let (date, time) = match t.find([' ', 'T']) {
        Some(i) => (&t[..i], t[i + 1..].trim()),
        None => (t, ""),
    };
    let mut dp = date.split(['-', '/']);
    let y: i64 = dp.next()?.parse().ok()?;
    let m: i64 = dp.next()?.parse().ok()?;
    let d: i64 = dp.next()?.parse().ok()?;
    if dp.next().is_some() || !(1..=12).contains(&m) || !(1..=days_in_month(y, m)).contains(&d) {
        return None;
    }
    let (mut hh, mut mm, mut ss) = (0i64, 0i64, 0i64);
    if !time.is_empty() {
        let time = time.split('.').next().unwrap_or("");
        let mut tp = time.split(':');
        hh = tp.next()?.parse().ok()?;
        mm = tp.next().unwrap_or("0").parse().ok()?;
        ss = tp.next().unwrap_or("0").parse().ok()?;
        if tp.next().is_some() || hh > 23 || mm > 59 || ss > 59 || hh < 0 || mm < 0 || ss < 0 {
            return None;
        }
    }
    Some(days_from_civil(y, m, d) * DAY_MS + (hh * 3600 + mm * 60 + ss) * 1000 - OFFSET_MS)
}

/// Whether `text` is exactly a valid `Y-m-d` date (the clinic's birthday format).
pub fn is_ymd(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && text
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && parse_ms(text).is_some()
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let ms = parse_ms("2019-11-28 17:17:45").unwrap_or_default();
        assert_eq!(format_ms(ms), "2019-11-28 17:17:45");
        assert_eq!(format_ms(1_565_164_517_924), "2019-08-07 15:55:17");
        assert_eq!(parse_ms("2024-02-29"), parse_ms("2024-02-29 00:00:00"));
        assert_eq!(parse_ms("2023-02-29"), None);
        assert_eq!(parse_ms("1565164517924"), Some(1_565_164_517_924));
        assert!(is_ymd("1990-01-31"));
        assert!(!is_ymd("1990-1-31"));
        assert!(!is_ymd("1990-02-30"));
    }
}
