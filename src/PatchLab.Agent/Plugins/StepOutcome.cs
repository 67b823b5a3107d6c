using PatchLab.Agent.State;

namespace PatchLab.Agent.Plugins;

/// <summary>How a step ended.</summary>
internal sealed record StepOutcome(StepStatus Status, int Code, string Output, string Error, bool RebootRequested = false)
{
    /// <summary>amazon-ssm-agent appconfig.CommandStoppedPreemptivelyExitCode: 128 + SIGKILL.</summary>
    public const int StoppedPreemptivelyExitCode = 137;

    public static StepOutcome Success(string output) => new(StepStatus.Success, 0, output, "");

    public static StepOutcome Failed(int code, string output, string error) => new(StepStatus.Failed, code, output, error);

    /// <summary>Exit 194 (Linux) or 3010 (Windows): done for now, re-run me after a reboot.</summary>
    public static StepOutcome Reboot(string output, string error, int code = Contracts.Agent.AgentProtocol.RebootExitCodeLinux) =>
        new(StepStatus.SuccessAndReboot, code, output, error, RebootRequested: true);
}
