using Homelab.Provider.Host;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Host;

/// <summary>The SSH runner against a real sshd on 127.0.0.1 with generated keys.</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class SshConnectionTests(Sshd sshd) : IClassFixture<Sshd>
{
    private RemoteSettings Settings(string? fingerprint = null, string? knownHosts = null, bool insecure = false, string? key = null) => new()
    {
        Name = "lab",
        Address = sshd.Address,
        SshHost = "127.0.0.1",
        SshPort = sshd.Port,
        SshUser = "root",
        PrivateKeyFile = key ?? sshd.ClientKeyFile,
        HostKeyFingerprint = fingerprint,
        KnownHostsFile = knownHosts,
        InsecureSkipHostKeyCheck = insecure,
        CommandTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task Runs_commands_with_a_pinned_fingerprint()
    {
        await using var c = new SshConnection(Settings(fingerprint: sshd.HostKeyFingerprint));
        var r = await c.RunAsync(HostCommand.Of("/bin/sh", "-c", "echo out; echo err >&2; exit 4"), CancellationToken.None);
        Assert.Equal(4, r.ExitCode);
        Assert.Equal("out\n", r.Stdout);
        Assert.Equal("err\n", r.Stderr);
    }

    [Fact]
    public async Task Runs_commands_with_a_known_hosts_file()
    {
        await using var c = new SshConnection(Settings(knownHosts: sshd.KnownHostsFile));
        var r = await c.RunAsync(HostCommand.Of("id", "-u"), CancellationToken.None);
        Assert.Equal("0\n", r.Stdout);
    }

    [Fact]
    public async Task Hostile_arguments_arrive_verbatim_through_the_remote_shell()
    {
        await using var c = new SshConnection(Settings(fingerprint: sshd.HostKeyFingerprint));
        foreach (var word in ShellQuoteTests.HostileWords)
        {
            var r = await c.RunAsync(HostCommand.Of("printf", "%s", word), CancellationToken.None);
            Assert.Equal(word.Replace("\r\n", "\n", StringComparison.Ordinal), r.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        }
        Assert.False(File.Exists("/tmp/hl-pwned"));
    }

    [Fact]
    public async Task Stdin_reaches_the_remote_command()
    {
        await using var c = new SshConnection(Settings(fingerprint: sshd.HostKeyFingerprint));
        var r = await c.RunAsync(new HostCommand(["cat"]) { Stdin = "s3cret\n", Timeout = TimeSpan.FromSeconds(5) }, CancellationToken.None);
        Assert.Equal("s3cret\n", r.Stdout);
        var empty = await c.RunAsync(HostCommand.Of("cat"), CancellationToken.None);
        Assert.Equal("", empty.Stdout);
    }

    [Fact]
    public async Task One_connection_serves_many_concurrent_commands()
    {
        await using var c = new SshConnection(Settings(fingerprint: sshd.HostKeyFingerprint));
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => c.RunAsync(HostCommand.Of("echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None)));
        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal($"{x.i}\n", x.r.Stdout));
        // Every command went over one TCP connection: sshd forked one session process for it.
        var sessions = ProcessRunner.Run("/bin/sh", "-c", $"ss -tn state established '( sport = :{sshd.Port} )' | tail -n +2 | wc -l").Stdout.Trim();
        Assert.Equal("1", sessions);
    }

    [Fact]
    public async Task A_wrong_pinned_fingerprint_is_refused()
    {
        await using var c = new SshConnection(Settings(fingerprint: sshd.OtherKeyFingerprint));
        var ex = await Assert.ThrowsAsync<HostException>(() => c.RunAsync(HostCommand.Of("true"), CancellationToken.None));
        Assert.Equal("SSH host key refused", ex.Summary);
        Assert.Contains(sshd.HostKeyFingerprint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_hosts_mismatch_is_refused_as_possible_interception()
    {
        await using var c = new SshConnection(Settings(knownHosts: sshd.WrongKnownHostsFile));
        var ex = await Assert.ThrowsAsync<HostException>(() => c.RunAsync(HostCommand.Of("true"), CancellationToken.None));
        Assert.Equal("SSH host key refused", ex.Summary);
        Assert.Contains("MISMATCH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpinned_host_is_refused_unless_insecure_is_opted_into()
    {
        await using (var c = new SshConnection(Settings()))
        {
            var ex = await Assert.ThrowsAsync<HostException>(() => c.RunAsync(HostCommand.Of("true"), CancellationToken.None));
            Assert.Contains("insecure_skip_host_key_check", ex.Message, StringComparison.Ordinal);
        }
        await using var insecure = new SshConnection(Settings(insecure: true));
        Assert.True((await insecure.RunAsync(HostCommand.Of("true"), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task An_unauthorised_client_key_fails_authentication()
    {
        await using var c = new SshConnection(Settings(fingerprint: sshd.HostKeyFingerprint, key: sshd.OtherKeyFile));
        var ex = await Assert.ThrowsAsync<HostException>(() => c.RunAsync(HostCommand.Of("true"), CancellationToken.None));
        Assert.Equal("SSH authentication failed", ex.Summary);
    }

    [Fact]
    public async Task An_inline_key_works()
    {
        var settings = Settings(fingerprint: sshd.HostKeyFingerprint) with { PrivateKeyFile = null, PrivateKey = File.ReadAllText(sshd.ClientKeyFile) };
        await using var c = new SshConnection(settings);
        Assert.True((await c.RunAsync(HostCommand.Of("true"), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task A_remote_command_over_its_timeout_fails_clearly()
    {
        await using var c = new SshConnection(Settings(fingerprint: sshd.HostKeyFingerprint) with { CommandTimeout = TimeSpan.FromMilliseconds(500) });
        var ex = await Assert.ThrowsAsync<HostException>(() => c.RunAsync(HostCommand.Of("sleep", "20"), CancellationToken.None));
        Assert.Equal("Command timed out", ex.Summary);
    }

    [Fact]
    public async Task The_state_dir_works_over_ssh()
    {
        using var dir = new TempDir("hl-ssh-state");
        await using var remote = new Remote(new SshConnection(Settings(fingerprint: sshd.HostKeyFingerprint) with { StateDir = dir.File("state") }));
        await remote.StateDir.WriteFileAsync("ntfy/phone.env", "NTFY_TOPIC=x\n", secret: true, CancellationToken.None);
        Assert.Equal("NTFY_TOPIC=x\n", await remote.StateDir.ReadFileAsync("ntfy/phone.env", CancellationToken.None));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("state/ntfy/phone.env")));
        Assert.StartsWith("/", await remote.Tools.GetAsync("flock", CancellationToken.None), StringComparison.Ordinal);
    }
}
