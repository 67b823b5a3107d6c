using System.Text.Json.Serialization;
using PatchLab.Contracts.Agent;
using PatchLab.Contracts.Lab;

namespace PatchLab.Contracts;

/// <summary>Source-generated JSON for every contract (NativeAOT-safe for the agent).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentRegisterRequest))]
[JsonSerializable(typeof(AgentClock))]
[JsonSerializable(typeof(AgentPollRequest))]
[JsonSerializable(typeof(AgentPollResponse))]
[JsonSerializable(typeof(AgentAckRequest))]
[JsonSerializable(typeof(AgentReply))]
[JsonSerializable(typeof(AgentSnapshotRequest))]
[JsonSerializable(typeof(AgentSnapshotResponse))]
[JsonSerializable(typeof(AgentPatchReport))]
[JsonSerializable(typeof(AgentObjectRequest))]
[JsonSerializable(typeof(AgentObjectResponse))]
[JsonSerializable(typeof(ClockDto))]
[JsonSerializable(typeof(ClockChangeRequest))]
[JsonSerializable(typeof(ClockNextRequest))]
[JsonSerializable(typeof(FleetLaunchRequest))]
[JsonSerializable(typeof(FleetLaunchProgress))]
[JsonSerializable(typeof(OverviewDto))]
[JsonSerializable(typeof(LabError))]
[JsonSerializable(typeof(InstanceListDto))]
[JsonSerializable(typeof(InstanceRow))]
[JsonSerializable(typeof(InstanceTagsRequest))]
[JsonSerializable(typeof(InstanceUntagRequest))]
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(FaultDto))]
[JsonSerializable(typeof(FaultListDto))]
[JsonSerializable(typeof(ObjectDto))]
[JsonSerializable(typeof(ObjectListDto))]
public sealed partial class PatchLabJsonContext : JsonSerializerContext;

/// <summary>Error body of the emulator-only API, in the AWS shape.</summary>
public sealed class LabError
{
    /// <summary>Error code.</summary>
    [JsonPropertyName("__type")]
    public string Type { get; set; } = "";
    /// <summary>Message.</summary>
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
