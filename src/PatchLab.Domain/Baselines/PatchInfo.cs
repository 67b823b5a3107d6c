namespace PatchLab.Domain.Baselines;

/// <summary>An update a node could install, with the metadata baselines filter on.</summary>
/// <param name="Name">Package name.</param>
/// <param name="Arch">Architecture.</param>
/// <param name="Version">Version offered.</param>
/// <param name="AdvisoryId">Advisory (ALAS2-…), empty for updates with no advisory.</param>
/// <param name="Classification">Security, Bugfix, Enhancement, …</param>
/// <param name="Severity">Critical, Important, Medium, Low, or empty.</param>
/// <param name="ReleaseDate">Advisory updated date.</param>
/// <param name="Product">Product, e.g. AmazonLinux2.</param>
/// <param name="Cves">CVE ids.</param>
public sealed record PatchInfo(string Name, string Arch, string Version, string AdvisoryId, string Classification, string Severity,
    DateTimeOffset ReleaseDate, string Product, IReadOnlyList<string> Cves);

/// <summary>The baseline's verdict on one patch.</summary>
/// <param name="Approved">Approved (by a rule or the approved list) and not rejected.</param>
/// <param name="Rejected">In the rejected list.</param>
/// <param name="ComplianceLevel">Compliance level of the approval.</param>
/// <param name="ApprovalDate">When the rule approves (release + ApproveAfterDays); null if not rule-approved.</param>
/// <param name="Reason">Why, in words (for the dashboard and docs).</param>
public sealed record PatchDecision(bool Approved, bool Rejected, string ComplianceLevel, DateTimeOffset? ApprovalDate, string Reason);
