using PatchLab.Contracts.Lab;

namespace PatchLab.Labs.Running;

/// <summary>What applying a lab created, by lab name.</summary>
public sealed class LabDeployment
{
    /// <summary>Instance Name tag → instance id.</summary>
    public Dictionary<string, string> Instances { get; } = new(StringComparer.Ordinal);
    /// <summary>Baseline name → pb-… id.</summary>
    public Dictionary<string, string> Baselines { get; } = new(StringComparer.Ordinal);
    /// <summary>Window name → mw-… id.</summary>
    public Dictionary<string, string> Windows { get; } = new(StringComparer.Ordinal);
    /// <summary>"window/target" → window target id.</summary>
    public Dictionary<string, string> Targets { get; } = new(StringComparer.Ordinal);
    /// <summary>Faults as the emulator recorded them.</summary>
    public List<FaultDto> Faults { get; } = [];
}
