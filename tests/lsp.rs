//! The language server, spoken to in JSON-RPC as an editor would: every message is framed and
//! parsed as on the wire, and every position is checked to the code unit.

mod common;
#[path = "../benches/support/mod.rs"]
mod support;

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message};
use odplint::document::Document;
use odplint::fix::{self, FixMode};
use odplint::lsp::{self, Ending, Options};
use odplint::messages::Lang;
use serde_json::{Value, json};

const POLICE: &str = "plans/hkpf/2024-2026.zh-Hant.yaml";

/// A client on the other end of an in-memory connection, with the server on its own thread.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<Ending, String>>>,
    next_id: i64,
    /// Notifications received while waiting for something else, in order.
    inbox: Vec<Value>,
}

/// A message as the wire carries it: framed with Content-Length and parsed back.
fn from_wire(value: &Value) -> Message {
    let body = value.to_string();
    let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    Message::read(&mut BufReader::new(framed.as_bytes()))
        .expect("a framed message reads back")
        .expect("one message")
}

fn to_wire(message: Message) -> Value {
    let mut bytes = Vec::new();
    message.write(&mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let (_, body) = text.split_once("\r\n\r\n").unwrap();
    serde_json::from_str(body).unwrap()
}

impl Client {
    fn start(options: Options, initialize: Value) -> (Self, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || lsp::serve(&server_side, &options));
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            inbox: Vec::new(),
        };
        let result = client.request("initialize", initialize);
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn quick(initialize: Value) -> Self {
        let options = Options {
            lang: Some(Lang::En),
            debounce: Duration::from_millis(20),
        };
        Client::start(options, initialize).0
    }

    fn send(&self, value: Value) {
        self.connection.sender.send(from_wire(&value)).unwrap();
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        let message = self
            .connection
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers within a minute");
        to_wire(message)
    }

    /// Sends a request and returns its result, keeping notifications for later.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let reply = self.request_raw(method, params);
        assert!(reply.get("error").is_none(), "{method}: {reply}");
        reply["result"].clone()
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.inbox.push(message);
        }
    }

    /// The next published diagnostics for `uri` with exactly this version; earlier ones
    /// (other versions, other documents) are kept in the inbox.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(at) = self.inbox.iter().position(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            }) {
                let message = self.inbox.remove(at);
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            assert!(
                Instant::now() < deadline,
                "no diagnostics for {uri} v{version}"
            );
            let message = self.receive();
            self.inbox.push(message);
        }
    }

    fn open(&mut self, uri: &str, language_id: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1)
    }

    fn change(&self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let ending = self.server.take().unwrap().join().unwrap();
        assert_eq!(ending, Ok(Ending::Clean));
    }
}

fn position(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": position(start.0, start.1), "end": position(end.0, end.1)})
}

fn police() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICE)).unwrap()
}

fn police_uri() -> String {
    odplint::lsp::workspace::path_to_uri(&Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICE))
}

/// The (0-based) position of the `nth` occurrence of `needle`, in UTF-16 code units.
fn utf16_position(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..at].matches('\n').count() as u32;
    (line, text[line_start..at].encode_utf16().count() as u32)
}

/// Applies LSP text edits (UTF-16 positions) to a text, as a client does.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (at, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + at;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, new_text);
    }
    out
}

fn summary(diagnostics: &[Value]) -> Vec<(String, u64, u64, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap().to_string(),
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn initialize_negotiates_the_position_encoding_and_announces_what_it_serves() {
    let (client, result) = Client::start(Options::default(), json!({"capabilities": {}}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["serverInfo"]["name"], "odplint");
    assert_eq!(
        result["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.odplint"])
    );
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 1);
    assert_eq!(result["capabilities"]["hoverProvider"], true);
    client.shutdown();
    for (offered, chosen) in [
        (json!(["utf-16", "utf-8"]), "utf-8"),
        (json!(["utf-32", "utf-16"]), "utf-32"),
        (json!(["utf-16"]), "utf-16"),
    ] {
        let (client, result) = Client::start(
            Options::default(),
            json!({"capabilities": {"general": {"positionEncodings": offered}}}),
        );
        assert_eq!(result["capabilities"]["positionEncoding"], chosen);
        client.shutdown();
    }
}

