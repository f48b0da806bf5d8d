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
/// 5. Rewrite the old (pre-1972) spelling so both spellings meet: `OE`→`U`, `DJ`→`Y`, `TJ`→`C`,
///    `CH`→`KH`, then every remaining `J`→`Y`. The old `J` is the new `Y` and the old `DJ` is the new
///    `J`, so no single direction keeps both pairs apart; mapping every J-sound to `Y` makes `DJOKO`,
///    `JOKO` and `YOKO` one token (the last is a different name, but only in the same birth-date
///    block with otherwise equal names does that matter). `SJ`→`SY` and `NJ`→`NY` follow from `J`→`Y`.
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

    /// The canonical tokens as scalar arrays, the form the matcher hashes and compares.
    static func tokens(of name: String) -> [Token] {
        let words = words(of: name)
        var tokens = removingTitles(from: words)
        if tokens.isEmpty {
            tokens = words.flatMap(pieces(of:))
        }
        return tokens.map { canonical(respelled($0)) }
    }

    // MARK: - Step 1–2: normalise and split

    private static let space: Unicode.Scalar = " "
    private static let dot: Unicode.Scalar = "."
    private static let hyphen: Unicode.Scalar = "-"
    private static let apostrophe: Unicode.Scalar = "'"

    /// Upper-cased, diacritic-free words (split at spaces and commas) that keep their `.` `-` `'`.
    private static func words(of name: String) -> [Token] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(name.utf8.count)
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // The fast path: nearly every name is ASCII, and Foundation's folding is costly.
            for byte in name.utf8 {
                let upper = (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
                scalars.append(Unicode.Scalar(upper))
            }
        } else {
            let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            scalars.append(contentsOf: folded.uppercased().unicodeScalars)
        }
        var words: [Token] = []
        var current: Token = []
        for scalar in scalars {
            switch scalar {
            case dot, hyphen:
                current.append(scalar)
            case apostrophe, "\u{2019}", "\u{02BC}", "`":
                current.append(apostrophe)
            default:
                if scalar.properties.isAlphabetic {
                    current.append(scalar)
                } else {
                    // Space, comma and anything else end a word.
                    if !current.isEmpty { words.append(current) }
                    current.removeAll(keepingCapacity: true)
                }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The pieces of a word: apostrophes deleted, dots and hyphens separating.
    private static func pieces(of word: Token) -> [Token] {
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
            let dotted = word.contains(dot)
            let key = String(String.UnicodeScalarView(word.filter { $0 != dot && $0 != hyphen && $0 != apostrophe }))
            if isTitle(key, dotted: dotted) { continue }
            for piece in pieces(of: word) where !isTitle(String(String.UnicodeScalarView(piece)), dotted: dotted) {
                tokens.append(piece)
            }
        }
        // A degree typed with spaces: `S. KOM.`, `S. PD. I`, `A. MD.`; never the first token.
        var kept: [Token] = []
        var i = 0
        while i < tokens.count {
            if i > 0, tokens[i].count == 1, degreeLeads.contains(tokens[i][0]) {
                if i + 2 < tokens.count, degrees.contains(joined(tokens[i...(i + 2)])) {
                    i += 3
                    continue
                }
                if i + 1 < tokens.count, degrees.contains(joined(tokens[i...(i + 1)])) {
                    i += 2
                    continue
                }
            }
            kept.append(tokens[i])
            i += 1
        }
        return kept
    }

    private static func joined(_ tokens: ArraySlice<Token>) -> String {
        String(String.UnicodeScalarView(tokens.joined()))
    }

    private static func isTitle(_ key: String, dotted: Bool) -> Bool {
        titles.contains(key) || degrees.contains(key) || (dotted && dottedTitles.contains(key))
    }

    /// Letters that start a degree (`S.x` sarjana, `M.x` magister, `A.Md.` ahli madya).
    private static let degreeLeads: Set<Unicode.Scalar> = ["S", "M", "A"]

    /// Honorifics and religious, noble and professional titles, written without dots. `H.` (Haji) and
    /// `R.` (Raden) are titles even alone; a lone `M.` is Muhammad and handled in step 6.
    private static let titles: Set<String> = [
        "H", "HJ", "HJH", "HAJI", "HAJAH", "HAJJAH", "KH", "KYAI", "KIAI", "UST", "USTADZ", "USTAZ",
        "USTADZAH", "USTAZAH", "USTADZ", "ALM", "ALMH", "ALMARHUM", "ALMARHUMAH",
        "R", "RR", "RM", "RADEN", "TB", "TEUKU", "TGK", "CUT",
        "IR", "DR", "DRS", "DRA", "PROF", "NS", "APT", "BID",
        "BPK", "BAPAK", "IBU", "SDR", "SDRI", "SDRA", "TN", "NY", "NN", "NONA",
    ]

    /// Titles that are also written as short names elsewhere: only taken as titles with a dot.
    private static let dottedTitles: Set<String> = ["MA", "RA", "ME", "BA", "SP", "SS", "AG"]

    /// Academic degrees, written without dots (`S.Pd.I.` → `SPDI`).
    private static let degrees: Set<String> = [
        "SE", "SEI", "SKOM", "SPD", "SPDI", "SH", "SHI", "ST", "SSOS", "SAG", "SSI", "SKM", "SKED",
        "SKEP", "SPSI", "SIP", "SFARM", "SHUT", "SPT", "STP", "SSN", "SIKOM", "SAK", "SSTP", "SGZ",
        "SKG", "STR", "SAB", "SPI", "STH", "SHUM", "SDS", "SMB", "SKEB", "SAP", "SSAS", "SPAR",
        "MM", "MPD", "MSI", "MKES", "MT", "MH", "MKOM", "MAG", "MHUM", "MSC", "MBA", "MSE", "MAP",
        "MIKOM", "MKN", "MPH", "MPDI", "MSOS", "MKEP", "MFARM", "MTI", "MEC", "MHI", "MAK",
        "AMD", "AMDKEP", "AMDKEB", "AMDKES", "AMDFARM", "AMDGZ", "AMK", "AMAK", "AMDPAR",
        "BSC", "PHD", "LLM", "SPOG", "SPPD", "SPB", "SPM",
    ]

    // MARK: - Step 5: old spelling

    /// Rewrites the old spelling into the canonical one (see the type's documentation), left to right.
    static func respelled(_ token: Token) -> Token {
        var out: Token = []
        out.reserveCapacity(token.count)
        var i = 0
        while i < token.count {
            let c = token[i]
            let next: Unicode.Scalar? = i + 1 < token.count ? token[i + 1] : nil
            switch (c, next) {
            case ("O", "E"):
                out.append("U")
                i += 2
            case ("D", "J"):
                out.append("Y")
                i += 2
            case ("T", "J"):
                out.append("C")
                i += 2
            case ("C", "H"):
                out.append("K")
                out.append("H")
                i += 2
            case ("J", _):
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
    private static let muhammadAbbreviations: Set<String> = ["M", "MOH", "MOKH", "MUH", "MUKH", "MHD", "MUHD", "MOHD", "MHMD"]

    private static func canonical(_ token: Token) -> Token {
        if isMuhammadSpelling(token) || muhammadAbbreviations.contains(String(String.UnicodeScalarView(token))) {
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
