import Foundation
import Testing

@testable import PrakerjaKit

@Suite struct SamePersonMatcherTests {
    static let threshold = 0.90

    @Test func findsAPlantedPairAndNothingElse() {
        let inputs = [
            MatchInput(fullName: "SOEKARNO", birthDay: 100, female: false, nik: "3201010101010001"),
            MatchInput(fullName: "H. SUKARNO", birthDay: 100, female: false, nik: "3201010101010002"),
            // Same NIK: a re-registration, not a review item.
            MatchInput(fullName: "SUKARNO", birthDay: 100, female: false, nik: "3201010101010001"),
            // Another day, another gender.
            MatchInput(fullName: "SUKARNO", birthDay: 101, female: false, nik: "3201010101010003"),
            MatchInput(fullName: "SUKARNO", birthDay: 100, female: true, nik: "3201010101010004"),
            MatchInput(fullName: "SUKARDI", birthDay: 100, female: false, nik: "3201010101010005"),
        ]
        let pairs = SamePersonMatcher.findPairs(in: inputs, threshold: Self.threshold, jobs: 2)
        #expect(pairs.map { [$0.a, $0.b] } == [[0, 1], [1, 2]])
        #expect(pairs.first == MatchPair(a: 0, b: 1, score: 1))
    }

    /// A typo that turns one word established in the wave into another is two people; a swap is not
    /// judged by the wave.
    @Test func establishedSpellingsInTheWaveAreTwoNames() {
        var inputs: [MatchInput] = []
        func add(_ name: String, _ day: Int32) {
            inputs.append(MatchInput(fullName: name, birthDay: day, female: false, nik: String(3_201_000_000_000_000 + inputs.count)))
        }
        for day: Int32 in 0..<5 {
            add("SUTARJO", day)
            add("SUTARNO", day + 100)
            add("AHMAD FAUZI", day + 200)
            add("FAUZI AHMAD", day + 300)
        }
        let pairs: [(String, String, Bool)] = [
            ("SUTARJO", "SUTARNO", false),
            ("AHMAD FAUZI", "FAUZI AHMAD", true),
            ("BAMBANG SUTARJO", "BAMBANG SUTARJA", true),
            ("BUDI SANTOSO", "SANTOSO BUDI", true),
        ]
        for (k, (a, b, _)) in pairs.enumerated() {
            add(a, Int32(1000 + k))
            add(b, Int32(1000 + k))
        }
        let found = SamePersonMatcher.findPairs(in: inputs, threshold: Self.threshold, jobs: 2)
        let listed = Set(found.map { inputs[$0.a].fullName + "/" + inputs[$0.b].fullName })
        for (a, b, expected) in pairs {
            #expect(listed.contains(a + "/" + b) == expected, "\(a) / \(b)")
            // Without the wave, each pair is a variation.
            #expect(NameSimilarity.score(a, b) >= Self.threshold)
        }
    }

    @Test func emptyAndSingleInputs() {
        #expect(SamePersonMatcher.findPairs(in: [], threshold: 0.9, jobs: 2).isEmpty)
        let one = [MatchInput(fullName: "SITI", birthDay: 1, female: true, nik: "1")]
        #expect(SamePersonMatcher.findPairs(in: one, threshold: 0.9, jobs: 2).isEmpty)
    }

    /// A dense wave (few birth dates, so big blocks) where every property is checked against brute force.
    static let dense = SyntheticWave.generate(people: 4000, birthDates: 60, seed: 11)

    @Test func keyedSearchFindsExactlyWhatBruteForceFinds() {
        let inputs = Self.dense.inputs
        let (names, words) = SamePersonMatcher.foldAndCount(inputs, workers: 1)
        var blocks: [[Int32]: [Int]] = [:]
        for (index, input) in inputs.enumerated() { blocks[[input.birthDay, input.female ? 1 : 0], default: []].append(index) }
        for threshold in [0.86, 0.90, 0.95] {
            var expected: [MatchPair] = []
            for members in blocks.values {
                for (k, a) in members.enumerated() {
                    for b in members[(k + 1)...] where inputs[a].nik != inputs[b].nik {
                        let score = NameSimilarity.score(names[a], names[b], words: words)
                        if score >= threshold { expected.append(MatchPair(a: a, b: b, score: score)) }
                    }
                }
            }
            expected.sort { ($0.a, $0.b) < ($1.a, $1.b) }
            let found = SamePersonMatcher.findPairs(in: inputs, threshold: threshold, jobs: 2)
            #expect(found == expected, "threshold \(threshold)")
        }
    }

