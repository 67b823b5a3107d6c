using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatchLab.Emulator.Hosting;

namespace PatchLab.Emulator.Faults;

/// <summary>The fault loop: a <see cref="FaultEngine.TickAsync"/> every 250 ms of real time.</summary>
public sealed class FaultService(FaultEngine engine, LabClock clock, ILogger<FaultService> logger) : BackgroundService
{
    /// <summary>Real time between two passes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.TickAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, clock.Real, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Log and go on: one failing pass (the engine down, say) must not stop faults from ending.
                logger.LogError(e, "Fault tick failed");
                await Task.Delay(Interval, clock.Real, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
