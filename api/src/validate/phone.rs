//! Mainland China mobile numbers as people type them: with spaces, dashes,
//! dots, brackets and a country prefix. Normalising before saving means the
//! same customer is found whichever way the number was entered.

/// Why a text is not a mainland mobile number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    /// Something other than digits was left after removing separators.
    BadCharacters,
    /// Digits, but not 11 of them (the count is kept for the message).
    WrongLength(usize),
    /// 11 digits that no mainland mobile network issues (`1[3-9]…`).
    NotMobile,
}

/// Strips separators and a `+86` / `0086` / `86` prefix and checks the result
/// is `1[3-9]` followed by nine digits.
pub fn normalize_mainland_mobile(input: &str) -> Result<String, PhoneError> {
    let compact: String = input
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '-' | '.' | '(' | ')' | '（' | '）' | '[' | ']' | '—' | '－'
                )
        })
        .collect();
    if compact.is_empty() {
        return Err(PhoneError::Empty);
    }
    let digits = ["+86", "0086", "86"]
        .iter()
        .find_map(|p| {
            compact
                .strip_prefix(p)
                .filter(|rest| rest.len() == 11 && rest.bytes().all(|b| b.is_ascii_digit()))
        })
        .unwrap_or(&compact);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneError::BadCharacters);
    }
    if digits.len() != 11 {
        return Err(PhoneError::WrongLength(digits.len()));
    }
    match digits.as_bytes() {
        [b'1', b'3'..=b'9', ..] => Ok(digits.to_owned()),
        _ => Err(PhoneError::NotMobile),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_spellings() {
        for s in [
            "13800138000",
            " 138 0013 8000 ",
            "138-0013-8000",
            "138.0013.8000",
            "(+86) 138 0013 8000",
            "+8613800138000",
            "008613800138000",
            "8613800138000",
            "（86）13800138000",
        ] {
            assert_eq!(
                normalize_mainland_mobile(s),
                Ok("13800138000".into()),
                "{s}"
            );
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        assert_eq!(normalize_mainland_mobile(" - "), Err(PhoneError::Empty));
        assert_eq!(
            normalize_mainland_mobile("138****1786"),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(
            normalize_mainland_mobile("1380013800"),
            Err(PhoneError::WrongLength(10))
        );
        assert_eq!(
            normalize_mainland_mobile("11111122222"),
            Err(PhoneError::NotMobile)
        );
        assert_eq!(
            normalize_mainland_mobile("02812345678"),
            Err(PhoneError::NotMobile)
        );
        // `86` is only a prefix when 11 digits follow.
        assert_eq!(
            normalize_mainland_mobile("861380013800"),
            Err(PhoneError::WrongLength(12))
        );
    }
}