    /// The dense wave's pairs with one job, at the default threshold and on the exhaustive path.
    static let reference = SamePersonMatcher.findPairs(in: dense.inputs, threshold: threshold, jobs: 1)
    static let referenceExhaustive = SamePersonMatcher.findPairs(in: dense.inputs, threshold: 0.5, jobs: 1)

    @Test(arguments: [2, 4, 7])
    func outputDoesNotDependOnJobs(jobs: Int) {
        #expect(!Self.reference.isEmpty)
        #expect(SamePersonMatcher.findPairs(in: Self.dense.inputs, threshold: Self.threshold, jobs: jobs) == Self.reference)
        #expect(SamePersonMatcher.findPairs(in: Self.dense.inputs, threshold: 0.5, jobs: jobs) == Self.referenceExhaustive)
    }

    @Test(arguments: [1, 2, 3])
    func outputDoesNotDependOnInputOrder(seed: UInt64) {
        let inputs = Self.dense.inputs
        var rng = MatchTestRandom(seed: seed)
        let permutation = Array(0..<inputs.count).shuffled(using: &rng)  // new position → old index
        let shuffled = permutation.map { inputs[$0] }
        let reference = Set(Self.reference)
        let mapped = SamePersonMatcher.findPairs(in: shuffled, threshold: Self.threshold, jobs: 2).map { pair in
            let a = permutation[pair.a], b = permutation[pair.b]
            return MatchPair(a: min(a, b), b: max(a, b), score: pair.score)
        }
        #expect(Set(mapped) == reference)
    }

    @Test func neverPairsEqualNIKsOrDifferentBlocks() {
        let inputs = Self.dense.inputs
        let pairs = Self.referenceExhaustive
        #expect(!pairs.isEmpty)
        for pair in pairs {
            #expect(pair.a < pair.b)
            #expect(inputs[pair.a].nik != inputs[pair.b].nik)
            #expect(inputs[pair.a].birthDay == inputs[pair.b].birthDay)
            #expect(inputs[pair.a].female == inputs[pair.b].female)
            #expect(pair.score >= 0.5 && pair.score <= 1)
        }
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { ($0.a, $0.b) < ($1.a, $1.b) })
    }

    /// Precision and recall on 50 000 synthetic people with 2% planted duplicates.
    @Test func precisionAndRecallOnASyntheticWave() {
        let wave = SyntheticWave.generate(people: 50_000, birthDates: 25_000, seed: 2021)
        let report = wave.evaluate(threshold: Self.threshold, jobs: 2)
        print(report.description)
        #expect(report.precision >= 0.9)
        #expect(report.recall >= 0.9)
    }

    /// The same measurement at a size set by `MATCH_EVAL_N` (skipped unless set), for release runs:
    /// `MATCH_EVAL_N=1000000 swift test -c release -Xswiftc -enable-testing --filter largeEvaluation`.
    /// `MATCH_EVAL_ZIPF` sets the name-frequency skew (default 0.7; larger is more concentrated).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MATCH_EVAL_N"] != nil))
    func largeEvaluation() {
        let environment = ProcessInfo.processInfo.environment
        let people = Int(environment["MATCH_EVAL_N"] ?? "") ?? 1_000_000
        let zipf = Double(environment["MATCH_EVAL_ZIPF"] ?? "") ?? 0.7
        let jobs = Int(environment["MATCH_EVAL_JOBS"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
        let wave = SyntheticWave.generate(people: people, birthDates: 25_000, seed: 2021, zipf: zipf)
        let report = wave.evaluate(threshold: Self.threshold, jobs: jobs)
        print(report.description)
        // Not what the matcher does (score 1 = the same name, always listed): what precision and
        // recall would be if same-name pairs were dropped for names that common in the wave.
        let pairs = SamePersonMatcher.findPairs(in: wave.inputs, threshold: Self.threshold, jobs: jobs)
        let folded = wave.inputs.map { NameFolding.fold($0.fullName).joined(separator: " ") }
        var nameCounts: [String: Int] = [:]
        for name in folded { nameCounts[name, default: 0] += 1 }
        for limit in [50, 200, 1000] {
            var found = 0, truePositives = 0
            for pair in pairs where !(pair.score == 1 && nameCounts[folded[pair.a]]! > limit) {
                found += 1
                if wave.person[pair.a] == wave.person[pair.b] { truePositives += 1 }
            }
            print("if same-name pairs of names seen > \(limit) times were dropped: precision \(String(format: "%.4f", Double(truePositives) / Double(found))), recall \(String(format: "%.4f", Double(truePositives) / Double(report.truePairs)))")
        }
    }
}

// MARK: - Synthetic waves

/// User and system CPU time of this process so far, to judge speed on a shared machine.
func matchTestProcessorSeconds() -> Double {
    Double(clock()) / Double(CLOCKS_PER_SEC)
}

/// A seeded SplitMix64 generator, so every run of a test sees the same data.
struct MatchTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Names drawn with Zipf-like frequencies: the k-th name has weight 1/k^s.
struct MatchTestNamePool {
    let names: [String]
    let cumulative: [Double]

    init(_ names: [String], zipf: Double) {
        self.names = names
        var total = 0.0
        cumulative = names.indices.map { k in
            total += 1 / pow(Double(k + 1), zipf)
            return total
        }
    }

    func pick(_ rng: inout MatchTestRandom) -> String {
        let x = Double.random(in: 0..<cumulative.last!, using: &rng)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > x { high = mid } else { low = mid + 1 }
        }
        return names[low]
    }
}

