using Microsoft.Extensions.Logging;
using PatchLab.Storage;

namespace PatchLab.Emulator.Hosting;

/// <summary>Records what the emulator does: in SQLite (shown by the dashboard) and in the process log.</summary>
public sealed class EventLog(EventRepository repo, LabClock clock, ILogger<EventLog> logger)
{
    /// <summary>Appends an event at the current emulator time.</summary>
    public void Add(string kind, string message)
    {
        repo.Append(clock.GetUtcNow(), kind, message);
        logger.LogInformation("[{Kind}] {Message}", kind, message);
    }
}