#[test]
fn the_police_plan_shows_its_five_findings_at_their_exact_cells() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let diagnostics = client.open(&police_uri(), "yaml", &police());
    assert_eq!(
        summary(&diagnostics),
        [
            ("T006".to_string(), 103, 124, 103, 125),
            ("D001".to_string(), 116, 24, 116, 30),
            ("D001".to_string(), 133, 24, 133, 30),
            ("T001".to_string(), 135, 50, 135, 51),
            ("D001".to_string(), 143, 24, 143, 30),
        ]
    );
    let first = &diagnostics[1];
    assert_eq!(first["source"], "odplint");
    assert_eq!(first["severity"], 1);
    assert_eq!(first["message"], "`2/2015` is not a date in MM/YYYY form");
    // No public documentation site: no link unless the editor's settings give one.
    assert!(first.get("codeDescription").is_none());
    assert_eq!(diagnostics[0]["severity"], 2);
    client.shutdown();
}

#[test]
fn characters_outside_the_bmp_are_counted_in_the_negotiated_units() {
    // 𨋢 (U+282E2) is two UTF-16 code units, four UTF-8 bytes and one character.
    let plan = std::fs::read_to_string(common::fixtures().join("base.yaml"))
        .unwrap()
        .replacen(
            "    non_spatial:\n      rows:\n        - item: 1\n          category: 不適用\n",
            "    non_spatial:\n      rows:\n        - { item: 1, category: 法律及保安, name: 𨋢𨋢站, description: 以CSV格式列出𨋢的位置, release_date: 2/2015, frequency: 每年 }\n",
            1,
        );
    let line_text = plan.lines().find(|l| l.contains("𨋢𨋢站")).unwrap();
    let line = plan.lines().position(|l| l.contains("𨋢𨋢站")).unwrap() as u64;
    let prefix = &line_text[..line_text.find("2/2015").unwrap()];
    for (encoding, column) in [
        ("utf-16", prefix.encode_utf16().count()),
        ("utf-8", prefix.len()),
        ("utf-32", prefix.chars().count()),
    ] {
        let mut client =
            Client::quick(json!({"capabilities": {"general": {"positionEncodings": [encoding]}}}));
        let diagnostics = client.open("file:///tmp/lift.yaml", "yaml", &plan);
        let d001: Vec<_> = summary(&diagnostics)
            .into_iter()
            .filter(|d| d.0 == "D001")
            .collect();
        let column = column as u64;
        assert_eq!(
            d001,
            [("D001".to_string(), line, column, line, column + 6)],
            "{encoding}"
        );
        // And back: a hover at that position finds the finding.
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///tmp/lift.yaml"}, "position": position(line as u32, column as u32 + 1)}),
        );
        assert!(
            hover["contents"]["value"]
                .as_str()
                .unwrap()
                .contains("D001"),
            "{encoding}: {hover}"
        );
        client.shutdown();
    }
    assert_ne!(
        prefix.encode_utf16().count(),
        prefix.chars().count(),
        "the test needs astral characters before the finding"
    );
}

#[test]
fn typing_is_debounced_and_the_last_version_wins() {
    let mut client = Client::start(
        Options {
            lang: Some(Lang::En),
            debounce: Duration::from_millis(300),
        },
        json!({"capabilities": {}}),
    )
    .0;
    let uri = "file:///tmp/typing.yaml";
    let base = police();
    assert_eq!(client.open(uri, "yaml", &base).len(), 5);
    for version in 2..=6 {
        // Each version spells one more date without its zero.
        let text = base.replacen("10/2016", "1/2016", version as usize - 1);
        client.change(uri, version, &text);
    }
    let last = client.diagnostics(uri, 6);
    assert_eq!(last.len(), 5 + 5);
    // Versions 2 to 5 were replaced before their debounce ran out: never checked, never shown.
    client.request("shutdown", Value::Null);
    assert!(
        !client
            .inbox
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"
                && (2..=5).contains(&m["params"]["version"].as_i64().unwrap_or(0))),
        "{:?}",
        client.inbox
    );
    client.notify("exit", Value::Null);
    assert_eq!(
        client.server.take().unwrap().join().unwrap(),
        Ok(Ending::Clean)
    );
}