/// A synthetic wave: people with realistic Indonesian names, ~2% planted duplicates (a new NIK and one
/// §7.2 variation), some re-registrations with the same NIK and some twins (same day, another name).
struct SyntheticWave {
    var inputs: [MatchInput] = []
    /// The person behind each registration.
    var person: [Int] = []
    /// The §7.2 variation that made a planted duplicate, nil for everything else.
    var variation: [String?] = []

    enum Variation: String, CaseIterable {
        case title, oldSpelling, muhammad, typo, swap
    }

    static func generate(people: Int, birthDates: Int, seed: UInt64, zipf: Double = 0.7) -> SyntheticWave {
        var rng = MatchTestRandom(seed: seed)
        let names = MatchTestNames(zipf: zipf)
        var wave = SyntheticWave()
        var nextNIK = 3_201_000_000_000_000
        func add(_ name: String, _ day: Int32, _ female: Bool, person: Int, nik: Int? = nil, variation: String? = nil) {
            let nik = nik ?? { nextNIK += 1; return nextNIK }()
            wave.inputs.append(MatchInput(fullName: name, birthDay: day, female: female, nik: String(nik)))
            wave.person.append(person)
            wave.variation.append(variation)
        }
        for p in 0..<people {
            let female = Bool.random(using: &rng)
            let day = Int32(Int.random(in: 0..<birthDates, using: &rng) - 9000)
            add(names.name(female: female, &rng), day, female, person: p)
        }
        // Twins: the same day and family word, another given name (possibly another gender).
        for t in 0..<(people / 200) {
            let i = Int.random(in: 0..<people, using: &rng)
            let female = Bool.random(using: &rng)
            var words = wave.inputs[i].fullName.split(separator: " ").map(String.init)
            let given = names.name(female: female, &rng).split(separator: " ").map(String.init)
            words[0] = given[0]
            add(words.joined(separator: " "), wave.inputs[i].birthDay, female, person: people + t)
        }
        // Re-registrations with the same NIK and name: never a review pair.
        for _ in 0..<(people / 200) {
            let i = Int.random(in: 0..<people, using: &rng)
            let original = wave.inputs[i]
            add(original.fullName, original.birthDay, original.female, person: wave.person[i], nik: Int(original.nik)!)
        }
        // Planted duplicates: 2% of the people, each with one applicable variation and a new NIK.
        for _ in 0..<(people / 50) {
            let i = Int.random(in: 0..<people, using: &rng)
            let original = wave.inputs[i]
            var kinds = Variation.allCases.shuffled(using: &rng)
            while let kind = kinds.popLast() {
                if let varied = vary(original.fullName, kind, female: original.female, &rng) {
                    add(varied, original.birthDay, original.female, person: wave.person[i], variation: kind.rawValue)
                    break
                }
            }
        }
        // Registration order is not person order.
        let order = Array(wave.inputs.indices).shuffled(using: &rng)
        wave.inputs = order.map { wave.inputs[$0] }
        wave.person = order.map { wave.person[$0] }
        wave.variation = order.map { wave.variation[$0] }
        return wave
    }

