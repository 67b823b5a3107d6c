namespace PatchLab.Tui.Models;

/// <summary>Exponential backoff between failed polls: 1s, 2s, 4s, 8s, then 10s.</summary>
public static class RetryBackoff
{
    /// <summary>Delay after the first failure.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    /// <summary>Longest delay.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the next poll after <paramref name="consecutiveFailures"/> failures in a row.</summary>
    public static TimeSpan After(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        // 2^(n-1) seconds; the shift is capped so a long outage cannot overflow.
        int shift = Math.Min(consecutiveFailures - 1, 16);
        TimeSpan delay = Initial * (1L << shift);
        return delay < Max ? delay : Max;
    }
}
