/// Scores how likely two full names are one person's, from 0 to 1, after ``NameFolding``.
///
/// The rules, tried in order; the first that applies gives the score:
///
/// | rule | score |
/// |---|---|
/// | the same tokens in the same order ("the same name after folding") | 1 |
/// | the same tokens in another order (`SITI NURHALIZA` / `NURHALIZA SITI`) | 0.98 |
/// | the same letters split into other words (`NURHALIZA` / `NUR HALIZA`) | 0.96 |
/// | one typing error in one word, all other words equal | 2E/(2E+1), at most 0.97, less 0.02 if reordered |
/// | anything else (a different or missing word, two typing errors) | at most 0.85 |
///
/// **A typing error** is one letter inserted, deleted or changed, or two neighbours swapped (optimal
/// string alignment distance 1), in a word of at least 3 letters, unless both spellings are common
/// names in their own right (`SAPUTRA`/`SAPUTRI`, `FITRI`/`FITRIA`, `EKO`/`EKA`): two such people
/// sharing a birth date are far likelier than a typo that lands exactly on another common name.
///
/// **E is the evidence**: the letters of the mistyped word plus those of the equal words that identify
/// a person, that is without Balinese birth-order names (`WAYAN`, `MADE`, `NI` …) and the very common
/// `MUHAMMAD`, `SITI`, `NUR`, `SRI`, which tell little. So a typo needs at least 5 letters of evidence
/// to reach 0.90: `ZAHRA`/`ZARA` (0.909), `BUDI SANTOSO`/`BUDU SANTOSO` (0.957), `SRI TINA`/`SI TINA`
/// (0.933) match, while `BUDI`/`BUDU` (0.889) and `MUHAMMAD ALI`/`MUHAMMAD ALO` (0.857) do not:
/// short names one edit apart (`DEDI`/`DEWI`/`RUDI`/`YUDI`, `ALI`/`ALIF`) are common and would flood
/// the list in a 200-person birth-date block, and `MUHAMMAD` does not make them rarer.
///
/// **Anything else** scores 0.85 × the weighted share of words in common (Dice, weights as above, a
/// one-edit neighbour counted half), so it stays below every threshold above 0.85: a name that is a
/// subset of the other (`MUHAMMAD` / `MUHAMMAD ALI`, `NI MADE AYU` / `NI MADE AYU LESTARI`) is a
/// different person as often as not, and two typing errors are not one.
///
/// **Within a wave** (``SamePersonMatcher``) one more condition applies to a typing error: the rarer of
/// the two spellings must be rare in the wave (see ``WordCounts``), so that `SUTARJO`/`SUTARNO` or
/// `HALIM`/`SALIM`, each hundreds of people, do not pair. This function, given two names alone,
/// cannot know that and scores as if each word were seen once.
///
/// Identical names always score 1, even a common single name (`SUPARMAN` and `SUPARMAN`): that is
/// what "the same name after folding" means; telling such people apart needs more than names, and
/// whether such a pair is listed is decided by ``SamePersonMatcher/ListingRule`` from the name's
/// commonness and the other fields, not by lowering the score.
///
/// Every score is a small-integer ratio, a fixed constant, or one of those times or minus a constant,
/// so it is the same double on every platform and prints the same with 3 decimals.
public enum NameSimilarity {
    /// The score of names that fold to the same tokens in another order.
    public static let reorderedScore = 0.98
    /// The score of names whose folded letters are equal but split into other words.
    public static let respacedScore = 0.96
    /// The highest score a typing error can reach, below the exact and reordered scores.
    public static let typoCeiling = 0.97
    /// What reordering costs on top of a typing error.
    public static let reorderPenalty = 0.02
    /// The highest score of a pair that none of the exact, reordered, respaced or typo rules match;
    /// for a threshold above it, the matcher's hashing finds every pair.
    public static let partialCeiling = 0.85

    /// The similarity of two raw full names, symmetric, in 0...1 (see the type's documentation).
    public static func score(_ a: String, _ b: String) -> Double {
        score(NameFolding.folded(a), NameFolding.folded(b))
    }

    typealias Token = NameFolding.Token

