using System.Globalization;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// The text that makes a container failure debuggable from the exception alone: id, state, exit code, the engine's
/// error and the last log lines (testcontainers' ContainerNotRunningException does the same).
/// </summary>
internal static class ContainerDiagnostics
{
    public const int LogLines = 20;

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>"container patchlab-i-0abc (3f2a...): state exited, exit code 3" plus the last log lines; never throws.</summary>
    public static async Task<string> DescribeAsync(DockerClient client, string containerName, string containerId, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Budget);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"container {containerName} ({containerId})");
        try
        {
            var inspect = await client.Containers.InspectContainerAsync(containerId, deadline.Token).ConfigureAwait(false);
            text.Append(CultureInfo.InvariantCulture, $": state {inspect.State?.Status ?? "unknown"}, exit code {inspect.State?.ExitCode}");
            if (!string.IsNullOrWhiteSpace(inspect.State?.Error))
            {
                text.Append(CultureInfo.InvariantCulture, $", engine error: {inspect.State.Error.Trim()}");
            }

            if (inspect.State?.OOMKilled == true)
            {
                text.Append(", killed by the memory limit (OOM)");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            text.Append(CultureInfo.InvariantCulture, $" (inspect failed: {DockerConnection.Describe(ex)})");
        }

        try
        {
            var lines = await TailAsync(client, containerId, deadline.Token).ConfigureAwait(false);
            if (lines.Count == 0)
            {
                text.Append("\n(no log output)");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\nLast {lines.Count} log lines:");
                foreach (var line in lines)
                {
                    text.Append("\n  ").Append(line);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n(logs unavailable: {DockerConnection.Describe(ex)})");
        }

        return text.ToString();
    }

    private static async Task<IReadOnlyList<string>> TailAsync(DockerClient client, string containerId, CancellationToken ct)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Tail = LogLines.ToString(CultureInfo.InvariantCulture),
        };
        using var stream = await client.Containers.GetContainerLogsAsync(containerId, parameters, ct).ConfigureAwait(false);
        // Read frame by frame so stdout and stderr lines keep their order.
        var all = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
            if (read.EOF)
            {
                break;
            }

            all.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
        }

        var lines = all.ToString().Replace("\r", "", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.Count > LogLines ? lines[^LogLines..] : lines;
    }
}
