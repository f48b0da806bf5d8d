import GRDB

/// An issued card: its number and the counter it came from.
struct IssuedCard: Sendable, Hashable {
    var number: UInt64
    var counter: Int64
}

/// Issues card numbers for a wave from its base counter, skipping any number already issued
/// (an imported card may collide with a permuted counter); the same history gives the same numbers.
struct CardIssuer {
    let generator: CardNumberGenerator
    let base: Int64
    let jobs: Int

    init(key: [UInt8], base: Int64, jobs: Int) {
        generator = CardNumberGenerator(key: key)
        self.base = base
        self.jobs = jobs
    }

    /// Issues `count` cards for `wave`. The numbers already issued are looked up through `history`
    /// (on read-only connections, one per job, for many cards): every card but the wave's own
    /// provisional ones, which the run's transaction deleted before and a read-only connection still sees.
    func issue(_ history: HistoryReader, wave: Int, count: Int) throws -> [IssuedCard] {
        var cards: [IssuedCard] = []
        cards.reserveCapacity(count)
        var next = base
        while cards.count < count {
            let need = count - cards.count
            let counters = Array(next..<(next + Int64(need)))
            let generator = self.generator
            let numbers = counters.parallelMap(jobs: jobs) { generator.cardNumber(counter: UInt64($0)) }
            // Looked up in number order, walking the card B-trees forward (``ForwardLookUp``; 17M
            // imported cards do not fit the page cache); then taken in counter order as before.
            var order = numbers.indices.map { (numbers[$0], Int32($0)) }
            order.parallelSort(jobs: jobs) { $0 < $1 }
            let sorted = order
            let parts = try history.lookUp(sorted.count, sql: [HistoryCursor.importedCards, HistoryCursor.cards]) { statements, range in
                var imported = ForwardLookUp<Int64>(statements[0])
                var tool = ForwardLookUp<Int64>(statements[1])
                defer {
                    imported.finish()
                    tool.finish()
                }
                tool.cursor.bind(2, wave)
                var taken: [Int32] = []
                for (number, k) in sorted[range] {
                    let key = Int64(number)
                    if try imported.find(key) || tool.find(key) { taken.append(k) }
                }
                return taken
            }
            var issued = [Bool](repeating: false, count: numbers.count)
            for k in parts.joined() { issued[Int(k)] = true }
            for (k, (counter, number)) in zip(counters, numbers).enumerated() where !issued[k] {
                cards.append(IssuedCard(number: number, counter: counter))
            }
            next += Int64(need)
        }
        return cards
    }
}
