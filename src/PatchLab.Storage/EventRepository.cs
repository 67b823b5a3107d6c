using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>The emulator's event log.</summary>
public sealed class EventRepository(Database db)
{
    /// <summary>Appends an event.</summary>
    public void Append(DateTimeOffset time, string kind, string message)
    {
        using var c = db.Open();
        c.Execute("INSERT INTO events (time, kind, message) VALUES (@t, @kind, @message)", new { t = Database.Ts(time), kind, message });
    }

    /// <summary>The latest events, oldest first.</summary>
    public IReadOnlyList<LabEvent> Latest(int count)
    {
        using var c = db.Open();
        return c.Query<(long Id, string Time, string Kind, string Message)>("SELECT id, time, kind, message FROM events ORDER BY id DESC LIMIT @count", new { count })
            .Reverse().Select(r => new LabEvent(r.Id, Database.ParseTs(r.Time), r.Kind, r.Message)).ToList();
    }
}
