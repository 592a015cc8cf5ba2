using Homelab.Testing;
using Homelab.NixGen.Loading;
using Homelab.NixGen.Tests.TestKit;

namespace Homelab.NixGen.Tests.Loading;

[Trait(Tier.Name, Tier.Unit)]
public sealed class HostFileLoaderTests
{
    private const string Minimal = """
        hostname: pebble
        stateVersion: "26.05"
        admins:
          - name: admin
            sshKeys:
              - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey admin@laptop
        disks:
          system:
            device: /dev/disk/by-id/nvme-x
        """;

    [Fact]
    public void Minimal_host_gets_the_documented_defaults()
    {
        var result = HostFileLoader.Parse(Minimal, "host.yaml");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var host = result.Host!;
        Assert.Equal("UTC", host.TimeZone);
        Assert.Equal("nixos-26.05", host.Nixpkgs.Branch);
        Assert.Equal("x86_64-linux", host.Nixpkgs.System);
        Assert.Equal("rpool", host.SystemPool.Name);
        Assert.Equal("/var/lib/homelab", host.Runtime.StateDir);
        Assert.Equal("*:0/15", host.Runtime.SanoidOnCalendar);
        Assert.Null(host.Incus);
        Assert.Null(host.Tailscale);
        Assert.Null(host.ReplicaPool);
        Assert.True(host.HostId.Derived);
        Assert.Matches("^[0-9a-f]{8}$", host.HostId.Value);
        Assert.Equal(
            ["home", "local", "local/nix", "local/root", "persistent", "persistent/homelab"],
            host.SystemPool.Datasets.Select(d => d.Name));
        Assert.Equal("/var/lib/homelab", host.SystemPool.Datasets.Single(d => d.Name == "persistent/homelab").Mountpoint);
    }

    [Fact]
    public void Empty_incus_and_tailscale_sections_turn_them_on_with_defaults()
    {
        var result = HostFileLoader.Parse(Minimal + "\nincus:\ntailscale:\n", "host.yaml");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal("rpool/incus", result.Host!.Incus!.Dataset);
        Assert.Equal("incusbr0", result.Host.Incus.BridgeName);
        Assert.Equal(["rpool/incus"], result.Host.Runtime.IncusOwnedDatasets);
        Assert.True(result.Host.Tailscale!.OpenFirewall);
        Assert.Null(result.Host.Tailscale.AuthKeyFile);
    }

    [Fact]
    public void Pull_keys_are_read_with_sorted_full_dataset_names_and_the_default_user()
    {
        var result = HostFileLoader.Parse(Minimal + """

            replication:
              pullKeys:
                - key: ssh-ed25519 AAAAC3Nza syncoid@vault
                  datasets: [rpool/persistent, rpool/home]
                - key: ssh-ed25519 AAAAC3Nzb offsite@cloud
                  user: offsite
                  datasets: [rpool/home/alice]
            """, "host.yaml");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var keys = result.Host!.PullKeys;
        Assert.Equal(2, keys.Count);
        Assert.Equal("syncoid-pull", keys[0].User);
        Assert.Equal(["rpool/home", "rpool/persistent"], keys[0].Datasets);
        Assert.Equal("offsite", keys[1].User);
        Assert.Empty(HostFileLoader.Parse(Minimal, "host.yaml").Host!.PullKeys);
    }

    [Fact]
    public void Derived_host_id_is_stable_and_depends_on_the_hostname()
    {
        Assert.Equal(HostIdDerivation.Derive("pebble"), HostIdDerivation.Derive("pebble"));
        Assert.NotEqual(HostIdDerivation.Derive("pebble"), HostIdDerivation.Derive("atlas"));
        // Pinned: changing the derivation would change every derived hostId and break pool import.
        Assert.Equal("348592cb", HostIdDerivation.Derive("pebble"));
    }

