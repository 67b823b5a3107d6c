namespace PatchLab.Agent.Plugins;

/// <summary>The steps of each document the agent knows, in order, and the plugin behind each.</summary>
internal sealed class DocumentPlan
{
    public const string RunPatchBaseline = "AWS-RunPatchBaseline";
    public const string RunShellScript = "AWS-RunShellScript";

    private readonly IStepPlugin _patchLinux;
    private readonly IStepPlugin _shell;
    private readonly IStepPlugin _skipWindows = new PreconditionSkipPlugin("Windows");
    private readonly IStepPlugin _skipLinux = new PreconditionSkipPlugin("Linux");
    private readonly IStepPlugin _skipMacOs = new PreconditionSkipPlugin("MacOS");
    private readonly IStepPlugin _unsupported = new UnsupportedDocumentPlugin();

    private readonly bool _windows;

    /// <param name="patchLinux">The patching plugin (it serves PatchWindows on a simulated Windows instance).</param>
    /// <param name="shell">aws:runShellScript.</param>
    /// <param name="windows">The instance reports PlatformType Windows: PatchWindows runs, PatchLinux is skipped.</param>
    public DocumentPlan(IStepPlugin patchLinux, IStepPlugin shell, bool windows = false)
    {
        _patchLinux = patchLinux;
        _shell = shell;
        _windows = windows;
    }

    public static IReadOnlyList<string> StepNames(string documentName) => ShortName(documentName) switch
    {
        RunPatchBaseline => ["PatchWindows", PatchLinuxPlugin.StepName, "PatchMacOS"],
        RunShellScript => [RunShellScriptPlugin.StepName],
        var other => [other.Length > 0 ? other : "aws:runDocument"],
    };

    public IStepPlugin PluginFor(string documentName, string stepName) => (ShortName(documentName), stepName) switch
    {
        (RunPatchBaseline, "PatchWindows") => _windows ? _patchLinux : _skipWindows,
        (RunPatchBaseline, PatchLinuxPlugin.StepName) => _windows ? _skipLinux : _patchLinux,
        (RunPatchBaseline, "PatchMacOS") => _skipMacOs,
        (RunShellScript, RunShellScriptPlugin.StepName) => _shell,
        _ => _unsupported,
    };

    /// <summary>A document may be named by ARN (arn:aws:ssm:us-east-1::document/AWS-RunPatchBaseline).</summary>
    private static string ShortName(string documentName)
    {
        var slash = documentName.LastIndexOf('/');
        return slash >= 0 ? documentName[(slash + 1)..] : documentName;
    }
}
