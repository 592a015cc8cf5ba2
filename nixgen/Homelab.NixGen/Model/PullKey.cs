namespace Homelab.NixGen.Model;

/// <summary>
/// A key a backup host pulls replicas with (<c>replication.pullKeys</c>): it logs in as
/// <see cref="User"/>, a system user of its own, and may only run what syncoid runs on a
/// replication source for <see cref="Datasets"/> (full names, sorted) and their descendants.
/// </summary>
internal sealed record PullKey(string Key, string User, IReadOnlyList<string> Datasets);
