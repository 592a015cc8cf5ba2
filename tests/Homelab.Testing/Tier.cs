namespace Homelab.Testing;

/// <summary>
/// Test tiers, as xunit traits (<c>[Trait(Tier.Name, Tier.Unit)]</c>), so a run can pick a tier:
/// <c>scripts/test.sh --unit</c> runs <see cref="Unit"/> only (no host tools, no terraform).
/// Test classes without a trait count as the slowest tier they could be in: everything not
/// explicitly <see cref="Unit"/> is left out of the fast path.
/// </summary>
public static class Tier
{
    public const string Name = "Tier";

    /// <summary>In-process: no host tools, no network, no terraform. Seconds for the whole tier.</summary>
    public const string Unit = "Unit";

    /// <summary>Real host tools (zfs-fuse, sanoid, restic, sshd, nix-instantiate, bash, curl), no terraform.</summary>
    public const string Host = "Host";

    /// <summary>The published provider driven by the real terraform binary.</summary>
    public const string Acceptance = "Acceptance";

    /// <summary>Benchmarks (figures, no pass/fail on time); excluded from the normal run.</summary>
    public const string Benchmark = "Benchmark";
}
