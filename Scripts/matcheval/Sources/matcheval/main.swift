// matcheval: precision, recall and time of the same-person matcher on a generated wave.
//
//     Scripts/matcheval/run.sh DATA_DIR [--threshold 0.90] [--jobs N] [--dump FILE] [--rule SAME,OTHER]
//
// (run.sh converts the wave once with `python3 Scripts/match_eval.py DATA_DIR`, which writes
// DATA_DIR/match/{rows,pairs}.tsv, copies the matcher's sources into this package, builds, and runs
// `matcheval DATA_DIR/match …`.) --dump writes every candidate pair with its score, expected
// coincidences, evidence, listing and truth, and the planted pairs that are not candidates.
//
// rows.tsv: registration_id, nik, kk, full_name, birth_date (YYYY-MM-DD), gender (L/P), phone, email,
// province_code, normalised, one registration per line (duplicate registrations already dropped).
// pairs.tsv: the planted same_person pairs (registration_id, other_registration_id, detail).
// A listed pair is a true positive when it is a planted pair in either order; recall is over the
// planted pairs whose both registrations are in rows.tsv.
import Foundation
import PrakerjaKit

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let k = arguments.firstIndex(of: name), k + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(k...(k + 1)) }
    return arguments[k + 1]
}
let threshold = option("--threshold").flatMap(Double.init) ?? 0.90
let jobs = option("--jobs").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
let dumpPath = option("--dump")
let ruleText = option("--rule")  // "same,other" limits to try another listing rule
guard let folder = arguments.first else {
    FileHandle.standardError.write("usage: matcheval DIR [--threshold T] [--jobs N] [--dump FILE] [--rule SAME,OTHER]\n".data(using: .utf8)!)
    exit(64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
nonisolated func dayNumber(_ text: Substring) -> Int32? {
    let parts = text.split(separator: "-")
    guard parts.count == 3, var y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
    y -= m <= 2 ? 1 : 0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int32(era * 146_097 + doe - 719_468)
}

nonisolated func lines(_ path: String) -> [Substring] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write("cannot read \(path)\n".data(using: .utf8)!)
        exit(66)
    }
    return text.split(separator: "\n", omittingEmptySubsequences: true)
}

let readStart = ContinuousClock.now
var inputs: [MatchInput] = []
var ids: [Substring] = []
var indexOf: [Substring: Int] = [:]
for line in lines(folder + "/rows.tsv") {
    let f = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard f.count == 9, let day = dayNumber(f[4]) else { continue }
    indexOf[f[0]] = inputs.count
    ids.append(f[0])
    inputs.append(MatchInput(
        fullName: String(f[3]), birthDay: day, female: f[5] == "P", nik: UInt64(f[1]) ?? 0,
        province: String(f[8]), kk: UInt64(f[2]), phone: f[6].isEmpty ? nil : String(f[6]),
        email: f[7].isEmpty ? nil : String(f[7])))
}
nonisolated func pairKey(_ x: Int, _ y: Int) -> UInt64 { UInt64(min(x, y)) << 32 | UInt64(max(x, y)) }
let (truth, plantedOutside) = { () -> ([UInt64: Substring], Int) in
    var truth: [UInt64: Substring] = [:]  // (min index, max index) -> detail
    var outside = 0
    for line in lines(folder + "/pairs.tsv") {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count >= 3, let x = indexOf[f[0]], let y = indexOf[f[1]] else {
            outside += 1
            continue
        }
        truth[pairKey(x, y)] = f[2]
    }
    return (truth, outside)
}()
let readSeconds = (ContinuousClock.now - readStart) / .seconds(1)

@MainActor func evaluate(_ pairs: [MatchPair]) -> (found: Int, tp: Int, precision: Double, recall: Double, f1: Double) {
    let tp = pairs.reduce(0) { $0 + (truth[pairKey($1.a, $1.b)] != nil ? 1 : 0) }
    let precision = pairs.isEmpty ? 1 : Double(tp) / Double(pairs.count)
    let recall = truth.isEmpty ? 1 : Double(tp) / Double(truth.count)
    return (pairs.count, tp, precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall))
}
nonisolated func f4(_ x: Double) -> String { String(format: "%.4f", x) }

print("\(inputs.count) registrations, \(truth.count) planted same_person pairs (\(plantedOutside) with a registration not fed to the matcher), read in \(String(format: "%.1f", readSeconds)) s")

