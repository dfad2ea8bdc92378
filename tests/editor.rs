//! The editor side as users meet it: the real yaml-language-server (the server of VS Code's YAML
//! extension, installed by `npm ci` in tools/editor-test) driven over LSP on standard input and
//! output, reading the published schema through a plan's `$schema` modeline.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);

/// The server's entry point, when `npm ci` has run in tools/editor-test.
fn server_script() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tools/editor-test/node_modules/yaml-language-server/bin/yaml-language-server");
    if script.is_file() {
        return Some(script);
    }
    let required = std::env::var("ODPLINT_REQUIRE_PROGRAMS").unwrap_or_default();
    if required
        .split(',')
        .any(|p| matches!(p.trim(), "node" | "all"))
    {
        panic!(
            "node is required by this run but yaml-language-server is not installed in tools/editor-test (npm ci)"
        );
    }
    eprintln!(
        "SKIPPED: yaml-language-server is not installed (run `npm ci` in tools/editor-test), so this test did not run"
    );
    None
}

/// A language client over the server's standard input and output.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    /// Notifications seen while waiting for something else.
    notifications: Vec<Value>,
}

impl Client {
    fn start(node: &Path, script: &Path) -> Self {
        let mut child = Command::new(node)
            .arg(script)
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let Some(length) = length else { return };
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(message) = serde_json::from_slice::<Value>(&body) else {
                    return;
                };
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
            notifications: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message, answering the server's own requests on the way.
    fn receive(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let result = match message["method"].as_str().unwrap_or_default() {
                    "workspace/configuration" => Value::Array(
                        message["params"]["items"]
                            .as_array()
                            .map(|items| {
                                items
                                    .iter()
                                    .map(|item| match item["section"].as_str() {
                                        Some("yaml") => settings()["yaml"].clone(),
                                        _ => Value::Null,
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    ),
                    _ => Value::Null,
                };
                self.send(&json!({"jsonrpc": "2.0", "id": message["id"], "result": result}));
                continue;
            }
            return Some(message);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        while let Some(message) = self.receive(deadline) {
            if message["id"] == id && message.get("method").is_none() {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.notifications.push(message);
        }
        panic!("no answer to {method} within {TIMEOUT:?}");
    }

    /// The latest non-empty diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = self.notifications.iter().rev().find(|n| {
                n["method"] == "textDocument/publishDiagnostics"
                    && n["params"]["uri"] == uri
                    && n["params"]["diagnostics"]
                        .as_array()
                        .is_some_and(|d| !d.is_empty())
            });
            if let Some(found) = found {
                return found["params"]["diagnostics"].as_array().unwrap().clone();
            }
            match self.receive(deadline) {
                Some(message) => self.notifications.push(message),
                None => panic!("no diagnostics for {uri} within {TIMEOUT:?}"),
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The editor's settings: validation, hover and completion on; no schema store (no network).
fn settings() -> Value {
    json!({"yaml": {
        "validate": true,
        "hover": true,
        "completion": true,
        "schemaStore": {"enable": false},
        "format": {"enable": false}
    }})
}

/// A plan as a coordinator edits it: one category still to choose, one date without its zero.
fn plan(language: &str, category: &str) -> String {
    let base = std::fs::read_to_string(common::fixtures().join("base.yaml")).unwrap();
    let base = base
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!("# yaml-language-server: $schema=plan.schema.json\n{base}\n")
        .replacen("language: zh-Hant", &format!("language: {language}"), 1)
        .replacen("category: 法律及保安", &format!("category: {category}"), 1)
        .replacen("release_date: 10/2016", "release_date: 3/2025", 1);
    assert!(text.contains("release_date: 3/2025"));
    text
}

/// The 0-based line and the column just after `needle` on its first line holding it.
fn position_after(text: &str, needle: &str) -> (usize, usize) {
    for (line, content) in text.lines().enumerate() {
        if let Some(at) = content.find(needle) {
            let column = content[..at + needle.len()].encode_utf16().count();
            return (line, column);
        }
    }
    panic!("{needle} not in the plan");
}

fn labels(completion: &Value) -> Vec<String> {
    let items = completion
        .get("items")
        .or(Some(completion))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    items
        .iter()
        .filter_map(|item| item["label"].as_str().map(str::to_string))
        .collect()
}

fn hover_text(hover: &Value) -> String {
    match &hover["contents"] {
        Value::String(text) => text.clone(),
        Value::Object(markup) => markup["value"].as_str().unwrap_or_default().to_string(),
        Value::Array(parts) => parts
            .iter()
            .map(|p| {
                p.as_str()
                    .or(p["value"].as_str())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

#[test]
fn needs_node_yaml_language_server_completes_categories_shows_help_and_marks_dates() {
    let Some(node) = common::require_program("node") else {
        return;
    };
    let Some(script) = server_script() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.schema.json"),
        odplint::schema::SCHEMA_TEXT,
    )
    .unwrap();
    let root_uri = format!("file://{}", dir.path().display());

    let mut client = Client::start(&node, &script);
    client.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root_uri,
            "capabilities": {
                "workspace": {"configuration": true, "didChangeConfiguration": {"dynamicRegistration": true}},
                "textDocument": {
                    "completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown", "plaintext"]}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {}
                }
            }
        }),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": settings()}),
    );

    let categories = |language| -> Vec<String> {
        odplint::vocab::categories::all()
            .iter()
            .map(|c| c.name(language).to_string())
            .collect()
    };
    for (language, code, file) in [
        (
            odplint::model::Language::ZhHant,
            "zh-Hant",
            "plan.zh-Hant.yaml",
        ),
        (odplint::model::Language::En, "en", "plan.en.yaml"),
    ] {
        let text = plan(code, "");
        let path = dir.path().join(file);
        std::fs::write(&path, &text).unwrap();
        let uri = format!("file://{}", path.display());
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );

        // `3/2025` is marked, on its line.
        let (date_line, _) = position_after(&text, "release_date: 3/2025");
        let diagnostics = client.diagnostics(&uri);
        assert!(
            diagnostics
                .iter()
                .any(|d| d["range"]["start"]["line"] == date_line),
            "{code}: {diagnostics:#?}"
        );

        // `category:` completes the 20 categories of the plan's language, and no other's.
        let (line, character) = position_after(&text, "category: ");
        let completion = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        let offered = labels(&completion);
        for name in categories(language) {
            assert!(offered.contains(&name), "{code}: {name} not in {offered:?}");
        }
        let other = if code == "en" {
            odplint::model::Language::ZhHant
        } else {
            odplint::model::Language::En
        };
        for name in categories(other) {
            assert!(!offered.contains(&name), "{code}: {name} offered too");
        }
    }

    // Hover shows the bilingual help of a key.
    let text = plan("zh-Hant", "法律及保安");
    let path = dir.path().join("hover.yaml");
    std::fs::write(&path, &text).unwrap();
    let uri = format!("file://{}", path.display());
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let (line, character) = position_after(&text, "release_dat");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    let shown = hover_text(&hover);
    assert!(
        shown.contains("Release date") && shown.contains("發放日期"),
        "{shown}"
    );
    let _ = client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
}

/// The VS Code extension, checked without VS Code: Node loads `editors/vscode/extension.js`
/// with the real `vscode-languageclient` of its package.json (installed by `npm ci` in
/// tools/editor-test) and a stand-in for the `vscode` module (`tests/fixtures/vscode/activate.js`).
/// Activation must start `odplint lsp` with the settings' arguments, complete the LSP handshake
/// with the real server and pass `documentationUrl` on; deactivation must end the server cleanly.
#[test]
fn needs_node_the_vscode_extension_starts_odplint_lsp_with_its_settings() {
    let Some(node) = common::require_program("node") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = root.join("tools/editor-test/node_modules");
    let client = modules.join("vscode-languageclient/package.json");
    if server_script().is_none() || !client.is_file() {
        eprintln!(
            "SKIPPED: vscode-languageclient is not installed (run `npm ci` in tools/editor-test)"
        );
        return;
    }
    // The client installed is the one the extension declares.
    let declared: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("editors/vscode/package.json")).unwrap(),
    )
    .unwrap();
    let installed: Value =
        serde_json::from_str(&std::fs::read_to_string(&client).unwrap()).unwrap();
    assert_eq!(
        declared["dependencies"]["vscode-languageclient"]
            .as_str()
            .unwrap()
            .trim_start_matches('^'),
        installed["version"].as_str().unwrap()
    );
    let odplint = env!("CARGO_BIN_EXE_odplint");
    let run = |settings: Value| -> Value {
        let output = Command::new(&node)
            .arg(root.join("tests/fixtures/vscode/activate.js"))
            .arg(root.join("editors/vscode/extension.js"))
            .arg(&modules)
            .arg(settings.to_string())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_str(stdout.trim()).unwrap_or_else(|_| panic!("{stdout}"))
    };

    let report = run(json!({
        "path": odplint,
        "lang": "zh-Hant",
        "documentationUrl": "https://example.org/odplint/{code}.html"
    }));
    assert_eq!(
        report["spawned"],
        json!([{"command": odplint, "args": ["--lang", "zh-Hant", "lsp"]}]),
        "{report}"
    );
    assert_eq!(report["activated"], true, "{report}");
    assert_eq!(
        report["initialize"]["initializationOptions"],
        json!({"documentationUrl": "https://example.org/odplint/{code}.html"})
    );
    assert_eq!(
        report["exitCode"], 0,
        "shutdown and exit end the server: {report}"
    );

    // Without a language or a link: `odplint lsp` alone, and no options.
    let report = run(json!({"path": odplint, "lang": "", "documentationUrl": ""}));
    assert_eq!(
        report["spawned"],
        json!([{"command": odplint, "args": ["lsp"]}]),
        "{report}"
    );
    assert_eq!(report["initialize"]["initializationOptions"], json!({}));
    assert_eq!(report["exitCode"], 0, "{report}");
}
