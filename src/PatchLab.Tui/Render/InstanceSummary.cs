using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>The instance screen's two summary lines.</summary>
public static class InstanceSummary
{
    /// <summary>Identity, ping, state, patch group and baseline; then compliance, the counts and the tags.</summary>
    public static IReadOnlyList<StyledLine> Build(InstanceItem instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return
        [
            StyledLine.Of(
                new TextSpan(string.IsNullOrEmpty(instance.Name) ? instance.InstanceId : instance.Name, Tone.Heading),
                new TextSpan($" {instance.InstanceId} · {Format.Text(instance.Os)} · "),
                new TextSpan(Format.Text(instance.PingStatus), Tones.Of(instance.PingStatus)),
                new TextSpan(" · "),
                new TextSpan(Format.Text(instance.State), Tones.Of(instance.State)),
                new TextSpan($" · group {Format.Text(instance.PatchGroup)} · baseline {Format.Baseline(instance.BaselineId)}")),
            StyledLine.Of(
                new TextSpan(string.IsNullOrEmpty(instance.Compliance) ? "never reported" : instance.Compliance, Tones.Of(instance.Compliance)),
                new TextSpan($" · installed {Format.Count(instance.Installed)} · missing {Format.Count(instance.Missing)}"
                    + $" · failed {Format.Count(instance.Failed)} · pending reboot {Format.Count(instance.PendingReboot)}"
                    + $" · {FleetRows.Tags(instance.Tags)}")),
        ];
    }
}