    public static TheoryData<string, string, int, int, string> InvalidCases => new()
    {
        // name, replacement of the Minimal document, expected line, column, message fragment
        { "example host id", Minimal + "\nhostId: 8425e349", 10, 9, "hostId '8425e349' is the example id" },
        { "zero host id", Minimal + "\nhostId: \"00000000\"", 10, 9, "hostId '00000000' is the example id" },
        { "short host id", Minimal + "\nhostId: abc", 10, 9, "hostId 'abc' is invalid: write exactly 8 lowercase hex digits" },
        { "uppercase host id", Minimal + "\nhostId: 7C1E5A92", 10, 9, "hostId '7C1E5A92' is invalid" },
        { "unknown key", Minimal + "\nhostid: 7c1e5a92", 10, 1, "unknown key 'hostid' in the host file; use one of:" },
        { "bad hostname", Minimal.Replace("hostname: pebble", "hostname: Pebble_1"), 1, 11, "hostname 'Pebble_1' is invalid: use 1-63 lowercase letters" },
        { "missing hostname", Minimal.Replace("hostname: pebble\n", ""), 1, 1, "hostname is required; add 'hostname: ...'" },
        { "state version not a release", Minimal.Replace("\"26.05\"", "latest"), 2, 15, "stateVersion 'latest' is invalid" },
        { "bad ssh key", Minimal.Replace("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey admin@laptop", "not-a-key"), 6, 9, "admins[0].sshKeys[0] 'not-a-key' is invalid: paste one OpenSSH public key" },
        { "root as admin", Minimal.Replace("name: admin", "name: root"), 4, 11, "admins[0].name 'root' is invalid" },
        { "admins not a list", Minimal.Replace("  - name: admin\n    sshKeys:\n      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey admin@laptop", "  name: admin"), 4, 3, "admins must be a list" },
        { "missing device", Minimal.Replace("    device: /dev/disk/by-id/nvme-x", "    pool: rpool"), 9, 5, "disks.system.device is required" },
        { "relative device", Minimal.Replace("/dev/disk/by-id/nvme-x", "sda"), 9, 13, "disks.system.device 'sda' is invalid: use a stable device path" },
        { "ashift out of range", Minimal + "\n    ashift: 20", 10, 13, "disks.system.ashift '20' must be a whole number from 9 to 16" },
        { "dataset inside incus", Minimal + "\n    datasets:\n      incus/mine: {}\nincus:", 11, 7, "disks.system.datasets 'incus/mine' is inside 'incus', which Incus owns" },
        { "dataset without parent", Minimal + "\n    datasets:\n      apps/db: {}", 11, 7, "needs its parent 'apps'" },
        { "fixed dataset redeclared", Minimal + "\n    datasets:\n      local/nix: {}", 11, 7, "'local/nix' is part of the fixed layout" },
        { "replica on the system pool", Minimal + "\n  replica:\n    device: /dev/sdb\n    pool: rpool", 12, 11, "disks.replica.pool 'rpool' is also the system pool's name" },
        { "replica on the system disk", Minimal + "\n  replica:\n    device: /dev/disk/by-id/nvme-x", 11, 13, "the replica pool needs a separate disk" },
        { "state dir under nix", Minimal + "\nhomelab:\n  stateDir: /nix/homelab", 11, 13, "homelab.stateDir '/nix/homelab' must be an absolute path outside /nix" },
        { "bool typo", Minimal + "\ntailscale:\n  openFirewall: yes", 11, 17, "tailscale.openFirewall 'yes' is not a boolean; write true or false" },
        { "bad bridge address", Minimal + "\nincus:\n  bridge:\n    ipv4: 10.42.0.1", 12, 11, "incus.bridge.ipv4 '10.42.0.1' is invalid: write the bridge address with its prefix length" },
        { "incus dataset inside persistent", Minimal + "\nincus:\n  dataset: persistent/incus", 11, 12, "incus.dataset 'persistent/incus' overlaps the fixed layout" },
        { "monitor fail level", Minimal + "\nmonitor:\n  failOn: unknown", 11, 11, "monitor.failOn 'unknown' is invalid: write critical (fail only on CRITICAL checks) or warning" },
        { "monitor interval", Minimal + "\nmonitor:\n  interval: \"*:0/15; rm -rf /\"", 11, 13, "monitor.interval '*:0/15; rm -rf /' is invalid: write a systemd OnCalendar expression" },
        { "monitor unknown key", Minimal + "\nmonitor:\n  fail_on: warning", 11, 3, "unknown key 'fail_on' in monitor; use one of: failOn, interval." },
        { "yaml syntax", "hostname: [unclosed\n", 2, 1, "the file is not valid YAML" },
        { "duplicate key", Minimal + "\nhostname: again", 10, 1, "hostname is given twice; keep only one." },
        { "pull key not a key", Minimal + "\nreplication:\n  pullKeys:\n    - key: not-a-key\n      datasets: [rpool/home]", 12, 12, "replication.pullKeys[0].key 'not-a-key' is invalid: paste one OpenSSH public key" },
        { "pull key with options", Minimal + "\nreplication:\n  pullKeys:\n    - key: 'command=\"sh\" ssh-ed25519 AAAAC3Nza x'\n      datasets: [rpool/home]", 12, 12, "replication.pullKeys[0].key 'command=\"sh\" ssh-ed25519 AAAAC3Nza x' is invalid" },
        { "pull dataset of another pool", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      datasets: [tank/home]", 13, 18, "replication.pullKeys[0].datasets[0] 'tank/home' is not a dataset of this host's pools; write the full name, e.g. 'rpool/persistent'" },
        { "pull dataset is a pool", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      datasets: [rpool]", 13, 18, "replication.pullKeys[0].datasets[0] 'rpool' is not a dataset of this host's pools" },
        { "pull dataset with shell", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      datasets: [\"rpool/x;rm -rf /\"]", 13, 18, "replication.pullKeys[0].datasets[0] 'rpool/x;rm -rf /' is invalid: write a full dataset name" },
        { "pull dataset relative", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      datasets: [rpool/../etc]", 13, 18, "replication.pullKeys[0].datasets[0] 'rpool/../etc' is invalid" },
        { "pull dataset twice", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      datasets: [rpool/home, rpool/home]", 13, 30, "replication.pullKeys[0].datasets[1] 'rpool/home' appears more than once" },
        { "pull user is an admin", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      user: admin\n      datasets: [rpool/home]", 13, 13, "replication.pullKeys[0].user 'admin' is also an admin" },
        { "pull user root", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      user: root\n      datasets: [rpool/home]", 13, 13, "replication.pullKeys[0].user 'root' is invalid" },
        { "pull datasets missing", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault", 12, 7, "replication.pullKeys[0].datasets is required" },
        { "pull unknown key", Minimal + "\nreplication:\n  pullKeys:\n    - key: ssh-ed25519 AAAAC3Nza b@vault\n      from: 10.0.0.1\n      datasets: [rpool/home]", 13, 7, "unknown key 'from' in replication.pullKeys[0]; use one of: datasets, key, user." },
        { "pull keys empty", Minimal + "\nreplication:\n  pullKeys: []", 11, 13, "replication.pullKeys must not be empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_input_is_reported_with_file_line_column_and_a_fix(string name, string yaml, int line, int column, string fragment)
    {
        var result = HostFileLoader.Parse(yaml, "hosts/x/host.yaml");

        Assert.False(result.Success, name);
        Assert.Null(result.Host);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.Equal(("hosts/x/host.yaml", line, column), (error.File, error.Line, error.Column));
        Assert.StartsWith($"hosts/x/host.yaml:{line}:{column}: ", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(".", error.Message.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void All_problems_are_reported_at_once_in_file_order()
    {
        var yaml = """
            hostname: BAD
            hostId: nothex
            stateVersion: "26.05"
            admins: []
            disks:
              system:
                device: nope
            """;

        var result = HostFileLoader.Parse(yaml, "h.yaml");

        Assert.Equal([1, 2, 4, 7], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Loading_a_case_file_from_disk_reports_its_path()
    {
        using var dir = new TempDir();
        var path = dir.Write("host.yaml", "hostname: x\n");

        var result = HostFileLoader.LoadFile(path);

        Assert.All(result.Errors, e => Assert.Equal(path, e.File));
        Assert.Contains(result.Errors, e => e.Message.StartsWith("stateVersion is required", StringComparison.Ordinal));
    }
}
