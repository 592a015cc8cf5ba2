namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// An apply proves new repository/password/environment files before they replace the live ones:
/// a refused apply leaves the job's files byte-identical and its backup working, and a new
/// password that only the old one can vouch for is rotated into the repository in one apply.
/// Real terraform, the published provider, the real restic.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticTransactionalApplyTests : IDisposable
{
    private const string Old = "the password the job was created with";
    private const string New = "a rotated password, 2nd generation";
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Config(string repository, string password, int version) => $$"""
        resource "homelab_restic_job" "t" {
          name                = "t"
          repository          = {{Hcl.Str(repository)}}
          password_wo         = {{Hcl.Str(password)}}
          password_wo_version = {{version}}
          paths               = [{{Hcl.Str(_host.Source)}}]
        }
        """;

    private string PasswordFile(string name, string password)
    {
        var path = _host.File(name);
        File.WriteAllText(path, password);
        return path;
    }

    [Fact]
    public void A_refused_apply_leaves_the_live_files_byte_identical_and_the_backup_working()
    {
        File.WriteAllText(Path.Combine(_host.Source, "f"), "data");
        var ws = _host.Workspace;
        ws.WriteConfig(Config(_host.Repo, Old, 1));
        ws.Apply();
        _host.RunServiceOk("homelab-restic-t");
        var files = JobFiles();

        // Another repository, whose password the configuration gets wrong.
        var other = _host.File("other-repo");
        Assert.Equal(0, _host.Restic(other, PasswordFile("other-pw", "the other repository's password"), "init").ExitCode);
        ws.WriteConfig(Config(other, "not the other repository's password", 2));
        var refused = ws.ApplyExpectError();
        Assert.Contains("Wrong repository password", refused.Output, StringComparison.Ordinal);

        var now = JobFiles();
        Assert.Equal(files.Keys, now.Keys);
        foreach (var (name, bytes) in files)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(now[name]), $"{name} changed although the apply was refused");
        }
        _host.RunServiceOk("homelab-restic-t");
        Assert.Equal(2, _host.Snapshots(_host.Repo, PasswordFile("old-pw", Old)).Count);
    }

    /// <summary>The job's own files and its units (the repository lock directory may gain a lock file: it holds nothing).</summary>
    private SortedDictionary<string, byte[]> JobFiles()
    {
        var files = ResticTestHost.Tree(_host.State("restic/t"));
        foreach (var (name, bytes) in ResticTestHost.Tree(_host.State("units")))
        {
            files["units/" + name] = bytes;
        }
        return files;
    }

    [Fact]
    public void A_new_password_is_rotated_into_the_repository_in_one_apply()
    {
        File.WriteAllText(Path.Combine(_host.Source, "f"), "data");
        var ws = _host.Workspace;
        ws.WriteConfig(Config(_host.Repo, Old, 1));
        ws.Apply();
        _host.RunServiceOk("homelab-restic-t");

        ws.WriteConfig(Config(_host.Repo, New, 2));
        ws.Apply();
        ws.AssertEmptyPlan();

        Assert.Equal(New, File.ReadAllText(_host.State("restic/t/password")));
        Assert.NotEqual(0, _host.Restic(_host.Repo, PasswordFile("old-pw", Old), "cat", "config").ExitCode);
        var (code, keys, err) = _host.Restic(_host.Repo, PasswordFile("new-pw", New), "--json", "key", "list");
        Assert.True(code == 0, err);
        Assert.Single(System.Text.Json.JsonDocument.Parse(keys).RootElement.EnumerateArray());
        _host.RunServiceOk("homelab-restic-t");
        Assert.Equal(2, _host.Snapshots(_host.Repo, _host.File("new-pw")).Count);
        Assert.Empty(Directory.EnumerateFiles(_host.State("restic/t"), "*.new"));
    }
}
