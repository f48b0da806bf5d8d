/// Check 7: the occupation is in `excluded_occupations`.
struct ExcludedOccupationCheck: EligibilityCheck {
    var reason: Reason { .excludedOccupation }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        guard let occupation = r.occupation else { return nil }
        return context.config.rules.excludedOccupations.contains(occupation) ? "" : nil
    }
}