#[test]
fn a_large_plan_is_checked_off_the_loop_and_stale_results_are_dropped() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let small = "file:///tmp/small.yaml";
    client.open(small, "yaml", &police());
    let large = "file:///tmp/large.yaml";
    let text = support::plan(20_000, Some(10));
    // Version 2 arrives while version 1 is being checked (or before it starts): both are made
    // before either is sent, so that the second follows the first at once (made after it, it
    // could come after version 1 was checked, which is then rightly published).
    let text2 = text.replacen("01/2010", "1/2010", 1);
    let open = from_wire(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": large, "languageId": "yaml", "version": 1, "text": text}
        }}),
    );
    let change = from_wire(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": large, "version": 2}, "contentChanges": [{"text": text2}]
        }}),
    );
    client.connection.sender.send(open).unwrap();
    client.connection.sender.send(change).unwrap();
    // The loop answers at once for another document while the large one is checked.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": small}, "position": position(116, 26)}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("D001")
    );
    assert!(
        !client
            .inbox
            .iter()
            .any(|m| m["params"]["uri"] == large && m["params"]["version"] == 2),
        "the hover waited for the large plan"
    );
    let diagnostics = client.diagnostics(large, 2);
    assert_eq!(
        diagnostics.len(),
        common::check("large.yaml", &text2).diagnostics.len()
    );
    assert!(diagnostics.len() > 1000);
    assert!(
        !client
            .inbox
            .iter()
            .any(|m| m["params"]["uri"] == large && m["params"]["version"] == 1),
        "a stale result was published"
    );
    client.shutdown();
}

fn actions_at(client: &mut Client, uri: &str, at: Value, only: Option<Value>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = only;
    }
    client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": at, "context": context}),
        )
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn each_fix_is_a_quick_fix_and_fix_all_leaves_the_text_odplint_fix_writes() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let uri = police_uri();
    let text = police();
    client.open(&uri, "yaml", &text);
    let actions = actions_at(&mut client, &uri, range((116, 26), (116, 26)), None);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "D001: write `02/2015`",
            "D001: allow this rule here (# odplint: allow D001)",
            "odplint: fix all safe problems (5)",
        ]
    );
    let quick = &actions[0];
    assert_eq!(quick["kind"], "quickfix");
    assert_eq!(quick["isPreferred"], true);
    assert_eq!(quick["diagnostics"][0]["code"], "D001");
    let edits = quick["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        edits,
        &[json!({"range": range((116, 24), (116, 30)), "newText": "02/2015"})]
    );

    // The allow goes on its own line above, indented like the key, and silences the finding.
    let allow = &actions[1];
    let allow_edits = allow["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        allow_edits,
        &[
            json!({"range": range((116, 0), (116, 0)), "newText": "          # odplint: allow D001\n"})
        ]
    );
    let allowed = apply(&text, allow_edits);
    client.change(&uri, 2, &allowed);
    let after = client.diagnostics(&uri, 2);
    assert_eq!(after.len(), 4, "{after:?}");
    assert!(after.iter().all(|d| d["code"] != "S005"));

    // Fix all: exactly what `odplint fix` writes.
    client.change(&uri, 3, &text);
    client.diagnostics(&uri, 3);
    let actions = actions_at(
        &mut client,
        &uri,
        range((0, 0), (0, 0)),
        Some(json!(["source.fixAll"])),
    );
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.odplint");
    let fixed = apply(
        &text,
        actions[0]["edit"]["changes"][&uri].as_array().unwrap(),
    );
    let config = odplint::config::Config::default();
    let policy = odplint::policy::Policy::of_config(&config);
    let expected = fix::fix_document(Document::parse(POLICE, &text), &policy, FixMode::Safe);
    assert_eq!(
        fixed,
        String::from_utf8(fix::file_bytes(&expected.document)).unwrap()
    );
    assert_ne!(fixed, text);
    client.change(&uri, 4, &fixed);
    assert_eq!(client.diagnostics(&uri, 4), Vec::<Value>::new());
    // Nothing is left to fix, so nothing is offered.
    assert!(
        actions_at(
            &mut client,
            &uri,
            range((0, 0), (0, 0)),
            Some(json!(["source"]))
        )
        .is_empty()
    );
    client.shutdown();
}

#[test]
fn unsafe_fixes_are_labelled_and_not_preferred() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let uri = "file:///tmp/items.yaml";
    // Item 3 after item 1: N001, whose renumbering is unsafe.
    let text = police().replacen("        - item: 2\n", "        - item: 3\n", 1);
    let diagnostics = client.open(uri, "yaml", &text);
    let n001 = diagnostics.iter().find(|d| d["code"] == "N001").unwrap();
    let actions = actions_at(
        &mut client,
        uri,
        n001["range"].clone(),
        Some(json!(["quickfix"])),
    );
    let quick = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().ends_with("(unsafe)"))
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert!(quick["title"].as_str().unwrap().starts_with("N001: "));
    assert_eq!(quick["isPreferred"], false);
    assert!(actions.iter().all(|a| a["kind"] == "quickfix"));
    client.shutdown();
}

