import Foundation

/// Folds a registrant's full name into canonical tokens, so that the spellings of one name that
/// §7.2 allows for (titles, the old spelling, Muhammad variants) become the same token list.
///
/// The steps, in order, and why:
/// 1. Upper-case and strip diacritics (`Ṣiti` → `SITI`): data entry mixes cases and keyboards.
/// 2. Split into words at spaces and commas; a comma only ever separates a degree (`BUDI, S.E.`).
/// 3. Drop titles. A word is tested whole with its dots removed (`S.Kom.` → `SKOM`), then piece by
///    piece (`DR.IR.BUDI` → `DR`, `IR`, `BUDI`). A degree typed with spaces (`S. Kom.`) is caught by
///    joining a lone `S`, `M` or `A` with the next piece, but never at the start of the name, where
///    `M. H. THAMRIN` is Muhammad Husni Thamrin, not a master of law. A few short titles that are also
///    names elsewhere (`MA`, `RA`, `ME`) count only when typed with a dot.
/// 4. Apostrophes are deleted (`MA'RUF` = `MARUF`: it marks a glottal stop inside one word), while
///    dots and hyphens separate words.
/// 5. Rewrite the old (pre-1972) spelling so both spellings meet: `OE`→`U`, `CH`→`KH`, every `J`→`Y`,
///    then `DY`→`Y` and `TY`→`C`. The old `J` is the new `Y` and the old `DJ`/`TJ` are the new `J`/`C`,
///    so no single direction keeps both pairs apart: `DJOKO`, `JOKO` and `YOKO` all fold to `YOKO`
///    (the last is a different name, but it matters only in one birth-date block with otherwise equal
///    names). Reading `DY`/`TY` like `DJ`/`TJ` is what makes `ADITYA` and its old form `ADITJA` meet
///    (both `ADICA`); `SJ`→`SY` and `NJ`→`NY` follow from `J`→`Y`. The spelling as written is kept
///    beside each token, for typing errors that straddle a rewritten pair (see ``Folded``).
/// 6. Every spelling and abbreviation of Muhammad (`MUHAMAD`, `MOCHAMMAD`, `MOH.`, `MHD.`, a lone
///    `M.` …) becomes `MUHAMMAD`, so a typo in the common spelling is still one edit from it.
///
/// If titles are all there is (`HAJI`), they are kept: a name never folds to nothing.
public enum NameFolding {
    /// The canonical tokens of a full name, in written order (see the type's documentation).
    public static func fold(_ name: String) -> [String] {
        tokens(of: name).map { String(String.UnicodeScalarView($0)) }
    }

    /// A folded token: Unicode scalars, so that an edit of one non-Latin letter is one edit.
    typealias Token = [Unicode.Scalar]

    /// A folded name: its canonical tokens, and how each was spelled before step 5 and 6.
    ///
    /// The spellings are kept because a typing error can straddle a rewritten pair of letters:
    /// `ADITAY` is one swap from `ADITYA`, but `ADITYA` folds to `ADICA`. Typos are looked for in both.
    struct Folded: Sendable, Hashable {
        /// The canonical tokens, in written order.
        var tokens: [Token]
        /// The same tokens as written (upper-cased, titles removed), index by index.
        var spellings: [Token]
    }

    /// The canonical tokens as scalar arrays, the form the matcher hashes and compares.
    static func tokens(of name: String) -> [Token] { folded(name).tokens }

    /// The canonical tokens of a name together with their spellings.
    static func folded(_ name: String) -> Folded {
        let words = words(of: name)
        var kept = removingTitles(from: words)
        if kept.isEmpty {
            kept = words.flatMap(pieces(of:))
        }
        var folded = Folded(tokens: [], spellings: [])
        folded.tokens.reserveCapacity(kept.count)
        folded.spellings.reserveCapacity(kept.count)
        for piece in kept {
            let token = canonical(respelled(piece))
            folded.tokens.append(token)
            // The same array when nothing was rewritten, so the copy shares its storage.
            folded.spellings.append(token == piece ? token : piece)
        }
        return folded
    }

    // MARK: - Step 1–2: normalise and split

    private static let dot: Unicode.Scalar = "."
    private static let hyphen: Unicode.Scalar = "-"
    private static let apostrophe: Unicode.Scalar = "'"

