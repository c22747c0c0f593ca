// The specls VS Code extension: a thin client that starts `specls serve` and forwards spec files to it.
// All analysis happens in the server; this file only starts it, shows its state and offers palette commands.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { resolveServerCommand, pickPlanAction } = require('./serverCommand');

let client;
let statusItem;

const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown', pattern: '**/spec.md' },
  { scheme: 'file', language: 'markdown', pattern: '**/.kiro/specs/*/requirements.md' },
  { scheme: 'file', language: 'markdown', pattern: '**/.kiro/specs/*/bugfix.md' },
  { scheme: 'file', language: 'markdown', pattern: '**/.kiro/specs/*/tasks.md' },
  { scheme: 'file', language: 'markdown', pattern: '**/.kiro/specs/*/design.md' },
  { scheme: 'file', language: 'markdown', pattern: '**/plan.md' },
];

function setStatus(text, tooltip) {
  if (!statusItem) return;
  statusItem.text = text;
  statusItem.tooltip = tooltip;
  statusItem.show();
}

async function startClient(context) {
  const settings = vscode.workspace.getConfiguration('specls.server');
  const resolved = resolveServerCommand({ command: settings.get('command'), pythonPath: settings.get('pythonPath') });
  if (resolved.error) {
    setStatus('$(warning) specls', resolved.error);
    const choice = await vscode.window.showErrorMessage(resolved.error, 'Open Settings');
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'specls.server');
    }
    return;
  }
  const serverOptions = { command: resolved.command, args: resolved.args, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      configurationSection: 'specls',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{spec.md,plan.md,requirements.md}'),
    },
  };
  client = new LanguageClient('specls', 'specls', serverOptions, clientOptions);
  setStatus('$(sync~spin) specls', 'Starting the specls language server…');
  try {
    await client.start();
    setStatus('$(check) specls', `specls language server running (${resolved.command})`);
  } catch (error) {
    setStatus('$(error) specls', String(error));
    vscode.window.showErrorMessage(`specls could not start: ${error}`);
  }
}

async function runPlanAction() {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    vscode.window.showInformationMessage('Open a spec file first.');
    return;
  }
  const document = editor.document;
  const range = new vscode.Range(0, 0, 0, 0);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, range,
    vscode.CodeActionKind.Source.value);
  const action = pickPlanAction(actions);
  if (!action) {
    vscode.window.showInformationMessage('specls offers no plan action for this file (is it a spec?).');
    return;
  }
  if (action.edit) {
    await vscode.workspace.applyEdit(action.edit);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments || []));
  }
}

async function activate(context) {
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = 'specls.showOutput';
  context.subscriptions.push(statusItem);
  context.subscriptions.push(vscode.commands.registerCommand('specls.generatePlan', runPlanAction));
  context.subscriptions.push(vscode.commands.registerCommand('specls.updatePlan', runPlanAction));
  context.subscriptions.push(vscode.commands.registerCommand('specls.showOutput', () => client && client.outputChannel.show()));
  context.subscriptions.push(vscode.commands.registerCommand('specls.restart', async () => {
    if (client) await client.stop();
    await startClient(context);
  }));
  await startClient(context);
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
