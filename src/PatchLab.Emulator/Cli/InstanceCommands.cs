using System.CommandLine;
using PatchLab.Client;
using PatchLab.Contracts.Lab;

namespace PatchLab.Emulator.Cli;

/// <summary>`patchlab instance list|reboot|stop|start|terminate|tag|untag`: the EC2 side of the lab, one instance at a time.</summary>
internal static class InstanceCommands
{
    public static Command Create(Option<Uri> endpoint)
    {
        var instance = new Command("instance", "List instances; reboot, stop, start, terminate, tag or untag one");
        var list = new Command("list", "List the instances (not terminated) and the runtime that runs them");
        list.SetAction((pr, ct) => WithClientAsync(pr, endpoint, async client =>
        {
            var dto = await client.GetInstancesAsync(ct).ConfigureAwait(false);
            Console.WriteLine(dto.Runtime.Length > 0 ? $"runtime: {dto.Runtime} ({dto.RuntimeReason})" : $"runtime: none ({dto.RuntimeReason})");
            foreach (var i in dto.Instances)
            {
                Console.WriteLine(Line(i));
            }
            return 0;
        }));
        instance.Subcommands.Add(list);

        foreach (var (action, text) in new[]
        {
            ("reboot", "Reboot an instance (its container restarts; documents in progress resume)"),
            ("stop", "Stop an instance (its disk is kept; PingStatus becomes ConnectionLost)"),
            ("start", "Start a stopped instance"),
            ("terminate", "Terminate an instance (container and disk removed; pending invocations become Undeliverable)"),
        })
        {
            var id = InstanceIdArgument();
            var c = new Command(action, text) { id };
            c.SetAction((pr, ct) => WithClientAsync(pr, endpoint, async client =>
            {
                Console.WriteLine(Line(await client.InstanceActionAsync(pr.GetValue(id)!, action, ct).ConfigureAwait(false)));
                return 0;
            }));
            instance.Subcommands.Add(c);
        }

        var tagId = InstanceIdArgument();
        var pairs = new Argument<string[]>("tags") { Description = "Key=Value pairs", Arity = ArgumentArity.OneOrMore };
        var tag = new Command("tag", "Add or overwrite tags, e.g. `patchlab instance tag i-0123… Environment=Production`") { tagId, pairs };
        tag.SetAction(async (pr, ct) =>
        {
            var tags = new Dictionary<string, string>();
            foreach (var t in pr.GetValue(pairs) ?? [])
            {
                var eq = t.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await Console.Error.WriteLineAsync($"error: '{t}' must be Key=Value, e.g. Environment=Production").ConfigureAwait(false);
                    return 2;
                }
                tags[t[..eq]] = t[(eq + 1)..];
            }
            return await WithClientAsync(pr, endpoint, async client =>
            {
                Console.WriteLine(Line(await client.TagInstanceAsync(pr.GetValue(tagId)!, tags, ct).ConfigureAwait(false)));
                return 0;
            }).ConfigureAwait(false);
        });
        instance.Subcommands.Add(tag);

        var untagId = InstanceIdArgument();
        var keys = new Argument<string[]>("keys") { Description = "Tag keys to remove", Arity = ArgumentArity.OneOrMore };
        var untag = new Command("untag", "Remove tags by key") { untagId, keys };
        untag.SetAction((pr, ct) => WithClientAsync(pr, endpoint, async client =>
        {
            Console.WriteLine(Line(await client.UntagInstanceAsync(pr.GetValue(untagId)!, pr.GetValue(keys) ?? [], ct).ConfigureAwait(false)));
            return 0;
        }));
        instance.Subcommands.Add(untag);
        return instance;
    }

    private static Argument<string> InstanceIdArgument() => new("instance-id") { Description = "Instance id (i-…)" };

    internal static async Task<int> WithClientAsync(ParseResult pr, Option<Uri> endpoint, Func<LabClient, Task<int>> action)
    {
        var url = pr.GetValue(endpoint)!;
        using var client = new LabClient(url);
        return await PatchLabCli.Guard(() => action(client), url).ConfigureAwait(false);
    }

    private static string Line(InstanceRow i) =>
        $"{i.InstanceId}  {i.Name,-16} {i.State,-13} {i.PingStatus,-14} {string.Join(",", i.Tags.Where(t => t.Key != "Name").Select(t => $"{t.Key}={t.Value}"))}";
}
