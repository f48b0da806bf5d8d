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
    /// `jobs` is): `jobs` slices are sorted in place on their own threads, then merged pairwise,
    /// each round from the array into a new one. At most two arrays are alive at once: sorting
    /// hundreds of megabytes of keys costs their size once more, not twice.
    mutating func parallelSort(jobs: Int, by less: @Sendable (Element, Element) -> Bool) {
        let n = count
        guard jobs > 1, n >= 65_536 else {
            sort(by: less)
            return
        }
        var bounds = (0...jobs).map { n * $0 / jobs }
        withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendableBuffer(buffer.baseAddress!), b = bounds
            DispatchQueue.concurrentPerform(iterations: jobs) { p in
                var slice = UnsafeMutableBufferPointer(start: base.pointer + b[p], count: b[p + 1] - b[p])
                slice.sort(by: less)
            }
        }
        while bounds.count > 2 {
            let source = self, b = bounds, runs = bounds.count - 1
            let pairs = (runs + 1) / 2
            self = [Element](unsafeUninitializedCapacity: n) { out, initialized in
                let target = UnsafeSendableBuffer(out.baseAddress!)
                source.withUnsafeBufferPointer { input in
                    let from = UnsafeSendableConstBuffer(input.baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: pairs) { k in
                        let lo = b[2 * k], mid = b[Swift.min(2 * k + 1, runs)], hi = b[Swift.min(2 * k + 2, runs)]
                        Self.merge(from.pointer, lo..<mid, mid..<hi, into: target.pointer + lo, by: less)
                    }
                }
                initialized = n
            }
            bounds = stride(from: 0, to: runs, by: 2).map { b[$0] } + [n]
        }
    }

    /// Merges the sorted runs `x` and `y` of `source` into uninitialised memory at `out`; of equals, `x`'s first.
    private static func merge(
        _ source: UnsafePointer<Element>, _ x: Range<Int>, _ y: Range<Int>, into out: UnsafeMutablePointer<Element>,
        by less: (Element, Element) -> Bool
    ) {
        var i = x.lowerBound, j = y.lowerBound, o = 0
        while i < x.upperBound, j < y.upperBound {
            if less(source[j], source[i]) {
                (out + o).initialize(to: source[j])
                j += 1
            } else {
                (out + o).initialize(to: source[i])
                i += 1
            }
            o += 1
        }
        while i < x.upperBound {
            (out + o).initialize(to: source[i])
            i += 1
            o += 1
        }
        while j < y.upperBound {
            (out + o).initialize(to: source[j])
            j += 1
            o += 1
        }
    }
}

/// A read-only pointer handed to workers.
struct UnsafeSendableConstBuffer<T>: @unchecked Sendable {
    let pointer: UnsafePointer<T>
    init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}

extension Array {
    /// Rearranges the elements in place so the one at `order[k]` ends at `k`, following the
    /// permutation's cycles: no second array, which for millions of registrations is hundreds of
    /// megabytes. `order` must be a permutation of the indices.
    mutating func permute<Index: BinaryInteger>(by order: [Index]) {
        precondition(order.count == count, "permute: the order has \(order.count) indexes for \(count) elements")
        var placed = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in 0..<buffer.count where !placed[start] {
                placed[start] = true
                if Int(order[start]) == start { continue }
                let held = (base + start).move()
                var j = start
                while true {
                    let k = Int(order[j])
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

extension Array {
    /// Reads element `i` in place. Through the array's getter, reading one field of a large struct
    /// copied the whole element and retained everything it holds (measured on 1M registrations:
    /// a sixth of the history phase went to `memmove` and `swift_retain` in such reads).
    /// `field` gets a pointer: passing the element itself (even borrowed) still copied it.
    @inline(__always) func read<T>(_ i: Int, _ field: (UnsafePointer<Element>) -> T) -> T {
        withUnsafeBufferPointer { buffer in
            precondition(i >= 0 && i < buffer.count, "index \(i) out of range")
            return field(buffer.baseAddress! + i)
        }
    }
}
