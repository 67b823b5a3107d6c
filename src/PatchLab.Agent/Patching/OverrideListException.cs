namespace PatchLab.Agent.Patching;

/// <summary>An InstallOverrideList that is not valid YAML or not a patch list; the message says what the valid form is.</summary>
internal sealed class OverrideListException(string message) : Exception(message);
