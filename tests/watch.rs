//! The drafting loop: a save re-renders only the papers whose Markdown changed and writes
//! only the files whose bytes changed; a save that changes nothing writes nothing; a broken
//! save leaves the outputs as they were. The preview server serves only the output folder,
//! on loopback only, and (in Chromium) reloads the open page within a second of a save and
//! shows a broken save's problems over it.

use crate::common::{example_meeting_in, root, s};
use panelpaper::site::{Inputs, Settings, Site};
use panelpaper::writers::Format;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The incremental site a watch of `input` into `out` drives.
fn site(input: &Path, out: &Path) -> Site {
    let settings = Settings::new(out, panelpaper::writers::Formats::of([Format::Md, Format::Pdf, Format::Html]));
    Site::new(settings, Inputs::Either(input.to_path_buf())).unwrap().incremental()
}

fn names(paths: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_save_rewrites_only_what_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("meeting"));
    let out = dir.path().join("out");
    let mut session = site(&manifest, &out);
    let first = session.build(&[]).unwrap();
    assert_eq!(first.written.len(), 6 * 3 + 3 + 3, "six papers, the index and the decision log, three formats each");
    assert_eq!(first.rendered.len(), 6);

    // A sentence of one paper: that paper's three files, not the index.
    let paper = manifest.with_file_name("dcc-reporting.yaml");
    edit(&paper, "Below are the key observations.", "Below are the main observations.");
    let sentence = session.build(std::slice::from_ref(&paper)).unwrap();
    assert_eq!(names(&sentence.written), ["SECP_78_1303_29.html", "SECP_78_1303_29.md", "SECP_78_1303_29.pdf"]);
    assert_eq!(sentence.rendered, ["SECP_78_1303_29"]);
    assert!(std::fs::read_to_string(out.join("SECP_78_1303_29.html")).unwrap().contains("main observations"));

    // Saved again unchanged: nothing is laid out, nothing written.
    let same = session.build(std::slice::from_ref(&paper)).unwrap();
    assert!(same.written.is_empty() && same.rendered.is_empty(), "{same:?}");

    // A title is also in the paper list, and in the decision log.
    edit(&paper, "title: DCC Reporting", "title: DCC Reports");
    let title = session.build(std::slice::from_ref(&paper)).unwrap();
    assert_eq!(title.written.len(), 9, "{:?}", names(&title.written));
    assert!(names(&title.written).contains(&"index.html".to_string()));
    assert!(names(&title.written).contains(&"SECP_78_decisions.html".to_string()));

    // The venue is only in the paper list: no paper is laid out again.
    edit(&manifest, "venue: ", "venue: Room 2, ");
    let venue = session.build(std::slice::from_ref(&manifest)).unwrap();
    assert_eq!(names(&venue.written), ["index.html", "index.md", "index.pdf"]);
    assert!(venue.rendered.is_empty(), "{:?}", venue.rendered);

    // A broken save: every problem, and every output as it was.
    let before = crate::common::snapshot_dir(&out);
    edit(&paper, "title: DCC Reports", "title: [broken");
    let broken = session.build(std::slice::from_ref(&paper)).unwrap_err();
    assert!(matches!(broken, panelpaper::Error::Invalid(_)), "{broken}");
    assert_eq!(crate::common::snapshot_dir(&out), before);

    // A new session finds the outputs on disk as they should be: nothing written.
    edit(&paper, "title: [broken", "title: DCC Reports");
    session.build(std::slice::from_ref(&paper)).unwrap();
    let restarted = site(&manifest, &out).build(&[]).unwrap();
    assert!(restarted.written.is_empty(), "{:?}", names(&restarted.written));
}

#[test]
fn a_lone_paper_is_watched_with_its_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("meeting"));
    let paper = manifest.with_file_name("budget.yaml");
    let out = dir.path().join("out");
    let mut session = site(&paper, &out);
    let first = session.build(&[]).unwrap();
    assert_eq!(names(&first.written), ["SECP_78_1303_28.html", "SECP_78_1303_28.md", "SECP_78_1303_28.pdf"]);
    // The manifest beside it gives its number: a change there concerns it.
    assert!(session.concerns(&std::path::absolute(&manifest).unwrap()));
    assert!(session.concerns(&std::path::absolute(&paper).unwrap()));
    assert!(!session.concerns(&std::path::absolute(manifest.with_file_name("minutes.yaml")).unwrap()));
    assert!(!session.concerns(&std::path::absolute(out.join("SECP_78_1303_28.md")).unwrap()));
}

