import Foundation

/// The per-wave reports of §7.1 (without feeds), as bytes, from a `WaveResult`.
enum WaveReports {
    static let outcomeColumns = [
        "registration_id", "nik_masked", "full_name", "province_code", "status", "reason", "reasons", "detail", "tier", "lottery_rank",
        "card_masked",
    ]

    static func outcomes(_ result: WaveResult, jobs: Int = 1) -> [UInt8] {
        var bytes: [UInt8] = []
        writeOutcomes(result, jobs: jobs) { bytes += $0 }
        return bytes
    }

    /// outcomes.csv part by part: the header, then rows formatted `jobs` chunks at a time on every
    /// core and handed over in order, so only those chunks are in memory at once.
    static func writeOutcomes(_ result: WaveResult, jobs: Int, to write: ([UInt8]) throws -> Void) rethrows {
        var header = CSVWriter()
        header.writeRow(outcomeColumns)
        try write(header.bytes)
        let rows = result.outcomes
        let chunkSize = 20_000
        let chunkCount = (rows.count + chunkSize - 1) / chunkSize
        let perRound = max(1, jobs) * 2
        for round in stride(from: 0, to: chunkCount, by: perRound) {
            let chunks = (round..<min(chunkCount, round + perRound)).parallelMap(jobs: jobs, sequentialBelow: 2) { c in
                var w = CSVWriter()
                for k in (c * chunkSize)..<min(rows.count, (c + 1) * chunkSize) {
                    appendOutcome(rows.shown(at: k), to: &w)
                }
                return w.bytes
            }
            for chunk in chunks { try write(chunk) }
        }
    }

    /// One row of outcomes.csv, written field by field: the same bytes as `writeRow` of the
    /// columns' texts, without making them (the masks, numbers and reason lists are written as
    /// digits and names straight into the buffer).
    static func appendOutcome(_ o: Outcomes.Shown, to w: inout CSVWriter) {
        w.appendField(Cell.safe(o.registrationID), first: true)
        w.appendField("")
        w.appendMasked(o.nik, first: 6, last: 4)  // as `SixteenDigits.maskNIK`
        w.appendField(Cell.safe(o.fullName))
        w.appendField(Cell.safe(o.provinceCode))
        if let reason = o.reason {
            w.appendPlainField("Gagal")
            w.appendField(reason.name)
            // reasons: every failing check among 2–9, or the reason itself.
            w.appendField("")
            var first = true
            Outcome.forEachReason(reason, failed: o.failed) { r in
                if !first { w.appendRaw(";") }
                w.appendRaw(r.name)
                first = false
            }
        } else {
            w.appendPlainField("Lulus")
            w.appendField("")
            w.appendField("")
        }
        w.appendField(Cell.safe(o.detail))
        w.appendField(o.tier.map(String.init) ?? "")
        w.appendField(o.lotteryRank.map(String.init) ?? "")
        w.appendField("")
        if let card = o.card { w.appendMasked(card, first: 4, last: 4) }  // as `SixteenDigits.maskCard`
        w.endRow()
    }

    static func rejectedRows(_ rows: [RejectedRow]) -> [UInt8] {
        var w = CSVWriter()
        w.writeRow(["file", "line", "reason", "detail"])
        for r in rows { w.writeRow([Cell.safe(r.file), String(r.line), r.reason.name, Cell.safe(r.detail)]) }
        return w.bytes
    }

    static func review(_ result: WaveResult) -> [UInt8] {
        var w = CSVWriter()
        w.writeRow(["item", "registration_id", "other_registration_id", "score", "detail", "decision"])
        for item in result.reviewItems {
            w.writeRow([
                item.key.item, Cell.safe(item.key.registrationID), Cell.safe(item.key.otherRegistrationID),
                item.score.map { String(format: "%.3f", $0) } ?? "", item.detail,
                result.decisions[item.key]?.rawValue ?? "",
            ])
        }
        return w.bytes
    }

    static func summary(_ result: WaveResult) -> [UInt8] {
        struct Row { var registrations = 0, lulus = 0, gagal = 0; var reasons = [Int](repeating: 0, count: 13) }
        var byProvince: [String: Row] = [:]
        var all = Row()
        func count(_ row: inout Row, _ o: Outcomes.Brief) {
            row.registrations += 1
            if let reason = o.reason {
                row.gagal += 1
                row.reasons[reason.rawValue] += 1
            } else {
                row.lulus += 1
            }
        }
        for k in result.outcomes.indices {
            let o = result.outcomes.brief(at: k)
            if Province.isValid(o.provinceCode) { count(&byProvince[o.provinceCode, default: Row()], o) }
            count(&all, o)
        }
        var w = CSVWriter()
        w.writeRow(["province_code", "province_name", "registrations", "lulus", "gagal"] + Reason.allCases.map(\.name))
        func emit(_ code: String, _ name: String, _ row: Row) {
            w.writeRow(
                [code, name, String(row.registrations), String(row.lulus), String(row.gagal)]
                    + Reason.allCases.map { String(row.reasons[$0.rawValue]) })
        }
        for code in byProvince.keys.sorted() { emit(code, Province.name(code) ?? "", byProvince[code]!) }
        emit("ALL", "", all)
        return w.bytes
    }
}
