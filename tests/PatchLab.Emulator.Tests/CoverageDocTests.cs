using System.Text;
using PatchLab.Emulator.Wire;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>docs/coverage.md is generated from the dispatch table; this test fails when they drift (moto's implementation_coverage).</summary>
public sealed class CoverageDocTests
{
    private const string Notes = """
        ## Known gaps and deviations

        - Maintenance windows: every operation of the model. Only RUN_COMMAND tasks run; other task types are stored and fail at
          run time with a clear message. RESOURCE_GROUP targets are accepted but resolve to no instance yet. AlarmConfiguration and
          LoggingInfo are stored and echoed; no alarm is polled, no log written. While the lab clock is paused no execution moves.
          [U] choices: a partial UpdateMaintenanceWindow re-checks Cutoff < Duration on the merged window and refuses a past
          EndDate only when it sends one; Replace=true keeps Enabled; DeregisterTargetFromMaintenanceWindow without Safe removes
          the target from the tasks' WindowTargetIds; DescribeMaintenanceWindowSchedule formats ExecutionTime as NextExecutionTime
          (2020-02-19T16:00Z, local time + offset with a ScheduleTimezone, milliseconds for rate), lists the next 100 runs per
          window without ScheduledBefore (ScheduledAfter inclusive, ScheduledBefore exclusive) and nothing for a disabled window;
          Targets queries (schedule, for-target) match a window when every query target does, InstanceIds through the window
          targets' current resolution or a task's InstanceIds; a run whose previous execution is active is SKIPPED_OVERLAPPING;
          the next priority group waits for the previous one; tasks not started by the cutoff are not run and not listed; what
          still runs at the end of the window (tasks and their invocations) is TIMED_OUT, and so is the execution; CANCEL_TASK
          cancels the running invocations at the cutoff (their agents get a Cancel message) and the task ends TIMED_OUT; a task
          fails when any invocation did not succeed (DeliveryTimedOut and Cancelled included); targets left when MaxErrors is
          exceeded are never created as window invocations (SendCommand's own rollout marks them Terminated instead);
          CancelMaintenanceWindowExecution lets running tasks finish, dispatching their remaining targets, cancels the others and
          leaves a finished execution as it is. The engine is a function of SQLite state: killed at any point (PATCHLAB_CRASH_AT
          names test points), a restart resumes executions without sending an instance a second command for one invocation.
        - Run Command: AWS-RunShellScript and AWS-RunPatchBaseline (version 1; $DEFAULT/$LATEST accepted). Targets resolve tag:,
          tag-key and InstanceIds at send time (resource-groups: match nothing) and the response says TargetCount 0 as AWS does.
          Error messages AWS leaves empty (InvalidInstanceId, InvalidParameters) say what is wrong. OutputS3*, NotificationConfig
          and CloudWatchOutputConfig are stored and echoed, but nothing is written to S3/CloudWatch and no URL is returned.
          Rate control ramps 1 → 3 → 7 on acknowledgements; undispatched targets become Terminated once errors exceed MaxErrors.
          Unacknowledged invocations become DeliveryTimedOut at RequestedDateTime + TimeoutSeconds, all unfinished ones at
          ExpiresAfter; Delayed while the node is stopped or ConnectionLost; Undeliverable once it is terminated; AccessDenied
          never happens (no IAM). [U]: InstanceIds and Targets together (or neither) is a ValidationException; CancelCommand on a
          finished command answers 200. Window tasks send one command per target, as AWS does.
        - Managed nodes: PingStatus is ConnectionLost after 10 emulator minutes without the agent (2 missed health pings) and at
          least the real-time grace (45 s); stopped and terminated nodes are left out of DescribeInstanceInformation (the lab API
          shows them as ConnectionLost / Inactive). Stop, start, reboot, terminate and tags are emulator-only endpoints
          (/patchlab/v1/instances, `patchlab instance …`) with EC2's error codes. DescribeInstanceProperties lists the same
          nodes with the same values, plus Name, InstanceState, Architecture (the host's) and LaunchTime; InstanceType, KeyName
          and InstanceRole are not modelled; DocumentName, IamRole and AssociationStatus filters match no node (no
          associations or instance profiles) and ActivationIds is InvalidActivationId (no hybrid activations).
        - Patch baselines: custom baselines, the AWS-owned baseline of every OperatingSystem (us-east-1 ARNs whatever the region;
          the ids of AWS-WindowsPredefinedPatchBaseline-OS and -OS-Applications are stand-ins), default per OS and patch groups
          (PatchGroup tag, then "Patch Group") with resolution BaselineOverride → patch group → default → AWS, frozen per SnapshotId.
          Filter values are checked against the common products per OS; Windows application products and macOS are open sets.
          [U]: DeletePatchBaseline of an unknown id answers 200; changing an AWS-owned baseline is a ValidationException.
        - Patches: DescribeAvailablePatches lists fixtures/catalogs (every catalog without a PRODUCT filter; AWS lists Windows);
          apt patches show no ReleaseDate (their catalogs' dates only age instances). DescribeEffectivePatchesForPatchBaseline is
          Windows-only as on AWS and lists the simulated Windows Server 2022 catalog; GetDeployablePatchSnapshotForInstance returns a placeholder SnapshotDownloadUrl (PatchLab serves no S3).
          AWS-RunPatchBaseline's S3 objects come from a local stand-in for S3 [U]: state dir s3/BUCKET/KEY, filled with
          `patchlab s3 put FILE s3://BUCKET/KEY` or PUT /patchlab/v1/s3/BUCKET/KEY; s3:// URLs and https URLs of S3 form
          (BUCKET.s3.REGION.amazonaws.com/KEY, s3.REGION.amazonaws.com/BUCKET/KEY) resolve there, any other https URL fails
          the step (no internet). InstallOverrideList (YAML `patches:` of id/title) is downloaded by the agent through its
          own channel and on Install replaces the baseline's selection (Linux: exactly the listed patches, approved or not;
          Windows: listed and approved); Scan ignores it; a missing object or invalid YAML fails the step, an entry matching
          no update is a warning [U]; the list's URL is reported in DescribeInstancePatchStates. BaselineOverride is such a
          URL or the baseline JSON itself [U], and its results go to the output only (compliance is not replaced).
        - Compliance: Patch from the nodes' patch reports; PutComplianceItems stores Custom:<name>, Association and Patch
          reports per node and type (COMPLETE replaces, PARTIAL merges by item id and only for Association, a matching
          ItemContentHash is ignored, at most 10 Custom types per node, a report with no items lists nothing), and the three
          List operations return every type. A put Patch report replaces the Compliance API's Patch items until the node's next
          patch report; DescribeInstancePatchStates and patch-group state keep the patch report. [U]: other type names are
          InvalidItemContentException, duplicate item ids too; ItemSizeLimitExceeded/TotalSizeLimitExceeded are never raised
          (the 1 MiB body limit comes first); terminated nodes drop out.
        - Tags: AddTagsToResource / RemoveTagsFromResource / ListTagsForResource serve MaintenanceWindow and PatchBaseline.
        - Fleet: Amazon Linux 2 and 2023, Ubuntu 22.04, Debian 12 (catalog generated from the real bookworm lists) and a simulated
          Windows Server 2022 (a Linux container whose agent reports Windows, runs PatchWindows and reboots with 3010; Windows
          updates are modelled as KBs moving servicing components to newer builds). Not modelled: AWS-RunShellScript is not
          refused on Windows (AWS would need AWS-RunPowerShellScript) and a script's exit 3010 does not reboot there; apt's
          "apt-get update first" and "always upgrade python3-apt" steps. Runtimes: Docker (read-only root filesystem, the instance's disk a named volume, /tmp a
          tmpfs; containers stopped behind PatchLab's back are started again) or, when no engine answers or with --runtime
          process, the same agent as host processes without isolation (scripts run on the host; ComputerName is the host's).
        - Faults (issue 7): emulator-only endpoints POST /patchlab/v1/faults (inject), GET /patchlab/v1/faults (list) and POST
          /patchlab/v1/faults/{id}/clear, also as `patchlab fault inject|list|clear` and the dashboard's `:fault` command. Kinds
          patch-install-failure, agent-crash, offline, slow-reboot, disk-full and engine-restart; what each does, what AWS shows
          and PatchLab's [U] choices are in docs/faults.md. Docker's engine is never restarted: engine-restart stops and re-adopts
          this session's containers, and documents in flight resume from the instances' disks. agent-crash kills only the agent:
          the instance's supervisor (the agent binary in supervise mode) restarts it, and a restart within the same boot id
          is not a boot (InstalledPendingReboot stays pending).
        - The agent protocol is PatchLab's own, modelled on SSM's MDS channel; the baseline is applied by the emulator at the
          agent's request (GetDeployablePatchSnapshotForInstance's role) instead of by the agent.
        - Durability [U]: SQLite in WAL mode with synchronous=NORMAL: whatever the emulator acknowledged survives a killed or
          crashed emulator (tested with SIGKILL at crash points); a power loss of the host may lose the last commits. The agent
          writes its documents and outbox with fsync. Hybrid activations and managed-instance (mi-) registration
          (Create/Describe/DeleteActivation, DeregisterManagedInstance, UpdateManagedInstanceRole), ListNodes/ListNodesSummary
          and association compliance (DescribeInstanceAssociationsStatus, DescribeEffectiveInstanceAssociations) are outside
          PatchLab's model: every instance is an EC2-style node launched by the lab.
        - Lab files (issue 7, docs/labs.md): `patchlab lab validate|start|run --headless`, six labs in fixtures/labs. Gaps:
          fast-forward only jumps when nothing is in flight, so work that never ends runs at clock speed until `until` or `--time-limit`; the report timeline is what the run saw of the event log (latest 200 per poll);
          tasks are RUN_COMMAND with AWS-RunPatchBaseline or AWS-RunShellScript only; `lab start` removes the lab's instances when
          the dashboard closes (unlike `up`). On the process runtime a reboot sometimes does not come back under heavy load (the
          quarantined start-after-stop issue), so the reboot labs are exercised on Docker.
        - Unimplemented operations answer HTTP 400 `NotImplementedException` naming the operation, so SDKs do not retry.
        - Wire: NextTokens name the last item returned (pages stay exact while items are inserted or deleted); every implemented
          operation has a golden response in fixtures/wire (WireGoldenTests). SigV4 is accepted unchecked by default, as LocalStack
          and moto do; `--verify-sigv4 AKID:SECRET` verifies it and answers MissingAuthenticationTokenException,
          UnrecognizedClientException, IncompleteSignatureException or InvalidSignatureException (also for a signature more than 15
          minutes old). The lab API (/patchlab/v1) is never authenticated: bind it to 127.0.0.1.
        - Request limits (Kestrel, set explicitly in EmulatorOptions.Limits): headers within 15 s, bodies at 240 bytes/s after a
          5 s grace, bodies up to 1 MiB on every endpoint (the wire layer's limit), idle keep-alive connections closed after
          75 s, 32 KiB / 100 headers. A stalled body is answered 408 RequestTimeoutException (or the connection closed), an
          oversized one 413 RequestEntityTooLarge whether it has a Content-Length or is chunked; stalled headers close the
          connection. Errors carry a Content-Length like successes.
        - PatchLab.Testing (docs/testing-fixture.md): an in-process emulator with a fleet for xUnit tests, from a builder or a lab file.
        - `[U]` choices of the reference: see the XML docs next to the code (ConcurrencyPlan rounding, the window choices above,
          DeleteMaintenanceWindow of an unknown id answers 200, first matching
          approval rule gives the compliance level, apt rules approve at once, InstalledPendingReboot only for reboot-required updates).
        """;

    [Fact]
    public async Task CoverageDoc_MatchesTheDispatchTable()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var implemented = emu.Get<SsmRouter>().Implemented;
        var all = RoutingTests.SdkOperations().ToList();
        Assert.Empty(implemented.Except(all)); // every handler is a real SSM operation name

        var sb = new StringBuilder();
        sb.AppendLine("# SSM API coverage");
        sb.AppendLine();
        sb.AppendLine("Generated by `CoverageDocTests` from the emulator's dispatch table and the AWS SDK's operation list; do not edit by hand");
        sb.AppendLine("(run the tests with `PATCHLAB_UPDATE_COVERAGE=1` to regenerate).");
        sb.AppendLine();
        sb.AppendLine($"{implemented.Count} of {all.Count} operations implemented.");
        sb.AppendLine();
        sb.AppendLine("| Operation | Status |");
        sb.AppendLine("|---|---|");
        foreach (var op in all)
        {
            sb.AppendLine($"| {op} | {(implemented.Contains(op) ? "implemented" : "not implemented")} |");
        }
        sb.AppendLine();
        sb.Append(Notes.Replace("\r", "", StringComparison.Ordinal));
        sb.AppendLine();
        var expected = sb.ToString();
        var path = Path.Combine(EmulatorFixture.RepoRoot(), "docs", "coverage.md");
        if (Environment.GetEnvironmentVariable("PATCHLAB_UPDATE_COVERAGE") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }
        Assert.True(File.Exists(path), "docs/coverage.md is missing: run the tests with PATCHLAB_UPDATE_COVERAGE=1");
        Assert.Equal(expected, await File.ReadAllTextAsync(path));
    }
}
