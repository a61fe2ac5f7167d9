// Starts `oasguard server` for YAML and JSON files and restarts it when its
// settings change. Everything else (diagnostics, hover, definitions, quick
// fixes) is the language server's.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("oasguard")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const settings = vscode.workspace.getConfiguration("oasguard");
  const command = settings.get<string>("path") || "oasguard";
  const serverOptions: ServerOptions = { command, args: ["server"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
    ],
    initializationOptions: { debounceMs: settings.get<number>("debounceMs") ?? 0 },
    synchronize: {
      // Specs changed on disk, and the config file, which reloads the rules.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{*.yaml,*.yml,*.json,.oasguard.yaml,.oasguard.yml}",
      ),
    },
  };
  client = new LanguageClient("oasguard", "oasguard", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `oasguard: cannot start '${command} server' (set oasguard.path): ${String(error)}`,
    );
  }
}

async function stop(): Promise<void> {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}
