//! `odplint lsp`: the Language Server Protocol over a connection, as a thin layer over the
//! library (as `ruff server` is over ruff's linter). Documents become the same `Diagnostic`s
//! every report reads and fixes become edits the client applies; no rule knows this exists.
//! The loop only reads messages and answers requests; checking runs on its own thread.

pub mod actions;
pub mod analysis;
pub mod complete;
pub mod convert;
pub mod hover;
pub mod position;
pub mod state;
mod worker;
pub mod workspace;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionOptions, CodeActionParams, CodeActionProviderCapability, CompletionOptions,
    CompletionParams, CompletionResponse, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, Registration,
    RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;

use crate::messages::Lang;

use self::position::{Encoding, LineMap};
use self::state::{Settings, Shared};
use self::worker::{Checker, Job};

/// How the server is run.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--lang`: the language of messages whatever odplint.toml or the client says.
    pub lang: Option<Lang>,
    /// How long after the last change a document is checked: typing does not queue a check
    /// per keystroke.
    pub debounce: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: None,
            debounce: Duration::from_millis(150),
        }
    }
}

/// How a session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` then `exit`, as the protocol asks.
    Clean,
    /// `exit` without `shutdown`, or the client went away.
    Abrupt,
}

/// An open document as the client last sent it.
struct Open {
    version: i32,
    text: Arc<String>,
    language_id: String,
}

/// Serves one client until it exits. Errors are of the protocol (no `initialize` first).
pub fn serve(connection: &Connection, options: &Options) -> Result<Ending, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|error| error.to_string())?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|error| format!("the initialize request is not valid: {error}"))?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let docs_url = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("documentationUrl"))
        .and_then(|u| u.as_str())
        .map(str::to_string);
    let settings = Settings {
        encoding,
        lang: options.lang,
        client_lang: params.locale.as_deref().map(Lang::from_locale),
        docs_url,
    };
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "odplint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    connection
        .initialize_finish(
            id,
            serde_json::to_value(result).map_err(|error| error.to_string())?,
        )
        .map_err(|error| error.to_string())?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let shared = Arc::new(Shared::new(settings, connection.sender.clone()));
    let mut server = Server {
        connection,
        checker: Checker::start(shared.clone(), connection.sender.clone()),
        shared,
        open: HashMap::new(),
        debounce: options.debounce,
        shutting_down: false,
    };
    if watch {
        server.watch_configuration();
    }
    let ending = server.run();
    // Dropping the server stops the checking thread.
    drop(server);
    Ok(ending)
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX, actions::FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".to_string(), " ".to_string(), "-".to_string()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

struct Server<'c> {
    connection: &'c Connection,
    shared: Arc<Shared>,
    checker: Checker,
    open: HashMap<Uri, Open>,
    debounce: Duration,
    shutting_down: bool,
}