fn hover_text(client: &mut Client, uri: &str, at: (u32, u32)) -> String {
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(at.0, at.1)}),
    );
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn hover_explains_findings_and_what_values_mean() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let uri = police_uri();
    let text = police();
    client.open(&uri, "yaml", &text);
    let on_finding = hover_text(&mut client, &uri, (116, 25));
    assert!(
        on_finding.starts_with("**D001** `date-format`: `2/2015` is not a date"),
        "{on_finding}"
    );
    assert!(on_finding.contains("## What it checks"), "{on_finding}");
    assert!(
        on_finding.contains("February 2015 · 2015年2月"),
        "{on_finding}"
    );

    let category = hover_text(&mut client, &uri, utf16_position(&text, "法律及保安", 0));
    assert!(
        category.contains("| Law and Security | 法律及保安 | 法律及保安 |"),
        "{category}"
    );
    assert!(category.contains("C001 `unknown-category`"), "{category}");
    assert!(
        category.contains("A current DATA.GOV.HK category"),
        "{category}"
    );

    let (line, column) = utf16_position(&text, "frequency: 每年及有需要時", 0);
    let frequency = hover_text(&mut client, &uri, (line, column + 12));
    assert!(
        frequency.contains("Annually and as and when necessary"),
        "{frequency}"
    );
    assert!(
        frequency.contains("F002 `non-canonical-frequency`"),
        "{frequency}"
    );

    let placeholder = hover_text(&mut client, &uri, utf16_position(&text, "不適用", 0));
    assert!(
        placeholder.contains("| N/A | 不適用 | 不适用 |"),
        "{placeholder}"
    );
    assert!(placeholder.contains("P001"), "{placeholder}");

    let (line, column) = utf16_position(&text, "published: 12/2023", 0);
    let published = hover_text(&mut client, &uri, (line, column + 12));
    assert!(
        published.contains("December 2023 · 2023年12月"),
        "{published}"
    );
    assert!(published.contains("M002"), "{published}");

    let (line, column) = utf16_position(&text, "period:", 0);
    let key = hover_text(&mut client, &uri, (line, column + 1));
    assert!(key.starts_with("**Plan period / 計劃涵蓋年度**"), "{key}");
    client.shutdown();

    // In the user's language: --lang zh-Hant.
    let options = Options {
        lang: Some(Lang::ZhHant),
        debounce: Duration::ZERO,
    };
    let mut client = Client::start(options, json!({"capabilities": {}})).0;
    client.open(&uri, "yaml", &text);
    let on_finding = hover_text(&mut client, &uri, (116, 25));
    assert!(on_finding.contains("## 檢查內容"), "{on_finding}");
    let category = hover_text(&mut client, &uri, utf16_position(&text, "法律及保安", 0));
    assert!(category.contains("**數據種類**"), "{category}");
    client.shutdown();
}

fn completion_labels(client: &mut Client, uri: &str, at: (u32, u32)) -> Vec<Value> {
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": position(at.0, at.1)}),
    );
    items.as_array().unwrap().clone()
}

