//! An OLE compound file (an XLS's container) read far enough to find its workbook stream,
//! every chain followed with a bound: a chain that loops, leaves the file or is shorter
//! than the size its entry declares is refused, so that calamine's reader, which follows
//! the same chains without those checks, only ever meets a sound file.

const FREE: u32 = 0xFFFF_FFFF;
const END: u32 = 0xFFFF_FFFE;

struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Compound<'a> {
    fn sector(&self, id: u32) -> Result<&'a [u8], String> {
        let start = (id as usize + 1).checked_mul(self.sector).ok_or("a sector beyond the file")?;
        self.bytes.get(start..start + self.sector).ok_or_else(|| "a sector beyond the end of the file".to_string())
    }

    /// The sectors of the chain from `first`, at most as many as the file has.
    fn chain(&self, first: u32, next: &[u32]) -> Result<Vec<u32>, String> {
        let limit = self.bytes.len() / self.sector + 1;
        let mut chain = Vec::new();
        let mut id = first;
        while id != END {
            if id as usize >= next.len() || chain.len() > limit {
                return Err("a chain of sectors loops or leaves the file".into());
            }
            chain.push(id);
            id = next[id as usize];
        }
        Ok(chain)
    }

    fn read(&self, first: u32, size: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        for id in self.chain(first, &self.fat)? {
            out.extend_from_slice(self.sector(id)?);
        }
        if out.len() < size {
            return Err("a stream is shorter than its entry says".into());
        }
        out.truncate(size);
        Ok(out)
    }
}

/// The workbook stream (`Workbook`, or `Book` in older files) of an XLS, every chain of
/// the file checked on the way.
pub(super) fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let header = bytes.get(..512).ok_or("too short for a compound file")?;
    let shift = u16_at(header, 0x1E).ok_or("no header")?;
    if !matches!(shift, 9 | 12) {
        return Err("its sector size is not one a compound file has".into());
    }
    let sector = 1usize << shift;
    let sectors = bytes.len() / sector;
    let field = |at: usize| u32_at(header, at).ok_or_else(|| "no header".to_string());
    let (fat_count, directory, mini_fat, mini_count) = (field(0x2C)?, field(0x30)?, field(0x3C)?, field(0x40)?);
    // The sectors that hold the FAT: 109 in the header, then a chain of DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| field(0x4C + 4 * i).ok()).filter(|s| *s != FREE).collect();
    let mut difat = field(0x44)?;
    let mut hops = 0;
    while difat != END && difat != FREE {
        hops += 1;
        if hops > sectors {
            return Err("its DIFAT loops".into());
        }
        let start = (difat as usize + 1) * sector;
        let block = bytes.get(start..start + sector).ok_or("a DIFAT sector beyond the end of the file")?;
        let per = sector / 4 - 1;
        fat_sectors.extend((0..per).filter_map(|i| u32_at(block, 4 * i)).filter(|s| *s != FREE));
        difat = u32_at(block, 4 * per).unwrap_or(END);
    }
    if fat_sectors.len() < fat_count as usize || fat_sectors.len() > sectors {
        return Err("its FAT is not where its header says".into());
    }
    let mut file = Compound { bytes, sector, fat: Vec::new() };
    let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
    for id in fat_sectors {
        let block = file.sector(id)?;
        fat.extend((0..sector / 4).filter_map(|i| u32_at(block, 4 * i)));
    }
    file.fat = fat;
    let entries = file.read(directory, file.chain(directory, &file.fat)?.len() * sector)?;
    // The mini stream (the root entry's) and the mini FAT, for streams under 4,096 bytes.
    let root = entries.get(..128).ok_or("no root entry")?;
    let (root_start, root_size) = (u32_at(root, 0x74).unwrap_or(END), u32_at(root, 0x78).unwrap_or(0) as usize);
    let mini = if root_size > 0 { file.read(root_start, root_size)? } else { Vec::new() };
    let mut mini_next = Vec::new();
    if mini_count > 0 {
        for id in file.chain(mini_fat, &file.fat)? {
            let block = file.sector(id)?;
            mini_next.extend((0..sector / 4).filter_map(|i| u32_at(block, 4 * i)));
        }
    }
    let mut book = None;
    let streams: Vec<&[u8]> = entries.chunks_exact(128).filter(|e| e[0x42] == 2).collect();
    // A workbook has a few streams; thousands would make checking their chains the attack.
    if streams.len() > 1024 {
        return Err("it holds more than 1,024 streams: no workbook does".into());
    }
    for entry in streams {
        let length = usize::from(u16_at(entry, 0x40).unwrap_or(0)).min(64);
        let name: String = char::decode_utf16(
            entry[..length].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).take_while(|c| *c != 0),
        )
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect();
        let (start, size) = (u32_at(entry, 0x74).unwrap_or(END), u32_at(entry, 0x78).unwrap_or(0) as usize);
        let wanted = (name == "Workbook" || name == "Book") && book.is_none();
        // Every stream's chain is checked (calamine reads some besides the workbook); only
        // the workbook's bytes are kept.
        if size < 4096 {
            let mut out = Vec::new();
            let (mut id, mut hops) = (start, 0usize);
            while id != END && hops * 64 < size {
                hops += 1;
                let block = mini.get(id as usize * 64..id as usize * 64 + 64);
                match (block, mini_next.get(id as usize)) {
                    (Some(block), Some(next)) if hops <= mini.len() / 64 + 1 => {
                        if wanted {
                            out.extend_from_slice(block);
                        }
                        id = *next;
                    }
                    _ => return Err("a small stream's chain loops or leaves its mini stream".into()),
                }
            }
            if hops * 64 < size {
                return Err("a small stream is shorter than its entry says".into());
            }
            if wanted {
                out.truncate(size);
                book = Some(out);
            }
        } else if wanted {
            book = Some(file.read(start, size)?);
        } else if file.chain(start, &file.fat)?.len() * sector < size {
            return Err("a stream is shorter than its entry says".into());
        }
    }
    book.ok_or_else(|| "it holds no workbook stream: it is not an Excel 97–2003 workbook".into())
}
