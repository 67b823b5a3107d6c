namespace PatchLab.Agent.Patching;

/// <summary>A package version offered by one advisory.</summary>
internal sealed record Offer(CatalogUpdate Update, CatalogUpdatePackage Package);
