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
