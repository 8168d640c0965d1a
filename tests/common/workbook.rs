//! Real workbooks for the sources' tests, written by independent writers: rust_xlsxwriter
//! for XLSX (with a fixed creation time, so the same calls give the same bytes), LibreOffice
//! Calc for ODS and XLS, and a formula's cached value taken out afterwards as openpyxl
//! leaves it.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What fills a sheet.
pub(crate) type Filler<'a> = &'a dyn Fn(&mut Worksheet);

/// An XLSX at `path` with the sheets given, each `(name, what fills it)`.
pub(crate) fn xlsx(path: &Path, sheets: &[(&str, Filler)]) {
    let mut book = Workbook::new();
    let when = ExcelDateTime::from_ymd(2020, 3, 6).unwrap();
    book.set_properties(&DocProperties::new().set_creation_datetime(&when));
    for (name, fill) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        fill(sheet);
    }
    book.save(path).unwrap();
}

/// A number format.
pub(crate) fn format(code: &str) -> rust_xlsxwriter::Format {
    rust_xlsxwriter::Format::new().set_num_format(code)
}

/// The XLSX at `path` with the cached value of the formula in `cell` of its first sheet
/// taken out (`<v>` gone, as openpyxl writes a formula it cannot calculate).
pub(crate) fn without_cached_value(path: &Path, cell: &str) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(data).unwrap();
            let start = text.find(&format!("<c r=\"{cell}\"")).expect("the cell is in the sheet");
            let end = start + text[start..].find("</c>").unwrap();
            let cut = text[start..end].find("<v>").map(|v| start + v).expect("a cached value");
            data = format!("{}{}", &text[..cut], &text[end..])
                .replace(&format!("<c r=\"{cell}\" t=\"str\""), &format!("<c r=\"{cell}\""))
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// LibreOffice Calc, or the test skipped (visibly) where it is not installed.
pub(crate) fn calc() -> Option<PathBuf> {
    let soffice = super::tools::tool("soffice")?;
    // Calc's own library: Debian's LibreOffice without it opens no spreadsheet.
    let installed = Path::new("/usr/lib/libreoffice/program/libsclo.so").exists();
    super::tools::ready("LibreOffice Calc (libreoffice-calc-nogui)", installed).then_some(soffice)
}

/// `file` converted by LibreOffice Calc to `extension` (`ods`, `xls`) beside it.
pub(crate) fn convert(soffice: &Path, file: &Path, extension: &str) -> PathBuf {
    let dir = file.parent().unwrap();
    // A profile of its own: nothing of the user's is read, another LibreOffice not used.
    let profile = format!("-env:UserInstallation=file://{}", dir.join(".lo-profile").display());
    let run = Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", extension, "--outdir"])
        .arg(dir)
        .arg(file)
        .current_dir(dir)
        .output()
        .unwrap();
    let converted = file.with_extension(extension);
    assert!(
        converted.exists(),
        "LibreOffice did not write {}: {}",
        converted.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    converted
}
