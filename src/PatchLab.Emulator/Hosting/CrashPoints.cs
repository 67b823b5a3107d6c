using System.Diagnostics;

namespace PatchLab.Emulator.Hosting;

/// <summary>
/// Named points in the window engine where a durability test can make the emulator die abruptly (SIGKILL to itself: no
/// finally blocks, no flushes), the way etcd's failpoints work. Set <c>PATCHLAB_CRASH_AT</c> to a point's name; the
/// process kills itself the first time it gets there. Unset, every call is one string comparison against null.
/// </summary>
internal static class CrashPoints
{
    /// <summary>After a window execution and its task executions are committed, before any task starts.</summary>
    public const string ExecutionStarted = "execution-started";

    /// <summary>After a task execution is marked IN_PROGRESS with its resolved targets, before its first dispatch.</summary>
    public const string TaskStarted = "task-started";

    /// <summary>After a task invocation is recorded with its command id, before the command itself is created.</summary>
    public const string InvocationRecorded = "invocation-recorded";

    /// <summary>After the first command of a task is created and its agent woken.</summary>
    public const string CommandSent = "command-sent";

    private static readonly string? Armed = Environment.GetEnvironmentVariable("PATCHLAB_CRASH_AT");

    /// <summary>Kills the process when <paramref name="point"/> is the armed point.</summary>
    public static void Hit(string point)
    {
        if (Armed is not null && string.Equals(Armed, point, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"PATCHLAB_CRASH_AT={point}: killing the emulator now");
            Process.GetCurrentProcess().Kill();
        }
    }
}
