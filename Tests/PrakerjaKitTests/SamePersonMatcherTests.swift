import Foundation
import Testing

@testable import PrakerjaKit

@Suite struct SamePersonMatcherTests {
    static let threshold = 0.90

    /// In this six-person wave SUKARNO is four of the five men, so by the listing rule the name alone
    /// lists nothing (each pair expects over one namesake in its block by chance): the planted
    /// registrations share a KK, which lists them whatever the name's commonness.
    @Test func findsAPlantedPairAndNothingElse() {
        let kk: UInt64 = 3_201_010_101_010_099
        let inputs = [
            MatchInput(fullName: "SOEKARNO", birthDay: 100, female: false, nik: 3201010101010001, province: "32", kk: kk),
            MatchInput(fullName: "H. SUKARNO", birthDay: 100, female: false, nik: 3201010101010002, province: "32", kk: kk),
            // Same NIK: a re-registration, not a review item.
            MatchInput(fullName: "SUKARNO", birthDay: 100, female: false, nik: 3201010101010001, province: "32", kk: kk),
            // Another day, another gender.
            MatchInput(fullName: "SUKARNO", birthDay: 101, female: false, nik: 3201010101010003),
            MatchInput(fullName: "SUKARNO", birthDay: 100, female: true, nik: 3201010101010004),
            MatchInput(fullName: "SUKARDI", birthDay: 100, female: false, nik: 3201010101010005),
        ]
        let pairs = SamePersonMatcher.findPairs(in: inputs, threshold: Self.threshold, jobs: 2)
        #expect(pairs.map { [$0.a, $0.b] } == [[0, 1], [1, 2]])
        #expect(pairs.first == MatchPair(a: 0, b: 1, score: 1))
        // Without the KK the same pairs are candidates with the same scores, but not listed.
        let bare = inputs.map { MatchInput(fullName: $0.fullName, birthDay: $0.birthDay, female: $0.female, nik: $0.nik) }
        let candidates = SamePersonMatcher.findCandidates(in: bare, threshold: Self.threshold, jobs: 2)
        #expect(candidates.map(\.pair) == pairs)
        #expect(candidates.allSatisfy { !$0.listed && $0.evidence.isEmpty && $0.coincidences > 1 })
        #expect(SamePersonMatcher.findPairs(in: bare, threshold: Self.threshold, jobs: 2).isEmpty)
    }

