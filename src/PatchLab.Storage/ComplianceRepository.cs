using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>
/// Compliance per instance: the patch summary (InstancePatchState) and per-patch rows, replaced atomically per patch report,
/// and the reports PutComplianceItems stored per compliance type. A patch report supersedes a Patch report put before it.
/// </summary>
public sealed class ComplianceRepository(Database db)
{
    /// <summary>Replaces an instance's compliance with a new report.</summary>
    public void Replace(PatchState s, IReadOnlyList<InstancePatch> patches)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute("DELETE FROM patch_states WHERE instance_id=@InstanceId", new { s.InstanceId }, tx);
        c.Execute("DELETE FROM instance_patches WHERE instance_id=@InstanceId", new { s.InstanceId }, tx);
        DeleteReport(c, tx, s.InstanceId, "Patch");
        c.Execute("""
            INSERT INTO patch_states (instance_id, patch_group, baseline_id, snapshot_id, install_override_list, installed, installed_other,
              installed_pending_reboot, installed_rejected, missing, failed, not_applicable, unreported_not_applicable, operation, operation_start,
              operation_end, reboot_option, last_no_reboot_install, critical_non_compliant, security_non_compliant, other_non_compliant, command_id)
            VALUES (@InstanceId, @PatchGroup, @BaselineId, @SnapshotId, @InstallOverrideList, @Installed, @InstalledOther, @InstalledPendingReboot,
              @InstalledRejected, @Missing, @Failed, @NotApplicable, @UnreportedNotApplicable, @Operation, @start, @end, @RebootOption, @noReboot,
              @CriticalNonCompliant, @SecurityNonCompliant, @OtherNonCompliant, @CommandId)
            """, new
        {
            s.InstanceId, s.PatchGroup, s.BaselineId, s.SnapshotId, s.InstallOverrideList, s.Installed, s.InstalledOther, s.InstalledPendingReboot,
            s.InstalledRejected, s.Missing, s.Failed, s.NotApplicable, s.UnreportedNotApplicable, s.Operation, start = Database.Ts(s.OperationStartTime),
            end = Database.Ts(s.OperationEndTime), s.RebootOption, noReboot = Database.Ts(s.LastNoRebootInstallOperationTime), s.CriticalNonCompliant,
            s.SecurityNonCompliant, s.OtherNonCompliant, s.CommandId,
        }, tx);
        foreach (var p in patches)
        {
            c.Execute("""
                INSERT OR REPLACE INTO instance_patches (instance_id, kb_id, title, classification, severity, state, installed_time, cve_ids, compliance_level)
                VALUES (@InstanceId, @KBId, @Title, @Classification, @Severity, @State, @installed, @cves, @ComplianceLevel)
                """, new { p.InstanceId, p.KBId, p.Title, p.Classification, p.Severity, p.State, installed = Database.Ts(p.InstalledTime), cves = string.Join(',', p.CveIds), p.ComplianceLevel }, tx);
        }
        tx.Commit();
    }

    /// <summary>Summaries for these instances (all when null).</summary>
    public IReadOnlyList<PatchState> States(IReadOnlyCollection<string>? instanceIds)
    {
        using var c = db.Open();
        var rows = instanceIds is null
            ? c.Query<StateRow>("SELECT * FROM patch_states ORDER BY instance_id")
            : c.Query<StateRow>("SELECT * FROM patch_states WHERE instance_id IN @instanceIds ORDER BY instance_id", new { instanceIds });
        return rows.Select(r => r.ToModel()).ToList();
    }

    /// <summary>Per-patch rows of an instance.</summary>
    public IReadOnlyList<InstancePatch> Patches(string instanceId)
    {
        using var c = db.Open();
        return c.Query<PatchRow>("SELECT * FROM instance_patches WHERE instance_id=@instanceId ORDER BY kb_id", new { instanceId }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>
    /// Stores the PutComplianceItems report <paramref name="derive"/> makes from the resource's stored reports (null: store
    /// nothing), replacing the resource's previous report of that type. The read and the write are one write transaction
    /// (BEGIN IMMEDIATE), so two requests for one node take turns: a PARTIAL merge always starts from the items the other
    /// request stored, and the custom type limit counts a type another request just added. Read and written apart, two
    /// PARTIAL uploads at once each merged into the same old report and the later write dropped the other's items.
    /// An exception thrown by <paramref name="derive"/> rolls back and propagates. Returns whether a report was stored.
    /// </summary>
    public bool PutReport(string resourceId, Func<IReadOnlyList<ComplianceReport>, ComplianceReport?> derive)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        var report = derive(ReadReports(c, tx, [resourceId]));
        if (report is null)
        {
            return false;
        }
        if (report.ResourceId != resourceId)
        {
            throw new ArgumentException($"The derived report is for {report.ResourceId}, not {resourceId}.", nameof(derive));
        }
        DeleteReport(c, tx, report.ResourceId, report.ComplianceType);
        c.Execute("""
            INSERT INTO compliance_reports (resource_id, compliance_type, execution_time, execution_id, execution_type, content_hash)
            VALUES (@ResourceId, @ComplianceType, @time, @ExecutionId, @ExecutionType, @ContentHash)
            """, new { report.ResourceId, report.ComplianceType, time = Database.Ts(report.ExecutionTime), report.ExecutionId, report.ExecutionType, report.ContentHash }, tx);
        c.Execute("""
            INSERT INTO compliance_report_items (resource_id, compliance_type, seq, item_id, title, severity, status, details_json)
            VALUES (@ResourceId, @ComplianceType, @seq, @Id, @Title, @Severity, @Status, @details)
            """, report.Items.Select((item, seq) => new
        {
            report.ResourceId, report.ComplianceType, seq, item.Id, item.Title, item.Severity, item.Status, details = Json.Of(item.Details),
        }), tx);
        tx.Commit();
        return true;
    }

    /// <summary>Stored reports, with their items, of these resources (all when null), ordered by resource and type.</summary>
    public IReadOnlyList<ComplianceReport> Reports(IReadOnlyCollection<string>? resourceIds = null)
    {
        using var c = db.Open();
        // Both queries in one read transaction: a report stored between them would otherwise be listed without its items.
        using var tx = c.BeginTransaction(deferred: true);
        return ReadReports(c, tx, resourceIds);
    }

    private static List<ComplianceReport> ReadReports(System.Data.IDbConnection c, System.Data.IDbTransaction tx, IReadOnlyCollection<string>? resourceIds)
    {
        var where = resourceIds is null ? "" : " WHERE resource_id IN @resourceIds";
        var reports = c.Query<ReportRow>($"SELECT * FROM compliance_reports{where} ORDER BY resource_id, compliance_type", new { resourceIds }, tx).ToList();
        var items = c.Query<ReportItemRow>($"SELECT * FROM compliance_report_items{where} ORDER BY resource_id, compliance_type, seq", new { resourceIds }, tx)
            .ToLookup(i => (i.ResourceId, i.ComplianceType));
        return [.. reports.Select(r => new ComplianceReport
        {
            ResourceId = r.ResourceId, ComplianceType = r.ComplianceType, ExecutionTime = Database.ParseTs(r.ExecutionTime), ExecutionId = r.ExecutionId,
            ExecutionType = r.ExecutionType, ContentHash = r.ContentHash,
            Items = [.. items[(r.ResourceId, r.ComplianceType)].Select(i => i.ToModel())],
        })];
    }

    private static void DeleteReport(System.Data.IDbConnection c, System.Data.IDbTransaction tx, string resourceId, string complianceType)
    {
        c.Execute("DELETE FROM compliance_reports WHERE resource_id=@resourceId AND compliance_type=@complianceType", new { resourceId, complianceType }, tx);
        c.Execute("DELETE FROM compliance_report_items WHERE resource_id=@resourceId AND compliance_type=@complianceType", new { resourceId, complianceType }, tx);
    }

    private sealed class ReportRow
    {
        public string ResourceId { get; set; } = "";
        public string ComplianceType { get; set; } = "";
        public string ExecutionTime { get; set; } = "";
        public string? ExecutionId { get; set; }
        public string? ExecutionType { get; set; }
        public string? ContentHash { get; set; }
    }

    private sealed class ReportItemRow
    {
        public string ResourceId { get; set; } = "";
        public string ComplianceType { get; set; } = "";
        public string? ItemId { get; set; }
        public string? Title { get; set; }
        public string Severity { get; set; } = "";
        public string Status { get; set; } = "";
        public string DetailsJson { get; set; } = "{}";

        public ComplianceEntry ToModel() => new()
        {
            Id = ItemId, Title = Title, Severity = Severity, Status = Status, Details = Json.Read(DetailsJson, new Dictionary<string, string>()),
        };
    }

    private sealed class StateRow
    {
        public string InstanceId { get; set; } = "";
        public string PatchGroup { get; set; } = "";
        public string BaselineId { get; set; } = "";
        public string? SnapshotId { get; set; }
        public string? InstallOverrideList { get; set; }
        public long Installed { get; set; }
        public long InstalledOther { get; set; }
        public long InstalledPendingReboot { get; set; }
        public long InstalledRejected { get; set; }
        public long Missing { get; set; }
        public long Failed { get; set; }
        public long NotApplicable { get; set; }
        public long UnreportedNotApplicable { get; set; }
        public string Operation { get; set; } = "";
        public string OperationStart { get; set; } = "";
        public string OperationEnd { get; set; } = "";
        public string? RebootOption { get; set; }
        public string? LastNoRebootInstall { get; set; }
        public long CriticalNonCompliant { get; set; }
        public long SecurityNonCompliant { get; set; }
        public long OtherNonCompliant { get; set; }
        public string? CommandId { get; set; }

        public PatchState ToModel() => new()
        {
            InstanceId = InstanceId, PatchGroup = PatchGroup, BaselineId = BaselineId, SnapshotId = SnapshotId, InstallOverrideList = InstallOverrideList,
            Installed = (int)Installed, InstalledOther = (int)InstalledOther, InstalledPendingReboot = (int)InstalledPendingReboot,
            InstalledRejected = (int)InstalledRejected, Missing = (int)Missing, Failed = (int)Failed, NotApplicable = (int)NotApplicable,
            UnreportedNotApplicable = (int)UnreportedNotApplicable, Operation = Operation, OperationStartTime = Database.ParseTs(OperationStart),
            OperationEndTime = Database.ParseTs(OperationEnd), RebootOption = RebootOption, LastNoRebootInstallOperationTime = Database.ParseTsOrNull(LastNoRebootInstall),
            CriticalNonCompliant = (int)CriticalNonCompliant, SecurityNonCompliant = (int)SecurityNonCompliant, OtherNonCompliant = (int)OtherNonCompliant,
            CommandId = CommandId,
        };
    }

    private sealed class PatchRow
    {
        public string InstanceId { get; set; } = "";
        public string KbId { get; set; } = "";
        public string Title { get; set; } = "";
        public string Classification { get; set; } = "";
        public string Severity { get; set; } = "";
        public string State { get; set; } = "";
        public string? InstalledTime { get; set; }
        public string CveIds { get; set; } = "";
        public string ComplianceLevel { get; set; } = "";

        public InstancePatch ToModel() => new()
        {
            InstanceId = InstanceId, KBId = KbId, Title = Title, Classification = Classification, Severity = Severity, State = State,
            InstalledTime = Database.ParseTsOrNull(InstalledTime), CveIds = CveIds.Split(',', StringSplitOptions.RemoveEmptyEntries), ComplianceLevel = ComplianceLevel,
        };
    }
}
