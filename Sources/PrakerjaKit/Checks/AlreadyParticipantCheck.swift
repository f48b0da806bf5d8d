/// Check 5: the NIK is a current participant of an earlier wave.
struct AlreadyParticipantCheck: EligibilityCheck {
    var reason: Reason { .alreadyParticipant }
    func failure(of r: Registration, at index: Int, in context: CheckContext) -> String? {
        context.participants.contains(r.nik) ? "" : nil
    }
}