    /// The similarity of two folded names; `words`, the word counts of a whole wave, let two
    /// established words one edit apart read as two names (see ``isTypo(_:_:_:_:_:)``).
    static func score(_ first: NameFolding.Folded, _ second: NameFolding.Folded, words: WordCounts? = nil) -> Double {
        let a = first.tokens, b = second.tokens
        if a.isEmpty || b.isEmpty { return 0 }
        if a == b { return 1 }
        let sortedA = a.sorted(by: precedes)
        let sortedB = b.sorted(by: precedes)
        if sortedA == sortedB { return reorderedScore }
        if Array(a.joined()) == Array(b.joined()) { return respacedScore }
        if a.count == b.count, let typo = typoScore(first, second, sortedA, sortedB, words) { return typo }
        return partialScore(sortedA, sortedB)
    }

    /// Lexicographic order of tokens by scalar value, for multiset comparison.
    static func precedes(_ x: Token, _ y: Token) -> Bool {
        x.lexicographicallyPrecedes(y) { $0.value < $1.value }
    }

    /// The score when the names differ by one typing error in one word, else nil.
    private static func typoScore(
        _ first: NameFolding.Folded, _ second: NameFolding.Folded, _ sortedA: [Token], _ sortedB: [Token],
        _ words: WordCounts?
    ) -> Double? {
        let a = first.tokens, b = second.tokens
        // Multiset difference of the two sorted lists: exactly one word must be left on each side.
        var i = 0, j = 0
        var onlyA: [Token] = [], onlyB: [Token] = [], common: [Token] = []
        while i < sortedA.count || j < sortedB.count {
            if i < sortedA.count, j < sortedB.count, sortedA[i] == sortedB[j] {
                common.append(sortedA[i])
                i += 1
                j += 1
            } else if j >= sortedB.count || (i < sortedA.count && precedes(sortedA[i], sortedB[j])) {
                onlyA.append(sortedA[i])
                i += 1
            } else {
                onlyB.append(sortedB[j])
                j += 1
            }
            if onlyA.count > 1 || onlyB.count > 1 { return nil }
        }
        guard onlyA.count == 1, onlyB.count == 1 else { return nil }
        let x = onlyA[0], y = onlyB[0]
        // The spelling of the first occurrence of each: the same choice whichever name comes first.
        let spellingX = first.spellings[a.firstIndex(of: x)!], spellingY = second.spellings[b.firstIndex(of: y)!]
        guard isTypo(x, y, spellingX, spellingY, words) else { return nil }

        let evidence = common.reduce(0) { $0 + (isWeak($1) ? 0 : $1.count) } + max(x.count, y.count)
        var score = min(Double(2 * evidence) / Double(2 * evidence + 1), typoCeiling)
        // In written order the names differ at one position only, or they were also reordered.
        let differing = zip(a, b).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
        if differing != 1 { score -= reorderPenalty }
        return score
    }

    /// Whether two different words are one typing error apart and may be read as such.
    ///
    /// The words are compared both folded and as written, so that a typo across a rewritten pair of
    /// letters (`ADITAY`/`ADITYA`) still counts. In a wave, the rarer of the two folded words must be
    /// rare outright or rare next to the other (``WordCounts/mayBeVariants(_:_:)``): a typing error that
    /// lands on an established word is far less likely than two people whose names differ in a letter
    /// (`SUTARJO`/`SUTARNO`, `HALIM`/`SALIM`).
    static func isTypo(_ x: Token, _ y: Token, _ spellingX: Token, _ spellingY: Token, _ words: WordCounts?) -> Bool {
        let folded = max(x.count, y.count) >= 3 && isOneEdit(x, y)
        let written =
            (spellingX != x || spellingY != y) && max(spellingX.count, spellingY.count) >= 3
            && spellingX != spellingY && isOneEdit(spellingX, spellingY)
        guard folded || written else { return false }
        if isCommonName(x) && isCommonName(y) { return false }
        guard let words else { return true }
        return words.mayBeVariants(words.count(of: x), words.count(of: y))
    }