/// `panelpaper watch` running in the background, killed when dropped.
struct Watching {
    child: Child,
    address: String,
    log: std::sync::mpsc::Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_panelpaper"))
            .arg("watch")
            .args(args)
            .current_dir(root())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, log) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let mut watching = Watching { child, address: String::new(), log };
        let serving = watching.wait_for("serving http://");
        watching.address = serving.split("http://").nth(1).unwrap().split('/').next().unwrap().to_string();
        watching.wait_for("built");
        watching
    }

    fn wait_for(&self, start: &str) -> String {
        loop {
            let line = self.log.recv_timeout(std::time::Duration::from_secs(20)).expect("watch reports in time");
            if line.starts_with(start) {
                return line;
            }
        }
    }

    /// The status line and body of a raw GET of `path`, sent as written.
    fn get(&self, path: &str) -> (String, String) {
        let mut stream = std::net::TcpStream::connect(&self.address).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.address).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.lines().next().unwrap_or_default().to_string();
        let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }
}

#[test]
fn the_preview_serves_the_output_folder_only_and_on_loopback_only() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("meeting"));
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "not to be served").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("secret.html")).unwrap();
    // (The planted link is not panelpaper's: written beside it.)
    let watching = Watching::start(&[s(&manifest), "-o", s(&out), "-f", "md", "--serve", "--force"]);
    assert!(watching.address.starts_with("127.0.0.1:"), "{}", watching.address);

    let (status, page) = watching.get("/SECP_78_1303_29.html");
    assert!(status.contains(" 200 "), "{status}");
    assert!(page.contains("new EventSource(\"/_panelpaper/events\")"), "the served page reloads itself");
    let file = std::fs::read_to_string(out.join("SECP_78_1303_29.html")).unwrap();
    assert!(!file.contains("<script"), "the file itself has no script");
    let (status, index) = watching.get("/");
    assert!(status.contains(" 200 ") && index.contains("SECP_78_1303_29.html"), "{status}");
    let (status, markdown) = watching.get("/SECP_78_1303_29.md");
    assert!(status.contains(" 200 ") && markdown.starts_with("---\n"), "{status}");

    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/./../secret.txt",
        "/secret.html",
        "/..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "//etc/passwd",
        "/meeting/../../secret.txt",
    ] {
        let (status, body) = watching.get(path);
        assert!([" 400 ", " 403 ", " 404 "].iter().any(|code| status.contains(code)), "{path} answered {status}");
        assert!(!body.contains("not to be served") && !body.contains("root:"), "{path} leaked {body}");
    }
    let (status, _) = watching.get("/meeting/");
    assert!(status.contains(" 404 "), "no folder but the output's own: {status}");

    let refused = Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(["watch", s(&manifest), "-o", s(&out), "--serve", "0.0.0.0:0", "--force"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("loopback only"));
}

#[test]
fn the_open_page_reloads_within_a_second_of_a_save_and_shows_a_broken_save() {
    let Some(browser) = crate::html::browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("meeting"));
    let paper = manifest.with_file_name("dcc-reporting.yaml");
    let out = dir.path().join("out");
    let watching = Watching::start(&[s(&manifest), "-o", s(&out), "-f", "pdf", "--serve"]);
    let url = format!("http://{}/SECP_78_1303_29.html", watching.address);
    let seen = crate::html::in_browser(
        &browser,
        &["reload", &url, s(&paper), "title: DCC Reporting", "title: DCC Reports Revised", "DCC Reports Revised"],
    );
    let ms = seen["reloadMs"].as_u64().unwrap();
    assert!(ms < 1000, "reloaded {ms} ms after the save");
    assert_eq!(seen["shows"], true, "the reloaded page shows the change");
    let overlay = seen["overlayText"].as_str().unwrap();
    assert!(overlay.contains("PP001") && overlay.contains("dcc-reporting.yaml"), "{overlay}");
    assert_eq!(seen["overlayGone"], true);
}

