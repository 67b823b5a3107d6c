using Dapper;

namespace PatchLab.Storage;

/// <summary>Small key/value settings (session id, clock state).</summary>
public sealed class MetaRepository(Database db)
{
    /// <summary>Reads a value.</summary>
    public string? Get(string key)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<string>("SELECT value FROM meta WHERE key=@key", new { key });
    }

    /// <summary>Writes a value.</summary>
    public void Set(string key, string value)
    {
        using var c = db.Open();
        c.Execute("INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value=excluded.value", new { key, value });
    }
}
