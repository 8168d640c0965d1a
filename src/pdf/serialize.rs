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

/// A PDF file as it is written, object by object, into `out`: the one writer of a
/// document's objects, its object streams and its cross-reference stream, for a paper's
/// PDF and for a pack written part by part.
pub(super) struct FileWriter<W: std::io::Write> {
    out: W,
    /// Bytes written so far: the next object's offset.
    written: usize,
    entries: Vec<Entry>,
    next_id: u32,
}

impl<W: std::io::Write> FileWriter<W> {
    /// A file with its header written, whose objects are numbered below `next_id` so far.
    pub(super) fn new(mut out: W, next_id: u32) -> std::io::Result<FileWriter<W>> {
        let header = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
        out.write_all(header)?;
        Ok(FileWriter { out, written: header.len(), entries: vec![Entry::Free; next_id as usize], next_id })
    }

    /// A fresh object number.
    pub(super) fn allocate(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn set(&mut self, id: u32, entry: Entry) {
        let index = id as usize;
        if self.entries.len() <= index {
            self.entries.resize(index + 1, Entry::Free);
        }
        self.entries[index] = entry;
    }

    fn emit(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len();
        Ok(())
    }

    /// A stream, written as it is (its content already filtered as its dictionary says).
    pub(super) fn stream(&mut self, id: u32, stream: &lopdf::Stream) -> std::io::Result<()> {
        let mut out = Vec::with_capacity(stream.content.len() + 128);
        write_integer(&mut out, u64::from(id));
        out.extend_from_slice(b" 0 obj\n");
        let mut dict = stream.dict.clone();
        dict.set("Length", stream.content.len() as i64);
        write_object(&mut out, &Object::Dictionary(dict));
        out.extend_from_slice(b"\nstream\n");
        out.extend_from_slice(&stream.content);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        self.set(id, Entry::Direct(self.written));
        self.emit(&out)
    }

    /// Objects other than streams, each already in PDF syntax, packed into compressed object
    /// streams in the order of their numbers.
    pub(super) fn packed(&mut self, objects: &mut [(u32, &[u8])]) -> std::io::Result<()> {
        objects.sort_by_key(|(id, _)| *id);
        // Each object stream: its objects' numbers and offsets, then the objects.
        let mut containers = Vec::new();
        for chunk in objects.chunks(PER_STREAM) {
            let container = self.allocate();
            let mut header = Vec::new();
            let mut body = Vec::new();
            for (index, (id, bytes)) in chunk.iter().enumerate() {
                write_integer(&mut header, u64::from(*id));
                header.push(b' ');
                write_integer(&mut header, body.len() as u64);
                header.push(b' ');
                body.extend_from_slice(bytes);
                body.push(b'\n');
                self.set(*id, Entry::Packed { container, index: index as u16 });
            }
            let first = header.len();
            header.extend_from_slice(&body);
            containers.push((container, chunk.len(), first, header));
        }
        let plain: Vec<&[u8]> = containers.iter().map(|(.., bytes)| bytes.as_slice()).collect();
        for ((container, count, first, _), data) in containers.iter().zip(deflate::all(&plain)) {
            let mut out = Vec::with_capacity(data.len() + 96);
            let _ = write!(
                out,
                "{container} 0 obj\n<</Type/ObjStm/N {count}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
                data.len()
            );
            out.extend_from_slice(&data);
            out.extend_from_slice(b"\nendstream\nendobj\n");
            self.set(*container, Entry::Direct(self.written));
            self.emit(&out)?;
        }
        Ok(())
    }

    /// The cross-reference stream (listing itself too) with the trailer's `entries`, and the
    /// file's end.
    pub(super) fn finish(mut self, trailer: &[(&[u8], &Object)]) -> std::io::Result<W> {
        let xref_id = self.allocate();
        let xref_offset = self.written;
        self.set(xref_id, Entry::Direct(xref_offset));
        let mut table = Vec::with_capacity(self.entries.len() * 7);
        for entry in &self.entries {
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
        let mut out = Vec::with_capacity(data.len() + 256);
        let _ = write!(
            out,
            "{xref_id} 0 obj\n<</Type/XRef/Size {}/W[1 4 2]/Filter/FlateDecode/Length {}",
            self.entries.len(),
            data.len()
        );
        for (key, value) in trailer {
            out.push(b'/');
            out.extend_from_slice(key);
            out.push(b' ');
            write_object(&mut out, value);
        }
        out.extend_from_slice(b">>\nstream\n");
        out.extend_from_slice(&data);
        let _ = write!(out, "\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n");
        self.emit(&out)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The file's bytes.
pub(super) fn save(doc: &Document, written: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let in_memory = "writing into memory does not fail";
    let mut file = FileWriter::new(Vec::with_capacity(64 * 1024), doc.max_id + 1).expect(in_memory);
    let mut ranges = Vec::new();
    let mut packed: Vec<(u32, &[u8])> = written.iter().map(|(id, bytes)| (*id, bytes.as_slice())).collect();
    let mut objects = Vec::new();
    for (&(id, _), value) in &doc.objects {
        if let Object::Stream(stream) = value {
            file.stream(id, stream).expect(in_memory);
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
    file.packed(&mut packed).expect(in_memory);
    let trailer: Vec<(&[u8], &Object)> =
        [&b"Root"[..], b"Info", b"ID"].into_iter().filter_map(|key| Some((key, doc.trailer.get(key).ok()?))).collect();
    file.finish(&trailer).expect(in_memory)
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