#[test]
fn completion_offers_vocabulary_keys_and_the_next_item() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let uri = "file:///tmp/typing.yaml";
    let text = police();
    client.open(uri, "yaml", &text);

    // A category value: the plan's language, the placeholder first.
    let (line, column) = utf16_position(&text, "category: 法律及保安", 0);
    let items = completion_labels(&mut client, uri, (line, column + 10));
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels[0], "不適用");
    assert!(
        labels.contains(&"法律及保安") && labels.contains(&"旅遊"),
        "{labels:?}"
    );
    assert_eq!(labels.len(), 21);
    // The item replaces the whole value after the colon.
    assert_eq!(
        items[1]["textEdit"]["range"],
        range((line, column + 10), (line, column + 15))
    );

    // A frequency value: the canonical terms.
    let (line, column) = utf16_position(&text, "frequency: 每三個月及有需要時", 0);
    let items = completion_labels(&mut client, uri, (line, column + 11));
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(
        labels.contains(&"每年") && labels.contains(&"每月"),
        "{labels:?}"
    );

    // A new row at the end of D.ii: the keys of a row, and `item` with the next number (the
    // table's last item is 24).
    let rows_end = text.rfind("frequency: 每年\n").unwrap() + "frequency: 每年\n".len();
    let typed = format!("{}        - \n{}", &text[..rows_end], &text[rows_end..]);
    client.change(uri, 2, &typed);
    let line = typed[..rows_end].matches('\n').count() as u32;
    let items = completion_labels(&mut client, uri, (line, 10));
    let item = items.iter().find(|i| i["label"] == "item").unwrap();
    assert_eq!(item["textEdit"]["newText"], "item: 25");
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    for key in [
        "category",
        "name",
        "description",
        "release_date",
        "frequency",
        "parts",
    ] {
        assert!(labels.contains(&key), "{key}: {labels:?}");
    }
    assert!(item["detail"].as_str().unwrap().contains("編號"));

    // Keys already in the mapping are not offered again: section A without its title.
    let (line, _) = utf16_position(&text, "    title: 在 2024 年", 0);
    let typed = text.replacen("    title: 在 2024 年發放的局／部門數據集\n", "    \n", 1);
    client.change(uri, 3, &typed);
    let items = completion_labels(&mut client, uri, (line, 4));
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        ["title"],
        "section A already has spatial and non_spatial"
    );
    client.shutdown();
}

#[test]
fn json_plans_are_checked_with_exact_positions() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let yaml = Document::parse("p.yaml", &police());
    let mut value = yaml.value().unwrap();
    value["sections"]["D"]["spatial"]["rows"][0]["name"] = json!("𨋢 站");
    let text = serde_json::to_string_pretty(&value).unwrap();
    let uri = "file:///tmp/plan.json";
    let diagnostics = client.open(uri, "json", &text);
    let mut codes: Vec<String> = summary(&diagnostics).into_iter().map(|d| d.0).collect();
    codes.sort();
    // The police plan's five, and the space between 𨋢 and 站.
    assert_eq!(codes, ["D001", "D001", "D001", "T001", "T001", "T006"]);
    let (line, column) = utf16_position(&text, "\"2/2015\"", 0);
    let d001 = diagnostics.iter().find(|d| d["code"] == "D001").unwrap();
    assert_eq!(d001["range"], range((line, column), (line, column + 8)));
    let actions = actions_at(&mut client, uri, d001["range"].clone(), None);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    // No comments in JSON, so no inline allow.
    assert_eq!(titles[0], "D001: write `02/2015`");
    assert!(!titles.iter().any(|t| t.contains("allow")), "{titles:?}");
    let fixed = apply(
        &text,
        actions[0]["edit"]["changes"][uri].as_array().unwrap(),
    );
    assert!(fixed.contains("\"02/2015\""));
    // Value completion in JSON keeps the quotes.
    let (line, column) = utf16_position(&text, "\"每月\"", 0);
    let items = completion_labels(&mut client, uri, (line, column + 1));
    let monthly = items.iter().find(|i| i["label"] == "每月").unwrap();
    assert_eq!(monthly["textEdit"]["newText"], "\"每月\"");
    let yearly = items.iter().find(|i| i["label"] == "每年").unwrap();
    let edited = apply(&text, &[yearly["textEdit"].clone()]);
    assert_eq!(
        edited.lines().nth(line as usize).unwrap().trim(),
        "\"frequency\": \"每年\"",
    );
    client.shutdown();
}