    /// Whether the optimal string alignment distance of two different words is exactly 1, in linear time.
    static func isOneEdit(_ x: Token, _ y: Token) -> Bool {
        if x.count == y.count {
            var first = -1
            for k in 0..<x.count where x[k] != y[k] {
                if first < 0 {
                    first = k
                } else {
                    // A second difference: only an adjacent swap at first, first+1 is still one edit.
                    guard k == first + 1, x[first] == y[k], x[k] == y[first] else { return false }
                    return x[(k + 1)...] == y[(k + 1)...]
                }
            }
            return first >= 0
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        guard long.count == short.count + 1 else { return false }
        var k = 0
        while k < short.count, long[k] == short[k] { k += 1 }
        return long[(k + 1)...] == short[k...]
    }

    /// How many times each folded word occurs in a wave, so that a one-letter difference between two
    /// words that are both established there reads as two names.
    ///
    /// Only words are counted. The same test on whole names for swapped word order (is `FAUZI AHMAD`
    /// established next to `AHMAD FAUZI`?) was measured and dropped: a planted swap is some 600 times
    /// likelier than one particular typo, so at 20 people a block it cost 216 true pairs of 20 301 to
    /// save 41 false ones in a million-person wave.
    struct WordCounts: Sendable {
        // Most words pack into 64 bits, which hash far faster than scalar arrays.
        private var packed: [UInt64: Int] = [:]
        private var other: [Token: Int] = [:]

        /// Counts the words of one more name.
        mutating func add(_ name: [Token]) {
            for word in name {
                if let key = NameFolding.packed(word) {
                    packed[key, default: 0] += 1
                } else {
                    other[word, default: 0] += 1
                }
            }
        }

        /// Adds the counts of another part of the wave.
        mutating func merge(_ part: WordCounts) {
            packed.merge(part.packed, uniquingKeysWith: +)
            other.merge(part.other, uniquingKeysWith: +)
        }

        /// How many times `word` occurs.
        func count(of word: Token) -> Int {
            if let key = NameFolding.packed(word) { return packed[key] ?? 0 }
            return other[word] ?? 0
        }

        /// The number of distinct words.
        var distinct: Int { packed.count + other.count }

        /// Whether two spellings seen this often may be one name's variants: the rarer must be rare
        /// outright (seen at most ``rareCount`` times) or rare next to the other (at most
        /// 1/``establishedRatio`` as often). A typing error that lands exactly on another established
        /// spelling is far less likely than two people whose names differ that way.
        func mayBeVariants(_ countX: Int, _ countY: Int) -> Bool {
            let rarer = min(countX, countY), commoner = max(countX, countY)
            return rarer <= Self.rareCount || rarer * Self.establishedRatio <= commoner
        }

        /// A spelling seen at most this many times in a wave may be a variant of any other.
        static let rareCount = 3
        /// A spelling seen at least 1/this as often as the other is established in its own right.
        static let establishedRatio = 64
    }

    /// Weighted Dice overlap of the word multisets, scaled to stay at or below ``partialCeiling``.
    private static func partialScore(_ a: [Token], _ b: [Token]) -> Double {
        let weightA = a.reduce(0) { $0 + weight($1) }
        let weightB = b.reduce(0) { $0 + weight($1) }
        // Twice the weight of the shared words (once per side), in halves so a neighbour counts half.
        var halves = 0
        var i = 0, j = 0
        var onlyA: [Token] = [], onlyB: [Token] = []
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                halves += 4 * weight(a[i])
                i += 1
                j += 1
            } else if j >= b.count || (i < a.count && precedes(a[i], b[j])) {
                onlyA.append(a[i])
                i += 1
            } else {
                onlyB.append(b[j])
                j += 1
            }
        }
        // A word with a one-edit neighbour on the other side counts half, seen from each side.
        for x in onlyA where onlyB.contains(where: { max(x.count, $0.count) >= 3 && isOneEdit(x, $0) }) {
            halves += weight(x)
        }
        for y in onlyB where onlyA.contains(where: { max(y.count, $0.count) >= 3 && isOneEdit(y, $0) }) {
            halves += weight(y)
        }
        return partialCeiling * Double(halves) / Double(2 * (weightA + weightB))
    }

    /// A word's weight in the partial score: its length, or 1 for a word that tells little.
    private static func weight(_ t: Token) -> Int { isWeak(t) ? 1 : t.count }

    /// Whether a folded word tells little about who someone is.
    static func isWeak(_ t: Token) -> Bool {
        if t == NameFolding.muhammad { return true }
        guard let key = NameFolding.packed(t) else { return false }
        return weakWords.contains(key)
    }

    /// Whether a folded word is in ``commonNames``.
    static func isCommonName(_ t: Token) -> Bool {
        guard let key = NameFolding.packed(t) else { return false }
        return commonNames.contains(key)
    }

    /// Balinese birth-order names and particles, and the commonest first words of Javanese and
    /// Muslim names, folded. (`MUHAMMAD` is tested directly.)
    static let weakWords: Set<UInt64> = NameFolding.packedSet(
        [
            "I", "NI", "LUH", "WAYAN", "MADE", "NYOMAN", "KETUT", "PUTU", "KADEK", "KOMANG", "GEDE",
            "GDE", "NENGAH", "IDA", "BAGUS", "GUSTI", "NGURAH", "DEWA", "DESAK", "ANAK", "AGUNG",
            "SITI", "NUR", "SRI",
        ].map { NameFolding.fold($0).joined() }
    )

    /// Frequent Indonesian name words (folded) that sit one edit from another frequent one that is a
    /// *different* name: gendered pairs (`PUTRA`/`PUTRI`, `SUSANTO`/`SUSANTI`) and short names
    /// (`EKO`/`EKA`, `DEWI`/`DEDI`, `RINA`/`RINI`). A change between two of them is read as two names,
    /// not a typing error. Spelling variants of one name (`RIZKI`/`RIZKY`, `ZAHRA`/`ZARA`,
    /// `AMINAH`/`AMINA`) are deliberately absent: they do count as a typing error.
    static let commonNames: Set<UInt64> = NameFolding.packedSet(
        [
            "PUTRA", "PUTRI", "SAPUTRA", "SAPUTRI", "PRATAMA", "PRATAMI", "UTAMA", "UTAMI", "SANTOSO",
            "SUSANTO", "SUSANTI", "SANTI", "SANTO", "YULIANI", "YULIANTI", "YULIANA", "YULIANTO",
            "FITRI", "FITRIA", "FITRIANI", "FITRIANA", "DEWI", "DEVI", "DEDI", "RUDI", "YUDI", "YUDA",
            "BUDI", "HADI", "ADI", "ARI", "ANI", "ANA", "ANIS", "ANAS", "ANDI", "ANDRI", "INDRI",
            "INDRA", "HENDRA", "HENDRI", "RINA", "RINI", "RENI", "RANI", "RIA", "RIKA", "RIKI", "RIZKI",
            "RIFKI", "EKO", "EKA", "IKA", "EVA", "EVI", "NOVI", "NOVIA", "NOVA", "DIAN", "DIANA", "DINA",
            "DINI", "LINA", "LINDA", "NINA", "TINA", "TINI", "SARI", "SRI", "WATI", "YATI", "TUTI",
            "SUSI", "IRMA", "IRNA", "IRA", "ERNA", "ERNI", "ENI", "YENI", "WAHYU", "WAHYUNI", "WAHYUDI",
            "BAYU", "DONI", "TONI", "RONI", "ROMI", "DODI", "HERI", "HERU", "MEGA", "MIRA", "MIA",
            "NIA", "TIA", "TIKA", "LIA", "YANI", "YANTI", "YANTO", "YONO", "TONO", "JONO", "SUWARNO",
            "SUWARNI", "SUMARNI", "SUMARNO", "SUPARMAN", "SUPARMI", "SUPARNO", "SUPARNI", "PURWANTO",
            "PURWANTI", "SUHARTO", "SUHARTI", "SUHARNO", "SUHARNI", "MULYADI", "MULYANI", "MULYANA",
            "MULYATI", "SURYANI", "SURYANTI", "SURYANA", "SURYADI", "SUMIATI", "NURHAYATI", "NURHADI",
            "HIDAYAT", "HIDAYATI", "RAHMAT", "RAHMA", "RAHMAN", "RAHMAWATI", "RAHMAWAN", "AMIN",
            "AMINI", "ALI", "ALIF", "ARIF", "IWAN", "IRWAN", "ERWAN", "ERWIN", "DEDE", "DADANG",
            "DANANG", "AYU", "AYUB", "INA", "INDAH", "INTAN", "DWI", "TRI", "NUR", "NURUL", "MAYA",
            "DANI", "DANU", "GALIH", "GALUH", "PURNAMA", "PURNAMI", "PERMANA", "PERMANI", "MAHENDRA",
            "MAHENDRI", "WIJAYA", "WIJAYANTI", "NUGROHO", "NUGRAHA", "HARTONO", "HARTINI", "HERMAN",
            "HERMAWAN", "HERMAWATI", "SETIAWAN", "SETIAWATI", "KURNIAWAN", "KURNIAWATI", "GUNAWAN",
            "GUNAWATI", "IRAWAN", "IRAWATI", "WULAN", "WULANDARI", "UMAR", "UMI", "USMAN",
        ].map { NameFolding.fold($0).joined() }
    )
}
