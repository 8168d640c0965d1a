//! The package: what a file claims to be checked before anything of it is inflated, and
//! the XML parts the importer reads, each inflated within a bound.
//!
//! A Word document is a zip of XML parts. Only the parts the importer needs are inflated
//! (never images or embedded objects), each read through a limit rather than trusting the
//! sizes the zip declares, so a zip bomb costs at most the limits below. Files that are not
//! a plain `.docx` (an old binary `.doc`, a password-protected document, which Office
//! stores as an OLE compound file, a macro-enabled `.docm`, a spreadsheet) are refused by
//! name before any XML is read.

use super::opc::{content_type, decode, relationships, rels_name};
use crate::diagnostic::{Diagnostic, Kind};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// What the importer reads at most: bounds on the package and the parts it inflates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The Word file itself, in bytes.
    pub file_bytes: u64,
    /// Entries in its zip.
    pub entries: usize,
    /// One XML part, inflated.
    pub part_bytes: u64,
    /// Every part read, inflated, together.
    pub total_bytes: u64,
}

impl Default for Limits {
    /// 256 MiB of file (pictures included), 10,000 entries, 128 MiB per XML part and
    /// 256 MiB in all: a 3,000-page paper's `document.xml` is about 50 MiB.
    fn default() -> Self {
        Limits { file_bytes: 256 << 20, entries: 10_000, part_bytes: 128 << 20, total_bytes: 256 << 20 }
    }
}

/// An OLE compound file: Office's container for binary `.doc` files and for every
/// password-protected (encrypted) Office document.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The main part's content types: a document or a template, with or without macros.
const WORD_DOCUMENT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const WORD_TEMPLATE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml";

/// A Word package opened: its XML parts read on demand, within [`Limits`].
pub(super) struct Package<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    limits: Limits,
    read: u64,
    file: &'a Path,
    /// The main document part (`word/document.xml`).
    pub(super) main: String,
    /// The main part's relationships: id → (type's last segment, target part or address,
    /// external).
    pub(super) relationships: BTreeMap<String, (String, String, bool)>,
}

/// Why a file is refused, as an error of `kind` naming the file.
fn refuse(file: &Path, kind: Kind, message: impl Into<String>, hint: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(kind, file, message).with_hint(hint))
}

