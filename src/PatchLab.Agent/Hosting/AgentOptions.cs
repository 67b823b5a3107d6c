using System.Globalization;
using PatchLab.Agent.Transport;

namespace PatchLab.Agent.Hosting;

/// <summary>Everything the agent needs to know about its instance and its emulator. Built from the container's
/// environment by <see cref="FromEnvironment"/>; tests build it directly.</summary>
public sealed class AgentOptions
{
    /// <summary>Default catalog path inside an instance image.</summary>
    public const string DefaultCatalogPath = "/etc/patchlab/catalog.json";

    /// <summary>Default state directory (the instance's own disk).</summary>
    public const string DefaultStatePath = "/var/lib/patchlab";

    /// <summary>The variable the supervisor passes the boot id in; an agent started with it is the supervised agent.</summary>
    public const string BootIdVariable = "PATCHLAB_BOOT_ID";

    /// <summary>EC2 instance id (PATCHLAB_INSTANCE_ID).</summary>
    public required string InstanceId { get; init; }

    /// <summary>Per-instance secret (PATCHLAB_TOKEN).</summary>
    public required string Token { get; init; }

    /// <summary>unix:///path/to/agent.sock or http://host:port (PATCHLAB_ENDPOINT).</summary>
    public required string Endpoint { get; init; }

    /// <summary>OS flavour, e.g. AmazonLinux2 (PATCHLAB_OS).</summary>
    public string Os { get; init; } = "AmazonLinux2";

    /// <summary>How many days behind the newest catalog advisory the instance's packages are (PATCHLAB_AGE_DAYS).</summary>
    public int AgeDays { get; init; }

    /// <summary>Package catalog (PATCHLAB_CATALOG).</summary>
    public string CatalogPath { get; init; } = DefaultCatalogPath;

    /// <summary>State directory (PATCHLAB_STATE).</summary>
    public string StatePath { get; init; } = DefaultStatePath;

    /// <summary>The boot this agent runs in (PATCHLAB_BOOT_ID, set by the agent's supervisor once per start of the instance):
    /// an agent restarted with the boot id it stored is not a boot. Null: every start is a boot.</summary>
    public string? BootId { get; init; }

    /// <summary>Host name reported as ComputerName.</summary>
    public string ComputerName { get; init; } = "localhost";

    /// <summary>How long the emulator may hold a poll, in real seconds.</summary>
    public int PollWaitSeconds { get; init; } = 20;

    /// <summary>Documents run at once (amazon-ssm-agent CommandWorkersLimit).</summary>
    public int CommandWorkersLimit { get; init; } = 5;

    /// <summary>Longest pause between retries after a connection error (real time).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause after a 401/403: a bad token does not fix itself quickly (real time).</summary>
    public TimeSpan UnauthorizedRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Completed documents kept on disk.</summary>
    public int CompletedDocumentsKept { get; init; } = 50;

    /// <summary>Timeout of a non-poll request (real time).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the options from environment variables named PATCHLAB_*; <paramref name="getVariable"/> is
    /// <see cref="Environment.GetEnvironmentVariable(string)"/> outside tests.</summary>
    /// <exception cref="AgentConfigurationException">A required variable is missing or a value is malformed.</exception>
    public static AgentOptions FromEnvironment(Func<string, string?> getVariable, string computerName)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string Required(string name) =>
            getVariable(name) is { Length: > 0 } value
                ? value
                : throw new AgentConfigurationException($"{name} is required but not set");
        string Optional(string name, string fallback) => getVariable(name) is { Length: > 0 } value ? value : fallback;

        var ageText = Optional("PATCHLAB_AGE_DAYS", "0");
        if (!int.TryParse(ageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var age) || age < 0)
        {
            throw new AgentConfigurationException($"PATCHLAB_AGE_DAYS must be a whole number of days >= 0, got '{ageText}'");
        }

        var bootId = getVariable(BootIdVariable);
        if (bootId is { Length: > 0 } && !IsBootId(bootId))
        {
            throw new AgentConfigurationException($"{BootIdVariable} must be 1 to 64 letters, digits or '-', got '{bootId}'");
        }

        var endpoint = Required("PATCHLAB_ENDPOINT");
        _ = EmulatorEndpointParser.Parse(endpoint);
        return new AgentOptions
        {
            InstanceId = Required("PATCHLAB_INSTANCE_ID"),
            Token = Required("PATCHLAB_TOKEN"),
            Endpoint = endpoint,
            Os = Optional("PATCHLAB_OS", "AmazonLinux2"),
            AgeDays = age,
            CatalogPath = Optional("PATCHLAB_CATALOG", DefaultCatalogPath),
            StatePath = Optional("PATCHLAB_STATE", DefaultStatePath),
            BootId = bootId is { Length: > 0 } ? bootId : null,
            ComputerName = string.IsNullOrWhiteSpace(computerName) ? "localhost" : computerName,
        };
    }

    private static bool IsBootId(string value) =>
        value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
