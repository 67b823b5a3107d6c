using PatchLab.Domain.Model;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Hosting;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// PingStatus (reference 7.1, 7.2): Online while the agent is connected; ConnectionLost once it has been silent for 2
/// missed 5-minute health intervals, i.e. <see cref="ConnectionLostAfter"/> of emulator time [U: AWS does not document the
/// threshold]. Connected means a long-poll is open or the agent spoke within <see cref="EmulatorOptions.AgentSilenceGrace"/>
/// of real time, so a fast lab clock does not make healthy agents flap between two polls.
/// </summary>
/// <remarks>
/// A stopped instance (its container stopped: the agent is gone) and a paused container (the agent is frozen) follow the
/// same rule: they turn ConnectionLost 10 emulator minutes after the agent's last call, and at least the grace in real time
/// after it. DescribeInstanceInformation leaves stopped and terminated nodes out (reference 7.1); the lab API still lists
/// stopped ones as ConnectionLost and terminated ones as Inactive.
/// </remarks>
public sealed class PingStatusRule(AgentSignals signals, LabClock clock, EmulatorOptions options)
{
    /// <summary>Missed-heartbeat threshold in emulator time.</summary>
    public static readonly TimeSpan ConnectionLostAfter = TimeSpan.FromMinutes(10);

    /// <summary>The instance's ping status.</summary>
    public string Of(Instance i)
    {
        if (i.State == "terminated")
        {
            return "Inactive";
        }
        if (signals.IsConnected(i.InstanceId, options.AgentSilenceGrace))
        {
            return "Online";
        }
        return i.LastPing is { } p && clock.GetUtcNow() - p < ConnectionLostAfter ? "Online" : "ConnectionLost";
    }
}
