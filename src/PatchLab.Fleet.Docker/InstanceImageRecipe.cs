using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PatchLab.Domain.Model;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// Everything that goes into one instance image, computed from the host files before the engine is contacted: a root
/// filesystem (agent, busybox, the agent's shared libraries, os-release, catalog) plus the image config, and a content
/// hash over all of it. The hash is the image tag, so a changed agent or catalog gives a new image and an unchanged one
/// is reused. See emulator/image/README.md.
/// </summary>
public sealed class InstanceImageRecipe
{
    /// <summary>Repository part of every instance image tag.</summary>
    public const string Repository = "patchlab-instance";

    /// <summary>Where the agent lives in the image; also the entrypoint.</summary>
    public const string AgentPath = "/usr/bin/patchlab-agent";

    /// <summary>Where the OS catalog lives in the image (PATCHLAB_CATALOG).</summary>
    public const string CatalogPath = "/etc/patchlab/catalog.json";

    /// <summary>The agent's state directory in the image (PATCHLAB_STATE).</summary>
    public const string StatePath = "/var/lib/patchlab";

    /// <summary>Mount point of the emulator's socket directory.</summary>
    public const string SocketMountPath = "/run/patchlab";

    // Bump when the layout below changes, so existing tags are not reused for a different layout.
    private const string RecipeVersion = "patchlab-instance-recipe 1";

    // Fixed metadata keeps the tar, and so the imported layer, byte-for-byte reproducible.
    private static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;

    private const UnixFileMode Mode755 = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Mode644 = (UnixFileMode)0b110_100_100;
    private const UnixFileMode Mode700 = (UnixFileMode)0b111_000_000;
    private const UnixFileMode Mode1777 = (UnixFileMode)0b1_111_111_111;

    private readonly IReadOnlyList<ImageEntry> _entries;

    private InstanceImageRecipe(string os, IReadOnlyList<ImageEntry> entries, IReadOnlyList<string> configChanges)
    {
        Os = os;
        _entries = entries;
        ContentHash = ComputeHash(os, entries, configChanges);
        Tag = $"{Repository}:{os.ToLowerInvariant()}-{ContentHash}";
        Changes =
        [
            .. configChanges,
            $"LABEL {DockerLabels.ContentHash}=\"{ContentHash}\"",
        ];
        FileCount = entries.Count(e => e.Type != TarEntryType.Directory);
        ContentBytes = entries.Sum(e => (long)(e.Content?.Length ?? 0));
    }

    /// <summary>OS flavour name, e.g. AmazonLinux2.</summary>
    public string Os { get; }

    /// <summary>First 12 hex digits of the SHA-256 over every path, mode, link and file content, and the image config.</summary>
    public string ContentHash { get; }

    /// <summary>patchlab-instance:&lt;os lowercase&gt;-&lt;content hash&gt;.</summary>
    public string Tag { get; }

    /// <summary>Image config as Dockerfile instructions (ENTRYPOINT, ENV, LABEL), applied at import.</summary>
    public IReadOnlyList<string> Changes { get; }

    /// <summary>Regular files and symbolic links in the image.</summary>
    public int FileCount { get; }

    /// <summary>Total size of the regular files.</summary>
    public long ContentBytes { get; }

    /// <summary>Absolute paths of everything in the image (directories end in '/'), sorted.</summary>
    public IReadOnlyList<string> Paths => [.. _entries.Select(e => "/" + e.Path + (e.Type == TarEntryType.Directory ? "/" : ""))];