    /// One §7.2 variation of a name, or nil where it does not apply.
    static func vary(_ name: String, _ kind: Variation, female: Bool, _ rng: inout MatchTestRandom) -> String? {
        var words = name.split(separator: " ").map(String.init)
        switch kind {
        case .title:
            let before = female ? ["HJ.", "DRA.", "DR.", "IR.", "IBU", "dr."] : ["H.", "DRS.", "DR.", "IR.", "PROF. DR.", "K.H.", "R."]
            let after = [", S.E.", ", S.Pd.", " S.Kom.", ", S.H.", ", M.M.", ", A.Md.", ", S.Pd.I", " S.T.", ", S.Sos., M.Si."]
            return Bool.random(using: &rng) ? "\(before.randomElement(using: &rng)!) \(name)" : name + after.randomElement(using: &rng)!
        case .oldSpelling:
            let rules = [("U", "OE"), ("J", "DJ"), ("Y", "J"), ("C", "TJ"), ("SY", "SJ"), ("NY", "NJ"), ("KH", "CH")]
                .filter { name.contains($0.0) }
            guard let rule = rules.randomElement(using: &rng) else { return nil }
            return name.replacingOccurrences(of: rule.0, with: rule.1)
        case .muhammad:
            guard let w = words.firstIndex(of: "MUHAMMAD") else { return nil }
            let variants = ["MUHAMAD", "MOHAMAD", "MOCHAMAD", "MOHAMMAD", "MOCHAMMAD", "MUHAMMED", "MOCH.", "MOH.", "MUH.", "MHD.", "M."]
            words[w] = variants.randomElement(using: &rng)!
            return words.joined(separator: " ")
        case .typo:
            let eligible = words.indices.filter { words[$0].count >= 3 }
            guard let w = eligible.randomElement(using: &rng) else { return nil }
            var letters = Array(words[w])
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: letters.insert(alphabet.randomElement(using: &rng)!, at: Int.random(in: 0...letters.count, using: &rng))
            case 1: letters.remove(at: Int.random(in: 0..<letters.count, using: &rng))
            case 2:
                let k = Int.random(in: 0..<letters.count, using: &rng)
                letters[k] = alphabet.filter { $0 != letters[k] }.randomElement(using: &rng)!
            default:
                let swappable = (0..<(letters.count - 1)).filter { letters[$0] != letters[$0 + 1] }
                guard let k = swappable.randomElement(using: &rng) else { return nil }
                letters.swapAt(k, k + 1)
            }
            words[w] = String(letters)
            return words.joined(separator: " ")
        case .swap:
            guard words.count >= 2 else { return nil }
            let i = Int.random(in: 0..<words.count, using: &rng)
            let j = (i + Int.random(in: 1..<words.count, using: &rng)) % words.count
            guard words[i] != words[j] else { return nil }
            words.swapAt(i, j)
            return words.joined(separator: " ")
        }
    }

    struct Report: CustomStringConvertible {
        var registrations = 0, truePairs = 0, found = 0, truePositives = 0
        var falseExact = 0, falseFuzzy = 0, falseReordered = 0, falseRespaced = 0
        var missedBy: [String: Int] = [:], plantedBy: [String: Int] = [:]
        var seconds = 0.0, cpuSeconds = 0.0
        var falseExamples: [String] = [], missedExamples: [String] = []
        var precision: Double { found == 0 ? 1 : Double(truePositives) / Double(found) }
        var recall: Double { truePairs == 0 ? 1 : Double(truePositives) / Double(truePairs) }
        var description: String {
            """
            registrations \(registrations), true pairs \(truePairs), found \(found), true positives \(truePositives)
            precision \(String(format: "%.4f", precision)), recall \(String(format: "%.4f", recall)), findPairs \(String(format: "%.2f", seconds)) s wall, \(String(format: "%.2f", cpuSeconds)) s CPU
            false positives: \(falseExact) same name after folding, \(falseReordered) reordered, \(falseRespaced) respaced, \(falseFuzzy) typo
            missed by variation: \(missedBy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)/\(plantedBy[$0.key] ?? 0)" }.joined(separator: ", "))
            false examples: \(falseExamples.joined(separator: "; "))
            missed examples: \(missedExamples.joined(separator: "; "))
            """
        }
    }

    func evaluate(threshold: Double, jobs: Int) -> Report {
        let clock = ContinuousClock()
        let cpuStart = matchTestProcessorSeconds()
        let start = clock.now
        let pairs = SamePersonMatcher.findPairs(in: inputs, threshold: threshold, jobs: jobs)
        let elapsed = clock.now - start
        let cpu = matchTestProcessorSeconds() - cpuStart
        var report = Report()
        report.registrations = inputs.count
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        report.cpuSeconds = cpu
        report.found = pairs.count
        // Truth: registrations of one person with different NIKs.
        var byPerson: [Int: [Int]] = [:]
        for (i, p) in person.enumerated() { byPerson[p, default: []].append(i) }
        var truth = Set<[Int]>()
        for members in byPerson.values where members.count > 1 {
            for x in members {
                for y in members where x < y && inputs[x].nik != inputs[y].nik { truth.insert([x, y]) }
            }
        }
        report.truePairs = truth.count
        var foundSet = Set<[Int]>()
        for pair in pairs {
            foundSet.insert([pair.a, pair.b])
            if truth.contains([pair.a, pair.b]) {
                report.truePositives += 1
            } else if pair.score == 1 {
                report.falseExact += 1
            } else if pair.score == NameSimilarity.reorderedScore {
                report.falseReordered += 1
            } else if pair.score == NameSimilarity.respacedScore {
                report.falseRespaced += 1
            } else {
                report.falseFuzzy += 1
                if report.falseExamples.count < 12 {
                    report.falseExamples.append("\(inputs[pair.a].fullName) / \(inputs[pair.b].fullName) \(String(format: "%.3f", pair.score))")
                }
            }
        }
        for pair in truth {
            let kind = variation[pair[0]] ?? variation[pair[1]] ?? "none"
            report.plantedBy[kind, default: 0] += 1
            if !foundSet.contains(pair) {
                report.missedBy[kind, default: 0] += 1
                if report.missedExamples.count < 15 {
                    let a = inputs[pair[0]].fullName, b = inputs[pair[1]].fullName
                    report.missedExamples.append("\(a) / \(b) \(String(format: "%.3f", NameSimilarity.score(a, b)))")
                }
            }
        }
        return report
    }
}