    /// A typo that turns one word established in the wave into another is two people; a swap is not
    /// judged by the wave. (This is about the score, so it looks at the candidates: the listing rule
    /// would also drop AHMAD FAUZI / FAUZI AHMAD here, a name six men of 28 carry.)
    @Test func establishedSpellingsInTheWaveAreTwoNames() {
        var inputs: [MatchInput] = []
        func add(_ name: String, _ day: Int32) {
            inputs.append(MatchInput(fullName: name, birthDay: day, female: false, nik: UInt64(3_201_000_000_000_000 + inputs.count)))
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
        let found = SamePersonMatcher.findCandidates(in: inputs, threshold: Self.threshold, jobs: 2).map(\.pair)
        let listed = Set(found.map { inputs[$0.a].fullName + "/" + inputs[$0.b].fullName })
        for (a, b, expected) in pairs {
            #expect(listed.contains(a + "/" + b) == expected, "\(a) / \(b)")
            // Without the wave, each pair is a variation.
            #expect(NameSimilarity.score(a, b) >= Self.threshold)
        }
    }

    /// A block's keys are bucket-sorted: the same order as a comparison sort, for small and large
    /// blocks, spread keys and runs of equal ones.
    @Test(arguments: [0, 1, 255, 256, 1_000, 20_000])
    func blockKeysSortLikeComparisonSort(count: Int) {
        var rng = CSVTestSupport.SeededRandom(seed: UInt64(count) + 7)
        let spread = (0..<count).map { _ in rng.next() }
        // A few distinct high parts, as when many members share a key, with member numbers below.
        let runs = (0..<count).map { k in (rng.next() % 3) << 60 | UInt64(k % 97) }
        for keys in [spread, runs, spread.sorted(), Array(spread.sorted().reversed())] {
            var sorted = keys
            SamePersonMatcher.sortSpread(&sorted)
            #expect(sorted == keys.sorted())
        }
    }

    /// On low-priority threads of its own (as a run uses it beside the other phases), the matcher
    /// finds the same candidates, listed or not, as on Dispatch's.
    @Test func backgroundThreadsFindTheSameCandidates() {
        let inputs = MatchInputs(Self.dense.inputs)
        let dispatched = SamePersonMatcher.findCandidates(in: inputs, threshold: 0.9, jobs: 2)
        let background = SamePersonMatcher.findCandidates(in: inputs, threshold: 0.9, jobs: 2, background: true)
        #expect(!dispatched.isEmpty)
        #expect(background.map(\.pair) == dispatched.map(\.pair))
        #expect(background.map(\.listed) == dispatched.map(\.listed))
    }

    @Test func emptyAndSingleInputs() {
        #expect(SamePersonMatcher.findPairs(in: [], threshold: 0.9, jobs: 2).isEmpty)
        let one = [MatchInput(fullName: "SITI", birthDay: 1, female: true, nik: 1)]
        #expect(SamePersonMatcher.findPairs(in: one, threshold: 0.9, jobs: 2).isEmpty)
    }

    /// A dense wave (few birth dates, so big blocks) where every property is checked against brute force.
    static let dense = SyntheticWave.generate(people: 4000, birthDates: 60, seed: 11)

    @Test func keyedSearchFindsExactlyWhatBruteForceFinds() {
        let inputs = Self.dense.inputs
        let (words, _) = SamePersonMatcher.foldAndCount(MatchInputs(inputs), workers: 1)
        let names = inputs.map { NameFolding.folded($0.fullName) }
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
            // The keyed search is about candidates; the listing rule only filters them afterwards.
            let found = SamePersonMatcher.findCandidates(in: inputs, threshold: threshold, jobs: 2).map(\.pair)
            #expect(found == expected, "threshold \(threshold)")
        }
    }

    /// The dense wave's pairs with one job, at the default threshold and on the exhaustive path, and
    /// every candidate with its evidence, expected coincidences and listing.
    static let reference = SamePersonMatcher.findPairs(in: dense.inputs, threshold: threshold, jobs: 1)
    static let referenceExhaustive = SamePersonMatcher.findPairs(in: dense.inputs, threshold: 0.5, jobs: 1)
    static let referenceCandidates = SamePersonMatcher.findCandidates(in: dense.inputs, threshold: threshold, jobs: 1)

    @Test(arguments: [2, 4, 7])
    func outputDoesNotDependOnJobs(jobs: Int) {
        #expect(!Self.reference.isEmpty)
        // The rule lists some candidates and not others, so the comparison means something.
        #expect(Self.referenceCandidates.count > Self.reference.count)
        #expect(SamePersonMatcher.findPairs(in: Self.dense.inputs, threshold: Self.threshold, jobs: jobs) == Self.reference)
        #expect(SamePersonMatcher.findPairs(in: Self.dense.inputs, threshold: 0.5, jobs: jobs) == Self.referenceExhaustive)
        #expect(SamePersonMatcher.findCandidates(in: Self.dense.inputs, threshold: Self.threshold, jobs: jobs) == Self.referenceCandidates)
    }

