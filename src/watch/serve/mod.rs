//! The preview server: the output folder's files over HTTP on a loopback address, each
//! HTML page with a small script that reloads it when it is rebuilt and shows the
//! diagnostics of a broken save over it (server-sent events, no polling).
//!
//! hyper's HTTP/1 on a tokio current-thread runtime, on a thread of its own. It answers
//! only requests addressed to the loopback address it listens on (a page on another site
//! that rebinds its name to 127.0.0.1 gets 403), serves nothing cross-origin, and stays
//! bounded whatever its clients do: at most [`MAX_CONNECTIONS`] at once (more get 503), a
//! header of at most 16 KiB read within 10 s, a write that waits 10 s for a client that does
//! not read ends that client; news of a rebuild is broadcast, so a page that does not read
//! its events never holds up the next build or another page. It serves files directly in
//! the output folder or below, never a path that leads out (`..`, encoded or not, or a
//! link), and lists nothing but the folder's own pages.

mod deadline;
mod respond;

use crate::error::Error;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{Semaphore, broadcast};

/// Where the page's script listens for news of rebuilds.
const EVENTS: &str = "/_panelpaper/events";
/// Connections served at once; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 512;
/// The longest request head, in bytes (hyper answers 431 past it).
const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send a request's head, or stay idle between requests.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// How often an event stream says it is alive (so a client that has gone is found).
const HEARTBEAT: Duration = Duration::from_secs(15);
/// News held for an event stream that is slow to read; past it, it is told to reload.
const BACKLOG: usize = 16;

/// News of rebuilds for the open pages, and the problems of the last build if it failed.
#[derive(Debug)]
pub struct Hub {
    news: broadcast::Sender<Arc<str>>,
    problems: Mutex<Option<String>>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { news: broadcast::channel(BACKLOG).0, problems: Mutex::new(None) }
    }
}

impl Hub {
    /// A build wrote `files`: pages showing one of them reload; every overlay goes.
    pub fn rebuilt(&self, files: &[PathBuf]) {
        *self.problems.lock().unwrap_or_else(PoisonError::into_inner) = None;
        let names: Vec<String> =
            files.iter().filter_map(|f| f.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
        self.send(&event("rebuilt", &serde_json::to_string(&names).expect("names serialise")));
    }

    /// A build failed: every page shows `text` over it until the next good build.
    pub fn problems(&self, text: &str) {
        *self.problems.lock().unwrap_or_else(PoisonError::into_inner) = Some(text.to_string());
        self.send(&event("problems", &serde_json::to_string(text).expect("text serialises")));
    }

    /// Never waits: a stream that has not read its news falls behind, nothing else.
    fn send(&self, message: &str) {
        let _ = self.news.send(Arc::from(message));
    }

    /// What a newly opened stream is told first: the problems, if the last build failed.
    fn opening(&self) -> Option<String> {
        let problems = self.problems.lock().unwrap_or_else(PoisonError::into_inner).clone();
        problems.map(|text| event("problems", &serde_json::to_string(&text).expect("text serialises")))
    }
}

/// One server-sent event.
fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// A running preview server.
#[derive(Debug)]
pub struct Server {
    address: SocketAddr,
    hub: Arc<Hub>,
}

/// What every connection's requests are answered from.
struct Site {
    root: PathBuf,
    hub: Arc<Hub>,
    /// The `Host` values (and `Origin`s) that address this server.
    hosts: Vec<String>,
}

impl Server {
    /// Serves `root` at `address` (see [`loopback_address`]) on a thread of its own.
    pub fn start(address: SocketAddr, root: &Path) -> Result<Server, Error> {
        let cannot = |e: std::io::Error| Error::Usage(format!("cannot serve on {address}: {e}"));
        let listener = std::net::TcpListener::bind(address).map_err(cannot)?;
        let address = listener.local_addr().map_err(cannot)?;
        listener.set_nonblocking(true).map_err(cannot)?;
        std::fs::create_dir_all(root).map_err(|source| Error::Io { path: root.to_path_buf(), source })?;
        let root = root.canonicalize().map_err(|source| Error::Io { path: root.to_path_buf(), source })?;
        let hub = Arc::new(Hub::default());
        let site = Arc::new(Site { root, hub: hub.clone(), hosts: hosts(address) });
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(cannot)?;
        std::thread::Builder::new()
            .name("panelpaper-preview".into())
            .spawn(move || runtime.block_on(serve(listener, site)))
            .map_err(cannot)?;
        Ok(Server { address, hub })
    }

    /// The address pages are served at, `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Where rebuilds and problems are announced.
    pub fn hub(&self) -> Arc<Hub> {
        self.hub.clone()
    }
}

/// The `Host` values a browser sends for this server: its address, and `localhost` with its
/// port.
fn hosts(address: SocketAddr) -> Vec<String> {
    let port = address.port();
    vec![address.to_string(), format!("localhost:{port}")]
}

/// Accepts connections for ever: each served by a task, while places last.
async fn serve(listener: std::net::TcpListener, site: Arc<Site>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    let places = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors or memory for a moment: wait and go on, never stop serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(place) = places.clone().try_acquire_owned() else {
            tokio::spawn(respond::busy(stream));
            continue;
        };
        let site = site.clone();
        tokio::spawn(async move {
            let io = TokioIo::new(deadline::Deadline::new(stream));
            let service = hyper::service::service_fn(move |request| respond::respond(request, site.clone()));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .max_buf_size(MAX_HEAD)
                .header_read_timeout(HEAD_TIME)
                .serve_connection(io, service)
                .await;
            drop(place);
        });
    }
}

/// `--serve`'s address: a port, or a loopback host and port; the default port is chosen by
/// the system. Anything that would listen beyond this machine is refused.
pub fn loopback_address(text: Option<&str>) -> Result<SocketAddr, Error> {
    let default = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(default) };
    let refused = |why: &str| {
        Error::Usage(format!(
            "--serve {text}: {why}; the preview listens on loopback only, e.g. 127.0.0.1:8000 or 8000"
        ))
    };
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::new(default.ip(), port));
    }
    let address = match text.strip_prefix("localhost:") {
        Some(port) => SocketAddr::new(default.ip(), port.parse().map_err(|_| refused("not a port"))?),
        None => text.parse::<SocketAddr>().map_err(|_| refused("not an address"))?,
    };
    if !address.ip().is_loopback() {
        return Err(refused("not a loopback address"));
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_are_taken() {
        assert_eq!(loopback_address(None).unwrap().to_string(), "127.0.0.1:0");
        assert_eq!(loopback_address(Some("8000")).unwrap().to_string(), "127.0.0.1:8000");
        assert_eq!(loopback_address(Some("localhost:8001")).unwrap().to_string(), "127.0.0.1:8001");
        assert_eq!(loopback_address(Some("[::1]:8002")).unwrap().to_string(), "[::1]:8002");
        for bad in ["0.0.0.0:8000", "192.168.1.2:80", "[::]:80", "example.org:80", "99999"] {
            assert!(loopback_address(Some(bad)).is_err(), "{bad}");
        }
    }
}
