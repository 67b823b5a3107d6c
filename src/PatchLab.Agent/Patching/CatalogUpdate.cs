namespace PatchLab.Agent.Patching;

/// <summary>An advisory (updateinfo.xml entry): one or more package versions released together.</summary>
internal sealed class CatalogUpdate
{
    /// <summary>e.g. ALAS2-2024-2476.</summary>
    public string AdvisoryId { get; set; } = "";

    /// <summary>Security, Bugfix, Enhancement, Recommended, Newpackage.</summary>
    public string Classification { get; set; } = "";

    /// <summary>Critical, Important, Medium, Low; empty for non-security advisories.</summary>
    public string Severity { get; set; } = "";

    /// <summary>updateinfo "updated" date: drives ApproveAfterDays.</summary>
    public DateTimeOffset Released { get; set; }

    public List<string> Cves { get; set; } = [];

    /// <summary>kernel, glibc, systemd: the new version takes effect only after a boot.</summary>
    public bool RebootRequired { get; set; }

    /// <summary>Update title (Windows: "2024-01 Cumulative Update for Microsoft server operating system … (KB5034129)"); optional.</summary>
    public string Title { get; set; } = "";

    /// <summary>Repository or pocket: jammy-security, bookworm-security, bookworm-updates, amazonlinux; optional.
    /// On apt systems an update is a security update when it comes from the security pocket.</summary>
    public string Repository { get; set; } = "";

    public List<CatalogUpdatePackage> Packages { get; set; } = [];
}
