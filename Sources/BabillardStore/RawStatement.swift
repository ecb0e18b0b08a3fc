import GRDB
import GRDBSQLite

/// A statement prepared on GRDB's connection and driven through SQLite's C API, for the
/// import's hot loop only.
///
/// GRDB's `execute(arguments:)` builds an array of boxed `DatabaseValue`s for every row: for the
/// items table's 34 columns that was a third of the writer's time. Here each value is bound in
/// place (strings are copied by SQLite from Swift's own UTF-8 storage) and the statement is
/// reset for the next row. It lives for one batch, inside GRDB's write transaction, and is
/// finalised when released.
final class RawStatement {
    private let connection: OpaquePointer
    private let handle: OpaquePointer
    let sql: String
    private let parameterCount: Int32
    private var position: Int32 = 0
    /// The first binding SQLite refused since the last run (a string too long, no memory).
    private var bindingFailure: Int32 = SQLITE_OK

    /// SQLite copies the bytes before the call returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed", sql: sql)
        }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        self.handle = prepared
        self.sql = sql
        self.parameterCount = sqlite3_bind_parameter_count(prepared)
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ value: Int64?) {
        position += 1
        note(value.map { sqlite3_bind_int64(handle, position, $0) } ?? sqlite3_bind_null(handle, position))
    }

    func bind(_ value: Int?) {
        bind(value.map(Int64.init))
    }

    func bind(_ value: Double?) {
        position += 1
        note(value.map { sqlite3_bind_double(handle, position, $0) } ?? sqlite3_bind_null(handle, position))
    }

    func bind(_ value: String?) {
        position += 1
        guard var value else {
            note(sqlite3_bind_null(handle, position))
            return
        }
        let position = self.position
        let handle = self.handle
        let code = value.withUTF8 { bytes -> Int32 in
            // An empty buffer may have no address, which SQLite would read as NULL: "" is bound
            // from a literal instead. Beyond Int32 bytes SQLite could not take it anyway.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(handle, position, "", 0, Self.transient)
            }
            guard bytes.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, position, $0, Int32(bytes.count), Self.transient)
            }
        }
        note(code)
    }

    private func note(_ code: Int32) {
        if code != SQLITE_OK, bindingFailure == SQLITE_OK { bindingFailure = code }
    }

    /// Every parameter bound, and bound without error, since the last run.
    private func checkBindings() throws {
        if bindingFailure != SQLITE_OK {
            let code = bindingFailure
            reset()
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)), sql: sql)
        }
        guard position == parameterCount else {
            let bound = position
            reset()
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(bound) values bound for \(parameterCount) parameters", sql: sql)
        }
    }

    /// Runs the statement to its end with the values bound since the last run, then readies
    /// it for the next.
    func run() throws {
        try checkBindings()
        defer { reset() }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs a query expected to return at most one row and hands its columns to `read`.
    func first<T>(_ read: (Row) -> T) throws -> T? {
        try checkBindings()
        defer { reset() }
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return read(Row(handle))
        case SQLITE_DONE: return nil
        default: throw failure(code)
        }
    }

    private func reset() {
        sqlite3_reset(handle)
        position = 0
        bindingFailure = SQLITE_OK
    }

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    /// The current row of a query, read by column index.
    struct Row {
        fileprivate let handle: OpaquePointer

        fileprivate init(_ handle: OpaquePointer) {
            self.handle = handle
        }

        func int64(_ column: Int32) -> Int64? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
        }
    }
}
