//! The CRC-32 every file fixfind writes is checked with (IEEE, the one gzip and tantivy's
//! footers use).
//!
//! Computed with a single 1 KB table rather than `crc32fast`'s 16 KB of slice-by-16
//! tables: in the browser the tables are bytes every visitor downloads (about 15 KB of
//! gzip), while the bytes checked on a first visit (a few hundred KB) take a millisecond
//! or two either way.

use crc::{CRC_32_ISO_HDLC, Crc, Table};

const CRC32: Crc<u32, Table<1>> = Crc::<u32, Table<1>>::new(&CRC_32_ISO_HDLC);

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    CRC32.checksum(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_the_crc_32_of_gzip_and_tantivy() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
