//! Which customer `/clinic` shows, as kept in its URL so a reload or a shared
//! link shows the same profile. Host-compiled and tested natively.

use scrm_api::clinic::{CustomerInfoRequest, TelnumRequest};
use scrm_api::query_string;

/// One of the three ways `/clinic` finds a customer, as kept in its URL
/// (`?telnum=`, `?cusId=`, `?openId=&wxappId=`) so a reload or a shared link
/// shows the same profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Phone(String),
    CusId(i64),
    OpenId { open_id: String, wxapp_id: String },
}

impl Lookup {
    /// Reads the URL's parameters; `None` when they name no complete look-up
    /// (a blank phone, a non-numeric id, an openId without its app id).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Option<Lookup> {
        let val = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        if let Some(id) = val("cusId") {
            return id.parse().ok().map(Lookup::CusId);
        }
        if let Some(tel) = val("telnum") {
            // Asked as its digits, however it was typed or linked.
            let digits = scrm_api::validate::normalize_phone(&tel).unwrap_or(tel);
            return Some(Lookup::Phone(digits));
        }
        match (val("openId"), val("wxappId")) {
            (Some(open_id), Some(wxapp_id)) => Some(Lookup::OpenId { open_id, wxapp_id }),
            _ => None,
        }
    }

    /// The `/clinic?...` path showing this look-up.
    pub fn to_path(&self) -> String {
        let q = match self {
            Lookup::Phone(t) => query_string(&TelnumRequest {
                telnum: Some(t.clone()),
            }),
            Lookup::CusId(id) => return crate::core::hrefs::clinic_customer(*id),
            Lookup::OpenId { open_id, wxapp_id } => query_string(&CustomerInfoRequest {
                open_id: Some(open_id.clone()),
                wxapp_id: Some(wxapp_id.clone()),
            }),
        };
        format!("/clinic?{}", q.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn params<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_owned())
    }

    #[test]
    fn lookup_round_trips_through_the_url() {
        for l in [
            Lookup::Phone("13800000001".into()),
            Lookup::CusId(42),
            Lookup::OpenId {
                open_id: "oDemo0001".into(),
                wxapp_id: "wx&1".into(),
            },
        ] {
            let path = l.to_path();
            let query = path.strip_prefix("/clinic?").unwrap();
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
            let back =
                Lookup::from_params(|k| pairs.iter().find(|p| p.0 == k).map(|p| p.1.clone()));
            assert_eq!(back, Some(l));
        }
        assert_eq!(Lookup::from_params(params(&[("cusId", "x1")])), None);
        assert_eq!(Lookup::from_params(params(&[("openId", "o")])), None);
        assert_eq!(Lookup::from_params(params(&[("telnum", "  ")])), None);
        assert_eq!(
            Lookup::from_params(params(&[("telnum", "+86 139-1111-2222")])),
            Some(Lookup::Phone("13911112222".into()))
        );
    }
}
