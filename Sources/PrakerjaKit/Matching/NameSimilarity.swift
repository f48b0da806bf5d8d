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
/// **E is the evidence**: the letters of the matching words that identify a person, that is without
/// Balinese birth-order names (`WAYAN`, `MADE`, `NI` …) and the very common `MUHAMMAD`, `SITI`, `NUR`,
/// `SRI`, which tell little; the mistyped word counts too unless it is one of those. A name made only of
/// such words uses all its letters. So a typo needs at least 5 letters of evidence to reach 0.90:
/// `ZAHRA`/`ZARA` (0.909), `BUDI SANTOSO`/`BUDU SANTOSO` (0.957) match, while `BUDI`/`BUDU` (0.889)
/// and `NI MADE AYU`/`NI MADI AYU` (0.857) do not, because short single names one edit apart
/// (`DEDI`/`DEWI`/`RUDI`/`YUDI`) are common and would flood the list in a 200-person birth-date block.
///
/// **Anything else** scores 0.85 × the weighted share of words in common (Dice, weights as above, a
/// one-edit neighbour counted half), so it stays below every threshold above 0.85: a name that is a
/// subset of the other (`MUHAMMAD` / `MUHAMMAD ALI`, `NI MADE AYU` / `NI MADE AYU LESTARI`) is a
/// different person as often as not, and two typing errors are not one.
///
/// Every score is a ratio of small integers or a fixed constant, so it prints the same everywhere.
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
        score(NameFolding.tokens(of: a), NameFolding.tokens(of: b))
    }

    typealias Token = NameFolding.Token

    /// The similarity of two folded names.
    static func score(_ a: [Token], _ b: [Token]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        if a == b { return 1 }
        let sortedA = a.sorted(by: precedes)
        let sortedB = b.sorted(by: precedes)
        if sortedA == sortedB { return reorderedScore }
        if Array(a.joined()) == Array(b.joined()) { return respacedScore }
        if a.count == b.count, let typo = typoScore(a, b, sortedA, sortedB) { return typo }
        return partialScore(sortedA, sortedB)
    }

    /// Lexicographic order of tokens by scalar value, for multiset comparison.
    static func precedes(_ x: Token, _ y: Token) -> Bool {
        x.lexicographicallyPrecedes(y) { $0.value < $1.value }
    }

    /// The score when the names differ by one typing error in one word, else nil.
    private static func typoScore(_ a: [Token], _ b: [Token], _ sortedA: [Token], _ sortedB: [Token]) -> Double? {
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
        guard isTypo(x, y) else { return nil }

        var evidence = common.reduce(0) { $0 + (isWeak($1) ? 0 : $1.count) }
        if !isWeak(x) && !isWeak(y) { evidence += max(x.count, y.count) }
        if evidence == 0 {
            evidence = max(a.reduce(0) { $0 + $1.count }, b.reduce(0) { $0 + $1.count })
        }
        var score = min(Double(2 * evidence) / Double(2 * evidence + 1), typoCeiling)
        // In written order the names differ at one position only, or they were also reordered.
        let differing = zip(a, b).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
        if differing != 1 { score -= reorderPenalty }
        return score
    }

    /// Whether two different words are one typing error apart and may be read as such.
    static func isTypo(_ x: Token, _ y: Token) -> Bool {
        max(x.count, y.count) >= 3 && isOneEdit(x, y)
            && !(commonNames.contains(String(String.UnicodeScalarView(x))) && commonNames.contains(String(String.UnicodeScalarView(y))))
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
        t == NameFolding.muhammad || weakWords.contains(String(String.UnicodeScalarView(t)))
    }

    /// Balinese birth-order names and particles, and the commonest first words of Javanese and
    /// Muslim names, folded. (`MUHAMMAD` is tested directly.)
    static let weakWords: Set<String> = Set(
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
    static let commonNames: Set<String> = Set(
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
