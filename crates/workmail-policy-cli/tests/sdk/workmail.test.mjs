// The AWS SDK for JavaScript v3 against `workmail-policy serve`: every operation it serves (access
// control, impersonation, mobile device access, ListUsers and DescribeUser), the modelled
// exceptions, an operation the server does not serve, and many clients changing the organization
// at once.
//
// Run by `cargo xtask test` (which builds the binary and names it in WORKMAIL_POLICY_BIN), or by
// hand after `cargo build -p workmail-policy-cli`:
//   node --test crates/workmail-policy-cli/tests/sdk/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import {
  AssumeImpersonationRoleCommand,
  CreateImpersonationRoleCommand,
  CreateMobileDeviceAccessRuleCommand,
  DeleteAccessControlRuleCommand,
  DeleteImpersonationRoleCommand,
  DeleteMobileDeviceAccessOverrideCommand,
  DeleteMobileDeviceAccessRuleCommand,
  DescribeUserCommand,
  EntityNotFoundException,
  EntityStateException,
  GetAccessControlEffectCommand,
  GetImpersonationRoleCommand,
  GetImpersonationRoleEffectCommand,
  GetMobileDeviceAccessEffectCommand,
  GetMobileDeviceAccessOverrideCommand,
  InvalidParameterException,
  LimitExceededException,
  ListAccessControlRulesCommand,
  ListGroupsCommand,
  ListImpersonationRolesCommand,
  ListMobileDeviceAccessOverridesCommand,
  ListMobileDeviceAccessRulesCommand,
  ListUsersCommand,
  OrganizationNotFoundException,
  PutAccessControlRuleCommand,
  PutMobileDeviceAccessOverrideCommand,
  ResourceNotFoundException,
  UpdateImpersonationRoleCommand,
  UpdateMobileDeviceAccessRuleCommand,
  WorkMailClient,
  WorkMailServiceException,
} from '@aws-sdk/client-workmail';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const BINARY = process.env.WORKMAIL_POLICY_BIN ?? join(ROOT, 'target', 'debug', 'workmail-policy');

const ORGANIZATION_ID = 'm-0123456789abcdef0123456789abcdef';
const CEO = 'S-1-1-11-1111111111-2222222222-3333333333-1001';
const JANE = 'S-1-1-11-1111111111-2222222222-3333333333-1002';
const FORMER = 'S-1-1-11-1111111111-2222222222-3333333333-1003';

const DOCUMENT = {
  OrganizationId: ORGANIZATION_ID,
  Users: [
    { Id: CEO, Email: 'ceo@example.com', Name: 'ceo', State: 'ENABLED' },
    { Id: JANE, Email: 'jane@example.com', Name: 'jane', State: 'ENABLED' },
    { Id: FORMER, Email: 'former@example.com', Name: 'former', State: 'DISABLED' },
  ],
  AccessControlRules: [
    { Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule', DateCreated: 0, DateModified: 0 },
    { Name: 'myRule', Effect: 'DENY', Description: 'my rule', UserIds: [JANE], DateCreated: 1581635628, DateModified: 1581635628 },
  ],
};

// The default credential chain finds these dummy keys in the environment; the server never
// checks the signature they make.
process.env.AWS_ACCESS_KEY_ID = 'AKIDLOCALTESTING0000';
process.env.AWS_SECRET_ACCESS_KEY = 'local-testing-secret-not-checked';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;

/** How long a server may run before it is killed, so a hung server fails its test instead of the run. */
const DEADLINE_MS = 120_000;

/** Starts `workmail-policy serve` on 127.0.0.1:0 over a copy of `document`. */
async function startServer(document) {
  const folder = await mkdtemp(join(tmpdir(), 'workmail-policy-serve-'));
  const file = join(folder, 'org.json');
  await writeFile(file, JSON.stringify(document, null, 2));
  const child = spawn(BINARY, ['serve', '--org', file, '--address', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines = [];
  const deadline = setTimeout(() => {
    lines.push(`killed: the server ran past its deadline (${DEADLINE_MS} ms)`);
    child.kill('SIGKILL');
  }, DEADLINE_MS);
  deadline.unref();
  child.once('exit', () => clearTimeout(deadline));
  const endpoint = await new Promise((found, failed) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      lines.push(line);
      const listening = /^listening on (http:\/\/\S+)$/.exec(line);
      if (listening) found(listening[1]);
    });
    child.once('error', failed);
    child.once('exit', (code) =>
      failed(new Error(`the server exited (${code}) before listening:\n${lines.join('\n')}`)),
    );
  });
  const client = new WorkMailClient({ endpoint, region: 'us-east-1' });
  return {
    client,
    endpoint,
    file,
    lines,
    async saved() {
      return JSON.parse(await readFile(file, 'utf8'));
    },
    /** Stops the server with Ctrl-C (SIGINT) and returns its exit code. */
    async stop() {
      client.destroy();
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = await exited;
      await rm(folder, { recursive: true, force: true });
      return code;
    },
  };
}

