//! The operations, listed once: the eleven access control and impersonation operations, the
//! nine mobile device access operations, this project's `EvaluateMobileDeviceAccess`, and the
//! read-only directory operations `ListUsers` and `DescribeUser`.
//!
//! Each row gives an operation's AWS name, its AWS CLI name, whether it changes the
//! organization, its request shape, its request and response types and its handler. The modules
//! that need the list expand it with a macro of their own (as wasmparser's `for_each_operator!`
//! does), so adding an operation means adding a row here and its module beside the others:
//!
//! - `operation.rs`: the [`Operation`](super::Operation) enum and what it knows of each operation;
//! - `call.rs`: the [`Request`](super::Request) impls and [`Organization::call`]'s dispatch.
//!
//! A row's `request:` makes its type that operation's [`Request`](super::Request); `shares:` marks
//! a type an earlier row already owns. A handler takes the organization, the checked request and
//! the environment, and returns the typed response.
//!
//! [`Organization::call`]: crate::Organization::call

/// Calls `$expand!` with the table's rows.
macro_rules! for_each_operation {
    ($expand:ident) => {
        $expand! {
            /// Whether a user or an impersonation role may use an action from an address.
            GetAccessControlEffect {
                cli: "get-access-control-effect",
                mutates: false,
                shape: GET_ACCESS_CONTROL_EFFECT,
                request: GetAccessControlEffectRequest,
                response: GetAccessControlEffectResponse,
                handler: |org, request, _| org.access_effect(&request),
            }
            /// Every access control rule, in list order.
            ListAccessControlRules {
                cli: "list-access-control-rules",
                mutates: false,
                shape: LIST_ACCESS_CONTROL_RULES,
                request: ListAccessControlRulesRequest,
                response: ListAccessControlRulesResponse,
                handler: |org, request, _| org.list_rules(&request),
            }
            /// Adds an access control rule, or replaces the rule of the same name.
            PutAccessControlRule {
                cli: "put-access-control-rule",
                mutates: true,
                shape: PUT_ACCESS_CONTROL_RULE,
                request: PutAccessControlRuleRequest,
                response: Empty,
                handler: |org, request, env| org.put_rule(request, env),
            }
            /// Removes an access control rule.
            DeleteAccessControlRule {
                cli: "delete-access-control-rule",
                mutates: true,
                shape: DELETE_ACCESS_CONTROL_RULE,
                request: DeleteAccessControlRuleRequest,
                response: Empty,
                handler: |org, request, _| org.delete_rule(&request),
            }
            /// Adds an impersonation role.
            CreateImpersonationRole {
                cli: "create-impersonation-role",
                mutates: true,
                shape: CREATE_IMPERSONATION_ROLE,
                request: CreateImpersonationRoleRequest,
                response: CreateImpersonationRoleResponse,
                handler: |org, request, env| org.create_role(request, env),
            }
            /// Replaces an impersonation role.
            UpdateImpersonationRole {
                cli: "update-impersonation-role",
                mutates: true,
                shape: UPDATE_IMPERSONATION_ROLE,
                request: UpdateImpersonationRoleRequest,
                response: Empty,
                handler: |org, request, env| org.update_role(request, env),
            }
            /// One impersonation role.
            GetImpersonationRole {
                cli: "get-impersonation-role",
                mutates: false,
                shape: ROLE_REQUEST,
                request: ImpersonationRoleRequest,
                response: ImpersonationRole,
                handler: |org, request, _| org.get_role(&request),
            }
            /// Removes an impersonation role.
            DeleteImpersonationRole {
                cli: "delete-impersonation-role",
                mutates: true,
                shape: ROLE_REQUEST,
                shares: ImpersonationRoleRequest,
                response: Empty,
                handler: |org, request, _| org.delete_role(&request),
            }
            /// The impersonation roles, a page at a time.
            ListImpersonationRoles {
                cli: "list-impersonation-roles",
                mutates: false,
                shape: LIST_IMPERSONATION_ROLES,
                request: ListImpersonationRolesRequest,
                response: ListImpersonationRolesResponse,
                handler: |org, request, _| org.list_roles(&request),
            }
            /// A token to act as an impersonation role.
            AssumeImpersonationRole {
                cli: "assume-impersonation-role",
                mutates: true,
                shape: ROLE_REQUEST,
                shares: ImpersonationRoleRequest,
                response: AssumeImpersonationRoleResponse,
                handler: |org, request, env| org.assume_role(&request, env),
            }
            /// Whether an impersonation role may impersonate a user, and with what access.
            GetImpersonationRoleEffect {
                cli: "get-impersonation-role-effect",
                mutates: false,
                shape: GET_IMPERSONATION_ROLE_EFFECT,
                request: GetImpersonationRoleEffectRequest,
                response: GetImpersonationRoleEffectResponse,
                handler: |org, request, _| org.role_effect(&request),
            }
            /// Adds a mobile device access rule.
            CreateMobileDeviceAccessRule {
                cli: "create-mobile-device-access-rule",
                mutates: true,
                shape: CREATE_MOBILE_DEVICE_ACCESS_RULE,
                request: CreateMobileDeviceAccessRuleRequest,
                response: CreateMobileDeviceAccessRuleResponse,
                handler: |org, request, env| org.create_mobile_rule(request, env),
            }
            /// Replaces a mobile device access rule.
            UpdateMobileDeviceAccessRule {
                cli: "update-mobile-device-access-rule",
                mutates: true,
                shape: UPDATE_MOBILE_DEVICE_ACCESS_RULE,
                request: UpdateMobileDeviceAccessRuleRequest,
                response: Empty,
                handler: |org, request, env| org.update_mobile_rule(request, env),
            }
            /// Removes a mobile device access rule.
            DeleteMobileDeviceAccessRule {
                cli: "delete-mobile-device-access-rule",
                mutates: true,
                shape: DELETE_MOBILE_DEVICE_ACCESS_RULE,
                request: DeleteMobileDeviceAccessRuleRequest,
                response: Empty,
                handler: |org, request, _| org.delete_mobile_rule(&request),
            }
            /// Every mobile device access rule, in creation order.
            ListMobileDeviceAccessRules {
                cli: "list-mobile-device-access-rules",
                mutates: false,
                shape: LIST_MOBILE_DEVICE_ACCESS_RULES,
                request: ListMobileDeviceAccessRulesRequest,
                response: ListMobileDeviceAccessRulesResponse,
                handler: |org, request, _| org.list_mobile_rules(&request),
            }
            /// Whether the mobile device access rules allow a device (overrides aside).
            GetMobileDeviceAccessEffect {
                cli: "get-mobile-device-access-effect",
                mutates: false,
                shape: GET_MOBILE_DEVICE_ACCESS_EFFECT,
                request: GetMobileDeviceAccessEffectRequest,
                response: GetMobileDeviceAccessEffectResponse,
                handler: |org, request, _| org.mobile_effect(&request),
            }
            /// Creates or replaces the override of a user's device.
            PutMobileDeviceAccessOverride {
                cli: "put-mobile-device-access-override",
                mutates: true,
                shape: PUT_MOBILE_DEVICE_ACCESS_OVERRIDE,
                request: PutMobileDeviceAccessOverrideRequest,
                response: Empty,
                handler: |org, request, env| org.put_override(request, env),
            }
            /// The override of a user's device.
            GetMobileDeviceAccessOverride {
                cli: "get-mobile-device-access-override",
                mutates: false,
                shape: MOBILE_OVERRIDE_REQUEST,
                request: MobileDeviceAccessOverrideRequest,
                response: MobileDeviceAccessOverride,
                handler: |org, request, _| org.get_override(&request),
            }
            /// Removes the override of a user's device.
            DeleteMobileDeviceAccessOverride {
                cli: "delete-mobile-device-access-override",
                mutates: true,
                shape: MOBILE_OVERRIDE_REQUEST,
                shares: MobileDeviceAccessOverrideRequest,
                response: Empty,
                handler: |org, request, _| org.delete_override(&request),
            }
            /// The overrides, by user and device, a page at a time.
            ListMobileDeviceAccessOverrides {
                cli: "list-mobile-device-access-overrides",
                mutates: false,
                shape: LIST_MOBILE_DEVICE_ACCESS_OVERRIDES,
                request: ListMobileDeviceAccessOverridesRequest,
                response: ListMobileDeviceAccessOverridesResponse,
                handler: |org, request, _| org.list_overrides(&request),
            }
            /// This project's operation, not an AWS API: whether a user's device may synchronize
            /// over ActiveSync, overrides and access control rules included.
            EvaluateMobileDeviceAccess {
                cli: "evaluate-mobile-device-access",
                mutates: false,
                shape: EVALUATE_MOBILE_DEVICE_ACCESS,
                request: EvaluateMobileDeviceAccessRequest,
                response: EvaluateMobileDeviceAccessResponse,
                handler: |org, request, _| org.evaluate_mobile(&request),
            }
            /// The users of the document's directory, a page at a time.
            ListUsers {
                cli: "list-users",
                mutates: false,
                shape: LIST_USERS,
                request: ListUsersRequest,
                response: ListUsersResponse,
                handler: |org, request, _| org.list_directory(&request),
            }
            /// One user of the document's directory, by ID, email or user name.
            DescribeUser {
                cli: "describe-user",
                mutates: false,
                shape: DESCRIBE_USER,
                request: DescribeUserRequest,
                response: DescribeUserResponse,
                handler: |org, request, _| org.describe_directory_user(&request),
            }
        }
    };
}

pub(super) use for_each_operation;
