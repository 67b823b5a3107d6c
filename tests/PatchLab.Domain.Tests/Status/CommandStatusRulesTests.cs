using PatchLab.Domain.Status;

namespace PatchLab.Domain.Tests.Status;

public sealed class CommandStatusRulesTests
{
    private static readonly InvocationStatus S = InvocationStatus.Success, F = InvocationStatus.Failed, P = InvocationStatus.Pending,
        I = InvocationStatus.InProgress, D = InvocationStatus.DeliveryTimedOut, X = InvocationStatus.ExecutionTimedOut, U = InvocationStatus.Undeliverable;

    public static TheoryData<InvocationStatus[], int, string, string> Cases => new()
    {
        // All success → Success.
        { [S, S, S], 0, "Success", "Success" },
        // Undeliverable nodes are ignored when at least one succeeded.
        { [S, U], 0, "Success", "Success" },
        // All undeliverable → Failed.
        { [U, U], 0, "Failed", "Failed" },
        // Still running.
        { [S, I], 0, "InProgress", "InProgress" },
        { [P, P], 0, "Pending", "Pending" },
        // Errors reaching max(MaxErrors, 1) → Failed.
        { [S, F], 0, "Failed", "Failed" },
        { [F, F, S], 1, "Failed", "Failed" },
        // Under the threshold → Incomplete (coarse Failed).
        { [F, S, S], 2, "Failed", "Incomplete" },
        // The reference reads "errors ≥ max(MaxErrors, 1) → Failed": one error with MaxErrors 1 fails the command.
        { [F, S, S], 1, "Failed", "Failed" },
        // Execution timeouts dominate → TimedOut/ExecutionTimedOut.
        { [X, X, F], 0, "TimedOut", "ExecutionTimedOut" },
        // Only delivery timeouts → TimedOut/DeliveryTimedOut; they do not count as errors.
        { [D, D], 0, "TimedOut", "DeliveryTimedOut" },
        // No targets → NoInstancesInTag.
        { [], 0, "Success", "NoInstancesInTag" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merge_AggregatesInvocations(InvocationStatus[] invocations, int errorsAllowed, string status, string details)
    {
        var merged = CommandStatusRules.Merge(invocations, errorsAllowed);
        Assert.Equal(status, merged.Status);
        Assert.Equal(details, merged.Details);
    }

    [Fact]
    public void Count_CountsOnlyFailedAndExecutionTimedOutAsErrors()
    {
        var c = CommandStatusRules.Count([S, F, X, D, U, I]);
        Assert.Equal(6, c.TargetCount);
        Assert.Equal(5, c.CompletedCount);
        Assert.Equal(2, c.ErrorCount);
        Assert.Equal(1, c.DeliveryTimedOutCount);
    }

    [Theory]
    [InlineData("Success", "SUCCESS")]
    [InlineData("Failed", "FAILED")]
    [InlineData("ExecutionTimedOut", "TIMED_OUT")]
    [InlineData("DeliveryTimedOut", "TIMED_OUT")]
    [InlineData("Terminated", "CANCELLED")]
    [InlineData("Pending", "PENDING")]
    [InlineData("InProgress", "IN_PROGRESS")]
    public void WindowStatus_MapsRunCommandDetailsToWindowStatuses(string details, string window) =>
        Assert.Equal(window, InvocationStatus.FromDetails(details).WindowStatus);
}
