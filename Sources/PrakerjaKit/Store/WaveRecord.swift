/// A wave's row in the database.
public struct WaveRecord: Sendable, Hashable {
    public enum State: String, Sendable { case selected, published, imported }
    public var wave: Int
    public var state: State
    public var configSHA256: String?
    public var seed: String?
    public var closes: String?
    public var announce: String?
    public var noticeDate: String?
    public var purchaseDays: Int
    public var trainingFund: Int
    public var cardBase: Int64?
    /// JSON list of the input files at the last run.
    public var inputs: String?
    public var importEpoch: Int
}
