//! The clinic customer SDK (`{errNum, errMsg}` replies). The SDK is a PHP class
//! whose methods become `/{functionName}` endpoints below the clinic base URL:
//! reads are GET with query parameters, writes POST with a JSON body, both
//! named as the SDK names its parameters. Its times are China wall-clock text.

mod appointment;
mod customer;

pub use appointment::*;
pub use customer::*;

use serde::{Deserialize, Serialize};

use crate::lenient::{opt_i64, opt_string};

/// A reply that only says whether it worked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClinicAck {
    #[serde(deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub err_msg: Option<String>,
}
