namespace Homelab.Provider.Restic;

/// <summary>The outcome of <see cref="ResticRepository.ProbeAsync"/>: a status, the id when open, and restic's own words.</summary>
internal sealed record RepositoryProbe(RepositoryStatus Status, string? Id, string Detail);
