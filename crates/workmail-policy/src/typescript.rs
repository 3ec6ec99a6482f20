//! TypeScript declarations of the serde types (feature `ts`), for the npm package's generated
//! `.d.ts` files.
//!
//! Most types derive [`ts_rs::TS`], which follows their serde attributes. This module declares
//! the rest by hand, from their Rust parts:
//!
//! - the enums that serde writes as an object with exactly one member (`{"UserId": …}` or
//!   `{"ImpersonationRoleId": …}`): ts-rs would declare `{ UserId: string } | { … }`, which lets
//!   an object carry both members; here each alternative forbids the others' members
//!   (`{ UserId: string; ImpersonationRoleId?: never } | …`), and a reader can test any member;
//! - [`Operations`](crate::api::Operations), in `api`, from the table of operations.

use crate::analysis::{Credential, RuleRef, TablePrincipal, Targets};
use crate::eval::access::Principal;
use crate::semantics::{Basis, Decision, Source};

/// Implements [`ts_rs::TS`] for a type declared as `type $name = $decl`, where `$decl` is built
/// by `$decl_fn` and refers to the types `$dependency`. Where the type is flattened into
/// another (`#[serde(flatten)]`), the other's declaration names it.
macro_rules! declared {
    (
        $(#[doc = $doc:literal])*
        $ty:ty as $name:literal = $decl_fn:expr;
        uses $($dependency:ty),*
    ) => {
        impl ts_rs::TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn docs() -> Option<String> {
                Some(ts_rs::format_docs(&[$($doc),*]))
            }

            fn ident(_: &ts_rs::Config) -> String {
                $name.to_owned()
            }

            fn name(_: &ts_rs::Config) -> String {
                $name.to_owned()
            }

            fn inline(cfg: &ts_rs::Config) -> String {
                let declare: fn(&ts_rs::Config) -> String = $decl_fn;
                declare(cfg)
            }

            fn inline_flattened(_: &ts_rs::Config) -> String {
                $name.to_owned()
            }

            fn decl(cfg: &ts_rs::Config) -> String {
                format!("type {} = {};", $name, Self::inline(cfg))
            }

            fn decl_concrete(cfg: &ts_rs::Config) -> String {
                Self::decl(cfg)
            }

            fn visit_dependencies(visitor: &mut impl ts_rs::TypeVisitor)
            where
                Self: 'static,
            {
                $(visitor.visit::<$dependency>();)*
            }

            // ts-rs counts a type as a declared dependency only when it has a file to be
            // exported to; nothing is written there (the npm package's generator collects the
            // declarations).
            fn output_path() -> Option<std::path::PathBuf> {
                Some(std::path::PathBuf::from(concat!($name, ".ts")))
            }
        }
    };
}

pub(crate) use declared;

/// `{ A: T, B?: never } | { B: U, A?: never }`: one object type per alternative, each with its
/// own member and every other member forbidden.
fn exactly_one(members: &[(&str, String)]) -> String {
    let alternative = |(name, ty): &(&str, String)| {
        let others = members
            .iter()
            .filter(|(other, _)| other != name)
            .map(|(other, _)| format!(", {other}?: never"))
            .collect::<String>();
        format!("{{ {name}: {ty}{others} }}")
    };
    members
        .iter()
        .map(alternative)
        .collect::<Vec<_>>()
        .join(" | ")
}

declared! {
    /// What a step rests on: documented AWS behaviour, or a decision of this project.
    Basis as "Basis" = |cfg| exactly_one(&[
        ("Documented", Source::name(cfg)),
        ("Decided", Decision::name(cfg)),
    ]);
    uses Source, Decision
}

declared! {
    /// Who asks: a user or an impersonation role.
    Principal as "Principal" = |cfg| exactly_one(&[
        ("UserId", String::name(cfg)),
        ("ImpersonationRoleId", String::name(cfg)),
    ]);
    uses String
}

declared! {
    /// A principal of the decision table: a named user or role, or every other one of its kind.
    TablePrincipal as "TablePrincipal" = |cfg| exactly_one(&[
        ("UserId", String::name(cfg)),
        ("ImpersonationRoleId", String::name(cfg)),
        ("OtherUser", "true".to_owned()),
        ("OtherRole", "true".to_owned()),
    ]);
    uses String
}

declared! {
    /// A set of target users: these, or (without a directory) every user except these.
    Targets as "Targets" = |cfg| exactly_one(&[
        ("TargetUsers", <Vec<String>>::name(cfg)),
        ("AllUsersExcept", <Vec<String>>::name(cfg)),
    ]);
    uses String
}

declared! {
    /// How an impersonated EWS call authenticates: a token, or a role.
    Credential as "Credential" = |cfg| exactly_one(&[
        ("Token", String::name(cfg)),
        ("ImpersonationRoleId", String::name(cfg)),
    ]);
    uses String
}

declared! {
    /// The rule an edit touches.
    RuleRef as "RuleRef" = |cfg| exactly_one(&[
        ("AccessControlRule", String::name(cfg)),
        ("ImpersonationRule", format!(
            "{{ ImpersonationRoleId: {string}, ImpersonationRuleId: {string} }}",
            string = String::name(cfg),
        )),
    ]);
    uses String
}

#[cfg(test)]
mod tests {
    use ts_rs::{Config, TS};

    use super::*;

    /// The members each declaration names, read back from the serde output of every variant.
    fn members(values: &[serde_json::Value]) -> Vec<String> {
        values
            .iter()
            .filter_map(|value| value.as_object()?.keys().next().cloned())
            .collect()
    }

    fn declares_members<T: TS>(names: &[String]) {
        let decl = T::decl(&Config::new());
        for name in names {
            assert!(decl.contains(&format!("{{ {name}: ")), "{name} in {decl}");
        }
        assert_eq!(decl.matches(" | ").count() + 1, names.len(), "{decl}");
    }

    fn json(value: impl serde::Serialize) -> serde_json::Value {
        serde_json::to_value(value).unwrap_or_default()
    }

    #[test]
    fn one_member_unions_declare_the_members_serde_writes() {
        declares_members::<Basis>(&members(&[
            json(Basis::Documented(Source::ApiReference)),
            json(Basis::Decided(Decision::D1)),
        ]));
        declares_members::<Principal>(&members(&[
            json(Principal::UserId(String::new())),
            json(Principal::ImpersonationRoleId(String::new())),
        ]));
        declares_members::<TablePrincipal>(&members(&[
            json(TablePrincipal::UserId(String::new())),
            json(TablePrincipal::ImpersonationRoleId(String::new())),
            json(TablePrincipal::OtherUser),
            json(TablePrincipal::OtherRole),
        ]));
        declares_members::<Targets>(&members(&[
            json(Targets::TargetUsers(Vec::new())),
            json(Targets::AllUsersExcept(Vec::new())),
        ]));
        declares_members::<Credential>(&members(&[
            json(Credential::Token(String::new())),
            json(Credential::ImpersonationRoleId(String::new())),
        ]));
        declares_members::<RuleRef>(&members(&[
            json(RuleRef::AccessControlRule(String::new())),
            json(RuleRef::ImpersonationRule {
                impersonation_role_id: String::new(),
                impersonation_rule_id: String::new(),
            }),
        ]));
        assert_eq!(
            Principal::decl(&Config::new()),
            "type Principal = { UserId: string, ImpersonationRoleId?: never } \
             | { ImpersonationRoleId: string, UserId?: never };"
        );
    }
}
