/// A digital platform that sells Prakerja trainings (§4.4).
public enum Platform: String, CaseIterable, Sendable {
    case bukalapak = "Bukalapak"
    case mauBelajarApa = "MauBelajarApa"
    case pintaria = "Pintaria"
    case pijarMahir = "PijarMahir"
    case sisnaker = "Sisnaker"
    case kariermu = "Kariermu"
    case tokopedia = "Tokopedia"

    /// The platform named by `text`, matched ignoring case and spaces (`Mau Belajar Apa` is MauBelajarApa).
    public static func named(_ text: String) -> Platform? {
        let key = String(text.unicodeScalars.filter { $0 != " " && $0 != "\t" }).lowercased()
        return allCases.first { $0.rawValue.lowercased() == key }
    }
}

/// One data line of a purchases file (§4.4), read and checked; judging it against a participant is
/// `PurchaseJudge`'s job.
///
/// A line that is not readable as a purchase is a value too (`problem`), reported in the file's
/// rejected report: bad lines are data, not errors.
struct PurchaseLine: Sendable, Hashable {
    /// Why a line cannot be judged: `invalid_data` (with the first invalid column in file-format
    /// order) or `unknown_platform`.
    enum Problem: Sendable, Hashable {
        case invalidData(String)
        case unknownPlatform(String)

        var reason: String {
            switch self {
            case .invalidData: "invalid_data"
            case .unknownPlatform: "unknown_platform"
            }
        }

        var detail: String {
            switch self {
            case .invalidData(let field): field
            case .unknownPlatform(let written): written
            }
        }
    }

    static let columns = ["order_id", "platform", "card_number", "training_id", "purchased_at", "amount"]

    /// Physical line where the record starts (the header is line 1).
    var line: Int
    /// The canonical platform name, or the text as written (trimmed) when unknown.
    var platform: String
    var orderID: String
    var card: UInt64?
    var trainingID: String
    /// Microseconds since the epoch.
    var purchasedAt: Int64?
    var purchasedAtText: String
    /// Whole rupiah.
    var amount: Int64?
    var problem: Problem?

    /// Reads a CSV record whose fields are at `idx` (in `columns` order).
    static func parse(_ record: CSVRecord, idx: [Int]) -> PurchaseLine {
        var line = PurchaseLine(
            line: record.line, platform: "", orderID: "", card: nil, trainingID: "", purchasedAt: nil, purchasedAtText: "",
            amount: nil, problem: nil)
        if let problem = record.problem {
            line.problem = .invalidData(problem.reason)
            return line
        }
        let f = idx.map { Text.trim(record.fields[$0]) }
        line.orderID = f[0]
        line.platform = f[1]
        line.card = SixteenDigits.parse(f[2]).flatMap { Luhn.isValid(f[2]) ? $0 : nil }
        line.trainingID = f[3]
        line.purchasedAtText = f[4]
        line.purchasedAt = Timestamp.parse(f[4])
        line.amount = amount(f[5])
        let known = Platform.named(f[1])
        if let known { line.platform = known.rawValue }
        if !isOrderID(f[0]) {
            line.problem = .invalidData("order_id")
        } else if f[1].isEmpty {
            line.problem = .invalidData("platform")
        } else if line.card == nil {
            line.problem = .invalidData("card_number")
        } else if f[3].isEmpty || f[3].unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) || f[3].count > 100 {
            line.problem = .invalidData("training_id")
        } else if line.purchasedAt == nil {
            line.problem = .invalidData("purchased_at")
        } else if line.amount == nil {
            line.problem = .invalidData("amount")
        } else if known == nil {
            line.problem = .unknownPlatform(f[1])
        }
        return line
    }

    /// An order id: 1–100 visible ASCII characters (0x21–0x7E), as platforms issue them.
    static func isOrderID(_ s: String) -> Bool {
        let u = s.utf8
        return !u.isEmpty && u.count <= 100 && u.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    /// Whole rupiah > 0, digits only (at most 15 of them).
    static func amount(_ s: String) -> Int64? {
        let u = s.utf8
        guard !u.isEmpty, u.count <= 15, u.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = Int64(s), v > 0 else { return nil }
        return v
    }
}
