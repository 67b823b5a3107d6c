using PatchLab.Contracts.Lab;

namespace PatchLab.Labs.Running;

/// <summary>The outcome of one objective.</summary>
public sealed class ObjectiveResult
{
    /// <summary>Objective name.</summary>
    public string Name { get; set; } = "";
    /// <summary>What it checks, in words.</summary>
    public string Description { get; set; } = "";
    /// <summary>True when it held.</summary>
    public bool Passed { get; set; }
    /// <summary>What was found (why it failed, or the evidence it passed).</summary>
    public string Detail { get; set; } = "";
    /// <summary>Emulator time it was evaluated at.</summary>
    public DateTimeOffset EvaluatedAt { get; set; }
}

/// <summary>Everything a headless run writes to report.md, report.json and junit.xml.</summary>
public sealed class LabReport
{
    /// <summary>Lab name.</summary>
    public string Lab { get; set; } = "";
    /// <summary>Lab file.</summary>
    public string SourceFile { get; set; } = "";
    /// <summary>"passed", "failed" (an objective failed) or "aborted" (the run could not reach its end).</summary>
    public string Outcome { get; set; } = "";
    /// <summary>Why the run was aborted, when it was.</summary>
    public string? AbortReason { get; set; }
    /// <summary>Instance runtime (docker, process).</summary>
    public string Runtime { get; set; } = "";
    /// <summary>Emulator time the lab started.</summary>
    public DateTimeOffset ClockStart { get; set; }
    /// <summary>Emulator time the run ended.</summary>
    public DateTimeOffset ClockEnd { get; set; }
    /// <summary>Real seconds from the end of the apply to the end of the run.</summary>
    public double RealSeconds { get; set; }
    /// <summary>Instance Name → id.</summary>
    public Dictionary<string, string> Instances { get; set; } = [];
    /// <summary>Window name → id.</summary>
    public Dictionary<string, string> Windows { get; set; } = [];
    /// <summary>Objective results, in lab order.</summary>
    public List<ObjectiveResult> Objectives { get; set; } = [];
    /// <summary>The emulator's event log during the run, oldest first.</summary>
    public List<EventRow> Timeline { get; set; } = [];
}
