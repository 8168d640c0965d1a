//! The file itself: the assembled lopdf document written as PDF 1.7 with its small objects
//! packed into compressed object streams and a compressed cross-reference stream.
//!
//! lopdf can write object streams, but it clones every object and rebuilds its dictionary
//! on the way: for the 10,000 structure elements of a 600-row annex that was half the
//! PDF's time. Here each object is written once, straight from the document.

use super::content::{write_integer, write_number};
use super::deflate;
use lopdf::{Document, Object, StringFormat};
use std::io::Write as _;

/// Objects per object stream: large enough to compress well, small enough that a reader
/// need not inflate much to reach one object.
const PER_STREAM: usize = 512;

/// Where an object is in the file.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At a byte offset.
    Direct(usize),
    /// The `index`th object of object stream `container`.
    Packed {
        container: u32,
        index: u16,
    },
}

/// The file's bytes.
pub(super) fn save(doc: &Document, written: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let mut next_id = doc.max_id + 1;
    let mut entries = vec![Entry::Free; next_id as usize];

    let mut ranges = Vec::new();
    let mut packed: Vec<(u32, &[u8])> = written.iter().map(|(id, bytes)| (*id, bytes.as_slice())).collect();
    let mut objects = Vec::new();
    for (&(id, _), value) in &doc.objects {
        if let Object::Stream(stream) = value {
            entries[id as usize] = Entry::Direct(out.len());
            write_integer(&mut out, u64::from(id));
            out.extend_from_slice(b" 0 obj\n");
            let mut dict = stream.dict.clone();
            dict.set("Length", stream.content.len() as i64);
            write_object(&mut out, &Object::Dictionary(dict));
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream\nendobj\n");
        } else {
            let start = objects.len();
            write_object(&mut objects, value);
            packed.push((id, &[]));
            ranges.push((packed.len() - 1, start..objects.len()));
        }
    }
    for (index, range) in ranges {
        packed[index].1 = &objects[range];
    }
    packed.sort_by_key(|(id, _)| *id);
    // Each object stream: its objects' numbers and offsets, then the objects.
    let mut containers = Vec::new();
    for chunk in packed.chunks(PER_STREAM) {
        let container = next_id;
        next_id += 1;
        let mut header = Vec::new();
        let mut body = Vec::new();
        for (index, (id, bytes)) in chunk.iter().enumerate() {
            write_integer(&mut header, u64::from(*id));
            header.push(b' ');
            write_integer(&mut header, body.len() as u64);
            header.push(b' ');
            body.extend_from_slice(bytes);
            body.push(b'\n');
            entries[*id as usize] = Entry::Packed { container, index: index as u16 };
        }
        let first = header.len();
        header.extend_from_slice(&body);
        containers.push((container, chunk.len(), first, header));
    }
    let plain: Vec<&[u8]> = containers.iter().map(|(.., bytes)| bytes.as_slice()).collect();
    for ((container, count, first, _), data) in containers.iter().zip(deflate::all(&plain)) {
        entries.push(Entry::Direct(out.len()));
        let _ = write!(
            out,
            "{container} 0 obj\n<</Type/ObjStm/N {count}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
            data.len()
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    // The cross-reference stream lists itself too.
    let xref_id = next_id;
    let xref_offset = out.len();
    entries.push(Entry::Direct(xref_offset));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for entry in &entries {
        let (kind, field, generation): (u8, u32, u16) = match *entry {
            Entry::Free => (0, 0, u16::MAX),
            Entry::Direct(offset) => (1, offset as u32, 0),
            Entry::Packed { container, index } => (2, container, index),
        };
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes());
        table.extend_from_slice(&generation.to_be_bytes());
    }
    let data = deflate::one(&table);
    let _ = write!(
        out,
        "{xref_id} 0 obj\n<</Type/XRef/Size {}/W[1 4 2]/Filter/FlateDecode/Length {}",
        entries.len(),
        data.len()
    );
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            out.push(b'/');
            out.extend_from_slice(key);
            out.push(b' ');
            write_object(&mut out, value);
        }
    }
    out.extend_from_slice(b">>\nstream\n");
    out.extend_from_slice(&data);
    let _ = write!(out, "\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n");
    out
}

/// One object in PDF syntax (a stream's dictionary only: streams are written above).
pub(super) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(value) => out.extend_from_slice(if *value { b"true" } else { b"false" }),
        Object::Integer(value) => write_signed(out, *value),
        Object::Real(value) => write_number(out, *value),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, StringFormat::Literal) => write_literal(out, bytes),
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for byte in bytes {
                write_hex(out, *byte);
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict.iter() {
                write_name(out, key);
                out.push(b' ');
                write_object(out, value);
            }
            out.extend_from_slice(b">>");
        }
        Object::Stream(stream) => write_object(out, &Object::Dictionary(stream.dict.clone())),
        Object::Reference((id, generation)) => {
            write_integer(out, u64::from(*id));
            out.push(b' ');
            write_integer(out, u64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

/// A name, with `#xx` for delimiters, `#` itself and anything outside printable ASCII.
pub(super) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if byte.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&byte) {
            out.push(byte);
        } else {
            out.push(b'#');
            write_hex(out, byte);
        }
    }
}

/// `id 0 R`. Objects are written without the formatting machinery: a long annex has tens
/// of thousands of them, mostly numbers and references.
pub(super) fn write_reference(out: &mut Vec<u8>, id: u32) {
    write_integer(out, u64::from(id));
    out.extend_from_slice(b" 0 R");
}

/// An integer in decimal.
pub(super) fn write_signed(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_integer(out, value.unsigned_abs());
}

/// A byte as two upper-case hex digits.
fn write_hex(out: &mut Vec<u8>, byte: u8) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[DIGITS[usize::from(byte >> 4)], DIGITS[usize::from(byte & 15)]]);
}

/// A literal string, its delimiters, backslashes and line ends escaped.
pub(super) fn write_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &byte in bytes {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}
