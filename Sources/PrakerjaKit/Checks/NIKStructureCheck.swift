/// Check 3: the NIK's province, day, month or serial is impossible (§6.1).
struct NIKStructureCheck: EligibilityCheck {
    var reason: Reason { .invalidNIKStructure }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        NIKStructure.parse(number: r.nik) == nil ? "" : nil
    }
}
