/// Check 8: the NIK is listed in an exclusion file; the detail lists its programmes.
struct OtherProgramCheck: EligibilityCheck {
    var reason: Reason { .otherProgram }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        context.exclusions[r.nik]?.joined(separator: ";")
    }
}
