//! What a release needs beside the code (issue 31, item 3): the third-party notices match
//! `Cargo.lock`, and the binary keeps its address randomised unless a benchmark asks.

use crate::common::{root, tools};

#[test]
fn third_party_notices_are_what_the_script_writes_from_cargo_lock() {
    let Some(python) = tools::tool("python3") else { return };
    let run = std::process::Command::new(python)
        .arg(root().join("scripts/notices.py"))
        .arg("--check")
        .env("CARGO", env!("CARGO"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let notices = std::fs::read_to_string(root().join("THIRD-PARTY-NOTICES.md")).unwrap();
    for needed in ["assets/fonts/LICENSE-Liberation.txt", "SIL Open Font License", "| serde |", "| printpdf |"] {
        assert!(notices.contains(needed), "{needed}");
    }
    assert!(std::fs::read_to_string(root().join("LICENSE")).unwrap().starts_with("MIT License"));
}

/// The binary is position-independent (ELF type DYN), so its code is loaded at a random
/// address: `build.rs` links `-no-pie` only when `PANELPAPER_NO_PIE` asks.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn the_binary_is_position_independent() {
    let elf = std::fs::read(env!("CARGO_BIN_EXE_panelpaper")).unwrap();
    assert_eq!(&elf[..4], b"\x7fELF");
    let kind = u16::from_le_bytes([elf[16], elf[17]]);
    let asked = std::env::var_os("PANELPAPER_NO_PIE").is_some_and(|v| !v.is_empty() && v != "0");
    assert_eq!(kind, if asked { 2 } else { 3 }, "ET_DYN (3) is a PIE; ET_EXEC (2) is not");
}
