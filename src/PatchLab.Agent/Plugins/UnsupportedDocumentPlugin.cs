namespace PatchLab.Agent.Plugins;

/// <summary>A document the PatchLab agent cannot run: the step fails with a clear message instead of hanging.</summary>
internal sealed class UnsupportedDocumentPlugin : IStepPlugin
{
    public Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct) =>
        Task.FromResult(StepOutcome.Failed(1, "",
            $"Document {context.Document.Message.DocumentName} is not supported by the PatchLab agent (supported: AWS-RunPatchBaseline, AWS-RunShellScript)."));
}
