namespace PatchLab.Tui.Models;

/// <summary>One entry of the emulator's event log.</summary>
/// <param name="Time">Emulator time.</param>
/// <param name="Kind">window, command, fleet, clock, agent.</param>
/// <param name="Message">Text.</param>
public sealed record EventItem(DateTimeOffset Time, string Kind, string Message);
