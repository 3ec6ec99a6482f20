//! `unknown-override-user`: an override of a user the directory does not have.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::shape;

pub(super) static RULE: LintRule = LintRule {
    code: "unknown-override-user",
    severity: LintSeverity::Warning,
    title: "An override names a user missing from the directory",
    what: "A mobile device access override whose `UserId` is not the ID, email or user name of \
           any user in `Users`.",
    why: "Overrides apply to one user's device; no request of a user missing from the directory \
          reaches it, and every override operation naming that user fails with \
          EntityNotFoundException (D39).",
    example: r#"{"Users": [{"Id": "S-1-1-11-0000000001", "Email": "jane@example.com"}],
 "MobileDeviceAccessOverrides": [{"UserId": "S-1-1-11-0000000009", "DeviceId": "6APMEKPHCP2ND42VIJ4BR8ECDO", "Effect": "ALLOW"}]}"#,
    fix: "Remove the override, or add the user to `Users` if the list is incomplete.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let directory = context.organization().directory();
    if !directory.is_known() {
        return;
    }
    for (path, item) in context.mobile_overrides() {
        if directory.resolve(&item.user_id).is_none() {
            out.push(
                LintContext::finding(
                    &RULE,
                    &path.member("UserId"),
                    format!(
                        "`{}` names no user of the directory, so this override never applies",
                        shape::shorten(&item.user_id)
                    ),
                )
                .with_help("the user may have been deleted; remove the override or add the user to `Users` (D39, D45)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn only_with_a_directory() {
        let override_of = r#""MobileDeviceAccessOverrides": [{"UserId": "jane@example.com", "DeviceId": "abc", "Effect": "ALLOW"}]"#;
        let without = format!("{{{override_of}}}");
        assert!(findings("unknown-override-user", &without).is_empty());
        let known = format!(
            r#"{{"Users": [{{"Id": "S-1-1-11-0000000001", "Email": "Jane@example.com"}}], {override_of}}}"#
        );
        assert!(findings("unknown-override-user", &known).is_empty());
        let unknown = format!(r#"{{"Users": [{{"Id": "S-1-1-11-0000000001"}}], {override_of}}}"#);
        assert_eq!(
            findings("unknown-override-user", &unknown)
                .first()
                .map(|f| f.0.as_str()),
            Some("MobileDeviceAccessOverrides[0].UserId")
        );
    }
}
