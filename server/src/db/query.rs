//! Building filtered queries without ever splicing user text into SQL:
//! clauses are fixed strings with `?` placeholders, values travel as
//! parameters, and LIKE patterns escape their own wildcards.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};

/// WHERE clauses and their parameters, in placeholder order.
#[derive(Default)]
pub struct Where {
    clauses: Vec<String>,
    pub params: Vec<Value>,
}

impl Where {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a clause whose `?` placeholders take `values` in order.
    pub fn and(&mut self, clause: &str, values: impl IntoIterator<Item = Value>) -> &mut Self {
        self.clauses.push(format!("({clause})"));
        self.params.extend(values);
        self
    }

    /// `column LIKE %text%`, with `%`, `_` and `\` in `text` matching themselves.
    pub fn contains(&mut self, columns: &[&str], text: &str) -> &mut Self {
        let pattern = like_contains(text);
        let clause = columns
            .iter()
            .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
            .collect::<Vec<_>>()
            .join(" OR ");
        let values = columns.iter().map(|_| Value::Text(pattern.clone()));
        self.and(&clause, values.collect::<Vec<_>>())
    }

    /// `column IN (?, ?, ...)`; an empty list matches nothing.
    pub fn any_of(&mut self, column: &str, ids: &[i64]) -> &mut Self {
        if ids.is_empty() {
            return self.and("0", []);
        }
        let marks = vec!["?"; ids.len()].join(", ");
        self.and(
            &format!("{column} IN ({marks})"),
            ids.iter().map(|&i| Value::Integer(i)).collect::<Vec<_>>(),
        )
    }

    /// ` WHERE a AND b ...`, or nothing.
    pub fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// `%text%` for `LIKE ... ESCAPE '\'`.
pub fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A page request made safe: `limit` in `1..=max` (default when absent or
/// not positive), `page_no` at least 1.
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    pub limit: i64,
    pub page_no: i64,
}

impl Paging {
    pub fn new(limit: Option<i64>, page_no: Option<i64>, default: i64, max: i64) -> Self {
        let limit = match limit {
            Some(l) if l > 0 => l.min(max),
            _ => default,
        };
        let page_no = page_no.filter(|p| *p > 0).unwrap_or(1).min(1_000_000);
        Paging { limit, page_no }
    }

    pub fn offset(&self) -> i64 {
        (self.page_no - 1).saturating_mul(self.limit)
    }
}

/// One page of a filtered list and the size of the whole list, as every paged
/// endpoint of the contract answers. `count_from` may join less than `select`
/// (SQLite keeps unused LEFT JOINs in a count), but both must take the same
/// WHERE parameters; `order_by` must be total so pages never overlap or skip.
pub fn paged<T>(
    conn: &Connection,
    count_from: &str,
    select: &str,
    w: &Where,
    order_by: &str,
    paging: Paging,
    row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<(Vec<T>, i64)> {
    let filter = w.sql();
    let count: i64 = conn.query_row(
        &format!("SELECT count(*) {count_from}{filter}"),
        params_from_iter(w.params.iter()),
        |r| r.get(0),
    )?;
    let mut values = w.params.clone();
    values.push(Value::Integer(paging.limit));
    values.push(Value::Integer(paging.offset()));
    let mut stmt = conn.prepare(&format!(
        "{select}{filter} ORDER BY {order_by} LIMIT ? OFFSET ?"
    ))?;
    let items = stmt
        .query_map(params_from_iter(values.iter()), row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((items, count))
}

/// Comma-separated ids as the vendor sends them; `None` for no filter, an
/// empty list (matches nothing) when text was given but no id in it.
pub fn id_list(text: Option<&str>) -> Option<Vec<i64>> {
    let text = text?.trim();
    if text.is_empty() {
        return None;
    }
    let mut ids = scrm_api::lenient::split_ids(text);
    ids.truncate(500);
    Some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_wildcards() {
        assert_eq!(like_contains(r"a%b_c\d'"), r"%a\%b\_c\\d'%");
    }
}
