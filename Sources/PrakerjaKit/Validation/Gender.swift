/// The `gender` column of §4.1: `L` (laki-laki, male) or `P` (perempuan, female).
public enum Gender: Sendable, Hashable, CaseIterable {
    /// `L`.
    case male
    /// `P`.
    case female

    /// Reads `L` or `P`, case-insensitive, after trimming spaces and tabs; nil for anything else.
    public static func parse(_ s: String) -> Gender? {
        Text.withTrimmedUTF8(s) { buf -> Gender? in
            guard buf.count == 1 else { return nil }
            switch buf[0] {
            case UInt8(ascii: "L"), UInt8(ascii: "l"): return .male
            case UInt8(ascii: "P"), UInt8(ascii: "p"): return .female
            default: return nil
            }
        }
    }

    /// The code as written in the contract: `L` or `P`.
    public var code: String { self == .male ? "L" : "P" }
}