/** Runs `call` and returns the error it must throw. */
async function failure(call) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail('the call succeeded, but an error was expected');
}

describe('the AWS SDK for JavaScript against workmail-policy serve', () => {
  let server;
  let roleId;

  before(async () => {
    server = await startServer(DOCUMENT);
  });

  after(async () => {
    if (server) await server.stop();
  });

  test('ListAccessControlRules lists the document rules with dates', async () => {
    const { Rules } = await server.client.send(new ListAccessControlRulesCommand({ OrganizationId: ORGANIZATION_ID }));
    assert.deepEqual(Rules.map((rule) => rule.Name), ['default', 'myRule']);
    assert.ok(Rules[0].DateCreated instanceof Date);
    assert.equal(Rules[0].DateCreated.getTime(), 0);
    assert.equal(Rules[1].DateModified.getTime(), 1581635628000);
    assert.deepEqual(Rules[1].UserIds, [JANE]);
  });

  test('GetAccessControlEffect answers as the rules say', async () => {
    const question = { OrganizationId: ORGANIZATION_ID, IpAddress: '192.0.2.0', Action: 'WindowsOutlook' };
    const denied = await server.client.send(new GetAccessControlEffectCommand({ ...question, UserId: JANE }));
    assert.equal(denied.Effect, 'DENY');
    assert.deepEqual(denied.MatchedRules, ['myRule']);
    assert.equal(denied.$metadata.httpStatusCode, 200);
    assert.match(denied.$metadata.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const allowed = await server.client.send(new GetAccessControlEffectCommand({ ...question, UserId: CEO }));
    assert.equal(allowed.Effect, 'ALLOW');
    assert.deepEqual(allowed.MatchedRules, ['default']);
  });

  test('PutAccessControlRule adds a rule and saves it to the file', async () => {
    await server.client.send(
      new PutAccessControlRuleCommand({
        OrganizationId: ORGANIZATION_ID,
        Name: 'office-only',
        Effect: 'DENY',
        Description: 'IMAP from the office only',
        Actions: ['IMAP'],
        NotIpRanges: ['192.0.2.0/24'],
      }),
    );
    const { Effect, MatchedRules } = await server.client.send(
      new GetAccessControlEffectCommand({ OrganizationId: ORGANIZATION_ID, IpAddress: '198.51.100.7', Action: 'IMAP', UserId: CEO }),
    );
    assert.deepEqual([Effect, MatchedRules], ['DENY', ['office-only']]);
    const saved = await server.saved();
    assert.deepEqual(saved.AccessControlRules.map((rule) => rule.Name), ['default', 'myRule', 'office-only']);
  });

  test('DeleteAccessControlRule removes it, and the file follows', async () => {
    await server.client.send(new DeleteAccessControlRuleCommand({ OrganizationId: ORGANIZATION_ID, Name: 'office-only' }));
    // Deleting a rule that does not exist succeeds, as WorkMail documents.
    await server.client.send(new DeleteAccessControlRuleCommand({ OrganizationId: ORGANIZATION_ID, Name: 'office-only' }));
    const { Rules } = await server.client.send(new ListAccessControlRulesCommand({ OrganizationId: ORGANIZATION_ID }));
    assert.deepEqual(Rules.map((rule) => rule.Name), ['default', 'myRule']);
    assert.deepEqual((await server.saved()).AccessControlRules.map((rule) => rule.Name), ['default', 'myRule']);
  });

  test('CreateImpersonationRole creates a role, once per ClientToken', async () => {
    const request = {
      OrganizationId: ORGANIZATION_ID,
      ClientToken: 'archiver-1',
      Name: 'archiver',
      Type: 'READ_ONLY',
      Description: 'reads every mailbox but the CEO',
      Rules: [{ ImpersonationRuleId: 'not-ceo', Effect: 'ALLOW', NotTargetUsers: ['ceo@example.com'] }],
    };
    const created = await server.client.send(new CreateImpersonationRoleCommand(request));
    roleId = created.ImpersonationRoleId;
    assert.match(roleId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const again = await server.client.send(new CreateImpersonationRoleCommand(request));
    assert.equal(again.ImpersonationRoleId, roleId);
  });

  test('GetImpersonationRole returns the role as created', async () => {
    const role = await server.client.send(new GetImpersonationRoleCommand({ OrganizationId: ORGANIZATION_ID, ImpersonationRoleId: roleId }));
    assert.equal(role.ImpersonationRoleId, roleId);
    assert.equal(role.Name, 'archiver');
    assert.equal(role.Type, 'READ_ONLY');
    assert.deepEqual(role.Rules, [{ ImpersonationRuleId: 'not-ceo', Effect: 'ALLOW', NotTargetUsers: ['ceo@example.com'] }]);
    assert.ok(role.DateCreated instanceof Date);
    assert.ok(Math.abs(role.DateCreated.getTime() - Date.now()) < 60_000);
  });

  test('UpdateImpersonationRole replaces the role', async () => {
    await server.client.send(
      new UpdateImpersonationRoleCommand({
        OrganizationId: ORGANIZATION_ID,
        ImpersonationRoleId: roleId,
        Name: 'archiver',
        Type: 'READ_ONLY',
        Rules: [
          { ImpersonationRuleId: 'not-ceo', Name: 'everyone but the CEO', Effect: 'ALLOW', NotTargetUsers: ['ceo@example.com'] },
        ],
      }),
    );
    const role = await server.client.send(new GetImpersonationRoleCommand({ OrganizationId: ORGANIZATION_ID, ImpersonationRoleId: roleId }));
    assert.equal(role.Description, undefined);
    assert.equal(role.Rules[0].Name, 'everyone but the CEO');
  });

  test('ListImpersonationRoles pages with MaxResults and NextToken', async () => {
    await server.client.send(
      new CreateImpersonationRoleCommand({
        OrganizationId: ORGANIZATION_ID,
        Name: 'auditor',
        Type: 'FULL_ACCESS',
        Rules: [{ ImpersonationRuleId: 'jane', Effect: 'ALLOW', TargetUsers: ['jane'] }],
      }),
    );
    const first = await server.client.send(new ListImpersonationRolesCommand({ OrganizationId: ORGANIZATION_ID, MaxResults: 1 }));
    assert.deepEqual(first.Roles.map((role) => role.Name), ['archiver']);
    assert.equal(typeof first.NextToken, 'string');
    const second = await server.client.send(
      new ListImpersonationRolesCommand({ OrganizationId: ORGANIZATION_ID, MaxResults: 1, NextToken: first.NextToken }),
    );
    assert.deepEqual(second.Roles.map((role) => role.Name), ['auditor']);
    assert.equal(second.NextToken, undefined);
  });

  test('AssumeImpersonationRole issues a token for 900 seconds', async () => {
    const assumed = await server.client.send(new AssumeImpersonationRoleCommand({ OrganizationId: ORGANIZATION_ID, ImpersonationRoleId: roleId }));
    assert.equal(typeof assumed.Token, 'string');
    assert.ok(assumed.Token.length > 0);
    assert.equal(assumed.ExpiresIn, 900);
  });

  test('GetImpersonationRoleEffect answers for each target', async () => {
    const question = { OrganizationId: ORGANIZATION_ID, ImpersonationRoleId: roleId };
    const jane = await server.client.send(new GetImpersonationRoleEffectCommand({ ...question, TargetUser: 'jane@example.com' }));
    assert.equal(jane.Type, 'READ_ONLY');
    assert.equal(jane.Effect, 'ALLOW');
    assert.deepEqual(jane.MatchedRules, [{ ImpersonationRuleId: 'not-ceo', Name: 'everyone but the CEO' }]);
    const ceo = await server.client.send(new GetImpersonationRoleEffectCommand({ ...question, TargetUser: 'CEO@example.com' }));
    assert.equal(ceo.Effect, 'DENY');
    assert.deepEqual(ceo.MatchedRules, []);
  });

  test('an invalid request raises InvalidParameterException', async () => {
    const error = await failure(() =>
      server.client.send(
        new GetAccessControlEffectCommand({ OrganizationId: ORGANIZATION_ID, IpAddress: '192.0.2.0', Action: 'POP3', UserId: JANE }),
      ),
    );
    assert.ok(error instanceof InvalidParameterException, `${error.name}: ${error.message}`);
    assert.ok(error instanceof WorkMailServiceException);
    assert.equal(error.name, 'InvalidParameterException');
    assert.equal(error.$fault, 'client');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.match(error.message, /`POP3` is not a valid AccessControlRuleAction/);
  });

  test('an unknown target user raises EntityNotFoundException, a disabled one EntityStateException', async () => {
    const question = { OrganizationId: ORGANIZATION_ID, ImpersonationRoleId: roleId };
    const unknown = await failure(() =>
      server.client.send(new GetImpersonationRoleEffectCommand({ ...question, TargetUser: 'bob' })),
    );
    assert.ok(unknown instanceof EntityNotFoundException, `${unknown.name}: ${unknown.message}`);
    assert.match(unknown.message, /`bob`/);
    const disabled = await failure(() =>
      server.client.send(new GetImpersonationRoleEffectCommand({ ...question, TargetUser: 'former' })),
    );
    assert.ok(disabled instanceof EntityStateException, `${disabled.name}: ${disabled.message}`);
  });

  test('another organization raises OrganizationNotFoundException', async () => {
    const error = await failure(() =>
      server.client.send(new ListAccessControlRulesCommand({ OrganizationId: 'm-ffffffffffffffffffffffffffffffff' })),
    );
    assert.ok(error instanceof OrganizationNotFoundException, `${error.name}: ${error.message}`);
  });

  test('DeleteImpersonationRole removes the role; then it is ResourceNotFoundException', async () => {
    await server.client.send(new DeleteImpersonationRoleCommand({ OrganizationId: ORGANIZATION_ID, ImpersonationRoleId: roleId }));
    const error = await failure(() =>
      server.client.send(new GetImpersonationRoleCommand({ OrganizationId: ORGANIZATION_ID, ImpersonationRoleId: roleId })),
    );
    assert.ok(error instanceof ResourceNotFoundException, `${error.name}: ${error.message}`);
    const saved = await server.saved();
    assert.deepEqual(saved.ImpersonationRoles.map((role) => role.Name), ['auditor']);
  });

  test('an eleventh rule raises LimitExceededException and changes nothing', async () => {
    for (let number = 3; number <= 10; number += 1) {
      await server.client.send(
        new PutAccessControlRuleCommand({ OrganizationId: ORGANIZATION_ID, Name: `rule-${number}`, Effect: 'ALLOW', Description: '' }),
      );
    }
    const error = await failure(() =>
      server.client.send(new PutAccessControlRuleCommand({ OrganizationId: ORGANIZATION_ID, Name: 'rule-11', Effect: 'ALLOW', Description: '' })),
    );
    assert.ok(error instanceof LimitExceededException, `${error.name}: ${error.message}`);
    assert.equal((await server.saved()).AccessControlRules.length, 10);
  });

  test('a WorkMail operation the server does not serve raises UnknownOperationException', async () => {
    const error = await failure(() => server.client.send(new ListGroupsCommand({ OrganizationId: ORGANIZATION_ID })));
    assert.ok(error instanceof WorkMailServiceException, `${error.name}: ${error.message}`);
    assert.equal(error.name, 'UnknownOperationException');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.match(error.message, /`ListGroups` is not an operation/);
    assert.match(error.message, /GetImpersonationRoleEffect/);
  });

  test('each request is logged on stderr, and Ctrl-C stops the server cleanly', async () => {
    const code = await server.stop();
    const { lines } = server;
    server = undefined;
    assert.equal(code, 0, lines.join('\n'));
    const logged = (pattern) => lines.some((line) => pattern.test(line));
    assert.ok(logged(/^\d\d:\d\d:\d\dZ PutAccessControlRule 200 \d+\.\dms$/), lines.join('\n'));
    assert.ok(logged(/ GetAccessControlEffect 400 InvalidParameterException /), lines.join('\n'));
    assert.ok(logged(/ WorkMailService\.ListGroups 400 UnknownOperationException /), lines.join('\n'));
    assert.equal(lines.at(-1), 'stopped');
  });
});

describe('the mobile device access and directory operations through the AWS SDK', () => {
  let server;
  let ruleId;
  const DEVICE = '6APMEKPHCP2ND42VIJ4BR8ECDO';
  const org = { OrganizationId: ORGANIZATION_ID };

  before(async () => {
    server = await startServer(DOCUMENT);
  });

  after(async () => {
    if (server) await server.stop();
  });

  test('ListUsers and DescribeUser answer from the document', async () => {
    const { Users } = await server.client.send(new ListUsersCommand({ ...org, Filters: { State: 'ENABLED' } }));
    assert.deepEqual(Users.map((user) => user.Email), ['ceo@example.com', 'jane@example.com']);
    const jane = await server.client.send(new DescribeUserCommand({ ...org, UserId: 'jane@example.com' }));
    assert.deepEqual([jane.UserId, jane.Name, jane.State], [JANE, 'jane', 'ENABLED']);
    const error = await failure(() => server.client.send(new DescribeUserCommand({ ...org, UserId: 'nobody' })));
    assert.ok(error instanceof EntityNotFoundException, `${error.name}: ${error.message}`);
  });

  test('a new organization holds the default mobile rule, which allows every device', async () => {
    const { Rules } = await server.client.send(new ListMobileDeviceAccessRulesCommand(org));
    assert.deepEqual(Rules.map((rule) => [rule.MobileDeviceAccessRuleId, rule.Name, rule.Effect]), [['default', 'default', 'ALLOW']]);
    assert.equal(Rules[0].DateCreated.getTime(), 0);
    const answer = await server.client.send(new GetMobileDeviceAccessEffectCommand({ ...org, DeviceType: 'iPhone' }));
    assert.equal(answer.Effect, 'ALLOW');
    assert.deepEqual(answer.MatchedRules, [{ MobileDeviceAccessRuleId: 'default', Name: 'default' }]);
  });

  test('CreateMobileDeviceAccessRule creates a rule, once per ClientToken, and saves it', async () => {
    const request = { ...org, ClientToken: 'deny-all-1', Name: 'DefaultDenyAll', Effect: 'DENY', NotDeviceTypes: ['iPhone'] };
    const created = await server.client.send(new CreateMobileDeviceAccessRuleCommand(request));
    ruleId = created.MobileDeviceAccessRuleId;
    assert.match(ruleId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const again = await server.client.send(new CreateMobileDeviceAccessRuleCommand({ ...request, Name: 'other' }));
    assert.equal(again.MobileDeviceAccessRuleId, ruleId);
    const saved = await server.saved();
    assert.deepEqual(saved.MobileDeviceAccessRules.map((rule) => rule.Name), ['default', 'DefaultDenyAll']);
    const answer = await server.client.send(new GetMobileDeviceAccessEffectCommand({ ...org, DeviceType: 'Android' }));
    assert.deepEqual([answer.Effect, answer.MatchedRules.map((rule) => rule.Name)], ['DENY', ['DefaultDenyAll']]);
  });

  test('UpdateMobileDeviceAccessRule replaces the rule; an unknown ID is EntityNotFoundException', async () => {
    await server.client.send(new UpdateMobileDeviceAccessRuleCommand({ ...org, MobileDeviceAccessRuleId: ruleId, Name: 'DefaultDenyAll', Effect: 'DENY' }));
    const { Rules } = await server.client.send(new ListMobileDeviceAccessRulesCommand(org));
    assert.equal(Rules[1].NotDeviceTypes, undefined);
    const error = await failure(() =>
      server.client.send(new UpdateMobileDeviceAccessRuleCommand({ ...org, MobileDeviceAccessRuleId: 'nope', Name: 'x', Effect: 'DENY' })),
    );
    assert.ok(error instanceof EntityNotFoundException, `${error.name}: ${error.message}`);
  });

  test('a condition list without entries raises InvalidParameterException', async () => {
    const error = await failure(() =>
      server.client.send(new CreateMobileDeviceAccessRuleCommand({ ...org, Name: 'empty', Effect: 'ALLOW', DeviceTypes: [] })),
    );
    assert.ok(error instanceof InvalidParameterException, `${error.name}: ${error.message}`);
    assert.match(error.message, /DeviceTypes/);
  });

  test('overrides are put, read, listed and deleted, by user ID, email or name', async () => {
    await server.client.send(new PutMobileDeviceAccessOverrideCommand({ ...org, UserId: 'jane@example.com', DeviceId: DEVICE, Effect: 'ALLOW', Description: 'enrolled' }));
    const got = await server.client.send(new GetMobileDeviceAccessOverrideCommand({ ...org, UserId: 'jane', DeviceId: DEVICE.toLowerCase() }));
    assert.deepEqual([got.UserId, got.DeviceId, got.Effect, got.Description], [JANE, DEVICE, 'ALLOW', 'enrolled']);
    assert.ok(got.DateCreated instanceof Date);
    await server.client.send(new PutMobileDeviceAccessOverrideCommand({ ...org, UserId: CEO, DeviceId: 'CEOPHONE', Effect: 'DENY' }));
    const first = await server.client.send(new ListMobileDeviceAccessOverridesCommand({ ...org, MaxResults: 1 }));
    assert.equal(first.Overrides.length, 1);
    assert.ok(first.NextToken);
    const rest = await server.client.send(new ListMobileDeviceAccessOverridesCommand({ ...org, MaxResults: 1, NextToken: first.NextToken }));
    assert.deepEqual(rest.Overrides.map((item) => item.DeviceId), ['CEOPHONE']);
    assert.equal(rest.NextToken, undefined);
    const disabled = await failure(() =>
      server.client.send(new PutMobileDeviceAccessOverrideCommand({ ...org, UserId: 'former', DeviceId: 'X', Effect: 'ALLOW' })),
    );
    assert.ok(disabled instanceof EntityStateException, `${disabled.name}: ${disabled.message}`);
    await server.client.send(new DeleteMobileDeviceAccessOverrideCommand({ ...org, UserId: CEO, DeviceId: 'ceophone' }));
    await server.client.send(new DeleteMobileDeviceAccessOverrideCommand({ ...org, UserId: CEO, DeviceId: 'ceophone' }));
    const missing = await failure(() =>
      server.client.send(new GetMobileDeviceAccessOverrideCommand({ ...org, UserId: CEO, DeviceId: 'CEOPHONE' })),
    );
    assert.ok(missing instanceof ResourceNotFoundException, `${missing.name}: ${missing.message}`);
    const saved = await server.saved();
    assert.deepEqual(saved.MobileDeviceAccessOverrides.map((item) => item.UserId), [JANE]);
  });

  test('EvaluateMobileDeviceAccess, this project\'s operation, answers with the override', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'WorkMailService.EvaluateMobileDeviceAccess' },
      body: JSON.stringify({ UserId: 'jane', DeviceId: DEVICE, DeviceType: 'Android' }),
    });
    assert.equal(response.status, 200);
    const answer = await response.json();
    assert.deepEqual([answer.Effect, answer.DecidedBy, answer.Rules.Effect], ['ALLOW', 'OVERRIDE', 'DENY']);
  });

  test('DeleteMobileDeviceAccessRule removes a rule, and an unknown one quietly', async () => {
    await server.client.send(new DeleteMobileDeviceAccessRuleCommand({ ...org, MobileDeviceAccessRuleId: ruleId }));
    await server.client.send(new DeleteMobileDeviceAccessRuleCommand({ ...org, MobileDeviceAccessRuleId: ruleId }));
    const { Rules } = await server.client.send(new ListMobileDeviceAccessRulesCommand(org));
    assert.deepEqual(Rules.map((rule) => rule.MobileDeviceAccessRuleId), ['default']);
  });

  test('an eleventh mobile rule raises LimitExceededException', async () => {
    for (let number = 2; number <= 10; number += 1) {
      await server.client.send(new CreateMobileDeviceAccessRuleCommand({ ...org, Name: `rule-${number}`, Effect: 'ALLOW', DeviceModels: [`m${number}`] }));
    }
    const error = await failure(() =>
      server.client.send(new CreateMobileDeviceAccessRuleCommand({ ...org, Name: 'rule-11', Effect: 'ALLOW' })),
    );
    assert.ok(error instanceof LimitExceededException, `${error.name}: ${error.message}`);
    assert.equal((await server.saved()).MobileDeviceAccessRules.length, 10);
  });
});

