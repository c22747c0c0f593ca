'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { resolveServerCommand, pickPlanAction, planActionTitle } = require('../src/serverCommand');

test('an explicit command wins', () => {
  assert.deepStrictEqual(resolveServerCommand({ command: ['/opt/specls', 'serve'] }, { exists: () => false }),
    { command: '/opt/specls', args: ['serve'] });
});

test('pythonPath runs the module', () => {
  assert.deepStrictEqual(resolveServerCommand({ pythonPath: 'python3' }, { env: { PATH: '' }, exists: () => false }),
    { command: 'python3', args: ['-m', 'lsp', '--stdio'] });
});

test('a missing absolute pythonPath is reported', () => {
  const result = resolveServerCommand({ pythonPath: '/nope/python' }, { exists: () => false });
  assert.match(result.error, /does not exist/);
});

test('specls on PATH is found', () => {
  const result = resolveServerCommand({}, { env: { PATH: '/a:/b' }, platform: 'linux', exists: (p) => p === '/b/specls' });
  assert.deepStrictEqual(result, { command: '/b/specls', args: ['serve', '--stdio'] });
});

test('not installed gives the install command', () => {
  const result = resolveServerCommand({}, { env: { PATH: '/a' }, platform: 'linux', exists: () => false });
  assert.match(result.error, /pipx install specls/);
});

test('the plan action is picked by title', () => {
  const actions = [{ title: 'Add acceptance scenarios' }, { title: 'Update plan.md' }];
  assert.strictEqual(pickPlanAction(actions).title, 'Update plan.md');
  assert.strictEqual(pickPlanAction([{ title: 'x' }]), undefined);
  assert.strictEqual(planActionTitle(true), 'Update plan.md');
});
