using PatchLab.Labs.Loading;
using LabFile = PatchLab.Labs.Model.Lab;
using PatchLab.Labs.Running;

namespace PatchLab.Emulator.Cli;

/// <summary>
/// <c>patchlab lab run FILE --headless</c>: a fresh in-process emulator on a temporary state directory, the lab applied,
/// run to its end, objectives evaluated, report.md / report.json / junit.xml written, everything it started removed.
/// </summary>
internal static class HeadlessLabRun
{
    /// <summary>Every objective passed.</summary>
    public const int Passed = 0;
    /// <summary>At least one objective failed.</summary>
    public const int ObjectiveFailed = 1;
    /// <summary>The lab file is invalid (nothing was started).</summary>
    public const int InvalidLab = 2;
    /// <summary>The lab could not be run to its end (no runtime, the emulator refused an item, real-time limit).</summary>
    public const int RunFailed = 3;

    /// <summary>Ctrl+C / SIGTERM: the run stopped early (everything it started is still removed).</summary>
    public const int Interrupted = 130;

    /// <summary>Options of one run.</summary>
    internal sealed record Settings(string File, string ReportDirectory, string Runtime, string RepositoryRoot, TimeSpan RealLimit);

    public static async Task<int> RunAsync(Settings s, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (Validate(s.File, error) is not { } lab)
        {
            return InvalidLab;
        }
        var stateDir = Path.Combine(Path.GetTempPath(), "patchlab-lab-" + Guid.NewGuid().ToString("N")[..10]);
        var options = new EmulatorOptions
        {
            Port = 0, StateDirectory = stateDir, Runtime = s.Runtime, RepositoryRoot = s.RepositoryRoot, LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        };
        void Log(string line)
        {
            lock (output)
            {
                output.WriteLine(line);
            }
        }
        LabSession? session = null;
        try
        {
            Log($"lab {lab.Name}: {lab.Clock.Start:yyyy-MM-ddTHH:mm:ssZ} → {lab.Until:yyyy-MM-ddTHH:mm:ssZ}, speed x{lab.Clock.Speed}{(lab.Clock.FastForward ? ", fast-forward when idle" : "")}");
            session = await LabSession.StartAsync(lab, options, deleteState: true, ct).ConfigureAwait(false);
            Log($"emulator on {session.Endpoint}; instance runtime: {session.RuntimeText}");
            var deployment = await new LabApplier(session.Ssm, session.Lab, Log).ApplyAsync(lab, ct).ConfigureAwait(false);
            var report = await new LabRunner(session.Ssm, session.Lab, Log).RunAsync(lab, deployment, s.RealLimit, ct).ConfigureAwait(false);
            report.Runtime = session.RuntimeText;
            ReportWriter.WriteAll(report, s.ReportDirectory);
            var passed = report.Objectives.Count(o => o.Passed);
            Log($"{report.Outcome.ToUpperInvariant()}: {passed} of {report.Objectives.Count} objective(s) passed; reports in {s.ReportDirectory}");
            foreach (var o in report.Objectives.Where(o => !o.Passed))
            {
                await error.WriteLineAsync($"objective failed: {o.Name}: {o.Description}: {o.Detail}").ConfigureAwait(false);
            }
            return report.Outcome switch { "passed" => Passed, "aborted" => RunFailed, _ => ObjectiveFailed };
        }
        catch (LabApplyException e)
        {
            await error.WriteLineAsync($"error: {s.File}: {e.Message}").ConfigureAwait(false);
            return RunFailed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync($"interrupted: {s.File} was not run to its end; no report written").ConfigureAwait(false);
            return Interrupted;
        }
        catch (Exception e) when (e is HttpRequestException or Amazon.Runtime.AmazonServiceException or IOException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {s.File}: the lab could not be run: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return RunFailed;
        }
        finally
        {
            if (session is not null)
            {
                Log("cleaning up: removing the lab's instances and stopping the emulator");
                await session.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                TryDelete(stateDir);
            }
        }
    }

    /// <summary>Loads a lab; on failure prints every diagnostic (file:line:column: …) and returns null.</summary>
    public static LabFile? Validate(string file, TextWriter error)
    {
        try
        {
            return LabLoader.LoadFile(file);
        }
        catch (LabLoadException e)
        {
            foreach (var d in e.Diagnostics)
            {
                error.WriteLine(d.ToString());
            }
            error.WriteLine($"{file}: {e.Diagnostics.Count} error(s); nothing was started");
            return null;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