/// Name pools in the proportions of a national register: Javanese single names, MUHAMMAD and SITI,
/// NUR, SRI, DEWI with a second name, Balinese birth-order names, Batak and Minang names,
/// Chinese-Indonesian names and the two-or-three-word names of the young.
struct MatchTestNames {
    let maleSingle, femaleSingle, maleGiven, femaleGiven, second, muslimMale, muslimFemale: MatchTestNamePool
    let baliMale, baliFemale, baliOrder, batakMaleGiven, batakFemaleGiven, batakClan: MatchTestNamePool
    let chineseMaleGiven, chineseFemaleGiven, chineseFamily, modernMale, modernFemale: MatchTestNamePool

    init(zipf: Double) {
        func pool(_ text: String) -> MatchTestNamePool { MatchTestNamePool(text.split(separator: " ").map(String.init), zipf: zipf) }
        maleSingle = pool(
            "SUPARMAN SUTRISNO SLAMET BAMBANG SUGENG SUYANTO PURWANTO HARTONO SUHARTO MULYADI SUPRIADI SURYADI WAHYUDI SUKIMAN PAIMAN SUPRIYANTO SUKARDI SUDARSONO SUMARNO SUWARNO TUKIMAN PARDI KASIMAN SUPARNO SUTARNO SUTARJO SUNARTO SUMADI SUDIRMAN SUNARDI WARSITO SUWANDI KARTONO TARMIZI SAIMAN SARDI SUGIONO SUHARNO SUBAGYO TUGIMAN MARJUKI JUMADI DJUMADI SAMSUDIN NGATIMAN SURATMAN SUROSO SUKIRNO PARMIN RASIMIN TUKIRAN SUPANDI KUSNADI RUSTAM UJANG ASEP DADANG ENDANG CECEP YAYAT AGUS BUDI JOKO EKO HERU WAHYU YUDI RUDI DEDI HADI ADI IWAN HENDRA INDRA TONO YANTO DODI DONI TONI HERMAN RIZKI FAJAR ILHAM"
        )
        femaleSingle = pool(
            "SUPARMI SUMARNI SUHARTI SURYANI SUWARNI SUMIATI SUKINAH PAINEM SUPRIYATI SUTINAH MARYATI SUMIYATI TUMINAH PARSINAH SUKARTI SUNARSIH SRIYATUN SUMINAH WAGINEM SAMINAH NGATINEM JUMINAH KASMINI WARSIH TARMINI SUMIRAH RUMINAH SUWARTI NURHAYATI MARYAM WATI YANI YANTI TUTI SUSI RINA RINI DEWI NOVI DIAN LINA FITRI YULIANI LESTARI WULAN INDAH AYU PUTRI MEGA IKA EKA NENG EUIS IMAS ELIS CUCU ENOK ROSITA MARLINA YULIA RATNA KARTIKA SARI MAYA ANI"
        )
        maleGiven = pool(
            "AGUS BUDI JOKO EKO HERU WAHYU BAMBANG ANDI HENDRA INDRA ADI HADI YUDI RUDI DEDI DONI TONI IWAN IRWAN ERWIN DEDE ASEP UJANG DADANG AHMAD ARIF FAJAR RIZKI ILHAM GILANG BAYU DIMAS ADITYA ARI TAUFIK FIRMAN HERMAN AMIR UMAR YUSUF SLAMET SUGENG TEGUH PRASETYO DWI TRI ANTON ROBERT ARIS IMAM SYAIFUL ZAINAL HASAN KHOIRUL NANANG WAWAN DIDIK SETYO ROHMAT UDIN APRIANTO EDI HARI SAPTO BENNY FERRY YOGI RAHMAT HIDAYAT ABDUL"
        )
        femaleGiven = pool(
            "DEWI RINA RINI YANI YANTI NOVI DIAN LINA FITRI YULIANI WULAN INDAH AYU PUTRI MEGA IKA EKA RATNA KARTIKA MAYA ANI ENI ERNA IRMA NINA TINA SUSI TUTI WATI LILIS NENG EUIS DWI TRI ENDAH NURUL LAILA ANISA NABILA AISYAH FATIMAH AMINAH HALIMAH KHADIJAH ZAHRA SALSABILA DINDA RANI RENI HESTI OKTAVIA FEBRI YULIA NOVITA DESI DIAH ESTI RETNO ASIH UMI ROSITA MARLINA SITI ANGGI ANJANI INTAN"
        )
        second = pool(
            "SAPUTRA SAPUTRI PRATAMA HIDAYAT SETIAWAN KURNIAWAN GUNAWAN WIJAYA SANTOSO NUGROHO HERMAWAN IRAWAN FIRMANSYAH RAMADHAN LESTARI WAHYUNI RAHAYU HANDAYANI RAHMAWATI KUSUMA PERMANA MAHENDRA PURNOMO SUSANTO SUSANTI SETIAWATI KURNIAWATI WIDODO PRASETYO SUPRIYADI SUHENDAR SUPRIATNA HIDAYATULLAH NINGSIH WATI YULIANTI PERMATASARI SARI UTAMI PUSPITA ANGGRAINI FEBRIANTI MAULANA SYAHPUTRA WIBOWO SETIADI HARTONO SULISTYO SUBAGYO HALIM SUDRAJAT KUSNADI RUSDI EFENDI HAKIM NURDIN SAFITRI WULANDARI OKTAVIANI PRATIWI ARYANTI ANDRIANI SUGIARTO SUHARTONO SISWANTO MULYANA RACHMAN FAUZI"
        )
        muslimMale = pool(
            "RIZKI FAJAR ILHAM RIFKI FAUZI ARIF YUSUF HIDAYAT IQBAL RAFI AKBAR ALI HASAN HUSEIN ABDULLAH NUR IKHSAN SYAHRUL FIKRI HABIB RAHMAN AZIZ FAISAL ZAKI LUTFI HAFIZ FARHAN RIDWAN RAMADHAN ADAM IBRAHIM ISMAIL YAHYA ZAINAL AMIN KHOIRUL ANWAR SHOLEH SYAIFUL MAHMUD SAIFUDIN ARSYAD BAHRI DAFFA ALIF NAUFAL REZA HANIF KAMAL MUKHLIS"
        )
        muslimFemale = pool(
            "AMINAH FATIMAH KHADIJAH AISYAH HALIMAH MARYAM ZUBAIDAH ROMLAH NURHALIZA NURJANAH MUNAWAROH KHOTIMAH MASITOH ROHMAH SOLEHAH RAHMAWATI NURHAYATI HIDAYAH FAUZIAH ZAHRA SALMA HASANAH MUSLIMAH QOMARIYAH MUTMAINAH UMAYAH ASIAH JUBAEDAH SARIFAH MARDIYAH WAHYUNI LESTARI ANISA AZIZAH LATIFAH MAESAROH KURNIASIH SAFITRI RAHAYU HANDAYANI NINGSIH ROSIDAH ROFIAH JULAEHA"
        )
        baliMale = pool(
            "SUDARSANA SUDIARTA ARTAWAN SUARDANA SUPARTA ADNYANA WIRAWAN SUARTANA SUDANA ARIMBAWA WIRATAMA SUKADANA MERTA SUARDIKA KARIASA SUDIANA ASTAWA PARWATA SUTAPA WIDIANA RAI SEDANA PUTRA ARSANA DARMAWAN SUDIRGA"
        )
        baliFemale = pool(
            "AYU LESTARI ARIANI WIDIASTUTI SURYANI SUARNI SUKASIH MURNI WARDANI ARTINI SRIASIH SUDIARI SUARNINGSIH PUSPITA DEWI SUASTINI ARIASIH WIDYANTARI PURNAMI SUPADMI"
        )
        baliOrder = pool("WAYAN PUTU MADE KADEK NYOMAN KOMANG KETUT GEDE")
        batakMaleGiven = pool(
            "JOSUA DANIEL ROBERT SAMUEL MARTIN ANDREAS HOTMAN PARLINDUNGAN MANGATAS RUDI HENDRA JONNI BONAR TIGOR SAUT POLTAK MARULI BINSAR SAHAT AMIR RIZAL ZULKIFLI AHMAD SYAHRIAL FAISAL"
        )
        batakFemaleGiven = pool(
            "MARIA RUTH DEBORA ROSMALINA LISBETH MINTARIA ROTUA DAMERIA NURHAYATI ROSMAWATI YUSNIDAR RATNA SRI FITRI MARLINA DESI ELVIRA"
        )
        batakClan = pool(
            "SIREGAR NASUTION HARAHAP SIMANJUNTAK LUBIS SIMATUPANG SITORUS PANJAITAN HUTAGALUNG SILALAHI TAMBUNAN SINAGA SEMBIRING GINTING TARIGAN MANURUNG PARDEDE SIAHAAN SIHOMBING NAINGGOLAN PANGARIBUAN SITUMORANG DAULAY PULUNGAN BATUBARA MATONDANG HASIBUAN RANGKUTI SIPAHUTAR SIANTURI"
        )
        chineseMaleGiven = pool(
            "KEVIN WILLIAM JASON STEVEN FELIX MICHAEL VINCENT CHRISTIAN HENDRA HENDRIK RUDY JOHAN ALBERT TONNY SUSILO BUDIMAN EDDY HARTONO ANTON DAVID"
        )
        chineseFemaleGiven = pool(
            "JESSICA MICHELLE CINDY STEPHANIE NATALIA MELISSA FELICIA LILY LINDA SUSANTI YENNY MEILANI VERONICA CHRISTINE GRACE IVANA"
        )
        chineseFamily = pool(
            "GUNAWAN WIJAYA HALIM SALIM TANOTO TANUWIJAYA KUSUMA SANTOSO SETIADI HARTONO LIEM TAN LIM LIE OEI WONG SUGIANTO HIDAYAT SUTANTO KURNIAWAN CHANDRA SUSANTO LIMANTO TJANDRA GOZALI"
        )
        modernMale = pool(
            "RIZKY ADITYA DIMAS ARYA FAJAR BAGAS RAFI DAFFA ALVIN KEVIN RAKA GALIH YOGA BIMA ILHAM RANGGA FIRMAN REZA ANDIKA DWIKI FAHRI NAUFAL FARREL AKBAR"
        )
        modernFemale = pool(
            "PUTRI NABILA SALSABILA AULIA NAYLA ANINDYA DINDA AZZAHRA KEISHA ALYA CITRA ANGGI DEVI NADIA TIARA AMELIA DELLA SHINTA AYU INTAN FEBY VANIA CLARISSA SEKAR"
        )
    }

