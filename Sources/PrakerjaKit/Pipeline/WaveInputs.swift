import Foundation

/// A wave folder's configuration and the identity of its input files.
enum WaveInputs {
    struct Config: Sendable {
        var waveDir: String
        var config: WaveConfig
        var configSHA256: String
        var configFile: InputFile
    }

    /// Loads wave.toml before any work (78 on a config error, 66 when the folder or file is missing).
    static func loadConfig(waveDir rawDir: String) throws -> Config {
        var waveDir = rawDir
        while waveDir.count > 1 && waveDir.hasSuffix("/") { waveDir.removeLast() }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: waveDir, isDirectory: &isDir), isDir.boolValue else {
            throw PrakerjaError.missingInput("\(waveDir): no such wave folder")
        }
        let path = waveDir + "/wave.toml"
        guard FileManager.default.fileExists(atPath: path) else {
            throw PrakerjaError.missingInput("\(path): missing (every wave folder needs a wave.toml)")
        }
        let folderName = (waveDir as NSString).lastPathComponent
        let config = try WaveConfig.load(path: path, displayPath: path, folderName: folderName)
        let sha = try FileHash.sha256(path: path, display: path)
        return Config(waveDir: waveDir, config: config, configSHA256: sha, configFile: InputFile(path: "wave.toml", sha256: sha, rows: 0))
    }

    /// Hashes every input file of a wave (wave.toml, registrants, exclusions, decisions) without parsing.
    static func hashInputs(waveDir: String, configSHA256: String) throws -> [InputFile] {
        var files = [InputFile(path: "wave.toml", sha256: configSHA256, rows: 0)]
        for folder in ["registrants", "exclusions", "decisions"] {
            for rel in try InputFiles.list(waveDir: waveDir, folder: folder) {
                files.append(InputFile(path: rel, sha256: try FileHash.sha256(path: waveDir + "/" + rel, display: rel), rows: 0))
            }
        }
        return files
    }

    /// Paths whose content differs, or that appeared or disappeared, in byte order.
    static func changedFiles(stored: [InputFile], current: [InputFile]) -> [String] {
        let a = Dictionary(stored.map { ($0.path, $0.sha256) }, uniquingKeysWith: { x, _ in x })
        let b = Dictionary(current.map { ($0.path, $0.sha256) }, uniquingKeysWith: { x, _ in x })
        return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