impl Server<'_> {
    fn run(&mut self) -> Ending {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => self.request(request),
                Message::Notification(notification) if notification.method == "exit" => {
                    return if self.shutting_down {
                        Ending::Clean
                    } else {
                        Ending::Abrupt
                    };
                }
                Message::Notification(notification) => self.notification(notification),
                // Answers to our own requests (the watcher registration): nothing to do.
                Message::Response(_) => {}
            }
        }
        Ending::Abrupt
    }

    fn send(&self, message: impl Into<Message>) {
        let _ = self.connection.sender.send(message.into());
    }

    fn request(&mut self, request: Request) {
        if self.shutting_down {
            self.send(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_string(),
            ));
            return;
        }
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "shutdown" => {
                self.shutting_down = true;
                Ok(serde_json::Value::Null)
            }
            "textDocument/codeAction" => parse(request).map(|p| self.code_action(&p)),
            "textDocument/hover" => parse(request).map(|p| self.hover(&p)),
            "textDocument/completion" => parse(request).map(|p| self.completion(&p)),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("odplint does not answer `{other}`"),
            )),
        };
        self.send(match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        });
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(params) =
                    notification.extract::<DidOpenTextDocumentParams>("textDocument/didOpen")
                {
                    let document = params.text_document;
                    if workspace::is_config_uri(document.uri.as_str()) {
                        return;
                    }
                    self.open.insert(
                        document.uri.clone(),
                        Open {
                            version: document.version,
                            text: Arc::new(document.text),
                            language_id: document.language_id,
                        },
                    );
                    self.schedule(&document.uri, Duration::ZERO);
                }
            }
            "textDocument/didChange" => {
                if let Ok(params) =
                    notification.extract::<DidChangeTextDocumentParams>("textDocument/didChange")
                {
                    let uri = params.text_document.uri;
                    let Some(open) = self.open.get_mut(&uri) else {
                        return;
                    };
                    let mut text = open.text.as_str().to_string();
                    for change in params.content_changes {
                        match change.range {
                            // Full sync is what the server asks for; ranges are applied anyway
                            // for clients that send them.
                            Some(range) => {
                                let map = LineMap::new(&text, self.shared.settings.encoding);
                                let span = map.span(&text, range);
                                text.replace_range(span, &change.text);
                            }
                            None => text = change.text,
                        }
                    }
                    open.text = Arc::new(text);
                    open.version = params.text_document.version;
                    self.schedule(&uri, self.debounce);
                }
            }
            "textDocument/didSave" => {
                if let Ok(params) =
                    notification.extract::<DidSaveTextDocumentParams>("textDocument/didSave")
                    && workspace::is_config_uri(params.text_document.uri.as_str())
                {
                    self.configuration_changed();
                }
            }
            "textDocument/didClose" => {
                if let Ok(params) =
                    notification.extract::<DidCloseTextDocumentParams>("textDocument/didClose")
                {
                    let uri = params.text_document.uri;
                    if self.open.remove(&uri).is_some() {
                        self.shared.close(&uri);
                        // A closed document's findings go away with it.
                        self.send(Notification::new(
                            "textDocument/publishDiagnostics".to_string(),
                            lsp_types::PublishDiagnosticsParams::new(uri, Vec::new(), None),
                        ));
                    }
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Ok(params) = notification
                    .extract::<DidChangeWatchedFilesParams>("workspace/didChangeWatchedFiles")
                    && params
                        .changes
                        .iter()
                        .any(|change| workspace::is_config_uri(change.uri.as_str()))
                {
                    self.configuration_changed();
                }
            }
            _ => {}
        }
    }

    /// Queues a check of the document's newest version, `delay` from now.
    fn schedule(&self, uri: &Uri, delay: Duration) {
        let Some(open) = self.open.get(uri) else {
            return;
        };
        self.shared.set_version(uri, open.version);
        self.checker.schedule(Job {
            uri: uri.clone(),
            version: open.version,
            text: open.text.clone(),
            language_id: open.language_id.clone(),
            due: Instant::now() + delay,
        });
    }

    /// An odplint.toml changed: every open document is checked again under what applies now.
    fn configuration_changed(&self) {
        self.shared.configuration_changed();
        for uri in self.open.keys() {
            self.schedule(uri, Duration::ZERO);
        }
    }

    fn watch_configuration(&self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "odplint-configuration".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Request::new(
            RequestId::from("odplint-watch".to_string()),
            "client/registerCapability".to_string(),
            params,
        ));
    }

    /// The analysis of a document's newest version: the checker's, or one made now.
    fn analysis(&self, uri: &Uri) -> Option<Arc<analysis::Analysis>> {
        let open = self.open.get(uri)?;
        Some(
            self.shared
                .analysis_of(uri, open.version, &open.text, &open.language_id),
        )
    }

    fn code_action(&self, params: &CodeActionParams) -> serde_json::Value {
        let uri = &params.text_document.uri;
        let Some(analysis) = self.analysis(uri) else {
            return serde_json::Value::Null;
        };
        let found = actions::code_actions(
            &analysis,
            uri,
            params,
            self.shared.settings.docs_url.as_deref(),
        );
        serde_json::to_value(found).unwrap_or_default()
    }

    fn hover(&self, params: &HoverParams) -> serde_json::Value {
        let position = &params.text_document_position_params;
        let Some(analysis) = self.analysis(&position.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let offset = analysis.offset(position.position);
        serde_json::to_value(hover::hover(&analysis, offset)).unwrap_or_default()
    }

    fn completion(&self, params: &CompletionParams) -> serde_json::Value {
        let position = &params.text_document_position;
        let Some(analysis) = self.analysis(&position.text_document.uri) else {
            return serde_json::Value::Null;
        };
        let offset = analysis.offset(position.position);
        let items = complete::completions(&analysis, offset);
        serde_json::to_value(CompletionResponse::Array(items)).unwrap_or_default()
    }
}

fn parse<P: DeserializeOwned>(request: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(request.params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!(
                "the parameters of `{}` are not valid: {error}",
                request.method
            ),
        )
    })
}
