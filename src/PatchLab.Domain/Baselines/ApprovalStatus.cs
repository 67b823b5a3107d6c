namespace PatchLab.Domain.Baselines;

/// <summary>
/// What a baseline says about one patch. The wire form (DescribeEffectivePatchesForPatchBaseline's DeploymentStatus) is
/// APPROVED, PENDING_APPROVAL, EXPLICIT_APPROVED or EXPLICIT_REJECTED; <see cref="NotApproved"/> patches are not listed there.
/// </summary>
public enum ApprovalStatus
{
    /// <summary>No rule approves it and no list names it.</summary>
    NotApproved,
    /// <summary>A rule matches, but its ApproveAfterDays delay (or ApproveUntilDate) has not let it through yet.</summary>
    PendingApproval,
    /// <summary>Approved by an approval rule.</summary>
    Approved,
    /// <summary>Approved by the ApprovedPatches list.</summary>
    ExplicitApproved,
    /// <summary>Named by the RejectedPatches list (reject beats approve).</summary>
    ExplicitRejected,
}