/// A raw request's answer: its status line, or what went wrong reading it.
fn ask(address: &str, request: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    match stream.read_to_end(&mut response) {
        Ok(_) => String::from_utf8_lossy(&response).lines().next().unwrap_or("closed").to_string(),
        Err(error) => format!("error: {error}"),
    }
}

#[test]
fn the_preview_answers_to_its_own_address_only_and_to_no_other_site() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("meeting"));
    let out = dir.path().join("out");
    let watching = Watching::start(&[s(&manifest), "-o", s(&out), "-f", "md", "--serve"]);
    let address = &watching.address;
    let port = address.rsplit(':').next().unwrap();
    let get =
        |path: &str, headers: &str| ask(address, &format!("GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"));
    // A page of another site that rebinds its name to 127.0.0.1 sends its own name.
    for host in [format!("Host: rebind.example:{port}\r\n"), format!("Host: 127.0.0.2:{port}\r\n"), String::new()] {
        for path in ["/", "/SECP_78_1303_29.html", "/_panelpaper/events"] {
            let status = get(path, &host);
            assert!(status.contains(" 403 ") || status.contains(" 400 "), "{host:?} {path}: {status}");
        }
    }
    assert!(get("/SECP_78_1303_29.md", &format!("Host: localhost:{port}\r\n")).contains(" 200 "));
    // Another origin's requests, by its Origin or by the browser's own word.
    let ours = format!("Host: {address}\r\n");
    for extra in ["Origin: http://evil.example\r\n", "Origin: null\r\n", "Sec-Fetch-Site: cross-site\r\n"] {
        for path in ["/SECP_78_1303_29.md", "/_panelpaper/events"] {
            let status = get(path, &format!("{ours}{extra}"));
            assert!(status.contains(" 403 "), "{extra:?} {path}: {status}");
        }
    }
    let page =
        get("/SECP_78_1303_29.md", &format!("{ours}Origin: http://{address}\r\nSec-Fetch-Site: same-origin\r\n"));
    assert!(page.contains(" 200 "), "{page}");
}

#[test]
fn the_preview_stays_bounded_and_rebuilds_whatever_its_clients_do() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("meeting"));
    let out = dir.path().join("out");
    let watching = Watching::start(&[s(&manifest), "-o", s(&out), "-f", "md,pdf", "--serve"]);
    let address = watching.address.clone();
    let request = |path: &str| format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n");
    // Ten clients ask for a PDF and never read; one opens the event stream and never reads.
    let mut stalled = Vec::new();
    for _ in 0..10 {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.write_all(request("/SECP_78_1303_29.pdf").as_bytes()).unwrap();
        stalled.push(stream);
    }
    let mut events = std::net::TcpStream::connect(&address).unwrap();
    events.write_all(request("/_panelpaper/events").as_bytes()).unwrap();
    // One sends a header that never ends: it is cut off, not stored.
    let endless = {
        let address = address.clone();
        std::thread::spawn(move || {
            let mut stream = std::net::TcpStream::connect(&address).unwrap();
            stream.set_write_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
            let _ = stream.write_all(b"GET / HTTP/1.1\r\nX-Endless: ");
            let chunk = [b'a'; 4096];
            (0..4096).take_while(|_| stream.write_all(&chunk).is_ok()).count()
        })
    };
    // A hundred well-behaved clients at once are all served.
    let clients: Vec<_> = (0..100)
        .map(|_| {
            let address = address.clone();
            std::thread::spawn(move || {
                ask(&address, &format!("GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"))
            })
        })
        .collect();
    for client in clients {
        let status = client.join().unwrap();
        assert!(status.contains(" 200 "), "{status}");
    }
    let sent = endless.join().unwrap();
    assert!(sent < 4096, "the endless header was read on and on ({sent} chunks)");
    // And a save is built and announced while all of them still hang on.
    edit(&manifest.with_file_name("dcc-reporting.yaml"), "Below are the key observations.", "Below are the main ones.");
    watching.wait_for("rebuilt");
    assert!(
        ask(&address, &format!("GET /SECP_78_1303_29.md HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"))
            .contains(" 200 ")
    );
    drop((stalled, events));
}
