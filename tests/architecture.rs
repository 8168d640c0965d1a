//! The layering of `src/`, as docs/architecture.md declares it: no module imports one
//! listed above it.

use crate::common::root;
use std::path::Path;

/// The layers, top first, read from the numbered list in docs/architecture.md.
fn layers() -> Vec<String> {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    doc.lines()
        .filter_map(|line| {
            let (number, rest) = line.split_once(". `")?;
            number.parse::<usize>().ok()?;
            Some(rest.split('`').next()?.to_string())
        })
        .collect()
}

/// Every `crate::x` that `text` names.
fn crate_paths(text: &str) -> Vec<String> {
    text.match_indices("crate::")
        .filter(|(at, _)| !text[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(at, m)| text[at + m.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let layers = layers();
    assert!(layers.len() > 10 && layers[0] == "fuzz" && layers[1] == "commands", "{layers:?}");
    let rank = |module: &str| layers.iter().position(|l| l == module);
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let module =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if matches!(module.as_str(), "main" | "cli" | "git" | "lib") {
            continue; // the binary, and the crate root that declares the modules
        }
        let own = rank(&module).unwrap_or_else(|| panic!("module `{module}` is missing from docs/architecture.md"));
        for used in crate_paths(&std::fs::read_to_string(&file).unwrap()) {
            match rank(&used) {
                Some(r) if r < own => upward.push(format!("{}: `{module}` uses `{used}`", relative.display())),
                Some(_) => {}
                None => panic!("{}: `crate::{used}` is not a layer in docs/architecture.md", relative.display()),
            }
        }
    }
    assert!(upward.is_empty(), "imports that run upward:\n{}", upward.join("\n"));
}

#[test]
fn the_check_sees_an_upward_import() {
    assert_eq!(crate_paths("use crate::commands::Outcome;\nlet x = my_crate::y;"), ["commands"]);
}

#[test]
fn renderers_never_import_each_other() {
    // Each renderer: the modules that make it. The PDF's is its layout and its writer.
    let renderers: [&[&str]; 3] = [&["layout", "pdf"], &["html"], &["docx"]];
    let src = root().join("src");
    let mut crossing = Vec::new();
    for (r, own) in renderers.iter().enumerate() {
        let others: Vec<&str> =
            renderers.iter().enumerate().filter(|(o, _)| *o != r).flat_map(|(_, m)| m.iter().copied()).collect();
        for module in *own {
            let mut files = Vec::new();
            let dir = src.join(module);
            if dir.is_dir() {
                rust_files(&dir, &mut files);
            } else {
                files.push(src.join(format!("{module}.rs")));
            }
            for file in files {
                for used in crate_paths(&std::fs::read_to_string(&file).unwrap()) {
                    if others.contains(&used.as_str()) {
                        crossing
                            .push(format!("{}: `{module}` uses `{used}`", file.strip_prefix(&src).unwrap().display()));
                    }
                }
            }
        }
    }
    assert!(crossing.is_empty(), "renderers import each other:\n{}", crossing.join("\n"));
}
