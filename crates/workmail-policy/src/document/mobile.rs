//! Mobile device access rules and overrides in a document or in raw AWS output (D26, D35, D38,
//! D39, D45): reading them and the checks that need the whole organization.

use super::{Context, repeats};
use crate::model::{MobileDeviceAccessOverride, MobileDeviceAccessRule};
use crate::org::Organization;
use crate::shape::{self, Path};

/// The most mobile device access rules an organization holds, the default rule included (D35).
pub const MAX_MOBILE_DEVICE_ACCESS_RULES: usize = 10;

/// Reads the mobile rules and overrides found at `rules` and `overrides` into `organization`
/// (an absent rules list keeps the default rule, D26) and reports what needs the whole
/// organization: duplicate keys (errors), more than ten rules and overrides of users missing
/// from the directory (warnings).
pub(super) fn load(
    organization: &mut Organization,
    rules: Option<&Path>,
    overrides: Option<&Path>,
    context: &mut Context<'_, '_>,
) {
    if let Some(path) = rules
        && let Some(read) = context.read_objects::<MobileDeviceAccessRule>(path)
    {
        organization.mobile_rules = read;
        check_rules(&organization.mobile_rules, path, context);
    }
    if let Some(path) = overrides
        && let Some(read) = context.read_objects::<MobileDeviceAccessOverride>(path)
    {
        organization.mobile_overrides = read;
        check_overrides(organization, path, context);
    }
}

fn check_rules(rules: &[MobileDeviceAccessRule], path: &Path, context: &mut Context<'_, '_>) {
    if rules.len() > MAX_MOBILE_DEVICE_ACCESS_RULES {
        context.warn(
            "mobile-rule-limit",
            path,
            format!(
                "{} mobile device access rules; WorkMail holds at most {MAX_MOBILE_DEVICE_ACCESS_RULES}, the default rule included",
                rules.len()
            ),
            "the limit is inferred from the AWS model (D35); CreateMobileDeviceAccessRule refuses an 11th rule",
        );
    }
    for at in repeats(rules, |rule| &rule.mobile_device_access_rule_id) {
        let Some(rule) = rules.get(at) else { continue };
        context.error(
            "duplicate-mobile-rule-id",
            &path.index(at).member("MobileDeviceAccessRuleId"),
            format!(
                "mobile rule ID `{}` appears more than once",
                shape::shorten(&rule.mobile_device_access_rule_id)
            ),
            "rules are addressed by their ID, so each has its own (D34); remove the copy",
        );
    }
}

