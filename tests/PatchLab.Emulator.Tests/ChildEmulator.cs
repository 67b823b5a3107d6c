using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PatchLab.Contracts.Lab;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// The real `patchlab serve` binary as a child process (no Docker runtime), so a test can SIGKILL it and start it again on
/// the same state directory and port.
/// </summary>
internal sealed class ChildEmulator : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildEmulator(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Endpoint { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the emulator printed (for failure messages).</summary>
    public string Output => string.Join('\n', _output);

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Starts the emulator and waits until it answers; <paramref name="crashAt"/> arms PATCHLAB_CRASH_AT.</summary>
    public static async Task<ChildEmulator> StartAsync(string stateDir, int port, string? crashAt = null)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "patchlab.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--state-dir", stateDir, "--no-docker" })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["PATCHLAB_ROOT"] = EmulatorFixture.RepoRoot();
        psi.Environment.Remove("PATCHLAB_CRASH_AT");
        if (crashAt is not null)
        {
            psi.Environment["PATCHLAB_CRASH_AT"] = crashAt;
        }
        var child = new ChildEmulator(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = child.Endpoint, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"patchlab serve exited with {child._process.ExitCode} while starting:\n{child.Output}");
            }
            try
            {
                using var resp = await http.GetAsync(LabApi.Health);
                if (resp.IsSuccessStatusCode)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        await child.DisposeAsync();
        throw new TimeoutException($"patchlab serve did not answer on port {port} within 30 s:\n{child.Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 60 && _output.TryDequeue(out _))
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
