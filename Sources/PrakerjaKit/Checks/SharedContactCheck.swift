/// Check 9: a valid phone or e-mail belongs to another NIK (§6.3); the detail says which.
struct SharedContactCheck: EligibilityCheck {
    var reason: Reason { .sharedContact }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        var parts: [String] = []
        if r.phone != nil, let owner = context.contactOwners.phoneOwner(index), owner != r.nik { parts.append("phone") }
        if r.hasEmail, let owner = context.contactOwners.emailOwner(index), owner != r.nik { parts.append("email") }
        return parts.isEmpty ? nil : parts.joined(separator: ";")
    }
}
