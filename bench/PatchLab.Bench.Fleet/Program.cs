// Issue 5 benchmarks, whole system, real Docker containers running the real agent (network none, socket directory).
//   density  [instances=200] [idle-seconds=60]  all Online; agent RSS per instance; idle CPU of the fleet over a minute.
//   launch   [instances=50]                     PatchLab launch wall time ÷ create+start of as many bare FROM-scratch
//                                               containers through the same engine API, measured in the same run.
//   dispatch [commands=1000] [instances=10]     SendCommand → the agent starting the document (plugin start), p50/p99.
// Usage: dotnet run -c Release --project bench/PatchLab.Bench.Fleet -- density|launch|dispatch [args]
using System.Diagnostics;
using System.Globalization;
using Amazon.SimpleSystemsManagement.Model;
using Docker.DotNet;
using Docker.DotNet.Models;
using PatchLab.Contracts.Lab;
using PatchLab.Testing;

var scenario = args.Length > 0 ? args[0] : "launch";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
Console.WriteLine($"# PatchLab.Bench.Fleet {scenario} — {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, .NET {Environment.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
switch (scenario)
{
    case "density":
        await Density(Arg(1, 200), Arg(2, 60));
        break;
    case "launch":
        await Launch(Arg(1, 50));
        break;
    case "dispatch":
        await Dispatch(Arg(1, 1000), Arg(2, 10));
        break;
    default:
        Console.Error.WriteLine("scenario must be density, launch or dispatch");
        return 2;
}
return 0;

static async Task Density(int instances, int idleSeconds)
{
    await using var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Docker).StartAsync();
    var watch = Stopwatch.StartNew();
    for (var left = instances; left > 0; left -= 50)
    {
        await lab.LaunchAsync(new InstanceGroup(Math.Min(50, left), namePrefix: $"d{instances - left}"));
        Console.WriteLine($"density: {instances - left + Math.Min(50, left)} launched and registered after {watch.Elapsed.TotalSeconds:0} s");
    }
    var online = 0;
    await PatchLabEmulator.WaitUntilAsync(async ct =>
    {
        online = await CountOnlineAsync(lab);
        return online == instances;
    }, TimeSpan.FromMinutes(5), $"{instances} instances Online");
    Console.WriteLine($"density: {online} instances Online (DescribeInstanceInformation) after {watch.Elapsed.TotalSeconds:0} s");
    await Task.Delay(TimeSpan.FromSeconds(10)); // settle after launch
    // Each instance runs two processes of the one binary: the agent, and its supervisor (the instance's service manager,
    // systemd's role: it restarts a crashed agent). The agent has PATCHLAB_BOOT_ID in its environment; the supervisor not.
    var all = AgentPids();
    var agents = all.Where(IsAgentChild).ToList();
    var supervisors = all.Except(agents).ToList();
    var rss = agents.Select(RssKb).Where(r => r > 0).OrderBy(r => r).ToList();
    var supRss = supervisors.Select(RssKb).Where(r => r > 0).OrderBy(r => r).ToList();
    var pss = all.Select(PssKb).Sum();
    var before = all.ToDictionary(p => p, CpuTicks);
    var self = Process.GetCurrentProcess().TotalProcessorTime;
    var idle = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
    var seconds = idle.Elapsed.TotalSeconds;
    var ticks = all.Sum(p => Math.Max(0, CpuTicks(p) - before[p]));
    var emulatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - self).TotalSeconds;
    Console.WriteLine($"density: {agents.Count} agent processes; RSS KB min {rss[0]} median {rss[rss.Count / 2]} max {rss[^1]} (target <= 10240 each)");
    if (supRss.Count > 0)
    {
        Console.WriteLine($"density: {supRss.Count} supervisor processes; RSS KB median {supRss[supRss.Count / 2]}; per instance (agent + supervisor): " +
            $"RSS KB median {rss[rss.Count / 2] + supRss[supRss.Count / 2]}, PSS KB mean {pss / Math.Max(1, agents.Count)} (shared pages counted once)");
    }
    Console.WriteLine($"density: idle fleet CPU over {seconds:0} s: agents and supervisors {100.0 * ticks / 100.0 / seconds:0.00} % of one core (target <= 5 %); " +
        $"emulator + bench process {100.0 * emulatorCpu / seconds:0.00} % of one core");
}

static async Task<int> CountOnlineAsync(PatchLabEmulator lab)
{
    var n = 0;
    string? token = null;
    do
    {
        var page = await lab.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50, NextToken = token });
        n += page.InstanceInformationList.Count(i => i.PingStatus == Amazon.SimpleSystemsManagement.PingStatus.Online);
        token = page.NextToken;
    }
    while (!string.IsNullOrEmpty(token));
    return n;
}

