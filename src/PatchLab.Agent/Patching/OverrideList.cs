using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatchLab.Agent.Patching;

/// <summary>
/// AWS-RunPatchBaseline's InstallOverrideList (user guide, "Valid YAML content formats"): a YAML mapping whose
/// <c>patches</c> member lists entries with a required <c>id</c> and an optional <c>title</c>; other fields are ignored.
/// On Linux <c>id</c> is <c>{name}.{arch}</c> (or a bare name) and <c>title</c> the version, as
/// <c>{name}.{arch}:{epoch}:{version}-{release}</c> (yum) or <c>{name}.{arch}:{version}</c> (apt), either possibly
/// shortened to its version part; both may use <c>*</c>/<c>?</c> wildcards anywhere (fnmatch). On Windows <c>id</c> is
/// a KB or bulletin id and every other field is informational.
/// </summary>
internal sealed class OverrideList
{
    /// <summary>What a valid list looks like, for error messages.</summary>
    public const string ValidForm =
        "a YAML mapping with a 'patches' list whose entries have an id ('{name}.{arch}' on Linux, a KB id on Windows) and an optional title ('{name}.{arch}:{epoch}:{version}-{release}'), e.g. \"patches:\\n  - id: 'kernel.x86_64'\\n    title: '*5.10.240*'\"";

    private readonly List<(OverrideEntry Entry, Regex Id, Regex? Title)> _entries;

    private OverrideList(List<OverrideEntry> entries)
    {
        Entries = entries;
        _entries = [.. entries.Select(e => (e, Glob(e.Id), e.Title.Length > 0 ? Glob(e.Title) : null))];
    }

    public IReadOnlyList<OverrideEntry> Entries { get; }

    /// <summary>Reads the YAML; throws <see cref="OverrideListException"/> naming the valid form when it is not a patch list.</summary>
    public static OverrideList Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new OverrideListException($"The InstallOverrideList is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {Inner(ex)}. Expected {ValidForm}.");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("patches"), out var patchesNode))
        {
            throw new OverrideListException($"The InstallOverrideList has no 'patches' list. Expected {ValidForm}.");
        }
        if (patchesNode is YamlScalarNode { Value: null or "" })
        {
            return new OverrideList([]);
        }
        if (patchesNode is not YamlSequenceNode patches)
        {
            throw new OverrideListException($"'patches' in the InstallOverrideList is not a list. Expected {ValidForm}.");
        }
        var entries = new List<OverrideEntry>();
        var index = 0;
        foreach (var item in patches.Children)
        {
            index++;
            var id = item is YamlMappingNode map ? Scalar(map, "id") : null;
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new OverrideListException(
                    $"Entry {index} of the InstallOverrideList (line {item.Start.Line}) has no id: every entry of 'patches' needs one. Expected {ValidForm}.");
            }
            entries.Add(new OverrideEntry(id.Trim(), (Scalar((YamlMappingNode)item, "title") ?? "").Trim()));
        }
        return new OverrideList(entries);
    }

    /// <summary>
    /// The entry that selects this package version, if any: its id matches name.arch or the bare name, and its title
    /// (when given) matches one of the version's spellings. <paramref name="fullVersion"/> is version-release (rpm) or
    /// the Debian version with its epoch (apt).
    /// </summary>
    public OverrideEntry? Match(string name, string arch, int epoch, string fullVersion, bool deb)
    {
        string[] ids = [$"{name}.{arch}", name];
        string[] titles = deb
            ? [$"{name}.{arch}:{fullVersion}", fullVersion]
            : [$"{name}.{arch}:{epoch}:{fullVersion}", $"{epoch}:{fullVersion}", fullVersion];
        foreach (var (entry, id, title) in _entries)
        {
            if (ids.Any(id.IsMatch) && (title is null || titles.Any(title.IsMatch)))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>True when some entry's id names this package (whatever version it asks for).</summary>
    public bool Names(string name, string arch) => _entries.Any(e => e.Id.IsMatch($"{name}.{arch}") || e.Id.IsMatch(name));

    /// <summary>The entry whose id is this KB / advisory id (Windows: only the id counts).</summary>
    public OverrideEntry? MatchId(string id) => _entries.FirstOrDefault(e => e.Id.IsMatch(id)).Entry;

    /// <summary>fnmatch-style glob: * any run, ? one character, [seq] a set; case-sensitive, whole string.</summary>
    internal static Regex Glob(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                regex.Append(".*");
            }
            else if (c == '?')
            {
                regex.Append('.');
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var end && end > i + 1)
            {
                var set = pattern[(i + 1)..end];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = end;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static string Inner(YamlException ex) => (ex.InnerException is YamlException inner ? inner.Message : ex.Message).TrimEnd('.');
}
