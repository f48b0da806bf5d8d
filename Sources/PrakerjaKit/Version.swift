public enum PrakerjaKit { public static let version = "0.1.0" }
