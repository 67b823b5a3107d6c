namespace PatchLab.Agent.Patching;

/// <summary>One entry of an InstallOverrideList: <c>id</c> (required) and <c>title</c> ("" when absent), both globs on Linux.</summary>
internal sealed record OverrideEntry(string Id, string Title);
