using PatchLab.Domain.RunCommand;

namespace PatchLab.Domain.Tests.RunCommand;

public sealed class ConcurrencyPlanTests
{
    [Theory]
    // Plain counts.
    [InlineData("5", "1", 6, 5, 1)]
    [InlineData("50", "0", 3, 50, 0)]
    // Percentages: concurrency rounds up (10% of 5 still runs one), errors round down (10% of 50 = 5: stop at the 6th, as the docs say).
    [InlineData("10%", "10%", 50, 5, 5)]
    [InlineData("10%", "10%", 5, 1, 0)]
    [InlineData("100%", "100%", 8, 8, 8)]
    [InlineData("1%", "0%", 250, 3, 0)]
    public void Create_ResolvesCountsAndPercentages(string conc, string errors, int targets, int expectedConc, int expectedErrors)
    {
        var plan = ConcurrencyPlan.Create(conc, errors, targets);
        Assert.Equal(expectedConc, plan.Concurrency);
        Assert.Equal(expectedErrors, plan.ErrorsAllowed);
    }

    [Fact]
    public void Ramp_StartsWithOne_ThenGrows1_3_7_CappedAtMaxConcurrency()
    {
        var plan = ConcurrencyPlan.Create("5", "1", 20);
        Assert.Equal(1, plan.CanStart(inFlight: 0, remaining: 20, errors: 0));
        plan.OnAcknowledged();
        Assert.Equal(3, plan.Window);
        Assert.Equal(2, plan.CanStart(inFlight: 1, remaining: 19, errors: 0));
        plan.OnAcknowledged();
        Assert.Equal(5, plan.Window); // 7 capped at 5
        Assert.Equal(0, plan.CanStart(inFlight: 5, remaining: 10, errors: 0));
        Assert.Equal(2, plan.CanStart(inFlight: 3, remaining: 2, errors: 0));
    }

    [Theory]
    // MaxErrors 1: the 2nd error stops dispatch; MaxErrors 0: the first; MaxErrors 3: the 4th.
    [InlineData("1", 1, false)]
    [InlineData("1", 2, true)]
    [InlineData("0", 1, true)]
    [InlineData("3", 3, false)]
    [InlineData("3", 4, true)]
    public void ShouldStop_WhenErrorsExceedMaxErrors(string maxErrors, int errors, bool stops)
    {
        var plan = ConcurrencyPlan.Create("10", maxErrors, 50);
        Assert.Equal(stops, plan.ShouldStop(errors));
        Assert.Equal(stops ? 0 : 1, plan.CanStart(0, 10, errors));
    }

    [Theory]
    [InlineData("0", false)] // 0 and 0% are invalid concurrency
    [InlineData("0%", false)]
    [InlineData("5", true)]
    [InlineData("25%", true)]
    [InlineData("100%", true)]
    [InlineData("101%", false)]
    [InlineData("05", false)]
    public void IsValidMaxConcurrency_FollowsTheModelPattern(string value, bool valid) => Assert.Equal(valid, ConcurrencyPlan.IsValidMaxConcurrency(value));

    [Theory]
    [InlineData("0", true)] // 0 and 0% are valid errors
    [InlineData("0%", true)]
    [InlineData("1", true)]
    [InlineData("100%", true)]
    [InlineData("-1", false)]
    public void IsValidMaxErrors_FollowsTheModelPattern(string value, bool valid) => Assert.Equal(valid, ConcurrencyPlan.IsValidMaxErrors(value));
}
