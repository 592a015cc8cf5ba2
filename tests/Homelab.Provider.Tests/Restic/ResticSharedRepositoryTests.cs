using System.Text.Json;

namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// Several jobs in one repository, through real terraform and the real restic: they initialise a
/// new repository together at terraform's default parallelism, refresh opens it once, and one
/// job's forget/prune touches exactly its own snapshots — not another job's, not another host's.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticSharedRepositoryTests : IDisposable
{
    private const string Password = "shared repository password";
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string ProbeLog => _host.File("restic-calls.log");

    /// <summary>A restic that logs its arguments (never secrets: those are files), so the test can count repository opens.</summary>
    private string CountingRestic()
    {
        return Executable.Write(_host.File("restic-counting"), $"""
            #!/bin/sh
            printf '%s\n' "$*" >> '{ProbeLog}'
            exec restic "$@"

            """);
    }

    private string Job(string name, string? retention = null) => $$"""
        resource "homelab_restic_job" "{{name}}" {
          name                = "{{name}}"
          repository          = {{Hcl.Str(_host.Repo)}}
          password_wo         = {{Hcl.Str(Password)}}
          password_wo_version = 1
          paths               = [{{Hcl.Str(_host.Source)}}]
          {{retention ?? ""}}
        }

        """;

    [Fact]
    public void Three_jobs_initialise_one_new_repository_together_and_refresh_opens_it_once()
    {
        File.WriteAllText(Path.Combine(_host.Source, "f"), "data");
        var ws = _host.Workspace;
        ws.WriteConfig($$"""
            provider "homelab" {
              remote {
                name      = "local"
                state_dir = {{Hcl.Str(_host.StateDir)}}
                tools     = { restic = {{Hcl.Str(CountingRestic())}} }
              }
            }

            """ + Job("a") + Job("b") + Job("c"));

        // Default parallelism (10): the three creates race for the one `restic init`.
        ws.Apply();
        var inits = File.ReadAllLines(ProbeLog).Count(l => l.EndsWith(" init", StringComparison.Ordinal));
        Assert.Equal(1, inits);
        var ids = new[] { "a", "b", "c" }.Select(n => ws.ResourceValues("homelab_restic_job." + n)!.Value.GetProperty("repository_id").GetString()).ToHashSet();
        Assert.Single(ids);

        // Refresh of the three jobs: one `cat config`, not three; and nothing to change.
        File.Delete(ProbeLog);
        ws.AssertEmptyPlan();
        var opens = File.ReadAllLines(ProbeLog).Count(l => l.EndsWith(" cat config", StringComparison.Ordinal));
        Assert.Equal(1, opens);
        foreach (var name in new[] { "a", "b", "c" })
        {
            _host.RunServiceOk("homelab-restic-" + name);
        }
    }

    [Fact]
    public void Forget_of_one_job_keeps_the_other_jobs_and_other_hosts_snapshots()
    {
        File.WriteAllText(Path.Combine(_host.Source, "f"), "data");
        var ws = _host.Workspace;
        // No tags, no host: the case that used to prune across jobs.
        var retention = "retention = { keep_last = 1 }";
        ws.WriteConfig(Job("alpha", retention) + Job("beta", retention));
        ws.Apply("-parallelism=1");
        var pw = _host.File("pw");
        File.WriteAllText(pw, Password);

        var alpha = NewSnapshots(pw, () => _host.RunServiceOk("homelab-restic-alpha"));
        var beta = NewSnapshots(pw, () =>
        {
            _host.RunServiceOk("homelab-restic-beta");
            _host.RunServiceOk("homelab-restic-beta");
        });
        // Another machine backing up into the same repository (with restic's defaults).
        var foreign = NewSnapshots(pw, () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var (code, _, err) = _host.Restic(_host.Repo, pw, "backup", "--host", "other-machine", _host.Source);
                Assert.True(code == 0, err);
            }
        });
        Assert.Single(alpha);
        Assert.Equal(2, beta.Count);
        Assert.Equal(2, foreign.Count);

        _host.RunServiceOk("homelab-restic-beta-forget");

        var after = _host.Snapshots(_host.Repo, pw).Select(Id).ToHashSet();
        Assert.Contains(alpha[0], after);
        Assert.DoesNotContain(beta[0], after);
        Assert.Contains(beta[1], after);
        Assert.All(foreign, id => Assert.Contains(id, after));

        // The snapshots carry the job's identity and this machine's name.
        var mine = _host.Snapshots(_host.Repo, pw).Single(s => Id(s) == alpha[0]);
        Assert.Contains("homelab-job=alpha", mine.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(ResticTestHost.MachineHost, mine.GetProperty("hostname").GetString());
    }

    /// <summary>Ids of the snapshots <paramref name="action"/> added, oldest first.</summary>
    private List<string> NewSnapshots(string pw, Action action)
    {
        var before = _host.Snapshots(_host.Repo, pw).Select(Id).ToHashSet();
        action();
        return [.. _host.Snapshots(_host.Repo, pw).Select(Id).Where(id => !before.Contains(id))];
    }

    private static string Id(JsonElement snapshot) => snapshot.GetProperty("id").GetString()!;
}
