//! The framework floor for the latency benchmark: a minimal server on tower-lsp-server that keeps each
//! document in a rope (incremental sync, UTF-16 positions) and publishes empty diagnostics
//! for every version. Whatever offer-notes costs above this is its own work.
//!
//! Built only into the `lsp` bench, which runs its own executable with [`ARG`] to start it:
//! no binary of the package carries it.

use ropey::Rope;
use std::collections::HashMap;
use std::sync::Mutex;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

struct Null {
    client: Client,
    docs: Mutex<HashMap<Uri, Rope>>,
}

fn char_at(rope: &Rope, p: Position) -> usize {
    let line = (p.line as usize).min(rope.len_lines().saturating_sub(1));
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let units = (p.character as usize).min(slice.len_utf16_cu());
    start + slice.utf16_cu_to_char(units)
}

impl LanguageServer for Null {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Kind(
                    TextDocumentSyncKind::INCREMENTAL,
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                ..Default::default()
            },
            server_info: None,
            offset_encoding: None,
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let uri = p.text_document.uri;
        if let Ok(mut docs) = self.docs.lock() {
            docs.insert(uri.clone(), Rope::from_str(&p.text_document.text));
        }
        self.client
            .publish_diagnostics(uri, Vec::new(), Some(p.text_document.version))
            .await;
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        if let Ok(mut docs) = self.docs.lock() {
            if let Some(rope) = docs.get_mut(&uri) {
                for change in p.content_changes {
                    match change.range {
                        Some(r) => {
                            let (a, b) = (char_at(rope, r.start), char_at(rope, r.end));
                            rope.remove(a..b);
                            rope.insert(a, &change.text);
                        }
                        None => *rope = Rope::from_str(&change.text),
                    }
                }
            }
        }
        self.client
            .publish_diagnostics(uri, Vec::new(), Some(p.text_document.version))
            .await;
    }

    async fn hover(&self, _: HoverParams) -> Result<Option<Hover>> {
        Ok(None)
    }
}

/// The argument that makes the bench executable serve as the null server on its stdio.
pub const ARG: &str = "--null-server";

/// Serve LSP on stdin/stdout until the client goes away.
#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
pub async fn serve() {
    let (service, socket) = LspService::new(|client| Null {
        client,
        docs: Mutex::new(HashMap::new()),
    });
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
        .serve(service)
        .await;
}
