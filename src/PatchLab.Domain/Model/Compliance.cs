namespace PatchLab.Domain.Model;

/// <summary>
/// What PutComplianceItems stored for one compliance type on one resource: the execution summary, the content hash and
/// the items. A report replaces the previous one of the same type and resource.
/// </summary>
public sealed record ComplianceReport
{
    /// <summary>The node (ResourceType ManagedInstance).</summary>
    public required string ResourceId { get; init; }
    /// <summary>Patch, Association or Custom:&lt;name&gt;.</summary>
    public required string ComplianceType { get; init; }
    /// <summary>ExecutionSummary.ExecutionTime.</summary>
    public DateTimeOffset ExecutionTime { get; init; }
    /// <summary>ExecutionSummary.ExecutionId.</summary>
    public string? ExecutionId { get; init; }
    /// <summary>ExecutionSummary.ExecutionType.</summary>
    public string? ExecutionType { get; init; }
    /// <summary>ItemContentHash of the request that stored it (a later request with the same hash is ignored).</summary>
    public string? ContentHash { get; init; }
    /// <summary>The items, in request order.</summary>
    public IReadOnlyList<ComplianceEntry> Items { get; init; } = [];
}

/// <summary>One ComplianceItemEntry of a report.</summary>
public sealed record ComplianceEntry
{
    /// <summary>Item id (a KB id, an association id, a custom id); optional on the wire.</summary>
    public string? Id { get; init; }
    /// <summary>Title.</summary>
    public string? Title { get; init; }
    /// <summary>CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNSPECIFIED.</summary>
    public required string Severity { get; init; }
    /// <summary>COMPLIANT or NON_COMPLIANT.</summary>
    public required string Status { get; init; }
    /// <summary>Free key/value details.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
