using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>Runs the rendered homelab-sanoid.sh under bash against the real sanoid with a temp configdir.</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class HomelabSanoidTests : IDisposable
{
    private readonly RenderedScripts _scripts = new();
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        _dir.Dispose();
        _scripts.Dispose();
    }

    [Fact]
    public void Without_a_policy_there_is_nothing_to_do_and_sanoid_is_not_run()
    {
        var result = RunScript(sanoid: "false");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nothing to do", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_sanoid_accepts_a_valid_policy_from_the_state_dir()
    {
        _dir.Write("state/sanoid/sanoid.conf", """
            [rpool/persistent]
            	use_template = production
            	recursive = yes

            [template_production]
            	hourly = 24
            	daily = 30
            	monthly = 6
            	autosnap = yes
            	autoprune = yes
            """);

        var result = RunScript();

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Real_sanoid_rejects_a_policy_with_an_unknown_key_and_the_unit_fails()
    {
        _dir.Write("state/sanoid/sanoid.conf", "[template_production]\n\thourly = 24\n\tfrobnicate = 1\n");

        var result = RunScript();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private ProcessResult RunScript(string sanoid = "sanoid")
    {
        Directory.CreateDirectory(_dir.Combine("cache"));
        Directory.CreateDirectory(_dir.Combine("run"));
        var path = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin";
        return ProcessRunner.Run(
            "bash",
            [_scripts.PathOf("homelab-sanoid.sh"), "--readonly", "--cache-dir", _dir.Combine("cache"), "--run-dir", _dir.Combine("run")],
            null,
            new Dictionary<string, string?>
            {
                ["HOMELAB_STATE_DIR"] = _dir.Combine("state"),
                ["SANOID"] = sanoid,
                ["PATH"] = path,
            });
    }
}
