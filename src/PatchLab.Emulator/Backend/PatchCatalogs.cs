using System.Text.Json;
using PatchLab.Domain.Baselines;
using PatchLab.Domain.Model;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// The package catalogs of fixtures/catalogs (format: its README), read once: what DescribeAvailablePatches lists and
/// DescribeEffectivePatchesForPatchBaseline evaluates. The agents read the same files inside the instances.
/// </summary>
public sealed class PatchCatalogs
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    private readonly string _directory;
    private readonly Lazy<IReadOnlyList<Catalog>> _catalogs;

    /// <summary>Reads catalogs from &lt;repository&gt;/fixtures/catalogs.</summary>
    public PatchCatalogs(EmulatorOptions options) : this(Path.Combine(options.RepositoryRoot, "fixtures", "catalogs"))
    {
    }

    /// <summary>Reads catalogs from a directory.</summary>
    public PatchCatalogs(string directory)
    {
        _directory = directory;
        _catalogs = new Lazy<IReadOnlyList<Catalog>>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every patch of every catalog whose OS flavour PatchLab knows.</summary>
    public IReadOnlyList<CatalogPatch> All => [.. _catalogs.Value.SelectMany(c => c.Patches)];

    /// <summary>Patches of the catalogs for an OperatingSystem value (empty when PatchLab has no catalog for it).</summary>
    public IReadOnlyList<CatalogPatch> ForOperatingSystem(string operatingSystem) =>
        [.. _catalogs.Value.Where(c => c.OperatingSystem == operatingSystem).SelectMany(c => c.Patches)];

    /// <summary>The PRODUCT of an OS flavour's catalog (AmazonLinux2), or null when there is no catalog for it.</summary>
    public string? ProductOf(string flavour) => _catalogs.Value.FirstOrDefault(c => string.Equals(c.Flavour, flavour, StringComparison.OrdinalIgnoreCase))?.Product;

    private sealed record Catalog(string Flavour, string OperatingSystem, string Product, IReadOnlyList<CatalogPatch> Patches);

    private IReadOnlyList<Catalog> Load()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }
        var result = new List<Catalog>();
        foreach (var path in Directory.GetFiles(_directory, "*.json").Order(StringComparer.Ordinal))
        {
            CatalogFile? file;
            try
            {
                file = JsonSerializer.Deserialize<CatalogFile>(File.ReadAllText(path), Options);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"Catalog {path} is not valid JSON: {e.Message}", e);
            }
            if (file is null || OsFlavor.Find(file.Os) is not { } flavour)
            {
                continue;
            }
            var os = flavour.OperatingSystem;
            var patches = new List<CatalogPatch>();
            foreach (var u in file.Updates.OrderBy(u => u.Released).ThenBy(u => u.AdvisoryId, StringComparer.Ordinal))
            {
                foreach (var p in u.Packages)
                {
                    // Windows: a catalog "package" is a servicing component; the patch is the KB that moves it to a new build.
                    var windows = os == "WINDOWS";
                    var info = new PatchInfo(windows ? u.AdvisoryId : p.Name, windows ? "" : p.Arch, windows ? "" : p.Version, u.AdvisoryId, u.Classification,
                        u.Severity, u.Released, file.Product, u.Cves)
                    {
                        Epoch = p.Epoch, Priority = p.Priority ?? u.Priority ?? "", Section = p.Section ?? u.Section ?? "",
                        Repository = u.Repository ?? DefaultRepository(os), ProductFamily = u.ProductFamily ?? (windows ? "Windows" : ""), PatchSet = u.PatchSet ?? "OS",
                        BugzillaIds = u.BugzillaIds, Requires = p.Requires,
                    };
                    var title = u.Title is { Length: > 0 } given ? given : (u.AdvisoryId.Length > 0 ? $"{u.AdvisoryId}: {p.Name}" : p.Name);
                    patches.Add(new CatalogPatch(os, info, title, ContentUrl(os, u.AdvisoryId), Vendor(os), u.RebootRequired, p.SizeKb));
                }
            }
            result.Add(new Catalog(file.Os, os, file.Product, patches));
        }
        return result;
    }

    private static string DefaultRepository(string os) => os switch
    {
        "AMAZON_LINUX_2" => "amzn2-core",
        "AMAZON_LINUX_2023" => "amazonlinux",
        _ => "",
    };

    private static string ContentUrl(string os, string advisory) => os switch
    {
        "AMAZON_LINUX_2" when advisory.StartsWith("ALAS2-", StringComparison.Ordinal) => $"https://alas.aws.amazon.com/AL2/{advisory}.html",
        "AMAZON_LINUX_2023" when advisory.StartsWith("ALAS2023-", StringComparison.Ordinal) => $"https://alas.aws.amazon.com/AL2023/{advisory}.html",
        "UBUNTU" when advisory.StartsWith("USN-", StringComparison.Ordinal) => $"https://ubuntu.com/security/notices/{advisory}",
        "WINDOWS" when advisory.StartsWith("KB", StringComparison.Ordinal) => $"https://support.microsoft.com/help/{advisory[2..]}",
        _ => "",
    };

    private static string Vendor(string os) => os switch
    {
        "WINDOWS" => "Microsoft",
        "UBUNTU" => "Canonical",
        "DEBIAN" => "Debian",
        _ when os.StartsWith("AMAZON_LINUX", StringComparison.Ordinal) => "Amazon Linux",
        _ => "",
    };

    private sealed class CatalogFile
    {
        public string Os { get; set; } = "";
        public string Product { get; set; } = "";
        public List<UpdateEntry> Updates { get; set; } = [];
    }

    private sealed class UpdateEntry
    {
        public string AdvisoryId { get; set; } = "";
        public string Classification { get; set; } = "";
        public string Severity { get; set; } = "";
        public DateTimeOffset Released { get; set; }
        public List<string> Cves { get; set; } = [];
        public List<string> BugzillaIds { get; set; } = [];
        public bool RebootRequired { get; set; }
        public string? Title { get; set; }
        public string? Priority { get; set; }
        public string? Section { get; set; }
        public string? Repository { get; set; }
        public string? ProductFamily { get; set; }
        public string? PatchSet { get; set; }
        public List<PackageEntry> Packages { get; set; } = [];
    }

    private sealed class PackageEntry
    {
        public string Name { get; set; } = "";
        public string Arch { get; set; } = "";
        public string Version { get; set; } = "";
        public int Epoch { get; set; }
        public int SizeKb { get; set; }
        public string? Priority { get; set; }
        public string? Section { get; set; }
        public List<string> Requires { get; set; } = [];
    }
}