/// Keys complete in JSON plans as in YAML: those the schema allows in the object at the cursor,
/// less those it has, written with their quotes; `item` in a row gets the table's next number.
#[test]
fn json_keys_complete_in_the_object_at_the_cursor() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let yaml = Document::parse("p.yaml", &police());
    let value = yaml.value().unwrap();
    let text = serde_json::to_string_pretty(&value).unwrap();
    let uri = "file:///tmp/keys.json";
    client.open(uri, "json", &text);

    // A new row at the end of D.ii (its last item is 24), the key typed as `"fr`.
    let last = text.rfind("\"frequency\": \"每年\"").unwrap();
    let row_end = last + text[last..].find('}').unwrap() + 1;
    let typed = format!(
        "{},\n        {{\n          \"category\": \"法律及保安\",\n          \"fr\"\n        }}{}",
        &text[..row_end],
        &text[row_end..]
    );
    client.change(uri, 2, &typed);
    let (line, column) = utf16_position(&typed, "\"fr\"\n", 0);
    let items = completion_labels(&mut client, uri, (line, column + 3));
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    for key in [
        "item",
        "name",
        "description",
        "release_date",
        "frequency",
        "parts",
    ] {
        assert!(labels.contains(&key), "{key}: {labels:?}");
    }
    assert!(!labels.contains(&"category"), "already there: {labels:?}");
    let frequency = items.iter().find(|i| i["label"] == "frequency").unwrap();
    assert_eq!(frequency["textEdit"]["newText"], "\"frequency\": ");
    assert_eq!(
        frequency["textEdit"]["range"],
        range((line, column), (line, column + 4)),
        "the key typed so far, with its quotes"
    );
    let item = items.iter().find(|i| i["label"] == "item").unwrap();
    assert_eq!(item["textEdit"]["newText"], "\"item\": 25");
    assert!(item["detail"].as_str().unwrap().contains("編號"));
    let edited = apply(&typed, &[frequency["textEdit"].clone()]);
    assert_eq!(
        edited.lines().nth(line as usize).unwrap().trim(),
        "\"frequency\":"
    );

    // At the top level, on the line where `title` was: the plan's keys it does not have.
    let title_line = text
        .lines()
        .find(|l| l.starts_with("  \"title\": "))
        .unwrap();
    let top = text.replacen(&format!("{title_line}\n"), "  \n", 1);
    client.change(uri, 3, &top);
    let line = top[..top.find("\n  \n").unwrap()].matches('\n').count() as u32 + 1;
    let labels: Vec<String> = completion_labels(&mut client, uri, (line, 2))
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    assert!(labels.contains(&"title".to_string()), "{labels:?}");
    for present in ["format", "organisation", "published", "sections"] {
        assert!(
            !labels.contains(&present.to_string()),
            "{present}: {labels:?}"
        );
    }
    // A value place gets values, not keys.
    let (line, column) = utf16_position(&text, "\"每月\"", 0);
    let labels: Vec<String> = completion_labels(&mut client, uri, (line, column + 1))
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    assert!(labels.contains(&"每年".to_string()) && !labels.contains(&"item".to_string()));
    client.shutdown();
}

#[test]
fn duplicate_keys_point_at_the_first_one_as_related_information() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let uri = "file:///tmp/twice.yaml";
    let text = police();
    let diagnostics = client.open(
        uri,
        "yaml",
        &text.replacen(
            "language: zh-Hant\n",
            "language: zh-Hant\nlanguage: zh-Hant\n",
            1,
        ),
    );
    let s002 = diagnostics.iter().find(|d| d["code"] == "S002").unwrap();
    let (line, _) = utf16_position(&text, "language: zh-Hant", 0);
    assert_eq!(s002["range"], range((line + 1, 0), (line + 1, 8)));
    assert_eq!(
        s002["relatedInformation"],
        json!([{
            "location": {"uri": uri, "range": range((line, 0), (line, 8))},
            "message": "first defined here"
        }])
    );
    client.shutdown();
}

#[test]
fn the_language_comes_from_the_flag_then_odplint_toml_then_the_client() {
    let folder = tempfile::tempdir().unwrap();
    let plan = folder.path().join("plan.yaml");
    std::fs::write(&plan, police()).unwrap();
    let uri = odplint::lsp::workspace::path_to_uri(&plan);
    let message = |client: &mut Client| -> String {
        let diagnostics = client.open(&uri, "yaml", &police());
        diagnostics[3]["message"].as_str().unwrap().to_string()
    };
    // The client's locale, when nothing else says.
    let (mut client, _) = Client::start(
        Options {
            lang: None,
            debounce: Duration::ZERO,
        },
        json!({"capabilities": {}, "locale": "zh-HK"}),
    );
    let text = message(&mut client);
    assert!(text.contains("兩個中文字之間有空格"), "{text}");
    client.shutdown();
    // odplint.toml beats the locale.
    std::fs::write(folder.path().join("odplint.toml"), "lang = \"zh-Hans\"\n").unwrap();
    let (mut client, _) = Client::start(
        Options {
            lang: None,
            debounce: Duration::ZERO,
        },
        json!({"capabilities": {}, "locale": "zh-HK"}),
    );
    let text = message(&mut client);
    assert!(text.contains("两个汉字之间有空格"), "{text}");
    client.shutdown();
    // --lang beats both.
    let mut client = Client::quick(json!({"capabilities": {}, "locale": "zh-HK"}));
    let text = message(&mut client);
    assert!(
        text.contains("a space between two Chinese characters"),
        "{text}"
    );
    client.shutdown();
}