describe('many SDK clients changing one organization at once', () => {
  test('every rule and every role is kept, and the file holds them all', async () => {
    const server = await startServer({ OrganizationId: ORGANIZATION_ID, AccessControlRules: [] });
    try {
      const clients = Array.from({ length: 10 }, () => new WorkMailClient({ endpoint: server.endpoint, region: 'us-east-1' }));
      // Ten clients each rewrite their own rule five times, while twenty role creations run.
      const rules = clients.map(async (client, number) => {
        for (let round = 0; round < 5; round += 1) {
          await client.send(
            new PutAccessControlRuleCommand({ Name: `client-${number}`, Effect: 'DENY', Description: `round ${round}`, Actions: ['IMAP'] }),
          );
        }
      });
      const roles = Array.from({ length: 20 }, (_, number) =>
        clients[number % clients.length].send(
          new CreateImpersonationRoleCommand({
            Name: `role-${number}`,
            Type: 'READ_ONLY',
            Rules: [{ ImpersonationRuleId: 'all', Effect: 'ALLOW' }],
          }),
        ),
      );
      await Promise.all([...rules, ...roles]);
      for (const client of clients) client.destroy();

      const expectedRules = Array.from({ length: 10 }, (_, number) => `client-${number}`).sort();
      const expectedRoles = Array.from({ length: 20 }, (_, number) => `role-${number}`).sort();
      const { Rules } = await server.client.send(new ListAccessControlRulesCommand({}));
      assert.deepEqual(Rules.map((rule) => rule.Name).sort(), expectedRules);
      assert.ok(Rules.every((rule) => rule.Description === 'round 4'));
      const { Roles } = await server.client.send(new ListImpersonationRolesCommand({}));
      assert.deepEqual(Roles.map((role) => role.Name).sort(), expectedRoles);

      const saved = await server.saved();
      assert.deepEqual(saved.AccessControlRules.map((rule) => rule.Name).sort(), expectedRules);
      assert.ok(saved.AccessControlRules.every((rule) => rule.Description === 'round 4'));
      assert.deepEqual(saved.ImpersonationRoles.map((role) => role.Name).sort(), expectedRoles);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
