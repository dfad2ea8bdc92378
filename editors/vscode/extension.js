// Starts `odplint lsp` for YAML and JSON plans; everything else happens in the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("odplint");
  const args = [];
  const lang = settings.get("lang");
  if (lang) {
    args.push("--lang", lang);
  }
  args.push("lsp");
  const server = { command: settings.get("path") || "odplint", args };
  const documentationUrl = settings.get("documentationUrl");
  client = new LanguageClient(
    "odplint",
    "odplint",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "file", language: "json" },
        { scheme: "untitled", language: "yaml" },
      ],
      initializationOptions: documentationUrl ? { documentationUrl } : {},
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/odplint.toml"),
      },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
