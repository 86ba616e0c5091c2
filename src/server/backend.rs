//! The tower-lsp-server handlers. Text sync is applied by the transport before these run; the
//! handlers answer requests and keep configuration current.

use super::settings;
use super::worker::Job;
use super::{convert, features, State};
use crate::settings::RawSettings;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Backend {
    pub client: Client,
    pub state: Arc<State>,
    capabilities: std::sync::Mutex<ClientCapabilities>,
}

impl Backend {
    pub fn new(client: Client, state: Arc<State>) -> Self {
        Backend {
            client,
            state,
            capabilities: std::sync::Mutex::new(ClientCapabilities::default()),
        }
    }

    fn client_supports_configuration(&self) -> bool {
        self.capabilities
            .lock()
            .ok()
            .and_then(|c| c.workspace.as_ref().and_then(|w| w.configuration))
            .unwrap_or(false)
    }

    fn client_can_watch_files(&self) -> bool {
        self.capabilities
            .lock()
            .ok()
            .and_then(|c| {
                c.workspace
                    .as_ref()?
                    .did_change_watched_files
                    .as_ref()?
                    .dynamic_registration
            })
            .unwrap_or(false)
    }

    fn client_shows_progress(&self) -> bool {
        self.capabilities
            .lock()
            .ok()
            .and_then(|c| c.window.as_ref()?.work_done_progress)
            .unwrap_or(false)
    }

    /// Walk the workspace folders in the worker (`initialize` announced it, so a workspace
    /// pull already waits for it); when the client shows progress, the background check is
    /// reported with `$/progress`.
    async fn first_scan(&self) {
        let mut token = None;
        if self.client_shows_progress() {
            let wanted = NumberOrString::String("offer-notes/workspace".into());
            let create = self.client.send_request::<request::WorkDoneProgressCreate>(
                WorkDoneProgressCreateParams {
                    token: wanted.clone(),
                },
            );
            match tokio::time::timeout(std::time::Duration::from_secs(5), create).await {
                Ok(Ok(())) => token = Some(wanted),
                Ok(Err(e)) => tracing::warn!("window/workDoneProgress/create refused: {e}"),
                Err(_) => tracing::warn!("window/workDoneProgress/create not answered"),
            }
        }
        self.state.schedule(Job::Scan(token));
    }

    /// Settings changed (`files_changed`: an `offer-notes.toml` on disk): resolve every open
    /// document's settings again, tell the person about settings that couldn't be used, and
    /// analyse again the documents whose settings changed.
    async fn reload(&self, files_changed: bool) {
        let open = self
            .state
            .documents
            .lock()
            .map(|d| d.uris())
            .unwrap_or_default();
        let reloaded = self
            .state
            .settings
            .lock()
            .map(|mut s| s.reload(&open, files_changed))
            .unwrap_or_default();
        let first = !self
            .state
            .config_ready
            .swap(true, std::sync::atomic::Ordering::SeqCst);
        for message in reloaded.warnings {
            self.warn(message).await;
        }
        if first {
            // documents opened before the settings were in have not been analysed at all
            self.state.forget_all();
            self.state.schedule(Job::Reanalyze);
        } else {
            for uri in reloaded.changed {
                self.state.forget(&uri);
                self.state.schedule(Job::Analyze(uri));
            }
        }
        if reloaded.recheck_disk {
            // the journals on disk are resolved afresh when they are checked again; a pull
            // client is asked to pull again once their diagnostics changed
            self.state.schedule_disk(Job::RecheckDisk);
        }
    }

    async fn warn(&self, message: String) {
        tracing::warn!("{message}");
        self.client
            .show_message(MessageType::WARNING, message)
            .await;
    }

