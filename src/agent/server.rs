//! The MCP server: rmcp over standard input and output. It lists and calls the tools of
//! [`super::tools::TOOLS`] on the [`Workspace`] (each call on tokio's blocking pool, one at a
//! time, as the board is one), serves the [`super::resources`], and tells subscribed clients
//! when a story or the summary changed, here or in the files (the store's watcher).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rmcp::model::{
    CallToolRequestMethod, CallToolRequestParams, CallToolResponse, CallToolResult, ConstString, ContentBlock,
    CustomRequest, CustomResult, DiscoverRequestMethod, Implementation, InitializeResultMethod,
    ListResourceTemplatesRequestMethod, ListResourceTemplatesResult, ListResourcesRequestMethod, ListResourcesResult,
    ListToolsRequestMethod, ListToolsResult, PaginatedRequestParams, PingRequestMethod, ReadResourceRequestMethod,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, Resource, ResourceContents, ResourceTemplate,
    ResourceUpdatedNotificationParam, ServerCapabilities, ServerConfig, SubscribeRequestMethod, SubscribeRequestParams,
    SubscriptionFilter, SubscriptionsListenRequestMethod, Tool as McpTool, ToolAnnotations, UnsubscribeRequestMethod,
    UnsubscribeRequestParams,
};
use rmcp::service::{Peer, RequestContext, RoleServer, SubscriptionContext};
use rmcp::{ErrorData as McpError, ServerHandler, ServiceExt};
use tokio::sync::{broadcast, watch};

use super::reply::{Reply, ToolError};
use super::resources::{self, STORY_TEMPLATE, SUMMARY};
use super::stdio::{Escaped, Input, ended};
use super::tools;
use super::workspace::Workspace;
use crate::store::StoreError;

/// What changed, as the addresses of the resources that did; `all`: the board file changed
/// (a column renamed, a sprint closed), which may change how every story reads; `listing`: a
/// story was added or removed, so the list of resources changed.
#[derive(Debug, Clone)]
struct Changed {
    uris: Vec<String>,
    all: bool,
    listing: bool,
}

impl Changed {
    /// What a subscriber that missed some changes is told: that everything may have.
    fn everything() -> Changed {
        Changed { uris: Vec::new(), all: true, listing: true }
    }
}

/// The clients subscribed the older way (`resources/subscribe`, before the 2026-07-28
/// protocol): the addresses, and the peer to tell.
#[derive(Default)]
struct Subscribed {
    uris: BTreeSet<String>,
    peer: Option<Peer<RoleServer>>,
}

#[derive(Clone)]
pub struct BoardServer {
    /// The board, one call at a time, in the order the calls came: tokio's lock queues its
    /// waiters first come first served (a move then a show sent at once are done so).
    ws: Arc<tokio::sync::Mutex<Workspace>>,
    read_only: bool,
    /// Which board and where, as the workspace says it.
    place: String,
    changes: broadcast::Sender<Changed>,
    subscribed: Arc<Mutex<Subscribed>>,
    /// Becomes true when the client's input ends (it went away): the listeners stop.
    input_ended: watch::Receiver<bool>,
}

/// What the model is told of the server as it connects: which board, and how to work it.
fn instructions(place: &str) -> String {
    format!(
        "A sprint board (sprintboard): the {place}. Stories have keys like SB-K7QX. Start with \
board_summary to learn the columns and sprints (and who your changes are recorded as), find stories with \
list_stories (its filter takes @person, #label, epic:, type:, blocked: and words of the title), read one \
whole with show_story. Move a story to \"In Progress\" when you start it and to the last column when it \
is done (move_story), record progress with add_comment, and flag what blocks it with edit_story's \
`blocked` or link_stories. Every change is saved at once and recorded in the story's history."
    )
}

