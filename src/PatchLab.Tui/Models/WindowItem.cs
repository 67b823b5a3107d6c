namespace PatchLab.Tui.Models;

/// <summary>One maintenance window, as the windows view shows it.</summary>
public sealed record WindowItem
{
    /// <summary>mw-...</summary>
    public required string WindowId { get; init; }
    /// <summary>Name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Schedule as written: cron(...), rate(...) or at(...).</summary>
    public string Schedule { get; init; } = "";
    /// <summary>Schedule in words, with its zone ("At 05:00 on Tuesday (UTC)"); empty when the emulator gave none.</summary>
    public string ScheduleDescription { get; init; } = "";
    /// <summary>IANA time zone, empty for UTC.</summary>
    public string ScheduleTimezone { get; init; } = "";
    /// <summary>Next execution, null when none.</summary>
    public DateTimeOffset? NextExecution { get; init; }
    /// <summary>Enabled.</summary>
    public bool Enabled { get; init; }
    /// <summary>Status of the last execution, empty when none.</summary>
    public string LastStatus { get; init; } = "";
    /// <summary>Duration in hours.</summary>
    public int Duration { get; init; }
    /// <summary>Cutoff in hours.</summary>
    public int Cutoff { get; init; }
    /// <summary>Registered targets.</summary>
    public IReadOnlyList<WindowTargetItem> Targets { get; init; } = [];
    /// <summary>Registered tasks by priority, each with the instances it would run on now.</summary>
    public IReadOnlyList<WindowTaskItem> Tasks { get; init; } = [];
}
