//! A run's outputs change all together or not at all: a failure at any rename of a
//! 6-paper build leaves every output as it was, and a build killed at any point is
//! completed or cleaned up by the next run.

use crate::common::*;
use panelpaper::commands::{BuildOptions, Command, Environment, OutputOptions, execute};
use panelpaper::output::WriteOptions;
use panelpaper::writers::Format;
use std::path::Path;

/// The example meeting copied into `dir`, with `marker` in every paper's first section.
fn meeting_copy(dir: &Path, marker: &str) {
    for entry in std::fs::read_dir(root().join("data/meetings/secp-78")).unwrap() {
        let entry = entry.unwrap();
        // The workbook the DCC paper reads, as it is.
        if entry.path().extension().is_none_or(|e| e != "yaml") {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text = if entry.file_name() == "meeting.yaml" {
            text
        } else {
            text.replacen("    body: |\n", &format!("    body: |\n      {marker}\n\n"), 1)
        };
        std::fs::write(dir.join(entry.file_name()), text).unwrap();
    }
}

fn build(manifest: &Path, out: &Path, write: WriteOptions) -> Result<(), panelpaper::Error> {
    let output = OutputOptions {
        out: out.to_path_buf(),
        formats: panelpaper::writers::Formats::of([Format::Md, Format::Pdf]),
        edition: None,
        templates: None,
        force: false,
    };
    let command = Command::Build(BuildOptions {
        meeting: manifest.to_path_buf(),
        output,
        jobs: Some(1),
        pack: true,
        allow_outside: false,
    });
    execute(command, &Environment { write, ..Environment::default() }).map(|_| ())
}

#[test]
fn a_failure_at_any_rename_leaves_every_output_old() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new, out) = (dir.path().join("old"), dir.path().join("new"), dir.path().join("out"));
    for (folder, marker) in [(&old, "Draft one."), (&new, "Draft two.")] {
        std::fs::create_dir(folder).unwrap();
        meeting_copy(folder, marker);
    }
    build(&old.join("meeting.yaml"), &out, WriteOptions::default()).unwrap();
    let before = snapshot_dir(&out);
    assert_eq!(before.len(), 17, "6 papers in md and pdf, the index and the decision log in both, the pack");
    for n in 0..before.len() {
        let failed =
            build(&new.join("meeting.yaml"), &out, WriteOptions { fail_before_rename: Some(n), ..Default::default() });
        assert!(failed.is_err(), "rename {n}");
        assert_eq!(snapshot_dir(&out), before, "every output is the old one after a failure at rename {n}");
    }
    build(&new.join("meeting.yaml"), &out, WriteOptions::default()).unwrap();
    let after = snapshot_dir(&out);
    assert_eq!(after.len(), 17);
    for (name, bytes) in
        after.iter().filter(|(n, _)| n.ends_with(".md") && n != "index.md" && !n.ends_with("_decisions.md"))
    {
        assert!(String::from_utf8_lossy(bytes).contains("Draft two."), "{name} is new");
    }
}

/// 30 builds killed: 15 at each rename of the write phase in turn (the binary's test hook
/// aborts the process there, as a power cut would) and 15 by SIGKILL at pseudo-random
/// points of the run. After each, any next run into the folder first completes or cleans
/// up the killed one: every output is from one build and no temporary file is left.
#[test]
fn a_build_killed_anywhere_is_completed_or_cleaned_up_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let drafts: Vec<_> = ["Draft one.", "Draft two."]
        .iter()
        .map(|marker| {
            let folder = dir.path().join(marker.replace(['.', ' '], ""));
            std::fs::create_dir(&folder).unwrap();
            meeting_copy(&folder, marker);
            (folder.join("meeting.yaml"), *marker)
        })
        .collect();
    let out = dir.path().join("out");
    let run = |manifest: &Path, kill_at: Option<usize>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_panelpaper"));
        command
            .args(["build", s(manifest), "-o", s(&out), "--pack", "-j", "1"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if let Some(n) = kill_at {
            command.env("PANELPAPER_TEST_KILL_AT_RENAME", n.to_string());
        }
        command.spawn().unwrap()
    };
    let started = std::time::Instant::now();
    assert!(run(&drafts[0].0, None).wait().unwrap().success());
    let full = started.elapsed();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut mid_commit = 0;
    for round in 0..30 {
        // The folder holds draft one; a build of draft two is killed; draft one is rebuilt.
        let (killed, complete) = (&drafts[1], &drafts[0]);
        let before = snapshot_dir(&out);
        if round < 15 {
            let status = run(&killed.0, Some(round)).wait().unwrap();
            assert!(!status.success(), "round {round}: the hook ends the run");
        } else {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let fraction = 0.3 + (seed >> 40) as f64 / (1u64 << 24) as f64 * 0.8;
            let mut child = run(&killed.0, None);
            std::thread::sleep(full.mul_f64(fraction));
            let _ = child.kill();
            let _ = child.wait();
        }
        mid_commit += usize::from(out.join(".panelpaper-journal").exists());
        // Another run into the folder completes the killed build or cleans up after it.
        let other = panelpaper(&["render", "tests/fixtures/minimal.yaml", "-o", s(&out), "-f", "md"]);
        assert!(other.status.success(), "{}", stderr(&other));
        std::fs::remove_file(out.join("SSC_95_2602_07.md")).unwrap();
        let files = snapshot_dir(&out);
        assert!(files.iter().all(|(n, _)| !n.starts_with('.')), "round {round}: no temporary file is left");
        let now_killed = files == before.iter().map(|(n, b)| (n.clone(), b.clone())).collect::<Vec<_>>();
        let all_new = files
            .iter()
            .filter(|(n, _)| n.ends_with(".md") && n != "index.md" && !n.ends_with("_decisions.md"))
            .all(|(_, b)| String::from_utf8_lossy(b).contains(killed.1));
        assert!(now_killed || all_new, "round {round}: every output is from one build");
        assert!(run(&complete.0, None).wait().unwrap().success(), "round {round}");
        let files = snapshot_dir(&out);
        assert_eq!(files.len(), 17, "round {round}");
        for (name, bytes) in
            files.iter().filter(|(n, _)| n.ends_with(".md") && n != "index.md" && !n.ends_with("_decisions.md"))
        {
            assert!(
                String::from_utf8_lossy(bytes).contains(complete.1),
                "round {round}: {name} is from the last build"
            );
        }
    }
    assert!(mid_commit >= 15, "the hook's kills all land between the journal and its removal: {mid_commit}");
}
