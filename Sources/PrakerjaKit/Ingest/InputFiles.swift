import Crypto
import Foundation

/// Lists the CSV files of a wave sub-folder in byte order of their names (§4.1 "file order").
enum InputFiles {
    /// Relative paths (`registrants/a.csv`) of the regular `*.csv` files in `waveDir/folder`; empty when the folder is absent.
    static func list(waveDir: String, folder: String) throws -> [String] {
        let dir = waveDir + "/" + folder
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir)
        } catch {
            throw PrakerjaError.badInput("\(folder): cannot read the folder")
        }
        return names.filter { name in
            guard name.hasSuffix(".csv"), !name.hasPrefix(".") else { return false }
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &d) && !d.boolValue
        }
        .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        .map { folder + "/" + $0 }
    }
}

/// SHA-256 of files and bytes, as lowercase hex.
public enum FileHash {
    /// Hashes a file in 4 MiB blocks.
    public static func sha256(path: String, display: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PrakerjaError.badInput("\(display): cannot read")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let data = try handle.read(upToCount: 4 << 20) ?? Data()
            if data.isEmpty { break }
            hasher.update(data: data)
        }
        return hex(hasher.finalize())
    }

    /// SHA-256 of bytes.
    public static func sha256<D: DataProtocol>(_ data: D) -> String {
        hex(SHA256.hash(data: data))
    }

    static func hex<S: Sequence>(_ digest: S) -> String where S.Element == UInt8 {
        let table: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
