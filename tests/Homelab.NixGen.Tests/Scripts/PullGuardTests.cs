using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>
/// The rendered homelab-pull-guard.sh (the forced command of pull keys) under bash: what syncoid
/// runs on a replication source passes through as argv (to fake zfs/zpool/lzop/mbuffer that print
/// their argv), anything else, hostile SSH_ORIGINAL_COMMANDs included, is refused before any tool
/// runs; and a real zfs-fuse `zfs send` through the guard is received intact.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class PullGuardTests : IDisposable
{
    private readonly RenderedScripts _scripts = new();
    private readonly TempDir _dir = new();

    public PullGuardTests()
    {
        Directory.CreateDirectory(Bin);
        foreach (var tool in new[] { "zfs", "zpool" })
        {
            // Prints its argv one word per line and leaves a trace that it ran.
            RenderedScripts.Shim(Bin, tool, $"touch {_dir.Combine("ran")}\nprintf '{tool}'; printf '|%s' \"$@\"; echo");
        }
        RenderedScripts.Shim(Bin, "lzop", "sed 's/^/lzop:/'");
        RenderedScripts.Shim(Bin, "mbuffer", "printf 'mbuffer'; printf '|%s' \"$@\"; echo; cat");
    }

    private string Bin => _dir.Combine("bin");

    public void Dispose()
    {
        _dir.Dispose();
        _scripts.Dispose();
    }

    private ProcessResult Guard(string? request, string path, params string[] datasets)
    {
        var env = new Dictionary<string, string?> { ["PATH"] = path, ["SSH_ORIGINAL_COMMAND"] = request };
        return ProcessRunner.Run("bash", [_scripts.PathOf("homelab-pull-guard.sh"), .. datasets], null, env);
    }

    private ProcessResult Fake(string? request) => Guard(request, Bin + ":/usr/bin:/bin", "tank/data", "tank/home");

    public static TheoryData<string, string> Allowed => new()
    {
        { "zfs get -H syncoid:sync 'tank/data'", "zfs|get|-H|syncoid:sync|tank/data" },
        { "zfs get -Hpd 1 -t snapshot guid,creation 'tank/data'", "zfs|get|-Hpd|1|-t|snapshot|guid,creation|tank/data" },
        { "zfs get -Hpd 1 type,guid,creation 'tank/home/alice'", "zfs|get|-Hpd|1|type,guid,creation|tank/home/alice" },
        { "zfs get -Hpd 1 -t bookmark guid,creation 'tank/data'", "zfs|get|-Hpd|1|-t|bookmark|guid,creation|tank/data" },
        { "zfs list -o name,origin -t filesystem,volume -Hr 'tank/data'", "zfs|list|-o|name,origin|-t|filesystem,volume|-Hr|tank/data" },
        { "zfs send -nvP -I 'tank/data'@'autosnap_a' 'tank/data'@'autosnap_b'", "zfs|send|-nvP|-I|tank/data@autosnap_a|tank/data@autosnap_b" },
        { "zfs send -w 'tank/data'@'s1'", "zfs|send|-w|tank/data@s1" },
        { "zfs send -i 'tank/data'#'bm1' 'tank/data'@'s2'", "zfs|send|-i|tank/data#bm1|tank/data@s2" },
        { "zfs send -t 1-e604ea4bf-e0-789c63a2", "zfs|send|-t|1-e604ea4bf-e0-789c63a2" },
        { "zpool get -o value -H feature@extensible_dataset 'tank'", "zpool|get|-o|value|-H|feature@extensible_dataset|tank" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void What_syncoid_runs_on_a_source_passes_through_as_argv(string request, string argv)
    {
        var result = Fake(request);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(argv + "\n", result.Stdout);
    }

    [Fact]
    public void A_send_pipeline_to_a_compressor_and_mbuffer_is_built_without_a_shell()
    {
        var result = Fake("zfs send -I 'tank/data'@'a' 'tank/data'@'b' | lzop | mbuffer -q -s 128k -m 16M");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("mbuffer|-q|-s|128k|-m|16M\nlzop:zfs|send|-I|tank/data@a|tank/data@b\n", result.Stdout);
    }

    [Fact]
    public void Connection_test_and_tool_probes_answer_like_a_shell()
    {
        var echo = Fake("echo -n");
        Assert.Equal(0, echo.ExitCode);
        Assert.Equal("", echo.Stdout);
        var probe = Fake("command -v lzop");
        Assert.Equal(0, probe.ExitCode);
        Assert.Equal(Path.Combine(Bin, "lzop") + "\n", probe.Stdout);
        Assert.NotEqual(0, Fake("command -v pigz").ExitCode); // not installed: syncoid goes on without it
    }

    public static TheoryData<string?, string> Refused => new()
    {
        { null, "not a login shell" },
        { "", "not a login shell" },
        { "bash -i", "'bash' is not allowed" },
        { "zfs destroy 'tank/data'@'a'", "zfs destroy is not allowed" },
        { "zfs destroy -r tank/data", "zfs destroy is not allowed" },
        { "zfs snapshot tank/data@x", "zfs snapshot is not allowed" },
        { "zfs rollback -r tank/data@a", "zfs rollback is not allowed" },
        { "zfs set readonly=on tank/data", "character '='" },
        { "zfs receive -F tank/data", "zfs receive is not allowed" },
        { "zfs get -H name tank/data; rm -rf /", "character ';'" },
        { "zfs get -H name $(id)", "character '$'" },
        { "zfs get -H name `id`", "character '`'" },
        { "zfs get -H name tank/data && reboot", "character '&'" },
        { "zfs send tank/data@a > /tmp/x", "character '>'" },
        { "zfs list tank/data\nreboot", "is not allowed in" },
        { "zfs get -H name \"tank/data\"", "character '\"'" },
        { "zfs send tank/other@a", "not a snapshot of a dataset this key may read" },
        { "zfs send tank/database@a", "not a snapshot of a dataset this key may read" },
        { "zfs send tank/data/../other@a", "not a snapshot of a dataset this key may read" },
        { "zfs send -I tank/other@a tank/data@b", "not a snapshot or bookmark of a dataset this key may read" },
        { "zfs send tank/data", "not a snapshot of a dataset this key may read" },
        { "zfs send -R tank/data@a", "option -R of zfs send is not allowed" },
        { "zfs send 'tank/data@a b'", "unbalanced quote" },
        { "zfs list -r tank", "'tank' is not a dataset this key may read" },
        { "zfs get all tank/other", "'tank/other' is not a dataset this key may read" },
        { "zpool get -o value -H feature@extensible_dataset othertank", "pool 'othertank'" },
        { "zpool export tank", "only 'zpool get" },
        { "zfs get -H name tank/data | sh", "only zfs send may be piped" },
        { "zfs send tank/data@a | sh", "'sh' may not follow zfs send" },
        { "zfs send tank/data@a | mbuffer -o /tmp/x", "mbuffer option '-o'" },
        { "zfs send tank/data@a | lzop -d", "takes no arguments" },
        { "zfs send tank/data@a |", "empty command" },
        { "command -v rm", "only 'command -v'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_refused_before_a_tool_runs(string? request, string message)
    {
        var result = Fake(request);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("homelab-pull-guard: refused: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.False(File.Exists(_dir.Combine("ran")), "a tool ran for a refused request");
    }

    [Fact]
    public void Without_datasets_the_key_may_do_nothing()
    {
        var result = Guard("zfs list tank/data", Bin + ":/usr/bin:/bin");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no datasets are configured", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_zfs_send_through_the_guard_is_received_intact()
    {
        using var pool = new MirrorPool();
        var data = pool.Name + "/data";
        ProcessRunner.Check("zfs", "create", data);
        ProcessRunner.Check("zfs", "snapshot", data + "@s1");
        ProcessRunner.Check("zfs", "snapshot", data + "@s2");
        var path = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin";
        var guard = _scripts.PathOf("homelab-pull-guard.sh");

        // Full then incremental, the second through lzop and mbuffer as syncoid sends it.
        var full = ProcessRunner.Run("bash", ["-c", "bash \"$0\" \"$1\" | zfs receive \"$2\"", guard, data, pool.Name + "/copy"], null,
            new Dictionary<string, string?> { ["PATH"] = path, ["SSH_ORIGINAL_COMMAND"] = $"zfs send '{data}'@'s1'" });
        Assert.True(full.ExitCode == 0, full.ToString());
        var incremental = ProcessRunner.Run("bash", ["-c", "set -o pipefail; bash \"$0\" \"$1\" | lzop -d | zfs receive \"$2\"", guard, data, pool.Name + "/copy"], null,
            new Dictionary<string, string?> { ["PATH"] = path, ["SSH_ORIGINAL_COMMAND"] = $"zfs send -I '{data}'@'s1' '{data}'@'s2' | lzop | mbuffer -q -s 128k -m 16M" });
        Assert.True(incremental.ExitCode == 0, incremental.ToString());
        var snapshots = ProcessRunner.Check("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-r", pool.Name + "/copy");
        Assert.Contains(pool.Name + "/copy@s1", snapshots, StringComparison.Ordinal);
        Assert.Contains(pool.Name + "/copy@s2", snapshots, StringComparison.Ordinal);

        // The same guard refuses a real destroy of the source's snapshot; the snapshot stays.
        var destroy = Guard($"zfs destroy '{data}'@'s1'", path, data);
        Assert.Equal(1, destroy.ExitCode);
        Assert.Contains(data + "@s1", ProcessRunner.Check("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-r", data), StringComparison.Ordinal);
    }
}
