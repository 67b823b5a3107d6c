namespace PatchLab.Tui.Models;

/// <summary>The lab clock as of one poll.</summary>
/// <param name="Now">Emulator time.</param>
/// <param name="Speed">Emulator seconds per real second.</param>
/// <param name="Paused">True when the clock is paused.</param>
public sealed record ClockState(DateTimeOffset Now, double Speed, bool Paused);
