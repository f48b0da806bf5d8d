/// The Luhn (mod 10) check digit of card numbers (§4.4, §6.5).
public enum Luhn {
    /// Whether `digits`, after trimming spaces and tabs, is at least two ASCII digits whose last digit
    /// is the Luhn check digit of the others. No allocation.
    public static func isValid(_ digits: String) -> Bool {
        Text.withTrimmedUTF8(digits) { buf -> Bool in
            guard buf.count >= 2 else { return false }
            var sum = 0
            var double = false
            var i = buf.count
            while i > 0 {
                i -= 1
                let d = buf[i] &- 0x30
                if d >= 10 { return false }
                var v = Int(d)
                if double {
                    v &*= 2
                    if v > 9 { v -= 9 }
                }
                sum += v
                double.toggle()
            }
            return sum % 10 == 0
        }
    }

    /// The check digit (0–9) to append to `payload` (digit values 0–9, most significant first) so that
    /// the whole number passes `isValid`.
    public static func checkDigit(for payload: [UInt8]) -> UInt8 {
        var sum = 0
        var double = true  // the rightmost payload digit is doubled once the check digit follows it
        var i = payload.count
        while i > 0 {
            i -= 1
            precondition(payload[i] < 10, "Luhn payload digits must be 0-9")
            var v = Int(payload[i])
            if double {
                v *= 2
                if v > 9 { v -= 9 }
            }
            sum += v
            double.toggle()
        }
        return UInt8((10 - sum % 10) % 10)
    }
}