    func name(female: Bool, _ rng: inout MatchTestRandom) -> String {
        let roll = Double.random(in: 0..<1, using: &rng)
        let secondOptional = { (rng: inout MatchTestRandom, chance: Double) -> String in
            Double.random(in: 0..<1, using: &rng) < chance ? " " + second.pick(&rng) : ""
        }
        if !female {
            switch roll {
            case ..<0.16: return maleSingle.pick(&rng)
            case ..<0.46: return maleGiven.pick(&rng) + " " + second.pick(&rng) + secondOptional(&rng, 0.3)
            case ..<0.60: return "MUHAMMAD " + muslimMale.pick(&rng) + secondOptional(&rng, 0.4)
            case ..<0.66:
                let head = Bool.random(using: &rng) ? "AHMAD" : "ABDUL"
                return head + " " + muslimMale.pick(&rng) + secondOptional(&rng, 0.3)
            case ..<0.72:
                return "I " + baliOrder.pick(&rng) + " " + baliMale.pick(&rng) + (Bool.random(using: &rng) ? " " + baliMale.pick(&rng) : "")
            case ..<0.80: return batakMaleGiven.pick(&rng) + " " + batakClan.pick(&rng)
            case ..<0.85: return chineseMaleGiven.pick(&rng) + " " + chineseFamily.pick(&rng)
            default: return modernMale.pick(&rng) + " " + modernMale.pick(&rng) + " " + second.pick(&rng)
            }
        } else {
            switch roll {
            case ..<0.12: return femaleSingle.pick(&rng)
            case ..<0.26: return "SITI " + muslimFemale.pick(&rng)
            case ..<0.30: return "NUR " + muslimFemale.pick(&rng)
            case ..<0.35: return "SRI " + femaleGiven.pick(&rng) + secondOptional(&rng, 0.3)
            case ..<0.40: return "DEWI " + second.pick(&rng)
            case ..<0.62: return femaleGiven.pick(&rng) + " " + second.pick(&rng) + secondOptional(&rng, 0.3)
            case ..<0.68:
                let head = Bool.random(using: &rng) ? "NI" : "NI LUH"
                return head + " " + baliOrder.pick(&rng) + " " + baliFemale.pick(&rng)
            case ..<0.76: return batakFemaleGiven.pick(&rng) + " " + batakClan.pick(&rng)
            case ..<0.81: return chineseFemaleGiven.pick(&rng) + " " + chineseFamily.pick(&rng)
            default: return modernFemale.pick(&rng) + " " + modernFemale.pick(&rng) + " " + second.pick(&rng)
            }
        }
    }
}