    /// <summary>Reads the host files for <paramref name="os"/> and computes the recipe; throws <see cref="FleetException"/> naming what is missing.</summary>
    public static async Task<InstanceImageRecipe> CreateAsync(DockerFleetOptions options, string os, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flavour = OsFlavor.Find(os)
            ?? throw new FleetException($"Unknown OS flavour '{os}'; known: {string.Join(", ", OsFlavor.All.Select(f => f.Name))}.");

        var osRelease = Path.Combine(options.ImageRecipeDirectory, "os-release", flavour.Name);
        RequireFile(osRelease, $"os-release text for {flavour.Name}");
        var catalog = Path.Combine(options.CatalogDirectory, flavour.CatalogFile);
        RequireFile(catalog, $"package catalog for {flavour.Name}");
        RequireFile(options.AgentBinaryPath, "agent binary (publish it with emulator/image/build-agent.sh)");

        var entries = new Dictionary<string, ImageEntry>(StringComparer.Ordinal);
        void Add(ImageEntry entry)
        {
            foreach (var parent in Parents(entry.Path))
            {
                entries.TryAdd(parent, ImageEntry.Directory(parent, Mode755));
            }

            entries[entry.Path] = entry;
        }

        Add(ImageEntry.Directory("tmp", Mode1777));
        Add(ImageEntry.Directory("root", Mode700));
        Add(ImageEntry.Directory(Relative(StatePath), Mode755));
        Add(ImageEntry.Directory(Relative(SocketMountPath), Mode755));

        Add(ImageEntry.File(Relative(AgentPath), Mode755, await File.ReadAllBytesAsync(options.AgentBinaryPath, ct).ConfigureAwait(false)));
        foreach (var library in await AgentLibrariesAsync(options.AgentBinaryPath, ct).ConfigureAwait(false))
        {
            // Copy the file the host path finally resolves to, but at the path the loader will look for.
            var real = File.ResolveLinkTarget(library, returnFinalTarget: true)?.FullName ?? library;
            Add(ImageEntry.File(Relative(library), Mode755, await File.ReadAllBytesAsync(real, ct).ConfigureAwait(false)));
        }

        RequireStaticBusybox(options.BusyboxPath);
        Add(ImageEntry.File("bin/busybox", Mode755, await File.ReadAllBytesAsync(options.BusyboxPath, ct).ConfigureAwait(false)));
        foreach (var applet in await BusyboxAppletsAsync(options.BusyboxPath, ct).ConfigureAwait(false))
        {
            if (!entries.ContainsKey(applet))
            {
                Add(ImageEntry.Symlink(applet, "/bin/busybox"));
            }
        }

        Add(ImageEntry.File("etc/os-release", Mode644, await File.ReadAllBytesAsync(osRelease, ct).ConfigureAwait(false)));
        Add(ImageEntry.File(Relative(CatalogPath), Mode644, await File.ReadAllBytesAsync(catalog, ct).ConfigureAwait(false)));
        // Docker bind-mounts its own /etc/hostname over this one; the file is here for tools that run before that.
        Add(ImageEntry.File("etc/hostname", Mode644, "localhost\n"u8.ToArray()));
        Add(ImageEntry.File("etc/passwd", Mode644, "root:x:0:0:root:/root:/bin/sh\n"u8.ToArray()));
        Add(ImageEntry.File("etc/group", Mode644, "root:x:0:\n"u8.ToArray()));

        string[] config =
        [
            $"ENTRYPOINT [\"{AgentPath}\"]",
            "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "WORKDIR /",
            $"LABEL {DockerLabels.Image}=\"1\"",
            $"LABEL {DockerLabels.Os}=\"{flavour.Name}\"",
        ];
        return new InstanceImageRecipe(flavour.Name, [.. entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal)], config);
    }

    /// <summary>Writes the root filesystem as a reproducible ustar archive (uid 0, mtime 1970-01-01).</summary>
    internal void WriteTar(Stream destination)
    {
        using var writer = new TarWriter(destination, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var entry in _entries)
        {
            var name = entry.Type == TarEntryType.Directory ? entry.Path + "/" : entry.Path;
            var tar = new UstarTarEntry(entry.Type, name)
            {
                Mode = entry.Mode,
                ModificationTime = FixedTime,
                Uid = 0,
                Gid = 0,
                UserName = "root",
                GroupName = "root",
            };
            if (entry.LinkTarget is not null)
            {
                tar.LinkName = entry.LinkTarget;
            }

            if (entry.Content is not null)
            {
                tar.DataStream = new MemoryStream(entry.Content, writable: false);
            }

            writer.WriteEntry(tar);
        }
    }

    private static async Task<IReadOnlyList<string>> AgentLibrariesAsync(string agent, CancellationToken ct)
    {
        var elf = ElfFile.TryRead(agent);
        if (elf is null)
        {
            // A script stand-in (tests) runs through the image's /bin/sh; anything else cannot run in the image.
            using var stream = File.OpenRead(agent);
            Span<byte> magic = stackalloc byte[2];
            if (stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == '#' && magic[1] == '!')
            {
                return [];
            }

            throw new FleetException($"Agent binary {agent} is neither a 64-bit ELF executable nor a '#!' script.");
        }

        return elf.IsStatic ? [] : await SharedLibraries.ResolveAsync(agent, elf.Interpreter!, ct).ConfigureAwait(false);
    }

    private static void RequireStaticBusybox(string path)
    {
        const string Fix = "install the Debian package busybox-static (apt-get install busybox-static)";
        if (!File.Exists(path))
        {
            throw new FleetException($"{path} is missing; {Fix}.");
        }

        var elf = ElfFile.TryRead(path);
        if (elf is null || !elf.IsStatic)
        {
            throw new FleetException(
                $"{path} is not a statically linked executable{(elf?.Interpreter is { } i ? $" (it needs {i})" : "")}; " +
                $"the image has no C library for it. {char.ToUpperInvariant(Fix[0])}{Fix[1..]}.");
        }
    }

    /// <summary>Applet links as busybox itself places them (bin/sh, usr/bin/env, sbin/ifconfig...).</summary>
    private static async Task<IReadOnlyList<string>> BusyboxAppletsAsync(string busybox, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(busybox, "--list-full")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new FleetException($"{busybox} --list-full did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var applets = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => !a.Contains("..", StringComparison.Ordinal) && !a.StartsWith('/'))
            .ToList();
        if (process.ExitCode != 0 || !applets.Contains("bin/sh"))
        {
            throw new FleetException($"{busybox} --list-full did not list bin/sh (exit code {process.ExitCode}): {errors.Trim()}");
        }

        return applets;
    }

    private static string ComputeHash(string os, IReadOnlyList<ImageEntry> entries, IReadOnlyList<string> config)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        text.Append(RecipeVersion).Append('\n').Append("os ").Append(os).Append('\n');
        foreach (var line in config)
        {
            text.Append(line).Append('\n');
        }

        foreach (var e in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Type} {e.Path} {Convert.ToString((int)e.Mode, 8)} {e.LinkTarget} {e.ContentSha256}\n");
        }

        sha.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FleetException($"Cannot build the instance image: {what} not found at {path}.");
        }
    }

    private static string Relative(string absolute) => absolute.TrimStart('/');

    private static IEnumerable<string> Parents(string path)
    {
        for (var i = path.IndexOf('/', StringComparison.Ordinal); i > 0; i = path.IndexOf('/', i + 1))
        {
            yield return path[..i];
        }
    }

    private sealed record ImageEntry(string Path, TarEntryType Type, UnixFileMode Mode, byte[]? Content, string? LinkTarget)
    {
        public string ContentSha256 { get; } = Content is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Content));

        public static ImageEntry Directory(string path, UnixFileMode mode) => new(path, TarEntryType.Directory, mode, null, null);

        public static ImageEntry File(string path, UnixFileMode mode, byte[] content) => new(path, TarEntryType.RegularFile, mode, content, null);

        public static ImageEntry Symlink(string path, string target) =>
            new(path, TarEntryType.SymbolicLink, (UnixFileMode)0b111_111_111, null, target);
    }
}
