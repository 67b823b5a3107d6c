using PatchLab.Domain.Model;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Hosting;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// PingStatus (reference 7.2): Online while the agent is connected; ConnectionLost after 2 missed 5-minute health
/// intervals [U]. Connected means a long-poll is open or the agent spoke in the last 45 s of real time, so a fast lab
/// clock does not make healthy agents flap.
/// </summary>
public sealed class PingStatusRule(AgentSignals signals, LabClock clock)
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
        if (signals.IsConnected(i.InstanceId, TimeSpan.FromSeconds(45)))
        {
            return "Online";
        }
        return i.LastPing is { } p && clock.GetUtcNow() - p < ConnectionLostAfter ? "Online" : "ConnectionLost";
    }
}
