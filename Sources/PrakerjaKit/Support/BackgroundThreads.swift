import CThreadPriority
import Dispatch
import Foundation

/// Threads of their own at a lower scheduling priority (nice 10), for work that fills the cores the
/// run leaves idle without slowing what it waits for: the matcher runs this way beside the draw,
/// the cards and the store when no review decision needs it earlier. New threads, not Dispatch's
/// shared ones, because a lowered priority cannot be raised back without privileges.
enum BackgroundThreads {
    static let niceness: Int32 = 10

    /// Starts `body` on a new low-priority thread; `group` is left when it returns.
    static func start(group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            _ = prakerja_lower_thread_priority(niceness)
            body()
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs `body(w)` for `w` in `0..<count` on `count` new low-priority threads, and waits.
    static func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
        /// Holds `body` for the threads, and lets go of it once they are done (a `Thread` keeps its
        /// block for as long as the `Thread` object lives, which may be longer).
        final class Work: @unchecked Sendable {
            var body: (@Sendable (Int) -> Void)?
        }
        withoutActuallyEscaping(body) { body in
            let work = Work()
            work.body = body
            let group = DispatchGroup()
            for w in 0..<count { start(group: group) { work.body!(w) } }
            group.wait()
            work.body = nil
        }
    }
}

/// A value made on another thread (with one job, at once); reading it waits until it is made.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once by the making thread; read only after `group.wait()`.
    private var made: Value?

    init(jobs: Int, _ make: @escaping @Sendable () -> Value) {
        if jobs <= 1 {
            made = make()
        } else {
            DispatchQueue.global().async(group: group) { [self] in made = make() }
        }
    }

    var value: Value {
        group.wait()
        return made!
    }
}

/// The SQLite writer's scheduling priority. A run's single writer is its critical path: while it
/// writes, the checks, the draw and the cards keep both cores busy, and with an equal share it had
/// about two thirds of a core. Where the process may raise a thread's priority (root, CAP_SYS_NICE,
/// or an RLIMIT_NICE that allows nice −10: `ulimit -e 30`), each write runs at nice −10 and the
/// thread gets its nice value back afterwards; elsewhere it runs as it is. Measured on a 1M wave
/// (2 cores): 0.4 s shorter.
enum WriterPriority {
    static let niceness: Int32 = -10

    /// The calling thread's nice value.
    static var current: Int32 { prakerja_thread_niceness() }

    /// Runs `body` at nice −10 when the process may, then restores the thread's nice value.
    static func raised<T>(_ body: () throws -> T) rethrows -> T {
        let before = prakerja_thread_niceness()
        let raised = before > niceness && prakerja_set_thread_niceness(niceness) == 0
        defer { if raised { _ = prakerja_set_thread_niceness(before) } }
        return try body()
    }
}
