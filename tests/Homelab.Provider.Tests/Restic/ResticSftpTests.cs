using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Restic;

/// <summary>An <c>sftp:</c> repository through a real sshd on 127.0.0.1 (generated keys, pinned host key).</summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticSftpTests(Sshd sshd) : IClassFixture<Sshd>, IDisposable
{
    private const string Password = "sftp-repo-password";
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Backs_up_over_sftp_and_restores_byte_exact()
    {
        Directory.CreateDirectory(Path.Combine(_host.Source, "db dir"));
        File.WriteAllBytes(Path.Combine(_host.Source, "db dir", "vault.sqlite3"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(200_000));
        var repoDir = _host.File("sftp-repo");
        var ssh = $"ssh -i {sshd.ClientKeyFile} -p {sshd.Port} -o UserKnownHostsFile={sshd.KnownHostsFile} -o StrictHostKeyChecking=yes -o BatchMode=yes root@127.0.0.1 /usr/lib/openssh/sftp-server";
        var repository = $"sftp:root@127.0.0.1:{repoDir}";
        var ws = _host.Workspace;
        ws.WriteConfig($$"""
            resource "homelab_restic_job" "offsite" {
              name                = "offsite"
              repository          = {{Hcl.Str(repository)}}
              password_wo         = {{Hcl.Str(Password)}}
              password_wo_version = 1
              paths               = [{{Hcl.Str(_host.Source)}}]
              options             = { "sftp.command" = {{Hcl.Str(ssh)}} }
              check               = { read_data_subset = "1/1" }
            }
            """);
        ws.Apply();
        Assert.True(File.Exists(Path.Combine(repoDir, "config")), "restic init ran over sftp");

        _host.RunServiceOk("homelab-restic-offsite");
        var pw = _host.State("restic/offsite/password");
        var snapshots = _host.Snapshots(repository, pw, "-o", "sftp.command=" + ssh);
        Assert.Single(snapshots);
        var target = _host.File("restore");
        var (code, _, err) = _host.Restic(repository, pw, "-o", "sftp.command=" + ssh, "restore", "latest", "--target", target);
        Assert.True(code == 0, err);
        ResticTestHost.AssertSameTree(_host.Source, target + _host.Source);
        _host.RunServiceOk("homelab-restic-offsite-check");
        Assert.False(File.Exists(_host.State("units/homelab-restic-offsite-forget.service")), "no retention, no forget unit");
        ws.Destroy();
        Assert.True(File.Exists(Path.Combine(repoDir, "config")), "destroy keeps the repository");
    }
}
