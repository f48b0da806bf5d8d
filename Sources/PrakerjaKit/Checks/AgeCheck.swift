/// Check 6: age in whole years on `closes` outside [min_age, max_age] (max_age 0 = no upper limit).
struct AgeCheck: EligibilityCheck {
    var reason: Reason { .ageOutOfRange }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        guard let birth = r.birthDate else { return nil }
        let rules = context.config.rules
        let age = birth.age(on: context.config.closes)
        if age < rules.minAge || (rules.maxAge > 0 && age > rules.maxAge) { return "" }
        return nil
    }
}
