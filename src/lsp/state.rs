//! What the message loop and the checking thread share: the session's settings, the newest
//! version of each open document, the latest analysis of each, and the configurations found.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use lsp_types::{MessageType, PublishDiagnosticsParams, ShowMessageParams, Uri};

use crate::messages::Lang;

use super::analysis::Analysis;
use super::convert;
use super::position::Encoding;
use super::workspace::{self, Configs};

/// Settings fixed at initialisation.
#[derive(Debug, Clone)]
pub struct Settings {
    pub encoding: Encoding,
    /// `--lang` on the command line: wins over everything.
    pub lang: Option<Lang>,
    /// The client's `locale` from `initialize`, used when odplint.toml sets no `lang`.
    pub client_lang: Option<Lang>,
    /// A link template for rule documentation (`initializationOptions.documentationUrl`).
    pub docs_url: Option<String>,
}

pub struct Shared {
    pub settings: Settings,
    configs: Mutex<Configs>,
    /// Configuration errors already shown, so that each is shown once per change.
    shown_errors: Mutex<HashSet<String>>,
    versions: Mutex<HashMap<Uri, i32>>,
    analyses: Mutex<HashMap<Uri, Arc<Analysis>>>,
    out: Sender<Message>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    pub fn new(settings: Settings, out: Sender<Message>) -> Self {
        Shared {
            settings,
            configs: Mutex::default(),
            shown_errors: Mutex::default(),
            versions: Mutex::default(),
            analyses: Mutex::default(),
            out,
        }
    }

    pub fn set_version(&self, uri: &Uri, version: i32) {
        lock(&self.versions).insert(uri.clone(), version);
    }

    pub fn close(&self, uri: &Uri) {
        lock(&self.versions).remove(uri);
        lock(&self.analyses).remove(uri);
    }

    /// Whether `version` is the newest version of an open document.
    pub fn is_current(&self, uri: &Uri, version: i32) -> bool {
        lock(&self.versions).get(uri) == Some(&version)
    }

    /// The analysis of this version: the stored one when it is of this version, else a new one
    /// (stored when it is still the newest).
    pub fn analysis_of(
        &self,
        uri: &Uri,
        version: i32,
        text: &str,
        language_id: &str,
    ) -> Arc<Analysis> {
        if let Some(found) = lock(&self.analyses).get(uri)
            && found.version == version
            && found.text == text
        {
            return found.clone();
        }
        let path = workspace::uri_to_path(uri.as_str());
        let (config, error) = lock(&self.configs).for_path(path.as_deref());
        let lang = self
            .settings
            .lang
            .or(config.lang)
            .or(self.settings.client_lang)
            .unwrap_or_else(Lang::from_env);
        if let Some(error) = error {
            self.show_error_once(
                crate::messages::Message::new("lsp.config-error")
                    .arg_message("error", error.message)
                    .render(lang),
            );
        }
        let name = path.as_ref().map_or_else(
            || uri.as_str().to_string(),
            |p| p.to_string_lossy().into_owned(),
        );
        let analysis = Arc::new(Analysis::new(
            &name,
            path.as_deref(),
            workspace::source_kind(uri.as_str(), language_id),
            text.to_string(),
            version,
            config,
            lang,
            self.settings.encoding,
        ));
        if self.is_current(uri, version) {
            lock(&self.analyses).insert(uri.clone(), analysis.clone());
        }
        analysis
    }

    /// Forgets every configuration found, after an odplint.toml changed.
    pub fn configuration_changed(&self) {
        lock(&self.configs).clear();
        lock(&self.shown_errors).clear();
        lock(&self.analyses).clear();
    }

    pub fn publish_params(&self, uri: &Uri, analysis: &Analysis) -> PublishDiagnosticsParams {
        let docs = self.settings.docs_url.as_deref();
        PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: analysis
                .diagnostics
                .iter()
                .map(|d| convert::diagnostic(analysis, uri, d, docs))
                .collect(),
            version: Some(analysis.version),
        }
    }

    fn show_error_once(&self, error: String) {
        if !lock(&self.shown_errors).insert(error.clone()) {
            return;
        }
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message: format!("odplint: {error}"),
        };
        let _ = self
            .out
            .send(Notification::new("window/showMessage".to_string(), params).into());
    }
}
