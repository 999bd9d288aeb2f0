//! Incremental appointment lists without gaps or repeats.
//!
//! getAppointmentList is polled with `lastCreateTime` (or `lastCompleteTime`,
//! `lastAppointTime`, `lastCancelTime`) set to the newest time already seen.
//! The clinic's times have one-second resolution, so several records often
//! share a timestamp; asking for "after t" would skip the ones at `t` that did
//! not fit in the last page, asking for "from t" would repeat the ones already
//! seen. The panel and the reference server therefore share this rule:
//!
//! * **Server**: return the records whose time is `>=` the given time, ordered
//!   by `(time, id)`. A page may be limited, but is cut only between groups of
//!   equal timestamps, never inside one: the whole group at the given time is
//!   always included, then at least one whole newer group, then further whole
//!   groups while the page stays within the limit ([`cut_len`]). Because the
//!   group at the given time is always complete, no record at that time can
//!   be left behind, and the first newer group guarantees progress.
//! * **Client**: remember the newest time and the ids seen at exactly that
//!   time ([`IncrementalCursor`]); drop records older than it or already seen
//!   at it, and ask again from the newest time.

use std::collections::BTreeSet;

use crate::clinic::{Appointment, AppointmentListReply, AppointmentListRequest};
use crate::time::Timestamp;

/// Where a client is in one incremental list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncrementalCursor {
    /// Newest record time seen (epoch ms); `None` before the first record.
    pub last_time: Option<i64>,
    /// Ids already delivered whose time is exactly `last_time`.
    pub seen_ids_at_last_time: BTreeSet<i64>,
}

impl IncrementalCursor {
    pub fn new() -> Self {
        Self::default()
    }

    /// A cursor that has seen nothing at or after `start`.
    pub fn starting_at(start: &Timestamp) -> Self {
        IncrementalCursor {
            last_time: Some(start.epoch_ms()),
            seen_ids_at_last_time: BTreeSet::new(),
        }
    }

    /// The time to send as `last*Time`, as wall-clock text (the clinic's
    /// form). Rounded down to the second, which can only re-send records the
    /// cursor then drops.
    pub fn since(&self) -> Option<Timestamp> {
        let t = Timestamp::from_epoch_ms(self.last_time?)?;
        Timestamp::parse(t.display())
    }

    /// Takes one reply's records, returns the ones not delivered before (in
    /// `(time, id)` order) and moves the cursor past them. `key` gives a
    /// record's `(epoch ms, id)`; records without one cannot be placed in the
    /// feed and are dropped.
    pub fn merge<T>(
        &mut self,
        batch: impl IntoIterator<Item = T>,
        key: impl Fn(&T) -> Option<(i64, i64)>,
    ) -> Vec<T> {
        let mut keyed: Vec<((i64, i64), T)> = batch
            .into_iter()
            .filter_map(|r| key(&r).map(|k| (k, r)))
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        keyed.dedup_by_key(|(k, _)| *k);
        let mut fresh = Vec::new();
        for ((time, id), record) in keyed {
            match self.last_time {
                Some(last) if time < last => continue,
                Some(last) if time == last => {
                    if !self.seen_ids_at_last_time.insert(id) {
                        continue;
                    }
                }
                _ => {
                    self.last_time = Some(time);
                    self.seen_ids_at_last_time.clear();
                    self.seen_ids_at_last_time.insert(id);
                }
            }
            fresh.push(record);
        }
        fresh
    }
}

/// How many of `times` (ascending, all `>= since`) the server sends in one
/// page under the rule above; `limit` 0 means no limit.
pub fn cut_len(times: &[i64], since: Option<i64>, limit: usize) -> usize {
    let mut sent = 0;
    let mut newer_groups = 0;
    while let Some(&t) = times.get(sent) {
        let end = sent
            + times
                .get(sent..)
                .unwrap_or(&[])
                .iter()
                .take_while(|&&x| x == t)
                .count();
        let at_since = since == Some(t);
        if !at_since && newer_groups > 0 && limit > 0 && end > limit {
            break;
        }
        if !at_since {
            newer_groups += 1;
        }
        sent = end;
    }
    sent
}

/// The four lists of getAppointmentList, each its own incremental feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppointmentFeed {
    Created,
    Completed,
    Appointed,
    Cancelled,
}

impl AppointmentFeed {
    pub fn time_of(self, a: &Appointment) -> Option<&Timestamp> {
        match self {
            AppointmentFeed::Created => a.create_time.as_ref(),
            AppointmentFeed::Completed => a.complete_time.as_ref(),
            AppointmentFeed::Appointed => a.appointment_time.as_ref(),
            AppointmentFeed::Cancelled => a.cancel_time.as_ref(),
        }
    }

