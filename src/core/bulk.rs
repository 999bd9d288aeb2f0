//! A bulk action's plan and outcome: the tag list each customer gets when a
//! tag is added or removed, the cap on "everyone matching", and the report
//! (how many done, skipped as already right, not reached, and each failure
//! with the customer's name and the reason in words).

/// Ids read per customerPage request when "all matching" is resolved.
pub const READ_PAGE: i64 = 200;

/// At most this many customers in one bulk action: past it, the panel says
/// so and asks for a narrower filter rather than working for minutes.
pub const MAX_CUSTOMERS: u64 = 10_000;

/// What a tag action does to each customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagChange {
    Add(i64),
    Remove(i64),
}

impl TagChange {
    /// The customer's tags after the change, as updateCustomer takes them
    /// (`"3,7"`), or `None` when they already are right (no request sent).
    /// Order is kept; a tag is added at the end.
    pub fn apply(self, tags: &[i64]) -> Option<String> {
        let next: Vec<i64> = match self {
            TagChange::Add(t) if tags.contains(&t) => return None,
            TagChange::Add(t) => tags.iter().copied().chain([t]).collect(),
            TagChange::Remove(t) if !tags.contains(&t) => return None,
            TagChange::Remove(t) => tags.iter().copied().filter(|x| *x != t).collect(),
        };
        Some(
            next.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        )
    }
}

/// Whether "all matching" can be acted on: `Err(total)` when the filter
/// matches more than [`MAX_CUSTOMERS`].
pub fn within_cap(total: u64) -> Result<u64, u64> {
    if total > MAX_CUSTOMERS {
        Err(total)
    } else {
        Ok(total)
    }
}

/// One customer the action could not be done for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub id: i64,
    /// What the list shows for the customer (remark, name or nickname).
    pub name: String,
    /// Why, in words.
    pub reason: String,
}

/// What a bulk run did so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Customers the run is for.
    pub total: u64,
    /// Changed (or deleted).
    pub done: u64,
    /// Already as asked: nothing sent.
    pub skipped: u64,
    pub failed: Vec<Failure>,
}

impl Report {
    pub fn new(total: u64) -> Report {
        Report {
            total,
            ..Report::default()
        }
    }

    /// Customers handled, whichever way.
    pub fn handled(&self) -> u64 {
        self.done + self.skipped + self.failed.len() as u64
    }

    /// Customers not reached (yet, or at all when the run was stopped).
    pub fn not_reached(&self) -> u64 {
        self.total.saturating_sub(self.handled())
    }

    pub fn fail(&mut self, id: i64, name: &str, reason: String) {
        self.failed.push(Failure {
            id,
            name: if name.trim().is_empty() {
                id.to_string()
            } else {
                name.to_owned()
            },
            reason,
        });
    }

    /// Ids that succeeded are the input less the failures; used after a
    /// delete to drop what is gone from the selection.
    pub fn succeeded(&self, tried: &[i64]) -> Vec<i64> {
        tried
            .iter()
            .copied()
            .filter(|id| !self.failed.iter().any(|f| f.id == *id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_a_tag_appends_it_once_and_removing_keeps_the_rest_in_order() {
        assert_eq!(TagChange::Add(5).apply(&[3, 1]), Some("3,1,5".into()));
        assert_eq!(TagChange::Add(5).apply(&[5]), None, "already there");
        assert_eq!(TagChange::Add(5).apply(&[]), Some("5".into()));
        assert_eq!(TagChange::Remove(3).apply(&[3, 1, 4]), Some("1,4".into()));
        assert_eq!(TagChange::Remove(3).apply(&[3]), Some(String::new()));
        assert_eq!(TagChange::Remove(3).apply(&[1]), None, "nothing to remove");
    }

    #[test]
    fn the_report_counts_what_was_done_skipped_failed_and_never_reached() {
        let mut r = Report::new(5);
        r.done = 2;
        r.skipped = 1;
        r.fail(9, "  ", "客户不存在".into());
        assert_eq!(r.failed[0].name, "9", "no name: the id stands in");
        assert_eq!(r.handled(), 4);
        assert_eq!(r.not_reached(), 1);
        assert_eq!(r.succeeded(&[1, 9, 2]), vec![1, 2]);
    }

    #[test]
    fn more_than_ten_thousand_is_refused_with_the_count() {
        assert_eq!(within_cap(10_000), Ok(10_000));
        assert_eq!(within_cap(10_001), Err(10_001));
    }
}
