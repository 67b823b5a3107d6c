using System.Globalization;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Xunit.Abstractions;

namespace PatchLab.Fleet.Docker.Tests;

[Trait("Category", "Docker")]
public sealed partial class DockerImageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FleetSandbox? _sandbox;

    private FleetSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("InitializeAsync did not run");

    public Task InitializeAsync()
    {
        DockerAvailability.EnsureAvailable();
        _sandbox = FleetSandbox.Create();
        return Task.CompletedTask;
    }

    // Runs even when the test failed; null when InitializeAsync failed (Docker required but unavailable).
    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    [DockerFact]
    public async Task EnsureImageAsync_ImportsSingleLayerScratchImage_WithLabelsAndEntrypoint()
    {
        var options = Sandbox.Options();
        var fleet = Sandbox.Fleet(options);
        var progress = new ProgressLog();
        var tag = (await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None)).Tag;

        await fleet.EnsureImageAsync("AmazonLinux2", progress, CancellationToken.None);

        Assert.Equal(2, progress.Lines.Count);
        var building = BuildingLine().Match(progress.Lines[0]);
        Assert.True(building.Success, progress.Lines[0]);
        Assert.Equal(tag, building.Groups["tag"].Value);
        Assert.Equal($"image ready: {tag}", progress.Lines[1]);

        var image = await (await Sandbox.DockerAsync()).Images.InspectImageAsync(tag, CancellationToken.None);
        Assert.Equal("1", image.Config!.Labels!["patchlab.image"]);
        Assert.Equal("AmazonLinux2", image.Config!.Labels!["patchlab.os"]);
        Assert.Equal(["/usr/bin/patchlab-agent"], image.Config!.Entrypoint);
        // FROM scratch: the imported root filesystem is the only layer.
        Assert.Single(image.RootFS!.Layers!);
        output.WriteLine($"{tag}: {image.Size / 1024.0 / 1024.0:0.0} MB, {progress.Lines[0]}");
    }

    [DockerFact]
    public async Task EnsureImageAsync_ReusesImage_WhenInputsUnchanged()
    {
        var options = Sandbox.Options();
        var tag = (await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None)).Tag;
        await Sandbox.Fleet(options).EnsureImageAsync("AmazonLinux2", null, CancellationToken.None);
        var docker = await Sandbox.DockerAsync();
        var built = await docker.Images.InspectImageAsync(tag, CancellationToken.None);

        // A new fleet (as after an emulator restart) with the same agent and catalog.
        var progress = new ProgressLog();
        await Sandbox.Fleet(options).EnsureImageAsync("AmazonLinux2", progress, CancellationToken.None);

        Assert.DoesNotContain(progress.Lines, l => l.StartsWith("building image", StringComparison.Ordinal));
        Assert.Equal($"image ready: {tag}", progress.Lines[^1]);
        Assert.Equal(built.ID, (await docker.Images.InspectImageAsync(tag, CancellationToken.None)).ID);
    }

    [DockerFact]
    public async Task EnsureImageAsync_BuildsNewTag_WhenCatalogChanges()
    {
        var options = Sandbox.Options();
        var fleet = Sandbox.Fleet(options);
        await fleet.EnsureImageAsync("AmazonLinux2", null, CancellationToken.None);
        var before = (await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None)).Tag;
        Sandbox.TrackImage(before);

        Sandbox.WriteCatalog($$"""{"os":"AmazonLinux2","sandbox":"{{Sandbox.SessionId}}","packages":["kernel"]}""");
        var progress = new ProgressLog();
        await fleet.EnsureImageAsync("AmazonLinux2", progress, CancellationToken.None);

        var after = (await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None)).Tag;
        Assert.NotEqual(before, after);
        Assert.StartsWith($"building image {after} ", progress.Lines[0], StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task Image_HoldsOsReleaseCatalogAndBusybox()
    {
        var fleet = Sandbox.Fleet();
        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        var osRelease = await Sandbox.ReadFileAsync(instance.RuntimeId, "/etc/os-release");
        var catalog = await Sandbox.ReadFileAsync(instance.RuntimeId, "/etc/patchlab/catalog.json");
        var sh = await Sandbox.ReadFileAsync(instance.RuntimeId, "/bin/sh");

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(FleetSandbox.RepositoryRoot, "emulator/image/os-release/AmazonLinux2")), osRelease.Content);
        Assert.Contains("PRETTY_NAME=\"Amazon Linux 2\"", osRelease.Content, StringComparison.Ordinal);
        Assert.Contains(Sandbox.SessionId, catalog.Content, StringComparison.Ordinal);
        Assert.Equal("/bin/busybox", sh.LinkTarget);
    }

    [DockerFact]
    public async Task DynamicAgent_RunsInScratchImage_WithTheLibrariesLddFound()
    {
        // /bin/sleep stands in for the NativeAOT agent: dynamically linked against libc through /lib64/ld-linux-*.
        var options = Sandbox.Options(agentPath: Sandbox.CopyAgent("/bin/sleep"));
        await Sandbox.Fleet(options).EnsureImageAsync("AmazonLinux2", null, CancellationToken.None);
        var tag = (await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None)).Tag;
        var docker = await Sandbox.DockerAsync();

        // Created directly, because sleep needs an argument; labelled so the sandbox removes it.
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = tag,
            Cmd = ["600"],
            Labels = new Dictionary<string, string> { ["patchlab.session-id"] = options.SessionId },
            HostConfig = new HostConfig { NetworkMode = "none", CapDrop = ["ALL"], Init = true },
        }, CancellationToken.None);
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var state = (await Sandbox.InspectAsync(created.ID)).State!;
        Assert.True(state.Running, $"status {state.Status}, exit code {state.ExitCode.ToString(CultureInfo.InvariantCulture)}, error {state.Error}");
    }

    [GeneratedRegex(@"^building image (?<tag>patchlab-instance:amazonlinux2-[0-9a-f]{12}) \(\d+ files, \d+\.\d MB\)$")]
    private static partial Regex BuildingLine();
}
