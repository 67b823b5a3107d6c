namespace PatchLab.Domain.RunCommand;

/// <summary>
/// Run Command rate control (reference 3.2): dispatch starts with one target, grows 1 → 3 → 7 … as targets acknowledge,
/// never exceeds MaxConcurrency, and stops dispatching once errors exceed MaxErrors.
/// </summary>
public sealed class ConcurrencyPlan
{
    private ConcurrencyPlan(int targets, int concurrency, int errorsAllowed)
    {
        TargetCount = targets;
        Concurrency = concurrency;
        ErrorsAllowed = errorsAllowed;
        Window = 1;
    }

    /// <summary>Resolved targets.</summary>
    public int TargetCount { get; }

    /// <summary>MaxConcurrency as a count (at least 1).</summary>
    public int Concurrency { get; }

    /// <summary>MaxErrors as a count: dispatch stops when errors exceed it.</summary>
    public int ErrorsAllowed { get; }

    /// <summary>Current ramp window (how many may be in flight now).</summary>
    public int Window { get; private set; }

    /// <summary>Builds a plan. Values must already be valid per the model patterns (see <see cref="IsValidMaxConcurrency"/>).</summary>
    public static ConcurrencyPlan Create(string maxConcurrency, string maxErrors, int targetCount)
    {
        var conc = Resolve(maxConcurrency, targetCount, ceiling: true);
        var errors = Resolve(maxErrors, targetCount, ceiling: false);
        return new ConcurrencyPlan(targetCount, Math.Max(conc, 1), errors);
    }

    /// <summary>MaxConcurrency pattern: ^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$ (0 and 0% invalid).</summary>
    public static bool IsValidMaxConcurrency(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$") && value.Length <= 7;

    /// <summary>MaxErrors pattern: ^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$ (0 and 0% valid).</summary>
    public static bool IsValidMaxErrors(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$") && value.Length <= 7;

    /// <summary>How many more targets may be dispatched now.</summary>
    /// <param name="inFlight">Dispatched and not finished.</param>
    /// <param name="remaining">Not yet dispatched.</param>
    /// <param name="errors">Errors so far (Failed + ExecutionTimedOut).</param>
    public int CanStart(int inFlight, int remaining, int errors)
    {
        if (ShouldStop(errors))
        {
            return 0;
        }
        var limit = Math.Min(Window, Concurrency);
        return Math.Clamp(limit - inFlight, 0, remaining);
    }

    /// <summary>A dispatched target acknowledged: the ramp grows (1 → 3 → 7 …, capped at MaxConcurrency).</summary>
    public void OnAcknowledged() => Window = (int)Math.Min((long)Window * 2 + 1, Concurrency);

    /// <summary>True when errors exceed MaxErrors: no more dispatches.</summary>
    public bool ShouldStop(int errors) => errors > ErrorsAllowed;

    // Percentages: concurrency rounds up (10% of 5 targets still lets one run), errors round down (10% of 50 = 5 → stop
    // at the 6th, as the docs' example says). [U] for the rounding.
    private static int Resolve(string value, int targets, bool ceiling)
    {
        if (value.EndsWith('%'))
        {
            var pct = int.Parse(value.AsSpan(0, value.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
            var exact = targets * pct / 100.0;
            return ceiling ? (int)Math.Ceiling(exact) : (int)Math.Floor(exact);
        }
        return int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
