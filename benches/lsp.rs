//! `cargo bench --bench lsp`: the language server's responsiveness, in process, through the
//! library's server loop (`odplint::lsp::serve`) over an in-memory connection, as an editor
//! would drive it. Budgets (docs/performance.md), for a 20,000-row plan: diagnostics published
//! within 1 s of a `didChange` (the check itself; editors add the 150 ms debounce), and a hover
//! on another document answered within 20 ms while that check runs.

mod support;

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;
use std::thread::JoinHandle;
use std::time::Duration;

use divan::{Bencher, black_box};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use odplint::lsp::{self, Ending, Options};
use odplint::messages::Lang;
use serde_json::{Value, json};

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");
const LARGE: &str = "file:///bench/large.yaml";
const SMALL: &str = "file:///bench/small.yaml";

fn large_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| support::plan(20_000, Some(10)))
}

/// An editor on the other end of an in-memory connection, the server on its own thread.
struct Editor {
    connection: Connection,
    server: Option<JoinHandle<Result<Ending, String>>>,
    next_id: i32,
    version: i32,
    /// Messages received while waiting for something else.
    inbox: Vec<Message>,
}

impl Editor {
    fn start() -> Self {
        let (server_side, connection) = Connection::memory();
        let options = Options {
            lang: Some(Lang::En),
            // The check's own cost is measured; editors see the debounce on top.
            debounce: Duration::ZERO,
        };
        let server = std::thread::spawn(move || lsp::serve(&server_side, &options));
        let mut editor = Editor {
            connection,
            server: Some(server),
            next_id: 0,
            version: 1,
            inbox: Vec::new(),
        };
        editor.request("initialize", json!({"capabilities": {}}));
        editor.notify("initialized", json!({}));
        editor
    }

    fn notify(&self, method: &str, params: Value) {
        let message = Notification::new(method.to_string(), params);
        self.connection.sender.send(message.into()).unwrap();
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(Duration::from_secs(120))
            .expect("the server answers")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_string(), params);
        self.connection.sender.send(request.into()).unwrap();
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => {
                    return response.response_result.unwrap_or(Value::Null);
                }
                other => self.inbox.push(other),
            }
        }
    }

    /// Whether the diagnostics of `uri` at `version` have arrived.
    fn has_published(&self, uri: &str, version: i32) -> bool {
        self.inbox.iter().any(|message| {
            matches!(message, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && n.params["version"] == version)
        })
    }

    /// The diagnostics of `uri` at `version`, taken from the inbox if they have arrived.
    fn take_published(&mut self, uri: &str, version: i32) -> Option<usize> {
        let at = self.inbox.iter().position(|message| {
            matches!(message, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && n.params["version"] == version)
        })?;
        match self.inbox.remove(at) {
            Message::Notification(n) => {
                Some(n.params["diagnostics"].as_array().map_or(0, Vec::len))
            }
            _ => None,
        }
    }

    /// Waits for the diagnostics of `uri` at `version`; returns how many there are.
    fn diagnostics(&mut self, uri: &str, version: i32) -> usize {
        loop {
            if let Some(count) = self.take_published(uri, version) {
                return count;
            }
            let message = self.receive();
            self.inbox.push(message);
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> usize {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1)
    }

    /// Sends the large text again as a new version (a full-document change).
    fn change_large(&mut self) -> i32 {
        self.version += 1;
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": LARGE, "version": self.version},
                   "contentChanges": [{"text": large_text()}]}),
        );
        self.version
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let ending = self.server.take().unwrap().join().unwrap();
        assert_eq!(ending, Ok(Ending::Clean));
    }
}

/// From `didChange` of the 20,000-row plan to its published diagnostics.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn did_change_to_diagnostics_20k_rows(bencher: Bencher) {
    let mut editor = Editor::start();
    let found = editor.open(LARGE, large_text());
    assert!(found > 1000, "{found}");
    bencher.bench_local(|| {
        let version = editor.change_large();
        black_box(editor.diagnostics(LARGE, version))
    });
    editor.stop();
}

/// A hover on the seed plan, sent while the 20,000-row plan is being checked: the time until
/// its answer (each sample: a change to the large plan, 30 ms for its check to start, then the
/// hover, timed; the large plan's diagnostics are awaited before the next sample).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn hover_while_checking_20k_rows(bencher: Bencher) {
    let editor = RefCell::new(Editor::start());
    editor.borrow_mut().open(SMALL, SEED);
    editor.borrow_mut().open(LARGE, large_text());
    let pending: Cell<Option<i32>> = Cell::new(None);
    let answered_first = Cell::new(0);
    let samples = Cell::new(0);
    bencher
        .with_inputs(|| {
            let mut editor = editor.borrow_mut();
            if let Some(version) = pending.take() {
                editor.diagnostics(LARGE, version);
            }
            let version = editor.change_large();
            std::thread::sleep(Duration::from_millis(30));
            version
        })
        .bench_local_values(|version| {
            let mut editor = editor.borrow_mut();
            let hover = editor.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": SMALL}, "position": {"line": 116, "character": 26}}),
            );
            pending.set(Some(version));
            samples.set(samples.get() + 1);
            if !editor.has_published(LARGE, version) {
                answered_first.set(answered_first.get() + 1);
            }
            black_box(hover)
        });
    // Each hover was answered while the check ran, not after it (its result came later).
    let mut editor = editor.into_inner();
    if let Some(version) = pending.take() {
        editor.diagnostics(LARGE, version);
    }
    assert_eq!(
        answered_first.get(),
        samples.get(),
        "the hover waited for the check"
    );
    editor.stop();
}