    /// Upper-cased, diacritic-free words (split at spaces and commas) that keep their `.` `-` `'`.
    private static func words(of name: String) -> [Token] {
        var words: [Token] = []
        var current: Token = []
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // The fast path: nearly every name is ASCII, and Foundation's folding is costly. Each
            // word is made at its size, in one allocation.
            var text = name
            text.withUTF8 { bytes in
                func inWord(_ byte: UInt8) -> Bool {
                    switch byte {
                    case 0x41...0x5A, 0x61...0x7A, 0x2E, 0x2D, 0x27, 0x60: true
                    default: false  // Space, comma and anything else end a word.
                    }
                }
                var i = 0
                while i < bytes.count {
                    guard inWord(bytes[i]) else {
                        i += 1
                        continue
                    }
                    var j = i + 1
                    while j < bytes.count, inWord(bytes[j]) { j += 1 }
                    let start = i
                    words.append(
                        Token(unsafeUninitializedCapacity: j - start) { out, count in
                            for k in start..<j {
                                let byte = bytes[k]
                                switch byte {
                                case 0x61...0x7A: out[k - start] = Unicode.Scalar(byte - 0x20)
                                case 0x27, 0x60: out[k - start] = apostrophe
                                default: out[k - start] = Unicode.Scalar(byte)
                                }
                            }
                            count = j - start
                        })
                    i = j
                }
            }
            return words
        } else {
            let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            for scalar in folded.uppercased().unicodeScalars {
                switch scalar {
                case dot, hyphen:
                    current.append(scalar)
                case apostrophe, "\u{2019}", "\u{02BC}", "`":
                    current.append(apostrophe)
                default:
                    if scalar.properties.isAlphabetic {
                        current.append(scalar)
                    } else {
                        if !current.isEmpty { words.append(current) }
                        current.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The pieces of a word: apostrophes deleted, dots and hyphens separating.
    private static func pieces(of word: Token) -> [Token] {
        if !word.contains(where: { $0 == dot || $0 == hyphen || $0 == apostrophe }) { return [word] }
        var pieces: [Token] = []
        var current: Token = []
        for scalar in word where scalar != apostrophe {
            if scalar == dot || scalar == hyphen {
                if !current.isEmpty { pieces.append(current) }
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    // MARK: - Step 3–4: titles

    private static func removingTitles(from words: [Token]) -> [Token] {
        var tokens: [Token] = []
        for word in words {
            // A word of letters only is its own one piece: one test decides it.
            if !word.contains(where: { $0 == dot || $0 == hyphen || $0 == apostrophe }) {
                if !isTitle(packed(word), dotted: false) { tokens.append(word) }
                continue
            }
            let dotted = word.contains(dot)
            if isTitle(packed(word.lazy.filter { $0 != dot && $0 != hyphen && $0 != apostrophe }), dotted: dotted) { continue }
            for piece in pieces(of: word) where !isTitle(packed(piece), dotted: dotted) {
                tokens.append(piece)
            }
        }
        // A degree typed with spaces: `S. KOM.`, `S. PD. I`, `A. MD.`; never the first token.
        var kept: [Token] = []
        var i = 0
        while i < tokens.count {
            if i > 0, tokens[i].count == 1, degreeLeads.contains(tokens[i][0]) {
                if i + 2 < tokens.count, let key = packed(tokens[i...(i + 2)].joined()), degrees.contains(key) {
                    i += 3
                    continue
                }
                if i + 1 < tokens.count, let key = packed(tokens[i...(i + 1)].joined()), degrees.contains(key) {
                    i += 2
                    continue
                }
            }
            kept.append(tokens[i])
            i += 1
        }
        return kept
    }

    private static func isTitle(_ key: UInt64?, dotted: Bool) -> Bool {
        guard let key else { return false }
        return contains(titlesAndDegrees, key) || (dotted && contains(sortedDottedTitles, key))
    }

    /// The word lists as sorted arrays, searched by halving: a `Set` hashes every key with SipHash,
    /// which cost more than the search (every word of every name is tested).
    private static let titlesAndDegrees: [UInt64] = titles.union(degrees).sorted()
    private static let sortedDottedTitles: [UInt64] = dottedTitles.sorted()

    private static func contains(_ sorted: [UInt64], _ key: UInt64) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key
    }

    /// A word of at most 12 letters A–Z packed 5 bits a letter, so the word lists are looked up
    /// without building strings (folding is most of the matcher's time); nil for any other word.
    static func packed<S: Sequence<Unicode.Scalar>>(_ word: S) -> UInt64? {
        var key: UInt64 = 0
        var count = 0
        for scalar in word {
            let value = scalar.value
            guard value >= 0x41, value <= 0x5A, count < 12 else { return nil }
            key = key << 5 | UInt64(value - 0x40)
            count += 1
        }
        return count == 0 ? nil : key
    }

    /// The packed keys of a list of plain upper-case words.
    static func packedSet(_ words: [String]) -> Set<UInt64> {
        Set(words.map { packed($0.unicodeScalars)! })
    }

    /// Letters that start a degree (`S.x` sarjana, `M.x` magister, `A.Md.` ahli madya).
    private static let degreeLeads: Set<Unicode.Scalar> = ["S", "M", "A"]

    /// Honorifics and religious, noble and professional titles, written without dots. `H.` (Haji) and
    /// `R.` (Raden) are titles even alone; a lone `M.` is Muhammad and handled in step 6.
    private static let titles: Set<UInt64> = packedSet([
        "H", "HJ", "HJH", "HAJI", "HAJAH", "HAJJAH", "KH", "KYAI", "KIAI", "UST", "USTADZ", "USTAZ",
        "USTADZAH", "USTAZAH", "USTADZ", "ALM", "ALMH", "ALMARHUM", "ALMARHUMAH",
        "R", "RR", "RM", "RADEN", "TB", "TEUKU", "TGK", "CUT",
        "IR", "DR", "DRS", "DRA", "PROF", "NS", "APT", "BID",
        "BPK", "BAPAK", "IBU", "SDR", "SDRI", "SDRA", "TN", "NY", "NN", "NONA",
    ])

    /// Titles that are also written as short names elsewhere: only taken as titles with a dot.
    private static let dottedTitles: Set<UInt64> = packedSet(["MA", "RA", "ME", "BA", "SP", "SS", "AG"])

    /// Academic degrees, written without dots (`S.Pd.I.` → `SPDI`).
    private static let degrees: Set<UInt64> = packedSet([
        "SE", "SEI", "SKOM", "SPD", "SPDI", "SH", "SHI", "ST", "SSOS", "SAG", "SSI", "SKM", "SKED",
        "SKEP", "SPSI", "SIP", "SFARM", "SHUT", "SPT", "STP", "SSN", "SIKOM", "SAK", "SSTP", "SGZ",
        "SKG", "STR", "SAB", "SPI", "STH", "SHUM", "SDS", "SMB", "SKEB", "SAP", "SSAS", "SPAR",
        "MM", "MPD", "MSI", "MKES", "MT", "MH", "MKOM", "MAG", "MHUM", "MSC", "MBA", "MSE", "MAP",
        "MIKOM", "MKN", "MPH", "MPDI", "MSOS", "MKEP", "MFARM", "MTI", "MEC", "MHI", "MAK",
        "AMD", "AMDKEP", "AMDKEB", "AMDKES", "AMDFARM", "AMDGZ", "AMK", "AMAK", "AMDPAR",
        "BSC", "PHD", "LLM", "SPOG", "SPPD", "SPB", "SPM",
    ])

    // MARK: - Step 5: old spelling

    /// Rewrites the old spelling into the canonical one (see the type's documentation), left to right.
    static func respelled(_ token: Token) -> Token {
        // Most words have nothing to rewrite: return them without copying.
        let rewritable = token.indices.contains { i in
            let c = token[i]
            if c == "J" { return true }
            guard i + 1 < token.count else { return false }
            let next = token[i + 1]
            return (c == "O" && next == "E") || (c == "C" && next == "H") || ((c == "D" || c == "T") && next == "Y")
        }
        if !rewritable { return token }
        var out: Token = []
        out.reserveCapacity(token.count)
        var i = 0
        while i < token.count {
            let c = token[i]
            let next: Unicode.Scalar? = i + 1 < token.count ? token[i + 1] : nil
            // Every J is read as Y first, so `DJ`/`DY` and `TJ`/`TY` are each one case.
            let nextIsY = next == "J" || next == "Y"
            switch c {
            case "O" where next == "E":
                out.append("U")
                i += 2
            case "D" where nextIsY:
                out.append("Y")
                i += 2
            case "T" where nextIsY:
                out.append("C")
                i += 2
            case "C" where next == "H":
                out.append("K")
                out.append("H")
                i += 2
            case "J":
                out.append("Y")
                i += 1
            default:
                out.append(c)
                i += 1
            }
        }
        return out
    }

    // MARK: - Step 6: Muhammad

    /// The one token every Muhammad folds to, spelled as most people write it.
    static let muhammad: Token = Array("MUHAMMAD".unicodeScalars)

    /// Abbreviations of Muhammad after respelling (`MOCH.` → `MOKH`, `MUCH.` → `MUKH`).
    private static let muhammadAbbreviations = packedSet(["M", "MOH", "MOKH", "MUH", "MUKH", "MHD", "MUHD", "MOHD", "MHMD"])
    private static let sortedMuhammadAbbreviations: [UInt64] = muhammadAbbreviations.sorted()

    private static func canonical(_ token: Token) -> Token {
        if token.count <= 4, let key = packed(token), contains(sortedMuhammadAbbreviations, key) { return muhammad }
        if isMuhammadSpelling(token) {
            return muhammad
        }
        return token
    }

    /// `M` `U|O` `KH|H` `A` `M|MM` `A|E` `D`: MUHAMMAD, MOHAMAD, MOCHAMMAD, MUHAMMED, MOHAMED, …
    /// A grammar rather than a list, so that every combination is covered and MAHMUD is not.
    static func isMuhammadSpelling(_ t: Token) -> Bool {
        guard t.count >= 6, t.count <= 9, t[0] == "M", t[1] == "U" || t[1] == "O" else { return false }
        var i = 2
        if t[i] == "K", t[i + 1] == "H" {
            i += 2
        } else if t[i] == "H" {
            i += 1
        } else {
            return false
        }
        guard i < t.count, t[i] == "A" else { return false }
        i += 1
        guard i < t.count, t[i] == "M" else { return false }
        i += 1
        if i < t.count, t[i] == "M" { i += 1 }
        guard i < t.count, t[i] == "A" || t[i] == "E" else { return false }
        i += 1
        return i == t.count - 1 && t[i] == "D"
    }
}
