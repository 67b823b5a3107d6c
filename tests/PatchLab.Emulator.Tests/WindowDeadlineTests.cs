using Amazon.SimpleSystemsManagement;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A running execution's end is a deadline the scheduler wakes for, like a window's start: at x300 a scheduler tick of
/// 200 ms is a minute of emulator time, so an execution settled at the next tick would end up to a minute late.
/// </summary>
public sealed class WindowDeadlineTests : IAsyncLifetime
{
    private const double Speed = 300;
    private EmulatorFixture _emu = null!;
    private FakeAgent? _agent;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync(speed: Speed);

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
        await _emu.DisposeAsync();
    }

    [Fact]
    public async Task AnExecutionStillRunningAtTheWindowEnd_EndsTimedOutAtTheEnd_NotAtTheNextTick()
    {
        // The task's work (3 emulator hours) outlasts the 1-hour window: the execution is TIMED_OUT when the window ends.
        _agent = FakeAgent.Launch(_emu, new() { ["Environment"] = "Production" }, workTime: TimeSpan.FromHours(3), emulatorTime: true);
        await _agent.WaitRegisteredAsync(_emu);
        var id = await WindowKit.CreateWindowAsync(_emu.Ssm, duration: 1, cutoff: 0, allowUnassociated: true);
        await WindowKit.RegisterShellTaskAsync(_emu.Ssm, id, WindowKit.InstanceIds(_agent.InstanceId));

        var exec = await WindowKit.StartAsync(_emu.Ssm, _emu.Lab, id);
        var ended = await WindowKit.WaitEndedAsync(_emu.Ssm, exec.WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.TIMED_OUT, ended.Status);
        var end = Utc(ended.StartTime!.Value).AddHours(1);
        var late = Utc(ended.EndTime!.Value) - end;
        // 30 emulator seconds = 100 ms of real time at x300: room for a loaded machine, half of a tick's worst case.
        Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc));
}
