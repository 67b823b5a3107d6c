using PatchLab.Tui.Models;

namespace PatchLab.Tui.Tests.Models;

public sealed class DetailLoaderTests
{
    [Fact]
    public async Task Reload_SkipsWhileALoadIsRunning_ThenPublishesItsResult()
    {
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        using var loader = new DetailLoader<string>(_ => { calls++; return gate.Task; });
        var loaded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        loader.Loaded += (_, value) => loaded.TrySetResult(value);

        Assert.True(loader.Reload());
        Assert.False(loader.Reload());
        gate.SetResult("detail");

        Assert.Equal("detail", await loaded.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("detail", loader.Current);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Reload_ReportsAFailure_AndTriesAgainNextTime()
    {
        int calls = 0;
        var failures = new List<Exception>();
        using var loader = new DetailLoader<string>(_ => ++calls == 1 ? Task.FromException<string>(new HttpRequestException("refused")) : Task.FromResult("ok"));
        loader.Failed += (_, e) => failures.Add(e);

        loader.Reload();
        loader.Reload();

        Assert.Equal("refused", Assert.Single(failures).Message);
        Assert.Equal("ok", loader.Current);
    }

    [Fact]
    public async Task Dispose_CancelsTheRunningLoad_AndRaisesNothingMore()
    {
        CancellationToken seen = default;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new DetailLoader<string>(async ct =>
        {
            seen = ct;
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        });
        int events = 0;
        loader.Loaded += (_, _) => events++;
        loader.Failed += (_, _) => events++;

        loader.Reload();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        loader.Dispose();

        Assert.True(seen.IsCancellationRequested);
        Assert.False(loader.Reload());
        Assert.Equal(0, events);
    }
}
