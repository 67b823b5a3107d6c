using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;

namespace PatchLab.Emulator.Hosting;

/// <summary>The scheduler loop: a tick every 200 ms of real time, or sooner when an agent reports.</summary>
public sealed class SchedulerService(WindowEngine engine, CommandDispatcher dispatcher, AgentSignals signals, FleetService fleet, ILogger<SchedulerService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await fleet.ReconcileAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not re-adopt instances from the runtime");
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            // Each pass on its own: a failing window tick must not hold Run Command dispatch back, nor the reverse.
            foreach (var (name, tick) in new (string, Action)[] { ("Window", engine.Tick), ("Command dispatch", dispatcher.Tick) })
            {
                try
                {
                    tick();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Log and go on (amazon-ssm-agent style): one bad tick must not stop the scheduler.
                    logger.LogError(e, "{Pass} tick failed", name);
                }
            }
            try
            {
                await signals.WaitForChangesAsync(TimeSpan.FromMilliseconds(200), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
