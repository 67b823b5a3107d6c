namespace PatchLab.Emulator.Backend;

/// <summary>What SendCommand checks about a document besides its parameters: platforms and versions.</summary>
public static class DocumentRules
{
    private static readonly string[] AllPlatforms = ["Windows", "Linux", "MacOS"];

    /// <summary>The one version each built-in document has, as AWS-owned documents report it.</summary>
    public const string OnlyVersion = "1";

    /// <summary>DocumentVersion pattern of the SSM model.</summary>
    public const string VersionPattern = @"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)";

    /// <summary>PlatformTypes of a document: AWS-RunShellScript is Linux and MacOS; AWS-RunPatchBaseline runs everywhere.</summary>
    public static IReadOnlyList<string> PlatformTypes(DocumentDefinition doc) =>
        doc.Name == Documents.RunShellScript.Name ? ["Linux", "MacOS"] : AllPlatforms;

    /// <summary>True when the document runs on <paramref name="platformType"/> (unknown platforms are given the benefit of the doubt).</summary>
    public static bool Supports(DocumentDefinition doc, string? platformType) => platformType is null || PlatformTypes(doc).Contains(platformType);

    /// <summary>True for $DEFAULT, $LATEST and the document's one version.</summary>
    public static bool HasVersion(string version) => version is "$DEFAULT" or "$LATEST" or OnlyVersion;
}
