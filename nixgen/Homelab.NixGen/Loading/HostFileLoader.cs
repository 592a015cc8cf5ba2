using Homelab.NixGen.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Homelab.NixGen.Loading;

/// <summary>
/// Turns a host file (YAML) into a validated <see cref="Host"/>. Reports every problem it finds as
/// <c>path:line:col: how to fix it</c>; never throws for bad input.
/// </summary>
internal static class HostFileLoader
{
    public const string DefaultStateDir = "/var/lib/homelab";
    public const string DefaultSanoidCalendar = "*:0/15";
    public const string DefaultMonitorInterval = "*:0/15";
    public const string DefaultMonitorFailOn = "critical";

    public static LoadResult LoadFile(string path) => Parse(File.ReadAllText(path), path);

    public static LoadResult Parse(string text, string displayPath)
    {
        var sink = new ErrorSink(displayPath);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var detail = FirstLine(e.InnerException?.Message ?? e.Message);
            const string duplicate = "Duplicate key ";
            sink.Add(e.Start, detail.StartsWith(duplicate, StringComparison.Ordinal)
                ? Messages.Duplicate(detail[duplicate.Length..])
                : Messages.Syntax(detail));
            return new LoadResult(null, sink.Errors);
        }

        if (stream.Documents.Count != 1)
        {
            sink.Add(Mark.Empty, Messages.NotAMapping(string.Empty));
            return new LoadResult(null, sink.Errors);
        }

