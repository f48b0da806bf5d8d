/// Builds the review items of §7.2 for registrations that are not `duplicate_registration`.
enum ReviewItems {
    /// `nik_birthdate_mismatch` / `nik_gender_mismatch` where the NIK structure and the compared field are valid.
    static func nikFlags(_ regs: [Registration], structures: [NIKStructure?], isDuplicate: [Bool], jobs: Int) -> [ReviewItem] {
        let flags: [[ReviewItem]] = regs.indices.parallelMap(jobs: jobs) { i in
            guard !isDuplicate[i], let structure = structures[i] else { return [] }
            let (birthDate, gender) = regs.read(i) { ($0.pointee.birthDate, $0.pointee.gender) }
            let m = structure.mismatches(birthDate: birthDate, gender: gender)
            guard !m.dateParts.isEmpty || m.gender else { return [] }
            let r = regs[i]
            var out: [ReviewItem] = []
            if r.birthDate != nil, !m.dateParts.isEmpty {
                out.append(
                    ReviewItem(
                        key: ReviewKey(item: ReviewItemKind.birthdateMismatch, registrationID: r.registrationID, otherRegistrationID: ""),
                        score: nil, detail: m.dateParts.joined(separator: ";")))
            }
            if r.gender != nil, m.gender {
                out.append(
                    ReviewItem(
                        key: ReviewKey(item: ReviewItemKind.genderMismatch, registrationID: r.registrationID, otherRegistrationID: ""),
                        score: nil, detail: "gender"))
            }
            return out
        }
        return flags.flatMap { $0 }
    }

    /// `possible_same_person` pairs; `registration_id` is the later of the two. The detail names what,
    /// besides the name, birth date and gender, the two registrations share (`province`, `kk`,
    /// `phone`, `email`), which is what the listing rule weighed against the name's commonness.
    /// With `background`, the matcher runs on low-priority threads of its own (``BackgroundThreads``).
    static func samePerson(
        _ regs: [Registration], isDuplicate: [Bool], threshold: Double, jobs: Int, background: Bool = false
    ) -> [ReviewItem] {
        var origin: [Int32] = []
        for i in regs.indices
        where !isDuplicate[i] && regs.read(i, { $0.pointee.nameValid && $0.pointee.birthDate != nil && $0.pointee.gender != nil }) {
            origin.append(Int32(i))
        }
        let inputs = MatchInputs(
            birthDays: origin.map { i in regs.read(Int(i)) { $0.pointee.birthDate!.dayNumber } },
            females: origin.map { i in regs.read(Int(i)) { $0.pointee.gender == .female } },
            name: { [origin] k in regs.read(Int(origin[k])) { $0.pointee.displayName } },
            nik: { [origin] k in regs.read(Int(origin[k])) { $0.pointee.nik } }
        ) { [origin] k in
            regs.read(Int(origin[k])) { r in
                MatchInput(
                    fullName: r.pointee.displayName, birthDay: r.pointee.birthDate!.dayNumber, female: r.pointee.gender == .female,
                    nik: r.pointee.nik, province: r.pointee.provinceValid ? r.pointee.provinceCode : "", kk: r.pointee.kk,
                    phone: r.pointee.phone, email: r.pointee.email)
            }
        }
        return SamePersonMatcher.findCandidates(in: inputs, threshold: threshold, jobs: jobs, background: background).filter(\.listed)
            .map { candidate in
                let pair = candidate.pair
                var a = regs[Int(origin[pair.a])]
                var b = regs[Int(origin[pair.b])]
                if Registration.precedes(b, a) { swap(&a, &b) }
                return ReviewItem(
                    key: ReviewKey(
                        item: ReviewItemKind.samePerson, registrationID: b.registrationID, otherRegistrationID: a.registrationID),
                    score: (pair.score * 1000).rounded() / 1000, detail: candidate.evidence.description)
            }
    }
}
