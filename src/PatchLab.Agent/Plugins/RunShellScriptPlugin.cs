using System.Diagnostics;
using System.Globalization;
using System.Text;
using PatchLab.Agent.Hosting;
using PatchLab.Agent.State;

namespace PatchLab.Agent.Plugins;

/// <summary>
/// aws:runShellScript: runs the joined <c>commands</c> with <c>/bin/sh -c</c>, captures standard output and error
/// (capped as GetCommandInvocation does) and the exit code. Exit 194 asks for a reboot; the step re-runs after the
/// boot, so scripts must be idempotent, as on AWS.
/// </summary>
internal sealed class RunShellScriptPlugin : IStepPlugin
{
    public const string StepName = "aws:runShellScript";
    private const int DefaultExecutionTimeoutSeconds = 3600;

    private readonly AgentOptions _options;
    private readonly TimeProvider _time;

    public RunShellScriptPlugin(AgentOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var parameters = context.Document.Message.Parameters;
        var commands = parameters.TryGetValue("commands", out var lines) ? lines : [];
        var script = string.Join('\n', commands);

        // executionTimeout counts REAL seconds: a shell script is a real process that the emulator clock cannot speed up.
        var timeoutSeconds = DefaultExecutionTimeoutSeconds;
        if (First(parameters, "executionTimeout") is { Length: > 0 } timeoutText
            && (!int.TryParse(timeoutText, NumberStyles.Integer, CultureInfo.InvariantCulture, out timeoutSeconds) || timeoutSeconds <= 0))
        {
            return StepOutcome.Failed(1, "", $"Invalid executionTimeout '{timeoutText}': expected a positive number of seconds.");
        }

        string workingDirectory;
        if (First(parameters, "workingDirectory") is { Length: > 0 } requested)
        {
            if (!Directory.Exists(requested))
            {
                return StepOutcome.Failed(1, "", $"Failed to run commands: working directory {requested} does not exist.");
            }
            workingDirectory = requested;
        }
        else
        {
            workingDirectory = Path.Combine(_options.StatePath, "orchestration", DocumentStore.FileName(context.Document.Message.CommandId), "awsrunShellScript");
            Directory.CreateDirectory(workingDirectory);
        }

        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        startInfo.Environment.Remove("PATCHLAB_TOKEN");
        startInfo.Environment["AWS_SSM_INSTANCE_ID"] = _options.InstanceId;
        startInfo.Environment["AWS_SSM_REGION_NAME"] = "us-east-1";

        Process process;
        try
        {
            process = ChildProcesses.Start(startInfo);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return StepOutcome.Failed(1, "", $"Failed to run commands: {ex.Message}");
        }

        using (process)
        {
            var pid = process.Id;
            var stdout = new CappedCapture(StepOutputText.MaxOutput);
            var stderr = new CappedCapture(StepOutputText.MaxError);
            var readers = Task.WhenAll(stdout.ReadAllAsync(process.StandardOutput), stderr.ReadAllAsync(process.StandardError));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds), _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = !ct.IsCancellationRequested;
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                ChildProcesses.Forget(pid);
            }

            // A background child (`daemon &`) may hold the pipes open after the shell exited: keep what arrived within a
            // grace period and stop waiting.
            await Task.WhenAny(readers, Task.Delay(TimeSpan.FromSeconds(2), _time, CancellationToken.None)).ConfigureAwait(false);
            var output = stdout.Text;
            var error = stderr.Text;

            ct.ThrowIfCancellationRequested();
            if (timedOut)
            {
                return new StepOutcome(StepStatus.TimedOut, StepOutcome.StoppedPreemptivelyExitCode, output,
                    StepOutputText.Cap(AppendLine(error, $"failed to run commands: the script timed out after {timeoutSeconds} s"), StepOutputText.MaxError));
            }

            var code = process.ExitCode;
            if (code == Contracts.Agent.AgentProtocol.RebootExitCodeLinux)
            {
                return StepOutcome.Reboot(output, error);
            }
            return code == 0
                ? new StepOutcome(StepStatus.Success, 0, output, error)
                : StepOutcome.Failed(code, output, StepOutputText.Cap(AppendLine(error, $"failed to run commands: exit status {code}"), StepOutputText.MaxError));
        }
    }

    private static string? First(Dictionary<string, List<string>> parameters, string name) =>
        parameters.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static string AppendLine(string text, string line) => text.Length == 0 || text.EndsWith('\n') ? text + line : text + "\n" + line;

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
