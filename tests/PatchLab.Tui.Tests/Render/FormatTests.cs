using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class FormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    [Theory]
    // reached or passed: the window is due, never a negative countdown
    [InlineData(-3600, "due")]
    [InlineData(0, "due")]
    [InlineData(0.5, "due")]
    // seconds, then minutes and seconds
    [InlineData(1, "in 1s")]
    [InlineData(59, "in 59s")]
    [InlineData(60, "in 1m 00s")]
    [InlineData(3599, "in 59m 59s")]
    // hours and minutes; seconds are dropped, never rounded up
    [InlineData(3600, "in 1h 00m")]
    [InlineData(3659, "in 1h 00m")]
    [InlineData(86399, "in 23h 59m")]
    // days and hours: the brief's "in 2d 03h"
    [InlineData(86400, "in 1d 00h")]
    [InlineData(2 * 86400 + 3 * 3600 + 5 * 60, "in 2d 03h")]
    [InlineData(400 * 86400, "in 400d 00h")]
    public void Countdown_ShowsTwoUnits_FromEmulatorNow(double seconds, string expected) =>
        Assert.Equal(expected, Format.Countdown(Now.AddSeconds(seconds), Now));

    [Fact]
    public void Countdown_IsDash_WhenNoNextExecution() => Assert.Equal("-", Format.Countdown(null, Now));

    [Theory]
    [InlineData(60, "x60")]
    [InlineData(1, "x1")]
    [InlineData(0.5, "x0.5")]
    [InlineData(0.125, "x0.125")]
    // thirds are cut to three decimals
    [InlineData(1.0 / 3, "x0.333")]
    [InlineData(3600, "x3600")]
    public void Speed_IsAFactor(double speed, string expected) => Assert.Equal(expected, Format.Speed(speed));

    [Fact]
    public void ClockTime_IsUtcWithZ_WhenGivenAnOffset() =>
        Assert.Equal("2026-12-06 02:00:13Z", Format.ClockTime(new DateTimeOffset(2026, 12, 6, 3, 0, 13, TimeSpan.FromHours(1))));

    [Fact]
    public void Time_DropsTheYear_AndIsDashForNull()
    {
        Assert.Equal("12-06 02:00:13", Format.Time(Now));
        Assert.Equal("-", Format.Time(null));
    }

    [Theory]
    [InlineData(null, "-")]
    [InlineData(0, "0")]
    [InlineData(1234, "1234")]
    public void Count_IsDash_BeforeTheFirstReport(int? count, string expected) => Assert.Equal(expected, Format.Count(count));
}