/// The subscriptions' lock, also after a panic while it was held: a set of addresses and a
/// peer are never left half-changed.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl BoardServer {
    /// The server of `ws`; `input_ended` becomes true when the client's input ends.
    pub fn new(ws: Workspace, input_ended: watch::Receiver<bool>) -> BoardServer {
        let (read_only, place) = (ws.read_only(), ws.place.clone());
        let (changes, _) = broadcast::channel(64);
        BoardServer {
            ws: Arc::new(tokio::sync::Mutex::new(ws)),
            read_only,
            place,
            changes,
            subscribed: Arc::default(),
            input_ended,
        }
    }

    /// Runs `f` on the workspace on the blocking pool (the store reads and writes files).
    async fn with_ws<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Workspace) -> T + Send + 'static,
    ) -> Result<T, McpError> {
        let mut ws = Arc::clone(&self.ws).lock_owned().await;
        match tokio::task::spawn_blocking(move || f(&mut ws)).await {
            Ok(done) => Ok(done),
            Err(e) => {
                // A panic half-way may have left part of a change in memory (never on disk).
                self.ws.lock().await.distrust();
                Err(McpError::internal_error(format!("the call failed: {e}"), None))
            }
        }
    }

    /// Tells the clients what changed since the last time, if anything did.
    async fn tell_changes(&self) {
        let told = self.with_ws(|ws| ws.take_changed().map(|(keys, board)| (keys, board, ws.listing_changed()))).await;
        let Ok(Some((keys, board, listing))) = told else { return };
        let mut uris: Vec<String> = keys.iter().map(|k| resources::story_uri(k)).collect();
        // Any change of a story or of the board may change the summary.
        uris.push(SUMMARY.to_owned());
        let _ = self.changes.send(Changed { uris: uris.clone(), all: board, listing });
        let (peer, wanted) = {
            let s = lock(&self.subscribed);
            let wanted = s.uris.iter().filter(|u| board || uris.contains(*u)).cloned().collect::<Vec<_>>();
            (s.peer.clone(), wanted)
        };
        if let Some(peer) = peer {
            for uri in wanted {
                let _ = peer.notify_resource_updated(ResourceUpdatedNotificationParam::new(uri)).await;
            }
            if listing {
                let _ = peer.notify_resource_list_changed().await;
            }
        }
    }

    pub(crate) fn tool_list(&self) -> Vec<McpTool> {
        tools::offered(self.read_only)
            .map(|t| {
                let annotations = ToolAnnotations::with_title(t.title)
                    .read_only(!t.writes())
                    .destructive(t.effect == tools::Effect::Changes)
                    .open_world(false);
                McpTool::new(t.name, t.description, Arc::new((t.schema)()))
                    .with_title(t.title)
                    .with_annotations(annotations)
            })
            .collect()
    }
}

fn result(reply: Reply) -> CallToolResult {
    let mut r = if reply.is_error {
        CallToolResult::error(vec![ContentBlock::text(reply.text)])
    } else {
        CallToolResult::success(vec![ContentBlock::text(reply.text)])
    };
    r.structured_content = Some(reply.structured);
    r
}

