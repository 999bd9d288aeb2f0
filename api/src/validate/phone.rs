//! Phone numbers as people type them and phone systems send them: with
//! spaces, dashes, dots, brackets, a country prefix or an extension.
//! Normalising before saving and before every lookup means the same customer
//! is found whichever way the number was written. Any number may be looked
//! up ([`normalize_phone`]); only forms whose contract wants a mobile check
//! [`normalize_mainland_mobile`].

/// What people put between digits.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '(' | ')' | '（' | '）' | '[' | ']' | '—' | '－' | '/'
        )
}

/// Where an extension starts: after it comes no part of the number.
const EXTENSION_MARKS: [&str; 7] = [",", ";", "#", "ext", "转", "分机", "x"];

/// Any phone number reduced to its digits: separators dropped, full-width
/// digits made ASCII, a `+86` / `0086` country prefix (or a bare `86` before
/// a mobile number) removed, another country's `+` dropped, and an
/// extension (after `,` `;` `#` `ext` `x` `转` `分机`) cut off. Refused
/// when nothing is left, or something other than a number was written.
pub fn normalize_phone(input: &str) -> Result<String, PhoneError> {
    let lower = input.to_lowercase();
    let number = EXTENSION_MARKS
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .map_or(lower.as_str(), |at| &lower[..at]);
    let compact: String = number
        .chars()
        .filter(|c| !is_separator(*c))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '＋' => '+',
            other => other,
        })
        .collect();
    let digits = ["+86", "0086"]
        .iter()
        .find_map(|p| compact.strip_prefix(p))
        .or_else(|| {
            compact
                .strip_prefix("86")
                .filter(|rest| rest.len() == 11 && rest.starts_with('1'))
        })
        .or_else(|| compact.strip_prefix('+'))
        .unwrap_or(&compact);
    if digits.is_empty() {
        Err(PhoneError::Empty)
    } else if digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits.to_owned())
    } else {
        Err(PhoneError::BadCharacters)
    }
}

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
    let compact: String = input.chars().filter(|c| !is_separator(*c)).collect();
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
    fn any_number_comes_down_to_its_digits() {
        for (typed, digits) in [
            ("+86 135 2724 4977", "13527244977"),
            ("0086-135-2724-4977", "13527244977"),
            ("8613527244977", "13527244977"),
            ("021-6234 5678", "02162345678"),
            ("(021) 6234-5678 转 801", "02162345678"),
            ("021-62345678,801", "02162345678"),
            ("021-62345678 ext. 12", "02162345678"),
            ("400-820-8820", "4008208820"),
            ("800 810 8888#2", "8008108888"),
            ("11111122222", "11111122222"),
            ("+1 (415) 555-0100", "14155550100"),
            ("１３８００１３８０００", "13800138000"),
            ("95555", "95555"),
        ] {
            assert_eq!(normalize_phone(typed).as_deref(), Ok(digits), "{typed}");
        }
        for empty in ["", " - ", "ext 12"] {
            assert_eq!(normalize_phone(empty), Err(PhoneError::Empty), "{empty}");
        }
        for junk in ["abc", "138****1786", "电话"] {
            assert_eq!(
                normalize_phone(junk),
                Err(PhoneError::BadCharacters),
                "{junk}"
            );
        }
        // A mobile number normalises the same way under both rules.
        assert_eq!(
            normalize_phone("(+86) 138 0013 8000"),
            normalize_mainland_mobile("(+86) 138 0013 8000")
        );
    }

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