    /// Run a request handler so that a bug in it answers with an error (and a log message
    /// to the editor) instead of taking the server down.
    async fn guarded<T>(
        &self,
        what: &str,
        handler: impl FnOnce() -> Option<T>,
    ) -> Result<Option<T>> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(handler)) {
            Ok(answer) => Ok(answer),
            Err(panic) => {
                let message = format!("offer-notes hit an internal error answering {what}: {}. Your text is untouched and the server keeps running.", super::worker::panic_text(&*panic));
                tracing::error!("{message}");
                self.client.log_message(MessageType::ERROR, &message).await;
                Err(tower_lsp_server::jsonrpc::Error {
                    code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
                    message: message.into(),
                    data: None,
                })
            }
        }
    }

    /// Ask the client for the `offerNotes` section.
    async fn pull_client_settings(&self) {
        if !self.client_supports_configuration() {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some(settings::SECTION.into()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                if let Some(value) = values.into_iter().next().filter(|v| !v.is_null()) {
                    if let Ok(mut s) = self.state.settings.lock() {
                        s.set_client(RawSettings::from_json(&value));
                    }
                }
            }
            Err(e) => tracing::warn!("workspace/configuration failed: {e}"),
        }
    }
}

/// The workspace folders, first one first: `workspaceFolders`, else the older `rootUri`.
fn workspace_folders(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => folders
            .iter()
            .filter_map(|f| convert::file_path(&f.uri))
            .collect(),
        _ => {
            #[allow(deprecated)]
            let root = params.root_uri.as_ref().and_then(convert::file_path);
            root.into_iter().collect()
        }
    }
}

