namespace PatchLab.Agent.Plugins;

/// <summary>A step whose precondition (platformType) does not match this instance: Success, code 0, with the agent's
/// exact message (amazon-ssm-agent runpluginutil).</summary>
internal sealed class PreconditionSkipPlugin : IStepPlugin
{
    private readonly string _platformType;

    public PreconditionSkipPlugin(string platformType)
    {
        _platformType = platformType;
    }

    public Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct) =>
        Task.FromResult(StepOutcome.Success(Message(_platformType, context.Step.Name)));

    public static string Message(string platformType, string stepName) =>
        $"Step execution skipped due to unsatisfied preconditions: '\"StringEquals\": [platformType, {platformType}]'. Step name: {stepName}";
}