    /// The `(time, id)` a cursor orders this feed's records by.
    pub fn key(self, a: &Appointment) -> Option<(i64, i64)> {
        Some((self.time_of(a)?.epoch_ms(), a.id?))
    }

    pub fn take_list(self, reply: AppointmentListReply) -> Vec<Appointment> {
        match self {
            AppointmentFeed::Created => reply.create_list,
            AppointmentFeed::Completed => reply.complete_list,
            AppointmentFeed::Appointed => reply.appointment_list,
            AppointmentFeed::Cancelled => reply.cancel_list,
        }
    }

    /// The request for this feed's next page.
    pub fn request(
        self,
        cursor: &IncrementalCursor,
        cus_id: Option<i64>,
    ) -> AppointmentListRequest {
        let since = cursor.since();
        let mut req = AppointmentListRequest {
            cus_id,
            ..Default::default()
        };
        match self {
            AppointmentFeed::Created => req.last_create_time = since,
            AppointmentFeed::Completed => req.last_complete_time = since,
            AppointmentFeed::Appointed => req.last_appoint_time = since,
            AppointmentFeed::Cancelled => req.last_cancel_time = since,
        }
        req
    }

    /// The time this feed's request asks from, on the server side.
    pub fn since(self, req: &AppointmentListRequest) -> Option<&Timestamp> {
        match self {
            AppointmentFeed::Created => req.last_create_time.as_ref(),
            AppointmentFeed::Completed => req.last_complete_time.as_ref(),
            AppointmentFeed::Appointed => req.last_appoint_time.as_ref(),
            AppointmentFeed::Cancelled => req.last_cancel_time.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(r: &(i64, i64)) -> Option<(i64, i64)> {
        Some(*r)
    }

    /// The server side of the rule over a store of `(time, id)` records.
    fn serve(store: &[(i64, i64)], since: Option<i64>, limit: usize) -> Vec<(i64, i64)> {
        let mut rows: Vec<_> = store
            .iter()
            .copied()
            .filter(|(t, _)| since.is_none_or(|s| *t >= s))
            .collect();
        rows.sort();
        let times: Vec<i64> = rows.iter().map(|r| r.0).collect();
        rows.truncate(cut_len(&times, since, limit));
        rows
    }

    #[test]
    fn never_cuts_inside_a_group() {
        assert_eq!(cut_len(&[1, 2, 2, 2, 3], None, 2), 1);
        assert_eq!(cut_len(&[2, 2, 2, 3], None, 2), 3);
        assert_eq!(cut_len(&[2, 2, 2, 3, 4], Some(2), 2), 4);
        assert_eq!(cut_len(&[2, 2, 2, 3, 4], Some(2), 5), 5);
        assert_eq!(cut_len(&[1, 1, 2], None, 0), 3);
        assert_eq!(cut_len(&[], Some(5), 3), 0);
    }

    #[test]
    fn shared_timestamps_are_neither_skipped_nor_repeated() {
        let mut store = vec![(10, 1), (10, 2), (20, 3), (20, 4), (20, 5), (30, 6)];
        let mut c = IncrementalCursor::new();
        let mut got = Vec::new();
        for _ in 0..10 {
            let batch = serve(&store, c.last_time, 2);
            got.extend(c.merge(batch, key));
        }
        assert_eq!(got, store);
        assert_eq!(c.last_time, Some(30));
        // A record arriving later at the newest time is still delivered once.
        store.push((30, 7));
        store.push((30, 8));
        for _ in 0..3 {
            let batch = serve(&store, c.last_time, 2);
            got.extend(c.merge(batch, key));
        }
        assert_eq!(got, store);
        assert_eq!(c.seen_ids_at_last_time, BTreeSet::from([6, 7, 8]));
    }

    #[test]
    fn merge_drops_duplicates_and_older_records() {
        let mut c = IncrementalCursor::new();
        assert_eq!(c.merge(vec![(5, 1), (5, 1), (4, 9)], key), [(4, 9), (5, 1)]);
        assert_eq!(c.merge(vec![(3, 2), (5, 1), (5, 3)], key), [(5, 3)]);
    }

    #[test]
    fn appointment_feed_keys_and_request() {
        let a = Appointment {
            id: Some(898),
            create_time: Timestamp::parse("2022-01-04 10:23:14"),
            ..Default::default()
        };
        let k = AppointmentFeed::Created.key(&a);
        assert_eq!(k, Some((1_641_262_994_000, 898)));
        assert_eq!(AppointmentFeed::Completed.key(&a), None);
        let mut c = IncrementalCursor::new();
        c.merge(vec![a], |r| AppointmentFeed::Created.key(r));
        let req = AppointmentFeed::Created.request(&c, Some(13510));
        let q = crate::query_string(&req).unwrap_or_default();
        assert_eq!(q, "lastCreateTime=2022-01-04+10%3A23%3A14&cusId=13510");
    }
}