#[test]
fn odplint_toml_is_found_per_document_and_a_change_to_it_rechecks() {
    let folder = tempfile::tempdir().unwrap();
    let quiet = folder.path().join("quiet");
    std::fs::create_dir(&quiet).unwrap();
    std::fs::write(quiet.join("odplint.toml"), "[rules]\nD001 = \"off\"\n").unwrap();
    let quiet_uri = odplint::lsp::workspace::path_to_uri(&quiet.join("plan.yaml"));
    let loud_uri = odplint::lsp::workspace::path_to_uri(&folder.path().join("plan.yaml"));
    let mut client = Client::quick(json!({
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}
    }));
    // The server asks to watch odplint.toml files.
    let registration = client
        .inbox
        .iter()
        .find(|m| m["method"] == "client/registerCapability")
        .cloned()
        .unwrap_or_else(|| client.receive());
    assert_eq!(
        registration["params"]["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/odplint.toml"
    );
    client.send(json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));
    let codes = |d: &[Value]| -> Vec<String> { summary(d).into_iter().map(|d| d.0).collect() };
    assert_eq!(
        codes(&client.open(&quiet_uri, "yaml", &police())),
        ["T006", "T001"]
    );
    assert_eq!(codes(&client.open(&loud_uri, "yaml", &police())).len(), 5);
    std::fs::write(quiet.join("odplint.toml"), "[rules]\nT006 = \"off\"\n").unwrap();
    let config_uri = odplint::lsp::workspace::path_to_uri(&quiet.join("odplint.toml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    assert_eq!(
        codes(&client.diagnostics(&quiet_uri, 1)),
        ["D001", "D001", "T001", "D001"]
    );
    assert_eq!(codes(&client.diagnostics(&loud_uri, 1)).len(), 5);
    // Saving the file in the editor does the same; a broken one is shown once and the default
    // configuration applies meanwhile.
    std::fs::write(quiet.join("odplint.toml"), "[rules]\nX999 = \"off\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    assert_eq!(codes(&client.diagnostics(&quiet_uri, 1)).len(), 5);
    let shown = client
        .inbox
        .iter()
        .find(|m| m["method"] == "window/showMessage")
        .unwrap_or_else(|| panic!("{:?}", client.inbox));
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("X999")
    );
    // The server wrote nothing: the plans are not even on disk.
    assert!(!quiet.join("plan.yaml").exists());
    client.shutdown();
}

#[test]
fn other_yaml_and_json_files_get_nothing() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let uri = "file:///tmp/.github/workflows/ci.yml";
    let text = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n";
    assert_eq!(client.open(uri, "yaml", text), Vec::<Value>::new());
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(0, 1)}),
    );
    assert_eq!(hover, Value::Null);
    assert_eq!(
        completion_labels(&mut client, uri, (3, 4)),
        Vec::<Value>::new()
    );
    client.shutdown();
}

