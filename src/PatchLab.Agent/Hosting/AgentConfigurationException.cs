namespace PatchLab.Agent.Hosting;

/// <summary>The agent's environment is unusable (missing variable, malformed endpoint).</summary>
public sealed class AgentConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgentConfigurationException(string message) : base(message)
    {
    }
}