    @Test(arguments: [1, 2, 3])
    func outputDoesNotDependOnInputOrder(seed: UInt64) {
        let inputs = Self.dense.inputs
        var rng = MatchTestRandom(seed: seed)
        let permutation = Array(0..<inputs.count).shuffled(using: &rng)  // new position → old index
        let shuffled = permutation.map { inputs[$0] }
        let reference = Set(Self.referenceCandidates)
        let mapped = SamePersonMatcher.findCandidates(in: shuffled, threshold: Self.threshold, jobs: 2).map { candidate in
            var candidate = candidate
            let a = permutation[candidate.pair.a], b = permutation[candidate.pair.b]
            candidate.pair = MatchPair(a: min(a, b), b: max(a, b), score: candidate.pair.score)
            return candidate
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

    /// Precision and recall on 50 000 synthetic people with 2% planted duplicates, with the listing
    /// rule and with the name score alone (what the matcher listed before the rule).
    @Test func precisionAndRecallOnASyntheticWave() {
        let wave = SyntheticWave.generate(people: 50_000, birthDates: 25_000, seed: 2021)
        let report = wave.evaluate(threshold: Self.threshold, jobs: 2)
        print(report.description)
        #expect(report.precision >= 0.9)
        #expect(report.recall >= 0.9)
        #expect(report.precision >= report.nameAlonePrecision)
    }

    /// The same measurement at a size set by `MATCH_EVAL_N` (skipped unless set), for release runs:
    /// `MATCH_EVAL_N=1000000 swift test -c release -Xswiftc -enable-testing --filter largeEvaluation`.
    /// `MATCH_EVAL_ZIPF` sets the name-frequency skew (default 0.7; larger is more concentrated).
    /// (The generated waves of Scripts/generate.py, measured with `matcheval`, are the reference.)
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MATCH_EVAL_N"] != nil))
    func largeEvaluation() {
        let environment = ProcessInfo.processInfo.environment
        let people = Int(environment["MATCH_EVAL_N"] ?? "") ?? 1_000_000
        let zipf = Double(environment["MATCH_EVAL_ZIPF"] ?? "") ?? 0.7
        let jobs = Int(environment["MATCH_EVAL_JOBS"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
        let wave = SyntheticWave.generate(people: people, birthDates: 25_000, seed: 2021, zipf: zipf)
        print(wave.evaluate(threshold: Self.threshold, jobs: jobs).description)
    }
}

// MARK: - The listing rule

@Suite struct ListingRuleTests {
    typealias Rule = SamePersonMatcher.ListingRule
    static let rule = Rule.standard

    /// The rule itself, on evidence and expected coincidences given directly.
    @Test(
        arguments: [
            // (evidence, E in the wave, E in the province, listed)
            (MatchEvidence([]), 0.0, nil, true),  // a name nobody else carries: listed on the name alone
            (MatchEvidence([]), 0.008, nil, true),  // provinces unknown: the wave's E against 0.008
            (MatchEvidence([]), 0.0081, nil, false),
            (MatchEvidence.otherProvince, 0.001, nil, true),  // rare in the whole wave
            (MatchEvidence.otherProvince, 0.0011, nil, false),
            (MatchEvidence.sameProvince, 0.05, 0.008, true),  // common nationally, not in the province
            (MatchEvidence.sameProvince, 0.05, 0.0081, false),
            (MatchEvidence([.sameProvince, .sameKK]), 5.0, 2.0, true),  // strong corroboration: always
            (MatchEvidence([.otherProvince, .samePhone]), 5.0, nil, true),
            (MatchEvidence.sameEmail, 5.0, nil, true),
        ] as [(MatchEvidence, Double, Double?, Bool)])
    func theRuleAsDocumented(evidence: MatchEvidence, wave: Double, province: Double?, listed: Bool) {
        #expect(Self.rule.lists(evidence, coincidences: wave, inProvince: province) == listed)
        #expect(Rule.everything.lists(evidence, coincidences: wave, inProvince: province))
    }

    @Test func evidenceOfTwoInputs() {
        func input(_ province: String, _ kk: UInt64?, _ phone: String?, _ email: String?) -> MatchInput {
            MatchInput(fullName: "BUDI", birthDay: 1, female: false, nik: 1, province: province, kk: kk, phone: phone, email: email)
        }
        let base = input("33", 3_301_000_000_000_001, "+6281234567890", "budi@example.com")
        #expect(MatchEvidence(base, base) == [.sameProvince, .sameKK, .samePhone, .sameEmail])
        #expect(MatchEvidence(base, input("32", 2, "+6281234567891", "budi2@example.com")) == .otherProvince)
        #expect(MatchEvidence(base, input("", nil, nil, nil)).isEmpty)
        // Missing values never corroborate each other.
        #expect(MatchEvidence(input("", nil, nil, nil), input("", nil, nil, nil)).isEmpty)
        #expect(MatchEvidence(base, base).description == "province;kk;phone;email")
    }

    /// A wave of 2 000 men born on 1 000 days (two a block, so the chance of a shared birth date is
    /// about 1/2 000) with unique names, plus namesakes: AGUS SALIM is carried by 8 more men in Jawa
    /// Tengah (common: E ≈ 0.004 in the province and in the wave), MUHAMMAD RIZKY by 50 more in Jawa
    /// Barat (very common: E ≈ 0.025). Each case adds its pair to one block.
    @Test(
        arguments: [
            // (case, first name, second name, provinces, same KK, same phone, same e-mail, listed)
            ("rare identical name, other provinces", "BONIFASIUS KLAU", "BONIFASIUS KLAU", ("53", "32"), false, false, false, true),
            ("rare name with a title, same province", "YOHANES SERAN", "DRS. YOHANES SERAN", ("53", "53"), false, false, false, true),
            ("common name, same province", "AGUS SALIM", "AGUS SALIM", ("33", "33"), false, false, false, true),
            ("common name, other province", "AGUS SALIM", "AGUS SALIM", ("33", "35"), false, false, false, false),
            ("common name, province unknown", "AGUS SALIM", "AGUS SALIM", ("33", ""), false, false, false, true),
            ("common name, other province, same KK", "AGUS SALIM", "AGUS SALIM", ("33", "35"), true, false, false, true),
            ("very common name, same province", "MUHAMMAD RIZKY", "MOHAMAD RIZKY", ("32", "32"), false, false, false, false),
            ("very common name, other province", "MUHAMMAD RIZKY", "MUHAMMAD RIZKY", ("32", "31"), false, false, false, false),
            ("very common name with a typo, same province", "MUHAMMAD RIZKY", "MUHAMMAD RIZKYY", ("32", "32"), false, false, false, false),
            ("very common name, same KK", "MUHAMMAD RIZKY", "M. RIZKY", ("32", "32"), true, false, false, true),
            ("very common name, shared phone", "MUHAMMAD RIZKY", "MUHAMMAD RIZKY", ("32", "32"), false, true, false, true),
            ("very common name, shared e-mail, other province", "MUHAMMAD RIZKY", "MUHAMMAD RIZKY", ("32", "31"), false, false, true, true),
            ("very common name with a typo, same KK", "MUHAMMAD RIZKY", "MUHAMMAD RIZKYY", ("32", "32"), true, false, false, true),
        ] as [(String, String, String, (String, String), Bool, Bool, Bool, Bool)])
    func listingInAWave(
        _ label: String, _ first: String, _ second: String, _ provinces: (String, String),
        _ sameKK: Bool, _ samePhone: Bool, _ sameEmail: Bool, _ listed: Bool
    ) throws {
        var inputs = Self.background
        let day: Int32 = 500
        func person(_ name: String, _ province: String, _ n: Int) -> MatchInput {
            MatchInput(
                fullName: name, birthDay: day, female: false, nik: UInt64(3_300_000_000_000_000 + n), province: province,
                kk: UInt64(3_300_000_000_000_000 + n), phone: "+62812000\(100_000 + n)", email: "p\(n)@example.com")
        }
        var x = person(first, provinces.0, 900_001)
        var y = person(second, provinces.1, 900_002)
        if sameKK { y.kk = x.kk }
        if samePhone { y.phone = x.phone }
        if sameEmail { x.email = y.email }
        inputs += [x, y]
        let candidates = SamePersonMatcher.findCandidates(in: inputs, threshold: 0.90, jobs: 2)
        let pair = try #require(
            candidates.first { $0.pair == MatchPair(a: inputs.count - 2, b: inputs.count - 1, score: $0.pair.score) },
            "\(label): not a candidate")
        #expect(pair.listed == listed, "\(label): E \(pair.coincidences), in province \(pair.coincidencesInProvince ?? -1)")
    }

    /// The background of ``listingInAWave``: 2 000 men, two per day on days 0..<1000, with unique
    /// letter-only names in random provinces, and the namesakes of AGUS SALIM and MUHAMMAD RIZKY.
    static let background: [MatchInput] = {
        var rng = MatchTestRandom(seed: 7)
        let provinces = ["11", "12", "31", "32", "33", "35", "36", "51", "53", "73"]
        let letters = Array("BCDFGHJKLMNPRSTVWZ")
        var inputs: [MatchInput] = []
        for n in 0..<2_000 {
            // A unique two-word name: the number in base 18 spelled with consonant-vowel syllables.
            var word = "", rest = n
            for _ in 0..<4 {
                word += String(letters[rest % 18]) + ["A", "I", "U", "E", "O"][rest % 5]
                rest /= 18
            }
            var name = "QA\(word) ZU\(String(word.reversed()))"
            var province = provinces.randomElement(using: &rng)!
            if n < 8 {
                name = "AGUS SALIM"
                province = "33"
            } else if n < 58 {
                name = "MUHAMMAD RIZKY"
                province = "32"
            }
            inputs.append(
                MatchInput(
                    fullName: name, birthDay: Int32(n % 1_000), female: false, nik: UInt64(3_200_000_000_000_000 + n),
                    province: province, kk: UInt64(3_200_000_000_000_000 + n)))
        }
        return inputs
    }()
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

    /// Domicile provinces drawn with Zipf-like weights (Jawa Barat, Jawa Timur, Jawa Tengah first).
    static let provinces = MatchTestNamePool(
        "32 35 33 12 36 31 73 16 18 14 34 61 52 53 11 13 15 63 64 51 72 71 74 62 17 19 21 81 82 75 76 91 94 95 65 92 93 96"
            .split(separator: " ").map(String.init), zipf: 1.0)

    /// People with names, birth dates and genders, and a province, KK, phone and e-mail each; twins
    /// share a KK; planted duplicates keep the province, keep the KK half the time, and share the
    /// e-mail a quarter and the phone a further sixth of the time (as Scripts/generate.py plants them).
    static func generate(people: Int, birthDates: Int, seed: UInt64, zipf: Double = 0.7) -> SyntheticWave {
        var rng = MatchTestRandom(seed: seed)
        let names = MatchTestNames(zipf: zipf)
        var wave = SyntheticWave()
        var nextNIK = 3_201_000_000_000_000
        var nextKK: UInt64 = 3_201_000_000_000_000, nextContact = 0
        func newKK() -> UInt64 {
            nextKK += 1
            return nextKK
        }
        func newContacts() -> (String, String) {
            nextContact += 1
            return ("+62812\(10_000_000 + nextContact)", "person\(nextContact)@example.com")
        }
        func add(
            _ name: String, _ day: Int32, _ female: Bool, person: Int, nik: Int? = nil, variation: String? = nil,
            province: String, kk: UInt64, contacts: (String, String)
        ) {
            let nik =
                nik
                ?? {
                    nextNIK += 1; return nextNIK
                }()
            wave.inputs.append(
                MatchInput(
                    fullName: name, birthDay: day, female: female, nik: UInt64(nik), province: province, kk: kk,
                    phone: contacts.0, email: contacts.1))
            wave.person.append(person)
            wave.variation.append(variation)
        }
        for p in 0..<people {
            let female = Bool.random(using: &rng)
            let day = Int32(Int.random(in: 0..<birthDates, using: &rng) - 9000)
            add(
                names.name(female: female, &rng), day, female, person: p,
                province: provinces.pick(&rng), kk: newKK(), contacts: newContacts())
        }
        // Twins: the same day, family word and KK, another given name (possibly another gender).
        for t in 0..<(people / 200) {
            let i = Int.random(in: 0..<people, using: &rng)
            let female = Bool.random(using: &rng)
            var words = wave.inputs[i].fullName.split(separator: " ").map(String.init)
            let given = names.name(female: female, &rng).split(separator: " ").map(String.init)
            words[0] = given[0]
            add(
                words.joined(separator: " "), wave.inputs[i].birthDay, female, person: people + t,
                province: wave.inputs[i].province, kk: wave.inputs[i].kk!, contacts: newContacts())
        }
        // Re-registrations with the same NIK and name: never a review pair.
        for _ in 0..<(people / 200) {
            let i = Int.random(in: 0..<people, using: &rng)
            let original = wave.inputs[i]
            add(
                original.fullName, original.birthDay, original.female, person: wave.person[i], nik: Int(original.nik),
                province: original.province, kk: original.kk!, contacts: (original.phone!, original.email!))
        }
        // Planted duplicates: 2% of the people, each with one applicable variation and a new NIK.
        for _ in 0..<(people / 50) {
            let i = Int.random(in: 0..<people, using: &rng)
            let original = wave.inputs[i]
            var kinds = Variation.allCases.shuffled(using: &rng)
            while let kind = kinds.popLast() {
                if let varied = vary(original.fullName, kind, female: original.female, &rng) {
                    let kk = Bool.random(using: &rng) ? original.kk! : newKK()
                    var contacts = newContacts()
                    let shared = Double.random(in: 0..<1, using: &rng)
                    if shared < 0.25 {
                        contacts.1 = original.email!
                    } else if shared < 0.4 {
                        contacts.0 = original.phone!
                    }
                    add(
                        varied, original.birthDay, original.female, person: wave.person[i], variation: kind.rawValue,
                        province: original.province, kk: kk, contacts: contacts)
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
        /// Every candidate (what the name score alone would list) and the true ones among them.
        var candidates = 0, candidateTruePositives = 0
        var falseExact = 0, falseFuzzy = 0, falseReordered = 0, falseRespaced = 0
        var missedBy: [String: Int] = [:], plantedBy: [String: Int] = [:]
        var seconds = 0.0, cpuSeconds = 0.0
        var falseExamples: [String] = [], missedExamples: [String] = []
        var precision: Double { found == 0 ? 1 : Double(truePositives) / Double(found) }
        var recall: Double { truePairs == 0 ? 1 : Double(truePositives) / Double(truePairs) }
        var nameAlonePrecision: Double { candidates == 0 ? 1 : Double(candidateTruePositives) / Double(candidates) }
        var nameAloneRecall: Double { truePairs == 0 ? 1 : Double(candidateTruePositives) / Double(truePairs) }
        var description: String {
            """
            registrations \(registrations), true pairs \(truePairs), found \(found), true positives \(truePositives)
            precision \(String(format: "%.4f", precision)), recall \(String(format: "%.4f", recall)), findCandidates \(String(format: "%.2f", seconds)) s wall, \(String(format: "%.2f", cpuSeconds)) s CPU
            name score alone (every candidate listed): precision \(String(format: "%.4f", nameAlonePrecision)), recall \(String(format: "%.4f", nameAloneRecall))
            false positives: \(falseExact) same name after folding, \(falseReordered) reordered, \(falseRespaced) respaced, \(falseFuzzy) typo
            missed by variation: \(missedBy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)/\(plantedBy[$0.key] ?? 0)" }.joined(separator: ", "))
            false examples: \(falseExamples.joined(separator: "; "))
            missed examples: \(missedExamples.joined(separator: "; "))
            """
        }
    }

    func evaluate(threshold: Double, jobs: Int, rule: SamePersonMatcher.ListingRule = .standard) -> Report {
        let clock = ContinuousClock()
        let cpuStart = matchTestProcessorSeconds()
        let start = clock.now
        let candidates = SamePersonMatcher.findCandidates(in: inputs, threshold: threshold, jobs: jobs, rule: rule)
        let pairs = candidates.filter(\.listed).map(\.pair)
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
        report.candidates = candidates.count
        report.candidateTruePositives = candidates.reduce(0) { $0 + (truth.contains([$1.pair.a, $1.pair.b]) ? 1 : 0) }
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
                    report.falseExamples.append(
                        "\(inputs[pair.a].fullName) / \(inputs[pair.b].fullName) \(String(format: "%.3f", pair.score))")
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
