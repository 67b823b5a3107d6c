namespace PatchLab.Tui.Models;

/// <summary>
/// One part of a detail screen, loaded by its own SSM call: its items, or why there are none. A section the emulator
/// does not implement yet (or that failed) says so in <see cref="Unavailable"/> and the rest of the screen still shows.
/// </summary>
/// <param name="Items">Items, empty when unavailable.</param>
/// <param name="Unavailable">Why the items could not be read ("not available yet: …"), or null.</param>
/// <typeparam name="T">Item type.</typeparam>
public sealed record Section<T>(IReadOnlyList<T> Items, string? Unavailable = null)
{
    /// <summary>True when the items were read.</summary>
    public bool IsAvailable => Unavailable is null;
}
