//! The preview server: the output folder's files over HTTP on a loopback address, each
//! HTML page with a small script that reloads it when it is rebuilt and shows the
//! diagnostics of a broken save over it (server-sent events, no polling).
//!
//! tiny_http, one thread: a preview has one reader. It serves files directly in the output
//! folder or below, never a path that leads out (`..`, encoded or not, or a link), and
//! lists nothing but the folder's own pages.

use crate::error::Error;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Where the page's script listens for news of rebuilds.
const EVENTS: &str = "/_panelpaper/events";
/// What every served page gets before `</body>`.
const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// The open pages' event streams, and the problems of the last build if it failed.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
    problems: Mutex<Option<String>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").finish_non_exhaustive()
    }
}

impl Hub {
    /// A build wrote `files`: pages showing one of them reload; every overlay goes.
    pub fn rebuilt(&self, files: &[PathBuf]) {
        *self.problems.lock().unwrap_or_else(PoisonError::into_inner) = None;
        let names: Vec<String> =
            files.iter().filter_map(|f| f.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
        self.send("rebuilt", &serde_json::to_string(&names).expect("names serialise"));
    }

    /// A build failed: every page shows `text` over it until the next good build.
    pub fn problems(&self, text: &str) {
        *self.problems.lock().unwrap_or_else(PoisonError::into_inner) = Some(text.to_string());
        self.send("problems", &serde_json::to_string(text).expect("text serialises"));
    }

    fn send(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        // A page that has gone away is dropped.
        clients.retain_mut(|client| client.write_all(message.as_bytes()).and_then(|()| client.flush()).is_ok());
    }

    fn subscribe(&self, mut client: Box<dyn Write + Send>) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
        let problems = self.problems.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let mut opening = head.to_string();
        if let Some(text) = problems {
            opening.push_str(&format!("event: problems\ndata: {}\n\n", serde_json::to_string(&text).expect("text")));
        }
        if client.write_all(opening.as_bytes()).and_then(|()| client.flush()).is_ok() {
            self.clients.lock().unwrap_or_else(PoisonError::into_inner).push(client);
        }
    }
}

/// A running preview server.
#[derive(Debug)]
pub struct Server {
    address: SocketAddr,
    hub: Arc<Hub>,
}

impl Server {
    /// Serves `root` at `address` (see [`loopback_address`]) on a thread of its own.
    pub fn start(address: SocketAddr, root: &Path) -> Result<Server, Error> {
        let server =
            tiny_http::Server::http(address).map_err(|e| Error::Usage(format!("cannot serve on {address}: {e}")))?;
        let address = server.server_addr().to_ip().unwrap_or(address);
        std::fs::create_dir_all(root).map_err(|source| Error::Io { path: root.to_path_buf(), source })?;
        let root = root.canonicalize().map_err(|source| Error::Io { path: root.to_path_buf(), source })?;
        let hub = Arc::new(Hub::default());
        let shared = hub.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                respond(request, &root, &shared);
            }
        });
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

fn respond(request: tiny_http::Request, root: &Path, hub: &Hub) {
    use tiny_http::{Header, Method, Response};
    let header = |name: &str, value: &str| Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header");
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("only GET\n").with_status_code(405));
        return;
    }
    let path = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
    if path == EVENTS {
        hub.subscribe(request.into_writer());
        return;
    }
    let (status, content_type, body) = match resolve(root, &path) {
        Err(status) => (status, "text/plain; charset=utf-8", format!("{}\n", reason(status)).into_bytes()),
        Ok(None) => (200, "text/html; charset=utf-8", listing(root).into_bytes()),
        Ok(Some(file)) => match std::fs::read(&file) {
            Err(_) => (404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
            Ok(bytes) => {
                let kind = content_type(&file);
                let bytes = if kind.starts_with("text/html") { with_reload_script(bytes) } else { bytes };
                (200, kind, bytes)
            }
        },
    };
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let _ = request.respond(response);
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "bad request",
        403 => "forbidden: only files in the output folder are served",
        _ => "not found",
    }
}

/// The file a request path names under `root`: `Ok(None)` for the folder itself, `Err`
/// with the status for anything else than a file inside it.
fn resolve(root: &Path, path: &str) -> Result<Option<PathBuf>, u16> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().map_err(|_| 400_u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(400);
    }
    let mut file = root.to_path_buf();
    let mut named = false;
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." {
            return Err(403);
        }
        // Hidden files (the output's staging and lock files) are not outputs.
        if segment.starts_with('.') {
            return Err(404);
        }
        file.push(segment);
        named = true;
    }
    if !named {
        let index = root.join("index.html");
        return Ok(index.is_file().then_some(index));
    }
    // A link may lead out of the folder: the real path must stay inside.
    let real = file.canonicalize().map_err(|_| 404_u16)?;
    if !real.starts_with(root) {
        return Err(403);
    }
    if !real.is_file() {
        return Err(404);
    }
    Ok(Some(real))
}

/// The folder's own pages, for a folder without `index.html` (a lone paper's).
fn listing(root: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html") && !n.starts_with('.'))
        .collect();
    names.sort();
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>panelpaper preview</title>\n</head>\n<body>\n<main>\n<h1>Pages</h1>\n<ul>\n",
    );
    for name in names {
        let href: String = percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC).collect();
        let mut text = String::new();
        pulldown_cmark_escape::escape_html_body_text(&mut text, &name).expect("a String");
        page.push_str(&format!("<li><a href=\"{href}\">{text}</a></li>\n"));
    }
    page.push_str("</ul>\n</main>\n</body>\n</html>\n");
    String::from_utf8(with_reload_script(page.into_bytes())).expect("UTF-8 in, UTF-8 out")
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("md") => "text/markdown; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The page with the reload script before its `</body>`.
fn with_reload_script(mut page: Vec<u8>) -> Vec<u8> {
    let script = format!("<script>\n{RELOAD_SCRIPT}</script>\n");
    let at = page.windows(7).rposition(|w| w == b"</body>").unwrap_or(page.len());
    page.splice(at..at, script.into_bytes());
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_folder_are_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.html"), "<body></body>").unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("link.html")).unwrap();
        assert_eq!(resolve(&root, "/a.html"), Ok(Some(root.join("a.html"))));
        assert_eq!(resolve(&root, "/%61.html"), Ok(Some(root.join("a.html"))));
        for (path, status) in [
            ("/../etc/passwd", 403),
            ("/%2e%2e/etc/passwd", 403),
            ("/%2E%2E%2Fetc%2Fpasswd", 403),
            ("/sub/../../x", 403),
            ("/..%5cx", 400),
            ("/link.html", 403),
            ("/sub", 404),
            ("/.panelpaper-lock", 404),
            ("/%ff", 400),
            ("/missing.html", 404),
        ] {
            assert_eq!(resolve(&root, path), Err(status), "{path}");
        }
    }

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

    #[test]
    fn the_script_goes_before_the_body_ends() {
        let page = String::from_utf8(with_reload_script(b"<body><p>x</p></body></html>".to_vec())).unwrap();
        assert!(page.starts_with("<body><p>x</p><script>") && page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
