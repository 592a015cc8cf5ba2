using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// homelab_zfs_delegation through the real terraform and the published provider, on a zfs-fuse
/// pool. zfs-fuse cannot delegate (its `zfs allow` fails: "pyzfs.py not found"), so the lifecycle
/// runs against <see cref="DelegationFakeZfs"/>, a test-only zfs that implements allow/unallow in
/// OpenZFS' output format over a state file: the real OpenZFS `zfs allow` is NOT exercised here.
/// The second test runs the real zfs-fuse and checks its failure is a clear plan error.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class DelegationAcceptanceTests : IDisposable
{
    private readonly HostFixture _host = new("hl-deleg");
    private readonly ZfsPool _pool = new();

    public void Dispose()
    {
        _host.Dispose();
        _pool.Dispose();
    }

    private string Dataset => _pool.Name + "/backup";

    private string Config(string permissions) => LocalProvider.Block + $$"""
        resource "homelab_zfs_delegation" "pull" {
          dataset     = "{{Dataset}}"
          user        = "backup"
          permissions = [{{permissions}}]
        }
        """;

    private static List<string> Grants(string state) =>
        [.. File.ReadAllLines(state).Where(l => l.Length > 0).Order(StringComparer.Ordinal)];

    [Fact]
    public void Lifecycle_keeps_preexisting_and_foreign_grants_detects_drift_imports_and_destroys_only_its_own()
    {
        ZfsPool.Zfs("create", Dataset);
        var state = DelegationFakeZfs.Install(_host);
        // Before terraform: backup already may `snapshot` here (local and descendants), another
        // user has `destroy`, and a permission set and create-time permissions exist.
        File.WriteAllLines(state,
        [
            $"{Dataset}\tuser\tbackup\tl\tsnapshot",
            $"{Dataset}\tuser\tbackup\td\tsnapshot",
            $"{Dataset}\tuser\tbackup\tl\t@pullset",
            $"{Dataset}\tuser\tadmin\tl\tdestroy",
            $"{Dataset}\tset\t@pullset\t-\tsend",
            $"{Dataset}\tcreate\t-\t-\tmount",
        ]);
        var before = Grants(state);
        var ws = _host.Workspace;

        ws.WriteConfig(Config("\"send\", \"hold\", \"snapshot\""));
        ws.Apply(); // Apply also asserts the second plan is empty (refresh on and off).
        var values = ws.ResourceValues("homelab_zfs_delegation.pull")!.Value;
        Assert.Equal($"{Dataset}:user:backup", values.GetProperty("id").GetString());
        Assert.Equal(["snapshot"], values.GetProperty("preexisting_local").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["snapshot"], values.GetProperty("preexisting_descendants").EnumerateArray().Select(e => e.GetString()));
        var granted = Grants(state);
        foreach (var p in new[] { "send", "hold" })
        {
            Assert.Contains($"{Dataset}\tuser\tbackup\tl\t{p}", granted);
            Assert.Contains($"{Dataset}\tuser\tbackup\td\t{p}", granted);
        }
        Assert.Equal(before.Count + 4, granted.Count);

        // Out-of-band unallow is drift: the plan shows it, apply grants it again.
        ProcessRunner.Check(Path.Combine(_host.Bin, "zfs"), "unallow", "-u", "backup", "-l", "hold", Dataset);
        var plan = ws.PlanExpectChanges();
        Assert.Contains("+ \"hold\"", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Contains($"{Dataset}\tuser\tbackup\tl\thold", Grants(state));

        // A foreign extra grant for the same user is no diff.
        ProcessRunner.Check(Path.Combine(_host.Bin, "zfs"), "allow", "-u", "backup", "-l", "mount", Dataset);
        ws.AssertEmptyPlan();

        // Dropping a permission from the configuration unallows it (it was ours); dropping the
        // pre-existing one leaves it.
        ws.WriteConfig(Config("\"send\""));
        ws.Apply();
        var after = Grants(state);
        Assert.DoesNotContain(after, l => l.EndsWith("\thold", StringComparison.Ordinal));
        Assert.Contains($"{Dataset}\tuser\tbackup\tl\tsnapshot", after);
        Assert.Contains($"{Dataset}\tuser\tbackup\tl\tsend", after);

        // Destroy removes only what the resource added: send goes, snapshot (pre-existing), mount
        // (granted out of band), the other user's grant, the set and create-time permissions stay.
        ws.WriteConfig(Config("\"send\", \"hold\", \"snapshot\""));
        ws.Apply();
        ws.Destroy();
        Assert.Equal(before.Append($"{Dataset}\tuser\tbackup\tl\tmount").Order(StringComparer.Ordinal), Grants(state));

        // Import takes what the user holds in that scope, all pre-existing: the plan is empty
        // (Import asserts it) and destroying the imported delegation unallows nothing.
        ProcessRunner.Check(Path.Combine(_host.Bin, "zfs"), "allow", "-u", "backup", "-ld", "send,hold", Dataset);
        var held = Grants(state);
        ws.WriteConfig(Config("\"send\", \"hold\", \"snapshot\""));
        ws.Import("homelab_zfs_delegation.pull", $"local:{Dataset}:user:backup");
        values = ws.ResourceValues("homelab_zfs_delegation.pull")!.Value;
        Assert.Equal(["hold", "send", "snapshot"], values.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        ws.Destroy();
        Assert.Equal(held, Grants(state));
    }

    [Fact]
    public void Unknown_permission_and_missing_dataset_are_plan_errors_on_their_attributes()
    {
        ZfsPool.Zfs("create", Dataset);
        DelegationFakeZfs.Install(_host);
        var ws = _host.Workspace;
        ws.WriteConfig(Config("\"send\", \"sned\""));
        var result = ws.Plan();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unknown ZFS permission", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("`sned`", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("permissions", result.Stderr, StringComparison.Ordinal);
        ws.WriteConfig(Config("\"send\"").Replace(Dataset, _pool.Name + "/missing", StringComparison.Ordinal));
        result = ws.ApplyExpectError();
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void On_zfs_fuse_the_plan_fails_with_a_clear_error_on_permissions()
    {
        ZfsPool.Zfs("create", Dataset);
        var ws = _host.Workspace;
        ws.WriteConfig(Config("\"send\""));
        var result = ws.Plan();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("zfs allow is not available", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("zfs-fuse", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected provider error", result.Stderr, StringComparison.Ordinal);
    }
}
