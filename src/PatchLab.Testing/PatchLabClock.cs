using PatchLab.Client;
using PatchLab.Contracts.Lab;

namespace PatchLab.Testing;

/// <summary>The emulator's lab clock, as a test drives it: read, speed up, pause, jump.</summary>
public sealed class PatchLabClock
{
    private readonly LabClient _lab;

    internal PatchLabClock(LabClient lab) => _lab = lab;

    /// <summary>The emulator's current time.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken ct = default) => (await _lab.GetClockAsync(ct).ConfigureAwait(false)).Now;

    /// <summary>Runs the clock at <paramref name="speed"/> emulator seconds per real second.</summary>
    public Task<ClockDto> SetSpeedAsync(double speed, CancellationToken ct = default)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Clock speed must be a positive number of emulator seconds per real second, e.g. 60.");
        }
        return _lab.ChangeClockAsync(new ClockChangeRequest { Speed = speed }, ct);
    }

    /// <summary>Stops emulator time (nothing scheduled fires until <see cref="ResumeAsync"/> or a jump).</summary>
    public Task<ClockDto> PauseAsync(CancellationToken ct = default) => _lab.ChangeClockAsync(new ClockChangeRequest { Paused = true }, ct);

    /// <summary>Lets emulator time run again.</summary>
    public Task<ClockDto> ResumeAsync(CancellationToken ct = default) => _lab.ChangeClockAsync(new ClockChangeRequest { Paused = false }, ct);

    /// <summary>Jumps forward to <paramref name="instant"/> (windows due on the way fire, in order).</summary>
    public Task<ClockDto> JumpToAsync(DateTimeOffset instant, CancellationToken ct = default) =>
        _lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = instant }, ct);

    /// <summary>Jumps forward by <paramref name="span"/>.</summary>
    public async Task<ClockDto> AdvanceAsync(TimeSpan span, CancellationToken ct = default)
    {
        if (span < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(span), span, "The lab clock only moves forward.");
        }
        return await JumpToAsync(await NowAsync(ct).ConfigureAwait(false) + span, ct).ConfigureAwait(false);
    }

    /// <summary>Jumps to the next execution of maintenance window <paramref name="windowId"/> (it then fires).</summary>
    public Task<ClockDto> JumpToNextExecutionAsync(string windowId, CancellationToken ct = default) => _lab.JumpToNextExecutionAsync(windowId, ct);
}
