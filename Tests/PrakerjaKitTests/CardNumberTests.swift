import Crypto
import Testing

@testable import PrakerjaKit

/// Card numbers (§6.5): 16 digits, no leading zero, Luhn-valid, a keyed permutation of the counter.
@Suite struct CardNumberTests {
    @Test func numbersAreValidUniqueAndKeyed() {
        let a = CardNumberGenerator(key: Array("key-a".utf8))
        let b = CardNumberGenerator(key: Array("key-b".utf8))
        var seen = Set<UInt64>()
        for counter in 0..<20_000 as Range<UInt64> {
            let n = a.cardNumber(counter: counter)
            #expect(n >= 1_000_000_000_000_000 && n <= 9_999_999_999_999_999)
            #expect(CardNumberGenerator.isLuhnValid(n))
            #expect(seen.insert(n).inserted)
        }
        #expect(a.cardNumber(counter: 5) == CardNumberGenerator(key: Array("key-a".utf8)).cardNumber(counter: 5))
        #expect(a.cardNumber(counter: 5) != b.cardNumber(counter: 5))
        // Consecutive counters do not give neighbouring numbers.
        let d = Int64(a.cardNumber(counter: 1)) - Int64(a.cardNumber(counter: 0))
        #expect(abs(d) > 1000)
    }

    @Test(arguments: ["4539578763621486", "79927398713"])
    func luhnCheck(_ number: String) {
        #expect(CardNumberGenerator.isLuhnValid(UInt64(number)!))
        #expect(!CardNumberGenerator.isLuhnValid(UInt64(number)! + 1))
    }
}

/// The short-message SHA-256 (``SHA256Words``) behind the lottery keys and the card numbers gives
/// swift-crypto's results, on the CPU's SHA extensions and in portable C.
@Suite struct SHA256WordsTests {
    @Test(arguments: [false, true])
    func hashesLikeSwiftCrypto(portable: Bool) {
        var rng = CSVTestSupport.SeededRandom(seed: portable ? 11 : 12)
        for length in 0...300 {
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let ours = message.withUnsafeBytes { SHA256Words.initial.finishing($0, portable: portable) }
            #expect(ours.bytes == Array(SHA256.hash(data: message)), "length \(length)")
            // The same after absorbing a first block on its own.
            if length >= 64 {
                var state = SHA256Words.initial
                message.withUnsafeBytes { state.compress(UnsafeRawBufferPointer(rebasing: $0[0..<64]), portable: portable) }
                let rest = message.withUnsafeBytes {
                    state.finishing(UnsafeRawBufferPointer(rebasing: $0[64...]), prefixLength: 64, portable: portable)
                }
                #expect(rest == ours)
            }
        }
    }

    /// Lottery keys for seeds on every side of SHA-256's block boundaries.
    @Test func lotteryDigestsAreTheHexKeys() {
        for seedLength in [0, 1, 10, 38, 39, 46, 47, 48, 63, 64, 65, 100, 111, 112, 130] {
            let seed = String((0..<seedLength).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            for nik: UInt64 in [0, 3_201_010_101_900_001, 9_999_999_999_999_999] {
                #expect(Lottery.digest(seed: seed, nik: nik).hex == Lottery.key(seed: seed, nik: nik), "seed of \(seedLength)")
            }
        }
    }

    /// The Feistel rounds as specified, with swift-crypto's HMAC: HMAC-SHA256(round key, right
    /// half as 8 little-endian bytes), its first 4 bytes little-endian.
    @Test func cardNumbersFollowTheHMACFeistel() {
        for key in ["key-a", "a card key of more than sixty-four bytes, which HMAC hashes first, as a test"] {
            let master = SymmetricKey(data: Array(key.utf8))
            let roundKeys = (0..<4).map { round in
                SymmetricKey(
                    data: Array(HMAC<SHA256>.authenticationCode(for: Array("prakerja-feistel-round-\(round)".utf8), using: master)))
            }
            func reference(_ x: UInt64) -> UInt64 {
                var left = x >> 25, right = x & ((1 << 25) - 1)
                for roundKey in roundKeys {
                    let mac = Array(
                        HMAC<SHA256>.authenticationCode(for: withUnsafeBytes(of: right.littleEndian) { Array($0) }, using: roundKey))
                    let f = UInt64(mac[0]) | UInt64(mac[1]) << 8 | UInt64(mac[2]) << 16 | UInt64(mac[3]) << 24
                    (left, right) = (right, left ^ (f & ((1 << 25) - 1)))
                }
                return left << 25 | right
            }
            let generator = CardNumberGenerator(key: Array(key.utf8))
            var rng = CSVTestSupport.SeededRandom(seed: 5)
            for _ in 0..<2_000 {
                let x = rng.next() & ((1 << 50) - 1)
                #expect(generator.permute(x) == reference(x))
            }
        }
    }
}
