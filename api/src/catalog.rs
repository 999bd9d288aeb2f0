//! Every endpoint of the contract as data, for whoever needs the whole list:
//! the reference server's route table check, the panel's API-base settings
//! page, tests that must cover every endpoint.

use crate::auth::{Login, Logout, WhoAmI};
use crate::call::{GetCustomerInfoByCall, GetIsOpenAfterCall, UpdateIsOpenAfterCall};
use crate::chat::GetRedisMessageRecord;
use crate::clinic::{
    AddCustomer, AddOneAppointment, CancelOneAppointment, ChangeOneAppointment, GetAppointmentList,
    GetCusInfoByCusId, GetCusInfoByCusTelnum, GetCustomerInfo,
};
use crate::customer::{
    BatchSaveNickName, CustomerPage, DeleteCustomer, DownLoad, FindContactByTagAll, TagList,
    UpdateCustomer,
};
use crate::endpoint::{Endpoint, Family, Method};
use crate::manual_task::{
    AddManualTask, AddManualTaskBeforeAddFriend, DelManualTask, DelManualTaskDetail,
    GetManualTaskDetail, GetManualTaskList,
};

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

/// All endpoints, auth first, then by document order.
pub const ALL: &[EndpointInfo] = &[
    info::<Login>("Login"),
    info::<Logout>("Logout"),
    info::<WhoAmI>("WhoAmI"),
    info::<CustomerPage>("CustomerPage"),
    info::<DownLoad>("DownLoad"),
    info::<UpdateCustomer>("UpdateCustomer"),
    info::<DeleteCustomer>("DeleteCustomer"),
    info::<GetRedisMessageRecord>("GetRedisMessageRecord"),
    info::<BatchSaveNickName>("BatchSaveNickName"),
    info::<FindContactByTagAll>("FindContactByTagAll"),
    info::<TagList>("TagList"),
    info::<GetIsOpenAfterCall>("GetIsOpenAfterCall"),
    info::<UpdateIsOpenAfterCall>("UpdateIsOpenAfterCall"),
    info::<GetCustomerInfoByCall>("GetCustomerInfoByCall"),
    info::<GetManualTaskList>("GetManualTaskList"),
    info::<GetManualTaskDetail>("GetManualTaskDetail"),
    info::<DelManualTask>("DelManualTask"),
    info::<DelManualTaskDetail>("DelManualTaskDetail"),
    info::<AddManualTask>("AddManualTask"),
    info::<AddManualTaskBeforeAddFriend>("AddManualTaskBeforeAddFriend"),
    info::<GetCustomerInfo>("GetCustomerInfo"),
    info::<GetCusInfoByCusId>("GetCusInfoByCusId"),
    info::<GetCusInfoByCusTelnum>("GetCusInfoByCusTelnum"),
    info::<AddCustomer>("AddCustomer"),
    info::<AddOneAppointment>("AddOneAppointment"),
    info::<ChangeOneAppointment>("ChangeOneAppointment"),
    info::<CancelOneAppointment>("CancelOneAppointment"),
    info::<GetAppointmentList>("GetAppointmentList"),
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
