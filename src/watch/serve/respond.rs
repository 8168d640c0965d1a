//! One request answered: the event stream, a file of the output folder with the reload
//! script in its pages, the folder's list of pages, or a refusal.

use super::{EVENTS, HEARTBEAT, Site, deadline::WRITE_STALL};
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::AsyncWriteExt;
use tokio::sync::{broadcast, mpsc};

/// What every served page gets before `</body>`.
const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// A response's body: the whole of it at once, or an event stream.
pub(super) enum Reply {
    Whole(Option<Bytes>),
    Events(mpsc::Receiver<Bytes>),
}

impl Body for Reply {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match &mut *self {
            Reply::Whole(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Reply::Events(news) => news.poll_recv(cx).map(|next| next.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Reply::Whole(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Reply::Whole(Some(bytes)) => SizeHint::with_exact(bytes.len() as u64),
            Reply::Whole(None) => SizeHint::with_exact(0),
            Reply::Events(_) => SizeHint::default(),
        }
    }
}

/// The answer to one request.
pub(super) async fn respond(
    request: Request<hyper::body::Incoming>,
    site: Arc<Site>,
) -> Result<Response<Reply>, Infallible> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return Ok(text(StatusCode::METHOD_NOT_ALLOWED, "only GET\n"));
    }
    // A page of another site that rebinds its name to this machine sends its own name:
    // refused, as is any request a page of another origin makes.
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(|host| site.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))) {
        return Ok(text(StatusCode::FORBIDDEN, "forbidden: this preview answers to its own address only\n"));
    }
    let origin = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let foreign_origin =
        origin.is_some_and(|origin| !site.hosts.iter().any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}"))));
    let cross_site = request.headers().get("sec-fetch-site").is_some_and(|s| s.as_bytes() == b"cross-site");
    if foreign_origin || cross_site {
        return Ok(text(StatusCode::FORBIDDEN, "forbidden: nothing is served to another site\n"));
    }
    let path = request.uri().path();
    if path == EVENTS {
        return Ok(events(&site));
    }
    let head = *request.method() == Method::HEAD;
    let (status, content_type, body) = match resolve(&site.root, path) {
        Err(status) => (status, "text/plain; charset=utf-8", format!("{}\n", reason(status)).into_bytes()),
        Ok(None) => {
            let root = site.root.clone();
            let page = tokio::task::spawn_blocking(move || listing(&root)).await.unwrap_or_default();
            (200, "text/html; charset=utf-8", page.into_bytes())
        }
        Ok(Some(file)) => {
            let read = tokio::task::spawn_blocking({
                let file = file.clone();
                move || std::fs::read(file)
            });
            match read.await {
                Ok(Ok(bytes)) => {
                    let kind = content_type(&file);
                    let bytes = if kind.starts_with("text/html") { with_reload_script(bytes) } else { bytes };
                    (200, kind, bytes)
                }
                _ => (404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
            }
        }
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::NOT_FOUND);
    let mut response = Response::new(Reply::Whole((!head).then(|| Bytes::from(body))));
    *response.status_mut() = status;
    headers(&mut response, content_type);
    Ok(response)
}

/// The headers every answer carries: its type, never cached, sniffed or framed, and for
/// this origin only.
fn headers(response: &mut Response<Reply>, content_type: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
}

fn text(status: StatusCode, body: &'static str) -> Response<Reply> {
    let mut response = Response::new(Reply::Whole(Some(Bytes::from_static(body.as_bytes()))));
    *response.status_mut() = status;
    headers(&mut response, "text/plain; charset=utf-8");
    response
}

/// An event stream: the problems of a failed last build, then the news as it comes, and a
/// heartbeat. A task carries the news to the stream's own short queue; a page that does not
/// read lets its queue fill (the news goes on without it) until its writes time out.
fn events(site: &Site) -> Response<Reply> {
    let (queue, stream) = mpsc::channel::<Bytes>(super::BACKLOG);
    let mut news = site.hub.news.subscribe();
    let opening = site.hub.opening();
    tokio::spawn(async move {
        if let Some(problems) = opening
            && queue.send(Bytes::from(problems)).await.is_err()
        {
            return;
        }
        loop {
            let next = match tokio::time::timeout(HEARTBEAT, news.recv()).await {
                Ok(Ok(message)) => Bytes::from(message.as_bytes().to_vec()),
                // Fell behind: whatever it missed, its page reloads.
                Ok(Err(broadcast::error::RecvError::Lagged(_))) => Bytes::from(super::event("rebuilt", "[\"*\"]")),
                Ok(Err(broadcast::error::RecvError::Closed)) => return,
                Err(_) => Bytes::from_static(b": alive\n\n"),
            };
            // A page that has not read its queue within the stall limit has gone.
            match tokio::time::timeout(WRITE_STALL, queue.send(next)).await {
                Ok(Ok(())) => {}
                _ => return,
            }
        }
    });
    let mut response = Response::new(Reply::Events(stream));
    headers(&mut response, "text/event-stream");
    response
}

/// The answer to a connection past the limit: 503, written within a second or not at all.
pub(super) async fn busy(mut stream: tokio::net::TcpStream) {
    let answer =
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), stream.write_all(answer)).await;
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
    fn the_script_goes_before_the_body_ends() {
        let page = String::from_utf8(with_reload_script(b"<body><p>x</p></body></html>".to_vec())).unwrap();
        assert!(page.starts_with("<body><p>x</p><script>") && page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
