//! The eleven operations, listed once.
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
        }
    };
}

pub(super) use for_each_operation;
