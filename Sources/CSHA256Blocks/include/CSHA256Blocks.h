#ifndef CSHA256BLOCKS_H
#define CSHA256BLOCKS_H

#include <stddef.h>
#include <stdint.h>

// SHA-256's compression function over `blocks` 64-byte blocks at `data`, updating the eight state
// words in place (FIPS 180-4 §6.2.2, no padding: the caller pads the last block).
//
// For hashing millions of short messages (lottery keys, the card-number Feistel rounds), where a
// full hash object costs an allocation and a copy per message; swift-crypto keeps hashing whole
// files and everything else.

/// Whether this CPU has the x86 SHA extensions (and SSSE3, SSE4.1), so that
/// `prakerja_sha256_blocks_extensions` may be called. Asks the CPU each time: callers keep the answer.
int prakerja_sha256_has_extensions(void);

/// The compression with the SHA extensions; only when `prakerja_sha256_has_extensions()` said so
/// (elsewhere than x86-64 it is the portable one).
void prakerja_sha256_blocks_extensions(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The compression in portable C; the same words.
void prakerja_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
