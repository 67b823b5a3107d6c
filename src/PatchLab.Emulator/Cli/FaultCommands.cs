using System.CommandLine;
using System.Globalization;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using FaultStates = PatchLab.Domain.Model.FaultStates;

namespace PatchLab.Emulator.Cli;

/// <summary>`patchlab fault inject|list|clear`: deterministic fault injection (issue 7, docs/faults.md).</summary>
internal static class FaultCommands
{
    public static Command Create(Option<Uri> endpoint)
    {
        var fault = new Command("fault", "Inject, list or clear faults (patch install failures, agent crashes, offline instances, …)");

        var kind = new Argument<string>("kind") { Description = $"One of: {string.Join(", ", FaultApi.Kinds)}" };
        kind.AcceptOnlyFromAmong([.. FaultApi.Kinds]);
        var target = new Option<string[]>("--target")
        {
            Description = "Instance id, Name tag value or tag:Key=Value; repeat for more (default: every instance)", AllowMultipleArgumentsPerToken = false,
        };
        var random = new Option<int?>("--random") { Description = "Pick N of the matching instances at random (seeded by --seed)" };
        var seed = new Option<int>("--seed") { Description = "Seed for --random: the same seed and fleet choose the same instances", DefaultValueFactory = _ => 0 };
        var patch = new Option<string?>("--patch") { Description = "patch-install-failure: the package, name.arch or advisory id that fails (default: any)" };
        var at = new Option<DateTimeOffset?>("--at")
        {
            Description = "Start at this emulator time (ISO-8601, e.g. 2026-03-01T02:00:00Z); default now",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                {
                    return when;
                }
                r.AddError($"--at '{text}' is not a time; use ISO-8601, e.g. --at 2026-03-01T02:00:00Z");
                return null;
            },
        };
        var duration = new Option<string?>("--duration")
        {
            Description = "How long: offline/agent-crash/engine-restart down time, slow-reboot extra reboot time (e.g. 90s, 10m, 2h)",
        };
        var inject = new Command("inject", "Inject a fault; it starts now or at --at on the lab clock") { kind, target, random, seed, patch, at, duration };
        inject.SetAction(async (pr, ct) =>
        {
            TimeSpan? d = null;
            if (pr.GetValue(duration) is { } text)
            {
                if (!FaultDurations.TryParse(text, out var parsed))
                {
                    await Console.Error.WriteLineAsync($"error: --duration '{text}' is not a duration; e.g. 90s, 10m, 2h, 1h30m").ConfigureAwait(false);
                    return PatchLabCli.UsageError;
                }
                d = parsed;
            }
            var spec = new FaultSpec
            {
                Kind = pr.GetValue(kind)!, Targets = [.. pr.GetValue(target) ?? []], Random = pr.GetValue(random), Seed = pr.GetValue(seed),
                Patch = pr.GetValue(patch), At = pr.GetValue(at), Duration = d,
            };
            return await InstanceCommands.WithClientAsync(pr, endpoint, async client =>
            {
                var injected = await client.InjectFaultAsync(spec, ct).ConfigureAwait(false);
                Console.WriteLine(Line(injected));
                if (injected.State == FaultStates.Ended && injected.InstanceIds.Count == 0 && spec.Kind != FaultApi.EngineRestart)
                {
                    // Stored, but it did nothing: say so, and let a script notice.
                    await Console.Error.WriteLineAsync($"error: fault {injected.FaultId} ended at once without hitting any instance: no instance matched "
                        + $"{(spec.Targets.Count == 0 ? "(the lab has none)" : string.Join(" ", spec.Targets))}, or the instance runtime cannot carry out "
                        + $"{spec.Kind} (`patchlab instance list` shows both)").ConfigureAwait(false);
                    return 1;
                }
                return 0;
            }).ConfigureAwait(false);
        });
        fault.Subcommands.Add(inject);

        var list = new Command("list", "List every fault of the lab, oldest first");
        list.SetAction((pr, ct) => InstanceCommands.WithClientAsync(pr, endpoint, async client =>
        {
            foreach (var f in (await client.ListFaultsAsync(ct).ConfigureAwait(false)).Faults)
            {
                Console.WriteLine(Line(f));
            }
            return 0;
        }));
        fault.Subcommands.Add(list);

        var id = new Argument<string>("fault-id") { Description = "Fault id (flt-…)" };
        var clear = new Command("clear", "End a fault now (an offline instance comes back, a disk is freed)") { id };
        clear.SetAction((pr, ct) => InstanceCommands.WithClientAsync(pr, endpoint, async client =>
        {
            Console.WriteLine(Line(await client.ClearFaultAsync(pr.GetValue(id)!, ct).ConfigureAwait(false)));
            return 0;
        }));
        fault.Subcommands.Add(clear);
        return fault;
    }

    /// <summary>One fault on one line: id, kind, state, instances, times.</summary>
    internal static string Line(FaultDto f)
    {
        var s = f.Spec;
        var detail = (s.Patch is { } p ? $" patch={p}" : "") + (s.Duration is { } d ? $" duration={FaultDurations.Format(d)}" : "")
            + (s.Random is { } n ? $" random={n} seed={s.Seed.ToString(CultureInfo.InvariantCulture)}" : "");
        var when = f.EndedAt is { } e ? $" ended {e:yyyy-MM-ddTHH:mm:ss}Z" : f.StartedAt is { } st ? $" since {st:yyyy-MM-ddTHH:mm:ss}Z" : s.At is { } a ? $" at {a:yyyy-MM-ddTHH:mm:ss}Z" : "";
        return $"{f.FaultId}  {s.Kind,-21} {f.State,-9} {(f.InstanceIds.Count == 0 ? "-" : string.Join(",", f.InstanceIds))}{detail}{when}";
    }
}
