using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatchLab.Emulator.Backend;

namespace PatchLab.Emulator.Hosting;

/// <summary>
/// Re-adopts the fleet every few seconds of real time (<see cref="FleetService.ReconcileAsync"/>), so instances survive a
/// Docker engine restart while the emulator runs: the engine stops every container, and this starts again the ones that
/// should be running. The first pass at start is the scheduler's.
/// </summary>
public sealed class FleetWatchService(FleetService fleet, LabClock clock, ILogger<FleetWatchService> logger) : BackgroundService
{
    /// <summary>Real time between two passes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock.Real, stoppingToken).ConfigureAwait(false);
                await fleet.ReconcileAsync(stoppingToken, startup: false).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The engine may be down right now (that is when this matters): say so and try again next time.
                logger.LogWarning("Fleet re-adoption pass failed: {Message}", e.Message);
            }
        }
    }
}
