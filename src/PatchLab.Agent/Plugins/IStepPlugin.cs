namespace PatchLab.Agent.Plugins;

/// <summary>Runs one document step (amazon-ssm-agent plugin). Throws <see cref="OperationCanceledException"/> when
/// <c>ct</c> fires; the runner decides whether that was a Cancel message or a shutdown.</summary>
internal interface IStepPlugin
{
    Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct);
}
