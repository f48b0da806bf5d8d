/// One `possible_same_person` pair found by ``SamePersonMatcher``.
public struct MatchPair: Sendable, Hashable {
    /// The index of the first registration in the matcher's input; always below `b`.
    public var a: Int
    /// The index of the second registration in the matcher's input.
    public var b: Int
    /// The name similarity in 0...1 (see ``NameSimilarity``).
    public var score: Double

    /// Creates a pair; the caller keeps `a < b`.
    public init(a: Int, b: Int, score: Double) {
        self.a = a
        self.b = b
        self.score = score
    }
}
