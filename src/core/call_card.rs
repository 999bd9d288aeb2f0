//! Rules behind the call pop-up's card that need no browser: a note added to the remarks,
//! which manual entries are the caller's and still pending, which appointment is next.
//! Host-compiled, so they are tested natively.

use scrm_api::clinic::Appointment;
use scrm_api::manual_task::ManualEntry;
use scrm_api::validate::normalize_phone;

/// The remarks with `note` added on a line of its own, dated (`yyyy-MM-dd HH:mm`) so a
/// colleague reading them later knows when it was said. `None` when the note is blank.
pub fn with_note(remarks: Option<&str>, note: &str, stamp: &str) -> Option<String> {
    let note = note.trim();
    if note.is_empty() {
        return None;
    }
    let line = format!("{stamp} {note}");
    Some(
        match remarks.map(str::trim_end).filter(|r| !r.trim().is_empty()) {
            Some(before) => format!("{before}\n{line}"),
            None => line,
        },
    )
}

/// Whether a stored number, however it was typed, is `phone` (digits).
pub fn same_number(stored: Option<&str>, phone: &str) -> bool {
    stored
        .and_then(|p| normalize_phone(p).ok())
        .is_some_and(|p| p == phone)
}

/// The entries whose number is `phone` (digits).
pub fn entries_for(entries: Vec<ManualEntry>, phone: &str) -> Vec<ManualEntry> {
    entries
        .into_iter()
        .filter(|e| same_number(e.customer_phone.as_deref(), phone))
        .collect()
}

/// Still to do: not dialled yet, or dialled but not added as a friend.
pub fn pending(e: &ManualEntry) -> bool {
    e.dial_status != Some(1) || e.add_status != Some(1)
}

/// The earliest appointment with a time (the list holds today's and later ones).
pub fn next_appointment(list: &[Appointment]) -> Option<&Appointment> {
    list.iter()
        .filter(|a| a.appointment_time.is_some())
        .min_by_key(|a| a.appointment_time.as_ref().map(|t| t.epoch_ms()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrm_api::time::Timestamp;

    #[test]
    fn a_note_goes_on_its_own_dated_line() {
        assert_eq!(
            with_note(Some("老客户\n"), "  周五回电 ", "2026-12-02 16:40").as_deref(),
            Some("老客户\n2026-12-02 16:40 周五回电")
        );
        assert_eq!(
            with_note(None, "回电", "2026-12-02 16:40").as_deref(),
            Some("2026-12-02 16:40 回电")
        );
        assert_eq!(
            with_note(Some("  "), "回电", "s").as_deref(),
            Some("s 回电")
        );
        assert_eq!(with_note(Some("x"), " \n ", "s"), None);
    }

    #[test]
    fn entries_match_by_digits_and_pending_means_work_left() {
        let entry = |phone: &str, dial, add| ManualEntry {
            customer_phone: Some(phone.into()),
            dial_status: dial,
            add_status: add,
            ..Default::default()
        };
        let found = entries_for(
            vec![
                entry("+86 138-0000-0001", Some(0), Some(0)),
                entry("13800000009", Some(1), Some(1)),
                entry("138****0001", None, None),
            ],
            "13800000001",
        );
        assert_eq!(found.len(), 1);
        assert!(found.iter().all(pending));
        assert!(pending(&entry("1", Some(1), Some(0))));
        assert!(!pending(&entry("1", Some(1), Some(1))));
    }

    #[test]
    fn the_next_appointment_is_the_earliest_with_a_time() {
        let at = |s: &str| Appointment {
            appointment_time: Timestamp::parse(s),
            content: Some(s.into()),
            ..Default::default()
        };
        let list = vec![
            at("2026-12-09 10:00:00"),
            Appointment::default(),
            at("2026-12-03 09:30:00"),
        ];
        assert_eq!(
            next_appointment(&list).and_then(|a| a.content.as_deref()),
            Some("2026-12-03 09:30:00")
        );
        assert!(next_appointment(&[]).is_none());
    }
}
