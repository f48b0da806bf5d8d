/// Check 2: a field of §4.1 is invalid; the detail names the first invalid field in table order.
struct InvalidDataCheck: EligibilityCheck {
    var reason: Reason { .invalidData }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        r.firstInvalid?.column
    }
}
