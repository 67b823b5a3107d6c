using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;

namespace PatchLab.Emulator.Hosting;

/// <summary>The scheduler loop: a tick every 200 ms of real time, or sooner when an agent reports.</summary>
public sealed class SchedulerService(WindowEngine engine, CommandDispatcher dispatcher, AgentSignals signals, FleetService fleet, LabClock clock,
    ILogger<SchedulerService> logger)
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
                var wait = UntilNextDue(out var due);
                await signals.WaitForChangesAsync(wait, stoppingToken).ConfigureAwait(false);
                SpinUntil(due);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan SpinMargin = TimeSpan.FromMilliseconds(3);

    /// <summary>How long to wait: a tick, or less when a window is due sooner (less the spin margin, spun off in <see cref="SpinUntil"/>).</summary>
    private TimeSpan UntilNextDue(out DateTimeOffset? due)
    {
        due = null;
        if (engine.NextDue is not { } next || clock.EffectiveSpeed <= 0)
        {
            return Tick;
        }
        var real = clock.RealDelayFor(next - clock.GetUtcNow());
        if (real >= Tick)
        {
            return Tick;
        }
        due = next;
        return real > SpinMargin ? real - SpinMargin : TimeSpan.Zero;
    }

    /// <summary>
    /// The last milliseconds before a due window are spun, not slept: timer wake-ups are a millisecond or two late, which at
    /// x600 is a second of emulator time. Only on the system clock (a fake real-time clock would never get there), and bounded.
    /// </summary>
    private void SpinUntil(DateTimeOffset? due)
    {
        if (due is not { } d || !ReferenceEquals(clock.Real, TimeProvider.System) || clock.RealDelayFor(d - clock.GetUtcNow()) > SpinMargin + SpinMargin)
        {
            // No window due, a fake real-time clock, or woken early by an agent: the next pass waits again.
            return;
        }
        var started = clock.Real.GetTimestamp();
        while (clock.GetUtcNow() < d && clock.Real.GetElapsedTime(started) < SpinMargin + SpinMargin)
        {
            Thread.SpinWait(64);
        }
    }
}