fn check_overrides(organization: &Organization, path: &Path, context: &mut Context<'_, '_>) {
    let directory = organization.directory();
    let overrides = &organization.mobile_overrides;
    let mut seen: Vec<(String, String)> = Vec::with_capacity(overrides.len());
    for (at, item) in overrides.iter().enumerate() {
        let resolved = directory.resolve(&item.user_id);
        if directory.is_known() && resolved.is_none() {
            context.warn(
                "unknown-override-user",
                &path.index(at).member("UserId"),
                format!(
                    "`{}` names no user of the directory, so this override never applies",
                    shape::shorten(&item.user_id)
                ),
                "the user may have been deleted; remove the override or add the user to `Users` (D39, D45)",
            );
        }
        let user = match resolved {
            Some(user) => user.user.id.clone(),
            None if item.user_id.contains('@') => item.user_id.to_ascii_lowercase(),
            None => item.user_id.clone(),
        };
        let key = (user, item.device_id.to_ascii_lowercase());
        if seen.contains(&key) {
            context.error(
                "duplicate-override",
                &path.index(at).member("DeviceId"),
                format!(
                    "user `{}` already has an override for device `{}`",
                    shape::shorten(&item.user_id),
                    item.device_id
                ),
                "an override is keyed by its user and device ID, ignoring the device ID's case (D38); remove the copy",
            );
        } else {
            seen.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::located;
    use super::super::{DocumentKind, load as load_document};

    #[test]
    fn d26_raw_mobile_outputs_are_recognised() {
        let rules =
            r#"{"Rules": [{"MobileDeviceAccessRuleId": "r1", "Name": "deny", "Effect": "DENY"}]}"#;
        let loaded = load_document(rules).ok();
        assert_eq!(
            loaded.as_ref().map(|l| l.kind),
            Some(DocumentKind::ListMobileDeviceAccessRules)
        );
        assert_eq!(
            loaded.map(|l| l.organization.mobile_device_access_rules().len()),
            Some(1)
        );
        let overrides = r#"{"Overrides": [{"UserId": "S-1-1-11-0000000001", "DeviceId": "ABC", "Effect": "ALLOW"}]}"#;
        let loaded = load_document(overrides).ok();
        assert_eq!(
            loaded.as_ref().map(|l| l.kind),
            Some(DocumentKind::ListMobileDeviceAccessOverrides)
        );
        assert_eq!(
            loaded.map(|l| l.organization.mobile_device_access_overrides().len()),
            Some(1)
        );
    }

    #[test]
    fn d44_every_constraint_is_located() {
        let text = "{\"MobileDeviceAccessRules\": [\n  {\"MobileDeviceAccessRuleId\": \"a b\", \"Name\": \"\", \"Effect\": \"MAYBE\", \"DeviceTypes\": []},\n  {\"MobileDeviceAccessRuleId\": \"x\", \"Name\": \"n\", \"Effect\": \"ALLOW\", \"DeviceModels\": [\"tab\\there\"]}\n],\n\"MobileDeviceAccessOverrides\": [{\"UserId\": \"jane\", \"DeviceId\": \"6APM-EKPH\", \"Effect\": \"DENY\", \"Description\": \"\"}]}";
        let found: Vec<(&str, String, u32)> = located(load_document(text))
            .into_iter()
            .map(|(code, path, line, _)| (code, path, line))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "pattern",
                    "MobileDeviceAccessRules[0].MobileDeviceAccessRuleId".to_owned(),
                    2
                ),
                ("length", "MobileDeviceAccessRules[0].Name".to_owned(), 2),
                ("enum", "MobileDeviceAccessRules[0].Effect".to_owned(), 2),
                (
                    "list-length",
                    "MobileDeviceAccessRules[0].DeviceTypes".to_owned(),
                    2
                ),
                (
                    "pattern",
                    "MobileDeviceAccessRules[1].DeviceModels[0]".to_owned(),
                    3
                ),
                (
                    "pattern",
                    "MobileDeviceAccessOverrides[0].DeviceId".to_owned(),
                    5
                ),
                (
                    "length",
                    "MobileDeviceAccessOverrides[0].Description".to_owned(),
                    5
                ),
            ]
        );
    }

    #[test]
    fn without_a_directory_an_override_is_keyed_by_its_email_ignoring_case_or_its_exact_id() {
        let codes = |first: &str, second: &str| -> Vec<&str> {
            let text = format!(
                r#"{{"MobileDeviceAccessOverrides": [
                    {{"UserId": "{first}", "DeviceId": "abc", "Effect": "ALLOW"}},
                    {{"UserId": "{second}", "DeviceId": "ABC", "Effect": "DENY"}}]}}"#
            );
            located(load_document(&text))
                .into_iter()
                .map(|c| c.0)
                .collect()
        };
        assert_eq!(
            codes("Jane@Example.com", "jane@example.COM"),
            ["duplicate-override"]
        );
        assert_eq!(
            codes("S-1-1-11-ABCDEFGHIJ", "S-1-1-11-ABCDEFGHIJ"),
            ["duplicate-override"]
        );
        assert_eq!(
            codes("S-1-1-11-ABCDEFGHIJ", "s-1-1-11-abcdefghij"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn duplicate_keys_are_errors_and_limits_and_unknown_users_warn() {
        let text = r#"{"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "a", "Name": "n", "Effect": "ALLOW"}, {"MobileDeviceAccessRuleId": "a", "Name": "n", "Effect": "DENY"}]}"#;
        let codes: Vec<&str> = located(load_document(text))
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(codes, ["duplicate-mobile-rule-id"]);
        let text = r#"{"Users": [{"Id": "S-1-1-11-0000000001", "Email": "jane@example.com"}],
            "MobileDeviceAccessOverrides": [
              {"UserId": "S-1-1-11-0000000001", "DeviceId": "abc", "Effect": "ALLOW"},
              {"UserId": "jane@example.com", "DeviceId": "ABC", "Effect": "DENY"},
              {"UserId": "S-1-1-11-0000000009", "DeviceId": "abc", "Effect": "DENY"}]}"#;
        let codes: Vec<&str> = located(load_document(text))
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(codes, ["duplicate-override", "unknown-override-user"]);
        let rules: Vec<String> = (0..11)
            .map(|i| {
                format!(r#"{{"MobileDeviceAccessRuleId": "r{i}", "Name": "r", "Effect": "ALLOW"}}"#)
            })
            .collect();
        let text = format!(r#"{{"MobileDeviceAccessRules": [{}]}}"#, rules.join(","));
        let codes: Vec<&str> = located(load_document(&text))
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(codes, ["mobile-rule-limit"]);
    }
}