        var root = MappingReader.From(stream.Documents[0].RootNode, string.Empty, sink);
        var host = root is null ? null : ReadHost(root, sink);
        return sink.HasErrors || host is null ? new LoadResult(null, sink.Errors) : new LoadResult(host, []);
    }

    private static Host? ReadHost(MappingReader root, ErrorSink sink)
    {
        root.RejectUnknown(HostKeys.Root);

        var hostname = root.String("hostname", Patterns.Hostname(), Patterns.HostnameRule, required: true);
        var hostId = ReadHostId(root, hostname, sink);
        var timeZone = root.String("timeZone", Patterns.TimeZone(), Patterns.TimeZoneRule, fallback: "UTC");
        var stateVersion = root.String("stateVersion", Patterns.StateVersion(), Patterns.StateVersionRule, required: true);
        var nixpkgs = ReadNixpkgs(root, stateVersion);
        var admins = ReadAdmins(root, sink);
        var zfs = ReadZfs(root);

        // `incus:` or `tailscale:` with no value turns the feature on with its defaults.
        var incusSection = root.Has("incus") ? root.Mapping("incus") : null;
        incusSection?.RejectUnknown(HostKeys.Incus);
        var incusDataset = root.Has("incus")
            ? incusSection?.String("dataset", Patterns.Dataset(), Patterns.DatasetRule, fallback: "incus") ?? "incus"
            : null;
        if (incusDataset is not null && !IsUsableIncusDataset(incusDataset))
        {
            sink.Add(incusSection!.Raw("dataset")!, Messages.IncusDatasetConflict(incusSection.Child("dataset"), incusDataset));
            incusDataset = null;
        }

        var (stateDir, sanoidCalendar) = ServiceLoader.ReadRuntime(root.Mapping("homelab"), sink);
        var (systemPool, replicaPool) = DiskLoader.Read(root, sink, incusDataset, stateDir);
        var incus = root.Has("incus") && incusDataset is not null && systemPool is not null
            ? ServiceLoader.ReadIncus(incusSection, $"{systemPool.Name}/{incusDataset}")
            : null;
        var tailscaleSection = root.Has("tailscale") ? root.Mapping("tailscale") : null;
        var tailscale = root.Has("tailscale") ? ServiceLoader.ReadTailscale(tailscaleSection) : null;
        var monitor = ServiceLoader.ReadMonitor(root.Mapping("monitor"));
        var pullKeys = ReadReplication(root.Mapping("replication"), sink, systemPool, replicaPool, admins);
        var runtime = stateDir is null || sanoidCalendar is null || monitor is null
            ? null
            : new HomelabRuntime(stateDir, sanoidCalendar, incus is null ? [] : [incus.Dataset], monitor);

        if (sink.HasErrors || hostname is null || hostId is null || timeZone is null || stateVersion is null
            || nixpkgs is null || admins is null || zfs is null || systemPool is null || runtime is null || pullKeys is null)
        {
            return null;
        }

        return new Host(hostname, hostId, timeZone, stateVersion, nixpkgs, admins, zfs, systemPool, replicaPool, incus, tailscale, runtime, pullKeys);
    }

    private static HostIdentity? ReadHostId(MappingReader root, string? hostname, ErrorSink sink)
    {
        var explicitId = root.String("hostId", Patterns.HostId(), Patterns.HostIdRule);
        if (explicitId is not null)
        {
            if (HostIdDerivation.Forbidden.Contains(explicitId))
            {
                sink.Add(root.Raw("hostId")!, Messages.ExampleHostId("hostId", explicitId));
                return null;
            }

            return new HostIdentity(explicitId, Derived: false);
        }

        if (root.Raw("hostId") is not null || hostname is null)
        {
            return null; // already reported
        }

        return new HostIdentity(HostIdDerivation.Derive(hostname), Derived: true);
    }

    private static NixpkgsInput? ReadNixpkgs(MappingReader root, string? stateVersion)
    {
        var section = root.Mapping("nixpkgs");
        section?.RejectUnknown(HostKeys.Nixpkgs);
        var branch = section?.Raw("branch") is not null
            ? section.String("branch", Patterns.Branch(), Patterns.BranchRule)
            : stateVersion is null ? null : $"nixos-{stateVersion}";
        var system = section?.String("system", Patterns.System(), Patterns.SystemRule, fallback: "x86_64-linux") ?? "x86_64-linux";
        return branch is null ? null : new NixpkgsInput(branch, system);
    }

    private static List<AdminUser>? ReadAdmins(MappingReader root, ErrorSink sink)
    {
        var sequence = root.Sequence("admins", required: true);
        if (sequence is null)
        {
            return null;
        }

        var admins = new List<AdminUser>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var admin = MappingReader.From(sequence.Children[i], $"admins[{i}]", sink);
            if (admin is null)
            {
                continue;
            }

            admin.RejectUnknown(HostKeys.Admin);
            var name = admin.String("name", Patterns.User(), Patterns.UserRule, required: true);
            if (name is not null && !seen.Add(name))
            {
                sink.Add(admin.Raw("name")!, Messages.DuplicateValue(admin.Child("name"), name));
            }

            var keys = new List<string>();
            var keyNodes = admin.Sequence("sshKeys", required: true);
            for (var k = 0; keyNodes is not null && k < keyNodes.Children.Count; k++)
            {
                var path = $"{admin.Child("sshKeys")}[{k}]";
                if (keyNodes.Children[k] is not YamlScalarNode { Value: { } key })
                {
                    sink.Add(keyNodes.Children[k], Messages.NotAScalar(path));
                }
                else if (!Patterns.SshKey().IsMatch(key))
                {
                    sink.Add(keyNodes.Children[k], Messages.Pattern(path, Shorten(key), Patterns.SshKeyRule));
                }
                else
                {
                    keys.Add(key);
                }
            }

            if (name is not null)
            {
                admins.Add(new AdminUser(name, keys));
            }
        }

        return admins;
    }

    /// <summary>
    /// <c>replication.pullKeys</c>: keys backup hosts pull with, each restricted to the datasets it
    /// lists (full names on this host's pools). Absent: none. Null after reporting an error.
    /// </summary>
    private static List<PullKey>? ReadReplication(MappingReader? section, ErrorSink sink, SystemPool? systemPool, ReplicaPool? replicaPool, List<AdminUser>? admins)
    {
        if (section is null)
        {
            return [];
        }

        section.RejectUnknown(HostKeys.Replication);
        var sequence = section.Sequence("pullKeys", required: true);
        var keys = new List<PullKey>();
        var failed = false;
        var pools = new List<string>();
        if (systemPool is not null)
        {
            pools.Add(systemPool.Name);
        }

        if (replicaPool is not null)
        {
            pools.Add(replicaPool.Name);
        }

        for (var i = 0; sequence is not null && i < sequence.Children.Count; i++)
        {
            var entry = MappingReader.From(sequence.Children[i], $"{section.Child("pullKeys")}[{i}]", sink);
            if (entry is null)
            {
                failed = true;
                continue;
            }

            entry.RejectUnknown(HostKeys.PullKey);
            var key = entry.String("key", required: true);
            if (key is not null && !Patterns.SshKey().IsMatch(key))
            {
                sink.Add(entry.Raw("key")!, Messages.Pattern(entry.Child("key"), Shorten(key), Patterns.SshKeyRule));
                key = null;
            }

            var user = entry.String("user", Patterns.User(), Patterns.UserRule, fallback: "syncoid-pull");
            if (user is not null && admins is not null && admins.Any(a => a.Name == user))
            {
                sink.Add(entry.Raw("user") ?? entry.Node, Messages.PullUserIsAdmin(entry.Child("user"), user));
                user = null;
            }

            var datasets = new SortedSet<string>(StringComparer.Ordinal);
            var nodes = entry.Sequence("datasets", required: true);
            for (var d = 0; nodes is not null && d < nodes.Children.Count; d++)
            {
                var path = $"{entry.Child("datasets")}[{d}]";
                if (nodes.Children[d] is not YamlScalarNode { Value: { } name })
                {
                    sink.Add(nodes.Children[d], Messages.NotAScalar(path));
                }
                else if (!Patterns.Dataset().IsMatch(name) || name.Split('/').Any(part => part is "." or ".."))
                {
                    sink.Add(nodes.Children[d], Messages.Pattern(path, Shorten(name), Patterns.FullDatasetRule));
                }
                else if (pools.Count > 0 && (!name.Contains('/', StringComparison.Ordinal) || !pools.Contains(name.Split('/')[0])))
                {
                    sink.Add(nodes.Children[d], Messages.PullDatasetPool(path, name, pools));
                }
                else if (!datasets.Add(name))
                {
                    sink.Add(nodes.Children[d], Messages.DuplicateValue(path, name));
                }
            }

            if (key is null || user is null || nodes is null || datasets.Count == 0)
            {
                failed = true;
                continue;
            }

            keys.Add(new PullKey(key, user, [.. datasets]));
        }

        return failed || sequence is null ? null : keys;
    }

    private static ZfsSettings? ReadZfs(MappingReader root)
    {
        var section = root.Mapping("zfs");
        section?.RejectUnknown(HostKeys.Zfs);
        var scrub = section?.String("scrubInterval", Patterns.Calendar(), Patterns.CalendarRule, fallback: "monthly") ?? "monthly";
        var devNodes = section?.String("devNodes", Patterns.AbsolutePath(), Patterns.PathRule, fallback: "/dev/disk/by-id") ?? "/dev/disk/by-id";
        return new ZfsSettings(scrub, devNodes);
    }

    private static bool IsUsableIncusDataset(string name)
    {
        string[] taken = ["local", "persistent", "home", "reserved"];
        return !taken.Any(t => name == t || name.StartsWith(t + "/", StringComparison.Ordinal));
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 37), "...");

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
