//! The [`Operation`] enum and what it knows of each operation, expanded from the table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::table::for_each_operation;
use crate::shape::{self, StructureShape};

/// Defines [`Operation`] from the table's rows (only their names, docs and data: the types and
/// handlers are for `call.rs`).
macro_rules! define_operation {
    ($(
        $(#[$doc:meta])*
        $name:ident {
            cli: $cli:literal,
            mutates: $mutates:literal,
            shape: $shape:ident,
            $_owns:ident: $_request:ty,
            response: $_response:ty,
            handler: $_handler:expr,
        }
    )*) => {
        /// The operations: twenty-two of AWS's and this project's `EvaluateMobileDeviceAccess`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum Operation {
            $(
                #[doc = concat!("`", stringify!($name), "`.")]
                #[doc = ""]
                $(#[$doc])*
                $name,
            )*
        }

        impl Operation {
            /// All of them, in the order of the table.
            pub const ALL: [Self; [$(stringify!($name)),*].len()] = [$(Self::$name),*];

            /// The AWS name (`GetAccessControlEffect`).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$name => stringify!($name),)*
                }
            }

            /// The AWS CLI's name (`get-access-control-effect`).
            pub fn cli_name(self) -> String {
                let name = match self {
                    $(Self::$name => $cli,)*
                };
                name.to_owned()
            }

            /// Whether the operation changes the organization (and so whether `--save` writes).
            pub const fn is_mutating(self) -> bool {
                match self {
                    $(Self::$name => $mutates,)*
                }
            }

            /// The request shape.
            pub fn input_shape(self) -> &'static StructureShape {
                match self {
                    $(Self::$name => &shape::$shape,)*
                }
            }
        }
    };
}

for_each_operation!(define_operation);

/// The name is neither an AWS operation name nor its AWS CLI form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOperation(pub String);

impl fmt::Display for UnknownOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Operation::ALL.iter().map(|op| op.name()).collect();
        write!(
            f,
            "`{}` is not a supported operation; expected one of {}",
            shape::shorten(&self.0),
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownOperation {}

impl FromStr for Operation {
    type Err = UnknownOperation;

    /// Reads `GetAccessControlEffect` or `get-access-control-effect`.
    ///
    /// ```
    /// use workmail_policy::Operation;
    /// assert_eq!("get-access-control-effect".parse(), Ok(Operation::GetAccessControlEffect));
    /// assert_eq!("ListImpersonationRoles".parse(), Ok(Operation::ListImpersonationRoles));
    /// assert_eq!("list-users".parse(), Ok(Operation::ListUsers));
    /// assert!("CreateUser".parse::<Operation>().is_err());
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|op| op.name() == name || op.cli_name() == name)
            .ok_or_else(|| UnknownOperation(name.to_owned()))
    }
}

/// An empty response (`{}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "EmptyResponse", type = "Record<string, never>")
)]
pub struct Empty {}