static async Task Launch(int instances)
{
    var (docker, _) = await PatchLab.Fleet.Docker.DockerConnection.ConnectAsync(new Uri("unix:///var/run/docker.sock"), null, CancellationToken.None);
    var bare = await BareImageAsync();
    await using var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Docker).WithInstances(new InstanceGroup(1, namePrefix: "warm")).StartAsync();
    for (var round = 1; round <= 2; round++)
    {
        // Bare: create + start, as `docker run -d --network none IMAGE sleep`, one after another, like PatchLab's launch.
        var ids = new List<string>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < instances; i++)
        {
            var c = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = bare, Cmd = ["/bin/sleep", "3600"], Labels = new Dictionary<string, string> { ["patchlab.bench"] = "bare" },
                HostConfig = new HostConfig { NetworkMode = "none" },
            });
            await docker.Containers.StartContainerAsync(c.ID, new ContainerStartParameters());
            ids.Add(c.ID);
        }
        var bareSeconds = watch.Elapsed.TotalSeconds;
        foreach (var id in ids)
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }

        var stamps = new List<(string Stage, double At)>();
        watch.Restart();
        await lab.Lab.LaunchAsync(new FleetLaunchRequest { Count = instances, NamePrefix = $"l{round}" },
            new Inline(p => stamps.Add((p.Stage, watch.Elapsed.TotalSeconds))), CancellationToken.None);
        var launched = stamps.Where(s => s.Stage == "launched").Max(s => s.At);
        var online = stamps.Where(s => s.Stage == "online").Select(s => s.At).DefaultIfEmpty(double.NaN).Max();
        Console.WriteLine($"launch round {round}: bare {instances} containers {bareSeconds:0.00} s; PatchLab {instances} instances running {launched:0.00} s " +
            $"(ratio {launched / bareSeconds:0.00}, target <= 1.5), all agents registered {online:0.00} s (ratio {online / bareSeconds:0.00})");
        await lab.Lab.DownAsync(CancellationToken.None);
    }
}

static async Task Dispatch(int commands, int instances)
{
    // PATCHLAB_BENCH_RUNTIME=process runs the same agents as host processes (to separate engine costs from PatchLab's).
    var runtime = Environment.GetEnvironmentVariable("PATCHLAB_BENCH_RUNTIME") == "process" ? PatchLabRuntime.Process : PatchLabRuntime.Docker;
    var builder = new PatchLabBuilder().WithRuntime(runtime).WithInstances(new InstanceGroup(instances, namePrefix: "q"));
    if (Environment.GetEnvironmentVariable("PATCHLAB_BENCH_STATE") is { Length: > 0 } state)
    {
        builder = builder.WithStateDirectory(state);
    }
    await using var lab = await builder.StartAsync();
    var latencies = new List<double>();
    var perInstance = commands / instances;
    await Task.WhenAll(lab.InstanceIds.Select(async id =>
    {
        for (var i = 0; i < perInstance; i++)
        {
            var sent = await lab.Ssm.SendCommandAsync(new SendCommandRequest
            {
                DocumentName = "AWS-RunShellScript", InstanceIds = [id], Parameters = new() { ["commands"] = ["true"] },
            });
            var invocation = await lab.WaitForCommandAsync(sent.Command.CommandId, id);
            var plugin = invocation.CommandPlugins.Single();
            var ms = (plugin.ResponseStartDateTime!.Value - sent.Command.RequestedDateTime!.Value).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(ms);
            }
        }
    }));
    latencies.Sort();
    double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine($"dispatch: {latencies.Count} commands over {instances} instances; SendCommand → plugin start ms: p50 {P(0.5):0} p90 {P(0.9):0} " +
        $"p99 {P(0.99):0} max {latencies[^1]:0} (targets p50 <= 50, p99 <= 250)");
}

static async Task<string> BareImageAsync()
{
    // FROM scratch with only a static busybox: the smallest container the engine can run.
    const string tag = "patchlab-bench-bare:1";
    var dir = Directory.CreateTempSubdirectory("patchlab-bare-");
    Directory.CreateDirectory(Path.Combine(dir.FullName, "bin"));
    File.Copy("/bin/busybox", Path.Combine(dir.FullName, "bin", "busybox"));
    File.CreateSymbolicLink(Path.Combine(dir.FullName, "bin", "sleep"), "busybox");
    var psi = new ProcessStartInfo("/bin/sh", ["-c", $"tar -C {dir.FullName} -c . | docker import - {tag}"]) { RedirectStandardOutput = true };
    using var p = Process.Start(psi)!;
    await p.WaitForExitAsync();
    dir.Delete(true);
    return p.ExitCode == 0 ? tag : throw new InvalidOperationException("docker import of the bare image failed");
}

static List<int> AgentPids() =>
    [.. Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
        .Where(pid => pid > 0 && Comm(pid) == "patchlab-agent")];

static bool IsAgentChild(int pid)
{
    try
    {
        return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Any(e => e.StartsWith("PATCHLAB_BOOT_ID=", StringComparison.Ordinal));
    }
    catch (IOException)
    {
        return false;
    }
}

static long PssKb(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

static string Comm(int pid)
{
    try
    {
        return File.ReadAllText($"/proc/{pid}/comm").Trim();
    }
    catch (IOException)
    {
        return "";
    }
}

static long RssKb(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

static long CpuTicks(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime + stime (USER_HZ = 100)
    }
    catch (IOException)
    {
        return 0;
    }
}

sealed class Inline(Action<FleetLaunchProgress> report) : IProgress<FleetLaunchProgress>
{
    public void Report(FleetLaunchProgress value) => report(value);
}
