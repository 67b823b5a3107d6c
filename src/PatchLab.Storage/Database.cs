using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PatchLab.Storage;

/// <summary>
/// The PatchLab SQLite file: WAL journal, versioned migrations embedded as Schema/NNN_name.sql, one short-lived pooled
/// connection per unit of work.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    // SQLite's own busy handler (sleeps 1, 2, 5, 10 … ms) instead of Microsoft.Data.Sqlite's retry loop, which sleeps
    // 150 ms per attempt: one writer meeting another must cost milliseconds, not a sixth of a second.
    private const int BusyTimeoutMs = 30_000;

    static Database()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies pending migrations.</summary>
    public Database(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var c = Open();
        c.Execute("PRAGMA journal_mode=WAL;");
        SchemaVersion = Migrate(c);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    /// <summary>
    /// How many committed writes a table has seen in this process. Repositories bump it after each commit that touches the
    /// table (<see cref="Changed"/>), so hot read paths can keep a snapshot until the table changes. Bumped after the commit,
    /// never before: a reader that saw the old number re-reads at its next call.
    /// </summary>
    public long Version(string table) => _versions.GetValueOrDefault(table);

    /// <summary>Records a committed write to <paramref name="table"/> (see <see cref="Version"/>).</summary>
    public void Changed(string table) => _versions.AddOrUpdate(table, 1, static (_, v) => v + 1);

    /// <summary>File path.</summary>
    public string Path { get; }

    /// <summary>Schema version after migrations.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>
    /// Opens a pooled connection. Two settings per open, made through the native handle (no SQL parsing on hot Describe
    /// paths): SQLite's busy handler, and synchronous=NORMAL. Under WAL, NORMAL keeps every acknowledged commit across a
    /// killed or crashed emulator (the commit is in the WAL file, in the OS page cache); only a power loss of the host may
    /// lose the last commits, which a lab accepts for not paying an fsync per commit (they dominated dispatch latency).
    /// </summary>
    public SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        SQLitePCL.raw.sqlite3_busy_timeout(c.Handle, BusyTimeoutMs);
        SQLitePCL.raw.sqlite3_exec(c.Handle, "PRAGMA synchronous=NORMAL;");
        return c;
    }

    /// <summary>Formats an instant the way every table stores it.</summary>
    public static string Ts(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats an optional instant.</summary>
    public static string? Ts(DateTimeOffset? t) => t is { } v ? Ts(v) : null;

    /// <summary>Parses a stored instant.</summary>
    public static DateTimeOffset ParseTs(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Parses an optional stored instant.</summary>
    public static DateTimeOffset? ParseTsOrNull(string? s) => string.IsNullOrEmpty(s) ? null : ParseTs(s);

    private static int Migrate(SqliteConnection c)
    {
        c.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        var applied = c.Query<long>("SELECT version FROM schema_version").Select(v => (int)v).ToHashSet();
        var asm = typeof(Database).Assembly;
        var scripts = asm.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n, File: n.Split('.')[^2]))
            .Select(x => (x.Name, x.File, Version: int.Parse(x.File.AsSpan(0, 3), CultureInfo.InvariantCulture)))
            .OrderBy(x => x.Version);
        foreach (var (name, file, version) in scripts)
        {
            if (applied.Contains(version))
            {
                continue;
            }
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var sql = reader.ReadToEnd();
            using var tx = c.BeginTransaction();
            c.Execute(sql, transaction: tx);
            // applied_at is SQLite's own wall clock: it records when the file changed, not emulator time.
            c.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @file, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                new { version, file }, tx);
            tx.Commit();
        }
        return (int)(c.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version") ?? 0);
    }
}
