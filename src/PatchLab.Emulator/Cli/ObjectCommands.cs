using System.CommandLine;
using System.Text.RegularExpressions;

namespace PatchLab.Emulator.Cli;

/// <summary>
/// `patchlab s3 put FILE s3://BUCKET/KEY` and `patchlab s3 ls`: the lab's stand-in for S3, where the YAML an
/// InstallOverrideList parameter names (and a BaselineOverride JSON) is kept.
/// </summary>
internal static partial class ObjectCommands
{
    public static Command Create(Option<Uri> endpoint)
    {
        var s3 = new Command("s3", "Objects for InstallOverrideList / BaselineOverride (the lab's stand-in for S3)");

        var file = new Argument<FileInfo>("file") { Description = "Local file to upload (e.g. an InstallOverrideList YAML)" };
        var url = new Argument<string>("url") { Description = "Destination, s3://BUCKET/KEY" };
        var put = new Command("put", "Upload a file, e.g. `patchlab s3 put override.yaml s3://patch-lists/al2/monthly.yaml`") { file, url };
        put.SetAction(async (pr, ct) =>
        {
            var destination = pr.GetValue(url)!;
            if (S3Url().Match(destination) is not { Success: true } m)
            {
                await Console.Error.WriteLineAsync($"error: '{destination}' is not an s3://BUCKET/KEY URL").ConfigureAwait(false);
                return 2;
            }
            var source = pr.GetValue(file)!;
            if (!source.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {source.FullName} does not exist").ConfigureAwait(false);
                return 2;
            }
            var content = await File.ReadAllBytesAsync(source.FullName, ct).ConfigureAwait(false);
            return await InstanceCommands.WithClientAsync(pr, endpoint, async client =>
            {
                var stored = await client.PutObjectAsync(m.Groups[1].Value, m.Groups[2].Value, content, ct).ConfigureAwait(false);
                Console.WriteLine($"upload: {source.Name} to {stored.Url} ({stored.Size} bytes)");
                return 0;
            }).ConfigureAwait(false);
        });
        s3.Subcommands.Add(put);

        var ls = new Command("ls", "List the stored objects");
        ls.SetAction((pr, ct) => InstanceCommands.WithClientAsync(pr, endpoint, async client =>
        {
            foreach (var o in (await client.ListObjectsAsync(ct).ConfigureAwait(false)).Objects)
            {
                Console.WriteLine($"{o.Size,10} {o.Url}");
            }
            return 0;
        }));
        s3.Subcommands.Add(ls);
        return s3;
    }

    [GeneratedRegex("^s3://([^/]+)/(.+)$")]
    private static partial Regex S3Url();
}
