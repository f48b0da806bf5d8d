import Crypto
import Foundation

/// Card numbers as a keyed permutation of an issue counter (§6.5).
///
/// A 4-round Feistel network over 50-bit values, keyed with HMAC-SHA256, with cycle-walking into
/// [0, 9·10^14): a bijection, so distinct counters never collide, and without the key the next
/// number cannot be guessed from issued ones. The result v gives the 15-digit payload 10^14 + v
/// (first digit 1–9) followed by its Luhn check digit. Nothing here depends on the NIK.
public struct CardNumberGenerator: Sendable {
    static let domain: UInt64 = 900_000_000_000_000
    static let halfBits: UInt64 = 25
    static let halfMask: UInt64 = (1 << 25) - 1
    /// Per round, the SHA-256 states after the inner and outer key pads: HMAC(K, m) =
    /// H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), with the two key blocks hashed once instead of per call.
    let rounds: [(inner: SHA256Words, outer: SHA256Words)]

    /// Derives one round key per round from the card key.
    public init(key: [UInt8]) {
        let master = SymmetricKey(data: key)
        rounds = (0..<4).map { round in
            let mac = HMAC<SHA256>.authenticationCode(for: Array("prakerja-feistel-round-\(round)".utf8), using: master)
            var block = [UInt8](mac)  // 32 bytes, shorter than SHA-256's 64-byte block: zero-padded
            block += [UInt8](repeating: 0, count: 64 - block.count)
            var inner = SHA256Words.initial
            block.map { $0 ^ 0x36 }.withUnsafeBytes { inner.compress($0) }
            var outer = SHA256Words.initial
            block.map { $0 ^ 0x5c }.withUnsafeBytes { outer.compress($0) }
            return (inner, outer)
        }
    }

    /// The card number for issue counter `counter` (0-based).
    public func cardNumber(counter: UInt64) -> UInt64 {
        var v = counter % Self.domain
        repeat { v = permute(v) } while v >= Self.domain
        let payload = 100_000_000_000_000 + v
        return payload * 10 + UInt64(Self.luhnDigit(payload: payload))
    }

    func permute(_ x: UInt64) -> UInt64 {
        var left = x >> Self.halfBits
        var right = x & Self.halfMask
        for round in rounds {
            // The round function: the first 4 bytes of HMAC(round key, right as 8 little-endian
            // bytes), read little-endian.
            var message = right.littleEndian
            let innerDigest = withUnsafeBytes(of: &message) { round.inner.finishing($0, prefixLength: 64) }
            var digestBytes = innerDigest.h
            withUnsafeMutableBytes(of: &digestBytes) { raw in
                for i in 0..<8 {
                    raw.storeBytes(of: raw.load(fromByteOffset: 4 * i, as: UInt32.self).bigEndian, toByteOffset: 4 * i, as: UInt32.self)
                }
            }
            let mac = withUnsafeBytes(of: &digestBytes) { round.outer.finishing($0, prefixLength: 64) }
            let f = UInt64(mac.h.0.byteSwapped)
            (left, right) = (right, left ^ (f & Self.halfMask))
        }
        return (left << Self.halfBits) | right
    }

    /// Luhn check digit of a payload.
    static func luhnDigit(payload: UInt64) -> Int {
        var sum = 0
        var p = payload
        var double = true
        while p > 0 {
            var d = Int(p % 10)
            p /= 10
            if double {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
            double.toggle()
        }
        return (10 - sum % 10) % 10
    }

    /// Whether a 16-digit number has a valid Luhn digit.
    public static func isLuhnValid(_ number: UInt64) -> Bool {
        luhnDigit(payload: number / 10) == Int(number % 10)
    }
}
