using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Host)]
public sealed class StateDirectoryTests : IDisposable
{
    private readonly TempDir _dir = new("hl-state");
    private readonly Remote _remote;

    public StateDirectoryTests()
    {
        _remote = Remote.For(new RemoteSettings { Name = "local", StateDir = _dir.File("state") });
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Write_read_list_and_remove_round_trip()
    {
        var sd = _remote.StateDir;
        Assert.Null(await sd.ReadFileAsync("units/a.service", CancellationToken.None));
        await sd.WriteFileAsync("units/a.service", "[Unit]\nDescription=a\n", secret: false, CancellationToken.None);
        await sd.WriteFileAsync("units/b.timer", "x", secret: false, CancellationToken.None);
        Assert.Equal("[Unit]\nDescription=a\n", await sd.ReadFileAsync("units/a.service", CancellationToken.None));
        Assert.Equal(["a.service", "b.timer"], await sd.ListAsync("units", CancellationToken.None));
        Assert.True(await sd.RemoveFileAsync("units/a.service", CancellationToken.None));
        Assert.False(await sd.RemoveFileAsync("units/a.service", CancellationToken.None));
        Assert.Equal(["b.timer"], await sd.ListAsync("units", CancellationToken.None));
        Assert.Empty(await sd.ListAsync("nothing-here", CancellationToken.None));
    }

    [Fact]
    public async Task Secrets_are_0600_and_other_files_0644_with_no_temp_files_left()
    {
        var sd = _remote.StateDir;
        await sd.WriteFileAsync("restic/job/password", "hunter2", secret: true, CancellationToken.None);
        await sd.WriteFileAsync("restic/job/paths", "/srv", secret: false, CancellationToken.None);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sd.PathOf("restic/job/password")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(sd.PathOf("restic/job/paths")));
        Assert.Equal(["password", "paths"], Directory.GetFiles(_dir.File("state/restic/job")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Overwriting_replaces_the_file_atomically_with_a_new_inode()
    {
        var sd = _remote.StateDir;
        await sd.WriteFileAsync("a.conf", "one", secret: false, CancellationToken.None);
        using var held = File.OpenRead(sd.PathOf("a.conf"));
        await sd.WriteFileAsync("a.conf", "two", secret: false, CancellationToken.None);
        Assert.Equal("one", new StreamReader(held).ReadToEnd());
        Assert.Equal("two", await sd.ReadFileAsync("a.conf", CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_shared_file_lose_nothing()
    {
        var sd = _remote.StateDir;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => sd.UpdateFileAsync(
            "sanoid/sanoid.conf", current => (current ?? "") + $"[section{i}]\n", secret: false, CancellationToken.None)));
        var lines = (await sd.ReadFileAsync("sanoid/sanoid.conf", CancellationToken.None))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Distinct().Count());
    }

    /// <summary>
    /// Two <see cref="Remote"/>s on one state dir stand for two provider processes (two
    /// workspaces): they share no in-process lock, only the host's. Every update must survive.
    /// </summary>
    [Fact]
    public async Task Updates_from_two_processes_of_one_shared_file_lose_nothing()
    {
        var other = Remote.For(new RemoteSettings { Name = "local", StateDir = _dir.File("state") });
        var writers = new[] { _remote.StateDir, other.StateDir };
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => writers[i % 2].UpdateFileAsync(
            "sanoid/sanoid.conf", current => (current ?? "") + $"[section{i}]\n", secret: false, CancellationToken.None))));
        var lines = (await _remote.StateDir.ReadFileAsync("sanoid/sanoid.conf", CancellationToken.None))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"[section{i}]").Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_update_that_lost_the_race_starts_again_from_what_the_other_writer_committed()
    {
        var sd = _remote.StateDir;
        var other = Remote.For(new RemoteSettings { Name = "local", StateDir = _dir.File("state") }).StateDir;
        await sd.WriteFileAsync("shared.conf", "a\n", secret: false, CancellationToken.None);
        var seen = new List<string?>();
        var result = await sd.UpdateFileAsync("shared.conf", current =>
        {
            seen.Add(current);
            if (seen.Count == 1)
            {
                // Another process commits between this read and this commit.
                other.WriteFileAsync("shared.conf", current + "b\n", secret: false, CancellationToken.None).GetAwaiter().GetResult();
            }
            return current + "c\n";
        }, secret: false, CancellationToken.None);
        Assert.Equal("a\nb\nc\n", result);
        Assert.Equal("a\nb\nc\n", await sd.ReadFileAsync("shared.conf", CancellationToken.None));
        Assert.Equal(["a\n", "a\nb\n"], seen);
    }

    [Fact]
    public async Task Create_writes_only_a_file_that_does_not_exist_yet()
    {
        var sd = _remote.StateDir;
        Assert.True(await sd.CreateFileAsync("units/a.service", "mine", secret: false, CancellationToken.None));
        Assert.False(await sd.CreateFileAsync("units/a.service", "theirs", secret: false, CancellationToken.None));
        Assert.Equal("mine", await sd.ReadFileAsync("units/a.service", CancellationToken.None));
    }

    [Fact]
    public async Task A_versioned_read_of_a_missing_file_is_absent_and_removing_it_is_a_no_op()
    {
        var sd = _remote.StateDir;
        var (content, version) = await sd.ReadVersionedAsync("sanoid/sanoid.conf", CancellationToken.None);
        Assert.Null(content);
        Assert.Equal(StateDirectory.AbsentVersion, version);
        Assert.Null(await sd.UpdateFileAsync("sanoid/sanoid.conf", _ => null, secret: false, CancellationToken.None));
        await sd.WriteFileAsync("sanoid/sanoid.conf", "x", secret: false, CancellationToken.None);
        Assert.Null(await sd.UpdateFileAsync("sanoid/sanoid.conf", _ => null, secret: false, CancellationToken.None));
        Assert.False(File.Exists(sd.PathOf("sanoid/sanoid.conf")));
    }

    [Fact]
    public async Task A_writer_waits_for_the_host_side_lock()
    {
        var sd = _remote.StateDir;
        await sd.WriteFileAsync("x", "0", secret: false, CancellationToken.None);
        // Another process holds <state>/.lock for a second (as another provider process would).
        using var holder = System.Diagnostics.Process.Start("flock", [sd.PathOf("x").Replace("/x", "/.lock", StringComparison.Ordinal), "sleep", "1"]);
        await Task.Delay(200);
        var started = DateTime.UtcNow;
        await sd.WriteFileAsync("x", "1", secret: false, CancellationToken.None);
        Assert.True(DateTime.UtcNow - started > TimeSpan.FromMilliseconds(500));
        await holder!.WaitForExitAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../etc/passwd")]
    [InlineData("units/../../etc")]
    [InlineData("units//a")]
    [InlineData(".lock")]
    [InlineData("-rf")]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("a\nb")]
    [InlineData("$(id)")]
    public async Task Paths_outside_or_odd_are_refused(string path)
    {
        Assert.NotNull(StateDirectory.CheckRelativePath(path));
        await Assert.ThrowsAsync<ArgumentException>(() => _remote.StateDir.WriteFileAsync(path, "", false, CancellationToken.None));
    }

    [Theory]
    [InlineData("units/failure-notify@restic-job.service.d/10-alert.conf")]
    [InlineData("ntfy/phone.env")]
    [InlineData("sanoid/sanoid.conf")]
    public void Contract_paths_are_accepted(string path) => Assert.Null(StateDirectory.CheckRelativePath(path));
}