impl ServerHandler for BoardServer {
    fn get_info(&self) -> ServerConfig {
        let capabilities = ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .enable_resources_subscribe()
            .enable_resources_list_changed()
            .build();
        ServerConfig::new(capabilities)
            .with_server_info(Implementation::new("sprintboard", env!("CARGO_PKG_VERSION")))
            .with_instructions(instructions(&self.place))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        Ok(ListToolsResult::with_all_items(self.tool_list()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let Some(tool) = tools::find(&request.name) else {
            let names: Vec<&str> = tools::offered(self.read_only).map(|t| t.name).collect();
            return Err(McpError::invalid_params(
                format!("there is no tool {:?}; the tools are {}", request.name, names.join(", ")),
                None,
            ));
        };
        let client = context.client_info().map(|i| i.name);
        let args = request.arguments;
        let reply = self
            .with_ws(move |ws| tools::call(ws, tool, args.as_ref(), client.as_deref()))
            .await
            .unwrap_or_else(|e| Reply::refused(&ToolError::refused(e.message.to_string())));
        self.tell_changes().await;
        Ok(result(reply).into())
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let offset = match request.and_then(|r| r.cursor) {
            None => 0,
            Some(c) => {
                c.parse().map_err(|_| McpError::invalid_params(format!("not a cursor of this server: {c:?}"), None))?
            }
        };
        let (page, next) = self
            .with_ws(move |ws| resources::list(ws, offset))
            .await?
            .map_err(|e| McpError::internal_error(e.0, None))?;
        let items = page
            .into_iter()
            .map(|l| Resource::new(l.uri, l.name).with_title(l.title).with_mime_type("text/plain"))
            .collect();
        let mut out = ListResourcesResult::with_all_items(items);
        out.next_cursor = next.map(|n| n.to_string());
        Ok(out)
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, McpError> {
        let story = ResourceTemplate::new(STORY_TEMPLATE, "story")
            .with_title("A story, whole: fields, links, comments, history")
            .with_mime_type("text/plain");
        Ok(ListResourceTemplatesResult::with_all_items(vec![story]))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let uri = request.uri;
        let asked = uri.clone();
        let text = self
            .with_ws(move |ws| resources::read(ws, &asked))
            .await?
            .map_err(|e| McpError::internal_error(e.0, None))?;
        match text {
            Some(text) => {
                let contents = ResourceContents::text(text, uri).with_mime_type("text/plain");
                // Never served from a cache: a story changes whenever the team moves it.
                Ok(ReadResourceResult::new(vec![contents]).with_ttl_ms(0).into())
            }
            None => Err(McpError::resource_not_found(
                format!("no resource {uri:?}: the summary is {SUMMARY}, a story is {STORY_TEMPLATE}"),
                None,
            )),
        }
    }

    #[allow(deprecated)]
    async fn subscribe(
        &self,
        request: SubscribeRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<(), McpError> {
        if !resources::is_ours(&request.uri) {
            return Err(McpError::resource_not_found(
                format!("no resource {:?}: the summary is {SUMMARY}, a story is {STORY_TEMPLATE}", request.uri),
                None,
            ));
        }
        let mut s = lock(&self.subscribed);
        s.uris.insert(request.uri);
        s.peer = Some(context.peer.clone());
        Ok(())
    }

    #[allow(deprecated)]
    async fn unsubscribe(
        &self,
        request: UnsubscribeRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<(), McpError> {
        lock(&self.subscribed).uris.remove(&request.uri);
        Ok(())
    }

    async fn on_custom_request(
        &self,
        request: CustomRequest,
        _context: RequestContext<RoleServer>,
    ) -> Result<CustomResult, McpError> {
        Err(not_understood(&request))
    }

    fn accepted_subscription_filter(&self, requested: &SubscriptionFilter) -> Option<SubscriptionFilter> {
        let mut accepted = SubscriptionFilter::new();
        accepted.resources_list_changed = requested.resources_list_changed;
        accepted.resource_subscriptions = requested
            .resource_subscriptions
            .as_ref()
            .map(|uris| uris.iter().filter(|u| resources::is_ours(u)).cloned().collect());
        Some(accepted)
    }

    async fn listen(&self, context: SubscriptionContext) -> Result<(), McpError> {
        // rmcp waits up to 5 s for the requests still running once the input ends; a listener
        // runs until its client goes, so it stops as the input ends, whatever it was awaiting
        // (also a notification the closing connection no longer takes), and the server exits.
        tokio::select! {
            () = ended(self.input_ended.clone()) => Ok(()),
            relayed = self.relay_changes(&context) => relayed,
        }
    }
}

impl BoardServer {
    /// Tells a listening client of each change to what it subscribed to, until it cancels.
    async fn relay_changes(&self, context: &SubscriptionContext) -> Result<(), McpError> {
        let mut changes = self.changes.subscribe();
        let accepted = context.accepted().clone();
        let subscribed = accepted.resource_subscriptions.clone().unwrap_or_default();
        loop {
            tokio::select! {
                () = context.cancelled() => return Ok(()),
                changed = changes.recv() => {
                    let changed = match changed {
                        Ok(changed) => changed,
                        // Changes this subscriber fell behind on are lost: everything may have.
                        Err(broadcast::error::RecvError::Lagged(_)) => Changed::everything(),
                        Err(broadcast::error::RecvError::Closed) => return Ok(()),
                    };
                    for uri in subscribed.iter().filter(|u| changed.all || changed.uris.contains(*u)) {
                        let _ = context.sink().notify_resource_updated(uri.clone()).await;
                    }
                    if changed.listing && accepted.resources_list_changed == Some(true) {
                        let _ = context.sink().notify_resource_list_changed().await;
                    }
                },
            }
        }
    }
}

/// The requests this server answers. rmcp hands a request whose method is one of them but
/// whose parameters do not fit it (`tools/call` with `"name": 5` or `"arguments": [1]`) to
/// [`ServerHandler::on_custom_request`], as if the method were unknown.
const METHODS: &[&str] = &[
    InitializeResultMethod::VALUE,
    DiscoverRequestMethod::VALUE,
    PingRequestMethod::VALUE,
    ListToolsRequestMethod::VALUE,
    CallToolRequestMethod::VALUE,
    ListResourcesRequestMethod::VALUE,
    ListResourceTemplatesRequestMethod::VALUE,
    ReadResourceRequestMethod::VALUE,
    SubscribeRequestMethod::VALUE,
    UnsubscribeRequestMethod::VALUE,
    SubscriptionsListenRequestMethod::VALUE,
];

/// The answer to a request rmcp could not make a known one of: its parameters do not fit
/// (invalid params, -32602) when the method is one of [`METHODS`], else no such method
/// (-32601); either says what the server answers.
fn not_understood(request: &CustomRequest) -> McpError {
    let method = request.method.as_str();
    if METHODS.contains(&method) {
        // For a tool call, serde's words say which part: `name` must be a string, `arguments` an object.
        let why = match (method == CallToolRequestMethod::VALUE, request.params_as::<CallToolRequestParams>()) {
            (true, Err(e)) => format!(": {e}"),
            _ => String::new(),
        };
        McpError::invalid_params(
            format!("the parameters of {method} do not fit it{why} (see the MCP schema); nothing was done"),
            None,
        )
    } else {
        McpError::new(
            rmcp::model::ErrorCode::METHOD_NOT_FOUND,
            format!("there is no method {method:?}; this server answers {}", METHODS.join(", ")),
            None,
        )
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot start the server: {0}")]
    Start(String),
}

/// `sprintboard mcp`: serves the board at `board` (as the command line finds it) over
/// standard input and output until the client closes them.
pub fn serve(board: Option<&Path>, read_only: bool) -> Result<(), ServeError> {
    let mut ws = Workspace::open(board, read_only)?;
    // Said where the client keeps the server's log: which board an agent was given.
    eprintln!("sprintboard: serving the {} to agents over MCP{}", ws.place, if read_only { ", read-only" } else { "" });
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        // Started by hand: it waits for a client's JSON-RPC, which a person does not type.
        eprintln!("sprintboard: an MCP client starts this and talks to it (see the README); Ctrl-D ends it");
    }
    // The files changed elsewhere (another sprintboard, git): the watcher names them, the
    // next call reads them, and the clients are told.
    let (wake, mut woken) = tokio::sync::mpsc::unbounded_channel::<()>();
    if let Err(e) = ws.watch(move || {
        let _ = wake.send(());
    }) {
        eprintln!("sprintboard: not watching the board's files ({e}): each call reads them all, and no change is told");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Start(e.to_string()))?;
    runtime.block_on(async move {
        let (ended, input_ended) = watch::channel(false);
        let server = BoardServer::new(ws, input_ended);
        let watching = server.clone();
        tokio::spawn(async move {
            while woken.recv().await.is_some() {
                // A save writes several files: wait for the burst to end, then read once.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                while woken.try_recv().is_ok() {}
                let _ = watching.with_ws(|ws| ws.refresh()).await;
                watching.tell_changes().await;
            }
        });
        let input = Input::new(tokio::io::stdin(), ended);
        let output = Escaped::new(tokio::io::stdout());
        let running = server.serve((input, output)).await.map_err(|e| ServeError::Start(e.to_string()))?;
        let _ = running.waiting().await;
        Ok(())
    })
}
