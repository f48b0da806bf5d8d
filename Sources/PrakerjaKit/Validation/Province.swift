/// The province codes of §6.2 (Kemendagri), for `province_code`, the first two digits of a KK, the
/// first two of a NIK and the keys of `[province_quota]`.
public enum Province {
    /// Code → name, all 38 provinces of §6.2.
    public static let names: [String: String] = [
        "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
        "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
        "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
        "34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali",
        "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat",
        "62": "Kalimantan Tengah", "63": "Kalimantan Selatan", "64": "Kalimantan Timur",
        "65": "Kalimantan Utara", "71": "Sulawesi Utara", "72": "Sulawesi Tengah",
        "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo", "76": "Sulawesi Barat",
        "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan",
        "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
    ]

    /// All codes in ascending order.
    public static let codes: [String] = names.keys.sorted()

    /// Whether `code`, after trimming spaces and tabs, is exactly two digits forming a code of §6.2.
    /// No allocation.
    public static func isValid(_ code: String) -> Bool {
        Text.withTrimmedUTF8(code) { buf in
            buf.count == 2 && Text.number(buf, 0, 2).map(isValid(number:)) == true
        }
    }

    /// The province name of a valid code (trimmed), else nil.
    public static func name(_ code: String) -> String? {
        names[Text.trim(code)]
    }

    /// Whether the two-digit number `n` (0–99) is a province code of §6.2.
    @inline(__always)
    public static func isValid(number n: Int) -> Bool {
        switch n {
        case 11...19, 21, 31...36, 51...53, 61...65, 71...76, 81, 82, 91...96: true
        default: false
        }
    }
}
