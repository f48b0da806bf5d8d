import Dispatch

extension RandomAccessCollection where Index == Int, Self: Sendable, Element: Sendable {
    /// Maps on `jobs` threads; each worker writes only its own slots, so the order never depends on scheduling.
    /// Fewer than `sequentialBelow` elements are mapped on the calling thread (for cheap transforms);
    /// a few expensive ones (formatting a chunk of a report) pass a smaller number.
    func parallelMap<T: Sendable>(jobs: Int, sequentialBelow: Int = 64, _ transform: @Sendable (Element) -> T) -> [T] {
        let n = count
        if n == 0 { return [] }
        let base = startIndex
        if jobs <= 1 || n < Swift.max(2, sequentialBelow) { return map(transform) }
        let chunks = Swift.min(n, jobs * 8)
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            let out = UnsafeSendableBuffer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = n * c / chunks
                let hi = n * (c + 1) / chunks
                for i in lo..<hi { (out.pointer + i).initialize(to: transform(self[base + i])) }
            }
            initialized = n
        }
    }
}

/// A pointer handed to workers that write disjoint slots.
struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// Runs `body(chunk)` for `chunks` disjoint ranges of `0..<n` on all workers.
func parallelChunks(_ n: Int, jobs: Int, _ body: @Sendable (Range<Int>) -> Void) {
    if n == 0 { return }
    if jobs <= 1 || n < 64 {
        body(0..<n)
        return
    }
    let chunks = Swift.min(n, jobs * 8)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        body((n * c / chunks)..<(n * (c + 1) / chunks))
    }
}

extension Array where Element: Sendable {
    /// Sorts by `less`, a strict total order (ties broken, so the result is the one order whatever
    /// `jobs` is): `jobs` slices are sorted on their own threads, then merged pairwise.
    mutating func parallelSort(jobs: Int, by less: @Sendable (Element, Element) -> Bool) {
        let n = count
        guard jobs > 1, n >= 65_536 else {
            sort(by: less)
            return
        }
        let all = self
        var runs = (0..<jobs).parallelMap(jobs: jobs, sequentialBelow: 2) { p in
            all[(n * p / jobs)..<(n * (p + 1) / jobs)].sorted(by: less)
        }
        while runs.count > 1 {
            let current = runs
            runs = [Int](stride(from: 0, to: current.count, by: 2)).parallelMap(jobs: jobs, sequentialBelow: 2) { k in
                k + 1 < current.count ? Self.merge(current[k], current[k + 1], by: less) : current[k]
            }
        }
        self = runs[0]
    }

    private static func merge(_ a: [Element], _ b: [Element], by less: (Element, Element) -> Bool) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if less(b[j], a[i]) {
                out.append(b[j])
                j += 1
            } else {
                out.append(a[i])
                i += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }
}

extension Array {
    /// Rearranges the elements in place so the one at `order[k]` ends at `k`, following the
    /// permutation's cycles: no second array, which for millions of registrations is hundreds of
    /// megabytes. `order` must be a permutation of the indices.
    mutating func permute(by order: [Int]) {
        precondition(order.count == count, "permute: the order has \(order.count) indexes for \(count) elements")
        var placed = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in 0..<buffer.count where !placed[start] {
                placed[start] = true
                if order[start] == start { continue }
                let held = (base + start).move()
                var j = start
                while true {
                    let k = order[j]
                    if k == start {
                        (base + j).initialize(to: held)
                        break
                    }
                    precondition(!placed[k], "permute: the order is not a permutation")
                    (base + j).moveInitialize(from: base + k, count: 1)
                    placed[k] = true
                    j = k
                }
            }
        }
    }
}
