namespace PatchLab.Domain.Baselines;

/// <summary>An alternative package repository of a Linux baseline (PatchSource).</summary>
/// <param name="Name">Name, ^[a-zA-Z0-9_\-.]{3,50}$.</param>
/// <param name="Products">Products the source applies to (1–20), e.g. AmazonLinux2.</param>
/// <param name="Configuration">yum .repo text or one apt sources line (1–1024 characters).</param>
public sealed record PatchSource(string Name, IReadOnlyList<string> Products, string Configuration);
