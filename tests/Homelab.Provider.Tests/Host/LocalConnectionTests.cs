using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Host)]
public sealed class LocalConnectionTests
{
    private static LocalConnection Connection(TimeSpan? timeout = null) =>
        new(new RemoteSettings { Name = "local", CommandTimeout = timeout ?? TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task Commands_get_a_minimal_environment_not_the_operators()
    {
        var tofu = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = "/home/op",
            ["AWS_SECRET_ACCESS_KEY"] = "aws-s3cret",
            ["RESTIC_PASSWORD"] = "restic-s3cret",
            ["TF_VAR_token"] = "tf-s3cret",
            ["SSH_AUTH_SOCK"] = "/run/user/1000/agent",
            ["LD_PRELOAD"] = "/tmp/evil.so",
        };
        var connection = new LocalConnection(new RemoteSettings { Name = "local" }, n => tofu.GetValueOrDefault(n));

        var r = await connection.RunAsync(HostCommand.Of("/usr/bin/env"), CancellationToken.None);

        Assert.Equal(["HOME=/home/op", "LANG=C", "LC_ALL=C", "PATH=/usr/bin:/bin"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_PATH_the_system_directories_are_searched() =>
        Assert.Equal(LocalConnection.FallbackPath, LocalConnection.ChildEnvironment(_ => null)["PATH"]);

    [Fact]
    public async Task Exit_code_stdout_and_stderr_come_back_apart()
    {
        var r = await Connection().RunAsync(HostCommand.Of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), CancellationToken.None);
        Assert.Equal(3, r.ExitCode);
        Assert.False(r.Succeeded);
        Assert.Equal("out\n", r.Stdout);
        Assert.Equal("err\n", r.Stderr);
        Assert.Contains("exited with code 3: err", r.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_are_never_interpreted_by_a_shell()
    {
        var r = await Connection().RunAsync(HostCommand.Of("printf", "%s", "$(touch /tmp/hl-pwned-local); `id`"), CancellationToken.None);
        Assert.Equal("$(touch /tmp/hl-pwned-local); `id`", r.Stdout);
        Assert.False(File.Exists("/tmp/hl-pwned-local"));
    }

    [Fact]
    public async Task Stdin_reaches_the_command_and_is_closed()
    {
        var r = await Connection().RunAsync(new HostCommand(["cat"]) { Stdin = "s3cret\nline2" }, CancellationToken.None);
        Assert.Equal("s3cret\nline2", r.Stdout);
        var empty = await Connection().RunAsync(HostCommand.Of("cat"), CancellationToken.None);
        Assert.Equal("", empty.Stdout);
    }

    [Fact]
    public async Task A_missing_program_is_exit_code_127()
    {
        var r = await Connection().RunAsync(HostCommand.Of("/nonexistent/tool"), CancellationToken.None);
        Assert.Equal(127, r.ExitCode);
    }

    [Fact]
    public async Task A_command_over_its_timeout_is_killed_with_a_clear_error()
    {
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<HostException>(() => Connection(TimeSpan.FromMilliseconds(300)).RunAsync(HostCommand.Of("sleep", "30"), CancellationToken.None));
        Assert.Equal("Command timed out", ex.Summary);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancellation_kills_the_command()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Connection().RunAsync(HostCommand.Of("sleep", "30"), cts.Token));
    }

    [Fact]
    public void Sudo_wraps_argv_non_interactively()
    {
        var s = new RemoteSettings { Name = "x", Sudo = true };
        Assert.Equal(["sudo", "-n", "--", "zfs", "list"], s.WithSudo(HostCommand.Of("zfs", "list")));
        Assert.Equal(["zfs", "list"], s.WithSudo(new HostCommand(["zfs", "list"]) { NoSudo = true }));
    }
}
