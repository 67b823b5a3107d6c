using PatchLab.Contracts.Lab;

namespace PatchLab.Client;

/// <summary>What the dashboard needs from the emulator (a seam for tests).</summary>
public interface ILabClient
{
    /// <summary>Everything the dashboard shows.</summary>
    Task<OverviewDto> GetOverviewAsync(CancellationToken ct);

    /// <summary>The lab clock.</summary>
    Task<ClockDto> GetClockAsync(CancellationToken ct);

    /// <summary>Changes speed, pauses/resumes, or jumps forward.</summary>
    Task<ClockDto> ChangeClockAsync(ClockChangeRequest change, CancellationToken ct);

    /// <summary>Jumps the clock to a window's next execution.</summary>
    Task<ClockDto> JumpToNextExecutionAsync(string windowId, CancellationToken ct);
}
