/// Check 4: the NIK is Dicabut from an earlier wave.
struct RevokedCheck: EligibilityCheck {
    var reason: Reason { .revoked }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        context.revoked.contains(r.nik) ? "" : nil
    }
}
