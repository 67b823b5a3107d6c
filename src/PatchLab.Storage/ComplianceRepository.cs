using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>Patch compliance per instance: the summary (InstancePatchState) and per-patch rows, replaced atomically per report.</summary>
public sealed class ComplianceRepository(Database db)
{
    /// <summary>Replaces an instance's compliance with a new report.</summary>
    public void Replace(PatchState s, IReadOnlyList<InstancePatch> patches)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute("DELETE FROM patch_states WHERE instance_id=@InstanceId", new { s.InstanceId }, tx);
        c.Execute("DELETE FROM instance_patches WHERE instance_id=@InstanceId", new { s.InstanceId }, tx);
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
