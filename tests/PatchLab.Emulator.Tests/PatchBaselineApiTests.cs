using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using OperatingSystem = Amazon.SimpleSystemsManagement.OperatingSystem;
using PredefinedBaselines = PatchLab.Domain.Baselines.PredefinedBaselines;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Patch baselines, defaults and patch groups through the real AWS SDK for .NET (issue 4, reference 5).</summary>
public sealed class PatchBaselineApiTests : IAsyncLifetime
{
    private static readonly string Al2 = PredefinedBaselines.AmazonLinux2.BaselineId;
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    /// <summary>Hides a value from the SDK's analyzer, which refuses out-of-range constants at compile time.</summary>
    private static T Raw<T>(T value) => value;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 128)];

    internal static CreatePatchBaselineRequest CriticalOnly(string name) => new()
    {
        Name = name, OperatingSystem = OperatingSystem.AMAZON_LINUX_2, Description = "Security Critical only, at once",
        ApprovalRules = new PatchRuleGroup
        {
            PatchRules =
            [
                new PatchRule
                {
                    PatchFilterGroup = new PatchFilterGroup
                    {
                        PatchFilters =
                        [
                            new PatchFilter { Key = PatchFilterKey.CLASSIFICATION, Values = ["Security"] },
                            new PatchFilter { Key = PatchFilterKey.SEVERITY, Values = ["Critical"] },
                        ],
                    },
                    ApproveAfterDays = 0, ComplianceLevel = PatchComplianceLevel.CRITICAL,
                },
            ],
        },
    };

    private async Task<AmazonSimpleSystemsManagementException> FailsAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(call);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        return e;
    }

    [Fact]
    public async Task CreatePatchBaseline_ReturnsPbId_AndGetEchoesEveryMember()
    {
        var req = CriticalOnly(Unique("critical"));
        req.ApprovedPatches = ["curl"];
        req.ApprovedPatchesComplianceLevel = PatchComplianceLevel.HIGH;
        req.RejectedPatches = ["kernel*"];
        req.RejectedPatchesAction = PatchAction.BLOCK;
        req.GlobalFilters = new PatchFilterGroup { PatchFilters = [new PatchFilter { Key = PatchFilterKey.PRODUCT, Values = ["AmazonLinux2"] }] };
        req.Sources = [new PatchSource { Name = "My-Repo", Products = ["AmazonLinux2"], Configuration = "[my-repo]\nbaseurl=https://repo.example/\nenabled=1" }];
        req.Tags = [new Tag { Key = "Team", Value = "Platform" }];

        var created = await _emu.Ssm.CreatePatchBaselineAsync(req);
        var got = await _emu.Ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = created.BaselineId });

        Assert.Matches("^pb-[0-9a-f]{17}$", created.BaselineId);
        Assert.Equal((req.Name, "AMAZON_LINUX_2", "Security Critical only, at once"), (got.Name, got.OperatingSystem.Value, got.Description));
        var rule = Assert.Single(got.ApprovalRules.PatchRules);
        Assert.Equal((0, "CRITICAL", false), (rule.ApproveAfterDays, rule.ComplianceLevel.Value, rule.EnableNonSecurity));
        Assert.Equal(["CLASSIFICATION", "SEVERITY"], rule.PatchFilterGroup.PatchFilters.Select(f => f.Key.Value));
        Assert.Equal("AmazonLinux2", Assert.Single(Assert.Single(got.GlobalFilters.PatchFilters).Values));
        Assert.Equal(["curl"], got.ApprovedPatches);
        Assert.Equal("HIGH", got.ApprovedPatchesComplianceLevel.Value);
        Assert.Equal(["kernel*"], got.RejectedPatches);
        Assert.Equal("BLOCK", got.RejectedPatchesAction.Value);
        Assert.Equal("My-Repo", Assert.Single(got.Sources).Name);
        Assert.Empty(got.PatchGroups);
        Assert.True(got.CreatedDate <= got.ModifiedDate);
        var tags = await _emu.Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.PatchBaseline, ResourceId = created.BaselineId });
        Assert.Equal("Platform", Assert.Single(tags.TagList).Value);
    }

    [Fact]
    public async Task GetPatchBaseline_OfAnAwsBaseline_NeedsTheFullArn_AndListsEmptyCollections()
    {
        var aws = await _emu.Ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = Al2 });
        Assert.Equal("AWS-AmazonLinux2DefaultPatchBaseline", aws.Name);
        Assert.Equal(2, aws.ApprovalRules.PatchRules.Count);
        Assert.All(aws.ApprovalRules.PatchRules, r => Assert.Equal((7, "UNSPECIFIED"), (r.ApproveAfterDays, r.ComplianceLevel.Value)));
        Assert.Empty(aws.GlobalFilters.PatchFilters);
        Assert.Empty(aws.ApprovedPatches);

        var e = await FailsAsync(() => _emu.Ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = "pb-0be8c61cde3be63f3" }));
        Assert.Equal("DoesNotExistException", e.ErrorCode);
        Assert.Contains("full ARN", e.Message, StringComparison.Ordinal);
        var bad = await FailsAsync(() => _emu.Ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = "not-a-baseline-id-at-all" }));
        Assert.Equal("InvalidResourceId", bad.ErrorCode);
    }

    [Theory]
    // Model constraints, in AWS's framework wording with the member path.
    [InlineData("approveAfterDays", "Value '361' at 'approvalRules.patchRules.1.member.approveAfterDays' failed to satisfy constraint: Member must have value less than or equal to 360")]
    [InlineData("filterKey", "at 'approvalRules.patchRules.1.member.patchFilterGroup.patchFilters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [ARCH, ADVISORY_ID")]
    [InlineData("name", "Value 'x' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 3")]
    [InlineData("complianceLevel", "at 'approvedPatchesComplianceLevel' failed to satisfy constraint: Member must satisfy enum value set: [CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED]")]
    [InlineData("rejectedAction", "at 'rejectedPatchesAction' failed to satisfy constraint: Member must satisfy enum value set: [ALLOW_AS_DEPENDENCY, BLOCK]")]
    // Per-OS checks: AWS's own text for a value the OS does not know (terraform-provider-aws#18359)…
    [InlineData("productValue", "Invalid Filter Value: All for Key: PRODUCT, valid values are: AmazonLinux2, AmazonLinux2.0")]
    // …a key another OS uses…
    [InlineData("osKey", "Invalid Filter Key: PRIORITY for OperatingSystem: AMAZON_LINUX_2, valid keys are: PRODUCT, CLASSIFICATION, SEVERITY")]
    // …and exactly one of ApproveAfterDays / ApproveUntilDate.
    [InlineData("bothDelays", "sets both ApproveAfterDays and ApproveUntilDate")]
    [InlineData("untilDate", "ApproveUntilDate '2024-02-30' of approval rule 1 is not a date")]
    [InlineData("windowsOnly", "AvailableSecurityUpdatesComplianceStatus applies to WINDOWS baselines only, not AMAZON_LINUX_2.")]
    public async Task CreatePatchBaseline_RefusesWithValidationException_NamingTheFieldAndValidValues(string bad, string expected)
    {
        var req = CriticalOnly(Unique("bad"));
        var rule = req.ApprovalRules.PatchRules[0];
        switch (bad)
        {
            case "approveAfterDays": rule.ApproveAfterDays = Raw(361); break;
            case "filterKey": rule.PatchFilterGroup.PatchFilters[0].Key = Raw("COLOR"); break;
            case "name": req.Name = Raw("x"); break;
            case "complianceLevel": req.ApprovedPatchesComplianceLevel = Raw("URGENT"); break;
            case "rejectedAction": req.RejectedPatchesAction = Raw("DROP"); break;
            case "productValue": rule.PatchFilterGroup.PatchFilters[0] = new PatchFilter { Key = PatchFilterKey.PRODUCT, Values = ["All"] }; break;
            case "osKey": rule.PatchFilterGroup.PatchFilters[0] = new PatchFilter { Key = PatchFilterKey.PRIORITY, Values = ["Required"] }; break;
            case "bothDelays": rule.ApproveUntilDate = "2024-01-31"; break;
            case "untilDate": rule.ApproveAfterDays = null; rule.ApproveUntilDate = "2024-02-30"; break;
            case "windowsOnly": req.AvailableSecurityUpdatesComplianceStatus = PatchComplianceStatus.COMPLIANT; break;
        }
        var e = await FailsAsync(() => _emu.Ssm.CreatePatchBaselineAsync(req));
        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePatchBaseline_IsIdempotent_WhenClientTokenRepeats()
    {
        var req = CriticalOnly(Unique("idem"));
        req.ClientToken = Guid.NewGuid().ToString();
        var a = await _emu.Ssm.CreatePatchBaselineAsync(req);
        var b = await _emu.Ssm.CreatePatchBaselineAsync(req);
        Assert.Equal(a.BaselineId, b.BaselineId);
        req.Description = "changed";
        var e = await Assert.ThrowsAsync<IdempotentParameterMismatchException>(() => _emu.Ssm.CreatePatchBaselineAsync(req));
        Assert.Contains("ClientToken", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatePatchBaseline_ChangesOnlyGivenMembers_AndReplaceResetsTheRest()
    {
        var req = CriticalOnly(Unique("upd"));
        req.ApprovedPatches = ["curl"];
        var id = (await _emu.Ssm.CreatePatchBaselineAsync(req)).BaselineId;

        var updated = await _emu.Ssm.UpdatePatchBaselineAsync(new UpdatePatchBaselineRequest { BaselineId = id, RejectedPatches = ["bash"], RejectedPatchesAction = PatchAction.BLOCK });
        Assert.Equal(["curl"], updated.ApprovedPatches);
        Assert.Equal(["bash"], updated.RejectedPatches);
        Assert.Equal("BLOCK", updated.RejectedPatchesAction.Value);
        Assert.Equal("Security Critical only, at once", updated.Description);
        Assert.Equal("AMAZON_LINUX_2", updated.OperatingSystem.Value);

        var replaced = await _emu.Ssm.UpdatePatchBaselineAsync(new UpdatePatchBaselineRequest { BaselineId = id, Name = "Replaced-Baseline", Replace = true });
        Assert.Equal("Replaced-Baseline", replaced.Name);
        Assert.Empty(replaced.ApprovedPatches);
        Assert.Empty(replaced.ApprovalRules.PatchRules);
        Assert.Equal("ALLOW_AS_DEPENDENCY", replaced.RejectedPatchesAction.Value);
        Assert.Null(replaced.Description);

        var refused = await FailsAsync(() => _emu.Ssm.UpdatePatchBaselineAsync(new UpdatePatchBaselineRequest { BaselineId = id, Replace = true }));
        Assert.Equal("ValidationException", refused.ErrorCode);
        Assert.Contains("Value null at 'name' failed to satisfy constraint: Member must not be null", refused.Message, StringComparison.Ordinal);
        var missing = await FailsAsync(() => _emu.Ssm.UpdatePatchBaselineAsync(new UpdatePatchBaselineRequest { BaselineId = "pb-00000000000000000", Name = "Nope-Nope" }));
        Assert.Equal("DoesNotExistException", missing.ErrorCode);
        var aws = await FailsAsync(() => _emu.Ssm.UpdatePatchBaselineAsync(new UpdatePatchBaselineRequest { BaselineId = Al2, Name = "Mine-Now" }));
        Assert.Contains("AWS-owned patch baseline and cannot be modified", aws.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletePatchBaseline_RefusesWithResourceInUse_WhileRegisteredToAPatchGroupOrDefault()
    {
        var id = (await _emu.Ssm.CreatePatchBaselineAsync(CriticalOnly(Unique("del")))).BaselineId;
        var group = Unique("Web");
        await _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = id, PatchGroup = group });

        var inGroup = await Assert.ThrowsAsync<ResourceInUseException>(() => _emu.Ssm.DeletePatchBaselineAsync(new DeletePatchBaselineRequest { BaselineId = id }));
        Assert.Contains($"registered to patch group(s) {group}", inGroup.Message, StringComparison.Ordinal);

        await _emu.Ssm.DeregisterPatchBaselineForPatchGroupAsync(new DeregisterPatchBaselineForPatchGroupRequest { BaselineId = id, PatchGroup = group });
        await _emu.Ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = id });
        var isDefault = await Assert.ThrowsAsync<ResourceInUseException>(() => _emu.Ssm.DeletePatchBaselineAsync(new DeletePatchBaselineRequest { BaselineId = id }));
        Assert.Contains("is the default patch baseline for AMAZON_LINUX_2", isDefault.Message, StringComparison.Ordinal);

        // Restoring the AWS baseline as default takes its full ARN (reference 5.3); then the delete goes through.
        await _emu.Ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = Al2 });
        var deleted = await _emu.Ssm.DeletePatchBaselineAsync(new DeletePatchBaselineRequest { BaselineId = id });
        Assert.Equal(id, deleted.BaselineId);
        await Assert.ThrowsAsync<DoesNotExistException>(() => _emu.Ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = id }));
    }

    [Fact]
    public async Task DescribePatchBaselines_ListsAwsAndOwnBaselines_WithOwnerNamePrefixAndOsFilters()
    {
        var name = Unique("Describe");
        var id = (await _emu.Ssm.CreatePatchBaselineAsync(CriticalOnly(name))).BaselineId;

        async Task<List<PatchBaselineIdentity>> ListAsync(params PatchOrchestratorFilter[] filters)
        {
            var all = new List<PatchBaselineIdentity>();
            string? token = null;
            do
            {
                var page = await _emu.Ssm.DescribePatchBaselinesAsync(new DescribePatchBaselinesRequest { Filters = [.. filters], MaxResults = 5, NextToken = token });
                all.AddRange(page.BaselineIdentities);
                token = page.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
            return all;
        }

        var everything = await ListAsync();
        Assert.Equal(PredefinedBaselines.All.Count + 1, everything.Count);
        Assert.Contains(everything, b => b is { BaselineName: "AWS-DefaultPatchBaseline", DefaultBaseline: true } && b.OperatingSystem == OperatingSystem.WINDOWS);
        Assert.Contains(everything, b => b.BaselineName == "AWS-WindowsPredefinedPatchBaseline-OS" && b.DefaultBaseline == false);
        var mine = Assert.Single(await ListAsync(new PatchOrchestratorFilter { Key = "OWNER", Values = ["Self"] }));
        Assert.Equal((id, name, false), (mine.BaselineId, mine.BaselineName, mine.DefaultBaseline));
        var aws = await ListAsync(new PatchOrchestratorFilter { Key = "OWNER", Values = ["AWS"] }, new PatchOrchestratorFilter { Key = "OPERATING_SYSTEM", Values = ["AMAZON_LINUX_2"] });
        Assert.Equal(Al2, Assert.Single(aws).BaselineId);
        Assert.Equal(id, Assert.Single(await ListAsync(new PatchOrchestratorFilter { Key = "NAME_PREFIX", Values = [name[..12]] })).BaselineId);
    }

    [Fact]
    public async Task DefaultPatchBaseline_IsWindowsByDefault_AndFollowsRegistration()
    {
        var windows = await _emu.Ssm.GetDefaultPatchBaselineAsync(new GetDefaultPatchBaselineRequest());
        Assert.Equal(("WINDOWS", PredefinedBaselines.Windows.BaselineId), (windows.OperatingSystem.Value, windows.BaselineId));
        var before = await _emu.Ssm.GetDefaultPatchBaselineAsync(new GetDefaultPatchBaselineRequest { OperatingSystem = OperatingSystem.AMAZON_LINUX_2 });
        Assert.Equal(Al2, before.BaselineId);

        var id = (await _emu.Ssm.CreatePatchBaselineAsync(CriticalOnly(Unique("default")))).BaselineId;
        var registered = await _emu.Ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = id });
        var after = await _emu.Ssm.GetDefaultPatchBaselineAsync(new GetDefaultPatchBaselineRequest { OperatingSystem = OperatingSystem.AMAZON_LINUX_2 });

        Assert.Equal((id, id), (registered.BaselineId, after.BaselineId));
        var missing = await FailsAsync(() => _emu.Ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = "pb-0123456789abcdef0" }));
        Assert.Equal("DoesNotExistException", missing.ErrorCode);
    }

    [Fact]
    public async Task PatchGroups_OneBaselinePerOs_FallBackToTheDefault_AndAreDescribed()
    {
        var group = Unique("Prod");
        var id = (await _emu.Ssm.CreatePatchBaselineAsync(CriticalOnly(Unique("grp")))).BaselineId;
        var other = (await _emu.Ssm.CreatePatchBaselineAsync(CriticalOnly(Unique("grp2")))).BaselineId;

        var reg = await _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = id, PatchGroup = group });
        Assert.Equal((id, group), (reg.BaselineId, reg.PatchGroup));
        var dup = await Assert.ThrowsAsync<AlreadyExistsException>(() =>
            _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = other, PatchGroup = group }));
        Assert.Equal("Patch Group baseline already has a baseline registered for OperatingSystem AMAZON_LINUX_2.", dup.Message);
        // Another OS in the same group is fine.
        await _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = PredefinedBaselines.Windows.BaselineId, PatchGroup = group });

        var forGroup = await _emu.Ssm.GetPatchBaselineForPatchGroupAsync(new GetPatchBaselineForPatchGroupRequest { PatchGroup = group, OperatingSystem = OperatingSystem.AMAZON_LINUX_2 });
        Assert.Equal((id, group, "AMAZON_LINUX_2"), (forGroup.BaselineId, forGroup.PatchGroup, forGroup.OperatingSystem.Value));
        var fallback = await _emu.Ssm.GetPatchBaselineForPatchGroupAsync(new GetPatchBaselineForPatchGroupRequest { PatchGroup = Unique("Nobody"), OperatingSystem = OperatingSystem.UBUNTU });
        Assert.Equal(PredefinedBaselines.ForOperatingSystem("UBUNTU").BaselineId, fallback.BaselineId);

        var described = await _emu.Ssm.DescribePatchGroupsAsync(new DescribePatchGroupsRequest
        {
            Filters = [new PatchOrchestratorFilter { Key = "NAME_PREFIX", Values = [group] }, new PatchOrchestratorFilter { Key = "OPERATING_SYSTEM", Values = ["AMAZON_LINUX_2"] }],
        });
        var mapping = Assert.Single(described.Mappings);
        Assert.Equal((group, id, "AMAZON_LINUX_2"), (mapping.PatchGroup, mapping.BaselineIdentity.BaselineId, mapping.BaselineIdentity.OperatingSystem.Value));
        Assert.Equal([group], (await _emu.Ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = id })).PatchGroups);

        var notRegistered = await FailsAsync(() =>
            _emu.Ssm.DeregisterPatchBaselineForPatchGroupAsync(new DeregisterPatchBaselineForPatchGroupRequest { BaselineId = other, PatchGroup = group }));
        Assert.Equal("InvalidResourceId", notRegistered.ErrorCode);
        var unknown = await FailsAsync(() =>
            _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = "pb-0fffffffffffffff0", PatchGroup = group }));
        Assert.Equal("DoesNotExistException", unknown.ErrorCode);
    }

    [Fact]
    public async Task Tags_AddListRemove_OnAPatchBaseline_AndRefuseUnknownTypesAndIds()
    {
        var id = (await _emu.Ssm.CreatePatchBaselineAsync(CriticalOnly(Unique("tags")))).BaselineId;
        await _emu.Ssm.AddTagsToResourceAsync(new AddTagsToResourceRequest
        {
            ResourceType = ResourceTypeForTagging.PatchBaseline, ResourceId = id, Tags = [new Tag { Key = "Env", Value = "Prod" }, new Tag { Key = "Owner", Value = "ops" }],
        });
        await _emu.Ssm.RemoveTagsFromResourceAsync(new RemoveTagsFromResourceRequest { ResourceType = ResourceTypeForTagging.PatchBaseline, ResourceId = id, TagKeys = ["Owner"] });
        var list = await _emu.Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.PatchBaseline, ResourceId = id });
        Assert.Equal(("Env", "Prod"), (Assert.Single(list.TagList).Key, list.TagList[0].Value));

        var type = await Assert.ThrowsAsync<InvalidResourceTypeException>(() =>
            _emu.Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.Document, ResourceId = "AWS-RunPatchBaseline" }));
        Assert.Contains("MaintenanceWindow, PatchBaseline", type.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidResourceIdException>(() =>
            _emu.Ssm.AddTagsToResourceAsync(new AddTagsToResourceRequest { ResourceType = ResourceTypeForTagging.PatchBaseline, ResourceId = Al2, Tags = [new Tag { Key = "a", Value = "b" }] }));
        await Assert.ThrowsAsync<InvalidResourceIdException>(() =>
            _emu.Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.MaintenanceWindow, ResourceId = "mw-0123456789abcdef0" }));
    }

    [Fact]
    public async Task Baselines_SurviveAnEmulatorRestart_WithDefaultAndPatchGroup()
    {
        var id = (await _emu.Ssm.CreatePatchBaselineAsync(CriticalOnly(Unique("durable")))).BaselineId;
        await _emu.Ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = id });
        await _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = id, PatchGroup = "Durable" });
        var dir = _emu.StateDirectory;
        await _emu.StopAsync();
        _emu = await EmulatorFixture.StartAsync(stateDir: dir);

        var got = await _emu.Ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = id });
        Assert.Equal(["Durable"], got.PatchGroups);
        Assert.Equal("CRITICAL", got.ApprovalRules.PatchRules[0].ComplianceLevel.Value);
        Assert.Equal(id, (await _emu.Ssm.GetDefaultPatchBaselineAsync(new GetDefaultPatchBaselineRequest { OperatingSystem = OperatingSystem.AMAZON_LINUX_2 })).BaselineId);
    }
}