/// The commands `workspace/executeCommand` runs (advertised in `executeCommandProvider`).
const COMMANDS: [&str; 3] = [
    features::COMPARE_COMMAND,
    features::REPORT_COMMAND,
    super::diagnostics::EXPLAIN_COMMAND,
];

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        if let Some(trace) = params.trace {
            let value = serde_json::to_value(trace)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            self.state.log.follow_trace(&value);
        }
        // settings apply from the first didOpen; problems with them are reported once
        // `initialized` arrives
        let folders = workspace_folders(&params);
        if let Ok(mut ws) = self.state.workspace.lock() {
            ws.change_folders(folders.clone(), &[]);
            // `initialized` walks them: a workspace pull waits for that walk
            ws.background.announced = 1;
        }
        let pull = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        self.state
            .pull
            .store(pull, std::sync::atomic::Ordering::SeqCst);
        let refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref()?.refresh_support)
            .unwrap_or(false);
        self.state
            .refresh
            .store(pull && refresh, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut s) = self.state.settings.lock() {
            s.set_folders(folders);
            s.set_init(
                params
                    .initialization_options
                    .as_ref()
                    .map(RawSettings::from_json)
                    .unwrap_or_default(),
            );
        }
        // rule links: the client's `docsUrl`, else $OFFER_NOTES_DOCS_URL, else offer-notes://rule/CODE
        super::diagnostics::set_docs_base(
            params
                .initialization_options
                .as_ref()
                .and_then(|o| o.get("docsUrl"))
                .and_then(|v| v.as_str()),
        );
        if let Ok(mut caps) = self.capabilities.lock() {
            *caps = params.capabilities.clone();
        }
        if !self.client_supports_configuration() {
            self.state
                .config_ready
                .store(true, std::sync::atomic::Ordering::SeqCst);
        } else {
            // a client that never sends `initialized` still gets diagnostics
            let state = self.state.clone();
            tokio::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                if !state
                    .config_ready
                    .swap(true, std::sync::atomic::Ordering::SeqCst)
                {
                    state.schedule(super::worker::Job::Reanalyze);
                    state.schedule(super::worker::Job::Scan(None));
                }
            });
        }
        let encoding = self.state.encoding();
        tracing::info!(encoding = ?encoding, "initialize");
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "offer-notes".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new("source.normaliseMoney"),
                        ]),
                        ..Default::default()
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![":".into(), " ".into(), ",".into()]),
                    ..Default::default()
                }),
                document_symbol_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: SemanticTokensLegend {
                                token_types: features::TOKEN_TYPES.to_vec(),
                                token_modifiers: features::token_modifiers(),
                            },
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            range: None,
                            ..Default::default()
                        },
                    ),
                ),
                inlay_hint_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: COMMANDS.iter().map(|c| c.to_string()).collect(),
                    ..Default::default()
                }),
                // one channel per client: a client that pulls is pushed nothing
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some(super::diagnostics::SOURCE.into()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: true,
                        work_done_progress_options: Default::default(),
                    })
                }),
                // each folder's documents get their own nearest offer-notes.toml
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.pull_client_settings().await;
        self.reload(false).await;
        // open documents are analysed first (queued by the reload); then every journal
        self.first_scan().await;
        if self.client_can_watch_files() {
            let glob = |pattern: String| FileSystemWatcher {
                glob_pattern: GlobPattern::String(pattern),
                kind: None,
            };
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![
                    glob(format!("**/{}", settings::FILE_NAME)),
                    glob("**/*.offer".into()),
                    glob("**/*.offer.md".into()),
                ],
            };
            let registration = Registration {
                id: "offer-notes-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                tracing::warn!("could not watch journals and {}: {e}", settings::FILE_NAME);
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        // the text is already current through incremental sync: nothing to read or write
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match settings::from_settings(&params.settings) {
            Some(raw) => {
                if let Ok(mut s) = self.state.settings.lock() {
                    s.set_client(raw);
                }
            }
            None => self.pull_client_settings().await,
        }
        self.reload(false).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        // journals were already handed to the worker by the transport (in arrival order);
        // here only the settings files
        let settings_changed = params.changes.iter().any(|c| {
            convert::file_path(&c.uri)
                .is_some_and(|p| p.file_name().is_some_and(|n| n == settings::FILE_NAME))
        });
        if settings_changed {
            self.reload(true).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        // the journals of the folders were rescanned by the transport; here their settings
        let paths = |folders: &[WorkspaceFolder]| -> Vec<std::path::PathBuf> {
            folders
                .iter()
                .filter_map(|f| convert::file_path(&f.uri))
                .collect()
        };
        if let Ok(mut s) = self.state.settings.lock() {
            s.change_folders(paths(&params.event.added), &paths(&params.event.removed));
        }
        self.reload(false).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.guarded("hover", || features::hover(&self.state, params))
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.guarded("code actions", || {
            features::code_actions(&self.state, params)
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.guarded("completion", || features::completion(&self.state, params))
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.guarded("document symbols", || {
            features::document_symbols(&self.state, params)
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.guarded("semantic tokens", || {
            features::semantic_tokens(&self.state, params)
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.guarded("inlay hints", || features::inlay_hints(&self.state, params))
            .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.guarded("folding", || features::folding(&self.state, params))
            .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.guarded("formatting", || features::formatting(&self.state, params))
            .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.guarded("code lens", || features::code_lens(&self.state, params))
            .await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if params.command == super::diagnostics::EXPLAIN_COMMAND {
            let code = params.arguments.first().and_then(|v| v.as_str());
            return match code.and_then(super::diagnostics::explain) {
                Some(page) => Ok(Some(serde_json::Value::String(page))),
                None => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                    "expected a rule code or an offer-notes://rule/CODE link as the first argument; {}",
                    crate::rules::code_hint(code.unwrap_or_default())
                ))),
            };
        }
        let report = params.command == features::REPORT_COMMAND;
        if params.command != features::COMPARE_COMMAND && !report {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command `{}`; offer-notes knows {}",
                params.command,
                COMMANDS
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let uri = params
            .arguments
            .first()
            .and_then(|v| serde_json::from_value::<Uri>(v.clone()).ok())
            .ok_or_else(|| {
                tower_lsp_server::jsonrpc::Error::invalid_params(
                    "expected the document's URI as the first argument",
                )
            })?;
        match self
            .guarded("the compare or report command", || {
                if report {
                    features::report_html(&self.state, &uri)
                } else {
                    features::compare_markdown(&self.state, &uri)
                }
            })
            .await?
        {
            Some(markdown) => Ok(Some(serde_json::Value::String(markdown))),
            None => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "{} is not open",
                uri.as_str()
            ))),
        }
    }
}