// The matcher as the pipeline calls it, timed.
let timer = ContinuousClock()
let cpuStart = clock_t(clock())
let start = timer.now
let pairs = SamePersonMatcher.findPairs(in: inputs, threshold: threshold, jobs: jobs)
let seconds = (timer.now - start) / .seconds(1)
let cpuSeconds = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
let listed = evaluate(pairs)
print("findPairs (threshold \(threshold), \(jobs) jobs): \(String(format: "%.2f", seconds)) s wall, \(String(format: "%.2f", cpuSeconds)) s CPU; listed \(listed.found), true \(listed.tp): precision \(f4(listed.precision)), recall \(f4(listed.recall)), F1 \(f4(listed.f1))")

// Every candidate, to compare listing rules and to see what is missed and why.
let candidates = SamePersonMatcher.findCandidates(in: inputs, threshold: threshold, jobs: jobs)
let everything = evaluate(candidates.map(\.pair))
print("name score alone (every candidate listed): listed \(everything.found), true \(everything.tp): precision \(f4(everything.precision)), recall \(f4(everything.recall)), F1 \(f4(everything.f1))")
if let ruleText {
    let v = ruleText.split(separator: ",").compactMap { Double($0) }
    let rule = SamePersonMatcher.ListingRule(sameProvinceLimit: v[0], otherProvinceLimit: v[1])
    let other = evaluate(candidates.filter { rule.lists($0.evidence, coincidences: $0.coincidences, inProvince: $0.coincidencesInProvince) }.map(\.pair))
    print("rule same province \(v[0]) other province \(v[1]): listed \(other.found), true \(other.tp): precision \(f4(other.precision)), recall \(f4(other.recall)), F1 \(f4(other.f1))")
}

// False and missed pairs by kind.
var falseByKind: [String: Int] = [:], missedByDetail: [String: Int] = [:], plantedByDetail: [String: Int] = [:]
let listedSet = Set(pairs.map { pairKey($0.a, $0.b) })
for c in candidates where c.listed && truth[pairKey(c.pair.a, c.pair.b)] == nil {
    let kind = c.pair.score == 1 ? "same name" : c.pair.score == NameSimilarity.reorderedScore ? "reordered" : c.pair.score == NameSimilarity.respacedScore ? "respaced" : "typo"
    falseByKind["\(kind) [\(c.evidence)]", default: 0] += 1
}
for (key, detail) in truth {
    plantedByDetail[String(detail), default: 0] += 1
    if !listedSet.contains(key) { missedByDetail[String(detail), default: 0] += 1 }
}
print("false positives: " + falseByKind.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
print("missed/planted: " + plantedByDetail.keys.sorted().map { "\($0) \(missedByDetail[$0] ?? 0)/\(plantedByDetail[$0]!)" }.joined(separator: ", "))

if let dumpPath {
    var out = "a\tb\tname_a\tname_b\tscore\tcoincidences\tin_province\tprovince\tkk\tphone\temail\tlisted\ttrue\tdetail\n"
    let candidateKeys = Set(candidates.map { pairKey($0.pair.a, $0.pair.b) })
    for c in candidates {
        let e = c.evidence, t = truth[pairKey(c.pair.a, c.pair.b)]
        out += "\(ids[c.pair.a])\t\(ids[c.pair.b])\t\(inputs[c.pair.a].fullName)\t\(inputs[c.pair.b].fullName)\t\(c.pair.score)\t\(c.coincidences)\t\(c.coincidencesInProvince ?? -1)\t"
        out += "\(e.contains(.sameProvince) ? 1 : 0)\t\(e.contains(.sameKK) ? 1 : 0)\t\(e.contains(.samePhone) ? 1 : 0)\t\(e.contains(.sameEmail) ? 1 : 0)\t"
        out += "\(c.listed ? 1 : 0)\t\(t != nil ? 1 : 0)\t\(t ?? "")\n"
    }
    // Planted pairs that are not even candidates.
    for (key, detail) in truth where !candidateKeys.contains(key) {
        let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
        let x = inputs[a], y = inputs[b]
        let e = MatchEvidence(x, y)
        let note = x.birthDay != y.birthDay || x.female != y.female ? "other block" : "score \(NameSimilarity.score(x.fullName, y.fullName))"
        out += "\(ids[a])\t\(ids[b])\t\(x.fullName)\t\(y.fullName)\t-1\t-1\t-1\t"
        out += "\(e.contains(.sameProvince) ? 1 : 0)\t\(e.contains(.sameKK) ? 1 : 0)\t\(e.contains(.samePhone) ? 1 : 0)\t\(e.contains(.sameEmail) ? 1 : 0)\t"
        out += "0\t1\t\(detail) (not a candidate: \(note))\n"
    }
    try! out.write(toFile: dumpPath, atomically: true, encoding: .utf8)
}
