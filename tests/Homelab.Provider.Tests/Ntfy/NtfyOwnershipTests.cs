namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// An alert never takes over or removes what it did not write (issue 11, defect 9), through real
/// terraform: create refuses an existing env file or drop-in and says how to import; update
/// refuses a hand-made drop-in it would add; destroy leaves another workspace's alert and
/// hand-made drop-ins alone.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class NtfyOwnershipTests : IDisposable
{
    private const string HandMadeEnv = "NTFY_URL=\"http://127.0.0.1:9\"\nNTFY_TOPIC=\"theirs\"\n";
    private const string HandMadeDropIn = "[Unit]\nOnFailure=my-own-handler.service\n";
    private readonly NtfyTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Config(string units = "[\"incus.service\"]", string name = "phone", string label = "phone") => $$"""
        resource "homelab_ntfy_alert" "{{label}}" {
          name      = "{{name}}"
          url       = "{{_host.Server.Url}}"
          topic     = "mine"
          units     = {{units}}
          send_test = false
        }
        """;

    [Fact]
    public void Create_refuses_an_existing_env_file_on_name_says_how_to_import_and_writes_nothing()
    {
        Directory.CreateDirectory(_host.State("ntfy"));
        File.WriteAllText(_host.State("ntfy/phone.env"), HandMadeEnv);
        var ws = _host.Workspace;
        ws.WriteConfig(Config());

        var apply = ws.ApplyExpectError();

        Assert.Contains("Error: ntfy alert already exists", apply.Output, StringComparison.Ordinal);
        Assert.Contains("tofu import homelab_ntfy_alert.<label> phone", apply.Output, StringComparison.Ordinal);
        Assert.Contains("name      = \"phone\"", apply.Output, StringComparison.Ordinal);
        Assert.Equal(HandMadeEnv, File.ReadAllText(_host.State("ntfy/phone.env")));
        Assert.Equal(["ntfy/phone.env"], _host.StateFiles());
        Assert.Empty(ws.StateList());

        // The way out the message names works: import, then the plan updates it to the config.
        Assert.Equal(0, ws.Run("import", "-input=false", "-no-color", "homelab_ntfy_alert.phone", "local:phone").ExitCode);
        ws.Apply();
        Assert.Contains("NTFY_TOPIC=\"mine\"", File.ReadAllText(_host.State("ntfy/phone.env")), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_an_existing_drop_in_on_units_and_writes_nothing()
    {
        Directory.CreateDirectory(_host.State("units/incus.service.d"));
        File.WriteAllText(_host.State("units/incus.service.d/homelab-phone.conf"), HandMadeDropIn);
        var ws = _host.Workspace;
        ws.WriteConfig(Config());

        var apply = ws.ApplyExpectError();

        Assert.Contains("Error: OnFailure drop-in already exists", apply.Output, StringComparison.Ordinal);
        Assert.Contains("units     = [\"incus.service\"]", apply.Output, StringComparison.Ordinal);
        Assert.Equal(["units/incus.service.d/homelab-phone.conf"], _host.StateFiles());
        Assert.Equal(HandMadeDropIn, File.ReadAllText(_host.State("units/incus.service.d/homelab-phone.conf")));
    }

    [Fact]
    public void A_second_workspace_cannot_adopt_an_alert_and_destroy_removes_only_its_own_files()
    {
        var first = _host.Workspace;
        first.WriteConfig(Config());
        first.Apply();
        var firstFiles = _host.StateFiles();

        using var second = TerraformWorkspace.Create(ProviderBuild.Homelab);
        second.Environment["HOMELAB_STATE_DIR"] = _host.StateDir;
        second.Environment["PATH"] = _host.Path;
        second.WriteConfig(Config());
        Assert.Contains("Error: ntfy alert already exists", second.ApplyExpectError().Output, StringComparison.Ordinal);
        Assert.Equal(firstFiles, _host.StateFiles());

        // Its own alert on the same unit lives beside the first one; destroying it leaves the first.
        second.WriteConfig(Config(name: "tablet", label: "tablet"));
        second.Apply();
        File.WriteAllText(_host.State("units/incus.service.d/override.conf"), HandMadeDropIn);
        second.Destroy();
        Assert.Equal([.. firstFiles, "units/incus.service.d/override.conf"], _host.StateFiles());
        first.AssertEmptyPlan();
    }

    [Fact]
    public async Task Two_workspaces_creating_the_same_alert_at_once_exactly_one_wins_and_its_secret_stays()
    {
        // The name is claimed by a create-only write under the host lock before any secret is
        // written: the loser never overwrites the winner's token file, and leaves nothing behind.
        var workspaces = new[] { _host.Workspace, TerraformWorkspace.Create(ProviderBuild.Homelab) };
        var tokens = new[] { "tok_first", "tok_second" };
        for (var i = 0; i < 2; i++)
        {
            workspaces[i].Environment["HOMELAB_STATE_DIR"] = _host.StateDir;
            workspaces[i].Environment["PATH"] = _host.Path;
            workspaces[i].WriteConfig(Config().Replace("send_test = false", $"send_test = false\n  token_wo = \"{tokens[i]}\"\n  token_wo_version = 1", StringComparison.Ordinal));
        }
        try
        {
            var runs = await Task.WhenAll(workspaces.Select(ws => Task.Run(() => ws.Run("apply", "-auto-approve", "-input=false", "-no-color"))));

            var winners = Enumerable.Range(0, 2).Where(i => runs[i].ExitCode == 0).ToList();
            var winner = Assert.Single(winners);
            Assert.Contains("ntfy alert already exists", runs[1 - winner].Output, StringComparison.Ordinal);
            Assert.Equal(tokens[winner], File.ReadAllText(_host.State("ntfy/phone.token")));
            Assert.Empty(workspaces[1 - winner].StateList());
            workspaces[winner].AssertEmptyPlan();
        }
        finally
        {
            workspaces[1].Dispose();
        }
    }

    [Fact]
    public void Update_refuses_to_overwrite_a_hand_made_drop_in_and_destroy_leaves_it()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config(units: "[\"zfs-scrub.service\"]"));
        ws.Apply();
        Directory.CreateDirectory(_host.State("units/incus.service.d"));
        File.WriteAllText(_host.State("units/incus.service.d/homelab-phone.conf"), HandMadeDropIn);

        ws.WriteConfig(Config(units: "[\"zfs-scrub.service\", \"incus.service\"]"));
        var apply = ws.ApplyExpectError();
        Assert.Contains("Error: OnFailure drop-in already exists", apply.Output, StringComparison.Ordinal);
        Assert.Equal(HandMadeDropIn, File.ReadAllText(_host.State("units/incus.service.d/homelab-phone.conf")));

        ws.Destroy();
        Assert.Equal(["units/incus.service.d/homelab-phone.conf"], _host.StateFiles());
        Assert.Equal(HandMadeDropIn, File.ReadAllText(_host.State("units/incus.service.d/homelab-phone.conf")));
    }
}
