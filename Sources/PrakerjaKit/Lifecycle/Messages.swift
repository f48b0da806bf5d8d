/// The participant messages of the lifecycle, in Indonesian (§7.1 notifications, §7.4 sweeps).
///
/// A message names the wave and the purchase deadline and never the card number: an SMS or e-mail
/// can be read by anyone holding the phone, while the card is only shown on the dashboard.
public enum Messages {
    /// Templates queued in the outbox.
    public enum Template: String, Sendable, CaseIterable {
        case lulus, dicabut
    }

    /// Channels a message goes out on, in the order notifications are listed (by bytes).
    public enum Channel: String, Sendable, CaseIterable {
        case email, sms
    }

    /// What the dashboard and `history` show for a Gagal registration.
    public static let belumBerhasil = "Kamu Belum Berhasil"
    /// What the dashboard and `history` show for a Lulus participant.
    public static let lolos = "Selamat, Kamu Lolos"
    /// What `history` shows for a Dicabut participant.
    public static let dicabut = "Kepesertaan Dicabut"
    /// What `history` shows for a participant reinstated by a late-reported, on-time purchase.
    public static let dipulihkan = "Selamat, Kamu Lolos (kepesertaan dipulihkan)"

    /// The Lulus message of a wave: congratulations, the fund and the last day to buy a first training.
    public static func lulus(channel: Channel, wave: Int, deadline: CivilDate, fund: Int) -> String {
        let day = IndonesianDate.long(deadline)
        switch channel {
        case .sms:
            return "Selamat, kamu lolos seleksi Kartu Prakerja Gelombang \(wave)! Beli pelatihan pertamamu paling lambat "
                + "\(day) pukul 23:59 WIB agar kepesertaanmu tidak dicabut. Info: prakerja.go.id"
        case .email:
            return "Selamat! Kamu lolos seleksi Kartu Prakerja Gelombang \(wave). Saldo pelatihan \(IndonesianDate.rupiah(fund)) "
                + "sudah tersedia di akun Prakerja-mu. Pilih dan beli pelatihan pertamamu di salah satu platform digital mitra "
                + "paling lambat \(IndonesianDate.weekday(deadline)), \(day) pukul 23:59 WIB. Jika sampai batas waktu itu kamu "
                + "belum membeli pelatihan, kepesertaanmu dicabut dan sisa saldo pelatihan hangus. Nomor Kartu Prakerja-mu "
                + "dapat dilihat di dashboard prakerja.go.id; jangan berikan kepada siapa pun."
        }
    }

    /// The Dicabut message of a sweep: the wave, the deadline that passed and the forfeited fund.
    public static func dicabut(channel: Channel, wave: Int, deadline: CivilDate, hangus: Int) -> String {
        let day = IndonesianDate.long(deadline)
        switch channel {
        case .sms:
            return "Kepesertaan Kartu Prakerja Gelombang \(wave) kamu dicabut karena belum membeli pelatihan pertama sampai "
                + "\(day) pukul 23:59 WIB. Sisa saldo pelatihan hangus. Info: prakerja.go.id"
        case .email:
            return
                "Kepesertaan Kartu Prakerja Gelombang \(wave) kamu dicabut karena sampai batas waktu \(IndonesianDate.weekday(deadline)), "
                + "\(day) pukul 23:59 WIB belum ada pembelian pelatihan pertama. Sisa saldo pelatihan \(IndonesianDate.rupiah(hangus)) "
                + "hangus. Jika kamu sudah membeli pelatihan sebelum batas waktu itu, kepesertaanmu dipulihkan setelah platform "
                + "melaporkan pembelianmu. Info: prakerja.go.id"
        }
    }
}

/// Dates and amounts as Indonesian readers write them: `12 Oktober 2021`, `Selasa`, `Rp1.000.000`.
public enum IndonesianDate {
    static let months = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]
    static let weekdays = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]

    /// `12 Oktober 2021`.
    public static func long(_ date: CivilDate) -> String {
        "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// The day of the week (1970-01-01 was a Thursday, Kamis).
    public static func weekday(_ date: CivilDate) -> String {
        let n = (Int(date.dayNumber) % 7 + 7 + 4) % 7
        return weekdays[n]
    }

    /// `Rp1.000.000`: dots group thousands.
    public static func rupiah(_ amount: Int) -> String {
        var digits = Array(String(abs(amount)))
        var out: [Character] = []
        while digits.count > 3 {
            out.insert(contentsOf: ["."] + digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        out.insert(contentsOf: digits, at: 0)
        return (amount < 0 ? "-" : "") + "Rp" + String(out)
    }
}
