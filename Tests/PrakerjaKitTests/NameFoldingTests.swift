import Testing

@testable import PrakerjaKit

@Suite struct NameFoldingTests {
    @Test(arguments: [
        // Case, diacritics, punctuation.
        ("siti nurhaliza", ["SITI", "NURHALIZA"]),
        ("Ṣiti Nurḥaliza", ["SITI", "NURHALIZA"]),
        ("MA'RUF AMIN", ["MARUF", "AMIN"]),
        ("ABDUL-RAHMAN", ["ABDUL", "RAHMAN"]),
        // Titles before and after the name, with and without dots, commas and spaces.
        ("H. AHMAD", ["AHMAD"]),
        ("Hj. Siti Aminah", ["SITI", "AMINAH"]),
        ("DR. IR. BUDI SANTOSO S.E.", ["BUDI", "SANTOSO"]),
        ("Dr.Ir.Budi Santoso, S.E., M.M.", ["BUDI", "SANTOSO"]),
        ("PROF. DR. BUDI SANTOSO", ["BUDI", "SANTOSO"]),
        ("dr. Rina Lestari, Sp.OG", ["RINA", "LESTARI"]),
        ("BUDI SANTOSO S. KOM.", ["BUDI", "SANTOSO"]),
        ("BUDI SANTOSO SKOM", ["BUDI", "SANTOSO"]),
        ("SITI AMINAH S.Pd.I", ["SITI", "AMINAH"]),
        ("SITI AMINAH S. Pd. I", ["SITI", "AMINAH"]),
        ("DRS. H. BUDI SANTOSO, M.Pd.", ["BUDI", "SANTOSO"]),
        ("Dra. Sri Utami, M.Si.", ["SRI", "UTAMI"]),
        ("RINA LESTARI, A.Md.Keb.", ["RINA", "LESTARI"]),
        ("Ns. Rina Lestari, S.Kep.", ["RINA", "LESTARI"]),
        ("K.H. AHMAD DAHLAN", ["AHMAD", "DAHLAN"]),
        ("KH AHMAD DAHLAN", ["AHMAD", "DAHLAN"]),
        ("R. AJENG KARTINI", ["AYENG", "KARTINI"]),
        ("RR. AJENG KARTINI", ["AYENG", "KARTINI"]),
        ("TB. HASANUDIN", ["HASANUDIN"]),
        ("Ustadz Abdul Somad", ["ABDUL", "SOMAD"]),
        ("Bpk. Slamet", ["SLAMET"]),
        ("IBU SUPARMI", ["SUPARMI"]),
        ("HAJJAH FATIMAH", ["FATIMAH"]),
        ("JAJANG SANTIKA, S.E.", ["YAYANG", "SANTIKA"]),
        // Titles alone are kept rather than folding to nothing.
        ("HAJI", ["HAYI"]),
        // Old spelling meets the new.
        ("SOEKARNO", ["SUKARNO"]),
        ("DJOKO", ["YOKO"]),
        ("JOKO", ["YOKO"]),
        ("TJAHJONO", ["CAHYONO"]),
        ("SJAHRIR", ["SYAHRIR"]),
        ("NJOMAN", ["NYOMAN"]),
        ("ACHMAD", ["AKHMAD"]),
        ("AKHMAD", ["AKHMAD"]),
        ("JULIANTI", ["YULIANTI"]),
        ("ADITYA", ["ADICA"]),
        ("ADITJA", ["ADICA"]),
        ("DYAH", ["YAH"]),
        ("DJAH", ["YAH"]),
        // Muhammad, spelled out or abbreviated; MAHMUD is another name.
        ("MUHAMAD RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("MOCHAMMAD RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("Mochamad Rizki", ["MUHAMMAD", "RIZKI"]),
        ("MOHAMED RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("MOCH. RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("MOH. RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("MUH RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("MHD. RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("M. RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("M RIZKI", ["MUHAMMAD", "RIZKI"]),
        ("MAHMUD", ["MAHMUD"]),
    ])
    func folds(name: String, expected: [String]) {
        #expect(NameFolding.fold(name) == expected)
    }

    /// Every title of §7.2 and the brief, before the name (honorifics) or after a comma (degrees).
    @Test(arguments: [
        "H.", "Hj.", "Ir.", "Dr.", "dr.", "Prof.", "Drs.", "Dra.", "Hajjah", "Haji", "R.", "Rr.", "Raden",
        "Tb.", "Kh.", "K.H.", "Ust.", "Ustadz", "Bpk", "Bpk.", "Ibu", "Ns.", "Prof. Dr. Ir.",
    ])
    func dropsHonorifics(title: String) {
        #expect(NameFolding.fold("\(title) BUDI SANTOSO") == ["BUDI", "SANTOSO"])
    }

    @Test(arguments: [
        "S.E.", "S.Kom.", "S.Pd.", "S.H.", "S.T.", "S.Sos.", "S.Ag.", "S.Pd.I.", "M.M.", "M.Pd.", "M.Si.",
        "A.Md.", "Amd.", "S.Kep.", "S.E., M.M.", "S. Kom.", "SE", "S.Si.", "M.Kes.", "S.Psi.",
    ])
    func dropsDegrees(degree: String) {
        #expect(NameFolding.fold("BUDI SANTOSO, \(degree)") == ["BUDI", "SANTOSO"])
        #expect(NameFolding.fold("BUDI SANTOSO \(degree)") == ["BUDI", "SANTOSO"])
    }

    @Test func muhammadGrammarCoversTheVariants() {
        for spelling in [
            "MUHAMMAD", "MUHAMAD", "MOHAMAD", "MOHAMMAD", "MUHAMMED", "MOHAMMED", "MUHAMED", "MOHAMED", "MOKHAMMAD", "MOKHAMAD",
            "MUKHAMMAD",
        ] {
            #expect(NameFolding.isMuhammadSpelling(Array(spelling.unicodeScalars)), "\(spelling)")
        }
        for other in ["MAHMUD", "MUHAIMIN", "MUHAMMADI", "HAMMAD", "MUAMAR"] {
            #expect(!NameFolding.isMuhammadSpelling(Array(other.unicodeScalars)), "\(other)")
        }
    }
}

@Suite struct NameSimilarityTests {
    static let threshold = 0.90

    /// Every variation §7.2 allows for must reach the default threshold.
    @Test(arguments: [
        // Titles.
        ("H. AHMAD", "AHMAD"),
        ("DR. IR. BUDI SANTOSO S.E.", "BUDI SANTOSO"),
        ("HJ. SITI AMINAH, S.PD.", "SITI AMINAH"),
        ("JAJANG SANTIKA, S.E.", "JAJANG SANTIKA"),
        // The old spelling.
        ("SOEKARNO", "SUKARNO"),
        ("DJOKO", "JOKO"),
        ("TJAHJONO", "CAHYONO"),
        ("SJAHRIR", "SYAHRIR"),
        ("NJOMAN", "NYOMAN"),
        ("ACHMAD", "AKHMAD"),
        ("JULIANTI", "YULIANTI"),
        ("DWI SAPOETRI", "DWI SAPUTRI"),
        ("ADITJA PRATAMA", "ADITYA PRATAMA"),
        ("SJAMSUL BACHRI", "SYAMSUL BAKHRI"),
        // Muhammad.
        ("MUHAMAD RIZKI", "MUHAMMAD RIZKI"),
        ("MOCH. RIZKI", "MUHAMMAD RIZKI"),
        ("M. RIZKI", "MUHAMMAD RIZKI"),
        ("MOHAMMAD RIZKI", "MUHAMMAD RIZKI"),
        ("MOCHAMAD RIZKI", "MUHAMMAD RIZKI"),
        // One typing error: insertion, deletion, change, swap of neighbours.
        ("BUDI SANTOSO", "BUDI SANTOSSO"),
        ("BUDI SANTOSO", "BUDI SANTSO"),
        ("BUDI SANTOSO", "BUDI SANTOSA"),
        ("BUDI SANTOSO", "BUDI SANTSOO"),
        ("AHMAD SAPUTRA RAHMAWATI", "AHMMD SAPUTRA RAHMAWATI"),
        ("OKTAVIA SITI", "OKAVIA SITI"),
        ("EKO MUHAMMAD HERMAWAN", "EKO MUHAMNMAD HERMAWAN"),
        ("MUHAMMAD", "MUAHMMAD"),
        ("ZAHRA", "ZARA"),
        ("SUPARMAN", "SUPRAMAN"),
        // A typo in a word that tells little still leaves the rest as evidence.
        ("SRI TINA", "SI TINA"),
        ("NI MADE AYU", "NI MADI AYU"),
        // A typo across a pair of letters that the old-spelling rewrite joins.
        ("ADITYA PRATAMA", "ADITAY PRATAMA"),
        ("HIDAYAT SANTOSO", "HIDYAAT SANTOSO"),
        ("DEWI HARTONO", "OEWI HARTONO"),
        // Swapped word order.
        ("SITI NURHALIZA", "NURHALIZA SITI"),
        ("UJANG WIJAYA", "WIJAYA UJANG"),
        // Combinations of the fold-level variations.
        ("H. MOCH. DJOKO SOESILO, S.E.", "MUHAMMAD JOKO SUSILO"),
    ])
    func matches(a: String, b: String) {
        let score = NameSimilarity.score(a, b)
        #expect(score >= Self.threshold, "\(a) / \(b): \(score)")
        #expect(score == NameSimilarity.score(b, a))
    }

    /// Different people who share a common part of a name must stay below the threshold.
    @Test(arguments: [
        ("MUHAMMAD RIZKI", "MUHAMMAD RIZAL"),
        ("I WAYAN SUDARSANA", "I WAYAN SUDIARTA"),
        ("NI MADE AYU", "NI KETUT AYU"),
        ("SITI AMINAH", "SITI ROMLAH"),
        // Two typing errors in one word, and one in each of two words.
        ("BUDI SANTOSO", "BUDI SATNOSA"),
        ("BUDI SANTOSO", "BUDU SANTOSA"),
        // A name that is part of the other.
        ("MUHAMMAD", "MUHAMMAD ALI"),
        ("NI MADE AYU", "NI MADE AYU LESTARI"),
        ("SITI", "SITI AMINAH"),
        ("BUDI SANTOSO", "BUDI SANTOSO PRATAMA"),
        // Short names: one edit is as likely another person as a typo.
        ("AGUS", "AGUNG"),
        ("BUDI", "BUDU"),
        ("DEDI", "DEWI"),
        ("EKO", "EKA"),
        ("MUHAMMAD ALI", "MUHAMMAD ALO"),
        // Frequent names one edit from another frequent name.
        ("SITI SAPUTRA", "SITI SAPUTRI"),
        ("ANDI PUTRA", "ANDI PUTRI"),
        ("DIAN LESTARI", "DIANA LESTARI"),
        // Twins: same family words, different given names.
        ("MUHAMMAD HASAN", "MUHAMMAD HUSEIN"),
        ("I WAYAN SUDARSANA", "I MADE SUDARSANA"),
    ])
    func staysBelow(a: String, b: String) {
        let score = NameSimilarity.score(a, b)
        #expect(score < Self.threshold, "\(a) / \(b): \(score)")
        #expect(score == NameSimilarity.score(b, a))
    }

    @Test func theRulesGiveTheDocumentedScores() {
        #expect(NameSimilarity.score("MUHAMMAD RIZKI", "M. RIZKI") == 1)
        #expect(NameSimilarity.score("SITI NURHALIZA", "NURHALIZA SITI") == 0.98)
        #expect(NameSimilarity.score("SITI NURHALIZA", "SITI NUR HALIZA") == 0.96)
        // E = 5 letters of evidence: 10/11.
        #expect(NameSimilarity.score("ZAHRA", "ZARA") == 10.0 / 11.0)
        // E = 4 + 7: 22/23.
        #expect(NameSimilarity.score("BUDI SANTOSO", "BUDI SANTOSA") == 22.0 / 23.0)
        // The same with the words swapped loses 0.02.
        #expect(NameSimilarity.score("BUDI SANTOSO", "SANTOSA BUDI") == 22.0 / 23.0 - 0.02)
        // A long name's typo is capped below the reordered score.
        #expect(NameSimilarity.score("AHMAD SAPUTRA RAHMAWATI", "AHMMD SAPUTRA RAHMAWATI") == 0.97)
        #expect(NameSimilarity.score("BUDI", "SANTOSO") == 0)
    }

    /// The linear one-edit test agrees with the textbook optimal string alignment distance.
    @Test func oneEditAgreesWithTheDistance() {
        func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
            for i in 0...x.count { d[i][0] = i }
            for j in 0...y.count { d[0][j] = j }
            for i in stride(from: 1, through: x.count, by: 1) {
                for j in stride(from: 1, through: y.count, by: 1) {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                    }
                }
            }
            return d[x.count][y.count]
        }
        var rng = MatchTestRandom(seed: 3)
        let letters = Array("ABC".unicodeScalars)
        for _ in 0..<5000 {
            let x = (0..<Int.random(in: 0...5, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            let y = (0..<Int.random(in: 0...5, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            #expect(NameSimilarity.isOneEdit(x, y) == (distance(x, y) == 1), "\(x) / \(y)")
        }
    }

    @Test func identicalAndSymmetricOnRandomNames() {
        var rng = MatchTestRandom(seed: 7)
        let letters = Array("ABCDEFGHIJKLMNOPRSTUWYZ .'-")
        for _ in 0..<2000 {
            func randomName() -> String {
                let length = Int.random(in: 1...18, using: &rng)
                var name = String((0..<length).map { _ in letters.randomElement(using: &rng)! })
                name = name.trimmingPrefix(while: { !$0.isLetter }).description
                return name.isEmpty ? "A" : name
            }
            let a = randomName(), b = randomName()
            #expect(NameSimilarity.score(a, a) == 1, "\(a)")
            let ab = NameSimilarity.score(a, b), ba = NameSimilarity.score(b, a)
            #expect(ab == ba, "\(a) / \(b)")
            #expect((0...1).contains(ab))
        }
    }
}
