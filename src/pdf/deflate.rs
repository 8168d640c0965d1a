//! Deflate, in the zlib format PDF's `FlateDecode` reads, for every compressed stream.
//!
//! libdeflate at its level 1, chosen by measurement on the streams of the seed paper and
//! of the 600-row annex (see `docs/performance.md`): against zlib-rs at level 3, the
//! previous choice, it takes 0.29 instead of 0.61 ms for the seed and 3.8 instead of
//! 7.5 ms for the annex, for streams 1.7% and 2.7% larger (files 1.5% and 2.6%). zlib-rs
//! streams its input: most of its time in a small paper went to clearing its hash tables
//! for each stream.
//!
//! A large document's streams are compressed on every core: the output is the same bytes
//! whatever the thread count, as each stream is compressed alone.

use libdeflater::{CompressionLvl, Compressor};
use rayon::prelude::*;
use std::cell::RefCell;

/// libdeflate's level.
const LEVEL: i32 = 1;

/// Below this many bytes in all, threads cost more than they save.
const PARALLEL_FROM: usize = 256 * 1024;

thread_local! {
    /// One compressor per thread for the whole run: a new one's tables are fresh pages,
    /// a page fault each (69 of the seed's 433 when each call made its own).
    static COMPRESSOR: RefCell<Compressor> =
        RefCell::new(Compressor::new(CompressionLvl::new(LEVEL).expect("a level libdeflate has")));
}

fn with_compressor<T>(work: impl FnOnce(&mut Compressor) -> T) -> T {
    COMPRESSOR.with(|compressor| work(&mut compressor.borrow_mut()))
}

/// `data` in the zlib format.
fn compress(compressor: &mut Compressor, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0; compressor.zlib_compress_bound(data.len())];
    let length = compressor.zlib_compress(data, &mut out).expect("the bound holds the output");
    out.truncate(length);
    out
}

/// One stream.
pub(super) fn one(data: &[u8]) -> Vec<u8> {
    with_compressor(|compressor| compress(compressor, data))
}

/// Every stream, in order.
pub(super) fn all(streams: &[&[u8]]) -> Vec<Vec<u8>> {
    let total: usize = streams.iter().map(|s| s.len()).sum();
    if total < PARALLEL_FROM {
        return streams.iter().map(|data| one(data)).collect();
    }
    streams.par_iter().map(|data| one(data)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_inflate_to_their_content_in_order_whatever_the_threads() {
        let small: Vec<u8> = b"BT /F1 10 Tf (Panel) Tj ET\n".repeat(40);
        let large: Vec<u8> = (0..PARALLEL_FROM as u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        for streams in [vec![&small[..], b"", &small[..100]], vec![&large[..], &small[..], &large[..9000]]] {
            let compressed = all(&streams);
            assert_eq!(compressed.len(), streams.len());
            for (data, packed) in streams.iter().zip(&compressed) {
                let mut inflated = Vec::new();
                let mut decoder = libdeflater::Decompressor::new();
                inflated.resize(data.len(), 0);
                let n = decoder.zlib_decompress(packed, &mut inflated).expect("zlib data");
                assert_eq!(&inflated[..n], *data);
                assert_eq!(packed, &one(data), "the same bytes alone and in a batch");
            }
        }
    }
}
