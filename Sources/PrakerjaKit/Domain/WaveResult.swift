/// Everything the wave reports are made of: produced by a run, or loaded back from the database
/// to rewrite the reports of a published wave byte for byte.
public struct WaveResult: Sendable {
    public var wave: Int
    public var seed: String
    public var configSHA256: String
    /// wave.toml, registrants, exclusions and decisions files, as read.
    public var inputs: [InputFile]
    /// Sorted by registration_id in byte order.
    public var outcomes: Outcomes
    /// In file order.
    public var rejected: [RejectedRow]
    /// Sorted by key.
    public var reviewItems: [ReviewItem]
    /// Stored decisions after this run's files were applied.
    public var decisions: [ReviewKey: Decision]
    public var poolSHA256: String
    public var places: Int
    public var warnings: [String]
}
