// Pure logic of the extension (no `vscode` import), so it can be unit-tested with node's test runner:
// which command starts the server, and what to tell the user when it cannot be found.
'use strict';

const fs = require('fs');
const path = require('path');

const INSTALL_HINT = 'pipx install specls   (or: python3 -m pip install specls)';

/**
 * Resolve how to start `specls serve` from the extension settings.
 * Precedence: `specls.server.command` (an argv array) > `specls.server.pythonPath` (runs `python -m lsp`) >
 * `specls` found on PATH.
 * @param {{command?: string[], pythonPath?: string}} settings
 * @param {{env?: object, platform?: string, exists?: (p: string) => boolean}} [host]
 * @returns {{command: string, args: string[]} | {error: string}}
 */
function resolveServerCommand(settings, host = {}) {
  const env = host.env || process.env;
  const platform = host.platform || process.platform;
  const exists = host.exists || ((p) => { try { return fs.statSync(p).isFile(); } catch { return false; } });
  const command = Array.isArray(settings.command) ? settings.command.filter((part) => typeof part === 'string' && part.length > 0) : [];
  if (command.length > 0) {
    return { command: command[0], args: command.slice(1) };
  }
  if (typeof settings.pythonPath === 'string' && settings.pythonPath.trim() !== '') {
    const python = settings.pythonPath.trim();
    if (path.isAbsolute(python) && !exists(python)) {
      return { error: `specls.server.pythonPath points to ${python}, which does not exist. Fix the setting or install specls: ${INSTALL_HINT}` };
    }
    return { command: python, args: ['-m', 'lsp', '--stdio'] };
  }
  const found = findOnPath('specls', env, platform, exists);
  if (found) {
    return { command: found, args: ['serve', '--stdio'] };
  }
  return { error: `The specls language server was not found on PATH. Install it with: ${INSTALL_HINT} — or set specls.server.command / specls.server.pythonPath.` };
}

function findOnPath(name, env, platform, exists) {
  const separator = platform === 'win32' ? ';' : ':';
  const extensions = platform === 'win32' ? (env.PATHEXT || '.EXE;.CMD;.BAT').split(';').concat(['']) : [''];
  for (const folder of String(env.PATH || env.Path || '').split(separator)) {
    if (!folder) continue;
    for (const extension of extensions) {
      const candidate = path.join(folder, name + extension.toLowerCase());
      if (exists(candidate)) return candidate;
    }
  }
  return null;
}

/** The palette command's label for a spec: "Update" when a plan.md exists beside it, else "Generate". */
function planActionTitle(planExists) {
  return planExists ? 'Update plan.md' : 'Generate plan.md';
}

/** Pick the plan code action among those the server offered for a spec. */
function pickPlanAction(actions) {
  if (!Array.isArray(actions)) return undefined;
  return actions.find((action) => action && typeof action.title === 'string' && /^(Generate|Update) plan\.md/.test(action.title));
}

module.exports = { resolveServerCommand, findOnPath, planActionTitle, pickPlanAction, INSTALL_HINT };