/// UTF-16LE of `name`, as an OLE directory stores stream names.
fn utf16(name: &str) -> Vec<u8> {
    name.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// What a file that is not a zip is, by its first bytes: always an error.
fn not_a_zip(file: &Path, bytes: &[u8]) -> Box<Diagnostic> {
    let save = "open it in Word or LibreOffice and save it as a Word Document (.docx)";
    if bytes.starts_with(&OLE_MAGIC) {
        let holds = |name: &str| bytes.windows(name.len() * 2).any(|w| w == utf16(name).as_slice());
        if holds("EncryptedPackage") || holds("EncryptionInfo") {
            return refuse(
                file,
                Kind::ImportEncrypted,
                "the document is password-protected (encrypted): its text cannot be read",
                "remove the password (Word: File > Info > Protect Document > Encrypt with Password, clear it) and save it again",
            );
        }
        let what = if holds("WordDocument") { "an old binary Word document (.doc)" } else { "an OLE compound file" };
        return refuse(file, Kind::ImportNotDocx, format!("the file is not a Word .docx: it is {what}"), save);
    }
    let what = if bytes.starts_with(b"{\\rtf") {
        "an RTF document"
    } else if bytes.starts_with(b"%PDF") {
        "a PDF"
    } else if bytes.is_empty() {
        "empty"
    } else {
        "not a zip package, as every .docx is"
    };
    refuse(file, Kind::ImportNotDocx, format!("the file is not a Word .docx: it is {what}"), save)
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a Word package, refusing everything that is not a plain, readable
    /// `.docx` (or `.dotx`).
    pub(super) fn open(file: &'a Path, bytes: &'a [u8], limits: Limits) -> Result<Package<'a>, Box<Diagnostic>> {
        if bytes.len() as u64 > limits.file_bytes {
            return Err(refuse(
                file,
                Kind::ImportTooLarge,
                format!("the file is {} bytes, over the limit of {} bytes", bytes.len(), limits.file_bytes),
                "a Word paper is a few megabytes: take out large pictures and embedded files",
            ));
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(not_a_zip(file, bytes));
        }
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            refuse(
                file,
                Kind::ImportNotDocx,
                format!("the file starts like a .docx but is a damaged zip ({e})"),
                "open it in Word or LibreOffice, which may repair it, and save it again",
            )
        })?;
        if zip.len() > limits.entries {
            return Err(refuse(
                file,
                Kind::ImportTooLarge,
                format!("the package has {} entries, over the limit of {}", zip.len(), limits.entries),
                "a Word paper has a few dozen parts: this is not one, or it was made to exhaust readers",
            ));
        }
        // Macros are refused wherever the package keeps them, whatever its type says.
        if let Some(macros) = zip.file_names().find(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin")) {
            return Err(macro_enabled(file, &format!("it holds macros ({macros})")));
        }
        let mut package = Package { zip, limits, read: 0, file, main: String::new(), relationships: BTreeMap::new() };
        package.main = package.main_part()?;
        let rels = rels_name(&package.main);
        if let Some(xml) = package.part(&rels)? {
            package.relationships = relationships(&xml, &package.main);
        }
        Ok(package)
    }

    /// The main document part, from the package relationships, checked against its
    /// content type.
    fn main_part(&mut self) -> Result<String, Box<Diagnostic>> {
        let not_office = |file| {
            refuse(
                file,
                Kind::ImportNotDocx,
                "the file is a zip but not an Office document ([Content_Types].xml or _rels/.rels is missing)",
                "give a Word document (.docx)",
            )
        };
        let types = self.part("[Content_Types].xml")?.ok_or_else(|| not_office(self.file))?;
        let rels = self.part("_rels/.rels")?.ok_or_else(|| not_office(self.file))?;
        let main = relationships(&rels, "")
            .into_values()
            .find(|(kind, _, external)| kind == "officeDocument" && !external)
            .map(|(_, target, _)| target)
            .unwrap_or_else(|| "word/document.xml".to_string());
        let content_type = content_type(&types, &main).unwrap_or_default();
        let lower = content_type.to_ascii_lowercase();
        if lower.contains("macroenabled") {
            return Err(macro_enabled(self.file, "its type is macro-enabled (.docm)"));
        }
        if content_type != WORD_DOCUMENT && content_type != WORD_TEMPLATE {
            let what = if lower.contains("spreadsheetml") {
                "a spreadsheet (.xlsx)".to_string()
            } else if lower.contains("presentationml") {
                "a presentation (.pptx)".to_string()
            } else if content_type.is_empty() {
                format!("a package without a Word document ({main} has no content type)")
            } else {
                format!("a package of type {content_type}")
            };
            return Err(refuse(
                self.file,
                Kind::ImportNotDocx,
                format!("the file is not a Word .docx: it is {what}"),
                "give a Word document (.docx)",
            ));
        }
        Ok(main)
    }

    /// The part `name` as text (`None` if the package has none), inflated within the
    /// limits whatever size the zip declares.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, Box<Diagnostic>> {
        let file = self.file;
        let Some(index) = self.zip.index_for_name(name) else { return Ok(None) };
        let too_large = |what: String| {
            refuse(
                file,
                Kind::ImportTooLarge,
                what,
                "the package inflates far beyond what any paper needs (a zip bomb?): it is not read",
            )
        };
        let mut entry = self.zip.by_index(index).map_err(|e| {
            let encrypted = matches!(e, zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword"));
            let (kind, what) = if encrypted {
                (Kind::ImportEncrypted, "is encrypted".to_string())
            } else {
                (Kind::ImportNotDocx, format!("cannot be read ({e})"))
            };
            refuse(
                file,
                kind,
                format!("part {name} {what}"),
                "open the document in Word or LibreOffice and save it again",
            )
        })?;
        let budget = self.limits.part_bytes.min(self.limits.total_bytes - self.read);
        if entry.size() > budget {
            return Err(too_large(format!(
                "part {name} says it inflates to {} bytes, over the limit of {budget}",
                entry.size()
            )));
        }
        let mut bytes = Vec::new();
        (&mut entry).take(budget + 1).read_to_end(&mut bytes).map_err(|e| {
            refuse(
                file,
                Kind::ImportNotDocx,
                format!("part {name} cannot be inflated ({e})"),
                "open the document in Word or LibreOffice and save it again",
            )
        })?;
        if bytes.len() as u64 > budget {
            return Err(too_large(format!("part {name} inflates past the limit of {budget} bytes")));
        }
        self.read += bytes.len() as u64;
        Ok(Some(decode(bytes)))
    }

    /// The part a relationship of the main part names, by its id.
    pub(super) fn related(&mut self, kind: &str) -> Result<Option<String>, Box<Diagnostic>> {
        let target =
            self.relationships.values().find(|(k, _, external)| k == kind && !external).map(|(_, t, _)| t.clone());
        match target {
            Some(target) => self.part(&target),
            None => Ok(None),
        }
    }
}

fn macro_enabled(file: &Path, why: &str) -> Box<Diagnostic> {
    refuse(
        file,
        Kind::ImportMacros,
        format!("the document is macro-enabled: {why}"),
        "save a copy as a Word Document (.docx), which keeps the text and drops the macros",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ole_file_is_named_for_what_it_holds() {
        let mut encrypted = OLE_MAGIC.to_vec();
        encrypted.extend(utf16("EncryptedPackage"));
        assert_eq!(not_a_zip(Path::new("a.docx"), &encrypted).kind, Kind::ImportEncrypted);
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend(utf16("WordDocument"));
        let d = not_a_zip(Path::new("a.doc"), &doc);
        assert_eq!(d.kind, Kind::ImportNotDocx);
        assert!(d.message.contains("old binary Word document"), "{}", d.message);
        assert!(not_a_zip(Path::new("a.docx"), b"{\\rtf1").message.contains("RTF"));
    }
}
