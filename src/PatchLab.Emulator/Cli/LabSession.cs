using Amazon.SimpleSystemsManagement;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PatchLab.Client;
using PatchLab.Emulator.Backend;
using LabFile = PatchLab.Labs.Model.Lab;
using PatchLab.Labs.Running;

namespace PatchLab.Emulator.Cli;

/// <summary>
/// An emulator started for one lab (its clock at the lab's start), its clients, and the clean-up that removes every instance
/// it launched, stops it and (for a throw-away state directory) deletes its state. Clean-up is idempotent and also runs on
/// process exit: System.CommandLine gives an action 2 s after Ctrl+C before Main returns, and containers take longer to remove.
/// </summary>
internal sealed class LabSession : IAsyncDisposable
{
    private readonly Lazy<Task> _cleanup;
    private readonly bool _deleteState;

    private LabSession(WebApplication app, EmulatorOptions options, bool deleteState)
    {
        App = app;
        Options = options;
        _deleteState = deleteState;
        Endpoint = EmulatorHost.HttpAddress(app);
        Ssm = SsmClientFactory.Create(Endpoint);
        Lab = new LabClient(Endpoint);
        Runtime = app.Services.GetRequiredService<FleetRuntime>();
        _cleanup = new Lazy<Task>(CleanupAsync);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public WebApplication App { get; }
    public EmulatorOptions Options { get; }
    public Uri Endpoint { get; }
    public IAmazonSimpleSystemsManagement Ssm { get; }
    public LabClient Lab { get; }
    public FleetRuntime Runtime { get; }

    public string RuntimeText => Runtime.Fleet is { } f ? $"{f.RuntimeName} ({Runtime.Choice})" : $"none ({Runtime.Reason})";

    /// <summary>Starts an emulator for <paramref name="lab"/>; fails (leaving nothing behind) when the lab has a fleet and no runtime can run it.</summary>
    public static async Task<LabSession> StartAsync(LabFile lab, EmulatorOptions options, bool deleteState, CancellationToken ct)
    {
        options = options with { ClockStart = lab.Clock.Start, Speed = lab.Clock.Speed };
        var app = await EmulatorHost.BuildAsync(options, ct).ConfigureAwait(false);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var session = new LabSession(app, options, deleteState);
        if (lab.Fleet.Count > 0 && session.Runtime.Fleet is null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new LabApplyException($"the lab launches instances but no instance runtime is available: {session.Runtime.Reason}");
        }
        return session;
    }

    private void OnProcessExit(object? sender, EventArgs e) => _cleanup.Value.Wait(TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync()
    {
        await _cleanup.Value.ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    private async Task CleanupAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            // Straight through the fleet service, not the HTTP API: on Ctrl+C the host's own console lifetime may already
            // have stopped the web server.
            if (Runtime.Fleet is not null)
            {
                await App.Services.GetRequiredService<FleetService>().DownAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or PatchLab.Domain.Ports.FleetException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"warning: removing the lab's instances failed ({e.Message}); `patchlab fleet down` or the patchlab.session-id label finds them").ConfigureAwait(false);
        }
        finally
        {
            Ssm.Dispose();
            Lab.Dispose();
            await App.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await App.DisposeAsync().ConfigureAwait(false);
            if (_deleteState)
            {
                try
                {
                    Directory.Delete(Options.StateDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
