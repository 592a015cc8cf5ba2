using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Host;

/// <summary>Authentication through a real OpenSSH ssh-agent against the real sshd fixture.</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class SshAgentTests(Sshd sshd) : IClassFixture<Sshd>
{
    [Fact]
    public async Task A_key_held_only_by_the_agent_logs_in()
    {
        using var agent = new SshAgentProcess();
        agent.Add(sshd.ClientKeyFile);
        await using var c = new SshConnection(Settings(agent.Socket));
        var r = await c.RunAsync(HostCommand.Of("id", "-u"), CancellationToken.None);
        Assert.Equal("0\n", r.Stdout);
    }

    [Fact]
    public async Task An_rsa_key_in_the_agent_signs_with_sha2()
    {
        // OpenSSH 8.8+ refuses ssh-rsa (SHA-1) signatures: the agent must be asked for rsa-sha2-*.
        using var keys = new TempDir("hl-rsa");
        var rsa = keys.File("client_rsa");
        ProcessRunner.Check("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa);
        File.AppendAllText(Path.Combine(Path.GetDirectoryName(sshd.ClientKeyFile)!, "authorized_keys"), File.ReadAllText(rsa + ".pub"));
        using var agent = new SshAgentProcess();
        agent.Add(rsa);
        await using var c = new SshConnection(Settings(agent.Socket));
        var r = await c.RunAsync(HostCommand.Of("echo", "rsa"), CancellationToken.None);
        Assert.Equal("rsa\n", r.Stdout);
    }

    [Fact]
    public async Task An_agent_holding_only_a_foreign_key_is_refused()
    {
        using var agent = new SshAgentProcess();
        agent.Add(sshd.OtherKeyFile);
        await using var c = new SshConnection(Settings(agent.Socket));
        var ex = await Assert.ThrowsAsync<HostException>(() => c.RunAsync(HostCommand.Of("true"), CancellationToken.None));
        Assert.Equal("SSH authentication failed", ex.Summary);
    }

    [Fact]
    public async Task An_unreachable_agent_is_reported_when_it_is_the_only_way_in()
    {
        using var dir = new TempDir("hl-noagent");
        await using var c = new SshConnection(Settings(dir.File("missing.sock")));
        var ex = await Assert.ThrowsAsync<HostException>(() => c.RunAsync(HostCommand.Of("true"), CancellationToken.None));
        Assert.Equal("ssh-agent unusable", ex.Summary);
    }

    [Fact]
    public void The_agent_serves_remotes_without_a_key_unless_switched_off()
    {
        var env = new Dictionary<string, string> { [HostEnvironment.AgentSocket] = "/run/agent.sock" };
        Assert.Equal("/run/agent.sock", Build(Remote(agent: null), env).SettingsOf("lab")!.AgentSocket);
        Assert.Null(Build(Remote(agent: false), env).SettingsOf("lab")!.AgentSocket);
        Assert.Null(Build(Remote(agent: null, keyFile: "/k"), env).SettingsOf("lab")!.AgentSocket);
        Assert.Equal("/run/agent.sock", Build(Remote(agent: true, keyFile: "/k"), env).SettingsOf("lab")!.AgentSocket);
    }

    [Fact]
    public void Ssh_agent_true_without_an_agent_is_an_error_on_the_attribute()
    {
        var diags = new DiagnosticBag();
        ProviderConfig.Build(Config(Remote(agent: true)), _ => null, diags);
        var d = Assert.Single(diags);
        Assert.Equal("No ssh-agent", d.Summary);
        Assert.Equal("remote[0].ssh_agent", d.Path!.ToString());
    }

    private static readonly TfType Type = ProviderConfig.Schema.ImpliedType;
    private static readonly TfType RemoteType = Type.AttributeType("remote").Element!;

    private static TfValue Remote(bool? agent, string? keyFile = null) => TfValue.Object(RemoteType,
    [
        KeyValuePair.Create("name", TfValue.String("lab")),
        KeyValuePair.Create("address", TfValue.String("ssh://root@127.0.0.1:22")),
        KeyValuePair.Create("private_key_file", TfValueAccessors.StringOrNull(keyFile)),
        KeyValuePair.Create("ssh_agent", agent is null ? TfValue.Null(TfType.Bool) : TfValue.Bool(agent.Value)),
    ]);

    private static TfValue Config(TfValue remote) => TfValue.Object(Type,
    [
        KeyValuePair.Create("remote", TfValue.List(RemoteType, [remote])),
    ]);

    private static HostRegistry Build(TfValue remote, Dictionary<string, string> env)
    {
        var diags = new DiagnosticBag();
        var registry = ProviderConfig.Build(Config(remote), n => env.GetValueOrDefault(n), diags);
        Assert.False(diags.HasErrors, diags.ToString());
        return registry;
    }

    private RemoteSettings Settings(string agentSocket) => new()
    {
        Name = "lab",
        Address = sshd.Address,
        SshHost = "127.0.0.1",
        SshPort = sshd.Port,
        SshUser = "root",
        AgentSocket = agentSocket,
        HostKeyFingerprint = sshd.HostKeyFingerprint,
        CommandTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };
}
