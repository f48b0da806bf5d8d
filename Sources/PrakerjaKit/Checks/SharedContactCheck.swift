/// Check 9: a valid phone or e-mail belongs to another NIK (§6.3); the detail says which.
struct SharedContactCheck: EligibilityCheck {
    var reason: Reason { .sharedContact }
    func failure(of r: Registration, in context: CheckContext) -> String? {
        var parts: [String] = []
        if let phone = r.phone, let owner = context.contactOwners[phone], owner != r.nik { parts.append("phone") }
        if let email = r.email, let owner = context.contactOwners[email], owner != r.nik { parts.append("email") }
        return parts.isEmpty ? nil : parts.joined(separator: ";")
    }
}
