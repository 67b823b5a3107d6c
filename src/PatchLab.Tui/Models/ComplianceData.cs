namespace PatchLab.Tui.Models;

/// <summary>What the compliance screen reads: patch states, and the missing and failed patches of non-compliant instances.</summary>
/// <param name="States">DescribeInstancePatchStates.</param>
/// <param name="NonCompliantPatches">DescribeInstancePatches (State Missing or Failed) of each instance that has any.</param>
public sealed record ComplianceData(Section<PatchStateItem> States, Section<PatchItem> NonCompliantPatches);
