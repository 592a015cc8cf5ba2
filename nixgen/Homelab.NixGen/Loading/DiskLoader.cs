using Homelab.NixGen.Model;

namespace Homelab.NixGen.Loading;

/// <summary>
/// Reads <c>disks</c> and builds the dataset layout of docs/design/nixos-foundation.md:
/// disposable <c>local/{root,nix}</c>, snapshotted <c>persistent</c> and <c>home</c>, the state dir on
/// its own persistent dataset, the Incus-owned dataset and an optional reservation, plus user extras.
/// </summary>
internal static class DiskLoader
{
    public static (SystemPool? System, ReplicaPool? Replica) Read(MappingReader root, ErrorSink sink, string? incusDataset, string? stateDir)
    {
        var disks = root.Mapping("disks", required: true);
        if (disks is null)
        {
            return (null, null);
        }

        disks.RejectUnknown(HostKeys.Disks);
        var system = ReadSystem(disks.Mapping("system", required: true), sink, incusDataset, stateDir);
        var replicaSection = disks.Mapping("replica");
        var replica = replicaSection is null ? null : ReadReplica(replicaSection, sink, system);
        return (system, replica);
    }

    private static SystemPool? ReadSystem(MappingReader? section, ErrorSink sink, string? incusDataset, string? stateDir)
    {
        if (section is null)
        {
            return null;
        }

        section.RejectUnknown(HostKeys.SystemDisk);
        var device = section.String("device", Patterns.Device(), Patterns.DeviceRule, required: true);
        var pool = section.String("pool", Patterns.Pool(), Patterns.PoolRule, fallback: "rpool");
        var esp = section.String("espSize", Patterns.Size(), Patterns.SizeRule, fallback: "1G");
        var ashift = section.Int("ashift", 12, 9, 16);
        var reserve = section.String("reserve", Patterns.Size(), Patterns.SizeRule);

        var datasets = new List<Dataset>
        {
            new("local", null, [], "disposable: never snapshotted or replicated"),
            new("local/root", "/", [], "the root filesystem; rebuilt from the flake", BlankSnapshot: true),
            new("local/nix", "/nix", [], "the Nix store; rebuilt from the flake"),
            new("persistent", "/persistent", [], "state worth keeping: snapshotted and replicated by homelab policies"),
            new("home", "/home", [], "user homes: snapshotted and replicated by homelab policies"),
        };
        if (stateDir is not null)
        {
            datasets.Add(new Dataset("persistent/homelab", stateDir, [], "the homelab state dir the provider writes (docs/guides/host-contract.md)"));
        }

        if (incusDataset is not null)
        {
            datasets.Add(new Dataset(
                incusDataset,
                null,
                [new("homelab:owner", "incus")],
                "owned by Incus (storage pool); never snapshotted by sanoid, never written by the provider"));
        }

        if (reserve is not null)
        {
            datasets.Add(new Dataset("reserved", null, [new("refreservation", reserve)], "keeps the pool from filling up completely"));
        }

        var fixedNames = datasets.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        ReadExtras(section, sink, datasets, fixedNames, incusDataset);

        if (device is null || pool is null || esp is null)
        {
            return null;
        }

        return new SystemPool(pool, device, esp, ashift, [.. datasets.OrderBy(d => d.Name, StringComparer.Ordinal)]);
    }

    private static void ReadExtras(MappingReader section, ErrorSink sink, List<Dataset> datasets, HashSet<string> fixedNames, string? incusDataset)
    {
        var extras = section.Mapping("datasets");
        if (extras is null)
        {
            return;
        }

        var names = extras.Entries.Select(e => e.Key.Value!).ToHashSet(StringComparer.Ordinal);
        foreach (var (keyNode, value) in extras.Entries)
        {
            var name = keyNode.Value!;
            var path = extras.Child(name);
            if (!Patterns.Dataset().IsMatch(name))
            {
                sink.Add(keyNode, Messages.Pattern(path, name, Patterns.DatasetRule));
                continue;
            }

            if (fixedNames.Contains(name))
            {
                sink.Add(keyNode, Messages.DatasetReserved(extras.Path, name));
                continue;
            }

            if (incusDataset is not null && name.StartsWith(incusDataset + "/", StringComparison.Ordinal))
            {
                sink.Add(keyNode, Messages.DatasetInsideIncus(extras.Path, name, incusDataset));
                continue;
            }

            var slash = name.LastIndexOf('/');
            if (slash > 0 && !fixedNames.Contains(name[..slash]) && !names.Contains(name[..slash]))
            {
                sink.Add(keyNode, Messages.DatasetParentMissing(extras.Path, name, name[..slash]));
                continue;
            }

            var entry = MappingReader.MappingReaderOrEmpty(value, path, sink);
            entry?.RejectUnknown(HostKeys.ExtraDataset);
            var mountpoint = entry?.String("mountpoint", Patterns.AbsolutePath(), Patterns.PathRule);
            var comment = entry?.String("comment", Patterns.SingleLine(), Patterns.SingleLineRule) ?? "user dataset";
            var properties = ReadProperties(entry?.Mapping("properties"), sink);
            datasets.Add(new Dataset(name, mountpoint, properties, comment));
        }
    }

    private static List<KeyValuePair<string, string>> ReadProperties(MappingReader? section, ErrorSink sink)
    {
        var properties = new List<KeyValuePair<string, string>>();
        if (section is null)
        {
            return properties;
        }

        foreach (var (key, value) in section.Entries)
        {
            var name = key.Value!;
            var text = section.String(name);
            if (!Patterns.PropertyName().IsMatch(name) || name is "mountpoint")
            {
                sink.Add(key, Messages.Pattern(section.Child(name), name, Patterns.PropertyRule + " (mountpoint is set by nixgen)"));
            }
            else if (text is not null && Patterns.SingleLine().IsMatch(text))
            {
                properties.Add(new(name, text));
            }
            else if (text is not null)
            {
                sink.Add(value, Messages.Pattern(section.Child(name), text, Patterns.PropertyRule));
            }
        }

        return [.. properties.OrderBy(p => p.Key, StringComparer.Ordinal)];
    }

    private static ReplicaPool? ReadReplica(MappingReader section, ErrorSink sink, SystemPool? system)
    {
        section.RejectUnknown(HostKeys.ReplicaDisk);
        var device = section.String("device", Patterns.Device(), Patterns.DeviceRule, required: true);
        var pool = section.String("pool", Patterns.Pool(), Patterns.PoolRule, fallback: "backup");
        var ashift = section.Int("ashift", 12, 9, 16);
        var dataset = section.String("dataset", Patterns.Dataset(), Patterns.DatasetRule, fallback: "replica");
        if (system is not null && pool == system.Name)
        {
            sink.Add(section.Raw("pool") ?? section.Node, Messages.SamePool(section.Child("pool"), pool));
            return null;
        }

        if (system is not null && device == system.Device)
        {
            sink.Add(section.Raw("device")!, Messages.SameDevice(section.Child("device"), device));
            return null;
        }

        return device is null || pool is null || dataset is null ? null : new ReplicaPool(pool, device, ashift, dataset);
    }
}
