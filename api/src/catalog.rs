//! Every endpoint of the contract as data, for whoever needs the whole list:
//! the reference server's route table check, the panel's API-base settings
//! page, tests that must cover every endpoint.

use crate::endpoint::{Endpoint, Family, Method};

/// One endpoint's method, family and path, plus its Rust type's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndpointInfo {
    pub name: &'static str,
    pub method: Method,
    pub family: Family,
    pub path: &'static str,
}

const fn info<E: Endpoint>(name: &'static str) -> EndpointInfo {
    EndpointInfo {
        name,
        method: E::METHOD,
        family: E::FAMILY,
        path: E::PATH,
    }
}

/// `info` for each endpoint, named as its type is.
macro_rules! catalog {
    ($($module:ident::$name:ident),* $(,)?) => {
        &[$(info::<crate::$module::$name>(stringify!($name))),*]
    };
}

/// All endpoints, auth first, then by document order.
pub const ALL: &[EndpointInfo] = catalog![
    auth::Login,
    auth::Logout,
    auth::WhoAmI,
    customer::CustomerPage,
    customer::DownLoad,
    customer::UpdateCustomer,
    customer::DeleteCustomer,
    chat::GetRedisMessageRecord,
    customer::BatchSaveNickName,
    customer::FindContactByTagAll,
    customer::TagList,
    call::GetIsOpenAfterCall,
    call::UpdateIsOpenAfterCall,
    call::GetCustomerInfoByCall,
    manual_task::GetManualTaskList,
    manual_task::GetManualTaskDetail,
    manual_task::DelManualTask,
    manual_task::DelManualTaskDetail,
    manual_task::AddManualTask,
    manual_task::AddManualTaskBeforeAddFriend,
    clinic::GetCustomerInfo,
    clinic::GetCusInfoByCusId,
    clinic::GetCusInfoByCusTelnum,
    clinic::AddCustomer,
    clinic::AddOneAppointment,
    clinic::ChangeOneAppointment,
    clinic::CancelOneAppointment,
    clinic::GetAppointmentList,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn paths_are_unique_per_family_and_well_formed() {
        let mut seen = BTreeSet::new();
        for e in ALL {
            assert!(e.path.starts_with('/'), "{}", e.path);
            assert!(!e.path.contains(['?', ' ', '\\']), "{}", e.path);
            assert_eq!(
                e.family == Family::Vendor,
                e.path.starts_with("/wechat_api/"),
                "{}",
                e.path
            );
            assert!(
                seen.insert((e.family == Family::Vendor, e.path)),
                "{}",
                e.path
            );
        }
        assert_eq!(ALL.len(), 28);
    }
}
