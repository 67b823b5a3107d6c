namespace PatchLab.Domain.Scheduling;

/// <summary>
/// Maps wall-clock times of a zone to instants with PatchLab's DST rule (reference 1.4 step 7, [U]): a local time skipped by a
/// spring-forward gap does not exist; a local time repeated by a fall-back overlap denotes its first (earliest) instant.
/// </summary>
internal static class ZoneClock
{
    /// <summary>The wall-clock time of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateTime ToWall(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>
    /// The instant <paramref name="wall"/> denotes, or <see langword="null"/> when the zone skips it; a repeated time gives its
    /// earliest instant. The result carries the zone's offset at that instant.
    /// </summary>
    public static DateTimeOffset? ToInstantOrSkip(DateTime wall, TimeZoneInfo zone)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            return null;
        }

        if (zone.IsAmbiguousTime(wall))
        {
            // The earliest instant of a repeated time is the one with the larger UTC offset (the daylight one).
            var offsets = zone.GetAmbiguousTimeOffsets(wall);
            return new DateTimeOffset(wall, offsets.Max());
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>
    /// Like <see cref="ToInstantOrSkip"/>, but a skipped time moves forward by the length of the gap (02:30 in a 02:00-03:00 gap
    /// becomes 03:30 daylight time). Used for the single run of <c>at(...)</c>, which would otherwise never run.
    /// </summary>
    public static DateTimeOffset ToInstantShiftForward(DateTime wall, TimeZoneInfo zone)
    {
        if (ToInstantOrSkip(wall, zone) is { } instant)
        {
            return instant;
        }

        // The offset in force before the gap: a day earlier is before the transition in every real zone.
        var before = zone.GetUtcOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified).AddDays(-1));
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), before), zone);
    }
}