/// odplint.toml's `include` makes a file a plan without its `format:` line, as it does for a
/// folder walk; the same text elsewhere stays quiet.
#[test]
fn files_under_include_are_plans_without_their_format_line() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("odplint.toml"),
        "include = [\"legacy/*.yaml\"]\n",
    )
    .unwrap();
    let text: String = police()
        .lines()
        .filter(|line| !line.starts_with("format:"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(!odplint::inputs::says_plan(text.as_bytes()));
    let included = odplint::lsp::workspace::path_to_uri(&folder.path().join("legacy/plan.yaml"));
    let elsewhere = odplint::lsp::workspace::path_to_uri(&folder.path().join("other/plan.yaml"));
    let mut client = Client::quick(json!({"capabilities": {}}));
    let codes: Vec<String> = summary(&client.open(&included, "yaml", &text))
        .into_iter()
        .map(|d| d.0)
        .collect();
    assert_eq!(codes, ["S004", "T006", "D001", "D001", "T001", "D001"]);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": included}, "position": position(115, 26)}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("D001"),
        "{hover}"
    );
    assert_eq!(client.open(&elsewhere, "yaml", &text), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn a_documentation_url_from_the_editor_links_each_code() {
    let mut client = Client::quick(json!({
        "capabilities": {},
        "initializationOptions": {"documentationUrl": "https://example.org/odplint/rules/{code}.html"}
    }));
    let diagnostics = client.open("file:///tmp/p.yaml", "yaml", &police());
    assert_eq!(
        diagnostics[1]["codeDescription"]["href"],
        "https://example.org/odplint/rules/D001.html"
    );
    client.shutdown();
}

#[test]
fn closing_clears_and_the_protocol_ends_as_asked() {
    let mut client = Client::quick(json!({"capabilities": {}}));
    let uri = "file:///tmp/closing.yaml";
    client.open(uri, "yaml", &police());
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = loop {
        let message = client.receive();
        if message["method"] == "textDocument/publishDiagnostics" {
            break message;
        }
    };
    assert_eq!(cleared["params"], json!({"uri": uri, "diagnostics": []}));
    let unknown = client.request_raw("textDocument/definition", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad = client.request_raw("textDocument/hover", json!({"nothing": 1}));
    assert_eq!(bad["error"]["code"], -32602);
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    let after = client.request_raw("textDocument/hover", json!({}));
    assert_eq!(after["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(
        client.server.take().unwrap().join().unwrap(),
        Ok(Ending::Clean)
    );

    // `exit` without `shutdown` is an abrupt end.
    let mut client = Client::quick(json!({"capabilities": {}}));
    client.notify("exit", Value::Null);
    assert_eq!(
        client.server.take().unwrap().join().unwrap(),
        Ok(Ending::Abrupt)
    );
}

/// The binary on standard input and output, framed as editors frame it.
#[test]
fn odplint_lsp_speaks_on_stdio_and_exits_zero_after_shutdown() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_odplint"))
        .args(["--lang", "en", "lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let frame = |value: Value| {
        let body = value.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let uri = "file:///tmp/stdio.yaml";
    let text = police();
    let mut script = String::new();
    script.push_str(&frame(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    ));
    script.push_str(&frame(
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ));
    script.push_str(&frame(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})));
    input.write_all(script.as_bytes()).unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut published = None;
    while published.is_none() {
        let message = to_wire(Message::read(&mut output).unwrap().expect("a message"));
        if message["method"] == "textDocument/publishDiagnostics" {
            published = Some(message);
        }
    }
    assert_eq!(
        published.unwrap()["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let mut script = frame(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    script.push_str(&frame(json!({"jsonrpc": "2.0", "method": "exit"})));
    input.write_all(script.as_bytes()).unwrap();
    drop(input);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

/// A real client: Neovim, headless, with the committed `tests/fixtures/lsp/init.lua` starting
/// `odplint lsp`, opens the police plan and reads back its five findings at their cells.
#[test]
fn needs_nvim_shows_the_police_plan_findings_at_their_exact_cells() {
    let Some(nvim) = common::require_program("nvim") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("diagnostics.txt");
    let before = std::fs::read(root.join(POLICE)).unwrap();
    let status = Command::new(nvim)
        .current_dir(root)
        .env("ODPLINT_BIN", env!("CARGO_BIN_EXE_odplint"))
        .args([
            "--headless",
            "-n",
            "-i",
            "NONE",
            "-u",
            "tests/fixtures/lsp/init.lua",
            "-c",
        ])
        .arg(format!(
            "lua OdplintWriteDiagnostics('{}', 5)",
            report.display()
        ))
        .arg(POLICE)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "nvim: {status}");
    let text = String::from_utf8(before.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Neovim keeps 0-based lines and byte columns; odplint check prints 1-based lines and
    // character columns.
    let found: Vec<String> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|entry| {
            let mut parts = entry.split(' ');
            let line: usize = parts.next().unwrap().parse().unwrap();
            let byte: usize = parts.next().unwrap().parse().unwrap();
            let code = parts.next().unwrap();
            let column = lines[line][..byte].chars().count() + 1;
            format!("{}:{column} {code}", line + 1)
        })
        .collect();
    assert_eq!(
        found,
        [
            "104:125 T006",
            "117:25 D001",
            "134:25 D001",
            "136:51 T001",
            "144:25 D001"
        ]
    );
    assert_eq!(
        std::fs::read(root.join(POLICE)).unwrap(),
        before,
        "the plan was written"
    );
}
