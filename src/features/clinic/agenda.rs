//! The clinic agenda: today and the week after it in China time, and where an
//! appointment list starts. Host-compiled and tested natively.

use scrm_api::clinic::Appointment;
use scrm_api::time::{civil_from_days, Timestamp, CHINA_OFFSET_MS};

const DAY_MS: i64 = 86_400_000;

/// Epoch ms of midnight (China time) of the day containing `epoch_ms`.
pub fn china_day_start(epoch_ms: i64) -> i64 {
    (epoch_ms + CHINA_OFFSET_MS).div_euclid(DAY_MS) * DAY_MS - CHINA_OFFSET_MS
}

/// `YYYY-MM-DD` (China time) of the day containing `epoch_ms`.
pub fn china_date(epoch_ms: i64) -> String {
    let (y, m, d) = civil_from_days((epoch_ms + CHINA_OFFSET_MS).div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// One day of the agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub is_today: bool,
    /// Not cancelled, in appointment-time order (then id).
    pub items: Vec<Appointment>,
}

/// Today and the six days after it, each with its appointments in time
/// order; cancelled appointments are left out. Days without appointments
/// are kept so the week reads as a week.
pub fn agenda(appointments: &[Appointment], now_ms: i64) -> Vec<AgendaDay> {
    let today = china_day_start(now_ms);
    (0..7)
        .map(|i| {
            let start = today + i * DAY_MS;
            let mut items: Vec<Appointment> = appointments
                .iter()
                .filter(|a| a.cancel_time.is_none())
                .filter(|a| {
                    a.appointment_time
                        .as_ref()
                        .is_some_and(|t| (start..start + DAY_MS).contains(&t.epoch_ms()))
                })
                .cloned()
                .collect();
            items.sort_by_key(|a| (a.appointment_time.as_ref().map(Timestamp::epoch_ms), a.id));
            items.dedup_by_key(|a| a.id);
            AgendaDay {
                date: china_date(start),
                is_today: i == 0,
                items,
            }
        })
        .collect()
}

/// Where an appointment list starts when first opened: thirty days back, so
/// staff see the recent past without paging through the clinic's history.
pub fn feed_start(now_ms: i64) -> Option<Timestamp> {
    Timestamp::from_epoch_ms(china_day_start(now_ms) - 30 * DAY_MS)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn agenda_orders_today_by_time_and_skips_cancelled() {
        let at = |id: i64, t: &str| Appointment {
            id: Some(id),
            appointment_time: Timestamp::parse(t),
            ..Default::default()
        };
        let now = Timestamp::parse("2030-01-02 12:00:00").unwrap().epoch_ms();
        let mut cancelled = at(4, "2030-01-02 08:00:00");
        cancelled.cancel_time = Timestamp::parse("2030-01-01 08:00:00");
        let list = vec![
            at(1, "2030-01-02 15:00:00"),
            at(2, "2030-01-02 09:00:00"),
            at(3, "2030-01-03 09:00:00"),
            cancelled,
            at(5, "2030-01-01 23:59:59"),
            at(6, "2030-01-09 00:00:00"),
        ];
        let days = agenda(&list, now);
        assert_eq!(days.len(), 7);
        assert_eq!(days[0].date, "2030-01-02");
        assert!(days[0].is_today);
        let ids = |d: &AgendaDay| d.items.iter().filter_map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(ids(&days[0]), [2, 1]);
        assert_eq!(ids(&days[1]), [3]);
        assert_eq!(days[6].date, "2030-01-08");
        assert!(days.iter().all(|d| !ids(d).contains(&6)));
    }

    #[test]
    fn china_midnight() {
        // 2030-01-02 00:30 China is 2030-01-01 16:30 UTC.
        let t = Timestamp::parse("2030-01-02 00:30:00").unwrap().epoch_ms();
        assert_eq!(china_date(t), "2030-01-02");
        assert_eq!(
            Timestamp::from_epoch_ms(china_day_start(t))
                .unwrap()
                .display(),
            "2030-01-02 00:00:00"
        );
        assert_eq!(feed_start(t).unwrap().display(), "2029-12-03 00:00:00");
    }
}
