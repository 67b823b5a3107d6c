namespace PatchLab.Tui.Models;

/// <summary>The output of one command on one instance.</summary>
/// <param name="CommandId">Command.</param>
/// <param name="InstanceId">Instance.</param>
/// <param name="Invocation">The invocation with each plugin's full output, or why it cannot be read.</param>
public sealed record InvocationOutput(string CommandId, string InstanceId, Section<CommandInvocationItem> Invocation);
