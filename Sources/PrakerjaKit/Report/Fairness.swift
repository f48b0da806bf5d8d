import Foundation

/// The draw's selection rates per tier by registration day and by province (fairness.csv), with a
/// chi-square test of independence per tier and dimension: a lottery whose winners cluster on the
/// first days of entry is not a lottery.
struct Fairness: Sendable {
    struct Group: Sendable { var tier: Int; var dimension: String; var group: String; var pool: Int; var lulus: Int }
    struct Test: Sendable, Codable, Hashable { var tier: Int; var dimension: String; var pValue: Double? }
    var groups: [Group]
    var tests: [Test]

    static let alpha = 0.001

    init(outcomes: Outcomes) {
        // Counted under small keys first (a day is a number until the end), then grouped.
        struct Cell: Hashable { var tier: Int; var day: Int32?; var province: String? }
        var cells: [Cell: (pool: Int, lulus: Int)] = [:]
        for k in outcomes.indices {
            let o = outcomes.brief(at: k)
            guard let tier = o.tier else { continue }
            for cell in [Cell(tier: tier, day: o.registrationDay), Cell(tier: tier, province: o.provinceCode)] {
                cells[cell, default: (0, 0)].pool += 1
                if o.isLulus { cells[cell, default: (0, 0)].lulus += 1 }
            }
        }
        var table: [Int: [String: [String: (Int, Int)]]] = [:]
        for (cell, counts) in cells {
            if let province = cell.province {
                table[cell.tier, default: [:]]["province", default: [:]][province] = counts
            } else {
                let day = cell.day.map { CivilDate(dayNumber: $0).description } ?? ""
                table[cell.tier, default: [:]]["registration_day", default: [:]][day] = counts
            }
        }
        var groups: [Group] = []
        var tests: [Test] = []
        for tier in table.keys.sorted() {
            for dimension in ["registration_day", "province"] {
                let cells = table[tier]![dimension] ?? [:]
                let keys = cells.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for key in keys {
                    let (pool, lulus) = cells[key]!
                    groups.append(Group(tier: tier, dimension: dimension, group: key, pool: pool, lulus: lulus))
                }
                tests.append(Test(tier: tier, dimension: dimension, pValue: Self.pValue(keys.map { cells[$0]! })))
            }
        }
        self.groups = groups
        self.tests = tests
    }

    /// Chi-square test of independence on a 2×k table (Lulus / not Lulus by group); nil where undefined.
    static func pValue(_ cells: [(pool: Int, lulus: Int)]) -> Double? {
        let k = cells.count
        let total = cells.reduce(0) { $0 + $1.pool }
        let lulus = cells.reduce(0) { $0 + $1.lulus }
        guard k >= 2, total > 0, lulus > 0, lulus < total else { return nil }
        let p = Double(lulus) / Double(total)
        var chi = 0.0
        for c in cells {
            let e1 = Double(c.pool) * p
            let e0 = Double(c.pool) * (1 - p)
            chi += (Double(c.lulus) - e1) * (Double(c.lulus) - e1) / e1
            chi += (Double(c.pool - c.lulus) - e0) * (Double(c.pool - c.lulus) - e0) / e0
        }
        return Gamma.q(Double(k - 1) / 2, chi / 2)
    }

    func csv() -> [UInt8] {
        var w = CSVWriter()
        w.writeRow(["tier", "dimension", "group", "pool", "lulus", "rate"])
        for g in groups {
            w.writeRow([
                String(g.tier), g.dimension, Cell.safe(g.group), String(g.pool), String(g.lulus),
                String(format: "%.6f", g.pool == 0 ? 0 : Double(g.lulus) / Double(g.pool)),
            ])
        }
        return w.bytes
    }

    /// Warnings for tiers where the registration day matters (p < 0.001).
    var warnings: [String] {
        tests.compactMap { t in
            guard t.dimension == "registration_day", let p = t.pValue, p < Self.alpha else { return nil }
            return "fairness: tier \(t.tier): selection depends on the registration day (chi-square p = \(String(format: "%.3g", p)))"
        }
    }
}

/// The regularized upper incomplete gamma function Q(a, x), for chi-square p-values.
enum Gamma {
    static func q(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x < a + 1 { return max(0, 1 - seriesP(a, x)) }
        return continuedFractionQ(a, x)
    }

    static func seriesP(_ a: Double, _ x: Double) -> Double {
        var sum = 1 / a
        var term = sum
        var n = a
        for _ in 0..<10_000 {
            n += 1
            term *= x / n
            sum += term
            if abs(term) < abs(sum) * 1e-15 { break }
        }
        return sum * exp(-x + a * log(x) - lgamma(a))
    }

    static func continuedFractionQ(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return exp(-x + a * log(x) - lgamma(a)) * h
    }
}
