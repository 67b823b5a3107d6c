namespace PatchLab.Tui.Models;

/// <summary>What the instance screen reads beyond the overview: its patches and its recent command invocations.</summary>
/// <param name="InstanceId">Instance.</param>
/// <param name="Patches">DescribeInstancePatches.</param>
/// <param name="Invocations">ListCommandInvocations (details), newest first.</param>
public sealed record InstanceDetail(string InstanceId, Section<PatchItem> Patches, Section<CommandInvocationItem> Invocations);
