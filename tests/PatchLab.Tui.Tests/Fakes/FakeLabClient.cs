using PatchLab.Client;
using PatchLab.Contracts.Lab;

namespace PatchLab.Tui.Tests.Fakes;

/// <summary>A hand-written ILabClient: scripted overviews, recorded clock changes, optional gate to hold a poll open.</summary>
internal sealed class FakeLabClient : ILabClient
{
    private readonly Lock _gate = new();
    private int _overviewCalls;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The overview for call n (1-based); throw from it to fail that poll.</summary>
    public Func<int, OverviewDto> Overview { get; set; } = _ => LabFixture.Overview();

    /// <summary>When set, every GetOverviewAsync waits for it (a slow emulator).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>When set, clock calls throw it.</summary>
    public Exception? ClockError { get; set; }

    public int OverviewCalls => Volatile.Read(ref _overviewCalls);

    public int MaxConcurrentOverviews => Volatile.Read(ref _maxInFlight);

    public List<ClockChangeRequest> ClockChanges { get; } = [];

    public List<string> Jumps { get; } = [];

    public async Task<OverviewDto> GetOverviewAsync(CancellationToken ct)
    {
        int call = Interlocked.Increment(ref _overviewCalls);
        int inFlight = Interlocked.Increment(ref _inFlight);
        lock (_gate)
        {
            _maxInFlight = Math.Max(_maxInFlight, inFlight);
        }

        try
        {
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(ct);
            }

            return Overview(call);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task<ClockDto> GetClockAsync(CancellationToken ct) => Task.FromResult(Overview(0).Clock);

    public Task<ClockDto> ChangeClockAsync(ClockChangeRequest change, CancellationToken ct)
    {
        if (ClockError is { } error)
        {
            return Task.FromException<ClockDto>(error);
        }

        ClockChanges.Add(change);
        ClockDto clock = LabFixture.Clock();
        return Task.FromResult(new ClockDto
        {
            Now = change.JumpTo ?? clock.Now,
            Speed = change.Speed ?? clock.Speed,
            Paused = change.Paused ?? clock.Paused,
        });
    }

    public Task<ClockDto> JumpToNextExecutionAsync(string windowId, CancellationToken ct)
    {
        if (ClockError is { } error)
        {
            return Task.FromException<ClockDto>(error);
        }

        Jumps.Add(windowId);
        return Task.FromResult(new ClockDto { Now = LabFixture.Now.AddDays(2).AddHours(3), Speed = 60 });
    }
}
