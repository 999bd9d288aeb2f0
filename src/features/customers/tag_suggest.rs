//! What the tag editor offers while the user types: known tags whose name
//! (or id) matches, minus the ones already chosen, and, when the text is a
//! tag id the list does not know, that raw id. The vendor has no tag list, so
//! against it typing an id is the only way to add a tag; the reference server
//! names every tag. Host-compiled, so it is tested natively.

use scrm_api::customer::Tag;

/// At most this many suggestions are shown at once; typing narrows them.
pub const MAX_SUGGESTIONS: usize = 50;

/// One entry of the suggestion list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub tag_id: i64,
    /// The tag's name, or `None` for an id the tag list does not know.
    pub name: Option<String>,
}

/// Suggestions for `query` (trimmed; empty offers every known tag), in the
/// tag list's order. Names match as case-insensitive substrings; a query of
/// digits also matches that exact id.
pub fn suggest(known: &[Tag], chosen: &[i64], query: &str) -> Vec<Suggestion> {
    let q = query.trim().to_lowercase();
    let as_id = q.parse::<i64>().ok().filter(|i| *i > 0);
    let mut out: Vec<Suggestion> = known
        .iter()
        .filter_map(|t| {
            let id = t.tag_id?;
            let name = t
                .tag_name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty());
            let hit = q.is_empty()
                || as_id == Some(id)
                || name.is_some_and(|n| n.to_lowercase().contains(&q));
            (hit && !chosen.contains(&id)).then(|| Suggestion {
                tag_id: id,
                name: name.map(str::to_owned),
            })
        })
        .take(MAX_SUGGESTIONS)
        .collect();
    if let Some(id) = as_id {
        let is_known = known.iter().any(|t| t.tag_id == Some(id));
        if !is_known && !chosen.contains(&id) {
            out.push(Suggestion {
                tag_id: id,
                name: None,
            });
        }
    }
    out
}

/// `chosen` with `id` added once, kept in ascending order (the order the URL
/// and the saved `tags` field use).
pub fn with_tag(chosen: &[i64], id: i64) -> Vec<i64> {
    let mut now = chosen.to_vec();
    if !now.contains(&id) {
        now.push(id);
        now.sort_unstable();
    }
    now
}

/// `chosen` without `id`.
pub fn without_tag(chosen: &[i64], id: i64) -> Vec<i64> {
    chosen.iter().copied().filter(|t| *t != id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> Vec<Tag> {
        [(1, "意向客户"), (2, "VIP"), (7, "高意向"), (9, "")]
            .into_iter()
            .map(|(id, name)| Tag {
                tag_id: Some(id),
                tag_name: Some(name.to_owned()),
            })
            .collect()
    }

    fn ids(s: &[Suggestion]) -> Vec<i64> {
        s.iter().map(|s| s.tag_id).collect()
    }

    #[test]
    fn names_match_as_substrings_in_list_order_without_chosen_ones() {
        assert_eq!(ids(&suggest(&tags(), &[], "意向")), [1, 7]);
        assert_eq!(ids(&suggest(&tags(), &[1], " 意向 ")), [7]);
        assert_eq!(
            ids(&suggest(&tags(), &[], "vip")),
            [2],
            "ASCII case ignored"
        );
        assert!(suggest(&tags(), &[], "不存在").is_empty());
    }

    #[test]
    fn empty_text_offers_every_known_tag_not_chosen() {
        assert_eq!(ids(&suggest(&tags(), &[2], "")), [1, 7, 9]);
        assert_eq!(
            suggest(&tags(), &[], "").pop(),
            Some(Suggestion {
                tag_id: 9,
                name: None
            }),
            "an empty name is no name"
        );
    }

    #[test]
    fn digits_match_an_id_and_offer_an_unknown_id_as_it_is() {
        assert_eq!(ids(&suggest(&tags(), &[], "7")), [7]);
        assert_eq!(
            suggest(&[], &[], "81100608"),
            [Suggestion {
                tag_id: 81100608,
                name: None
            }]
        );
        assert!(suggest(&[], &[42], "42").is_empty(), "already chosen");
        assert!(suggest(&[], &[], "0").is_empty());
        assert!(suggest(&[], &[], "-3").is_empty());
    }

    #[test]
    fn adding_and_removing_keep_one_sorted_copy() {
        assert_eq!(with_tag(&[5, 9], 7), [5, 7, 9]);
        assert_eq!(with_tag(&[5, 9], 9), [5, 9]);
        assert_eq!(without_tag(&[5, 7, 9], 7), [5, 9]);
    }
}
